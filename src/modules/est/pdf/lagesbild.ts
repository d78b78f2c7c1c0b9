// The weekly lägesbild as a tagged PDF (the platform's kit, src/platform/pdf/): the same picture
// as the page — summary, figures, the week's map as its tables (the privacy rule of the map
// holds: person-related incidents only as counted cells), the named places, hot spots and
// emerging hot spots, the last meeting's decisions and the police's events. Labels follow the
// reader's language; what people wrote (the summary, place and organisation names, insatser, the
// police's texts) stays Swedish and is marked with content(). The creation date is the end of the
// week (or now, for the current week), so a past week's PDF is the same every time.
import { classKey, placeText } from "../../analysis/index.ts";
import { content as c } from "../../../platform/i18n/content.ts";
import { formatNumber, type Locale, translator } from "../../../platform/i18n/i18n.ts";
import { createPdf } from "../../../platform/pdf/document.ts";
import { formatChange } from "../domain/figures.ts";
import { stockholmParts, weekDays } from "../domain/time.ts";
import type { PoliceEventRow } from "../repo/meetings.ts";
import { type Lagesbild, largestCells, MAP_TABLE_ROWS, type WeekLayer } from "../service/lagesbild.ts";

export type LagesbildPdfOptions = { locale: Locale; publicUrl: string; layer: WeekLayer; police: PoliceEventRow[]; now: Date };

function dateLabel(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { timeZone: "UTC", dateStyle: "long" }).format(new Date(`${iso}T12:00:00Z`));
}

