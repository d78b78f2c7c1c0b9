// The week page (/t/{slug}/arbete/est): the weekly lägesbild of a week and an area — summary,
// figures with charts and their tables, the week's map with its table, the named places, hot
// spots and emerging hot spots, the last meeting's decisions, the police's events — with links to
// the PDF, the CSV of its figures, the reports and the meeting.
import {
  areaText,
  CLASS_STYLE,
  cellRing,
  classKey,
  MIN_CELLS_WITH_EVENTS,
  MIN_EVENTS_PER_CELL,
  type PlaceDescription,
  patternStyle,
  placeText,
} from "../../analysis/index.ts";
import { mixed } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import { csrfField, type FieldErrors, type FormFields, formFields, selectField } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { groupedBarChart, stackedWeekChart } from "../domain/charts.ts";
import { formatChange } from "../domain/figures.ts";
import { weekLabel } from "../domain/time.ts";
import type { PoliceEventRow } from "../repo/meetings.ts";
import { type Lagesbild, largestCells, MAP_TABLE_ROWS, type WeekLayer } from "../service/lagesbild.ts";
import { badge, breadcrumbs, date, dateTime, estBase, num, personalDataNotice, weekTitle } from "./common.ts";

export type WeekPageInput = {
  l: Lagesbild;
  /** The week's map layer in the reader's language (weekLayer). */
  layer: WeekLayer;
  map: SafeHtml;
  police: PoliceEventRow[];
  meetingOfWeek: { id: string } | null;
  may: { editSummary: boolean; report: boolean; manageMeeting: boolean; export: boolean; settings: boolean };
  summary?: { text: string; version: number; errors?: FieldErrors; formError?: string; personalData?: Parameters<typeof personalDataNotice>[1] };
};

/** Query string of a week and area. */
export function weekQuery(week: number, area: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ vecka: weekLabel(week), ...(area ? { omrade: area } : {}), ...extra });
  return `?${q.toString()}`;
}

export const INSATS_TONE = { beslutad: "muted", pagar: "warn", genomford: "ok", installd: "danger" } as const;

/** The map layers of hot spots and emerging patterns (GeoJSON for the map island). */
export function hotspotLayers(ctx: PageContext, l: Lagesbild, layer: WeekLayer) {
  const cell = l.hotspots.cellSize;
  const hot = {
    type: "FeatureCollection",
    features: l.hotspots.significant.map((c) => {
      const s = CLASS_STYLE[classKey(c.cls)];
      return {
        type: "Feature",
        properties: {
          label: `${ctx.t(`analysis.class.${classKey(c.cls)}`)}: ${c.count} (${placeText(ctx.t, ctx.locale, c.place)})`,
          style: { color: s.color, weight: 1, fillColor: s.fillColor, fillOpacity: s.fillOpacity, ...(s.dashArray ? { dashArray: s.dashArray } : {}) },
        },
        geometry: { type: "Polygon", coordinates: [cellRing(c.ix, c.iy, cell)] },
      };
    }),
  };
  const emerging = {
    type: "FeatureCollection",
    features: l.emerging.withPattern.map((c) => ({
      type: "Feature",
      properties: {
        label: `${ctx.t(`analysis.pattern.${c.pattern}`)} (${placeText(ctx.t, ctx.locale, c.place)})`,
        style: { weight: 2, ...patternStyle(c.pattern), fillOpacity: 0.15 },
      },
      geometry: { type: "Polygon", coordinates: [cellRing(c.ix, c.iy, cell)] },
    })),
  };
  return [{ geojson: layer.geojson }, { geojson: hot }, { geojson: emerging }];
}

/** "250 m sydost om centrala Osby, inom Osby tätort" with the place names marked as Swedish content. */
export function placeCell(ctx: PageContext, d: PlaceDescription): SafeHtml {
  const c = { ...d, area: d.area ? content(d.area) : null, near: d.near ? { ...d.near, name: content(d.near.name) } : null };
  const area = areaText(ctx.t, c);
  return mixed(ctx, `${placeText(ctx.t, ctx.locale, c)}${area ? `, ${area}` : ""}`);
}

function changeCell(ctx: PageContext, c: { change: number; changePct: number | null }): SafeHtml {
  return html`<td class="num">${formatChange(c, ctx.locale)}</td>`;
}

function sourceName(ctx: PageContext, l: Lagesbild, key: string): string {
  return ctx.t(l.sources.find((s) => s.key === key)?.label ?? key);
}

