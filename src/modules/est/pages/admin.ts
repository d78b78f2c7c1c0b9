// The deliberate export of incidents (a form that asks for the period, the format and the
// purpose; every export is logged) and the tenant's EST settings (categories, who sees whose
// reports, the police import, the lägesbild's grid and windows, the analysis period).
import { checkboxField, csrfField, type FieldErrors, type FormFields, formFields } from "../../../platform/http/forms.ts";
import { html, type SafeHtml } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { EstSettings } from "../settings.ts";
import { breadcrumbs, dateTime, estBase } from "./common.ts";

export type ExportLogRow = { created_at: Date; actor_name: string | null; data: Record<string, unknown> };

export function exportPage(ctx: PageContext, p: { values: Record<string, string | string[]>; errors?: FieldErrors; log: ExportLogRow[] }): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const v = p.values;
  const text = (x: string | string[] | undefined) => (Array.isArray(x) ? (x[0] ?? "") : (x ?? ""));
  const sources = new Set(Array.isArray(v.sources) ? v.sources : v.sources ? [v.sources] : ["est", "polisen", "walks"]);
  const f = formFields(p.errors);
  const form = html`<form method="post" action="${base}/export" novalidate>
  ${csrfField(ctx)}
  ${f.input({ name: "from", type: "date", label: t("est.export.from"), value: text(v.from), required: true })}
  ${f.input({ name: "to", type: "date", label: t("est.export.to"), value: text(v.to), required: true })}
  ${f.select({
    name: "format",
    label: t("est.export.format"),
    value: text(v.format) || "csv",
    options: [
      { value: "csv", label: t("est.export.csv") },
      { value: "excel", label: t("est.export.excel") },
      { value: "geojson", label: t("est.export.geojson") },
    ],
  })}
  <fieldset class="field${p.errors?.sources ? " field--error" : ""}" id="f-sources"><legend>${t("est.export.sources")}</legend>
    ${p.errors?.sources ? html`<p class="error-message">${p.errors.sources}</p>` : ""}
    ${checkboxField({ name: "sources", id: "f-sources-est", value: "est", label: t("est.source.est"), checked: sources.has("est") })}
    ${checkboxField({ name: "sources", id: "f-sources-polisen", value: "polisen", label: t("est.source.polisen"), checked: sources.has("polisen") })}
    ${checkboxField({ name: "sources", id: "f-sources-walks", value: "walks", label: t("est.source.walks"), checked: sources.has("walks") })}
  </fieldset>
  ${f.input({ name: "purpose", label: t("est.export.purpose"), hint: t("est.export.purposeHint"), value: text(v.purpose), required: true })}
  <button type="submit">${t("est.export.submit")}</button>
</form>`;
  f.target("sources", t("est.export.sources"), "f-sources-est");
  return {
    title: t("est.export.title"),
    breadcrumbs: breadcrumbs(ctx, [t("est.export.title"), null]),
    main: html`${f.summary(ctx)}<h1>${t("est.export.title")}</h1>
<p class="lead">${t("est.export.lead")}</p>
${form}
<section aria-labelledby="export-log">
  <h2 id="export-log">${t("est.export.logHeading")}</h2>
  ${
    p.log.length
      ? html`<div class="table-scroll" role="region" aria-labelledby="export-log-caption" tabindex="0"><table>
    <caption id="export-log-caption">${t("est.export.logCaption")}</caption>
    <thead><tr><th scope="col">${t("est.export.when")}</th><th scope="col">${t("est.export.who")}</th><th scope="col">${t("est.export.what")}</th><th scope="col">${t("est.export.purpose")}</th></tr></thead>
    <tbody>${p.log.map(
      (r) =>
        html`<tr><td>${dateTime(ctx, r.created_at)}</td><td>${r.actor_name ?? "–"}</td><td>${String(r.data.from ?? "")} – ${String(r.data.to ?? "")}, ${String(r.data.format ?? "")}, ${t("est.export.rows", { count: Number(r.data.rows ?? 0) })}</td><td>${String(r.data.purpose ?? "")}</td></tr>`,
    )}</tbody>
  </table></div>`
      : html`<p>${t("est.export.noLog")}</p>`
  }
</section>`,
  };
}

