// Staff pages of the safety survey: the overview (rounds, definitions, imports), a new round, a
// round with its lifecycle, link and QR code, live counts and results, one-time codes, weighting,
// and fast keyboard entry of paper questionnaires. Every action is a plain form, offered only
// when the rules allow it.
import {
  type FieldErrors,
  checkboxField,
  confirmForm,
  contentLang,
  errorSummary,
  inputField,
  selectField,
  textareaField,
} from "../../../platform/http/forms.ts";
import { html, raw, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { type AreaOption, paperCodes } from "../domain/answers.ts";
import type { RowError } from "../domain/csv-import.ts";
import type { DefinitionContent, ItemDef } from "../domain/definition.ts";
import type { Abilities } from "../policy.ts";
import type { DefinitionRow } from "../repo/definitions.ts";
import type { SurveyRow } from "../repo/surveys.ts";
import type { SurveySettings } from "../schema.ts";
import type { TextProblem } from "../service/answering.ts";
import type { Area, RoundResults } from "../service/results.ts";
import { STEP_PATHS, STEPS, type Step, surveyAllows } from "../domain/lifecycle.ts";
import { optionHtml, optionText, plain, statusBadge, txt } from "./format.ts";
import { respondentsTable, resultTables } from "./results-table.ts";
import { answerUrl, compareUrl, definitionUrl, publicBase, staffBase, surveyStaffUrl, yearUrl } from "./urls.ts";

export function crumbs(ctx: PageContext, trail: Array<[string | SafeHtml, string | null]>): Array<[string | SafeHtml, string | null]> {
  const slug = ctx.tenant!.slug;
  return [[ctx.t("layout.nav.staff"), `/t/${slug}/arbete`], [ctx.t("surveys.staff.title"), staffBase(slug)], ...trail];
}

/** A one-button form posting the version seen (lifecycle steps, delete …). */
export function actionForm(
  ctx: PageContext,
  action: string,
  label: string,
  version: number,
  opts: { secondary?: boolean; danger?: boolean; extra?: SafeHtml } = {},
): SafeHtml {
  return html`<form method="post" action="${action}" class="inline-form">
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="version" value="${version}">
${opts.extra ?? ""}
<button type="submit"${opts.secondary ? html` class="secondary"` : opts.danger ? html` class="danger"` : ""}>${label}</button>
</form>`;
}

/**
 * The second step of a public or destructive action (publishing, withdrawing, deleting a round or
 * an import), without JavaScript: says what will happen; its form posts the same fields again with
 * confirm=ja, and only then does the server act. Cancel goes back and changes nothing.
 */
export function confirmStepPage(
  ctx: PageContext,
  c: {
    heading: string;
    question: string;
    action: string;
    fields: Record<string, string>;
    confirmLabel: string;
    cancelHref: string;
    trail: Array<[string | SafeHtml, string | null]>;
    danger?: boolean;
  },
): PageOptions {
  return {
    title: c.heading,
    breadcrumbs: crumbs(ctx, [...c.trail, [c.heading, null]]),
    main: html`<h1>${c.heading}</h1>
<p class="lead">${c.question}</p>
${confirmForm(ctx, { action: c.action, fields: c.fields, confirmLabel: c.confirmLabel, cancelHref: c.cancelHref, danger: c.danger })}`,
  };
}

/** Errors of an imported file: the offending rows, each with what is wrong. */
export function rowErrors(ctx: PageContext, errors: readonly RowError[]): SafeHtml {
  const { t } = ctx;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="row-errors-title">
<h2 id="row-errors-title">${t("surveys.import.rejected", { count: errors.length })}</h2>
<p>${t("surveys.import.nothingImported")}</p>
<ul>${errors.slice(0, 200).map((e) => html`<li>${t("surveys.import.row", { line: e.line })}: ${t(e.key, e.params)}</li>`)}</ul>
${errors.length > 200 ? html`<p>${t("surveys.import.moreErrors", { count: errors.length - 200 })}</p>` : ""}
</div>`;
}

export function dashboardPage(
  ctx: PageContext,
  p: { surveys: SurveyRow[]; responses: Map<string, number>; definitions: DefinitionRow[]; abilities: Abilities },
): PageOptions {
  const { t } = ctx;
  const slug = ctx.tenant!.slug;
  const base = staffBase(slug);
  return {
    title: t("surveys.staff.title"),
    breadcrumbs: [
      [t("layout.nav.staff"), `/t/${slug}/arbete`],
      [t("surveys.staff.title"), null],
    ],
    main: html`<h1>${t("surveys.staff.title")}</h1>
<p class="lead">${t("surveys.staff.lead")}</p>
<ul class="actions">
${p.abilities.manage ? html`<li><a class="button" href="${base}/ny">${t("surveys.staff.newRound")}</a></li>` : ""}
${p.abilities.importResults ? html`<li><a class="button secondary" href="${base}/import">${t("surveys.import.officialTitle")}</a></li>` : ""}
${p.abilities.importResults ? html`<li><a class="button secondary" href="${base}/brottsstatistik">${t("surveys.import.crimeTitle")}</a></li>` : ""}
${p.abilities.editSettings ? html`<li><a class="button secondary" href="${base}/installningar">${t("surveys.settings.title")}</a></li>` : ""}
</ul>
<section aria-labelledby="rounds-h">
<h2 id="rounds-h">${t("surveys.staff.rounds")}</h2>
${
  p.surveys.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="rounds-caption" tabindex="0"><table>
<caption id="rounds-caption">${t("surveys.staff.roundsCaption")}</caption>
<thead><tr><th scope="col">${t("surveys.field.year")}</th><th scope="col">${t("surveys.field.title")}</th><th scope="col">${t("surveys.staff.status")}</th><th scope="col">${t("surveys.staff.period")}</th><th scope="col" class="num">${t("surveys.results.responses")}</th></tr></thead>
<tbody>${p.surveys.map(
        (s) =>
          html`<tr><td>${s.year}</td><td><a href="${surveyStaffUrl(slug, s.id)}">${sv(ctx, s.title)}</a></td><td>${statusBadge(t, s.status)}</td><td>${formatDate(s.field_from, ctx.locale)} – ${formatDate(
            s.field_to,
            ctx.locale,
          )}</td><td class="num">${p.responses.get(s.id) ?? 0}</td></tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${t("surveys.staff.noRounds")}</p>`
}
</section>
<section aria-labelledby="defs-h">
<h2 id="defs-h">${t("surveys.staff.definitions")}</h2>
<p>${t("surveys.staff.definitionsLead")}</p>
${
  p.definitions.length
    ? html`<ul>${p.definitions.map(
        (d) =>
          html`<li><a href="${definitionUrl(slug, d.id)}">${sv(ctx, d.name)}</a> – ${t("surveys.definition.revision", { revision: d.revision })}, ${t("surveys.definition.items", { count: d.content.items.length })}${
            d.locked ? html` <span class="badge badge--muted">${t("surveys.definition.locked")}</span>` : ""
          }</li>`,
      )}</ul>`
    : html`<p>${t("surveys.staff.noDefinitions")}</p>`
}
</section>
<section aria-labelledby="public-h">
<h2 id="public-h">${t("surveys.staff.publicPages")}</h2>
<ul>
<li><a href="${publicBase(slug)}">${t("surveys.results.title")}</a></li>
<li><a href="${compareUrl(slug)}">${t("surveys.compare.link")}</a></li>
</ul>
</section>`,
  };
}

export function newSurveyPage(ctx: PageContext, p: { definitions: DefinitionRow[]; values: Record<string, string>; errors?: FieldErrors }): PageOptions {
  const { t } = ctx;
  const slug = ctx.tenant!.slug;
  const latest = new Map<string, DefinitionRow>();
  for (const d of p.definitions) if (!latest.has(d.series_id) || latest.get(d.series_id)!.revision < d.revision) latest.set(d.series_id, d);
  return {
    title: t("surveys.staff.newRound"),
    breadcrumbs: crumbs(ctx, [[t("surveys.staff.newRound"), null]]),
    main: html`<h1>${t("surveys.staff.newRound")}</h1>
${errorSummary(ctx, p.errors)}
<form method="post" action="${staffBase(slug)}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
${inputField({ name: "title", label: t("surveys.field.title"), value: p.values.title, required: true, errors: p.errors })}
${inputField({ name: "year", label: t("surveys.field.year"), hint: t("surveys.field.yearHint"), value: p.values.year, inputmode: "numeric", required: true, errors: p.errors })}
${inputField({ name: "field_from", label: t("surveys.field.fieldFrom"), type: "date", value: p.values.field_from, required: true, errors: p.errors })}
${inputField({ name: "field_to", label: t("surveys.field.fieldTo"), type: "date", value: p.values.field_to, required: true, errors: p.errors })}
${selectField({
  name: "definition",
  label: t("surveys.field.definition"),
  hint: t("surveys.field.definitionHint"),
  value: p.values.definition ?? "template",
  options: [
    { value: "template", label: t("surveys.field.fromTemplate") },
    ...[...latest.values()].map((d) => ({
      value: d.id,
      label: `${d.name} (${t("surveys.definition.revision", { revision: d.revision })})`,
      lang: contentLang(ctx),
    })),
  ],
  errors: p.errors,
})}
${checkboxField({ name: "requires_code", label: t("surveys.field.requiresCode"), hint: t("surveys.field.requiresCodeHint"), checked: p.values.requires_code === "on", errors: p.errors })}
<button type="submit">${t("surveys.staff.create")}</button>
</form>`,
  };
}

const STEP_LABELS: Record<Step, string> = {
  open: "surveys.step.open",
  close: "surveys.step.close",
  reopen: "surveys.step.reopen",
  publish: "surveys.step.publish",
  unpublish: "surveys.step.unpublish",
  aggregate: "surveys.step.aggregate",
};

export type RoundPageInput = {
  survey: SurveyRow;
  definition: DefinitionRow;
  results: RoundResults;
  live: Array<{ area_id: string | null; channel: string; complete: boolean; n: number }>;
  codes: { total: number; used: number };
  areas: readonly Area[];
  settings: SurveySettings;
  abilities: Abilities;
  freeTexts: Array<{ item: ItemDef; texts: string[] }>;
  events: Array<{ action: string; actor_name: string | null; note: string | null; created_at: Date }>;
  qrSvg: string;
  baseUrl: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
  refusal?: string | null;
};

export function surveyPage(ctx: PageContext, p: RoundPageInput): PageOptions {
  const { t, locale } = ctx;
  const slug = ctx.tenant!.slug;
  const s = p.survey;
  const url = surveyStaffUrl(slug, s.id);
  const link = `${p.baseUrl}${answerUrl(slug, s.id)}`;
  const values = p.values ?? { title: s.title, field_from: s.field_from, field_to: s.field_to, requires_code: s.requires_code ? "on" : "" };
  const steps = STEPS.filter((st) => surveyAllows(s.status, st));
  const liveByArea = new Map<string | null, { webb: number; papper: number; complete: number; partial: number }>();
  for (const r of p.live) {
    const e = liveByArea.get(r.area_id) ?? { webb: 0, papper: 0, complete: 0, partial: 0 };
    e[r.channel as "webb" | "papper"] += Number(r.n);
    e[r.complete ? "complete" : "partial"] += Number(r.n);
    liveByArea.set(r.area_id, e);
  }
  const areaName = (id: string | null) => (id ? sv(ctx, p.areas.find((a) => a.id === id)?.name ?? id) : html`${t("surveys.results.unknownArea")}`);
  return {
    title: s.title,
    breadcrumbs: crumbs(ctx, [[sv(ctx, s.title), null]]),
    main: html`<h1>${sv(ctx, s.title)}</h1>
${p.refusal ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${p.refusal}</p></div>` : ""}
<dl class="facts">
<dt>${t("surveys.staff.status")}</dt><dd>${statusBadge(t, s.status)}</dd>
<dt>${t("surveys.field.year")}</dt><dd>${s.year}</dd>
<dt>${t("surveys.staff.period")}</dt><dd>${formatDate(s.field_from, locale)} – ${formatDate(s.field_to, locale)}</dd>
<dt>${t("surveys.field.definition")}</dt><dd><a href="${definitionUrl(slug, p.definition.id)}">${sv(ctx, p.definition.name)}</a> (${t("surveys.definition.revision", { revision: p.definition.revision })})</dd>
<dt>${t("surveys.staff.codes")}</dt><dd>${s.requires_code ? t("surveys.staff.codesUsed", { used: p.codes.used, total: p.codes.total }) : t("surveys.staff.noCodes")}</dd>
${s.published_at ? html`<dt>${t("surveys.staff.published")}</dt><dd><a href="${yearUrl(slug, s.year)}">${formatDate(s.published_at, locale, true)}</a></dd>` : ""}
</dl>
${
  p.abilities.manage && steps.length
    ? html`<section aria-labelledby="steps-h"><h2 id="steps-h">${t("surveys.staff.lifecycle")}</h2>
<p>${t(`surveys.staff.lifecycleHelp.${s.status}`)}</p>
<ul class="actions">${steps.map((st) => html`<li>${actionForm(ctx, `${url}/${STEP_PATHS[st]}`, t(STEP_LABELS[st]), s.version, { secondary: st === "unpublish" || st === "aggregate" })}</li>`)}
${surveyAllows(s.status, "delete") ? html`<li>${actionForm(ctx, `${url}/ta-bort`, t("surveys.staff.delete"), s.version, { danger: true })}</li>` : ""}</ul>
</section>`
    : ""
}
<section aria-labelledby="link-h">
<h2 id="link-h">${t("surveys.staff.linkHeading")}</h2>
<p>${t("surveys.staff.linkLead")}</p>
<p><a href="${answerUrl(slug, s.id)}">${link}</a></p>
<div class="survey-qr">${raw(p.qrSvg)}</div>
<p><a href="${url}/qr.svg" download="enkat-${s.year}.svg">${t("surveys.staff.qrDownload")}</a></p>
<ul class="actions">
${s.requires_code && p.abilities.manage && surveyAllows(s.status, "makeCodes") ? html`<li><a class="button secondary" href="${url}/koder">${t("surveys.codes.title")}</a></li>` : ""}
${p.abilities.manage && surveyAllows(s.status, "enterPaper") ? html`<li><a class="button secondary" href="${url}/pappersenkat">${t("surveys.paper.title")}</a></li>` : ""}
${p.abilities.manage && surveyAllows(s.status, "weight") ? html`<li><a class="button secondary" href="${url}/viktning">${t("surveys.weighting.title")}</a></li>` : ""}
${p.abilities.cite && s.status === "publicerad" ? html`<li><a class="button secondary" href="${url}/citera">${t("surveys.cite.title")}</a></li>` : ""}
</ul>
</section>
<section aria-labelledby="live-h">
<h2 id="live-h">${t(s.status === "oppen" ? "surveys.staff.liveHeading" : "surveys.staff.countsHeading")}</h2>
${
  liveByArea.size
    ? html`<div class="table-scroll" role="region" aria-labelledby="live-caption" tabindex="0"><table>
<caption id="live-caption">${t("surveys.staff.liveCaption")}</caption>
<thead><tr><th scope="col">${t("surveys.results.area")}</th><th scope="col" class="num">${t("surveys.staff.web")}</th><th scope="col" class="num">${t("surveys.staff.paper")}</th><th scope="col" class="num">${t(
        "surveys.results.complete",
      )}</th><th scope="col" class="num">${t("surveys.staff.partial")}</th></tr></thead>
<tbody>${[...liveByArea].map(
        ([id, e]) =>
          html`<tr><th scope="row">${areaName(id)}</th><td class="num">${e.webb}</td><td class="num">${e.papper}</td><td class="num">${e.complete}</td><td class="num">${e.partial}</td></tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${t("surveys.staff.noResponses")}</p>`
}
</section>
<section aria-labelledby="results-h">
<h2 id="results-h">${t("surveys.staff.resultsHeading")}</h2>
<p class="survey-note">${p.results.live ? t("surveys.staff.liveNote") : t("surveys.staff.storedNote", { at: s.aggregated_at ? formatDate(s.aggregated_at, locale, true) : "–" })}</p>
${respondentsTable(ctx, p.results.view)}
${resultTables(ctx, p.results.view, { minCell: p.settings.minCell, slug: s.status === "publicerad" ? slug : null, headingLevel: 3 })}
</section>
${
  p.freeTexts.length
    ? html`<section aria-labelledby="free-h"><h2 id="free-h">${t("surveys.staff.freeTexts")}</h2>
<p>${t("surveys.staff.freeTextsLead", { min: p.settings.minCell })}</p>
${p.freeTexts.map(
  (f) =>
    html`<h3>${txt(ctx, f.item.text)}</h3>${
      f.texts.length
        ? html`<ul class="survey-free">${f.texts.map((x) => html`<li>${x}</li>`)}</ul>`
        : html`<p>${t("surveys.staff.freeTextsHidden", { min: p.settings.minCell })}</p>`
    }`,
)}</section>`
    : ""
}
${
  p.abilities.manage && surveyAllows(s.status, "edit")
    ? html`<section aria-labelledby="edit-h"><h2 id="edit-h">${t("surveys.staff.editHeading")}</h2>
${errorSummary(ctx, p.errors)}
<form method="post" action="${url}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="version" value="${s.version}">
${inputField({ name: "title", label: t("surveys.field.title"), value: values.title, required: true, errors: p.errors })}
${inputField({ name: "field_from", label: t("surveys.field.fieldFrom"), type: "date", value: values.field_from, required: true, errors: p.errors })}
${inputField({ name: "field_to", label: t("surveys.field.fieldTo"), type: "date", value: values.field_to, required: true, errors: p.errors })}
${
  surveyAllows(s.status, "editCodeSetting")
    ? checkboxField({
        name: "requires_code",
        label: t("surveys.field.requiresCode"),
        hint: t("surveys.field.requiresCodeHint"),
        checked: values.requires_code === "on",
        errors: p.errors,
      })
    : html`<input type="hidden" name="requires_code" value="${s.requires_code ? "on" : ""}">`
}
<button type="submit">${t("surveys.staff.save")}</button>
</form></section>`
    : ""
}
<section aria-labelledby="history-h"><h2 id="history-h">${t("surveys.staff.history")}</h2>
<ul>${p.events.map((e) => html`<li>${formatDate(e.created_at, locale, true)}: ${t(`surveys.event.${e.action}`)}${e.note ? ` (${e.note})` : ""}${e.actor_name ? html` – ${sv(ctx, e.actor_name)}` : ""}</li>`)}</ul>
</section>`,
  };
}

export function codesPage(
  ctx: PageContext,
  p: { survey: SurveyRow; counts: { total: number; used: number }; values: Record<string, string>; errors?: FieldErrors; rowErrors?: RowError[] },
): PageOptions {
  const { t } = ctx;
  const s = p.survey;
  const url = surveyStaffUrl(ctx.tenant!.slug, s.id);
  return {
    title: t("surveys.codes.title"),
    breadcrumbs: crumbs(ctx, [
      [sv(ctx, s.title), url],
      [t("surveys.codes.title"), null],
    ]),
    main: html`<h1>${t("surveys.codes.title")}</h1>
<p class="lead">${t("surveys.codes.lead")}</p>
<p>${t("surveys.staff.codesUsed", { used: p.counts.used, total: p.counts.total })}</p>
${p.rowErrors?.length ? rowErrors(ctx, p.rowErrors) : errorSummary(ctx, p.errors)}
<form method="post" action="${url}/koder" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
${inputField({ name: "count", label: t("surveys.codes.count"), hint: t("surveys.codes.countHint"), value: p.values.count, inputmode: "numeric", errors: p.errors })}
${textareaField({ name: "frame", label: t("surveys.codes.frame"), hint: t("surveys.codes.frameHint"), value: p.values.frame, rows: 6, errors: p.errors })}
${selectField({
  name: "format",
  label: t("surveys.codes.format"),
  value: p.values.format ?? "letters",
  options: [
    { value: "letters", label: t("surveys.codes.formatLetters") },
    { value: "csv", label: t("surveys.codes.formatCsv") },
    { value: "excel", label: t("surveys.codes.formatExcel") },
  ],
  errors: p.errors,
})}
<p class="notice">${t("surveys.codes.once")}</p>
<button type="submit">${t("surveys.codes.make")}</button>
</form>`,
  };
}

export function weightingPage(
  ctx: PageContext,
  p: { survey: SurveyRow; areas: readonly Area[]; content: DefinitionContent; values: Record<string, string>; errors?: FieldErrors; rowErrors?: RowError[] },
): PageOptions {
  const { t, locale } = ctx;
  const s = p.survey;
  const url = surveyStaffUrl(ctx.tenant!.slug, s.id);
  const age = p.content.items.find((i) => i.role === "age");
  const sex = p.content.items.find((i) => i.role === "sex");
  const areaName = (id: string) => sv(ctx, p.areas.find((a) => a.id === id)?.name ?? id);
  return {
    title: t("surveys.weighting.title"),
    breadcrumbs: crumbs(ctx, [
      [sv(ctx, s.title), url],
      [t("surveys.weighting.title"), null],
    ]),
    main: html`<h1>${t("surveys.weighting.title")}</h1>
<p class="lead">${t("surveys.weighting.lead")}</p>
<p>${t("surveys.weighting.format")}</p>
${age ? html`<p>${t("surveys.weighting.ageGroups")}: ${age.options.map((o, i) => html`${i ? ", " : ""}<code>${o.key}</code> (${plain(locale, o.text)})`)}</p>` : ""}
${sex ? html`<p>${t("surveys.weighting.sexes")}: ${sex.options.map((o, i) => html`${i ? ", " : ""}<code>${o.key}</code> (${plain(locale, o.text)})`)}</p>` : ""}
${p.rowErrors?.length ? rowErrors(ctx, p.rowErrors) : errorSummary(ctx, p.errors)}
<form method="post" action="${url}/viktning" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="version" value="${s.version}">
${checkboxField({ name: "enabled", label: t("surveys.weighting.enabled"), hint: t("surveys.weighting.enabledHint"), checked: p.values.enabled === "on", errors: p.errors })}
${textareaField({ name: "population", label: t("surveys.weighting.population"), hint: t("surveys.weighting.populationHint"), value: p.values.population, rows: 8, errors: p.errors })}
<button type="submit">${t("surveys.staff.save")}</button>
</form>
${
  s.weighting.population.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="pop-caption" tabindex="0"><table>
<caption id="pop-caption">${t("surveys.weighting.stored", { count: s.weighting.population.length })}</caption>
<thead><tr><th scope="col">${t("surveys.results.area")}</th><th scope="col">${t("surveys.weighting.ageGroup")}</th><th scope="col">${t("surveys.weighting.sex")}</th><th scope="col" class="num">${t("surveys.weighting.count")}</th></tr></thead>
<tbody>${s.weighting.population.map(
        (r) =>
          html`<tr><td>${areaName(r.area_id)}</td><td>${r.age_group && age ? optionText(locale, t, age, r.age_group) : "–"}</td><td>${r.sex && sex ? optionText(locale, t, sex, r.sex) : "–"}</td><td class="num">${r.count}</td></tr>`,
      )}</tbody>
</table></div>`
    : ""
}`,
  };
}

/** The paper form: one short field per item with its codes beside it; Tab moves on, nothing needs the mouse. */
export function paperPage(
  ctx: PageContext,
  p: {
    survey: SurveyRow;
    content: DefinitionContent;
    areas: readonly AreaOption[];
    values: Record<string, string>;
    errors: Record<string, string>;
    text: Record<string, TextProblem>;
    entered: number;
  },
): PageOptions {
  const { t, locale } = ctx;
  const s = p.survey;
  const url = surveyStaffUrl(ctx.tenant!.slug, s.id);
  const errs: FieldErrors = {};
  for (const [k, v] of Object.entries(p.errors)) errs[k === "code" ? k : `p.${k}`] = v;
  return {
    title: t("surveys.paper.title"),
    breadcrumbs: crumbs(ctx, [
      [sv(ctx, s.title), url],
      [t("surveys.paper.title"), null],
    ]),
    main: html`<h1>${t("surveys.paper.title")}</h1>
<p class="lead">${t("surveys.paper.lead")}</p>
<p>${t("surveys.paper.entered", { count: p.entered })}</p>
${errorSummary(ctx, errs)}
<form method="post" action="${url}/pappersenkat" class="survey-paper" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
${s.requires_code ? inputField({ name: "code", label: t("surveys.paper.code"), hint: t("surveys.paper.codeHint"), value: p.values.code, autocomplete: "off", errors: errs }) : ""}
${p.content.items.map((item, n) => {
  const name = `p.${item.key}`;
  const label = `${n + 1}. ${plain(locale, item.text)}`;
  if (item.type === "text") {
    const problem = p.text[item.key];
    return html`${textareaField({ name, id: `f-p.${item.key}`, label, value: p.values[name], rows: 2, errors: errs })}${
      problem?.names.length
        ? problem.names.map(
            (w, i) =>
              html`<div class="field field--checkbox"><input type="checkbox" id="f-confirm-${item.key}-${i}" name="confirm.${item.key}" value="${w}"><label for="f-confirm-${item.key}-${i}">${t("surveys.paper.notAName", { word: w })}</label></div>`,
          )
        : ""
    }`;
  }
  const hint =
    item.type === "number"
      ? t("surveys.paper.numberHint", { min: item.min ?? 0, max: item.max ?? 0 })
      : html`${paperCodes(item, p.areas).map((c, i) => html`${i ? ", " : ""}${c.code} = ${optionHtml(ctx, item, c.option, p.areas)}`)}${
          item.type === "multi" ? ` ${t("surveys.paper.multiHint")}` : ""
        }`;
  return inputField({
    name,
    id: `f-p.${item.key}`,
    label,
    hint,
    value: p.values[name],
    inputmode: item.type === "number" ? "decimal" : "numeric",
    autocomplete: "off",
    errors: errs,
  });
})}
<button type="submit">${t("surveys.paper.save")}</button>
</form>`,
  };
}