function summarySection(ctx: PageContext, p: WeekPageInput, f: FormFields): SafeHtml {
  const { t } = ctx;
  const { l } = p;
  const s = p.summary;
  const slug = ctx.tenant!.slug;
  return html`<section aria-labelledby="summary-heading" id="sammanfattning">
  <h2 id="summary-heading">${t("est.summary.heading")}</h2>
  ${
    l.summary.saved
      ? html`<p class="muted">${t("est.summary.savedBy", { name: l.summary.updatedBy ?? "–", at: l.summary.updatedAt ? dateTime(ctx, l.summary.updatedAt) : "" })}</p>`
      : html`<p class="muted">${t("est.summary.draftNote")}</p>`
  }
  <div class="summary-text">${l.summary.text.split(/\n{2,}/).map((para) => html`<p>${sv(ctx, para)}</p>`)}</div>
  ${
    p.may.editSummary
      ? html`<details${s?.errors || s?.personalData ? html` open` : ""}><summary>${t("est.summary.edit")}</summary>
  <form method="post" action="${estBase(slug)}/sammanfattning" novalidate>
    ${csrfField(ctx)}
    ${s?.personalData ? personalDataNotice(ctx, s.personalData) : ""}
    <input type="hidden" name="vecka" value="${l.weekLabel}">
    <input type="hidden" name="omrade" value="${l.area.key}">
    <input type="hidden" name="version" value="${s?.version ?? l.summary.version}">
    ${f.textarea({ name: "text", label: t("est.summary.text"), hint: t("est.summary.hint"), value: s?.text ?? l.summary.text, rows: 8, ...(ctx.locale === "sv" ? {} : { lang: "sv" }) })}
    <button type="submit">${t("est.summary.save")}</button>
  </form></details>`
      : ""
  }
</section>`;
}

function figuresSection(ctx: PageContext, l: Lagesbild): SafeHtml {
  const { t } = ctx;
  const top = l.figures.filter((f) => f.week > 0 || f.previousMean > 0).slice(0, 12);
  const lyWeek = Number(l.lastYearWeekLabel.slice(6));
  return html`<section aria-labelledby="figures-heading" id="siffror">
  <h2 id="figures-heading">${t("est.figures.heading")}</h2>
  <p>${t("est.figures.explain", { previous: 4, lastYear: l.lastYearWeekLabel })}</p>
  <div class="table-scroll" role="region" aria-labelledby="totals-caption" tabindex="0">
  <table class="figures">
    <caption id="totals-caption">${t("est.figures.totals")}</caption>
    <thead><tr><th scope="col">${t("est.figures.source")}</th><th scope="col" class="num">${t("est.figures.week")}</th><th scope="col" class="num">${t("est.figures.mean")}</th><th scope="col" class="num">${t("est.figures.change")}</th><th scope="col" class="num">${t("est.figures.lastYear", { week: lyWeek })}</th></tr></thead>
    <tbody>${l.totals.map(
      (x) =>
        html`<tr><th scope="row">${sourceName(ctx, l, x.source)}</th><td class="num">${x.week}</td><td class="num">${num(ctx, x.previousMean, 1)}</td>${changeCell(ctx, x)}<td class="num">${x.lastYear}</td></tr>`,
    )}</tbody>
  </table>
  </div>
  ${
    l.area.key
      ? html`<p class="muted">${t("est.figures.areaNote")}</p>`
      : l.sources.some((x) => !x.hasPoints)
        ? html`<p class="muted">${t("est.figures.policeNote")}</p>`
        : ""
  }
  ${
    top.length
      ? groupedBarChart({
          id: "chart-categories",
          title: t("est.chart.categories.title", { week: l.weekLabel }),
          description: t("est.chart.categories.desc", {
            list: top
              .slice(0, 5)
              .map((f) => `${f.category.label[ctx.locale]} ${f.week} (${num(ctx, f.previousMean, 1)})`)
              .join(", "),
          }),
          series: [t("est.chart.thisWeek"), t("est.chart.previousMean")],
          bars: top.map((f) => ({ label: f.category.label[ctx.locale], values: [f.week, Math.round(f.previousMean * 10) / 10] })),
        })
      : html`<p>${t("est.figures.none")}</p>`
  }
  <div class="table-scroll" role="region" aria-labelledby="categories-caption" tabindex="0">
  <table class="figures">
    <caption id="categories-caption">${t("est.figures.categories")}</caption>
    <thead><tr><th scope="col">${t("est.figures.category")}</th><th scope="col">${t("est.figures.source")}</th><th scope="col" class="num">${t("est.figures.week")}</th><th scope="col" class="num">${t("est.figures.mean")}</th><th scope="col" class="num">${t("est.figures.change")}</th><th scope="col" class="num">${t("est.figures.lastYear", { week: lyWeek })}</th></tr></thead>
    <tbody>${l.figures.map(
      (f) =>
        html`<tr><th scope="row">${f.source === "polisen" ? sv(ctx, f.category.label.sv) : f.category.label[ctx.locale]}</th><td>${sourceName(ctx, l, f.source)}</td><td class="num">${f.week}</td><td class="num">${num(ctx, f.previousMean, 1)}</td>${changeCell(ctx, f)}<td class="num">${f.lastYear}</td></tr>`,
    )}</tbody>
  </table>
  </div>
  ${stackedWeekChart({
    id: "chart-weeks",
    title: t("est.chart.weeks.title", { weeks: l.series.length }),
    description: t("est.chart.weeks.desc", {
      list: l.series.map((w) => `${w.label}: ${w.bySource.reduce((a, b) => a + b, 0)}`).join(", "),
    }),
    series: l.sources.map((x) => t(x.label)),
    weeks: l.series.map((w) => ({ label: w.label, values: w.bySource })),
  })}
  <div class="table-scroll" role="region" aria-labelledby="weeks-caption" tabindex="0">
  <table class="figures">
    <caption id="weeks-caption">${t("est.figures.weeks")}</caption>
    <thead><tr><th scope="col">${t("est.figures.weekCol")}</th>${l.sources.map((x) => html`<th scope="col" class="num">${t(x.label)}</th>`)}</tr></thead>
    <tbody>${l.series.map((w) => html`<tr><th scope="row">${weekLabel(w.week)}</th>${w.bySource.map((v) => html`<td class="num">${v}</td>`)}</tr>`)}</tbody>
  </table>
  </div>
</section>`;
}

