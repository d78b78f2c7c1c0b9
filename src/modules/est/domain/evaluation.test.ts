import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { binomialTestHalf, evaluate, evaluationPeriods, ratioOfRatiosTest, suggestComparison } from "./evaluation.ts";

describe("insats evaluation: tests for counts", () => {
  it("the exact binomial test equals R's binom.test(k, n, 0.5)", () => {
    // Values from R 4.3: binom.test(k, n)$p.value
    assert.ok(Math.abs(binomialTestHalf(3, 20) - 0.002576828) < 1e-8);
    assert.ok(Math.abs(binomialTestHalf(10, 20) - 1) < 1e-12);
    assert.ok(Math.abs(binomialTestHalf(2, 10) - 0.109375) < 1e-12);
    assert.ok(Math.abs(binomialTestHalf(0, 5) - 0.0625) < 1e-12);
    assert.ok(Math.abs(binomialTestHalf(40, 100) - 0.05688793) < 1e-7);
    assert.equal(binomialTestHalf(0, 0), 1);
    assert.throws(() => binomialTestHalf(6, 5), RangeError);
  });

  it("the ratio-of-ratios test: no difference when both places change alike", () => {
    const same = ratioOfRatiosTest({ before: 20, after: 10 }, { before: 40, after: 20 });
    assert.ok(Math.abs(same.z) < 0.1);
    assert.ok(same.p > 0.9);
    const drop = ratioOfRatiosTest({ before: 40, after: 8 }, { before: 40, after: 42 });
    assert.ok(drop.ratio < 0.3);
    assert.ok(drop.p < 0.001);
    // Zero counts stay usable (½ added).
    assert.ok(Number.isFinite(ratioOfRatiosTest({ before: 0, after: 5 }, { before: 3, after: 0 }).z));
  });
});

describe("insats evaluation: periods, verdicts and caveats", () => {
  const today = 20_000;
  it("equal periods before and after, at least the minimum window", () => {
    const p = evaluationPeriods(19_000, 19_006, 28);
    assert.deepEqual(p, { days: 28, before: { from: 18_972, to: 19_000 }, after: { from: 19_000, to: 19_028 } });
    assert.equal(evaluationPeriods(19_000, 19_059, 28).days, 60);
  });

  it("difference-in-differences with a comparison area, verdict from its test", () => {
    const periods = evaluationPeriods(19_000, 19_027, 28);
    const e = evaluate({ periods, target: { before: 30, after: 9 }, comparison: { before: 25, after: 27 }, comparisonSuggested: false, today });
    assert.equal(e.change, -21);
    assert.equal(e.differenceInDifferences, -23);
    assert.equal(e.verdict, "minskning");
    assert.ok(e.pComparison !== null && e.pComparison < 0.05);
    assert.ok(e.caveats.includes("regression") && e.caveats.includes("rapportering") && !e.caveats.includes("ingenJamforelse"));
  });

  it("the comparison fell as much: no sure difference, though the place alone fell", () => {
    const periods = evaluationPeriods(19_000, 19_027, 28);
    const e = evaluate({ periods, target: { before: 30, after: 12 }, comparison: { before: 30, after: 13 }, comparisonSuggested: true, today });
    assert.ok(e.pTarget < 0.05);
    assert.equal(e.verdict, "ingen_saker_skillnad");
    assert.ok(e.caveats.includes("jamforelseForeslagen"));
  });

  it("few incidents, no comparison and a period not yet over each say so", () => {
    const periods = evaluationPeriods(19_000, 19_027, 28);
    const few = evaluate({ periods, target: { before: 4, after: 1 }, comparison: null, comparisonSuggested: false, today });
    assert.equal(few.verdict, "for_fa");
    assert.ok(few.caveats.includes("smaTal") && few.caveats.includes("ingenJamforelse"));
    const running = evaluate({ periods, target: { before: 40, after: 2 }, comparison: null, comparisonSuggested: false, today: 19_010 });
    assert.equal(running.verdict, "preliminar");
    assert.equal(running.caveats[0], "preliminar");
  });

  it("suggests the comparison place with the closest before-count, the nearer on a tie", () => {
    const c = suggestComparison(20, [
      { id: "a", before: 5, distance: 100 },
      { id: "b", before: 18, distance: 5000 },
      { id: "c", before: 22, distance: 900 },
    ]);
    assert.equal(c?.id, "c");
    assert.equal(suggestComparison(20, []), null);
  });
});
