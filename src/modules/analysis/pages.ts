// Pages of the analysis module: the hot spot form with the tenant's earlier runs, and one run
// with its map (Leaflet island), the table alternative, the skipped-row report, the step
// timings and the CSV downloads. Everything works without JavaScript; the map is an addition.
import { errorSummary, type FieldErrors, inputField, checkboxField, selectField } from "../../platform/http/forms.ts";
import { html, jsonForScript, type SafeHtml, sv } from "../../platform/http/html.ts";
import type { PageOptions } from "../../platform/http/layout.ts";
import type { PageContext } from "../../platform/http/page-context.ts";
import { formatDate, formatNumber, type Locale } from "../../platform/i18n/i18n.ts";
import type { Abilities } from "./policy.ts";
import {
  CLASS_KEYS,
  CLASS_STYLE,
  type CellRow,
  type ClassKey,
  type EmergingRow,
  emergingFeatures,
  emergingRows,
  hotspotFeatures,
  hotspotRows,
  patternStyle,
  runPath,
  sortEmergingRows,
  strongestRows,
} from "./present.ts";
import type { DatasetRow, RunRow, RunSummary } from "./repo.ts";
import type { RunTimings } from "./tables.ts";

/** Cells shown on the map and in the table (the strongest by |z|); the CSV has all stored cells. */
export const DISPLAY_MAX = 1000;

export const STYLES = html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">`;

export function hotspotsBase(slug: string): string {
  return `/t/${slug}/arbete/hotspots`;
}

export type FormValues = Record<string, string>;

export const DEFAULT_VALUES: FormValues = { cell_size: "100", band: "250", boundary_only: "", emerging: "", category: "", dataset_id: "" };

function num(locale: Locale, n: number, digits = 0): string {
  return formatNumber(n, locale, digits);
}