/** A table of counted cells, the largest first (at most MAP_TABLE_ROWS, said so in the caption). */
function cellTable(ctx: PageContext, id: string, caption: string, cells: WeekLayer["cells"]): SafeHtml {
  const { t } = ctx;
  if (cells.length === 0) return html``;
  const shown = largestCells(cells);
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
  <table>
    <caption id="${id}">${caption}${cells.length > shown.length ? html` – ${t("est.map.largestCells", { shown: MAP_TABLE_ROWS, count: cells.length })}` : ""}</caption>
    <thead><tr><th scope="col">${t("est.figures.category")}</th><th scope="col" class="num">${t("est.map.count")}</th><th scope="col">${t("est.map.cellCentre")}</th></tr></thead>
    <tbody>${shown.map((c) => html`<tr><td>${c.category}</td><td class="num">${c.count}</td><td>${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}</td></tr>`)}</tbody>
  </table>
  </div>`;
}

function mapSection(ctx: PageContext, p: WeekPageInput): SafeHtml {
  const { t } = ctx;
  const { l } = p;
  const layer = p.layer;
  return html`<section aria-labelledby="map-heading" id="karta">
  <h2 id="map-heading">${t("est.map.heading")}</h2>
  <p>${t("est.map.explain", { cell: l.map.cellSize, min: l.map.minCount })}</p>
  ${p.map}
  ${l.map.areaLevelThisWeek ? html`<p class="notice">${t("est.map.areaLevel", { count: l.map.areaLevelThisWeek })}</p>` : ""}
  ${layer.suppressed ? html`<p class="muted">${t("est.map.suppressed", { count: layer.suppressed })}</p>` : ""}
  ${
    layer.aggregated
      ? html`<p class="notice">${t("est.map.aggregated", { count: layer.aggregated, cell: layer.placeCellSize })}${p.may.export ? html` <a href="${estBase(ctx.tenant!.slug)}/export">${t("est.map.toExport")}</a>` : ""}</p>`
      : html`<div class="table-scroll" role="region" aria-labelledby="points-caption" tabindex="0">
  <table>
    <caption id="points-caption">${t("est.map.pointsCaption", { count: layer.points.length })}</caption>
    <thead><tr><th scope="col">${t("est.figures.category")}</th><th scope="col">${t("est.map.position")}</th></tr></thead>
    <tbody>${layer.points.map((pt) => html`<tr><td>${pt.label}</td><td>${pt.lat.toFixed(4)}, ${pt.lon.toFixed(4)}</td></tr>`)}</tbody>
  </table>
  </div>`
  }
  ${cellTable(ctx, "place-cells-caption", t("est.map.placeCellsCaption", { cell: layer.placeCellSize }), layer.placeCells)}
  ${cellTable(ctx, "cells-caption", t("est.map.cellsCaption", { cell: l.map.cellSize }), layer.cells)}
</section>`;
}

function placesSection(ctx: PageContext, l: Lagesbild): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="places-heading" id="platser">
  <h2 id="places-heading">${t("est.places.heading")}</h2>
  ${
    l.places.length
      ? html`<div class="table-scroll" role="region" aria-labelledby="places-caption" tabindex="0"><table>
    <caption id="places-caption">${t("est.places.caption", { radius: 250 })}</caption>
    <thead><tr><th scope="col">${t("est.places.place")}</th><th scope="col" class="num">${t("est.map.count")}</th><th scope="col">${t("est.places.categories")}</th></tr></thead>
    <tbody>${l.places.map(
      (p) =>
        html`<tr><th scope="row">${sv(ctx, p.name)}</th><td class="num">${p.count}</td><td>${p.categories.map((c, i) => html`${i ? ", " : ""}${c.label[ctx.locale]} (${c.count})`)}</td></tr>`,
    )}</tbody>
  </table></div>`
      : html`<p>${t("est.places.none")}</p>`
  }
</section>`;
}