export async function renderLagesbildPdf(l: Lagesbild, o: LagesbildPdfOptions): Promise<Buffer> {
  const { locale } = o;
  const t = translator(locale);
  const n = (x: number, d = 0) => formatNumber(x, locale, d);
  const weekEnd = new Date((weekDays(l.week).to * 86_400_000) as number);
  const title = `${t("est.pdf.title", { week: l.weekLabel })} – ${c(l.area.name ?? l.tenant.name)}`;
  const w = createPdf({ locale, title, subject: t("est.pdf.subject"), date: weekEnd < o.now ? weekEnd : o.now, publicUrl: o.publicUrl });
  const sourceName = (key: string) => t(l.sources.find((s) => s.key === key)?.label ?? key);
  const cat = (f: { source: string; category: { label: { sv: string; en: string } } }) =>
    f.source === "polisen" ? c(f.category.label.sv) : f.category.label[locale];
  w.heading(1, title);
  w.paragraph(t("est.pdf.period", { from: dateLabel(locale, l.firstDate), to: dateLabel(locale, l.lastDate) }));
  w.section(() => {
    w.heading(2, t("est.summary.heading"));
    if (!l.summary.saved) w.paragraph(t("est.summary.draftNote"), { muted: true });
    for (const p of l.summary.text.split(/\n{2,}/).filter((x) => x.trim())) w.paragraph(c(p));
  });
  const lyWeek = Number(l.lastYearWeekLabel.slice(6));
  w.section(() => {
    w.heading(2, t("est.figures.heading"));
    w.paragraph(t("est.figures.explain", { previous: 4, lastYear: l.lastYearWeekLabel }));
    w.table({
      caption: t("est.figures.totals"),
      header: [t("est.figures.source"), t("est.figures.week"), t("est.figures.mean"), t("est.figures.change"), t("est.figures.lastYear", { week: lyWeek })],
      rows: l.totals.map((x) => [sourceName(x.source), String(x.week), n(x.previousMean, 1), formatChange(x, locale), String(x.lastYear)]),
      widths: [3, 1, 1, 1.4, 1.4],
    });
    if (l.figures.length)
      w.table({
        caption: t("est.figures.categories"),
        header: [
          t("est.figures.category"),
          t("est.figures.source"),
          t("est.figures.week"),
          t("est.figures.mean"),
          t("est.figures.change"),
          t("est.figures.lastYear", { week: lyWeek }),
        ],
        rows: l.figures.map((f) => [cat(f), sourceName(f.source), String(f.week), n(f.previousMean, 1), formatChange(f, locale), String(f.lastYear)]),
        widths: [3, 2, 1, 1, 1.4, 1.4],
      });
    w.table({
      caption: t("est.figures.weeks"),
      header: [t("est.figures.weekCol"), ...l.sources.map((x) => t(x.label))],
      rows: l.series.map((s) => [s.label, ...s.bySource.map(String)]),
    });
  });
  w.section(() => {
    w.heading(2, t("est.map.heading"));
    w.paragraph(t("est.map.explain", { cell: l.map.cellSize, min: l.map.minCount }));
    if (l.map.areaLevelThisWeek) w.paragraph(t("est.map.areaLevel", { count: l.map.areaLevelThisWeek }));
    if (o.layer.suppressed) w.paragraph(t("est.map.suppressed", { count: o.layer.suppressed }), { muted: true });
    if (o.layer.aggregated) w.paragraph(t("est.map.aggregated", { count: o.layer.aggregated, cell: o.layer.placeCellSize }));
    // The points by category (when they are too many for points, the figures above give the categories).
    if (!o.layer.aggregated) {
      const byCategory = new Map<string, number>();
      for (const p of o.layer.points) byCategory.set(p.category, (byCategory.get(p.category) ?? 0) + 1);
      w.table({
        caption: t("est.pdf.pointsByCategory", { count: o.layer.points.length }),
        header: [t("est.figures.category"), t("est.map.count")],
        rows: [...byCategory].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, String(v)]),
        widths: [4, 1],
      });
    }
    for (const [caption, cells] of [
      [t("est.map.placeCellsCaption", { cell: o.layer.placeCellSize }), o.layer.placeCells],
      [t("est.map.cellsCaption", { cell: l.map.cellSize }), o.layer.cells],
    ] as const) {
      if (cells.length === 0) continue;
      const shown = largestCells(cells);
      w.table({
        caption: cells.length > shown.length ? `${caption} – ${t("est.map.largestCells", { shown: MAP_TABLE_ROWS, count: cells.length })}` : caption,
        header: [t("est.figures.category"), t("est.map.count"), t("est.map.cellCentre")],
        rows: shown.map((x) => [x.category, String(x.count), `${x.lat.toFixed(4)}, ${x.lon.toFixed(4)}`]),
        widths: [3, 1, 2],
      });
    }
  });
  w.section(() => {
    w.heading(2, t("est.places.heading"));
    if (l.places.length)
      w.table({
        caption: t("est.places.caption", { radius: 250 }),
        header: [t("est.places.place"), t("est.map.count"), t("est.places.categories")],
        rows: l.places.map((p) => [c(p.name), String(p.count), p.categories.map((k) => `${k.label[locale]} (${k.count})`).join(", ")]),
        widths: [2, 1, 4],
      });
    else w.paragraph(t("est.places.none"));
  });
  w.section(() => {
    const h = l.hotspots;
    w.heading(2, t("est.hotspots.heading", { weeks: l.settings.hotspotWeeks }));
    w.paragraph(t("est.hotspots.explain", { from: h.fromWeek, to: h.toWeek, cell: h.cellSize, band: h.band }));
    w.paragraph(t("est.hotspots.policeNote"), { muted: true });
    if (h.error) w.paragraph(t("est.hotspots.notComputed", { reason: h.error }));
    else if (h.sparse) w.paragraph(t(`est.sparse.${h.sparse}`, { cells: h.cells, min: 30, perCell: n(h.eventsPerCell, 2), minPerCell: n(1.3, 1) }));
    else if (h.significant.length)
      w.table({
        caption: t("est.hotspots.caption"),
        header: [t("est.hotspots.class"), t("est.hotspots.near"), t("est.map.count"), "z", "q"],
        rows: h.significant
          .slice(0, 30)
          .map((x) => [
            t(`analysis.class.${classKey(x.cls)}`),
            placeText(t, locale, { ...x.place, near: x.place.near ? { ...x.place.near, name: c(x.place.near.name) } : null }),
            String(x.count),
            n(x.z, 2),
            x.q < 0.001 ? "< 0,001" : n(x.q, 3),
          ]),
        widths: [2, 4, 1, 1, 1],
      });
    else w.paragraph(t("est.hotspots.result", { points: h.points, cells: h.cells, hot: 0, cold: 0 }));
    const e = l.emerging;
    w.heading(3, t("est.emerging.heading", { weeks: e.weeks }));
    w.paragraph(t("est.emerging.explain", { from: e.fromWeek, to: e.toWeek }));
    if (e.error) w.paragraph(t("est.hotspots.notComputed", { reason: e.error }));
    else if (e.sparse) w.paragraph(t(`est.sparse.${e.sparse}`, { cells: e.locations, min: 30, perCell: n(e.eventsPerCell, 2), minPerCell: n(1.3, 1) }));
    else if (e.withPattern.length)
      w.table({
        caption: t("est.emerging.caption", { count: e.withPattern.length, locations: e.locations }),
        header: [t("analysis.emerging.pattern"), t("est.hotspots.near"), t("est.map.count")],
        rows: e.withPattern
          .slice(0, 30)
          .map((x) => [
            t(`analysis.pattern.${x.pattern}`),
            placeText(t, locale, { ...x.place, near: x.place.near ? { ...x.place.near, name: c(x.place.near.name) } : null }),
            String(x.count),
          ]),
        widths: [2, 4, 1],
      });
    else w.paragraph(t("analysis.emerging.none"));
  });
  w.section(() => {
    w.heading(2, t("est.decisions.heading"));
    if (l.lastMeeting) w.paragraph(t("est.decisions.lastMeeting", { week: l.lastMeeting.week, date: dateLabel(locale, l.lastMeeting.held_on) }));
    else w.paragraph(t("est.decisions.noMeeting", { week: l.weekLabel }));
    const rows = [...l.decisions, ...l.running.filter((r) => !l.decisions.some((d) => d.id === r.id))];
    if (rows.length)
      w.table({
        caption: t("est.decisions.caption"),
        header: [t("est.insats.what"), t("est.insats.where"), t("est.insats.who"), t("est.insats.when"), t("est.insats.statusLabel")],
        rows: rows.map((i) => [
          c(i.title),
          c(i.place_name),
          i.organisation_name ? c(i.organisation_name) : "–",
          `${i.starts_on} – ${i.ends_on}`,
          t(`est.insats.status.${i.status}`),
        ]),
        widths: [3, 2, 2, 2, 1.4],
      });
  });
  if (!l.area.key)
    w.section(() => {
      w.heading(2, t("est.police.heading"));
      w.paragraph(t("est.police.explain"));
      if (o.police.length)
        w.list(
          o.police.map((e) => {
            const p = stockholmParts(new Date(e.occurred_at));
            return { label: "•", body: [`${c(e.type)} – ${p.date} ${p.time}`, c(e.summary)].filter((x) => x.trim()) };
          }),
        );
      else w.paragraph(t("est.police.none"));
    });
  return w.finish();
}
