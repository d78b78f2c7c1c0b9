// Progress toward a promise's target, computed from the logged activities — never typed in.
// Pure code: no I/O, no clock (the caller passes `asOf`), dates as "YYYY-MM-DD" strings.
//
// Rules (also in docs of the module, see README in this folder's parent):
// - A target is "at least <quantity> <unit> per <period>", where period is a calendar month,
//   calendar quarter, calendar year, or the whole validity period of the document.
// - What counts: the number of activities (metric = null), or the sum of one outcome figure of
//   the activities (metric = the figure's label, compared case- and space-insensitively).
// - Periods are the calendar periods that overlap the validity period, clipped to it. A clipped
//   (partial) first or last period gets a pro-rated target: quantity × covered days / days in
//   the calendar period, rounded half up to the precision of the quantity (whole numbers for
//   whole quantities, else two decimals). If that rounds to 0 the period is too short to
//   evaluate ("notEvaluated"). Example: "minst 2 per månad" from 19 May needs 1 in May
//   (2 × 13/31 = 0.84 → 1).
// - A period is met when achieved ≥ target. A period that has ended is met or missed; the
//   period containing `asOf` is "ongoing" (or already met); later periods are "upcoming".
// - Behind schedule follows the worst evidence: any ended period that was missed makes the
//   promise behind (a met December does not undo a missed January–November), and so does an
//   ongoing period with less than its pro-rata share so far (floor(target × elapsed days /
//   covered days)). The missed periods are listed, also as runs of consecutive periods
//   ("jan–nov 2021").
// - Suggested verdict: none until at least one period can be evaluated (ended, or ongoing and
//   already met); "uppfyllt" when every evaluated period is met, "ej_uppfyllt" when nothing at
//   all was achieved in them, otherwise "delvis". A promise without a target gets no suggestion.
import type { Outcome, TargetPeriod, Verdict } from "../tables.ts";

export type Target = { quantity: number; unit: string; period: TargetPeriod; metric: string | null };
export type ActivityFact = { occurredOn: string; outcomes: readonly Outcome[] };

export type PeriodState = "met" | "missed" | "ongoing" | "upcoming" | "notEvaluated";

export type PeriodResult = {
  /** "2021-05", "2021-Q2", "2021" or "validity". */
  key: string;
  period: TargetPeriod;
  start: string;
  end: string;
  partial: boolean;
  daysCovered: number;
  daysInPeriod: number;
  target: number;
  achieved: number;
  state: PeriodState;
};

export type TargetProgress = {
  kind: "target";
  periods: PeriodResult[];
  /** Sum over all periods (activities outside the validity period are not counted). */
  totalAchieved: number;
  /** Activities dated outside the validity period (ignored, reported for transparency). */
  outsidePeriod: number;
  periodsMet: number;
  periodsMissed: number;
  periodsEvaluated: number;
  current: PeriodResult | null;
  /** The ongoing period's pro-rata expectation so far (null without an ongoing period). */
  expectedSoFar: number | null;
  /** Ended periods whose target was not reached, in order. */
  missed: PeriodResult[];
  /** The missed periods grouped into runs of consecutive periods (January–November is one run). */
  missedRuns: Array<{ first: PeriodResult; last: PeriodResult; count: number }>;
  /** The ongoing period is below its pro-rata share so far. */
  lagging: boolean;
  /** Missed periods or a lagging ongoing period: the promise is behind. */
  behind: boolean;
  suggestedVerdict: Verdict | null;
  /** 0..1 for a progress bar: share of evaluated periods met, or the ongoing period's share. */
  share: number;
};

export type NoTargetProgress = {
  kind: "noTarget";
  activityCount: number;
  lastActivityOn: string | null;
  suggestedVerdict: null;
  behind: false;
};

export type Progress = TargetProgress | NoTargetProgress;

const DAY = 86_400_000;

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY;
}