function hotspotSection(ctx: PageContext, l: Lagesbild): SafeHtml {
  const { t } = ctx;
  const h = l.hotspots;
  const e = l.emerging;
  return html`<section aria-labelledby="hotspots-heading" id="hotspots">
  <h2 id="hotspots-heading">${t("est.hotspots.heading", { weeks: l.settings.hotspotWeeks })}</h2>
  <p>${t("est.hotspots.explain", { from: h.fromWeek, to: h.toWeek, cell: h.cellSize, band: h.band })}</p>
  <p class="muted">${t("est.hotspots.policeNote")}</p>
  ${h.error ? html`<p class="notice">${t("est.hotspots.notComputed", { reason: h.error })}</p>` : h.sparse ? html`<p class="notice">${t(`est.sparse.${h.sparse}`, { cells: h.cells, min: MIN_CELLS_WITH_EVENTS, perCell: num(ctx, h.eventsPerCell, 2), minPerCell: num(ctx, MIN_EVENTS_PER_CELL, 1) })}</p>` : ""}
  ${
    h.error
      ? ""
      : html`<p>${t("est.hotspots.result", { points: h.points, cells: h.cells, hot: h.significant.filter((c) => c.cls > 0).length, cold: h.significant.filter((c) => c.cls < 0).length })}</p>
  <ul class="legend">${(["hot99", "hot95", "hot90", "cold90", "cold95", "cold99"] as const).map((k) => {
    const s = CLASS_STYLE[k];
    return html`<li><span class="legend__swatch${s.dashArray ? " legend__swatch--dashed" : ""}" style="background:${s.fillColor};border-color:${s.color}"></span><span class="legend__symbol" aria-hidden="true">${s.symbol}</span>${t(`analysis.class.${k}`)}: ${h.classCounts[k] ?? 0}</li>`;
  })}</ul>
  ${
    h.significant.length
      ? html`<div class="table-scroll" role="region" aria-labelledby="hot-caption" tabindex="0"><table>
    <caption id="hot-caption">${t("est.hotspots.caption")}</caption>
    <thead><tr><th scope="col">${t("est.hotspots.class")}</th><th scope="col">${t("est.hotspots.near")}</th><th scope="col" class="num">${t("est.map.count")}</th><th scope="col" class="num">z</th><th scope="col" class="num">q</th><th scope="col">${t("est.map.cellCentre")}</th></tr></thead>
    <tbody>${h.significant
      .slice(0, 50)
      .map(
        (c) =>
          html`<tr><td>${CLASS_STYLE[classKey(c.cls)].symbol} ${t(`analysis.class.${classKey(c.cls)}`)}</td><td>${placeCell(ctx, c.place)}</td><td class="num">${c.count}</td><td class="num">${num(ctx, c.z, 2)}</td><td class="num">${c.q < 0.001 ? "< 0,001" : num(ctx, c.q, 3)}</td><td>${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}</td></tr>`,
      )}</tbody>
  </table></div>`
      : ""
  }`
  }
  <h3 id="emerging-heading">${t("est.emerging.heading", { weeks: e.weeks })}</h3>
  <p>${t("est.emerging.explain", { from: e.fromWeek, to: e.toWeek })}</p>
  ${e.error ? html`<p class="notice">${t("est.hotspots.notComputed", { reason: e.error })}</p>` : e.sparse ? html`<p class="notice">${t(`est.sparse.${e.sparse}`, { cells: e.locations, min: MIN_CELLS_WITH_EVENTS, perCell: num(ctx, e.eventsPerCell, 2), minPerCell: num(ctx, MIN_EVENTS_PER_CELL, 1) })}</p>` : ""}
  ${
    e.withPattern.length
      ? html`<div class="table-scroll" role="region" aria-labelledby="emerging-caption" tabindex="0"><table>
    <caption id="emerging-caption">${t("est.emerging.caption", { count: e.withPattern.length, locations: e.locations })}</caption>
    <thead><tr><th scope="col">${t("analysis.emerging.pattern")}</th><th scope="col">${t("est.hotspots.near")}</th><th scope="col" class="num">${t("est.map.count")}</th><th scope="col" class="num">${t("analysis.emerging.hotWeeks")}</th><th scope="col" class="num">${t("analysis.emerging.coldWeeks")}</th></tr></thead>
    <tbody>${e.withPattern
      .slice(0, 50)
      .map(
        (c) =>
          html`<tr><td>${t(`analysis.pattern.${c.pattern}`)}</td><td>${placeCell(ctx, c.place)}</td><td class="num">${c.count}</td><td class="num">${c.hot}</td><td class="num">${c.cold}</td></tr>`,
      )}</tbody>
  </table></div>`
      : e.error
        ? ""
        : html`<p>${t("analysis.emerging.none")}</p>`
  }
</section>`;
}

