// Perceived and reported, side by side, for one area or the whole municipality: the survey's
// insecurity and problem measures year by year (own published rounds and official results) beside
// yearly counts: reported crime imported from Brå (this module's, public) and, for staff, every
// incident source the modules offer through the module list (app.ui.incidentSources — EST's
// partner reports and the police's events, walk observations, residents' reports), and where they
// diverge. The platform's sources describe their rows (src/platform/incidents/sources.ts); they are
// counted here per year, one series per source, for the whole municipality.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { IncidentSource } from "../../../platform/incidents/sources.ts";
import { pointInRings, type Rings, ringsFromGeoJson } from "../../../analysis/index.ts";
import { getTenantBoundary, listAreas } from "../../tenants/index.ts";
import { type CountSeries, type PerceivedSeries, type Statement, statements } from "../domain/compare.ts";
import { TOTAL } from "../domain/results.ts";
import { listOfficial } from "../repo/imports.ts";
import { listSurveys } from "../repo/surveys.ts";
import type { SurveySettings } from "../schema.ts";
import { crimeCounts } from "./imports.ts";
import { type Area, roundResults } from "./results.ts";

/** Counts per year, area (null: the whole municipality only) and category (null: all). */
export type YearlyCount = { year: number; areaId: string | null; category: string | null; count: number };

/** A series of yearly counts to set beside perceived safety. */
export type CountSource = {
  key: string;
  /** Catalog key of the source's name ("Anmälda brott (Brå)"). */
  label: string;
  /** Catalog key of the source in definite plural for sentences ("de anmälda brotten"). */
  noun: string;
  /** The noun is the label: begin it with a small letter inside a sentence. */
  nounFromLabel?: true;
  /** Shown on public pages; otherwise staff pages only. */
  public: boolean;
  yearlyCounts(db: Kysely<DB>, tenantId: string): Promise<YearlyCount[]>;
};

/** Reported crime imported from Brå's statistics (public data; a category per crime kind). */
export const braSource: CountSource = {
  key: "bra",
  label: "surveys.source.bra",
  noun: "surveys.source.braNoun",
  public: true,
  yearlyCounts: crimeCounts,
};

/** Cell size (m) in which a source's positions are counted before they are placed in an area. */
const CELL = 100;

type Locate = (e: number, n: number) => string | null;

/**
 * Which survey area a SWEREF 99 TM point lies in: an area's own polygon, or else the one area
 * without a polygon (Osby landsbygd: the municipality minus the others), inside the boundary.
 * Null when no survey area has a polygon (then nothing can be counted per area).
 */
async function areaLocator(db: Kysely<DB>, tenantId: string): Promise<Locate | null> {
  const all = await listAreas(db, tenantId);
  const survey = all.filter((a) => a.kind === "survey");
  const rings = (g: unknown): Rings | null => {
    if (!g) return null;
    try {
      return ringsFromGeoJson(g, "wgs84");
    } catch {
      return null;
    }
  };
  const withRings = (survey.length ? survey : all).map((a) => ({ id: a.id, rings: rings(a.geometry) }));
  if (!withRings.some((a) => a.rings)) return null;
  const rest = withRings.filter((a) => !a.rings);
  const boundary = rest.length === 1 ? rings(await getTenantBoundary(db, tenantId)) : null;
  return (e, n) => {
    for (const a of withRings) if (a.rings && pointInRings(e, n, a.rings)) return a.id;
    return boundary && pointInRings(e, n, boundary) ? rest[0]!.id : null;
  };
}

/**
 * A platform incident source counted per year: its rows (every counted incident, by Stockholm day
 * number) grouped by calendar year in SQL, all categories together (the police's events have
 * dozens of types). Incidents with a position are counted in 100 m cells and each cell is placed
 * in a survey area by its centre (as the lägesbild does); incidents without one (the police's
 * events) count for the whole municipality only. Staff only: the sources' modules (EST) are.
 */
export function yearlyOf(source: IncidentSource): CountSource {
  return {
    key: source.key,
    label: source.label,
    noun: source.label,
    nounFromLabel: true,
    public: false,
    async yearlyCounts(db, tenantId) {
      const rows = source.rows(tenantId, { from: 0, to: 2_000_000 });
      const [r, locate] = await Promise.all([
        sql<{ year: number; ix: number | null; iy: number | null; count: number }>`
          select extract(year from date '1970-01-01' + r.day::int)::int as year,
                 floor(r.e / ${CELL})::int as ix, floor(r.n / ${CELL})::int as iy, count(*)::int as count
          from (${rows}) r group by 1, 2, 3`.execute(db),
        source.hasPoints ? areaLocator(db, tenantId) : Promise.resolve(null),
      ]);
      const out = new Map<string, YearlyCount>();
      const placed = new Map<string, string | null>();
      for (const x of r.rows) {
        let areaId: string | null = null;
        if (locate && x.ix !== null && x.iy !== null) {
          const cell = `${x.ix},${x.iy}`;
          if (!placed.has(cell)) placed.set(cell, locate((Number(x.ix) + 0.5) * CELL, (Number(x.iy) + 0.5) * CELL));
          areaId = placed.get(cell) ?? null;
        }
        const key = `${x.year}\u0000${areaId}`;
        const prior = out.get(key);
        if (prior) prior.count += Number(x.count);
        else out.set(key, { year: Number(x.year), areaId, category: null, count: Number(x.count) });
      }
      return [...out.values()].sort((a, b) => a.year - b.year);
    },
  };
}