export function settingsPage(
  ctx: PageContext,
  p: { settings: EstSettings; values?: Record<string, string | string[]>; errors?: FieldErrors; formError?: string },
): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const s = p.settings;
  const v = p.values;
  const val = (k: string, d: string | number | boolean) => {
    const x = v?.[k];
    return Array.isArray(x) ? (x[0] ?? "") : (x ?? String(d));
  };
  const rows: SafeHtml[] = s.categories.map(
    (c, i) => html`<tr>
      <td><input type="hidden" name="cat_key" value="${c.key}"><code>${c.key}</code></td>
      <td><label class="visually-hidden" for="cat-sv-${i}">${t("est.settings.labelSv")} ${c.key}</label><input id="cat-sv-${i}" type="text" name="cat_sv" value="${c.sv}" lang="sv"></td>
      <td><label class="visually-hidden" for="cat-en-${i}">${t("est.settings.labelEn")} ${c.key}</label><input id="cat-en-${i}" type="text" name="cat_en" value="${c.en}" lang="en"></td>
      <td><input id="cat-person-${i}" type="checkbox" name="cat_person" value="${c.key}"${c.personRelated ? html` checked` : ""}><label class="visually-hidden" for="cat-person-${i}">${t("est.settings.personRelated")} ${c.key}</label></td>
      <td><input id="cat-active-${i}" type="checkbox" name="cat_active" value="${c.key}"${c.active ? html` checked` : ""}><label class="visually-hidden" for="cat-active-${i}">${t("est.settings.active")} ${c.key}</label></td>
    </tr>`,
  );
  const f = formFields(p.errors);
  const form = settingsForm(ctx, p, f, rows, val, base);
  return {
    title: t("est.settings.title"),
    breadcrumbs: breadcrumbs(ctx, [t("est.settings.title"), null]),
    main: html`${f.summary(ctx, p.formError)}<h1>${t("est.settings.title")}</h1>
${form}`,
  };
}

function settingsForm(
  ctx: PageContext,
  p: { settings: EstSettings; values?: Record<string, string | string[]> | undefined },
  f: FormFields,
  rows: SafeHtml[],
  val: (k: string, d: string | number | boolean) => string,
  base: string,
): SafeHtml {
  const { t } = ctx;
  const s = p.settings;
  return html`<form method="post" action="${base}/installningar" novalidate>
  ${csrfField(ctx)}
  <fieldset><legend>${t("est.settings.categories")}</legend>
    <p class="hint">${t("est.settings.categoriesHint")}</p>
    <div class="table-scroll" role="region" aria-labelledby="categories-settings-caption" tabindex="0">
    <table>
      <caption id="categories-settings-caption">${t("est.settings.categoriesCaption")}</caption>
      <thead><tr><th scope="col">${t("est.settings.key")}</th><th scope="col">${t("est.settings.labelSv")}</th><th scope="col">${t("est.settings.labelEn")}</th><th scope="col">${t("est.settings.personRelated")}</th><th scope="col">${t("est.settings.active")}</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    </div>
    ${f.input({ name: "new_key", label: t("est.settings.newKey"), hint: t("est.settings.newKeyHint"), value: val("new_key", "") })}
    ${f.input({ name: "new_sv", label: t("est.settings.newSv"), value: val("new_sv", "") })}
    ${f.input({ name: "new_en", label: t("est.settings.newEn"), value: val("new_en", "") })}
    ${checkboxField({ name: "new_person", label: t("est.settings.newPerson"), checked: val("new_person", "") === "on" })}
  </fieldset>
  <fieldset><legend>${t("est.settings.access")}</legend>
    ${checkboxField({ name: "reportersSeeAll", label: t("est.settings.reportersSeeAll"), hint: t("est.settings.reportersSeeAllHint"), checked: p.values ? val("reportersSeeAll", "") === "on" : s.reportersSeeAll })}
    ${checkboxField({ name: "policeFetch", label: t("est.settings.policeFetch"), hint: t("est.settings.policeFetchHint"), checked: p.values ? val("policeFetch", "") === "on" : s.policeFetch })}
  </fieldset>
  <fieldset><legend>${t("est.settings.picture")}</legend>
    ${f.input({ name: "cellSize", type: "number", label: t("est.settings.cellSize"), value: val("cellSize", s.cellSize), min: "50", max: "2000" })}
    ${f.input({ name: "band", type: "number", label: t("est.settings.band"), hint: t("est.settings.bandHint"), value: val("band", s.band), min: "50", max: "10000" })}
    ${f.input({ name: "hotspotWeeks", type: "number", label: t("est.settings.hotspotWeeks"), value: val("hotspotWeeks", s.hotspotWeeks), min: "1", max: "26" })}
    ${f.input({ name: "emergingWeeks", type: "number", label: t("est.settings.emergingWeeks"), value: val("emergingWeeks", s.emergingWeeks), min: "6", max: "52" })}
    ${f.input({ name: "mapCellSize", type: "number", label: t("est.settings.mapCellSize"), value: val("mapCellSize", s.mapCellSize), min: "100", max: "2000" })}
    ${f.input({ name: "minCellCount", type: "number", label: t("est.settings.minCellCount"), hint: t("est.settings.minCellCountHint"), value: val("minCellCount", s.minCellCount), min: "1", max: "20" })}
  </fieldset>
  <fieldset><legend>${t("est.settings.analysis")}</legend>
    ${f.select({
      name: "analysisPeriod",
      label: t("est.settings.analysisPeriod"),
      value: val("analysisPeriod", s.analysisPeriod),
      options: [
        { value: "tertial", label: t("est.settings.tertial") },
        { value: "kvartal", label: t("est.settings.kvartal") },
      ],
    })}
    ${f.input({ name: "evaluationMinDays", type: "number", label: t("est.settings.evaluationMinDays"), hint: t("est.settings.evaluationMinDaysHint"), value: val("evaluationMinDays", s.evaluationMinDays), min: "7", max: "365" })}
  </fieldset>
  <button type="submit">${t("est.settings.save")}</button>
</form>`;
}
