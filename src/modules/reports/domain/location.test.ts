import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { areaAt, buildGeography, inSwedenBox, parseCoordinate, placePoint } from "./location.ts";

const square = (w: number, s: number, e: number, n: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

describe("report location", () => {
  const geo = buildGeography(square(13.9, 56.3, 14.5, 56.55), [
    { id: "centrum", name: "Centrum", geometry: square(13.98, 56.37, 14.01, 56.39) },
    { id: "landsbygd", name: "Landsbygd", geometry: null },
  ]);

  it("places a point inside the boundary in its area, and refuses one outside", () => {
    const inside = placePoint(geo, 56.38, 13.99);
    assert.equal(inside.kind, "inside");
    assert.equal(inside.kind === "inside" && inside.point.areaId, "centrum");
    assert.equal(areaAt(geo, 56.45, 14.3), null, "an area without a polygon contains nothing");
    assert.equal(placePoint(geo, 56.16, 13.77).kind, "outside");
  });

  it("accepts every Swedish point when the tenant has no boundary", () => {
    assert.equal(placePoint(buildGeography(null, []), 59.33, 18.07).kind, "inside");
    assert.equal(inSwedenBox(59.33, 18.07), true);
    assert.equal(inSwedenBox(55.68, 12.57) && inSwedenBox(48.85, 2.35), false);
  });

  it("reads coordinates typed with a decimal comma, and nothing that is not a number", () => {
    assert.equal(parseCoordinate("56,3812"), 56.3812);
    assert.equal(parseCoordinate(" 13.99 "), 13.99);
    assert.equal(parseCoordinate(14), 14);
    for (const bad of ["femtiosex", "", "56,38,1", "1e3", "0x20", "NaN", Number.NaN, null, undefined]) assert.equal(parseCoordinate(bad), null, String(bad));
  });
});
