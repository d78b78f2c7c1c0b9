// Staff pages for the running work: logging an activity from a phone (pick a promise, fill in a
// short form — date defaults to today, the target's figure comes first) and the follow-up form
// where the coordinator confirms or overrides the suggested verdict of each promise.
import { csrfField, type FieldErrors, formFields } from "../../../platform/http/forms.ts";
import { rowsToRender } from "../../../platform/http/form-rows.ts";
import { html, mixed, sv } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { DocumentView, PromiseView } from "../service/views.ts";
import { VERDICTS } from "../tables.ts";
import { achievedHtml, targetHtml } from "./content.ts";
import { dateRange, moduleHead, progressBlock, verdictBadge } from "./format.ts";
import { type FormValues, OUTCOME_ROWS } from "./forms.ts";
import { staffBase, staffCrumbs } from "./staff.ts";

const v = (values: FormValues, name: string): string => {
  const x = values[name];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};

export type Loggable = { documentId: string; documentTitle: string; validFrom: string; validTo: string; promise: PromiseView };

export function choosePromisePage(ctx: PageContext, loggable: readonly Loggable[]): PageOptions {
  const { t } = ctx;
  const base = staffBase(ctx.tenant!.slug);
  const docs = [...new Map(loggable.map((l) => [l.documentId, l])).values()];
  const title = t("promises.activity.logTitle");
  return {
    title,
    head: moduleHead(),
    breadcrumbs: staffCrumbs(ctx, title),
    main: html`<h1>${title}</h1>
<p class="lead">${t("promises.activity.chooseLead")}</p>
${
  docs.length
    ? docs.map(
        (d) => html`<h2>${sv(ctx, d.documentTitle)}</h2>
<ul class="choice-list">${loggable
          .filter((l) => l.documentId === d.documentId)
          .map((l) => html`<li><a href="${base}/aktivitet?lofte=${l.promise.id}">${l.promise.number}. ${sv(ctx, l.promise.text)}</a></li>`)}</ul>`,
      )
    : html`<p>${t("promises.activity.nothingToLog")}</p>`
}`,
  };
}

export function activityFormPage(
  ctx: PageContext,
  input: { item: Loggable; values: FormValues; errors?: FieldErrors; formError?: string | null },
): PageOptions {
  const { t } = ctx;
  const { item, values } = input;
  const p = item.promise;
  const base = staffBase(ctx.tenant!.slug);
  const title = t("promises.activity.logTitle");
  const metric = p.target?.metric ?? null;
  const outcomeRows = rowsToRender(values, { ...OUTCOME_ROWS, min: 3 });
  const f = formFields(input.errors);
  const errors = f.errors;
  const form = html`<form method="post" action="${base}/aktivitet" enctype="multipart/form-data" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="promise_id" value="${p.id}">
  ${f.input({ name: "title", label: t("promises.activity.what"), hint: t("promises.activity.whatHint"), value: v(values, "title"), required: true })}
  ${f.input({ name: "occurred_on", label: t("promises.activity.when"), type: "date", value: v(values, "occurred_on"), required: true, min: item.validFrom, max: item.validTo })}
  ${
    metric
      ? html`<input type="hidden" name="metric_label" value="${metric}">
  ${f.input({ name: "metric_value", label: t("promises.activity.metricValue", { metric }), value: v(values, "metric_value"), inputmode: "decimal" })}`
      : ""
  }
  ${f.input({ name: "place_name", label: t("promises.activity.where"), hint: t("promises.activity.whereHint"), value: v(values, "place_name") })}
  <details${Object.keys(errors).some((k) => k.startsWith("outcomes") || k === "lat" || k === "lon" || k === "description" || k === "attachments") ? html` open` : ""}>
    <summary>${t("promises.activity.more")}</summary>
    <fieldset id="f-outcomes" tabindex="-1"><legend>${t("promises.activity.outcomes")}</legend>
      <p class="hint">${t("promises.activity.outcomesHint")}</p>
      ${errors.outcomes ? html`<p class="error-message">${errors.outcomes}</p>` : ""}
      ${Array.from(
        { length: outcomeRows },
        (_, i) => html`<div class="form-row">
        ${f.input({ name: `outcomes.${i}.label`, label: t("promises.activity.outcomeLabel", { n: i + 1 }), value: v(values, `outcomes.${i}.label`) })}
        ${f.input({ name: `outcomes.${i}.value`, label: t("promises.activity.outcomeValue", { n: i + 1 }), value: v(values, `outcomes.${i}.value`), inputmode: "decimal" })}
      </div>`,
      )}
    </fieldset>
    <fieldset><legend>${t("promises.activity.coordinates")}</legend>
      <p class="hint">${t("promises.activity.coordinatesHint")}</p>
      ${f.input({ name: "lat", label: t("promises.activity.lat"), value: v(values, "lat"), inputmode: "decimal" })}
      ${f.input({ name: "lon", label: t("promises.activity.lon"), value: v(values, "lon"), inputmode: "decimal" })}
    </fieldset>
    ${f.textarea({ name: "description", label: t("promises.activity.description"), value: v(values, "description"), rows: 3 })}
    <div class="field${errors.attachments ? " field--error" : ""}">
      <label for="f-attachments">${t("promises.activity.attachments")}</label>
      <p class="hint" id="f-attachments-hint">${t("promises.activity.attachmentsHint")}</p>
      ${errors.attachments ? html`<p class="error-message" id="f-attachments-error">${errors.attachments}</p>` : ""}
      <input id="f-attachments" type="file" name="attachments" multiple accept="image/*,application/pdf,text/plain,text/csv,.docx,.xlsx,.odt" aria-describedby="f-attachments-hint${
        errors.attachments ? " f-attachments-error" : ""
      }"${errors.attachments ? html` aria-invalid="true"` : ""}>
    </div>
  </details>
  <div class="actions"><button type="submit">${t("promises.activity.save")}</button> <a href="${base}/aktivitet">${t("promises.activity.otherPromise")}</a></div>
</form>`;
  f.target("outcomes", t("promises.activity.outcomes"), "f-outcomes");
  f.target("attachments", t("promises.activity.attachments"), "f-attachments");
  return {
    title,
    head: moduleHead(),
    breadcrumbs: staffCrumbs(ctx, title),
    main: html`${f.summary(ctx, input.formError)}<h1>${title}</h1>
<p><strong>${p.number}. ${sv(ctx, p.text)}</strong><br><span class="muted">${sv(ctx, item.documentTitle)} · ${dateRange(ctx.locale, item.validFrom, item.validTo)}</span></p>
${p.target ? html`<p>${t("promises.field.target")}: ${targetHtml(ctx, p.target)}</p>` : ""}
${progressBlock(t, ctx.locale, p.progress, p.target)}
${form}`,
  };
}

