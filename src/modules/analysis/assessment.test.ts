import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeHotspots, ringsFromGeoJson } from "../../analysis/index.ts";
import { assessHotspots, MIN_CELLS_WITH_EVENTS, MIN_EVENTS_PER_CELL, sparseReason } from "./assessment.ts";
import { scatteredPoints } from "./testing.ts";

const arrays = (pts: Array<{ lat: number; lon: number }>) => ({ lat: Float64Array.from(pts.map((p) => p.lat)), lon: Float64Array.from(pts.map((p) => p.lon)) });
const significant = (classes: Int8Array) => classes.reduce((n, c) => n + (c !== 0 ? 1 : 0), 0);

describe("hot spot classes people see", () => {
  it("uniform noise: raw p flags about a tenth of the cells, FDR q (the default) none; a real cluster survives q", () => {
    const uniform = arrays(scatteredPoints({ n: 3000, side: 6000, seed: 1273 }));
    const byP = assessHotspots(computeHotspots(uniform, { cellSize: 100, band: 250, classifyBy: "p" }));
    const byQ = assessHotspots(computeHotspots(uniform, { cellSize: 100, band: 250, classifyBy: "q" }));
    const cells = byQ.classes.length;
    assert.equal(byQ.assessment.sparse, null, "3 000 points over 36 km² are not too sparse (1.46 per cell with incidents)");
    // Expected false discoveries under BH at q < 0.10 on pure noise: P(any) ≲ 0.1, clumps of ≲ 21
    // cells → ≈ 1–2 cells on average; 1 % (≈ 20 cells) cannot be reached without a second clump.
    assert.ok(significant(byQ.classes) <= cells * 0.01, `by q: ${significant(byQ.classes)} of ${cells}`);
    assert.ok(significant(byP.classes) >= cells * 0.05, `by p: ${significant(byP.classes)} of ${cells}`);

    const clustered = computeHotspots(arrays(scatteredPoints({ n: 3000, side: 6000, seed: 1273, cluster: 150, sigma: 80 })), {
      cellSize: 100,
      band: 250,
      classifyBy: "q",
    });
    const c = assessHotspots(clustered);
    let hot99 = 0;
    for (let i = 0; i < c.classes.length; i++) if (c.classes[i] === 3) hot99++;
    assert.ok(hot99 >= 5, `the cluster is found by q: ${hot99} cells at 99 %`);
  });

  it("never classifies a cell without incidents, and counts what it left out (boundary analysis)", () => {
    const box = ringsFromGeoJson(
      {
        type: "Polygon",
        coordinates: [
          [
            [13.9, 56.3],
            [14.5, 56.3],
            [14.5, 56.55],
            [13.9, 56.55],
            [13.9, 56.3],
          ],
        ],
      },
      "wgs84",
    );
    const pts = arrays([
      ...scatteredPoints({ n: 500, side: 20_000, seed: 5, centre: { lat: 56.42, lon: 14.2 } }),
      ...scatteredPoints({ n: 0, seed: 6, cluster: 300, sigma: 60 }),
    ]);
    const r = computeHotspots(pts, { cellSize: 250, band: 500, boundary: box, classifyBy: "p" });
    let engineEmptyHot = 0;
    for (let i = 0; i < r.classes.length; i++) if (r.count[i] === 0 && (r.classes[i] as number) > 0) engineEmptyHot++;
    assert.ok(engineEmptyHot > 0, "Gi* itself calls empty cells next to the cluster hot");
    const a = assessHotspots(r);
    for (let i = 0; i < a.classes.length; i++) if (r.count[i] === 0) assert.equal(a.classes[i], 0);
    assert.equal(a.assessment.emptyNearHot, engineEmptyHot);
    assert.ok(significant(a.classes) > 0, "the cluster itself is still there");
  });

  it("is too sparse below 30 cells with incidents or 1.3 incidents per such cell, and not at the thresholds", () => {
    assert.equal(MIN_CELLS_WITH_EVENTS, 30);
    assert.equal(MIN_EVENTS_PER_CELL, 1.3);
    assert.equal(sparseReason(80, 29, 1), "fewCells");
    assert.equal(sparseReason(80, 30, 1), null);
    assert.equal(sparseReason(129, 100, 1), "fewEvents");
    assert.equal(sparseReason(130, 100, 1), null);
    assert.equal(sparseReason(13, 10, 1), "fewCells", "the cell count is checked first");
    assert.equal(sparseReason(200, 100, 0), "noVariation");
    // Too sparse: no cell keeps a class, whatever the engine said.
    const count = Int32Array.from({ length: 40 }, () => 1);
    const classes = Int8Array.from({ length: 40 }, (_, i) => (i < 3 ? 3 : 0));
    const a = assessHotspots({ count, classes, variance: 0.1 });
    assert.equal(a.assessment.sparse, "fewEvents");
    assert.equal(significant(a.classes), 0);
    assert.deepEqual(a.assessment, { events: 40, cellsWithEvents: 40, eventsPerCell: 1, emptyNearHot: 0, emptyCold: 0, sparse: "fewEvents" });
  });
});
