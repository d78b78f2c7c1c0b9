// The results of a year as a tagged PDF (the platform's PDF kit): the municipality's round (per
// theme, each item's measured share with its 95 % interval per area) and the police's official
// results, with the same suppression as the pages. Labels in the reader's language; survey texts
// in English when translated, otherwise in Swedish and tagged so.
import { content as c } from "../../../platform/i18n/content.ts";
import { formatDate, formatNumber, type Locale, translator } from "../../../platform/i18n/i18n.ts";
import { createPdf } from "../../../platform/pdf/document.ts";
import { localise, THEMES, type Text } from "../domain/definition.ts";
import type { Cell, Column } from "../domain/results.ts";
import { colourOf, percent } from "../domain/stats.ts";
import type { OfficialLabels } from "../pages/public.ts";
import type { SurveySettings } from "../schema.ts";
import type { Area, YearOverview } from "../service/results.ts";

function text(locale: Locale, t: Text): string {
  const l = localise(t, locale);
  return l.fallback ? c(l.text) : l.text;
}

export function renderResultsPdf(
  o: YearOverview,
  p: { locale: Locale; tenantName: string; areas: readonly Area[]; settings: SurveySettings; labels: OfficialLabels; publicUrl: string },
): Promise<Buffer> {
  const { locale } = p;
  const t = translator(locale);
  const round = o.round;
  const date = round?.survey.published_at ? new Date(round.survey.published_at) : new Date(`${o.year}-12-31T12:00:00Z`);
  const title = t("surveys.pdf.title", { year: String(o.year), name: c(p.tenantName) });
  const w = createPdf({ locale, title, subject: t("surveys.pdf.subject"), date, publicUrl: p.publicUrl });
  const columnName = (col: Column) =>
    col.kind === "total" ? t("surveys.results.total") : col.kind === "unknown" ? t("surveys.results.unknownArea") : c(col.name ?? "");
  const share = (cell: Cell | undefined): string => {
    if (!cell || cell.answered === 0) return "–";
    if (cell.suppressed) return t("surveys.pdf.hidden");
    if (!cell.share) return t("surveys.results.n", { n: cell.answered });
    if (cell.share.suppressed) return t("surveys.pdf.hidden");
    return t("surveys.pdf.share", { value: percent(cell.share.p), lo: percent(cell.share.lo), hi: percent(cell.share.hi), n: cell.share.base });
  };

  w.heading(1, title);
  w.paragraph(t("surveys.results.lead", { name: c(p.tenantName) }));
  w.section(() => {
    w.heading(2, t("surveys.results.howToRead"));
    w.list(
      [
        t("surveys.results.readShare"),
        t("surveys.results.readInterval"),
        t("surveys.results.readSuppression", { min: p.settings.minCell }),
        t("surveys.results.readMulti"),
      ].map((s, i) => ({
        label: `${i + 1}.`,
        body: [s],
      })),
    );
  });

  if (round) {
    const view = round.view;
    w.section(() => {
      w.heading(2, t("surveys.results.ownHeading", { title: c(round.survey.title) }));
      w.paragraph(
        t("surveys.results.ownLead", {
          from: formatDate(round.survey.field_from, locale),
          to: formatDate(round.survey.field_to, locale),
          responses: view.responses,
        }),
      );
      if (view.weights)
        w.paragraph(t("surveys.results.weightedText", { population: view.weights.population, excluded: view.weights.excluded }), { muted: true });
      w.table({
        caption: t("surveys.results.respondentsCaption"),
        header: [t("surveys.results.area"), t("surveys.results.responses"), t("surveys.results.complete")],
        rows: view.columns.map((col) => [columnName(col), String(col.responses), String(col.complete)]),
        widths: [3, 1, 1],
      });
    });
    for (const theme of THEMES) {
      const items = view.items.filter((i) => i.item.theme === theme && i.item.measure);
      if (!items.length) continue;
      w.section(() => {
        w.heading(3, t(`surveys.theme.${theme}`));
        w.table({
          caption: t(`surveys.themeCaption.${theme}`),
          header: [t("surveys.results.item"), ...view.columns.map(columnName)],
          rows: items.map((r) => [text(locale, r.item.text), ...view.columns.map((col) => share(r.cells[col.key]))]),
          widths: [3, ...view.columns.map(() => 1.4)],
        });
      });
    }
  }

  if (o.official.length) {
    w.section(() => {
      w.heading(2, t("surveys.official.heading"));
      w.paragraph(t("surveys.official.lead"));
      const areaName = (id: string | null) => (id ? c(p.areas.find((a) => a.id === id)?.name ?? "") : t("surveys.results.total"));
      let bands = false;
      w.table({
        caption: t("surveys.official.caption"),
        header: [t("surveys.results.item"), t("surveys.results.area"), t("surveys.pdf.index"), t("surveys.pdf.shareColumn"), t("surveys.pdf.colour")],
        rows: o.official.map((x) => {
          const label = p.labels.get(x.item_key);
          let colour = x.colour ? t(`surveys.colour.${x.colour}`) : "–";
          if (!x.colour && x.index_value !== null) {
            const band = colourOf(x.index_value, p.settings.bands);
            if (band) {
              bands = true;
              colour = `${t(`surveys.colour.${band}`)} (${t("surveys.unofficial")})`;
            }
          }
          return [
            label ? text(locale, label.text) : x.item_key,
            areaName(x.area_id),
            x.index_value === null ? "–" : formatNumber(x.index_value, locale, 2),
            x.share === null ? "–" : `${formatNumber(x.share, locale, 1)} %`,
            colour,
          ];
        }),
        widths: [3, 2, 1, 1, 1.4],
      });
      if (bands) w.paragraph(t("surveys.official.bandsNote"), { muted: true });
    });
  }
  if (!round && !o.official.length) w.paragraph(t("surveys.results.none"));
  return w.finish();
}
