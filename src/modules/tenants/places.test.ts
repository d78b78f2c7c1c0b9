import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describePosition, nearestPlace, type PlaceRow } from "./places.ts";

const place = (name: string, lat: number, lon: number): PlaceRow => ({
  id: name,
  tenant_id: "t",
  name,
  kind: "annan",
  lat,
  lon,
  geometry: null,
  description: "",
  precision_m: 50,
  source: "",
});
const places = [place("Osby station", 56.3797, 13.9953), place("Lönsboda centrum", 56.398, 14.319)];

describe("describing a position by the nearest named place", () => {
  it("names the place, the distance and the direction", () => {
    assert.equal(describePosition(places, 56.3798, 13.9954, "sv"), "vid Osby station");
    assert.equal(describePosition(places, 56.3827, 13.9953, "sv"), "350 m norr om Osby station");
    assert.equal(describePosition(places, 56.398, 14.327, "en"), "500 m east of Lönsboda centrum");
    assert.equal(describePosition(places, 56.385, 14.007, "sv"), "950 m nordost om Osby station");
  });
  it("says nothing far from every place", () => {
    assert.equal(nearestPlace(places, 56.5, 13.8), null);
    assert.equal(describePosition([], 56.38, 13.99, "sv"), null);
  });
});

describe("the Osby demo's named places", () => {
  it("lie in Osby kommun, each with a source and a precision no finer than what the source allows", async () => {
    const { OSBY_PLACES } = await import("./seed.ts");
    const { municipalityAt } = await import("./municipalities.ts");
    for (const p of OSBY_PLACES) {
      assert.equal(municipalityAt(p.lat, p.lon)?.name, "Osby", p.name);
      assert.ok(p.source.length > 10, `${p.name}: a source`);
      assert.ok(p.precision_m >= 300, `${p.name}: approximate, and says so`);
    }
  });
});