function decisionsSection(ctx: PageContext, p: WeekPageInput): SafeHtml {
  const { t } = ctx;
  const { l } = p;
  const base = estBase(ctx.tenant!.slug);
  const row = (i: Lagesbild["decisions"][number]) =>
    html`<tr><th scope="row"><a href="${base}/insatser/${i.id}">${sv(ctx, i.title)}</a></th><td>${sv(ctx, i.place_name)}</td><td>${i.organisation_name ? sv(ctx, i.organisation_name) : "–"}</td><td>${date(ctx, i.starts_on)} – ${date(ctx, i.ends_on)}</td><td>${badge(t(`est.insats.status.${i.status}`), INSATS_TONE[i.status])}</td></tr>`;
  const head = html`<thead><tr><th scope="col">${t("est.insats.what")}</th><th scope="col">${t("est.insats.where")}</th><th scope="col">${t("est.insats.who")}</th><th scope="col">${t("est.insats.when")}</th><th scope="col">${t("est.insats.statusLabel")}</th></tr></thead>`;
  return html`<section aria-labelledby="decisions-heading" id="beslut">
  <h2 id="decisions-heading">${t("est.decisions.heading")}</h2>
  ${
    l.lastMeeting
      ? html`<p>${t("est.decisions.lastMeeting", { week: l.lastMeeting.week, date: date(ctx, l.lastMeeting.held_on) })} <a href="${base}/moten/${l.lastMeeting.id}">${t("est.decisions.openMeeting")}</a></p>
  ${
    l.decisions.length
      ? html`<div class="table-scroll" role="region" aria-labelledby="decisions-caption" tabindex="0"><table><caption id="decisions-caption">${t("est.decisions.caption")}</caption>${head}<tbody>${l.decisions.map(row)}</tbody></table></div>`
      : html`<p>${t("est.decisions.none")}</p>`
  }`
      : html`<p>${t("est.decisions.noMeeting", { week: weekLabel(l.week - 1) })}</p>`
  }
  <h3>${t("est.decisions.running")}</h3>
  ${
    l.running.length
      ? html`<div class="table-scroll" role="region" aria-labelledby="running-caption" tabindex="0"><table><caption id="running-caption">${t("est.decisions.runningCaption")}</caption>${head}<tbody>${l.running.map(row)}</tbody></table></div>`
      : html`<p>${t("est.decisions.noneRunning")}</p>`
  }
</section>`;
}

