// The figures of a weekly lägesbild from counts per (source, category, week): the week against
// the mean of the four weeks before and against the same ISO week last year, totals per source,
// the weekly series for the trend chart, and the plain-language draft of the summary. Pure.
import type { IncidentCategory } from "../../../platform/incidents/sources.ts";

export type CountRow = { source: string; category: string; week: number; count: number };

export type Change = {
  /** The week's count. */
  week: number;
  /** Counts of the previous weeks, oldest first. */
  previous: number[];
  previousMean: number;
  /** week − previousMean. */
  change: number;
  /** Change in per cent of previousMean; null when the mean is 0. */
  changePct: number | null;
  /** The same ISO week last year. */
  lastYear: number;
};

export type CategoryFigure = Change & { source: string; category: IncidentCategory };
export type SourceTotal = Change & { source: string };

export type FigureOptions = {
  week: number;
  lastYearWeek: number;
  /** How many weeks before `week` the comparison mean covers (4). */
  previousWeeks: number;
};

function change(byWeek: Map<number, number>, o: FigureOptions): Change {
  const week = byWeek.get(o.week) ?? 0;
  const previous: number[] = [];
  for (let k = o.previousWeeks; k >= 1; k--) previous.push(byWeek.get(o.week - k) ?? 0);
  const previousMean = previous.reduce((a, b) => a + b, 0) / Math.max(1, previous.length);
  const diff = week - previousMean;
  return {
    week,
    previous,
    previousMean,
    change: diff,
    changePct: previousMean > 0 ? (diff / previousMean) * 100 : null,
    lastYear: byWeek.get(o.lastYearWeek) ?? 0,
  };
}

/**
 * One figure per (source, category) that occurs in the week, the previous weeks or last year's
 * week; sorted by source (in the given order), then the week's count, then the previous mean.
 */
export function categoryFigures(
  rows: readonly CountRow[],
  sources: readonly string[],
  category: (source: string, key: string) => IncidentCategory,
  o: FigureOptions,
): CategoryFigure[] {
  const relevant = new Set([o.week, o.lastYearWeek]);
  for (let k = 1; k <= o.previousWeeks; k++) relevant.add(o.week - k);
  const groups = new Map<string, { source: string; key: string; byWeek: Map<number, number> }>();
  for (const r of rows) {
    if (!relevant.has(r.week) || r.count <= 0) continue;
    const id = `${r.source}\u0000${r.category}`;
    let g = groups.get(id);
    if (!g) {
      g = { source: r.source, key: r.category, byWeek: new Map() };
      groups.set(id, g);
    }
    g.byWeek.set(r.week, (g.byWeek.get(r.week) ?? 0) + r.count);
  }
  const order = (s: string) => {
    const i = sources.indexOf(s);
    return i < 0 ? sources.length : i;
  };
  return [...groups.values()]
    .map((g) => ({ source: g.source, category: category(g.source, g.key), ...change(g.byWeek, o) }))
    .sort(
      (a, b) =>
        order(a.source) - order(b.source) || b.week - a.week || b.previousMean - a.previousMean || a.category.label.sv.localeCompare(b.category.label.sv, "sv"),
    );
}

/** Totals per source (every listed source, zeros included). */
export function sourceTotals(rows: readonly CountRow[], sources: readonly string[], o: FigureOptions): SourceTotal[] {
  return sources.map((source) => {
    const byWeek = new Map<number, number>();
    for (const r of rows) if (r.source === source) byWeek.set(r.week, (byWeek.get(r.week) ?? 0) + r.count);
    return { source, ...change(byWeek, o) };
  });
}

/** Totals of every source per week for `weeks` weeks ending with `last` (oldest first). */
export function weeklySeries(rows: readonly CountRow[], sources: readonly string[], last: number, weeks: number): Array<{ week: number; bySource: number[] }> {
  const out: Array<{ week: number; bySource: number[] }> = [];
  for (let w = last - weeks + 1; w <= last; w++) out.push({ week: w, bySource: sources.map(() => 0) });
  for (const r of rows) {
    const i = r.week - (last - weeks + 1);
    const s = sources.indexOf(r.source);
    if (i >= 0 && i < weeks && s >= 0) out[i]!.bySource[s]! += r.count;
  }
  return out;
}

/** "+4 (+40 %)", "−2 (−17 %)", "±0", "+3 (ny)" — a change as people write it. */
export function formatChange(c: Pick<Change, "change" | "changePct">, locale: "sv" | "en"): string {
  // Rounded by magnitude, so −0.75 and +0.75 both become 0.8 (Math.round alone rounds −7.5 up to −7).
  const d = (Math.sign(c.change) * Math.round(Math.abs(c.change) * 10)) / 10;
  const num = (x: number) => Math.abs(x).toLocaleString(locale === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 1 });
  if (d === 0) return "±0";
  const sign = d > 0 ? "+" : "−";
  const pct = c.changePct === null ? (locale === "sv" ? " (ny)" : " (new)") : ` (${sign}${num(Math.round(Math.abs(c.changePct)))} %)`;
  return `${sign}${num(d)}${pct}`;
}
