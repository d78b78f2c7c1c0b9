// Perceived beside reported, pure: year-to-year directions of a perceived measure (a share with
// its interval, or an index) and of a count of incidents (reported crime, police events, EST,
// residents' reports), and the plain statement of where they diverge ("otryggheten ökar medan de
// anmälda brotten minskar"). Thresholds are the tenant's settings: below them a change counts as
// no change; for shares the statement also says when the change is within the uncertainty
// (the two 95 % intervals overlap).

export type Direction = "up" | "down" | "flat";

export type PerceivedPoint = { year: number; value: number; lo: number | null; hi: number | null };
export type PerceivedSeries = {
  key: string;
  /** "share": value is a percentage (0–100); "index": the 0–6 scale. */
  scale: "share" | "index";
  official: boolean;
  points: PerceivedPoint[];
};

export type CountPoint = { year: number; count: number };
export type CountSeries = { key: string; points: CountPoint[] };

export type Thresholds = { sharePoints: number; indexPoints: number; countPercent: number };

export type Statement = {
  perceived: string;
  reported: string;
  from: number;
  to: number;
  perceivedDir: Direction;
  reportedDir: Direction;
  /** The perceived change is within the statistical uncertainty (overlapping intervals). */
  uncertain: boolean;
  diverges: boolean;
};

export function perceivedDirection(a: PerceivedPoint, b: PerceivedPoint, scale: "share" | "index", t: Thresholds): { dir: Direction; uncertain: boolean } {
  const diff = b.value - a.value;
  const limit = scale === "share" ? t.sharePoints : t.indexPoints;
  const dir: Direction = Math.abs(diff) < limit ? "flat" : diff > 0 ? "up" : "down";
  const overlap = a.lo !== null && a.hi !== null && b.lo !== null && b.hi !== null && a.lo <= b.hi && b.lo <= a.hi;
  return { dir, uncertain: dir !== "flat" && overlap };
}

export function countDirection(a: CountPoint, b: CountPoint, t: Thresholds): Direction {
  if (a.count === 0) return b.count === 0 ? "flat" : "up";
  const change = ((b.count - a.count) / a.count) * 100;
  if (Math.abs(change) < t.countPercent) return "flat";
  return change > 0 ? "up" : "down";
}

/**
 * For every pair of consecutive years both series have (in the perceived series' order of years),
 * the two directions. Latest pair first.
 */
export function statements(perceived: PerceivedSeries, reported: CountSeries, t: Thresholds): Statement[] {
  const counts = new Map(reported.points.map((p) => [p.year, p]));
  const common = perceived.points.filter((p) => counts.has(p.year)).sort((a, b) => a.year - b.year);
  const out: Statement[] = [];
  for (let i = 1; i < common.length; i++) {
    const a = common[i - 1]!;
    const b = common[i]!;
    const p = perceivedDirection(a, b, perceived.scale, t);
    const r = countDirection(counts.get(a.year)!, counts.get(b.year)!, t);
    out.push({
      perceived: perceived.key,
      reported: reported.key,
      from: a.year,
      to: b.year,
      perceivedDir: p.dir,
      reportedDir: r,
      uncertain: p.uncertain,
      diverges: (p.dir === "up" && r === "down") || (p.dir === "down" && r === "up"),
    });
  }
  return out.reverse();
}