function policeSection(ctx: PageContext, p: WeekPageInput): SafeHtml {
  const { t } = ctx;
  if (p.l.area.key) return html``;
  return html`<section aria-labelledby="police-heading" id="polisen">
  <h2 id="police-heading">${t("est.police.heading")}</h2>
  <p>${t("est.police.explain")}</p>
  ${
    p.police.length
      ? html`<ul class="police-events">${p.police.map(
          (e) =>
            html`<li><strong>${sv(ctx, e.type)}</strong> – ${dateTime(ctx, e.occurred_at)}${e.time_source === "publicering" ? html` <span class="muted">(${t("est.police.publishedTime")})</span>` : ""}<br>${sv(ctx, e.summary)}${
              e.url
                ? html` <a href="${e.url}" rel="noopener noreferrer">${t("est.police.readMore")}<span class="visually-hidden"> (${sv(ctx, e.type)}, ${dateTime(ctx, e.occurred_at)})</span></a>`
                : ""
            }</li>`,
        )}</ul>`
      : html`<p>${t("est.police.none")}</p>`
  }
</section>`;
}

export function weekPage(ctx: PageContext, p: WeekPageInput): PageOptions {
  const { t } = ctx;
  const { l } = p;
  const base = estBase(ctx.tenant!.slug);
  const q = (extra: Record<string, string> = {}) => weekQuery(l.week, l.area.key, extra);
  const f = formFields(p.summary?.errors);
  const summary = summarySection(ctx, p, f);
  return {
    title: `${t("est.week.heading")} ${l.weekLabel}`,
    head: html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">`,
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js"],
    breadcrumbs: breadcrumbs(ctx, [l.weekLabel, null]),
    main: html`${f.summary(ctx, p.summary?.formError)}<h1>${t("est.week.heading")} – ${weekTitle(ctx, l.week)}</h1>
<p class="lead">${l.area.name ? html`${t("est.week.areaLead")} ${sv(ctx, l.area.name)}.` : html`${t("est.week.wholeLead")} ${sv(ctx, l.tenant.name)}.`}</p>
<nav aria-label="${t("est.week.navLabel")}" class="week-nav">
  <ul class="actions">
    <li><a href="${base}${weekQuery(l.week - 1, l.area.key)}">${t("est.week.previous")}</a></li>
    <li><a href="${base}${weekQuery(l.week + 1, l.area.key)}">${t("est.week.next")}</a></li>
    <li><a href="${base}?omrade=${l.area.key}">${t("est.week.latest")}</a></li>
  </ul>
</nav>
<form method="get" action="${base}" class="week-form">
  <div class="week-form__fields">
  ${selectField({ name: "vecka", label: t("est.week.choose"), value: l.weekLabel, options: Array.from({ length: 60 }, (_, i) => l.week + 4 - i).map((w) => ({ value: weekLabel(w), label: weekLabel(w) })) })}
  ${selectField({ name: "omrade", label: t("est.week.area"), value: l.area.key, options: [{ value: "", label: t("est.week.wholeMunicipality") }, ...l.areas.map((a) => ({ value: a.key, label: a.name, ...(ctx.locale === "sv" ? {} : { lang: "sv" }) }))] })}
  </div>
  <button type="submit" class="secondary">${t("est.week.show")}</button>
</form>
<ul class="actions est-links">
  ${p.may.report ? html`<li><a class="button" href="${base}/rapportera">${t("est.report.new")}</a></li>` : ""}
  <li><a href="${base}/rapporter${q()}">${t("est.week.reports")}</a></li>
  <li><a href="${base}/lagesbild.pdf${q()}">${t("est.week.pdf")}</a></li>
  <li><a href="${base}/lagesbild.csv${q()}">${t("est.week.csv")}</a></li>
  ${p.meetingOfWeek ? html`<li><a href="${base}/moten/${p.meetingOfWeek.id}">${t("est.week.meeting")}</a></li>` : p.may.manageMeeting ? html`<li><a href="${base}/moten?vecka=${l.weekLabel}">${t("est.week.planMeeting")}</a></li>` : ""}
  <li><a href="${base}/insatser">${t("est.insatser.title")}</a></li>
  <li><a href="${base}/analys">${t("est.analysis.title")}</a></li>
  ${p.may.export ? html`<li><a href="${base}/export">${t("est.export.title")}</a></li>` : ""}
  ${p.may.settings ? html`<li><a href="${base}/installningar">${t("est.settings.title")}</a></li>` : ""}
</ul>
${summary}
${figuresSection(ctx, l)}
${mapSection(ctx, p)}
${placesSection(ctx, l)}
${hotspotSection(ctx, l)}
${decisionsSection(ctx, p)}
${policeSection(ctx, p)}`,
  };
}
