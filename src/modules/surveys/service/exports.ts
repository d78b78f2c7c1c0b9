// The CSV of a year's results: aggregates only, never single answers — one row per item, area and
// option of the municipality's round (counts, percentages, the measured share with its Wilson
// interval, the weighted share and the unofficial index where they exist), a row per suppressed
// cell that says so and carries no figures, and the police's official values. Written with the
// platform's CSV writer (RFC 4180, or Swedish Excel with ?format=excel; formula guard).
import { type CsvDialect, type CsvValue, writeCsv } from "../../../platform/csv.ts";
import { type Locale, translator } from "../../../platform/i18n/i18n.ts";
import { localise } from "../domain/definition.ts";
import { type Column, TOTAL, UNKNOWN } from "../domain/results.ts";
import type { OfficialLabels } from "../pages/public.ts";
import type { Area, YearOverview } from "./results.ts";

const COLUMNS = [
  "year",
  "source",
  "area",
  "item",
  "itemText",
  "option",
  "optionText",
  "count",
  "percentOfAnswers",
  "answered",
  "dontKnow",
  "measure",
  "sharePercent",
  "ciLowPercent",
  "ciHighPercent",
  "shareBase",
  "weightedSharePercent",
  "mean",
  "indexUnofficial",
  "indexOfficial",
  "colourOfficial",
  "suppressed",
] as const;

const r1 = (p: number) => Math.round(p * 1000) / 10;

export function resultsCsv(o: YearOverview, p: { locale: Locale; areas: readonly Area[]; labels: OfficialLabels; dialect: CsvDialect }): string {
  const t = translator(p.locale);
  const rows: CsvValue[][] = [];
  const yes = t("surveys.yes");
  const areaOf = (c: Column) => (c.kind === "total" ? TOTAL : c.kind === "unknown" ? UNKNOWN : (c.slug ?? ""));
  const round = o.round;
  if (round) {
    for (const r of round.view.items) {
      const itemText = localise(r.item.text, p.locale).text;
      const measure = r.item.measure ? t(`surveys.measure.${r.item.measure.kind}`) : null;
      for (const col of round.view.columns) {
        const cell = r.cells[col.key];
        const base = { year: o.year, area: areaOf(col), item: r.item.key, itemText, measure };
        if (!cell || cell.answered === 0) continue;
        if (cell.suppressed) {
          rows.push(row({ ...base, source: "egen", suppressed: yes }));
          continue;
        }
        const share = cell.share && !cell.share.suppressed ? cell.share : null;
        const common = {
          ...base,
          source: "egen",
          answered: cell.answered,
          dontKnow: cell.dontKnow,
          sharePercent: share ? r1(share.p) : null,
          ciLowPercent: share ? r1(share.lo) : null,
          ciHighPercent: share ? r1(share.hi) : null,
          shareBase: share ? share.base : null,
          weightedSharePercent: cell.weighted ? r1(cell.weighted.p) : null,
          mean: cell.mean ? Math.round(cell.mean.mean * 100) / 100 : null,
          indexUnofficial: cell.index?.value ?? null,
        };
        if (r.item.type === "multi" && cell.perOption) {
          for (const po of cell.perOption) {
            const o = r.item.options.find((x) => x.key === po.key);
            rows.push(row({ ...common, option: po.key, optionText: o ? localise(o.text, p.locale).text : po.key, count: po.k, percentOfAnswers: r1(po.iv.p) }));
          }
        } else if (cell.distribution.length) {
          for (const d of cell.distribution) {
            const optionText =
              r.item.type === "yesno"
                ? d.key === "ja"
                  ? t("surveys.yes")
                  : t("surveys.no")
                : localise(r.item.options.find((x) => x.key === d.key)!.text, p.locale).text;
            rows.push(row({ ...common, option: d.key, optionText, count: d.count, percentOfAnswers: r1(d.pct) }));
          }
        } else {
          // Numbers and free text: the number of answers (free text itself never leaves).
          rows.push(row(common));
        }
      }
    }
  }
  const areaSlug = (id: string | null) => (id ? (p.areas.find((a) => a.id === id)?.slug ?? id) : TOTAL);
  for (const x of o.official) {
    const label = p.labels.get(x.item_key);
    rows.push(
      row({
        year: x.year,
        source: "officiell",
        area: areaSlug(x.area_id),
        item: x.item_key,
        itemText: label ? localise(label.text, p.locale).text : x.item_key,
        answered: x.n,
        sharePercent: x.share,
        indexOfficial: x.index_value,
        colourOfficial: x.colour,
      }),
    );
  }
  return writeCsv(
    COLUMNS.map((c) => t(`surveys.csv.${c}`)),
    rows,
    p.dialect,
  );
}

function row(v: Partial<Record<(typeof COLUMNS)[number], CsvValue>>): CsvValue[] {
  return COLUMNS.map((c) => v[c] ?? null);
}