export function followUpFormPage(
  ctx: PageContext,
  input: { view: DocumentView; values: FormValues; errors?: FieldErrors; formError?: string | null },
): PageOptions {
  const { t } = ctx;
  const { view, values } = input;
  const doc = view.doc;
  const base = `${staffBase(ctx.tenant!.slug)}/${doc.id}`;
  const title = t("promises.followUp.formTitle", { title: doc.title });
  const f = formFields(input.errors);
  const form = html`<form method="post" action="${base}/uppfoljning" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="version" value="${v(values, "version")}">
  ${view.promises.map((p) => {
    const suggested = p.progress.suggestedVerdict;
    const no = t("promises.public.promiseNo", { number: p.number });
    // The confirmation checkbox appears once a verdict was found to go against the measurement.
    const askConfirm = f.errors[`confirm.${p.id}`] !== undefined || v(values, `confirm.${p.id}`) === "ja";
    return html`<fieldset class="verdict">
    <legend>${p.number}. ${sv(ctx, p.text)}</legend>
    <input type="hidden" name="version.${p.id}" value="${v(values, `version.${p.id}`)}">
    <p>${t("promises.field.target")}: ${targetHtml(ctx, p.target) ?? t("promises.target.none")}</p>
    <p>${t("promises.progress.achieved")}: ${achievedHtml(ctx, p.progress, p.target)}${p.activities.length === 0 ? html` · ${t("promises.followUp.noActivities")}` : ""}</p>
    <p>${t("promises.verdict.suggested")}: ${suggested ? verdictBadge(t, suggested) : t("promises.followUp.noSuggestion")}</p>
    ${f.select({
      name: `verdict.${p.id}`,
      label: t("promises.field.verdict"),
      summaryLabel: t("promises.followUp.summaryLabel", { promise: no, field: t("promises.field.verdict") }),
      value: v(values, `verdict.${p.id}`),
      placeholder: t("promises.followUp.notJudged"),
      options: VERDICTS.map((x) => ({
        value: x,
        label: `${t(`promises.verdict.${x}`)}${x === suggested ? ` (${t("promises.verdict.suggested").toLocaleLowerCase("sv-SE")})` : ""}`,
      })),
    })}
    ${f.textarea({
      name: `reason.${p.id}`,
      label: t("promises.field.reason"),
      summaryLabel: t("promises.followUp.summaryLabel", { promise: no, field: t("promises.field.reason") }),
      hint: t("promises.followUp.reasonHint"),
      value: v(values, `reason.${p.id}`),
      rows: 3,
    })}
    ${
      askConfirm
        ? f.checkbox({
            name: `confirm.${p.id}`,
            label: t("promises.verdictCheck.confirm"),
            summaryLabel: t("promises.followUp.summaryLabel", { promise: no, field: t("promises.verdictCheck.confirmShort") }),
            value: "ja",
            checked: v(values, `confirm.${p.id}`) === "ja",
          })
        : ""
    }
  </fieldset>`;
  })}
  ${f.textarea({ name: "followup_summary", label: t("promises.followUp.summary"), hint: t("promises.followUp.summaryHint"), value: v(values, "followup_summary"), rows: 5 })}
  <div class="actions"><button type="submit">${t("promises.followUp.save")}</button> <a href="${base}">${t("promises.form.cancel")}</a></div>
</form>`;
  return {
    title,
    head: moduleHead(),
    breadcrumbs: staffCrumbs(ctx, t("promises.followUp.crumb"), doc),
    main: html`${f.summary(ctx, input.formError)}<h1>${mixed(ctx, t("promises.followUp.formTitle", { title: content(doc.title) }))}</h1>
<p class="lead">${t("promises.followUp.formLead")}</p>
${form}`,
  };
}
