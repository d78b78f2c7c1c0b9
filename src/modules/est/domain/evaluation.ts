// Before/after evaluation of an insats: incidents in the insats's place and in a comparison area
// for equal periods before and after the start, the difference-in-differences, a simple
// significance check for counts, and the caveats a reader must keep in mind. Pure functions.
//
// Periods. W = the insats's length in days, at least `minDays` (the tenant's setting, default 28):
// before = [start − W, start), after = [start, start + W). An after-period that has not ended yet
// makes the evaluation preliminary: figures are shown, no verdict.
//
// Tests for counts (incidents as Poisson counts, equal periods):
//   - the place alone: an exact two-sided binomial test of after | before + after with p = ½
//     (the conditional test of equal rates; R's binom.test(after, before + after));
//   - against the comparison: the ratio of the two rate ratios, ln((a₁+½)/(a₀+½)) − ln((c₁+½)/(c₀+½)),
//     with standard error √(Σ 1/(x+½)) (a Wald test; ½ keeps zero counts usable).
// The verdict uses the comparison's test when there is a comparison, else the place's own.
import { twoSidedP } from "../../../analysis/index.ts";

export type Counts = { before: number; after: number };

export type EvaluationPeriods = { days: number; before: { from: number; to: number }; after: { from: number; to: number } };

/** Before and after periods of an insats starting on day `start` and ending on day `end` (inclusive). */
export function evaluationPeriods(start: number, end: number, minDays: number): EvaluationPeriods {
  const days = Math.max(end - start + 1, minDays);
  return { days, before: { from: start - days, to: start }, after: { from: start, to: start + days } };
}

/** log C(n, k) for 0 ≤ k ≤ n, summed exactly (n up to ~10⁶ is fine). */
function logBinomialPmfHalf(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  let logC = 0;
  const ln2n = n * Math.LN2;
  out[0] = -ln2n;
  for (let i = 1; i <= n; i++) {
    logC += Math.log(n - i + 1) - Math.log(i);
    out[i] = logC - ln2n;
  }
  return out;
}

/**
 * Two-sided exact binomial test of k successes in n trials with p = ½: the probability of an
 * outcome at least as unlikely as k (as R's binom.test). 1 when n = 0.
 */
export function binomialTestHalf(k: number, n: number): number {
  if (n <= 0) return 1;
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) throw new RangeError("k och n måste vara heltal med 0 ≤ k ≤ n");
  const logp = logBinomialPmfHalf(n);
  const own = logp[k]!;
  // Sum the probabilities of outcomes no more likely than k (a relative tolerance as R uses).
  let sum = 0;
  for (let i = 0; i <= n; i++) if (logp[i]! <= own + 1e-7) sum += Math.exp(logp[i]!);
  return Math.min(1, sum);
}

/** Wald test of the ratio of rate ratios (module comment); { logRatio, z, p }. */
export function ratioOfRatiosTest(target: Counts, comparison: Counts): { logRatio: number; ratio: number; z: number; p: number } {
  const a0 = target.before + 0.5;
  const a1 = target.after + 0.5;
  const c0 = comparison.before + 0.5;
  const c1 = comparison.after + 0.5;
  const logRatio = Math.log(a1 / a0) - Math.log(c1 / c0);
  const se = Math.sqrt(1 / a0 + 1 / a1 + 1 / c0 + 1 / c1);
  const z = logRatio / se;
  return { logRatio, ratio: Math.exp(logRatio), z, p: twoSidedP(z) };
}

export type Verdict = "preliminar" | "for_fa" | "minskning" | "okning" | "ingen_saker_skillnad";

export const CAVEATS = [
  "smaTal",
  "regression",
  "rapportering",
  "forflyttning",
  "jamforelseForeslagen",
  "ingenJamforelse",
  "polisensHandelser",
  "preliminar",
] as const;
export type Caveat = (typeof CAVEATS)[number];

export type Evaluation = {
  periods: EvaluationPeriods;
  target: Counts;
  comparison: Counts | null;
  /** after − before at the place. */
  change: number;
  /** (after − before at the place) − (after − before in the comparison); null without comparison. */
  differenceInDifferences: number | null;
  /** Rate ratio after/before at the place (with ½ added to both), and relative to the comparison's. */
  rateRatio: number;
  ratioOfRatios: number | null;
  /** p of the place's own before/after test, and of the comparison test. */
  pTarget: number;
  pComparison: number | null;
  verdict: Verdict;
  caveats: Caveat[];
};

/** Fewer incidents than this at the place (before + after) give no verdict. */
export const MIN_INCIDENTS = 10;
/** Significance level of the verdict. */
export const ALPHA = 0.05;

export function evaluate(input: {
  periods: EvaluationPeriods;
  target: Counts;
  comparison: Counts | null;
  comparisonSuggested: boolean;
  /** Today (Stockholm day number): an after-period not yet over makes the evaluation preliminary. */
  today: number;
}): Evaluation {
  const { target, comparison, periods } = input;
  const preliminary = input.today < periods.after.to;
  const pTarget = binomialTestHalf(target.after, target.before + target.after);
  const rr = comparison ? ratioOfRatiosTest(target, comparison) : null;
  const total = target.before + target.after;
  let verdict: Verdict;
  const p = rr ? rr.p : pTarget;
  const direction = rr ? rr.logRatio : target.after - target.before;
  if (preliminary) verdict = "preliminar";
  else if (total < MIN_INCIDENTS) verdict = "for_fa";
  else if (p < ALPHA) verdict = direction < 0 ? "minskning" : "okning";
  else verdict = "ingen_saker_skillnad";
  const caveats: Caveat[] = [];
  if (preliminary) caveats.push("preliminar");
  if (total < MIN_INCIDENTS || (comparison && comparison.before + comparison.after < MIN_INCIDENTS)) caveats.push("smaTal");
  caveats.push("regression", "rapportering", "forflyttning");
  if (!comparison) caveats.push("ingenJamforelse");
  else if (input.comparisonSuggested) caveats.push("jamforelseForeslagen");
  caveats.push("polisensHandelser");
  return {
    periods,
    target,
    comparison,
    change: target.after - target.before,
    differenceInDifferences: comparison ? target.after - target.before - (comparison.after - comparison.before) : null,
    rateRatio: (target.after + 0.5) / (target.before + 0.5),
    ratioOfRatios: rr ? rr.ratio : null,
    pTarget,
    pComparison: rr ? rr.p : null,
    verdict,
    caveats,
  };
}

/**
 * The comparison area to suggest: among candidate places (not the insats's own, not overlapping
 * it, no insats of their own in the period), the one whose before-count is closest to the place's;
 * ties go to the nearer place. Null when there is no candidate.
 */
export function suggestComparison<T extends { id: string; before: number; distance: number }>(targetBefore: number, candidates: readonly T[]): T | null {
  let best: T | null = null;
  for (const c of candidates) {
    if (!best) {
      best = c;
      continue;
    }
    const d = Math.abs(c.before - targetBefore);
    const bd = Math.abs(best.before - targetBefore);
    if (d < bd || (d === bd && c.distance < best.distance)) best = c;
  }
  return best;
}
