import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildCellLookup, CellAccumulator, cellId, cellIndex, mergeCells, parseCellId } from "./grid.ts";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function naive(north: Float64Array, east: Float64Array, cell: number, w?: Float64Array): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  for (let i = 0; i < north.length; i++) {
    const k = cellId(Math.floor(east[i] / cell), Math.floor(north[i] / cell));
    const v = m.get(k) ?? [0, 0];
    v[0]++;
    v[1] += w ? w[i] : 1;
    m.set(k, v);
  }
  return m;
}

describe("grid cells", () => {
  it("ix = ⌊E/cell⌋, iy = ⌊N/cell⌋, id ix_iy (edges belong to the upper cell, negatives floor)", () => {
    assert.equal(cellIndex(6_221_800, 100), 62218);
    assert.equal(cellIndex(6_221_899.999, 100), 62218);
    assert.equal(cellIndex(6_221_900, 100), 62219);
    assert.equal(cellIndex(-0.5, 100), -1);
    assert.equal(cellId(4224, 62218), "4224_62218");
    assert.deepEqual(parseCellId("-3_12"), { ix: -3, iy: 12 });
    assert.equal(parseCellId("3-12"), undefined);
  });

  for (const [label, spread, cell, n] of [
    ["dense (block mode)", 20_000, 25, 200_000],
    ["sparse over Sweden (switches to hash mode)", 1_000_000, 25, 300_000],
  ] as const) {
    it(`accumulator equals a naive count: ${label}`, () => {
      const rnd = lcg(7);
      const north = new Float64Array(n);
      const east = new Float64Array(n);
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        north[i] = 6_200_000 + rnd() * spread;
        east[i] = 400_000 + rnd() * spread * 0.8 - (i % 97 === 0 ? 500_000 : 0); // some negative E
        w[i] = Math.round(rnd() * 1000) / 100;
      }
      north[5] = Number.NaN;
      for (const weighted of [false, true]) {
        const acc = new CellAccumulator(cell, weighted);
        let nan = 0;
        for (let s = 0; s < n; s += 10_000) nan += acc.addPoints(north, east, weighted ? w : undefined, s, Math.min(n, s + 10_000));
        assert.equal(nan, 1);
        assert.equal(acc.points, n - 1);
        const cells = acc.result();
        const north2 = north.filter((v) => !Number.isNaN(v));
        const east2 = east.filter((_, i) => !Number.isNaN(north[i]));
        const w2 = w.filter((_, i) => !Number.isNaN(north[i]));
        const ref = naive(north2, east2, cell, w2);
        assert.equal(cells.ix.length, ref.size);
        for (let k = 0; k < cells.ix.length; k++) {
          const v = ref.get(cellId(cells.ix[k], cells.iy[k]));
          assert.ok(v, "unknown cell");
          assert.equal(cells.count[k], v[0]);
          if (weighted && cells.sum) assert.ok(Math.abs(cells.sum[k] - v[1]) < 1e-9);
          if (k > 0) {
            const prev = cells.iy[k - 1] * 4294967296 + cells.ix[k - 1];
            assert.ok(cells.iy[k] * 4294967296 + cells.ix[k] > prev, "row-major order");
          }
        }
      }
    });
  }

  it("mergeCells adds counts of equal cells and keeps row-major order", () => {
    const a = new CellAccumulator(100, true);
    const b = new CellAccumulator(100, true);
    a.add(1, 1, 2);
    a.add(5, 0, 1);
    b.add(1, 1, 3);
    b.add(0, 2, 1);
    b.add(-4, 0, 1);
    const m = mergeCells(a.result(), b.result());
    assert.deepEqual(Array.from(m.ix), [-4, 5, 1, 0]);
    assert.deepEqual(Array.from(m.iy), [0, 0, 1, 2]);
    assert.deepEqual(Array.from(m.count), [1, 1, 2, 1]);
    assert.deepEqual(Array.from(m.sum ?? []), [1, 1, 5, 1]);
  });

  it("buildCellLookup: dense and hash forms find the same cells", () => {
    const ix = Int32Array.of(0, 5, -3, 100, 7);
    const iy = Int32Array.of(0, 2, 9, -50, 7);
    const dense = buildCellLookup(ix, iy, 2);
    const hash = buildCellLookup(ix, iy, 2, 16);
    assert.ok(dense.dense && !hash.dense);
    for (const l of [dense, hash]) {
      for (let i = 0; i < ix.length; i++) assert.equal(l.get(ix[i], iy[i]), i);
      assert.equal(l.get(1, 1), -1);
      assert.equal(l.get(100_000, 0), -1);
    }
  });
});

describe("grid cells: counts beyond 16 bits", () => {
  it("a cell with more than 65 535 points keeps its exact count (block mode overflow)", () => {
    const n = 200_000;
    const north = new Float64Array(n);
    const east = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      north[i] = i % 3 === 0 ? 6_200_010 : 6_200_010 + (i % 50) * 25;
      east[i] = i % 3 === 0 ? 400_010 : 400_010 + (i % 7) * 25;
    }
    const acc = new CellAccumulator(25, false);
    acc.addPoints(north, east, undefined, 0, n);
    acc.add(16_000, 248_000, 1); // the generic path too
    const cells = acc.result();
    let total = 0;
    for (const c of cells.count) total += c;
    assert.equal(total, n + 1);
    const k = Array.from(cells.ix).findIndex((x, i) => x === 16_000 && cells.iy[i] === 248_000);
    assert.ok(cells.count[k] > 65_536, `${cells.count[k]}`);
  });
});