export function isoFromDay(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar periods overlapping [from, to], clipped to it. */
export function periodsFor(
  period: TargetPeriod,
  from: string,
  to: string,
): Array<Pick<PeriodResult, "key" | "period" | "start" | "end" | "partial" | "daysCovered" | "daysInPeriod">> {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return [];
  if (period === "validity") {
    const days = b - a + 1;
    return [{ key: "validity", period, start: from, end: to, partial: false, daysCovered: days, daysInPeriod: days }];
  }
  const out = [];
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const step = period === "month" ? 1 : period === "quarter" ? 3 : 12;
  // Align the first calendar period's start month.
  let y = fy;
  let m = period === "month" ? fm : period === "quarter" ? Math.floor((fm - 1) / 3) * 3 + 1 : 1;
  for (;;) {
    const fullStart = `${y}-${pad(m)}-01`;
    const endMonth = m + step - 1;
    const fullEnd = `${y}-${pad(endMonth)}-${pad(lastDayOfMonth(y, endMonth))}`;
    const s = Math.max(dayNumber(fullStart), a);
    const e = Math.min(dayNumber(fullEnd), b);
    if (dayNumber(fullStart) > b) break;
    const daysInPeriod = dayNumber(fullEnd) - dayNumber(fullStart) + 1;
    const daysCovered = e - s + 1;
    const key = period === "month" ? `${y}-${pad(m)}` : period === "quarter" ? `${y}-Q${(m - 1) / 3 + 1}` : `${y}`;
    out.push({ key, period, start: isoFromDay(s), end: isoFromDay(e), partial: daysCovered < daysInPeriod, daysCovered, daysInPeriod });
    m += step;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

function decimalsOf(q: number): number {
  return Number.isInteger(q) ? 0 : 2;
}

function roundHalfUp(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.floor(x * f + 0.5 + 1e-9) / f;
}

function floorTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.floor(x * f + 1e-9) / f;
}

/** Target for a period covering `covered` of `total` days. */
export function proRatedTarget(quantity: number, covered: number, total: number): number {
  if (covered >= total) return quantity;
  return roundHalfUp((quantity * covered) / total, decimalsOf(quantity));
}

export function normaliseLabel(s: string): string {
  return s.trim().toLocaleLowerCase("sv-SE").replace(/\s+/g, " ");
}

/** What one activity contributes: 1 (counting activities) or the sum of the metric's figures. */
export function measure(activity: ActivityFact, metric: string | null): number {
  if (metric === null || metric.trim() === "") return 1;
  const want = normaliseLabel(metric);
  let sum = 0;
  for (const o of activity.outcomes) if (normaliseLabel(o.label) === want && Number.isFinite(o.value)) sum += o.value;
  return sum;
}

export function computeProgress(input: {
  target: Target | null;
  validFrom: string;
  validTo: string;
  activities: readonly ActivityFact[];
  asOf: string;
}): Progress {
  const { target, validFrom, validTo, activities, asOf } = input;
  if (!target) {
    const dates = activities.map((a) => a.occurredOn).sort();
    return { kind: "noTarget", activityCount: activities.length, lastActivityOn: dates.at(-1) ?? null, suggestedVerdict: null, behind: false };
  }
  const today = dayNumber(asOf);
  const decimals = decimalsOf(target.quantity);
  let outsidePeriod = 0;
  const periods: PeriodResult[] = periodsFor(target.period, validFrom, validTo).map((p) => ({
    ...p,
    target: proRatedTarget(target.quantity, p.daysCovered, p.daysInPeriod),
    achieved: 0,
    state: "upcoming" as PeriodState,
  }));
  for (const act of activities) {
    const d = dayNumber(act.occurredOn);
    const p = periods.find((x) => d >= dayNumber(x.start) && d <= dayNumber(x.end));
    if (!p) {
      outsidePeriod += 1;
      continue;
    }
    p.achieved = roundHalfUp(p.achieved + measure(act, target.metric), 2);
  }
  let current: PeriodResult | null = null;
  for (const p of periods) {
    const s = dayNumber(p.start);
    const e = dayNumber(p.end);
    if (p.target <= 0) p.state = "notEvaluated";
    else if (e < today) p.state = p.achieved >= p.target ? "met" : "missed";
    else if (s > today) p.state = "upcoming";
    else p.state = p.achieved >= p.target ? "met" : "ongoing";
    if (s <= today && today <= e) current = p;
  }
  const ended = periods.filter((p) => dayNumber(p.end) < today && p.state !== "notEvaluated");
  const evaluated = periods.filter((p) => p.state === "met" || p.state === "missed");
  const periodsMet = evaluated.filter((p) => p.state === "met").length;
  const periodsMissed = evaluated.length - periodsMet;
  const totalAchieved = roundHalfUp(
    periods.reduce((s, p) => s + p.achieved, 0),
    2,
  );

  let expectedSoFar: number | null = null;
  let lagging = false;
  if (current && current.state !== "notEvaluated") {
    const elapsed = today - dayNumber(current.start) + 1;
    expectedSoFar = floorTo((current.target * elapsed) / current.daysCovered, decimals);
    if (current.state === "ongoing" && current.achieved < expectedSoFar) lagging = true;
  }
  const missed = ended.filter((p) => p.state === "missed");
  const missedRuns = runsOf(periods, missed);
  const behind = missed.length > 0 || lagging;

  let suggestedVerdict: Verdict | null = null;
  if (evaluated.length > 0) {
    const achievedInEvaluated = evaluated.reduce((s, p) => s + p.achieved, 0);
    if (periodsMet === evaluated.length) suggestedVerdict = "uppfyllt";
    else if (achievedInEvaluated === 0) suggestedVerdict = "ej_uppfyllt";
    else suggestedVerdict = "delvis";
  }

  let share = 0;
  if (evaluated.length > 0) share = periodsMet / evaluated.length;
  else if (current && current.target > 0) share = Math.min(1, current.achieved / current.target);

  return {
    kind: "target",
    periods,
    totalAchieved,
    outsidePeriod,
    periodsMet,
    periodsMissed,
    periodsEvaluated: evaluated.length,
    current,
    expectedSoFar,
    missed,
    missedRuns,
    lagging,
    behind,
    suggestedVerdict,
    share,
  };
}

/** Group `picked` (a subsequence of `periods`) into runs of periods that follow each other directly. */
function runsOf(periods: readonly PeriodResult[], picked: readonly PeriodResult[]): TargetProgress["missedRuns"] {
  const runs: TargetProgress["missedRuns"] = [];
  let prevIndex = -2;
  for (const p of picked) {
    const i = periods.indexOf(p);
    const last = runs.at(-1);
    if (last && i === prevIndex + 1) {
      last.last = p;
      last.count += 1;
    } else runs.push({ first: p, last: p, count: 1 });
    prevIndex = i;
  }
  return runs;
}

/**
 * The date a follow-up report's results are "as of": today while the validity period runs (or
 * before it begins), its last day once it has ended — a report on 2021 is not "as of" 2026.
 */
export function reportAsOf(validTo: string, today: string): string {
  return today > validTo ? validTo : today;
}

export type VerdictConflict = { kind: "noActivities" } | { kind: "differsFromMeasured"; suggested: Verdict };

/**
 * Whether a follow-up verdict goes against the measurement, so that saving it needs an explicit
 * confirmation: "uppfyllt" or "delvis" with no activity logged at all, or any verdict other
 * than the one the measured progress suggests. Null when the verdict agrees (or nothing was
 * measured that it could disagree with).
 */
export function verdictAgainstMeasurement(verdict: Verdict, progress: Progress, activityCount: number): VerdictConflict | null {
  if (activityCount === 0 && verdict !== "ej_uppfyllt") return { kind: "noActivities" };
  const suggested = progress.suggestedVerdict;
  if (suggested && suggested !== verdict) return { kind: "differsFromMeasured", suggested };
  return null;
}

/** Today's date in Europe/Stockholm as "YYYY-MM-DD". */
export function todayInStockholm(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
