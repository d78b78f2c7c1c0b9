// Survey statistics, pure: Wilson score intervals for shares (weighted ones with Kish's effective
// sample size), means with normal intervals, post-stratification weights, the tenant's
// configurable (unofficial) conversion from a share to the police's 0–6 index scale and colour
// bands. Unit-tested against hand-computed values (stats.test.ts).

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export type Interval = { p: number; lo: number; hi: number };

/**
 * The Wilson score interval for k successes out of n (Wilson 1927). Unlike the normal
 * approximation it stays inside [0, 1] and behaves at k = 0 and k = n. `n` may be a weighted
 * effective sample size (not an integer); null when n is 0.
 */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  const p = Math.min(1, Math.max(0, k / n));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p̂ = 0 (or 1) the lower (upper) bound is exactly 0 (1); rounding would leave a hair's breadth.
  return { p, lo: p === 0 ? 0 : Math.max(0, centre - half), hi: p === 1 ? 1 : Math.min(1, centre + half) };
}

/**
 * A weighted share with its Wilson interval on Kish's effective sample size
 * n_eff = (Σw)² / Σw². `parts` are groups of equally weighted respondents: weight w, k of the
 * group's `base` respondents chose the measured options.
 */
export function weightedShare(parts: ReadonlyArray<{ w: number; k: number; base: number }>): (Interval & { nEff: number }) | null {
  let wk = 0;
  let wb = 0;
  let w2b = 0;
  for (const { w, k, base } of parts) {
    if (!(w > 0) || base <= 0) continue;
    wk += w * k;
    wb += w * base;
    w2b += w * w * base;
  }
  if (!(wb > 0)) return null;
  const nEff = (wb * wb) / w2b;
  const p = wk / wb;
  // The interval of the weighted proportion uses the effective sample size in Wilson's formula.
  const iv = wilson(p * nEff, nEff)!;
  return { ...iv, p, nEff };
}

export type Mean = { mean: number; sd: number; lo: number; hi: number; n: number };

/** Mean, standard deviation (n − 1) and a normal 95 % interval from n, Σx and Σx². */
export function meanOf(n: number, sum: number, sumSq: number, z = Z95): Mean | null {
  if (n <= 0) return null;
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - (sum * sum) / n) / (n - 1)) : 0;
  const sd = Math.sqrt(variance);
  const half = n > 1 ? (z * sd) / Math.sqrt(n) : 0;
  return { mean, sd, lo: mean - half, hi: mean + half, n };
}

/** A stratum: area × age group × sex (null where unknown). */
export type StratumKey = { area_id: string | null; age_group: string | null; sex: string | null };

export function stratumId(s: StratumKey): string {
  return `${s.area_id ?? "-"}|${s.age_group ?? "-"}|${s.sex ?? "-"}`;
}

export type Weights = {
  /** Weight per stratum id (only strata with a population figure and respondents). */
  byStratum: Map<string, number>;
  population: number;
  /** Respondents whose stratum is unknown or has no population figure: left out of weighted figures. */
  excluded: number;
  /** Strata with a population figure but no respondent (their people are not represented). */
  emptyStrata: number;
};

/**
 * Post-stratification weights: w_s = (N_s / N) / (r_s / r), over the strata that have both a
 * population figure N_s and respondents r_s. The weighted respondents then match the
 * population's distribution over the strata.
 */
export function poststratify(
  population: ReadonlyArray<StratumKey & { count: number }>,
  respondents: ReadonlyArray<StratumKey & { responses: number }>,
): Weights {
  const pop = new Map<string, number>();
  for (const p of population) if (p.count > 0) pop.set(stratumId(p), (pop.get(stratumId(p)) ?? 0) + p.count);
  const resp = new Map<string, number>();
  let excluded = 0;
  for (const r of respondents) {
    const id = stratumId(r);
    if (!pop.has(id)) excluded += r.responses;
    else resp.set(id, (resp.get(id) ?? 0) + r.responses);
  }
  let N = 0;
  let emptyStrata = 0;
  for (const [id, count] of pop) {
    if ((resp.get(id) ?? 0) > 0) N += count;
    else emptyStrata++;
  }
  const r = [...resp.values()].reduce((a, b) => a + b, 0);
  const byStratum = new Map<string, number>();
  for (const [id, rs] of resp) if (rs > 0 && N > 0) byStratum.set(id, pop.get(id)! / N / (rs / r));
  return { byStratum, population: N, excluded, emptyStrata };
}

/** The tenant's conversion from a share (0–1) to the 0–6 index scale: index = offset + factor × share, within 0–6. Not the police's method. */
export type IndexConversion = { enabled: boolean; factor: number; offset: number };

export function indexFromShare(share: number, c: IndexConversion): number | null {
  if (!c.enabled) return null;
  const v = c.offset + c.factor * share;
  return Math.round(Math.min(6, Math.max(0, v)) * 100) / 100;
}

export type Band = { from: number; colour: "gron" | "gul" | "rod" };

/** The colour of an index value by the tenant's bands (the last band whose `from` ≤ value). Not the police's thresholds. */
export function colourOf(value: number, bands: readonly Band[]): Band["colour"] | null {
  let found: Band["colour"] | null = null;
  for (const b of [...bands].sort((a, b) => a.from - b.from)) if (value >= b.from) found = b.colour;
  return found;
}

/** Round a share (0–1) to whole percent for display, half up. */
export function percent(p: number): number {
  return Math.round(p * 100 + 1e-9);
}
