import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { colourOf, indexFromShare, meanOf, percent, poststratify, weightedShare, wilson } from "./stats.ts";

const close = (actual: number, expected: number, tol = 1e-6) => assert.ok(Math.abs(actual - expected) <= tol, `${actual} ≠ ${expected} (±${tol})`);

describe("wilson", () => {
  it("matches hand-computed intervals", () => {
    // p̂ = 0.5, n = 10: centre 0.5, half-width (z / (1 + z²/n)) · √(p̂(1−p̂)/n + z²/4n²) = 0.263407
    const a = wilson(5, 10)!;
    close(a.p, 0.5);
    close(a.lo, 0.236593);
    close(a.hi, 0.763407);
    // The textbook example 81/263 (95 %): 0.2553–0.3662
    const b = wilson(81, 263)!;
    close(b.lo, 0.255289, 1e-6);
    close(b.hi, 0.36621, 1e-5);
    const c = wilson(62, 100)!;
    close(c.lo, 0.522098);
    close(c.hi, 0.709024);
  });

  it("stays inside [0, 1] at the edges and has no interval without answers", () => {
    const none = wilson(0, 10)!;
    assert.equal(none.lo, 0);
    close(none.hi, 0.277533);
    const all = wilson(10, 10)!;
    close(all.lo, 0.722467);
    assert.equal(all.hi, 1);
    assert.equal(wilson(0, 0), null);
  });
});

describe("weighting", () => {
  it("gives post-stratification weights (N_s/N)/(r_s/r)", () => {
    const w = poststratify(
      [
        { area_id: "a", age_group: "16_24", sex: "kvinna", count: 600 },
        { area_id: "b", age_group: "16_24", sex: "kvinna", count: 400 },
        { area_id: "c", age_group: "16_24", sex: "kvinna", count: 50 },
      ],
      [
        { area_id: "a", age_group: "16_24", sex: "kvinna", responses: 20 },
        { area_id: "b", age_group: "16_24", sex: "kvinna", responses: 80 },
        { area_id: null, age_group: "16_24", sex: "kvinna", responses: 7 },
      ],
    );
    close(w.byStratum.get("a|16_24|kvinna")!, 3);
    close(w.byStratum.get("b|16_24|kvinna")!, 0.5);
    assert.equal(w.population, 1000, "strata without respondents are left out of N");
    assert.equal(w.excluded, 7, "respondents without a known stratum are counted as excluded");
    assert.equal(w.emptyStrata, 1);
  });

  it("computes a weighted share with Kish's effective sample size", () => {
    const s = weightedShare([
      { w: 2, k: 3, base: 5 },
      { w: 0.5, k: 1, base: 5 },
    ])!;
    close(s.p, 0.52); // (2·3 + 0.5·1) / (2·5 + 0.5·5)
    close(s.nEff, 7.352941); // 12.5² / (4·5 + 0.25·5)
    close(s.lo, 0.220392);
    close(s.hi, 0.805882);
    assert.equal(weightedShare([{ w: 1, k: 0, base: 0 }]), null);
  });
});

describe("means, index and colours", () => {
  it("computes mean, sd and a normal interval from sums", () => {
    const m = meanOf(4, 10, 30)!; // 1, 2, 3, 4
    close(m.mean, 2.5);
    close(m.sd, Math.sqrt(5 / 3));
    close(m.hi - m.mean, 1.265151);
    assert.equal(meanOf(0, 0, 0), null);
  });

  it("converts a share to the 0–6 scale only when the tenant switched it on, clamped", () => {
    assert.equal(indexFromShare(0.5, { enabled: false, factor: 6, offset: 0 }), null);
    assert.equal(indexFromShare(0.5, { enabled: true, factor: 6, offset: 0 }), 3);
    assert.equal(indexFromShare(0.9, { enabled: true, factor: 8, offset: 0 }), 6);
    assert.equal(indexFromShare(0.123, { enabled: true, factor: 6, offset: 0.5 }), 1.24);
  });

  it("colours an index by the tenant's bands", () => {
    const bands = [
      { from: 0, colour: "gron" as const },
      { from: 2.5, colour: "gul" as const },
      { from: 4, colour: "rod" as const },
    ];
    assert.equal(colourOf(2, bands), "gron");
    assert.equal(colourOf(2.5, bands), "gul");
    assert.equal(colourOf(5, bands), "rod");
    assert.equal(colourOf(-1, bands), null);
  });

  it("rounds percentages half up", () => {
    assert.equal(percent(0.125), 13);
    assert.equal(percent(0.124), 12);
  });
});