/** The sources of the comparison: Brå's statistics, and for staff every module's incident source. */
export function comparisonSources(platform: readonly IncidentSource[], staff: boolean): CountSource[] {
  return [braSource, ...(staff ? platform.map(yearlyOf) : [])];
}

export type Perceived = PerceivedSeries & { kind: "insecurity" | "problems" | "problemindex"; itemKey: string | null; problemItems: number };
export type Reported = CountSeries & { source: CountSource; category: string | null; level: "area" | "kommun" };
export type Comparison = { area: Area | null; perceived: Perceived[]; reported: Reported[]; statements: Statement[] };

export async function compare(
  db: Kysely<DB>,
  tenantId: string,
  area: Area | null,
  areas: readonly Area[],
  settings: SurveySettings,
  sources: readonly CountSource[],
): Promise<Comparison> {
  const column = area?.id ?? TOTAL;
  const insecurity = settings.compare.insecurityItem;
  const published = (await listSurveys(db, tenantId, { statuses: ["publicerad"] })).sort((a, b) => a.year - b.year);
  const rounds = await roundResults(db, tenantId, published, areas, settings, { live: false });

  const own: Perceived = { key: "egen-otrygghet", kind: "insecurity", itemKey: insecurity, problemItems: 0, scale: "share", official: false, points: [] };
  const problems: Perceived = { key: "egen-problem", kind: "problems", itemKey: null, problemItems: 0, scale: "share", official: false, points: [] };
  for (const r of rounds) {
    const item = r.view.items.find((i) => i.item.key === insecurity);
    const cell = item?.cells[column];
    if (cell && !cell.suppressed && cell.share && !cell.share.suppressed)
      own.points.push({ year: r.survey.year, value: cell.share.p * 100, lo: cell.share.lo * 100, hi: cell.share.hi * 100 });
    // The mean share that sees a problem, over the problem items shown in this column.
    const shares = r.view.items
      .filter((i) => i.item.measure?.kind === "problem")
      .map((i) => i.cells[column])
      .flatMap((c) => (c && !c.suppressed && c.share && !c.share.suppressed ? [c.share.p] : []));
    if (shares.length) {
      problems.points.push({ year: r.survey.year, value: (shares.reduce((a, b) => a + b, 0) / shares.length) * 100, lo: null, hi: null });
      problems.problemItems = Math.max(problems.problemItems, shares.length);
    }
  }

  const official = (await listOfficial(db, tenantId)).filter((o) => o.area_id === (area?.id ?? null));
  const officialInsecurity: Perceived = {
    key: "officiell-otrygghet",
    kind: "insecurity",
    itemKey: insecurity,
    problemItems: 0,
    scale: "share",
    official: true,
    points: [],
  };
  const officialIndex: Perceived = {
    key: "officiellt-problemindex",
    kind: "problemindex",
    itemKey: "problemindex",
    problemItems: 0,
    scale: "index",
    official: true,
    points: [],
  };
  for (const o of official) {
    if (o.item_key === insecurity && o.share !== null) officialInsecurity.points.push({ year: o.year, value: o.share, lo: null, hi: null });
    if (o.item_key === "problemindex" && o.index_value !== null) officialIndex.points.push({ year: o.year, value: o.index_value, lo: null, hi: null });
  }
  const perceived = [own, officialInsecurity, problems, officialIndex].filter((p) => p.points.length > 0);

  const reported: Reported[] = [];
  for (const source of sources) {
    const counts = await source.yearlyCounts(db, tenantId);
    const hasAreas = counts.some((c) => c.areaId !== null);
    const level: "area" | "kommun" = area && hasAreas ? "area" : "kommun";
    const relevant = level === "area" ? counts.filter((c) => c.areaId === area!.id) : counts;
    const byCategory = new Map<string | null, Map<number, number>>();
    for (const c of relevant) {
      let years = byCategory.get(c.category);
      if (!years) byCategory.set(c.category, (years = new Map()));
      years.set(c.year, (years.get(c.year) ?? 0) + c.count);
    }
    for (const [category, years] of byCategory) {
      reported.push({
        key: `${source.key}:${category ?? ""}`,
        source,
        category,
        level,
        points: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year),
      });
    }
  }

  const thresholds = settings.compare;
  const all = perceived.flatMap((p) => reported.flatMap((r) => statements(p, r, thresholds)));
  all.sort((a, b) => b.to - a.to || Number(b.diverges) - Number(a.diverges));
  return { area, perceived, reported, statements: all };
}
