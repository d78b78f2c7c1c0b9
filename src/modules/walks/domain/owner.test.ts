import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type EarlierAction, suggestOwner } from "./owner.ts";

const LAMP = { lat: 56.3985, lon: 14.3195 };
const HOUSING = "org-bostader";
const STREETS = "org-samhallsbyggnad";
const TRAFIKVERKET = "org-trafikverket";
const usable = new Set([HOUSING, STREETS, TRAFIKVERKET]);
const settings = { byCategory: { belysning: STREETS, trafikmiljo: TRAFIKVERKET }, fallback: STREETS };

/** A point `m` metres north of LAMP. */
const north = (m: number) => ({ lat: LAMP.lat + m / 111_320, lon: LAMP.lon });

describe("owner suggestion", () => {
  const earlier: EarlierAction[] = [
    { organisationId: HOUSING, category: "belysning", ...north(60), at: new Date("2021-11-10") },
    { organisationId: TRAFIKVERKET, category: "klotter", ...north(20), at: new Date("2022-05-01") },
  ];

  it("takes the owner of an earlier action of the same category nearby", () => {
    assert.deepEqual(suggestOwner({ category: "belysning", ...LAMP }, earlier, settings, usable), { organisationId: HOUSING, reason: "samePlaceCategory" });
  });

  it("takes the owner of any earlier action at the very same place", () => {
    assert.deepEqual(suggestOwner({ category: "nedskrapning", ...LAMP }, earlier, settings, usable), {
      organisationId: TRAFIKVERKET,
      reason: "samePlace",
    });
  });

  it("falls back to the tenant's owner for the category, then the default owner", () => {
    const far = { lat: 56.41, lon: 14.33 };
    assert.deepEqual(suggestOwner({ category: "trafikmiljo", ...far }, earlier, settings, usable), { organisationId: TRAFIKVERKET, reason: "category" });
    assert.deepEqual(suggestOwner({ category: "hang", ...far }, earlier, settings, usable), { organisationId: STREETS, reason: "fallback" });
  });

  it("suggests nobody when nothing fits, and never an organisation not usable in the tenant", () => {
    assert.equal(suggestOwner({ category: "hang", ...LAMP }, [], { byCategory: {}, fallback: null }, usable), null);
    assert.equal(suggestOwner({ category: "belysning", ...LAMP }, earlier, { byCategory: {}, fallback: "org-elsewhere" }, new Set([STREETS])), null);
  });

  it("ignores distance for an observation without a position", () => {
    assert.deepEqual(suggestOwner({ category: "belysning", lat: null, lon: null }, earlier, settings, usable), { organisationId: STREETS, reason: "category" });
  });
});
