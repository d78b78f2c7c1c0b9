import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { latLonToSweref } from "../../analysis/index.ts";
import { publicCells, suppressedCount } from "./public-cells.ts";

describe("public cells (suppression of person-related points)", () => {
  const at = (lat: number, lon: number, category = "narkotika") => ({ lat, lon, category });

  it("counts per category and cell and drops cells below the threshold", () => {
    const points = [at(56.3806, 13.9934), at(56.38061, 13.99341), at(56.38062, 13.99339), at(56.3981, 14.319), at(56.3806, 13.9934, "ordningsstorning")];
    const cells = publicCells(points, { cellSize: 250, minCount: 3 });
    assert.equal(cells.length, 1);
    assert.equal(cells[0]!.count, 3);
    assert.equal(cells[0]!.category, "narkotika");
    assert.equal(publicCells(points, { cellSize: 250, minCount: 1 }).length, 3);
  });

  it("never gives a report's own position: the centre of its cell", () => {
    const p = at(56.3806, 13.9934);
    const [cell] = publicCells([p, p, p], { cellSize: 250, minCount: 3 });
    const a = latLonToSweref(cell!.lat, cell!.lon);
    const b = latLonToSweref(p.lat, p.lon);
    assert.ok(Math.abs(a.e - b.e) <= 125.5 && Math.abs(a.n - b.n) <= 125.5);
    assert.ok(Math.abs((((a.e % 250) + 250) % 250) - 125) < 1, "the centre of a 250 m cell");
  });

  it("refuses settings that would reveal points", () => {
    assert.throws(() => publicCells([], { cellSize: 10, minCount: 3 }));
    assert.throws(() => publicCells([], { cellSize: 250, minCount: 0 }));
    assert.equal(suppressedCount(2, 3), null);
    assert.equal(suppressedCount(3, 3), 3);
  });
});
