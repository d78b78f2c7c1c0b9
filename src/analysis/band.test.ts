import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gridStencil, pointBandNeighbours, withinBand, withinBandExact } from "./band.ts";
import { readFixture } from "./testing.ts";

function offsets(cell: number, band: number): string[] {
  const s = gridStencil(cell, band);
  const out: string[] = [];
  for (let ky = -s.r; ky <= s.r; ky++) {
    const h = s.half[ky + s.r];
    for (let kx = -h; kx <= h; kx++) if (kx !== 0 || ky !== 0) out.push(`${kx},${ky}`);
  }
  return out.sort();
}

describe("fixed distance band, inclusive and exact at the band", () => {
  it("band = cell: the four rook neighbours (distance exactly 1 cell is in)", () => {
    assert.deepEqual(offsets(100, 100), ["-1,0", "0,-1", "0,1", "1,0"]);
  });
  it("band just below the diagonal: rook; band = hypot(100, 100): queen", () => {
    assert.equal(offsets(100, 141.42).length, 4);
    assert.equal(offsets(100, Math.sqrt(20000)).length, 8);
    assert.equal(offsets(100, Math.hypot(100, 100)).length, 8);
  });
  it("100 m cells, 250 m band: 20 neighbours; 25 m / 62.5 m the same shape", () => {
    assert.equal(gridStencil(100, 250).size, 20);
    assert.deepEqual(offsets(25, 62.5), offsets(100, 250));
  });
  it("3-4-5 ties are included: 500 m band on 100 m cells reaches (3,4), (4,3), (5,0)", () => {
    const o = offsets(100, 500);
    for (const k of ["3,4", "4,3", "5,0", "0,5", "-3,-4", "-5,0"]) assert.ok(o.includes(k), k);
    assert.ok(!o.includes("4,4"));
    assert.equal(gridStencil(100, 500).size, 80);
    assert.equal(gridStencil(100, 499.99999999).size, 68);
  });
  it("decimal cells: the rounded distance decides, as hypot does (0.1 m cells, 0.5 m band)", () => {
    const o = offsets(0.1, 0.5);
    assert.ok(o.includes("3,4") && o.includes("5,0"));
  });
  it("exact test agrees with the definition round(√(dx²+dy²)) ≤ band", () => {
    assert.equal(withinBandExact(0.3, 0.4, 0.5), true);
    assert.equal(withinBandExact(300, 400, 500), true);
    assert.equal(withinBandExact(300, 400, 499.99999999999994), false);
    // 400 + 1 ulp: the distance is 500 + 4.5e-14, beyond half an ulp of 500 (2.8e-14): out.
    assert.equal(withinBandExact(300, 400.00000000000006, 500), false);
    // √(1 + 1e-18) = 1 + 5e-19 rounds to 1: in (hypot gives exactly the band); 1 + 5e-15 does not.
    assert.equal(withinBandExact(1, 1e-9, 1), true);
    assert.equal(withinBandExact(1, 1e-7, 1), false);
    assert.equal(withinBandExact(0, 0, 1), true);
    assert.equal(withinBandExact(-3, -4, 5), true);
    for (let k = 0; k < 2000; k++) {
      const dx = ((k * 37) % 101) * 0.37;
      const dy = ((k * 91) % 103) * 0.29;
      const band = ((k * 13) % 97) * 0.41 + 0.01;
      assert.equal(withinBand(dx, dy, band, band * band), Math.hypot(dx, dy) <= band || withinBandExact(dx, dy, band));
    }
  });
  it("spdep's neighbour decisions at exact ties and duplicates are reproduced (ties.csv)", () => {
    const ties = readFixture("ties.csv");
    assert.ok(ties.length > 100);
    for (const t of ties) {
      const mine = withinBandExact(Number(t.dx), Number(t.dy), Number(t.band));
      assert.equal(mine, t.neighbour === "TRUE", `${t.case} ${t.i}-${t.j}`);
    }
  });
  it("point neighbours: duplicates are neighbours, self never, lists ascending", () => {
    const x = Float64Array.of(0, 0, 3, 10, 0.3);
    const y = Float64Array.of(0, 0, 4, 10, 0.4);
    const nb = pointBandNeighbours(x, y, 5);
    const list = (i: number) => Array.from(nb.idx.subarray(nb.start[i], nb.start[i + 1]));
    assert.deepEqual(list(0), [1, 2, 4]);
    assert.deepEqual(list(1), [0, 2, 4]);
    assert.deepEqual(list(2), [0, 1, 4]);
    assert.deepEqual(list(3), []);
  });
});
