// One hot spot run, written for a kommunpolis on a phone: what was found, by place, in words;
// the map (boundary, areas, named places, cells; tiles when configured) with the same places in a
// table; the strongest places first and the rest behind "show all"; every cell with z, p and q
// behind a details element for comparison with ArcGIS; a warning instead of classes when the data
// are too sparse; skipped rows; engine timings for administrators only. Works without JavaScript.
import { html, jsonForScript, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { GeoJSONGeometry } from "../../../platform/db/schema.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { MIN_CELLS_WITH_EVENTS, MIN_EVENTS_PER_CELL } from "../assessment.ts";
import { areaText, type Gazetteer, makeDescriber, placeText } from "../places.ts";
import { INTERRUPTED_RUN } from "../stale.ts";
import {
  CLASS_KEYS,
  CLASS_STYLE,
  type CellRow,
  classLabel,
  type EmergingGroup,
  type EmergingRow,
  emergingFeatures,
  emergingGroups,
  emergingRows,
  type HotspotGroup,
  hotspotFeatures,
  hotspotGroups,
  hotspotRows,
  patternStyle,
  runPath,
  sortEmergingRows,
  strongestRows,
} from "../present.ts";
import type { RunRow } from "../repo.ts";
import type { ClassifyBy, RunAssessment, RunTimings } from "../tables.ts";
import { hotspotsBase, num, pText, runStatus, STYLES } from "./common.ts";

/** Cells drawn on the map and listed cell by cell (the strongest by |z|); the CSV has all stored cells. */
export const DISPLAY_MAX = 1000;
/** Places listed before "show all". */
export const TOP_PLACES = 10;

export type RunPageData = {
  run: RunRow;
  tileUrl: string;
  attribution: string;
  boundary: GeoJSONGeometry | null;
  gazetteer: Gazetteer;
  showTimings: boolean;
};

type MapBase = { boundary: GeoJSONGeometry | null; areas: unknown[]; places: unknown[]; tileUrl: string; attribution: string };

function mapIsland(ctx: PageContext, id: string, label: string, base: MapBase, geojson: unknown): SafeHtml {
  return html`<div class="map-island">
  <div id="${id}" class="map" data-map-source="${id}-data" role="region" aria-label="${label}"></div>
  <script type="application/json" id="${id}-data">${jsonForScript({ ...base, layers: [{ geojson }], fit: "layers" })}</script>
  <p class="map-note">${ctx.t("analysis.map.tableAlternative")}</p>
</div>`;
}

function placeCell(ctx: PageContext, p: Parameters<typeof placeText>[2]): SafeHtml {
  const within = areaText(ctx.t, p, true);
  return html`${mixed(ctx, placeText(ctx.t, ctx.locale, p, true))}${within ? html`<span class="place__area">${mixed(ctx, within)}</span>` : ""}`;
}

function legend(ctx: PageContext, classifyBy: ClassifyBy, counts: Record<string, number>): SafeHtml {
  const keys = [...CLASS_KEYS].reverse().filter((k) => k !== "ns" && (counts[k] ?? 0) > 0);
  return html`<ul class="legend" aria-label="${ctx.t("analysis.map.legend")}">
  ${keys.map((k) => {
    const s = CLASS_STYLE[k];
    return html`<li><span class="legend__swatch${s.dashArray ? " legend__swatch--dashed" : ""}" style="background:${s.fillColor};border-color:${s.color}" aria-hidden="true"></span><span class="legend__symbol" aria-hidden="true">${s.symbol}</span> <span>${classLabel(ctx.t, classifyBy, k)} <span class="muted">(${ctx.t("analysis.map.cells", { count: counts[k] ?? 0 })})</span></span></li>`;
  })}
</ul>`;
}

/** Places as a two-column table (place, area and assessment | incidents): fits a 320 px screen. */
function placesTable(ctx: PageContext, id: string, caption: string, classifyBy: ClassifyBy, groups: HotspotGroup[], cellSize: number): SafeHtml {
  const { t, locale } = ctx;
  return html`<table class="places" aria-labelledby="${id}">
  <caption id="${id}">${caption}</caption>
  <thead><tr>
    <th scope="col">${t("analysis.places.placeAndAssessment")}</th>
    <th scope="col" class="num">${t("analysis.places.events")}</th>
  </tr></thead>
  <tbody>
  ${groups.map(
    (g) => html`<tr>
    <th scope="row">${placeCell(ctx, g.place)}<span class="place__class"><span aria-hidden="true">${CLASS_STYLE[g.cls].symbol} </span>${classLabel(t, classifyBy, g.cls)}</span></th>
    <td class="num">${num(locale, g.events)}<span class="place__cells">${t("analysis.places.cells", { count: g.cells.length, size: num(locale, cellSize) })}</span></td>
  </tr>`,
  )}
  </tbody>
</table>`;
}

function cellTable(ctx: PageContext, classifyBy: ClassifyBy, rows: CellRow[], describe: ReturnType<typeof makeDescriber>): SafeHtml {
  const { t, locale } = ctx;
  return html`<div class="table-scroll" role="region" aria-labelledby="cells-caption" tabindex="0"><table class="cells">
  <caption id="cells-caption">${t("analysis.table.caption")}</caption>
  <thead><tr>
    <th scope="col">${t("analysis.table.place")}</th>
    <th scope="col" class="num">${t("analysis.table.count")}</th>
    <th scope="col">${t("analysis.table.class")}</th>
    <th scope="col" class="num">${t("analysis.table.z")}</th>
    <th scope="col" class="num">${t("analysis.table.p")}</th>
    <th scope="col" class="num">${t("analysis.table.q")}</th>
  </tr></thead>
  <tbody>
  ${rows.map(
    (r) => html`<tr>
    <th scope="row">${placeCell(ctx, describe(r.lat, r.lon))}</th>
    <td class="num">${num(locale, r.count)}</td>
    <td><span aria-hidden="true">${CLASS_STYLE[r.cls].symbol} </span>${classLabel(t, classifyBy, r.cls)}</td>
    <td class="num">${num(locale, r.z, 2)}</td>
    <td class="num">${pText(locale, r.p)}</td>
    <td class="num">${pText(locale, r.q)}</td>
  </tr>`,
  )}
  </tbody>
</table></div>`;
}

function emergingTable(ctx: PageContext, id: string, caption: string, groups: EmergingGroup[], cellSize: number): SafeHtml {
  const { t, locale } = ctx;
  return html`<table class="places" aria-labelledby="${id}">
  <caption id="${id}">${caption}</caption>
  <thead><tr>
    <th scope="col">${t("analysis.places.placeAndPattern")}</th>
    <th scope="col" class="num">${t("analysis.places.events")}</th>
  </tr></thead>
  <tbody>
  ${groups.map(
    (g) => html`<tr>
    <th scope="row">${placeCell(ctx, g.place)}<span class="place__class">${t(`analysis.pattern.${g.pattern}`)}</span></th>
    <td class="num">${num(locale, g.events)}<span class="place__cells">${t("analysis.places.cells", { count: g.cells.length, size: num(locale, cellSize) })}</span></td>
  </tr>`,
  )}
  </tbody>
</table>`;
}

function emergingCellTable(ctx: PageContext, rows: EmergingRow[], describe: ReturnType<typeof makeDescriber>): SafeHtml {
  const { t, locale } = ctx;
  return html`<div class="table-scroll" role="region" aria-labelledby="emerging-caption" tabindex="0"><table class="cells">
  <caption id="emerging-caption">${t("analysis.emerging.caption")}</caption>
  <thead><tr>
    <th scope="col">${t("analysis.table.place")}</th>
    <th scope="col" class="num">${t("analysis.table.count")}</th>
    <th scope="col">${t("analysis.emerging.pattern")}</th>
    <th scope="col" class="num">${t("analysis.emerging.hotWeeks")}</th>
    <th scope="col" class="num">${t("analysis.emerging.coldWeeks")}</th>
    <th scope="col" class="num">${t("analysis.emerging.trend")}</th>
  </tr></thead>
  <tbody>
  ${rows.map(
    (r) => html`<tr>
    <th scope="row">${placeCell(ctx, describe(r.lat, r.lon))}</th>
    <td class="num">${num(locale, r.count)}</td>
    <td>${t(`analysis.pattern.${r.pattern}`)}</td>
    <td class="num">${num(locale, r.hot)}</td>
    <td class="num">${num(locale, r.cold)}</td>
    <td class="num">${num(locale, r.tau, 2)} (p ${pText(locale, r.trendP)})</td>
  </tr>`,
  )}
  </tbody>
</table></div>`;
}

function emergingLegend(ctx: PageContext, rows: EmergingRow[]): SafeHtml {
  const present = sortEmergingRows(rows)
    .map((r) => r.pattern)
    .filter((p, i, all) => all.indexOf(p) === i);
  return html`<ul class="legend legend--explained" aria-label="${ctx.t("analysis.map.legend")}">
  ${present.map((p) => {
    const s = patternStyle(p);
    return html`<li><span class="legend__swatch${s.dashArray ? " legend__swatch--dashed" : ""}" style="background:${s.fillColor};border-color:${s.color}" aria-hidden="true"></span><span><strong>${ctx.t(`analysis.pattern.${p}`)}</strong> <span class="muted">(${ctx.t("analysis.map.cells", { count: rows.filter((r) => r.pattern === p).length })})</span>: ${ctx.t(`analysis.patternHelp.${p}`)}</span></li>`;
  })}
</ul>`;
}

const TIMING_KEYS = ["parse", "project", "bin", "nb", "gistar", "engine", "emerging", "wall", "store"] as const;

function timingsTable(ctx: PageContext, timings: RunTimings | Record<string, never>): SafeHtml {
  const { t, locale } = ctx;
  const tm = timings as RunTimings;
  const rows = TIMING_KEYS.filter((k) => typeof tm[k] === "number");
  return html`<table class="timings">
  <caption>${t("analysis.timings.caption", { where: tm.executor ? t(`analysis.timings.executor.${tm.executor}`) : "–" })}</caption>
  <thead><tr><th scope="col">${t("analysis.timings.step")}</th><th scope="col" class="num">${t("analysis.timings.ms")}</th></tr></thead>
  <tbody>${rows.map((k) => html`<tr><th scope="row">${t(`analysis.timings.${k}`)}</th><td class="num">${num(locale, tm[k] as number, 1)}</td></tr>`)}</tbody>
</table>`;
}

function skippedText(ctx: PageContext, run: RunRow): SafeHtml {
  const { t, locale } = ctx;
  const s = run.input_report.skipped;
  if (!s || s.count === 0) return html`<p>${t("analysis.report.noneSkipped")}</p>`;
  const where = run.source === "api" ? t("analysis.report.firstIndices") : t("analysis.report.firstLines");
  return html`<p>${t("analysis.report.skipped", { count: s.count })} ${where}: ${s.first.map((n) => num(locale, n)).join(", ")}${s.count > s.first.length ? " …" : ""}</p>
<ul>
  ${s.badRows ? html`<li>${t("analysis.report.badRows", { count: s.badRows })}</li>` : ""}
  ${s.badCoordinates ? html`<li>${t("analysis.report.badCoordinates", { count: s.badCoordinates })}</li>` : ""}
  ${s.badTimestamps ? html`<li>${t("analysis.report.badTimestamps", { count: s.badTimestamps })}</li>` : ""}
</ul>`;
}

/** The warning shown instead of classes when the data are too sparse. */
function sparseWarning(ctx: PageContext, a: RunAssessment, cellSize: number): SafeHtml {
  const { t, locale } = ctx;
  const params = {
    cells: num(locale, a.cellsWithEvents),
    min: num(locale, MIN_CELLS_WITH_EVENTS),
    perCell: num(locale, a.eventsPerCell, 2),
    minPerCell: num(locale, MIN_EVENTS_PER_CELL, 1),
    suggest: num(locale, cellSize * 2),
  };
  return html`<div class="notice notice--warning" role="status">
  <h3>${t("analysis.sparse.heading")}</h3>
  <p>${t(`analysis.sparse.${a.sparse}`, params)}</p>
  <p>${t("analysis.sparse.why")}</p>
</div>`;
}

/** How to read the classes: corrected for many tests (q) or not (p). */
function howToRead(ctx: PageContext, classifyBy: ClassifyBy, cells: number): SafeHtml {
  const { t, locale } = ctx;
  if (classifyBy === "p") return html`<div class="notice notice--warning"><p>${t("analysis.result.uncorrected", { cells: num(locale, cells) })}</p></div>`;
  return html`<p>${t("analysis.result.corrected", { cells: num(locale, cells) })}</p>`;
}

export function runPage(ctx: PageContext, d: RunPageData): PageOptions {
  const { t, locale } = ctx;
  const slug = ctx.tenant!.slug;
  const run = d.run;
  const p = run.parameters;
  const classifyBy: ClassifyBy = p.classifyBy === "p" ? "p" : "q";
  const input = run.input_report;
  const when = formatDate(run.created_at, locale, true);
  const title = t("analysis.run.title", { when });
  const base = runPath(slug, run.id);
  const counts = ("cells" in run.counts ? run.counts : {}) as Record<string, number>;
  const a = run.assessment;
  const describe = makeDescriber(d.gazetteer);
  const all = hotspotRows(run.results, p.cellSize);
  const shown = strongestRows(all, DISPLAY_MAX);
  const groups = hotspotGroups(shown, describe);
  const em = emergingRows(run.emerging, p.cellSize);
  const emShown = sortEmergingRows(em).slice(0, DISPLAY_MAX);
  const emGroups = emergingGroups(emShown, describe);
  const mapBase: MapBase = {
    boundary: d.boundary,
    areas: d.gazetteer.areas.filter((x) => x.geometry).map((x) => ({ name: x.name, geometry: x.geometry })),
    places: d.gazetteer.places.map((x) => ({ name: x.name, lat: x.lat, lon: x.lon })),
    tileUrl: d.tileUrl,
    attribution: d.attribution,
  };
  const hot = (counts.hot99 ?? 0) + (counts.hot95 ?? 0) + (counts.hot90 ?? 0);
  const cold = (counts.cold99 ?? 0) + (counts.cold95 ?? 0) + (counts.cold90 ?? 0);
  const hotPlaces = groups.filter((g) => g.side === "hot").length;
  const coldPlaces = groups.length - hotPlaces;
  const tooltip = (r: CellRow) =>
    t("analysis.map.cellLabel", { place: placeText(t, locale, describe(r.lat, r.lon)), cls: classLabel(t, classifyBy, r.cls), count: r.count });

  const facts = html`<dl class="facts">
  <dt>${t("analysis.run.source")}</dt><dd>${run.label ? sv(ctx, run.label) : t(`analysis.source.${run.source}`)}</dd>
  <dt>${t("analysis.run.used")}</dt><dd>${num(locale, input.used ?? 0)}</dd>
  <dt>${t("analysis.run.grid")}</dt><dd>${t("analysis.run.gridText", { cell: num(locale, p.cellSize, 2), band: num(locale, p.band, 2) })}</dd>
  <dt>${t("analysis.run.classifyBy")}</dt><dd>${t(`analysis.run.classifyBy.${classifyBy}`)}</dd>
</dl>
<details class="more">
  <summary>${t("analysis.run.more")}</summary>
  <dl class="facts">
    <dt>${t("analysis.run.by")}</dt><dd>${run.created_by_name ?? "–"}</dd>
    <dt>${t("analysis.run.status")}</dt><dd>${runStatus(ctx, run.status)}</dd>
    <dt>${t("analysis.run.area")}</dt><dd>${p.boundaryOnly ? t("analysis.run.areaBoundary") : t("analysis.run.areaData")}</dd>
    <dt>${t("analysis.run.categories")}</dt><dd>${p.categories.length ? p.categories.join(", ") : t("analysis.run.allCategories")}</dd>
    <dt>${t("analysis.run.statistic")}</dt><dd>${t("analysis.run.statisticText")}</dd>
    <dt>${t("analysis.run.rows")}</dt><dd>${num(locale, input.rows ?? 0)}</dd>
    ${input.filtered ? html`<dt>${t("analysis.run.filtered")}</dt><dd>${num(locale, input.filtered)}</dd>` : ""}
    ${p.boundaryOnly ? html`<dt>${t("analysis.run.outside")}</dt><dd>${num(locale, input.outside ?? 0)}</dd>` : ""}
    ${counts.cells !== undefined ? html`<dt>${t("analysis.run.cellsAnalysed")}</dt><dd>${num(locale, counts.cells)}</dd>` : ""}
    ${a ? html`<dt>${t("analysis.run.cellsWithEvents")}</dt><dd>${num(locale, a.cellsWithEvents)}</dd>` : ""}
  </dl>
</details>`;

  let body: SafeHtml;
  if (run.status === "running") {
    body = html`<div class="notice" role="status"><p>${t("analysis.run.running")}</p><p><a href="${base}">${t("analysis.run.reload")}</a></p></div>`;
  } else if (run.status === "failed") {
    body = html`<div class="error-summary" role="alert"><h2>${t("analysis.run.failedHeading")}</h2><p>${
      run.error === INTERRUPTED_RUN ? t("analysis.run.interrupted") : t("analysis.error.engine", { message: run.error ?? "" })
    }</p></div>`;
  } else if (a?.sparse) {
    body = html`<section aria-labelledby="result-heading">
  <h2 id="result-heading">${t("analysis.result.heading")}</h2>
  ${sparseWarning(ctx, a, p.cellSize)}
  ${p.emerging ? html`<p>${t("analysis.emerging.notComputedSparse")}</p>` : ""}
</section>`;
  } else {
    const top = groups.slice(0, TOP_PLACES);
    const rest = groups.slice(TOP_PLACES);
    const empty = a && a.emptyNearHot + a.emptyCold > 0 ? a : null;
    body = html`<section aria-labelledby="result-heading">
  <h2 id="result-heading">${t("analysis.result.heading")}</h2>
  <p class="lead">${t("analysis.result.summary", { hot: t("analysis.result.hotPlaces", { count: hotPlaces }), cold: t("analysis.result.coldPlaces", { count: coldPlaces }) })} ${t("analysis.result.summaryCells", { count: hot + cold, cells: counts.cells ?? 0 })}</p>
  ${howToRead(ctx, classifyBy, counts.cells ?? 0)}
  ${empty ? html`<p>${t("analysis.result.emptyCells", { hot: empty.emptyNearHot, cold: empty.emptyCold })}</p>` : ""}
  ${run.results?.truncated ? html`<p>${t("analysis.result.truncated", { count: all.length })}</p>` : ""}
  ${
    groups.length
      ? html`${legend(ctx, classifyBy, counts)}
  ${mapIsland(ctx, "hotspot-map", t("analysis.map.label"), mapBase, hotspotFeatures(shown, p.cellSize, tooltip))}
  ${placesTable(ctx, "places-caption", t("analysis.places.caption", { shown: top.length, all: groups.length }), classifyBy, top, p.cellSize)}
  ${
    rest.length
      ? html`<details class="more">
    <summary>${t("analysis.places.showAll", { count: groups.length })}</summary>
    ${placesTable(ctx, "places-rest-caption", t("analysis.places.restCaption", { count: rest.length }), classifyBy, rest, p.cellSize)}
  </details>`
      : ""
  }
  <details class="more">
    <summary>${t("analysis.table.showCells", { count: shown.length })}</summary>
    ${all.length > shown.length ? html`<p>${t("analysis.result.shownStrongest", { shown: shown.length, all: all.length })}</p>` : ""}
    ${cellTable(ctx, classifyBy, shown, describe)}
  </details>
  <p><a class="button secondary" href="${base}/resultat.csv" download>${t("analysis.result.downloadCsv")}</a></p>`
      : html`<p>${t(classifyBy === "q" ? "analysis.result.noneSignificant" : "analysis.result.noneSignificantP")}</p>`
  }
</section>
${
  run.emerging
    ? html`<section aria-labelledby="emerging-heading">
  <h2 id="emerging-heading">${t("analysis.emerging.heading")}</h2>
  <p>${t("analysis.emerging.summary", { weeks: run.emerging.weeks, first: run.emerging.firstWeek, last: run.emerging.lastWeek, count: emGroups.length, locations: run.emerging.locations })}</p>
  ${
    emGroups.length
      ? html`${emergingLegend(ctx, emShown)}
  ${mapIsland(
    ctx,
    "emerging-map",
    t("analysis.emerging.mapLabel"),
    mapBase,
    emergingFeatures(emShown, p.cellSize, (r) =>
      t("analysis.map.emergingLabel", { place: placeText(t, locale, describe(r.lat, r.lon)), pattern: t(`analysis.pattern.${r.pattern}`), count: r.count }),
    ),
  )}
  ${emergingTable(ctx, "emerging-places-caption", t("analysis.emerging.placesCaption", { shown: Math.min(TOP_PLACES, emGroups.length), all: emGroups.length }), emGroups.slice(0, TOP_PLACES), p.cellSize)}
  ${
    emGroups.length > TOP_PLACES
      ? html`<details class="more">
    <summary>${t("analysis.places.showAll", { count: emGroups.length })}</summary>
    ${emergingTable(ctx, "emerging-rest-caption", t("analysis.places.restCaption", { count: emGroups.length - TOP_PLACES }), emGroups.slice(TOP_PLACES), p.cellSize)}
  </details>`
      : ""
  }
  <details class="more">
    <summary>${t("analysis.table.showCells", { count: emShown.length })}</summary>
    ${emergingCellTable(ctx, emShown, describe)}
  </details>
  <p><a class="button secondary" href="${base}/framvaxande.csv" download>${t("analysis.emerging.downloadCsv")}</a></p>`
      : html`<p>${t("analysis.emerging.none")}</p>`
  }
</section>`
    : p.emerging
      ? html`<p>${t("analysis.emerging.notComputed")}</p>`
      : ""
}`;
  }

  const hasMap = groups.length > 0 || emGroups.length > 0;
  return {
    title,
    head: STYLES,
    scripts: hasMap && run.status === "done" && !a?.sparse ? ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js"] : [],
    breadcrumbs: [
      [t("analysis.crumb.staff"), `/t/${slug}/arbete`],
      [t("analysis.title"), hotspotsBase(slug)],
      [title, null],
    ],
    main: html`<div class="analysis-run">
<h1>${title}</h1>
${facts}
${body}
<section aria-labelledby="report-heading">
  <h2 id="report-heading">${t(d.showTimings ? "analysis.report.heading" : "analysis.report.headingNoTimings")}</h2>
  ${skippedText(ctx, run)}
  ${d.showTimings ? timingsTable(ctx, run.timings) : ""}
</section>
<p><a href="${hotspotsBase(slug)}">${t("analysis.run.back")}</a></p>
</div>`,
  };
}
