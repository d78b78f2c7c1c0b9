import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { cellsInsideRings, pointInRings, ringsFromGeoJson } from "./polygon.ts";

const OSBY = new URL("../../test/fixtures/shared/osby-kommun-okfse.geojson", import.meta.url);

describe("boundaries", () => {
  const square = [Float64Array.of(0, 0, 1000, 0, 1000, 1000, 0, 1000)];
  const hole = Float64Array.of(200, 200, 400, 200, 400, 400, 200, 400);
  it("point in polygon, with a hole", () => {
    assert.equal(pointInRings(500, 500, square), true);
    assert.equal(pointInRings(1500, 500, square), false);
    assert.equal(pointInRings(300, 300, [...square, hole]), false);
    assert.equal(pointInRings(500, 300, [...square, hole]), true);
  });
  it("cells inside = cells whose centroid is inside (square with a hole)", () => {
    const rings = [...square, hole];
    const c = cellsInsideRings(rings, 100);
    assert.equal(c.ix.length, 100 - 4);
    for (let k = 0; k < c.ix.length; k++) assert.ok(pointInRings((c.ix[k] + 0.5) * 100, (c.iy[k] + 0.5) * 100, rings));
  });
  it("Osby kommun (real boundary): area ≈ 590 km², scanline equals the point test", () => {
    const rings = ringsFromGeoJson(JSON.parse(readFileSync(OSBY, "utf8")));
    const c = cellsInsideRings(rings, 100);
    const km2 = c.ix.length / 100;
    assert.ok(km2 > 560 && km2 < 620, `${km2} km²`);
    // Compare with the point test on a window of cells around the boundary.
    const inside = new Set<string>();
    for (let k = 0; k < c.ix.length; k++) inside.add(`${c.ix[k]}_${c.iy[k]}`);
    let minX = Infinity;
    let minY = Infinity;
    for (let k = 0; k < c.ix.length; k++) {
      minX = Math.min(minX, c.ix[k]);
      minY = Math.min(minY, c.iy[k]);
    }
    for (let ix = minX - 3; ix < minX + 200; ix += 1) {
      for (let iy = minY - 3; iy < minY + 200; iy += 7) {
        assert.equal(inside.has(`${ix}_${iy}`), pointInRings((ix + 0.5) * 100, (iy + 0.5) * 100, rings), `${ix}_${iy}`);
      }
    }
  });
  it("GeoJSON in SWEREF 99 TM metres is detected and used as is", () => {
    const gj = {
      type: "Polygon",
      coordinates: [
        [
          [400000, 6200000],
          [401000, 6200000],
          [401000, 6201000],
          [400000, 6200000],
        ],
      ],
    };
    const r = ringsFromGeoJson(gj);
    assert.equal(r[0][0], 400000);
    assert.throws(() => ringsFromGeoJson({ type: "Point", coordinates: [1, 2] }));
  });
});
