// Into the promise: a published survey result cited as a lägesbild finding of a draft promise
// document (with a live link to the result on the public results page), and a survey item named
// as the indicator of a promise. The promises module is reached through its index.ts.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { content } from "../../../platform/i18n/content.ts";
import { formatNumber, translator } from "../../../platform/i18n/i18n.ts";
import { type AppendFindingOutcome, appendFinding, findPromiseByLineage, listPromiseChoices } from "../../promises/index.ts";
import { type ItemDef, localise } from "../domain/definition.ts";
import { type ResultView, shareOf, TOTAL } from "../domain/results.ts";
import { percent } from "../domain/stats.ts";
import { cellAnchor, trendUrl, yearUrl } from "../pages/urls.ts";
import { knownItemKeys } from "../repo/definitions.ts";
import { deleteIndicator, listIndicators, setIndicator } from "../repo/indicators.ts";
import type { SurveySettings } from "../schema.ts";
import type { Who } from "./definitions.ts";
import { type Area, trendOf } from "./results.ts";

const sv = translator("sv");

/** The finding's text in Swedish (document content), with the round's figure and its interval. */
export function findingText(view: ResultView, item: ItemDef, area: Area | null, year: number, tenantName: string): string | null {
  const share = shareOf(view, item.key, area?.id ?? TOTAL);
  if (!share || !item.measure) return null;
  return sv("surveys.cite.findingText", {
    year: String(year),
    place: area?.name ?? tenantName,
    measure: sv(`surveys.measure.${item.measure.kind}`).toLowerCase(),
    item: localise(item.text, "sv").text,
    value: formatNumber(percent(share.p), "sv"),
    lo: formatNumber(percent(share.lo), "sv"),
    hi: formatNumber(percent(share.hi), "sv"),
    n: share.base,
  });
}

/** The live link of a cited result: the cell on the year's public results page. */
export function findingLink(slug: string, year: number, itemKey: string, area: Area | null): string {
  return `${yearUrl(slug, year)}#${cellAnchor(itemKey, area?.slug ?? null)}`;
}

export type CiteOutcome = AppendFindingOutcome | { kind: "invalidText" };

export async function citeFinding(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  input: { documentId: string; version: number; text: string; refUrl: string },
): Promise<CiteOutcome> {
  const text = input.text.trim();
  if (text.length < 3 || text.length > 2000) return { kind: "invalidText" };
  return appendFinding(db, tenantId, who, input.documentId, input.version, { text, source: "trygghetsmatning", ref_url: input.refUrl });
}

export type IndicatorOutcome = { kind: "ok" } | { kind: "unknownPromise" } | { kind: "unknownItem" };

/** Name a survey item (in an area, or the whole municipality) as the indicator of a promise. */
export async function nameIndicator(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  input: { lineageId: string; itemKey: string; areaId: string | null },
): Promise<IndicatorOutcome> {
  if (!(await findPromiseByLineage(db, tenantId, input.lineageId))) return { kind: "unknownPromise" };
  const item = (await knownItemKeys(db, tenantId)).get(input.itemKey);
  if (!item?.measure) return { kind: "unknownItem" };
  await setIndicator(db, tenantId, { lineageId: input.lineageId, itemKey: input.itemKey, areaId: input.areaId, createdBy: who.userId });
  return { kind: "ok" };
}

export async function removeIndicator(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await deleteIndicator(db, tenantId, id);
}

export type IndicatorView = {
  id: string;
  lineageId: string;
  promiseText: string | null;
  documentTitle: string | null;
  itemKey: string;
  /** "Andel som ser ett problem: Bilar som kör för fort, Lönsboda" (content marked). */
  label: string;
  href: string;
  /** The latest published value: { year, text } (share with interval, or the official index). */
  latest: { year: number; text: string } | null;
};

/** Indicators with their promise, label, live link and latest value, for pages of either module. */
export async function indicatorViews(
  db: Kysely<DB>,
  tenantId: string,
  slug: string,
  areas: readonly Area[],
  settings: SurveySettings,
  opts: { lineageIds?: readonly string[]; locale: "sv" | "en" },
): Promise<IndicatorView[]> {
  const rows = await listIndicators(db, tenantId, opts.lineageIds);
  if (!rows.length) return [];
  const t = translator(opts.locale);
  const [choices, known] = await Promise.all([listPromiseChoices(db, tenantId), knownItemKeys(db, tenantId)]);
  const out: IndicatorView[] = [];
  for (const r of rows) {
    const promise = choices.find((c) => c.lineageId === r.promise_lineage_id) ?? null;
    const item = known.get(r.item_key);
    const area = areas.find((a) => a.id === r.area_id) ?? null;
    const trend = await trendOf(db, tenantId, r.item_key, areas, settings);
    const series = trend?.series.find((s) => s.areaId === (area?.id ?? null));
    const last = series?.points.filter((p) => !p.suppressed && (p.share || p.index !== null)).at(-1);
    const latest = last
      ? {
          year: last.year,
          text: last.share
            ? last.share.lo !== null && last.share.hi !== null
              ? t("surveys.indicator.valueInterval", { value: percent(last.share.p), lo: percent(last.share.lo), hi: percent(last.share.hi) })
              : t("surveys.indicator.value", { value: percent(last.share.p) })
            : t("surveys.indicator.index", { value: formatNumber(last.index!, opts.locale, 2) }),
        }
      : null;
    const measure = item?.measure ? t(`surveys.measure.${item.measure.kind}`) : t("surveys.indicator.item");
    out.push({
      id: r.id,
      lineageId: r.promise_lineage_id,
      promiseText: promise?.text ?? null,
      documentTitle: promise?.documentTitle ?? null,
      itemKey: r.item_key,
      label: t("surveys.indicator.label", {
        measure,
        item: item ? (opts.locale === "en" && item.text.en ? item.text.en : content(item.text.sv)) : r.item_key,
        place: area ? content(area.name) : t("surveys.results.total"),
      }),
      href: trendUrl(slug, r.item_key),
      latest,
    });
  }
  return out;
}
