// Partner reports: the phone-first form (under a minute: when, where, what, a short description,
// the reporter's assessment, how many people), the list with filters, one report with its
// correction form, the coordinator's review (reviewed, new category, merge a duplicate) and its
// history, and the CSV upload.
import { checkboxField, csrfField, type FieldErrors, type FormFields, formFields, inputField, selectField } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { PlaceRow } from "../../tenants/index.ts";
import { PEOPLE_RANGES, rangeOf } from "../domain/report-rules.ts";
import { weekLabel, weekOfDay } from "../domain/time.ts";
import type { ReportView } from "../repo/reports.ts";
import type { RowProblem } from "../service/csv-import.ts";
import { type Category, type EstSettings, categoryLabel } from "../settings.ts";
import { ASSESSMENTS, REPORT_STATUSES, SETTINGS_KINDS } from "../tables.ts";
import { badge, breadcrumbs, date, dateTime, estBase, type History, historyList, personalDataNotice, radioGroup, timeSpan } from "./common.ts";

export type ReportFormValues = Record<string, string>;

export type ReportFormInput = {
  values: ReportFormValues;
  categories: Category[];
  places: PlaceRow[];
  errors?: FieldErrors;
  formError?: string;
  personalData?: Parameters<typeof personalDataNotice>[1];
  map: SafeHtml;
};

export const STATUS_TONE = { ny: "warn", granskad: "ok", sammanslagen: "muted" } as const;

/** The fields of the report form (new and correction alike), through the form's `formFields`. */
function reportFields(ctx: PageContext, p: ReportFormInput, f: FormFields): SafeHtml {
  const { t } = ctx;
  const v = p.values;
  return html`<fieldset><legend>${t("est.report.when")}</legend>
    ${f.input({ name: "occurred_at", type: "datetime-local", label: t("est.report.occurredAt"), hint: t("est.report.occurredAtHint"), value: v.occurred_at, required: true })}
    ${f.input({ name: "occurred_to", type: "datetime-local", label: t("est.report.occurredTo"), hint: t("est.report.occurredToHint"), value: v.occurred_to })}
  </fieldset>
  <fieldset><legend>${t("est.report.where")}</legend>
    ${f.select({
      name: "place_id",
      label: t("est.report.place"),
      hint: t("est.report.placeHint"),
      value: v.place_id,
      placeholder: t("est.report.placeNone"),
      options: p.places.map((pl) => ({ value: pl.id, label: pl.name, ...(ctx.locale === "sv" ? {} : { lang: "sv" }) })),
    })}
    ${p.map}
    <div class="pin-fields">
    ${f.input({ name: "lat", label: t("est.report.lat"), hint: t("est.report.pinHint"), value: v.lat, inputmode: "decimal" })}
    ${f.input({ name: "lon", label: t("est.report.lon"), value: v.lon, inputmode: "decimal" })}
    </div>
    <p><button type="button" class="secondary" data-locate hidden>${t("est.report.useMyPosition")}</button></p>
    ${radioGroup({
      form: f,
      name: "setting",
      legend: t("est.report.setting"),
      hint: t("est.report.settingHint"),
      value: v.setting,
      required: true,
      options: SETTINGS_KINDS.map((s) => ({ value: s, label: t(`est.setting.${s}`) })),
      errors: f.errors,
    })}
  </fieldset>
  <fieldset><legend>${t("est.report.what")}</legend>
    ${f.select({
      name: "category",
      label: t("est.report.category"),
      value: v.category,
      placeholder: t("est.report.choose"),
      required: true,
      options: p.categories.map((c) => ({ value: c.key, label: c[ctx.locale] })),
    })}
    ${f.textarea({ name: "description", label: t("est.report.description"), hint: t("est.report.descriptionHint"), value: v.description, rows: 3 })}
    ${radioGroup({
      form: f,
      name: "assessment",
      legend: t("est.report.assessment"),
      value: v.assessment,
      required: true,
      options: ASSESSMENTS.map((a) => ({ value: a, label: t(`est.assessment.${a}`) })),
      errors: f.errors,
    })}
    ${f.select({
      name: "people",
      label: t("est.report.people"),
      hint: t("est.report.peopleHint"),
      value: v.people,
      placeholder: t("est.report.peopleNone"),
      options: PEOPLE_RANGES.map((r) => ({ value: r, label: t("est.report.peopleRange", { range: r }) })),
    })}
  </fieldset>`;
}

