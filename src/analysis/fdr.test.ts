import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { benjaminiHochberg } from "./fdr.ts";
import { column, readFixture } from "./testing.ts";

describe("Benjamini–Hochberg q-values", () => {
  it("equal R's p.adjust(p, 'BH') (ties, NA, 0 and 1 included)", () => {
    const rows = readFixture("bh.csv");
    const p = column(rows, "p");
    const expected = column(rows, "q");
    const q = benjaminiHochberg(p);
    for (let i = 0; i < p.length; i++) {
      if (Number.isNaN(expected[i])) assert.ok(Number.isNaN(q[i]), `index ${i}`);
      else assert.ok(Math.abs(q[i] - expected[i]) <= 1e-15 * Math.max(1e-300, expected[i]), `index ${i}: ${q[i]} vs ${expected[i]}`);
    }
  });
  it("hand example: m = 4", () => {
    // sorted p: .01 .02 .03 .5 → m/i·p: .04 .04 .04 .5 → cummin from the top: .04 .04 .04 .5
    const q = benjaminiHochberg(Float64Array.of(0.5, 0.03, 0.01, 0.02));
    const expected = [0.5, 0.04, 0.04, 0.04];
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(q[i] - expected[i]) < 1e-16, `${q[i]}`);
  });
  it("empty and all-NaN input", () => {
    assert.equal(benjaminiHochberg(new Float64Array(0)).length, 0);
    assert.ok(Number.isNaN(benjaminiHochberg(Float64Array.of(Number.NaN))[0]));
  });
  it("large input is monotone in p and capped at 1", () => {
    const n = 200_000;
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) p[i] = ((i * 2654435761) % 1000003) / 1000003;
    const q = benjaminiHochberg(p);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
    for (let k = 1; k < n; k++) assert.ok(q[order[k]] >= q[order[k - 1]]);
    for (let i = 0; i < n; i++) assert.ok(q[i] <= 1 && q[i] >= p[i]);
  });
});

describe("argsortNonNegative", () => {
  it("orders like a comparison sort, stable for duplicates, including values equal in their high word", async () => {
    const { argsortNonNegative } = await import("./sort.ts");
    const n = 50_000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = i % 5 === 0 ? 0.5 + (i % 13) * 1e-15 : i % 7 === 0 ? 1 : ((i * 7919) % 10007) / 10007;
    v[3] = 0;
    v[4] = -0;
    const perm = argsortNonNegative(v);
    const ref = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
    assert.deepEqual(Array.from(perm), ref);
  });
});

describe("BH with many ties (distinct-value path)", () => {
  it("equals R's algorithm (sort all, cummin of (m/i)·p) exactly", () => {
    const n = 100_000;
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) p[i] = i % 17 === 0 ? Number.NaN : ((i * 7919) % 300) / 299;
    p[5] = 1e-9;
    p[6] = 0;
    const q = benjaminiHochberg(p);
    // Reference: R's p.adjust written out naively.
    const idx = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(p[i]));
    const m = idx.length;
    const o = idx.slice().sort((a, b) => p[b] - p[a] || a - b); // decreasing
    const ref = new Float64Array(n).fill(Number.NaN);
    let run = Number.POSITIVE_INFINITY;
    o.forEach((k, j) => {
      const i = m - j;
      run = Math.min(run, (m / i) * p[k]);
      ref[k] = Math.min(1, run);
    });
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(ref[i])) assert.ok(Number.isNaN(q[i]));
      else assert.equal(q[i], ref[i], `index ${i}`);
    }
  });
});
