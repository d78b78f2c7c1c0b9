// Read models of results: a round's results (from its stored aggregate, or live while it runs —
// staff only), a year's public overview (the published round and the official results), and the
// trend of one item per area over the years. All figures go through domain/results.ts, so
// suppression and intervals are the same on every page, in the PDF, the CSV and the API.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listAreas } from "../../tenants/index.ts";
import type { DefinitionContent, ItemDef } from "../domain/definition.ts";
import { computeResults, type ResultView, shareOf, TOTAL } from "../domain/results.ts";
import { SUMMARY_INDICES } from "../domain/template.ts";
import { findDefinition, knownItemKeys } from "../repo/definitions.ts";
import { listOfficial, type OfficialValue, officialYears } from "../repo/imports.ts";
import { countLive, readAggregates } from "../repo/results.ts";
import { listSurveys, type SurveyRow } from "../repo/surveys.ts";
import type { SurveySettings } from "../schema.ts";

export type Area = { id: string; name: string; slug: string };

/** The tenant's survey areas (kind "survey"), or all its areas when none is marked as such. */
export async function surveyAreas(db: Kysely<DB>, tenantId: string): Promise<Area[]> {
  const all = await listAreas(db, tenantId);
  const survey = all.filter((a) => a.kind === "survey");
  return (survey.length ? survey : all).map((a) => ({ id: a.id, name: a.name, slug: a.slug }));
}

export type RoundResults = { survey: SurveyRow; content: DefinitionContent; view: ResultView; live: boolean };

function optionsOf(survey: SurveyRow, settings: SurveySettings) {
  return {
    minCell: settings.minCell,
    index: settings.index,
    bands: settings.bands,
    population: survey.weighting.enabled ? survey.weighting.population : null,
  };
}

/** Results of rounds: stored aggregates, or counted now for open rounds (`live`). */
export async function roundResults(
  db: Kysely<DB>,
  tenantId: string,
  surveys: readonly SurveyRow[],
  areas: readonly Area[],
  settings: SurveySettings,
  opts: { live: boolean },
): Promise<RoundResults[]> {
  const liveIds = opts.live ? surveys.filter((s) => s.status === "oppen" || !s.aggregated_at).map((s) => s.id) : [];
  const storedIds = surveys.filter((s) => !liveIds.includes(s.id)).map((s) => s.id);
  const [live, stored] = await Promise.all([countLive(db, tenantId, liveIds), readAggregates(db, tenantId, storedIds)]);
  const defs = new Map<string, DefinitionContent>();
  const out: RoundResults[] = [];
  for (const s of surveys) {
    let content = defs.get(s.definition_id);
    if (!content) {
      content = (await findDefinition(db, tenantId, s.definition_id))!.content;
      defs.set(s.definition_id, content);
    }
    const counts = live.get(s.id) ?? stored.get(s.id)!;
    out.push({ survey: s, content, view: computeResults(content, counts.cells, counts.strata, areas, optionsOf(s, settings)), live: live.has(s.id) });
  }
  return out;
}

export type YearOverview = { year: number; round: RoundResults | null; official: OfficialValue[]; years: number[] };

/** The years with public results: published rounds and imported official results, newest first. */
export async function publicYears(db: Kysely<DB>, tenantId: string): Promise<number[]> {
  const [rounds, official] = await Promise.all([listSurveys(db, tenantId, { statuses: ["publicerad"] }), officialYears(db, tenantId)]);
  return [...new Set([...rounds.map((r) => r.year), ...official])].sort((a, b) => b - a);
}

export async function yearOverview(db: Kysely<DB>, tenantId: string, year: number, areas: readonly Area[], settings: SurveySettings): Promise<YearOverview> {
  const [published, official, years] = await Promise.all([
    listSurveys(db, tenantId, { statuses: ["publicerad"] }),
    listOfficial(db, tenantId, { year }),
    publicYears(db, tenantId),
  ]);
  const survey = published.find((s) => s.year === year);
  const round = survey ? (await roundResults(db, tenantId, [survey], areas, settings, { live: false }))[0]! : null;
  return { year, round, official, years };
}

export type TrendPoint = {
  year: number;
  source: "egen" | "officiell";
  share: { p: number; lo: number | null; hi: number | null } | null;
  index: number | null;
  colour: string | null;
  suppressed: boolean;
};
export type TrendSeries = { column: string; areaId: string | null; name: string | null; points: TrendPoint[] };
export type Trend = { item: ItemDef | null; summary: { sv: string; en?: string } | null; series: TrendSeries[] };

/** An item over the years, per area and for the whole municipality: own published rounds and official values. */
export async function trendOf(db: Kysely<DB>, tenantId: string, itemKey: string, areas: readonly Area[], settings: SurveySettings): Promise<Trend | null> {
  const known = await knownItemKeys(db, tenantId);
  const item = known.get(itemKey) ?? null;
  const summary = SUMMARY_INDICES[itemKey] ?? null;
  if (!item && !summary) return null;
  const published = (await listSurveys(db, tenantId, { statuses: ["publicerad"] })).sort((a, b) => a.year - b.year);
  const rounds = await roundResults(db, tenantId, published, areas, settings, { live: false });
  const official = await listOfficial(db, tenantId, { itemKey });
  const columns: Array<{ column: string; areaId: string | null; name: string | null }> = [
    ...areas.map((a) => ({ column: a.id, areaId: a.id, name: a.name })),
    { column: TOTAL, areaId: null, name: null },
  ];
  const series: TrendSeries[] = columns.map((c) => {
    const points: TrendPoint[] = [];
    for (const r of rounds) {
      const it = r.view.items.find((i) => i.item.key === itemKey);
      if (!it) continue;
      const cell = it.cells[c.column];
      const share = shareOf(r.view, itemKey, c.column);
      const index = cell && !cell.suppressed ? cell.index : null;
      points.push({
        year: r.survey.year,
        source: "egen",
        share: share ? { p: share.p, lo: share.lo, hi: share.hi } : null,
        index: index?.value ?? null,
        colour: index?.colour ?? null,
        suppressed: !cell || cell.suppressed !== null || !share,
      });
    }
    for (const o of official.filter((x) => x.area_id === c.areaId)) {
      points.push({
        year: o.year,
        source: "officiell",
        share: o.share === null ? null : { p: o.share / 100, lo: null, hi: null },
        index: o.index_value,
        colour: o.colour,
        suppressed: false,
      });
    }
    points.sort((a, b) => a.year - b.year || a.source.localeCompare(b.source));
    return { ...c, points };
  });
  return { item, summary, series: series.filter((s) => s.points.length > 0) };
}