export function reportFormPage(ctx: PageContext, p: ReportFormInput): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const f = formFields(p.errors);
  const form = html`<form method="post" action="${base}/rapportera" novalidate class="report-form">
  ${csrfField(ctx)}
  ${p.personalData ? personalDataNotice(ctx, p.personalData) : ""}
  ${reportFields(ctx, p, f)}
  <button type="submit">${t("est.report.submit")}</button>
</form>`;
  return {
    title: t("est.report.title"),
    head: html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">`,
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/pick-point.js"],
    breadcrumbs: breadcrumbs(ctx, [t("est.report.title"), null]),
    main: html`${f.summary(ctx, p.formError)}<h1>${t("est.report.title")}</h1>
<p class="lead">${t("est.report.lead")}</p>
${form}
<p><a href="${base}/rapporter?mina=1">${t("est.reports.mine")}</a></p>`,
  };
}

export type ReportListInput = {
  rows: ReportView[];
  total: number;
  page: number;
  pageSize: number;
  settings: EstSettings;
  filters: { vecka: string; kategori: string; status: string; mina: boolean };
  organisations: Array<{ id: string; name: string }>;
  restricted: boolean;
  mayUpload: boolean;
  mayReport: boolean;
};

export function reportListPage(ctx: PageContext, p: ReportListInput): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const f = p.filters;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const link = (page: number) => {
    const q = new URLSearchParams({
      ...(f.vecka ? { vecka: f.vecka } : {}),
      ...(f.kategori ? { kategori: f.kategori } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(f.mina ? { mina: "1" } : {}),
      sida: String(page),
    });
    return `${base}/rapporter?${q.toString()}`;
  };
  return {
    title: t("est.reports.title"),
    breadcrumbs: breadcrumbs(ctx, [t("est.reports.title"), null]),
    main: html`<h1>${t("est.reports.title")}</h1>
${p.restricted ? html`<p class="lead">${t("est.reports.restricted")}</p>` : ""}
<ul class="actions">
  ${p.mayReport ? html`<li><a class="button" href="${base}/rapportera">${t("est.report.new")}</a></li>` : ""}
  ${p.mayUpload ? html`<li><a href="${base}/rapporter/importera">${t("est.csv.title")}</a></li>` : ""}
</ul>
<form method="get" action="${base}/rapporter" class="filters">
  <div class="week-form__fields">
  ${inputField({ name: "vecka", label: t("est.reports.filterWeek"), hint: t("est.reports.filterWeekHint"), value: f.vecka })}
  ${selectField({ name: "kategori", label: t("est.report.category"), value: f.kategori, placeholder: t("est.reports.all"), options: p.settings.categories.map((c) => ({ value: c.key, label: c[ctx.locale] })) })}
  ${selectField({ name: "status", label: t("est.reports.status"), value: f.status, placeholder: t("est.reports.all"), options: REPORT_STATUSES.map((s) => ({ value: s, label: t(`est.report.status.${s}`) })) })}
  </div>
  ${checkboxField({ name: "mina", value: "1", label: t("est.reports.onlyMine"), checked: f.mina })}
  <button type="submit" class="secondary">${t("est.reports.filter")}</button>
</form>
<div class="table-scroll" role="region" aria-labelledby="reports-caption" tabindex="0">
<table>
  <caption id="reports-caption">${t("est.reports.caption", { count: p.total })}</caption>
  <thead><tr><th scope="col">${t("est.reports.when")}</th><th scope="col">${t("est.report.category")}</th><th scope="col">${t("est.report.place")}</th><th scope="col">${t("est.reports.organisation")}</th><th scope="col">${t("est.reports.status")}</th></tr></thead>
  <tbody>${p.rows.map(
    (r) => html`<tr>
      <td><a href="${base}/rapporter/${r.id}">${timeSpan(ctx, r.occurred_from, r.occurred_to)}</a><br><span class="muted">${weekLabel(weekOfDay(r.day))}</span></td>
      <td>${categoryLabel(p.settings, r.category, ctx.locale)}</td>
      <td>${r.place_name ? sv(ctx, r.place_name) : html`${r.lat.toFixed(4)}, ${r.lon.toFixed(4)}`}</td>
      <td>${r.organisation_name ? sv(ctx, r.organisation_name) : "–"}</td>
      <td>${badge(t(`est.report.status.${r.status}`), STATUS_TONE[r.status])}</td>
    </tr>`,
  )}</tbody>
</table>
</div>
${
  pages > 1
    ? html`<nav aria-label="${t("est.reports.pages")}"><ul class="actions">${p.page > 1 ? html`<li><a href="${link(p.page - 1)}">${t("est.reports.previousPage")}</a></li>` : ""}<li>${t("est.reports.pageOf", { page: p.page, pages })}</li>${
        p.page < pages ? html`<li><a href="${link(p.page + 1)}">${t("est.reports.nextPage")}</a></li>` : ""
      }</ul></nav>`
    : ""
}`,
  };
}