/** p and q: "< 0,001" below a thousandth, else three decimals. */
function pText(locale: Locale, p: number): string {
  if (p < 0.001) return `< ${num(locale, 0.001, 3)}`;
  return p.toLocaleString(locale === "sv" ? "sv-SE" : "en-GB", { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

function fileField(ctx: PageContext, errors: FieldErrors | undefined): SafeHtml {
  const id = "f-file";
  const error = errors?.file;
  return html`<div class="field${error ? " field--error" : ""}">
  <label for="${id}">${ctx.t("analysis.form.file")}</label>
  <p class="hint" id="${id}-hint">${ctx.t("analysis.form.fileHint")}</p>
  ${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
  <input id="${id}" name="file" type="file" accept=".csv,text/csv,text/plain" aria-describedby="${id}-hint${error ? ` ${id}-error` : ""}"${error ? html` aria-invalid="true"` : ""}>
</div>`;
}

function datasetLabel(ctx: PageContext, d: DatasetRow): string {
  return ctx.t("analysis.form.datasetOption", {
    name: d.filename,
    rows: d.row_count,
    date: formatDate(d.created_at, ctx.locale, true),
  });
}

function runStatus(ctx: PageContext, status: RunSummary["status"]): SafeHtml {
  const cls = status === "done" ? "badge--ok" : status === "failed" ? "badge--danger" : "badge--warn";
  return html`<span class="badge ${cls}">${ctx.t(`analysis.status.${status}`)}</span>`;
}

function runsTable(ctx: PageContext, slug: string, runs: RunSummary[]): SafeHtml {
  const { t, locale } = ctx;
  if (runs.length === 0) return html`<p>${t("analysis.runs.none")}</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="runs-caption" tabindex="0"><table>
  <caption id="runs-caption">${t("analysis.runs.caption")}</caption>
  <thead><tr>
    <th scope="col">${t("analysis.runs.when")}</th>
    <th scope="col">${t("analysis.runs.label")}</th>
    <th scope="col">${t("analysis.runs.by")}</th>
    <th scope="col" class="num">${t("analysis.runs.cell")}</th>
    <th scope="col" class="num">${t("analysis.runs.points")}</th>
    <th scope="col" class="num">${t("analysis.runs.hot")}</th>
    <th scope="col" class="num">${t("analysis.runs.cold")}</th>
    <th scope="col">${t("analysis.runs.status")}</th>
  </tr></thead>
  <tbody>
  ${runs.map((r) => {
    const c = "cells" in r.counts ? r.counts : null;
    return html`<tr>
    <td><a href="${runPath(slug, r.id)}">${formatDate(r.created_at, locale, true)}</a></td>
    <td>${r.label ? sv(ctx, r.label) : t(`analysis.source.${r.source}`)}</td>
    <td>${r.created_by_name ?? "–"}</td>
    <td class="num">${num(locale, r.parameters.cellSize, 2)} / ${num(locale, r.parameters.band, 2)} m</td>
    <td class="num">${num(locale, r.input_report.used ?? 0)}</td>
    <td class="num">${c ? num(locale, c.hot99 + c.hot95 + c.hot90) : "–"}</td>
    <td class="num">${c ? num(locale, c.cold99 + c.cold95 + c.cold90) : "–"}</td>
    <td>${runStatus(ctx, r.status)}</td>
  </tr>`;
  })}
  </tbody>
</table></div>`;
}

export type FormPageData = {
  abilities: Abilities;
  values: FormValues;
  errors?: FieldErrors;
  formError?: string;
  datasets: DatasetRow[];
  runs: RunSummary[];
  hasBoundary: boolean;
};

export function hotspotsPage(ctx: PageContext, d: FormPageData): PageOptions {
  const { t } = ctx;
  const slug = ctx.tenant!.slug;
  const v = d.values;
  const form = d.abilities.run
    ? html`<section aria-labelledby="new-heading">
  <h2 id="new-heading">${t("analysis.form.heading")}</h2>
  ${errorSummary(ctx, d.errors, d.formError)}
  <form method="post" action="${hotspotsBase(slug)}" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <fieldset>
      <legend>${t("analysis.form.incidents")}</legend>
      ${fileField(ctx, d.errors)}
      ${
        d.datasets.length
          ? selectField({
              name: "dataset_id",
              label: t("analysis.form.dataset"),
              hint: t("analysis.form.datasetHint"),
              value: v.dataset_id ?? "",
              placeholder: t("analysis.form.datasetNone"),
              options: d.datasets.map((x) => ({ value: x.id, label: datasetLabel(ctx, x) })),
              errors: d.errors,
            })
          : ""
      }
    </fieldset>
    <fieldset>
      <legend>${t("analysis.form.parameters")}</legend>
      ${inputField({ name: "cell_size", label: t("analysis.form.cellSize"), hint: t("analysis.form.cellSizeHint"), value: v.cell_size, inputmode: "decimal", errors: d.errors, required: true })}
      ${inputField({ name: "band", label: t("analysis.form.band"), hint: t("analysis.form.bandHint"), value: v.band, inputmode: "decimal", errors: d.errors, required: true })}
      ${checkboxField({
        name: "boundary_only",
        label: t("analysis.form.boundaryOnly"),
        hint: d.hasBoundary ? t("analysis.form.boundaryOnlyHint") : t("analysis.form.noBoundary"),
        checked: v.boundary_only === "on",
        errors: d.errors,
      })}
      ${inputField({ name: "category", label: t("analysis.form.category"), hint: t("analysis.form.categoryHint"), value: v.category, errors: d.errors })}
      ${checkboxField({ name: "emerging", label: t("analysis.form.emerging"), hint: t("analysis.form.emergingHint"), checked: v.emerging === "on", errors: d.errors })}
    </fieldset>
    <div class="actions"><button type="submit">${t("analysis.form.submit")}</button></div>
  </form>
</section>`
    : html`<p>${t("analysis.readOnly")}</p>`;
  return {
    title: t("analysis.title"),
    head: STYLES,
    breadcrumbs: [
      [t("analysis.crumb.staff"), `/t/${slug}/arbete`],
      [t("analysis.title"), null],
    ],
    main: html`<h1>${t("analysis.title")}</h1>
<p class="lead">${t("analysis.lead")}</p>
${form}
<section aria-labelledby="runs-heading">
  <h2 id="runs-heading">${t("analysis.runs.heading")}</h2>
  ${runsTable(ctx, slug, d.runs)}
</section>`,
  };
}

function classLabel(ctx: PageContext, cls: ClassKey): string {
  return ctx.t(`analysis.class.${cls}`);
}

function legend(ctx: PageContext, counts: Record<string, number>): SafeHtml {
  const keys = [...CLASS_KEYS].reverse().filter((k) => k !== "ns");
  return html`<ul class="legend" aria-label="${ctx.t("analysis.map.legend")}">
  ${keys.map((k) => {
    const s = CLASS_STYLE[k];
    return html`<li><span class="legend__swatch${s.dashArray ? " legend__swatch--dashed" : ""}" style="background:${s.fillColor};border-color:${s.color}" aria-hidden="true"></span><span class="legend__symbol" aria-hidden="true">${s.symbol}</span> ${classLabel(ctx, k)} <span class="muted">(${ctx.t("analysis.map.cells", { count: counts[k] ?? 0 })})</span></li>`;
  })}
</ul>`;
}

function mapIsland(ctx: PageContext, id: string, label: string, geojson: unknown, tileUrl: string, attribution: string): SafeHtml {
  return html`<div class="map-island">
  <div id="${id}" class="map" data-map-source="${id}-data" role="region" aria-label="${label}"></div>
  <script type="application/json" id="${id}-data">${jsonForScript({ layers: [{ geojson }], tileUrl, attribution })}</script>
  <p class="map-note">${ctx.t("analysis.map.tableAlternative")}</p>
</div>`;
}

function cellTable(ctx: PageContext, rows: CellRow[]): SafeHtml {
  const { t, locale } = ctx;
  return html`<div class="table-scroll" role="region" aria-labelledby="cells-caption" tabindex="0"><table class="cells">
  <caption id="cells-caption">${t("analysis.table.caption")}</caption>
  <thead><tr>
    <th scope="col">${t("analysis.table.cell")}</th>
    <th scope="col" class="num">${t("analysis.table.lat")}</th>
    <th scope="col" class="num">${t("analysis.table.lon")}</th>
    <th scope="col" class="num">${t("analysis.table.count")}</th>
    <th scope="col" class="num">${t("analysis.table.z")}</th>
    <th scope="col" class="num">${t("analysis.table.p")}</th>
    <th scope="col" class="num">${t("analysis.table.q")}</th>
    <th scope="col">${t("analysis.table.class")}</th>
  </tr></thead>
  <tbody>
  ${rows.map(
    (r) => html`<tr>
    <th scope="row"><code>${r.id}</code></th>
    <td class="num">${num(locale, r.lat, 5)}</td>
    <td class="num">${num(locale, r.lon, 5)}</td>
    <td class="num">${num(locale, r.count)}</td>
    <td class="num">${num(locale, r.z, 2)}</td>
    <td class="num">${pText(locale, r.p)}</td>
    <td class="num">${pText(locale, r.q)}</td>
    <td><span aria-hidden="true">${CLASS_STYLE[r.cls].symbol} </span>${classLabel(ctx, r.cls)}</td>
  </tr>`,
  )}
  </tbody>
</table></div>`;
}

function emergingTable(ctx: PageContext, rows: EmergingRow[]): SafeHtml {
  const { t, locale } = ctx;
  return html`<div class="table-scroll" role="region" aria-labelledby="emerging-caption" tabindex="0"><table class="cells">
  <caption id="emerging-caption">${t("analysis.emerging.caption")}</caption>
  <thead><tr>
    <th scope="col">${t("analysis.table.cell")}</th>
    <th scope="col" class="num">${t("analysis.table.lat")}</th>
    <th scope="col" class="num">${t("analysis.table.lon")}</th>
    <th scope="col" class="num">${t("analysis.table.count")}</th>
    <th scope="col">${t("analysis.emerging.pattern")}</th>
    <th scope="col" class="num">${t("analysis.emerging.hotWeeks")}</th>
    <th scope="col" class="num">${t("analysis.emerging.coldWeeks")}</th>
    <th scope="col" class="num">${t("analysis.emerging.trend")}</th>
  </tr></thead>
  <tbody>
  ${rows.map(
    (r) => html`<tr>
    <th scope="row"><code>${r.id}</code></th>
    <td class="num">${num(locale, r.lat, 5)}</td>
    <td class="num">${num(locale, r.lon, 5)}</td>
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
  const present = [...new Set(rows.map((r) => r.pattern))].sort();
  return html`<ul class="legend" aria-label="${ctx.t("analysis.map.legend")}">
  ${present.map((p) => {
    const s = patternStyle(p);
    return html`<li><span class="legend__swatch${s.dashArray ? " legend__swatch--dashed" : ""}" style="background:${s.fillColor};border-color:${s.color}" aria-hidden="true"></span>${ctx.t(`analysis.pattern.${p}`)} <span class="muted">(${ctx.t("analysis.map.cells", { count: rows.filter((r) => r.pattern === p).length })})</span></li>`;
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

export type RunPageData = { run: RunRow; tileUrl: string; attribution: string };

export function runPage(ctx: PageContext, d: RunPageData): PageOptions {
  const { t, locale } = ctx;
  const slug = ctx.tenant!.slug;
  const run = d.run;
  const p = run.parameters;
  const input = run.input_report;
  const when = formatDate(run.created_at, locale, true);
  const title = t("analysis.run.title", { when });
  const base = runPath(slug, run.id);
  const counts = ("cells" in run.counts ? run.counts : {}) as Record<string, number>;
  const all = hotspotRows(run.results, p.cellSize);
  const shown = strongestRows(all, DISPLAY_MAX);
  const cellLabel = (r: CellRow) => t("analysis.map.cellLabel", { cls: classLabel(ctx, r.cls), count: r.count, z: num(locale, r.z, 2) });
  const em = emergingRows(run.emerging, p.cellSize);
  const emShown = sortEmergingRows(em).slice(0, DISPLAY_MAX);
  const hasMap = shown.length > 0 || emShown.length > 0;

  const facts = html`<dl class="facts">
  <dt>${t("analysis.run.source")}</dt><dd>${run.label ? sv(ctx, run.label) : t(`analysis.source.${run.source}`)}</dd>
  <dt>${t("analysis.run.by")}</dt><dd>${run.created_by_name ?? "–"}</dd>
  <dt>${t("analysis.run.status")}</dt><dd>${runStatus(ctx, run.status)}</dd>
  <dt>${t("analysis.form.cellSize")}</dt><dd>${num(locale, p.cellSize, 2)} m</dd>
  <dt>${t("analysis.form.band")}</dt><dd>${num(locale, p.band, 2)} m</dd>
  <dt>${t("analysis.run.area")}</dt><dd>${p.boundaryOnly ? t("analysis.run.areaBoundary") : t("analysis.run.areaData")}</dd>
  <dt>${t("analysis.run.categories")}</dt><dd>${p.categories.length ? p.categories.join(", ") : t("analysis.run.allCategories")}</dd>
  <dt>${t("analysis.run.statistic")}</dt><dd>${t("analysis.run.statisticText")}</dd>
  <dt>${t("analysis.run.rows")}</dt><dd>${num(locale, input.rows ?? 0)}</dd>
  <dt>${t("analysis.run.used")}</dt><dd>${num(locale, input.used ?? 0)}</dd>
  ${input.filtered ? html`<dt>${t("analysis.run.filtered")}</dt><dd>${num(locale, input.filtered)}</dd>` : ""}
  ${p.boundaryOnly ? html`<dt>${t("analysis.run.outside")}</dt><dd>${num(locale, input.outside ?? 0)}</dd>` : ""}
  ${counts.cells !== undefined ? html`<dt>${t("analysis.run.cellsAnalysed")}</dt><dd>${num(locale, counts.cells)}</dd>` : ""}
</dl>`;

  let body: SafeHtml;
  if (run.status === "running") {
    body = html`<div class="notice" role="status"><p>${t("analysis.run.running")}</p><p><a href="${base}">${t("analysis.run.reload")}</a></p></div>`;
  } else if (run.status === "failed") {
    body = html`<div class="error-summary" role="alert"><h2>${t("analysis.run.failedHeading")}</h2><p>${t("analysis.error.engine", { message: run.error ?? "" })}</p></div>`;
  } else {
    body = html`<section aria-labelledby="result-heading">
  <h2 id="result-heading">${t("analysis.result.heading")}</h2>
  <p>${t("analysis.result.summary", { hot: (counts.hot99 ?? 0) + (counts.hot95 ?? 0) + (counts.hot90 ?? 0), cold: (counts.cold99 ?? 0) + (counts.cold95 ?? 0) + (counts.cold90 ?? 0), cells: counts.cells ?? 0 })}</p>
  ${all.length > shown.length ? html`<p>${t("analysis.result.shownStrongest", { shown: shown.length, all: all.length })}</p>` : ""}
  ${run.results?.truncated ? html`<p>${t("analysis.result.truncated", { count: all.length })}</p>` : ""}
  ${
    shown.length
      ? html`${legend(ctx, counts)}
  ${mapIsland(ctx, "hotspot-map", t("analysis.map.label"), hotspotFeatures(shown, p.cellSize, cellLabel), d.tileUrl, d.attribution)}
  ${cellTable(ctx, shown)}`
      : html`<p>${t("analysis.result.noneSignificant")}</p>`
  }
  <p><a class="button secondary" href="${base}/resultat.csv" download>${t("analysis.result.downloadCsv")}</a></p>
</section>
${
  run.emerging
    ? html`<section aria-labelledby="emerging-heading">
  <h2 id="emerging-heading">${t("analysis.emerging.heading")}</h2>
  <p>${t("analysis.emerging.summary", { weeks: run.emerging.weeks, first: run.emerging.firstWeek, last: run.emerging.lastWeek, count: em.length, locations: run.emerging.locations })}</p>
  ${
    emShown.length
      ? html`${emergingLegend(ctx, emShown)}
  ${mapIsland(
    ctx,
    "emerging-map",
    t("analysis.emerging.mapLabel"),
    emergingFeatures(emShown, p.cellSize, (r) => `${t(`analysis.pattern.${r.pattern}`)} – ${t("analysis.map.incidents", { count: r.count })}`),
    d.tileUrl,
    d.attribution,
  )}
  ${emergingTable(ctx, emShown)}`
      : html`<p>${t("analysis.emerging.none")}</p>`
  }
  <p><a class="button secondary" href="${base}/framvaxande.csv" download>${t("analysis.emerging.downloadCsv")}</a></p>
</section>`
    : p.emerging
      ? html`<p>${t("analysis.emerging.notComputed")}</p>`
      : ""
}`;
  }

  return {
    title,
    head: STYLES,
    scripts: hasMap && run.status === "done" ? ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js"] : [],
    breadcrumbs: [
      [t("analysis.crumb.staff"), `/t/${slug}/arbete`],
      [t("analysis.title"), hotspotsBase(slug)],
      [title, null],
    ],
    main: html`<h1>${title}</h1>
${facts}
${body}
<section aria-labelledby="report-heading">
  <h2 id="report-heading">${t("analysis.report.heading")}</h2>
  ${skippedText(ctx, run)}
  ${timingsTable(ctx, run.timings)}
</section>
<p><a href="${hotspotsBase(slug)}">${t("analysis.run.back")}</a></p>`,
  };
}
