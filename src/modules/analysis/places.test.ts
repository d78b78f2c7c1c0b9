import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { latLonToSweref, swerefToLatLon } from "../../analysis/index.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { installModuleMessages } from "../index.ts";
import { areaText, directionOf, makeDescriber, placeText, roundDistance } from "./places.ts";

installModuleMessages();
const sv = translator("sv");
const en = translator("en");
const osby = latLonToSweref(56.3797, 13.995);
/** A point `dE` m east and `dN` m north of the Osby gazetteer point. */
const from = (dE: number, dN: number) => swerefToLatLon(osby.n + dN, osby.e + dE);
/** The Osby demo's localities (src/modules/tenants/seed.ts), as the analysis reads them. */
const LOCALITIES = [
  { name: "Osby", lat: 56.3797, lon: 13.995, precisionM: 300 },
  { name: "Lönsboda", lat: 56.3969, lon: 14.3189, precisionM: 500 },
  { name: "Killeberg", lat: 56.4748, lon: 14.0984, precisionM: 500 },
  { name: "Hökön", lat: 56.475, lon: 14.285, precisionM: 1500 },
  { name: "Visseltofta", lat: 56.42, lon: 13.84, precisionM: 2000 },
];
const gazetteer = {
  places: LOCALITIES.map((p) => ({ ...p, locality: true })),
  areas: [
    {
      name: "Osby tätort",
      geometry: {
        type: "Polygon" as const,
        coordinates: [
          [
            [13.96, 56.36],
            [14.03, 56.36],
            [14.03, 56.4],
            [13.96, 56.4],
            [13.96, 56.36],
          ],
        ],
      },
    },
    { name: "Osby landsbygd", geometry: null },
  ],
};

describe("places in words", () => {
  const describePlace = makeDescriber(gazetteer);

  it("says 'centrala Osby' within the place's precision, and distance and direction beyond it", () => {
    const centre = describePlace(from(120, -80).lat, from(120, -80).lon);
    assert.equal(placeText(sv, "sv", centre), "centrala Osby");
    assert.equal(areaText(sv, centre), "inom Osby tätort");
    // Osby's point is known to ±300 m, so distances go in 250 m steps: 410 m → 500 m.
    const se = from(300, -280);
    const d = describePlace(se.lat, se.lon);
    assert.equal(placeText(sv, "sv", d), "500 m sydost om centrala Osby");
    assert.equal(placeText(en, "en", d), "500 m south-east of central Osby");
    const north = from(0, 2600);
    assert.equal(placeText(sv, "sv", describePlace(north.lat, north.lon)), "2,5 km norr om centrala Osby");
  });

  it("never describes a place more finely than its precision, and falls back to coordinates far from every place", () => {
    // Visseltofta is known to ±2 km: 2.5 km away is rounded to whole kilometres, 1.8 km is "centrala".
    const v = latLonToSweref(56.42, 13.84);
    const near = swerefToLatLon(v.n + 1800, v.e);
    assert.equal(placeText(sv, "sv", describePlace(near.lat, near.lon)), "centrala Visseltofta");
    const off = swerefToLatLon(v.n, v.e - 2600);
    assert.equal(placeText(sv, "sv", describePlace(off.lat, off.lon)), "3 km väster om centrala Visseltofta");
    const far = describePlace(57.5, 12.5);
    assert.equal(far.near, null);
    assert.equal(placeText(sv, "sv", far), "57,5° N, 12,5° Ö");
    assert.equal(areaText(sv, far), null, "an area without geometry never contains anything");
  });

  it("rounds distances to steps of at least half the precision, and knows the compass", () => {
    assert.equal(roundDistance(430, 200), 400);
    assert.equal(roundDistance(430, 50), 450);
    assert.equal(roundDistance(1240, 300), 1250);
    assert.equal(roundDistance(12_400, 300), 12_000);
    assert.deepEqual(
      [
        directionOf(0, 1),
        directionOf(1, 1),
        directionOf(1, 0),
        directionOf(1, -1),
        directionOf(0, -1),
        directionOf(-1, -1),
        directionOf(-1, 0),
        directionOf(-1, 1),
      ],
      ["n", "ne", "e", "se", "s", "sw", "w", "nw"],
    );
  });
});