export type ReportPageInput = {
  report: ReportView;
  settings: EstSettings;
  history: History;
  merged: ReportView[];
  mergedInto: ReportView | null;
  nearby: ReportView[];
  may: { correct: boolean; review: boolean };
  correction?: ReportFormInput;
  review?: { errors?: FieldErrors; formError?: string; values?: Record<string, string>; personalData?: Parameters<typeof personalDataNotice>[1] };
  conflict?: boolean;
};

export function reportPage(ctx: PageContext, p: ReportPageInput): PageOptions {
  const { t } = ctx;
  const r = p.report;
  const base = estBase(ctx.tenant!.slug);
  const self = `${base}/rapporter/${r.id}`;
  const cat = (k: unknown) => (typeof k === "string" ? categoryLabel(p.settings, k, ctx.locale) : String(k ?? "–"));
  const describe = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "–";
    if (field === "category") return cat(value);
    if (field === "status") return t(`est.report.status.${value}`);
    if (field === "assessment") return t(`est.assessment.${value}`);
    if (field === "setting") return t(`est.setting.${value}`);
    if (field === "occurred_from" || field === "occurred_to") return dateTime(ctx, new Date(String(value)));
    return String(value);
  };
  const people = rangeOf(r.people_min, r.people_max);
  const fc = formFields(p.correction?.errors);
  const correction = p.correction
    ? html`<section aria-labelledby="correct-heading">
  <h2 id="correct-heading">${t("est.reportPage.correct")}</h2>
  <p>${t("est.reportPage.correctHint", { days: 7 })}</p>
  <form method="post" action="${self}" novalidate class="report-form">
    ${csrfField(ctx)}
    <input type="hidden" name="version" value="${r.version}">
    ${p.correction.personalData ? personalDataNotice(ctx, p.correction.personalData) : ""}
    ${reportFields(ctx, p.correction, fc)}
    <button type="submit">${t("est.reportPage.saveCorrection")}</button>
  </form>
</section>`
    : html``;
  const fr = formFields(p.review?.errors);
  const review = p.may.review ? reviewSection(ctx, p, self, cat, fr) : html``;
  return {
    title: t("est.reportPage.title", { category: cat(r.category) }),
    breadcrumbs: breadcrumbs(ctx, [t("est.reports.title"), `${base}/rapporter`], [cat(r.category), null]),
    head: p.correction ? html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">` : undefined,
    scripts: p.correction ? ["/static/vendor/leaflet/leaflet.js", "/static/islands/pick-point.js"] : [],
    main: html`${fc.summary(ctx, p.correction?.formError)}${fr.summary(ctx, p.review?.formError)}<h1>${t("est.reportPage.title", { category: cat(r.category) })}</h1>
${p.conflict ? html`<p class="notice" role="alert">${t("est.error.conflict")}</p>` : ""}
<dl class="facts">
  <dt>${t("est.reports.when")}</dt><dd>${timeSpan(ctx, r.occurred_from, r.occurred_to)} (${weekLabel(weekOfDay(r.day))})</dd>
  <dt>${t("est.report.place")}</dt><dd>${r.place_name ? sv(ctx, r.place_name) : "–"} <span class="muted">(${r.lat.toFixed(5)}, ${r.lon.toFixed(5)})</span></dd>
  <dt>${t("est.report.setting")}</dt><dd>${t(`est.setting.${r.setting}`)}</dd>
  <dt>${t("est.report.description")}</dt><dd>${r.description ? sv(ctx, r.description) : "–"}</dd>
  <dt>${t("est.report.assessment")}</dt><dd>${t(`est.assessment.${r.assessment}`)}</dd>
  <dt>${t("est.report.people")}</dt><dd>${people ? t("est.report.peopleRange", { range: people }) : "–"}</dd>
  <dt>${t("est.reports.organisation")}</dt><dd>${r.organisation_name ? sv(ctx, r.organisation_name) : "–"}</dd>
  <dt>${t("est.reportPage.reporter")}</dt><dd>${r.reporter_name ? sv(ctx, r.reporter_name) : "–"}</dd>
  <dt>${t("est.reportPage.origin")}</dt><dd>${t(`est.origin.${r.origin}`)}</dd>
  <dt>${t("est.reports.status")}</dt><dd>${badge(t(`est.report.status.${r.status}`), STATUS_TONE[r.status])}${
    p.mergedInto
      ? html` – ${t("est.reportPage.mergedInto")} <a href="${base}/rapporter/${p.mergedInto.id}">${cat(p.mergedInto.category)}, ${timeSpan(ctx, p.mergedInto.occurred_from, p.mergedInto.occurred_to)}</a>`
      : ""
  }</dd>
</dl>
${
  p.merged.length
    ? html`<h2>${t("est.reportPage.duplicates")}</h2><ul>${p.merged.map((m) => html`<li><a href="${base}/rapporter/${m.id}">${timeSpan(ctx, m.occurred_from, m.occurred_to)}</a>${m.organisation_name ? html`, ${sv(ctx, m.organisation_name)}` : ""}</li>`)}</ul>`
    : ""
}
${correction}
${review}
<section aria-labelledby="history-heading">
  <h2 id="history-heading">${t("est.history.heading")}</h2>
  ${historyList(ctx, p.history, describe)}
</section>`,
  };
}

