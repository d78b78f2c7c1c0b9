import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { erfc, normalCdf, twoSidedP } from "./normal.ts";
import { num, readFixture } from "./testing.ts";

describe("normal distribution", () => {
  const rows = readFixture("normal.csv");
  it("two-sided p and Φ agree with R's pnorm to 1e-14 relative", () => {
    for (const r of rows) {
      const z = num(r.z);
      const p = num(r.p);
      const cdf = num(r.cdf);
      const mine = twoSidedP(z);
      if (p === 0) assert.equal(mine, 0, `z=${z}`);
      else assert.ok(Math.abs(mine - p) <= 1e-14 * p, `z=${z}: ${mine} vs ${p}`);
      const c = normalCdf(z);
      if (cdf === 0) assert.ok(c < 1e-300, `z=${z}`);
      else assert.ok(Math.abs(c - cdf) <= 1e-14 * cdf, `Φ(${z}): ${c} vs ${cdf}`);
    }
  });
  it("erfc: symmetry, known values, NaN", () => {
    assert.equal(erfc(0), 1);
    assert.ok(Math.abs(erfc(1) - 0.15729920705028513) < 1e-16);
    assert.ok(Math.abs(erfc(-1) - (2 - 0.15729920705028513)) < 1e-15);
    assert.ok(Math.abs(erfc(5) / 1.5374597944280349e-12 - 1) < 1e-14);
    assert.equal(erfc(30), 0);
    assert.equal(erfc(-30), 2);
    assert.ok(Number.isNaN(erfc(Number.NaN)));
    assert.ok(Number.isNaN(twoSidedP(Number.NaN)));
  });
  it("classic critical values", () => {
    assert.ok(Math.abs(twoSidedP(1.959963984540054) - 0.05) < 1e-15);
    assert.ok(Math.abs(twoSidedP(2.5758293035489004) - 0.01) < 1e-15);
    assert.ok(Math.abs(twoSidedP(1.6448536269514722) - 0.1) < 1e-15);
  });
});
