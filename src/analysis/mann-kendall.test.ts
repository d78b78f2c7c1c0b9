import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mannKendall } from "./mann-kendall.ts";
import { num, readFixture } from "./testing.ts";

describe("Mann–Kendall trend test", () => {
  for (const [k, r] of readFixture("mann-kendall.csv").entries()) {
    it(`series ${k + 1} equals the base-R computation (S, tie-corrected Var(S), Z, p, τ_b)`, () => {
      const x = r.series.split(" ").map(Number);
      const mk = mannKendall(x);
      assert.equal(mk.s, num(r.S));
      assert.ok(Math.abs(mk.varS - num(r.varS)) <= 1e-12 * num(r.varS));
      assert.ok(Math.abs(mk.z - num(r.Z)) <= 1e-12);
      assert.ok(Math.abs(mk.p - num(r.p)) <= 1e-13);
      assert.ok(Math.abs(mk.tau - num(r.tau)) <= 1e-12, `tau ${mk.tau} vs ${r.tau}`);
    });
  }
  it("hand-computed: 1 2 3 2 (one tie pair)", () => {
    // pairs: (1,2)+ (1,3)+ (1,2)+ (2,3)+ (2,2)0 (3,2)− → S = 3
    // Var = (4·3·13 − 2·1·9)/18 = (156 − 18)/18 = 7.666…
    const mk = mannKendall([1, 2, 3, 2]);
    assert.equal(mk.s, 3);
    assert.ok(Math.abs(mk.varS - 138 / 18) < 1e-15);
    assert.ok(Math.abs(mk.z - 2 / Math.sqrt(138 / 18)) < 1e-15);
  });
  it("ignores NaN and handles constant series", () => {
    assert.equal(mannKendall([1, Number.NaN, 2, 3]).n, 3);
    const c = mannKendall([2, 2, 2]);
    assert.equal(c.s, 0);
    assert.equal(c.z, 0);
    assert.equal(c.p, 1);
  });
});