function reviewSection(ctx: PageContext, p: ReportPageInput, self: string, cat: (k: unknown) => string, f: FormFields): SafeHtml {
  const { t } = ctx;
  const r = p.report;
  const v = p.review?.values ?? {};
  const base = estBase(ctx.tenant!.slug);
  return html`<section aria-labelledby="review-heading" id="granskning">
  <h2 id="review-heading">${t("est.review.heading")}</h2>
  ${
    r.status === "ny"
      ? html`<form method="post" action="${self}/granska" class="inline-actions">${csrfField(ctx)}<input type="hidden" name="version" value="${r.version}"><button type="submit">${t("est.review.markReviewed")}</button></form>`
      : ""
  }
  ${
    r.status !== "sammanslagen"
      ? html`<form method="post" action="${self}/kategori" novalidate>
    ${csrfField(ctx)}<input type="hidden" name="version" value="${r.version}">
    ${p.review?.personalData ? personalDataNotice(ctx, p.review.personalData) : ""}
    <h3>${t("est.review.recategorise")}</h3>
    ${f.select({ name: "category", label: t("est.review.newCategory"), value: v.category ?? "", placeholder: t("est.report.choose"), options: p.settings.categories.filter((c) => c.active && c.key !== r.category).map((c) => ({ value: c.key, label: c[ctx.locale] })) })}
    ${f.textarea({ name: "reason", label: t("est.review.reason"), hint: t("est.review.reasonHint"), value: v.reason ?? "", rows: 2 })}
    <button type="submit" class="secondary">${t("est.review.saveCategory")}</button>
  </form>
  <h3>${t("est.review.duplicates")}</h3>
  ${
    p.nearby.length
      ? html`<p>${t("est.review.nearbyHint")}</p><form method="post" action="${self}/sammanfoga" novalidate>
    ${csrfField(ctx)}<input type="hidden" name="version" value="${r.version}">
    ${f.select({
      name: "into",
      label: t("est.review.mergeInto"),
      value: v.into ?? "",
      placeholder: t("est.report.choose"),
      options: p.nearby.map((n) => ({
        value: n.id,
        label: `${cat(n.category)}, ${timeSpan(ctx, n.occurred_from, n.occurred_to)}${n.place_name ? `, ${n.place_name}` : ""}`,
      })),
    })}
    <button type="submit" class="secondary">${t("est.review.merge")}</button>
  </form>
  <ul>${p.nearby.map((n) => html`<li><a href="${base}/rapporter/${n.id}">${cat(n.category)}, ${timeSpan(ctx, n.occurred_from, n.occurred_to)}</a>${n.description ? html` – ${sv(ctx, n.description)}` : ""}</li>`)}</ul>`
      : html`<p>${t("est.review.noNearby")}</p>`
  }`
      : html`<form method="post" action="${self}/dela">${csrfField(ctx)}<input type="hidden" name="version" value="${r.version}"><button type="submit" class="secondary">${t("est.review.unmerge")}</button></form>`
  }
  <p class="muted">${t("est.review.date", { date: date(ctx, new Date(r.created_at).toISOString().slice(0, 10)) })}</p>
</section>`;
}

export type CsvPageInput = {
  organisations: Array<{ id: string; name: string }>;
  values: Record<string, string>;
  errors?: FieldErrors;
  formError?: string;
  problems?: { list: RowProblem[]; total: number; rows: number };
};

export function csvPage(ctx: PageContext, p: CsvPageInput): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const f = formFields(p.errors);
  const form = html`<form method="post" action="${base}/rapporter/importera" enctype="multipart/form-data" novalidate>
  ${csrfField(ctx)}
  ${f.select({ name: "organisation_id", label: t("est.csv.organisation"), hint: t("est.csv.organisationHint"), value: p.values.organisation_id ?? "", placeholder: t("est.report.choose"), options: p.organisations.map((o) => ({ value: o.id, label: o.name, ...(ctx.locale === "sv" ? {} : { lang: "sv" }) })), required: true })}
  <div class="field${p.errors?.file ? " field--error" : ""}">
    <label for="f-file">${t("est.csv.file")}</label>
    <p class="hint" id="f-file-hint">${t("est.csv.fileHint")}</p>
    ${p.errors?.file ? html`<p class="error-message" id="f-file-error">${p.errors.file}</p>` : ""}
    <input id="f-file" type="file" name="file" accept=".csv,text/csv" aria-describedby="f-file-hint${p.errors?.file ? " f-file-error" : ""}"${p.errors?.file ? html` aria-invalid="true"` : ""}>
  </div>
  <button type="submit">${t("est.csv.upload")}</button>
</form>`;
  f.target("file", t("est.csv.file"), "f-file");
  return {
    title: t("est.csv.title"),
    breadcrumbs: breadcrumbs(ctx, [t("est.reports.title"), `${base}/rapporter`], [t("est.csv.title"), null]),
    main: html`${f.summary(ctx, p.formError)}<h1>${t("est.csv.title")}</h1>
<p class="lead">${t("est.csv.lead")}</p>
<ul>
  <li>${t("est.csv.formatColumns")}</li>
  <li>${t("est.csv.formatCategory")}</li>
  <li>${t("est.csv.formatAllOrNothing")}</li>
</ul>
${
  p.problems
    ? html`<div class="notice" role="alert"><h2>${t("est.csv.problemsHeading", { total: p.problems.total, rows: p.problems.rows })}</h2><ul>${p.problems.list.map(
        (x) => html`<li>${t("est.csv.line", { line: x.line })}: ${t(x.key, x.params)}</li>`,
      )}</ul>${p.problems.total > p.problems.list.length ? html`<p>${t("est.csv.more", { count: p.problems.total - p.problems.list.length })}</p>` : ""}</div>`
    : ""
}
${form}`,
  };
}
