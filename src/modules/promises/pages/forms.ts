// Staff forms: a document (new or edit, with lägesbild rows, parties and signatories), copying
// last period's document, and one promise with its measurable target. Forms re-render with the
// person's input and an error summary when something must be fixed; the hidden version field
// makes concurrent edits visible instead of silently lost.
import { contentLang, csrfField, type FieldErrors, formFields, type FormFields } from "../../../platform/http/forms.ts";
import { type RowsSpec, rowsToRender } from "../../../platform/http/form-rows.ts";
import { html, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import { content as markContent } from "../../../platform/i18n/content.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { ownerKeys } from "../domain/lifecycle.ts";
import type { DocumentRow } from "../repo/documents.ts";
import { FINDING_SOURCES, type Party, PROMISE_STATUSES, TARGET_PERIODS } from "../tables.ts";
import { dateRange, moduleHead, ownerLabel } from "./format.ts";
import { staffBase, staffCrumbs } from "./staff.ts";

/** Form values as strings, keyed by input name (what the person typed, or the stored values). */
export type FormValues = Record<string, string | string[]>;

const v = (values: FormValues, name: string): string => {
  const x = values[name];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};

export function documentValues(d: DocumentRow): FormValues {
  const out: FormValues = {
    title: d.title,
    valid_from: d.valid_from,
    valid_to: d.valid_to,
    introduction: d.introduction,
    focus_areas: d.focus_areas.join("\n"),
    party_kommunen: d.parties.find((p) => p.key === "kommunen")?.name ?? "",
    party_polisen: d.parties.find((p) => p.key === "polisen")?.name ?? "",
    other_parties: d.parties
      .filter((p) => p.key !== "kommunen" && p.key !== "polisen")
      .map((p) => p.name)
      .join("\n"),
    signing_place: d.signing_place ?? "",
    signed_on: d.signed_on ?? "",
    agreement_title: d.agreement_title ?? "",
    agreement_url: d.agreement_url ?? "",
    stated_promise_count: d.stated_promise_count === null ? "" : String(d.stated_promise_count),
    source_note: d.source_note ?? "",
    version: String(d.version),
  };
  d.findings.forEach((f, i) => {
    out[`findings.${i}.text`] = f.text;
    out[`findings.${i}.source`] = f.source;
    out[`findings.${i}.ref_url`] = f.ref_url ?? "";
  });
  d.signatories.forEach((s, i) => {
    out[`signatories.${i}.name`] = s.name;
    out[`signatories.${i}.title`] = s.title;
    out[`signatories.${i}.organisation`] = s.organisation;
    out[`signatories.${i}.party`] = s.party;
    out[`signatories.${i}.signed_on`] = s.signed_on ?? "";
  });
  return out;
}

/** Repeated rows of the forms: at most this many filled rows, plus blank ones to fill in (platform/http/form-rows.ts). */
export const FINDING_ROWS: RowsSpec = { prefix: "findings", max: 50, spare: 2 };
export const SIGNATORY_ROWS: RowsSpec = { prefix: "signatories", max: 20, spare: 1 };
export const OUTCOME_ROWS: RowsSpec = { prefix: "outcomes", max: 10, spare: 1 };

/** Parties as the form currently names them (for the signatories' party choice). */
function formParties(values: FormValues, tenantName: string): Party[] {
  const out: Party[] = [];
  out.push({ key: "kommunen", name: v(values, "party_kommunen") || tenantName });
  out.push({ key: "polisen", name: v(values, "party_polisen") || "Polisen" });
  return out;
}

export type DocumentFormInput = {
  mode: "new" | "edit";
  doc?: DocumentRow;
  values: FormValues;
  errors?: FieldErrors;
  formError?: string | null;
  parties?: Party[];
  copySources?: DocumentRow[];
  copyValues?: FormValues;
  copyErrors?: FieldErrors;
};

export function documentFormPage(ctx: PageContext, input: DocumentFormInput): PageOptions {
  const { t } = ctx;
  const { values } = input;
  const base = staffBase(ctx.tenant!.slug);
  const title = input.mode === "new" ? t("promises.form.newTitle") : t("promises.form.editTitle", { title: input.doc?.title ?? "" });
  const action = input.mode === "new" ? base : `${base}/${input.doc!.id}`;
  const parties = input.parties ?? formParties(values, ctx.tenant!.name);
  const findingRows = rowsToRender(values, FINDING_ROWS);
  const signatoryRows = rowsToRender(values, { ...SIGNATORY_ROWS, min: parties.length });
  const sourceOptions = FINDING_SOURCES.map((s) => ({ value: s, label: t(`promises.source.${s}`) }));
  const lang = contentLang(ctx);
  const partyOptions = parties.map((p) => ({ value: p.key, label: p.name, lang }));
  const heading = input.mode === "new" ? html`${title}` : mixed(ctx, t("promises.form.editTitle", { title: markContent(input.doc?.title ?? "") }));
  const titleExample = markContent(t("promises.form.titleExample", { name: ctx.tenant!.name, year: new Date().getFullYear() + 1 }));
  const f = formFields(input.errors);
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) =>
    f.input({ name, label, value: v(values, name), ...extra } as Parameters<FormFields["input"]>[0]);
  const copy = input.mode === "new" && input.copySources?.length ? copyForm(ctx, input) : null;

  const form = html`<form method="post" action="${action}" novalidate>
  ${csrfField(ctx)}
  ${input.mode === "edit" ? html`<input type="hidden" name="version" value="${v(values, "version")}">` : ""}
  ${copy ? html`<h2>${t("promises.form.fromScratch")}</h2>` : ""}
  ${field("title", t("promises.field.title"), { required: true, hint: mixed(ctx, t("promises.form.titleHint", { example: titleExample })), lang })}
  <fieldset><legend>${t("promises.field.validity")}</legend>
    <p class="hint">${t("promises.form.validityHint")}</p>
    ${field("valid_from", t("promises.field.validFrom"), { type: "date", required: true })}
    ${field("valid_to", t("promises.field.validTo"), { type: "date", required: true })}
  </fieldset>
  ${f.textarea({ name: "introduction", label: t("promises.doc.introduction"), value: v(values, "introduction"), rows: 6, lang })}
  ${f.textarea({ name: "focus_areas", label: t("promises.doc.focusAreas"), hint: t("promises.form.onePerLine"), value: v(values, "focus_areas"), rows: 3, lang })}
  <fieldset><legend>${t("promises.field.parties")}</legend>
    ${field("party_kommunen", t("promises.form.partyKommun"), { hint: t("promises.form.partyHint"), lang })}
    ${field("party_polisen", t("promises.form.partyPolis"), { lang })}
    ${f.textarea({ name: "other_parties", label: t("promises.form.otherParties"), hint: t("promises.form.onePerLine"), value: v(values, "other_parties"), rows: 2, lang })}
  </fieldset>
  ${rowGroup(f, "findings", t("promises.doc.findings"), t("promises.form.findingsHint"), [
    ...Array.from(
      { length: findingRows },
      (_, i) => html`<div class="form-row">
      ${f.textarea({ name: `findings.${i}.text`, label: t("promises.form.findingText", { n: i + 1 }), value: v(values, `findings.${i}.text`), rows: 2, lang })}
      ${f.select({ name: `findings.${i}.source`, label: t("promises.form.findingSource", { n: i + 1 }), value: v(values, `findings.${i}.source`) || "trygghetsmatning", options: sourceOptions })}
      ${f.input({ name: `findings.${i}.ref_url`, label: t("promises.form.findingRef", { n: i + 1 }), hint: t("promises.form.findingRefHint"), value: v(values, `findings.${i}.ref_url`) })}
    </div>`,
    ),
  ])}
  ${rowGroup(f, "signatories", t("promises.doc.signatures"), t("promises.form.signatoriesHint"), [
    field("signing_place", t("promises.field.signingPlace"), { lang }),
    field("signed_on", t("promises.field.signedOn"), { type: "date" }),
    ...Array.from(
      { length: signatoryRows },
      (_, i) => html`<div class="form-row">
      ${f.input({ name: `signatories.${i}.name`, label: t("promises.form.signatoryName", { n: i + 1 }), value: v(values, `signatories.${i}.name`), autocomplete: "off" })}
      ${f.input({ name: `signatories.${i}.title`, label: t("promises.form.signatoryTitle", { n: i + 1 }), value: v(values, `signatories.${i}.title`), lang })}
      ${f.input({ name: `signatories.${i}.organisation`, label: t("promises.form.signatoryOrganisation", { n: i + 1 }), value: v(values, `signatories.${i}.organisation`), lang })}
      ${f.select({ name: `signatories.${i}.party`, label: t("promises.form.signatoryParty", { n: i + 1 }), value: v(values, `signatories.${i}.party`) || parties[i]?.key || "", options: partyOptions })}
      ${f.input({ name: `signatories.${i}.signed_on`, label: t("promises.form.signatoryDate", { n: i + 1 }), type: "date", value: v(values, `signatories.${i}.signed_on`) })}
    </div>`,
    ),
  ])}
  <fieldset><legend>${t("promises.field.agreement")}</legend>
    ${field("agreement_title", t("promises.form.agreementTitle"), { lang })}
    ${field("agreement_url", t("promises.form.agreementUrl"), { hint: t("promises.form.findingRefHint") })}
  </fieldset>
  ${field("stated_promise_count", t("promises.form.statedCount"), { hint: t("promises.form.statedCountHint"), inputmode: "numeric" })}
  ${f.textarea({ name: "source_note", label: t("promises.doc.sourceNote"), hint: t("promises.form.sourceNoteHint"), value: v(values, "source_note"), rows: 3, lang })}
  <div class="actions"><button type="submit">${input.mode === "new" ? t("promises.form.create") : t("promises.form.save")}</button>
  <a href="${input.mode === "new" ? base : `${base}/${input.doc!.id}`}">${t("promises.form.cancel")}</a></div>
</form>`;

  return {
    title,
    head: moduleHead(),
    breadcrumbs: staffCrumbs(ctx, heading, input.mode === "edit" ? input.doc : undefined),
    main: html`${copy?.summary ?? ""}${f.summary(ctx, input.formError)}<h1>${heading}</h1>
${copy?.section ?? ""}
${form}`,
  };
}

/**
 * A fieldset of repeated rows. Its id is the target of messages about the rows as a whole (too
 * many rows, a row number the form cannot have): those link to the fieldset, which can take focus.
 */
function rowGroup(f: FormFields, name: string, legend: string, hint: string, content: SafeHtml[]): SafeHtml {
  const id = `f-${name}`;
  f.target(name, legend, id);
  const error = f.errors[name];
  return html`<fieldset id="${id}" tabindex="-1"${error ? html` class="field--error" aria-describedby="${id}-error"` : ""}><legend>${legend}</legend>
    <p class="hint">${hint}</p>
    ${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
    ${content}
  </fieldset>`;
}

/** The copy form: nothing is preselected, so an untouched submit creates nothing and says what to choose. */
function copyForm(ctx: PageContext, input: DocumentFormInput): { section: SafeHtml; summary: SafeHtml } {
  const { t } = ctx;
  const values = input.copyValues ?? {};
  const sources = input.copySources ?? [];
  const f = formFields(input.copyErrors);
  const section = html`<section aria-labelledby="kopiera" class="card">
  <h2 id="kopiera">${t("promises.form.copyHeading")}</h2>
  <p>${t("promises.form.copyText")}</p>
  <form method="post" action="${staffBase(ctx.tenant!.slug)}/kopiera" novalidate>
    ${csrfField(ctx)}
    ${f.select({
      name: "source_id",
      id: "f-copy-source_id",
      label: t("promises.form.copySource"),
      value: v(values, "source_id"),
      placeholder: t("promises.form.copyChoose"),
      // The option is the document's (Swedish) title; its period follows in brackets.
      options: sources.map((d) => ({ value: d.id, label: `${d.title} (${dateRange(ctx.locale, d.valid_from, d.valid_to)})`, lang: contentLang(ctx) })),
      required: true,
    })}
    ${f.input({ name: "title", id: "f-copy-title", label: t("promises.field.title"), value: v(values, "title"), required: true, lang: contentLang(ctx) })}
    ${f.input({ name: "valid_from", id: "f-copy-valid_from", label: t("promises.field.validFrom"), type: "date", value: v(values, "valid_from"), required: true })}
    ${f.input({ name: "valid_to", id: "f-copy-valid_to", label: t("promises.field.validTo"), type: "date", value: v(values, "valid_to"), required: true })}
    <button type="submit">${t("promises.form.copyButton")}</button>
  </form>
</section>`;
  return { section, summary: f.summary(ctx) };
}

export type PromiseFormInput = {
  doc: DocumentRow;
  promiseId?: string;
  values: FormValues;
  errors?: FieldErrors;
  formError?: string | null;
  organisations: Array<{ id: string; name: string }>;
};

export function promiseValues(p: {
  text: string;
  owner: string;
  focus_area: string | null;
  target_quantity: number | null;
  target_unit: string | null;
  target_period: string | null;
  target_metric: string | null;
  planned_activities: string;
  status: string;
  version: number;
  responsibleIds: string[];
}): FormValues {
  return {
    text: p.text,
    owner: p.owner,
    focus_area: p.focus_area ?? "",
    target_quantity: p.target_quantity === null ? "" : String(p.target_quantity).replace(".", ","),
    target_unit: p.target_unit ?? "",
    target_period: p.target_period ?? "",
    target_metric: p.target_metric ?? "",
    planned_activities: p.planned_activities,
    status: p.status,
    version: String(p.version),
    responsible_organisation_ids: p.responsibleIds,
  };
}

export function promiseFormPage(ctx: PageContext, input: PromiseFormInput): PageOptions {
  const { t } = ctx;
  const { doc, values } = input;
  const base = `${staffBase(ctx.tenant!.slug)}/${doc.id}`;
  const editing = input.promiseId !== undefined;
  const title = editing ? t("promises.form.editPromise") : t("promises.form.newPromise");
  const chosen = new Set(
    Array.isArray(values.responsible_organisation_ids) ? values.responsible_organisation_ids : [v(values, "responsible_organisation_ids")],
  );
  const lang = contentLang(ctx);
  // Party names are content; "tillsammans" is a label.
  const owners = ownerKeys(doc.parties).map((k) => ({ value: k, label: ownerLabel(t, k, doc.parties), lang: k === "tillsammans" ? undefined : lang }));
  const f = formFields(input.errors);
  // The checkbox group's messages link to its first checkbox (or to the group when it is empty).
  const orgError = f.errors.responsible_organisation_ids;
  f.target(
    "responsible_organisation_ids",
    t("promises.field.responsible"),
    input.organisations[0] ? `org-${input.organisations[0].id}` : "f-responsible_organisation_ids",
  );
  const form = html`<form method="post" action="${editing ? `${base}/lofte/${input.promiseId}` : `${base}/lofte`}" novalidate>
  ${csrfField(ctx)}
  ${editing ? html`<input type="hidden" name="version" value="${v(values, "version")}">` : ""}
  ${f.textarea({ name: "text", label: t("promises.form.promiseText"), hint: t("promises.form.promiseTextHint"), value: v(values, "text"), rows: 3, required: true, lang })}
  ${f.select({ name: "owner", label: t("promises.field.owner"), value: v(values, "owner"), options: owners, required: true })}
  ${f.input({ name: "focus_area", label: t("promises.field.focusArea"), value: v(values, "focus_area"), hint: doc.focus_areas.length ? sv(ctx, doc.focus_areas.join(", ")) : undefined, lang })}
  <fieldset id="f-responsible_organisation_ids" tabindex="-1"${orgError ? html` class="field--error"` : ""}><legend>${t("promises.field.responsible")}</legend>
    ${orgError ? html`<p class="error-message" id="f-responsible_organisation_ids-error">${orgError}</p>` : ""}
    ${input.organisations.map(
      (
        o,
      ) => html`<div class="field field--checkbox"><input type="checkbox" id="org-${o.id}" name="responsible_organisation_ids" value="${o.id}"${chosen.has(o.id) ? html` checked` : ""}${
        orgError ? html` aria-describedby="f-responsible_organisation_ids-error" aria-invalid="true"` : ""
      }>
      <label for="org-${o.id}">${sv(ctx, o.name)}</label></div>`,
    )}
  </fieldset>
  <fieldset><legend>${t("promises.form.targetLegend")}</legend>
    <p class="hint">${t("promises.form.targetHint")}</p>
    ${f.input({ name: "target_quantity", label: t("promises.field.targetQuantity"), value: v(values, "target_quantity"), inputmode: "decimal" })}
    ${f.input({ name: "target_unit", label: t("promises.field.targetUnit"), hint: t("promises.form.targetUnitHint"), value: v(values, "target_unit"), lang })}
    ${f.select({
      name: "target_period",
      label: t("promises.field.targetPeriod"),
      value: v(values, "target_period"),
      placeholder: t("promises.form.noTarget"),
      options: TARGET_PERIODS.map((p) => ({ value: p, label: t(`promises.targetPeriod.${p}`) })),
    })}
    ${f.input({ name: "target_metric", label: t("promises.field.targetMetric"), hint: t("promises.form.targetMetricHint"), value: v(values, "target_metric"), lang })}
  </fieldset>
  ${f.textarea({ name: "planned_activities", label: t("promises.field.planned"), value: v(values, "planned_activities"), rows: 3, lang })}
  ${f.select({
    name: "status",
    label: t("promises.field.promiseStatus"),
    value: v(values, "status") || "planerad",
    options: PROMISE_STATUSES.map((s) => ({ value: s, label: t(`promises.promiseStatus.${s}`) })),
  })}
  <div class="actions"><button type="submit">${editing ? t("promises.form.save") : t("promises.form.addPromise")}</button> <a href="${base}">${t("promises.form.cancel")}</a></div>
</form>`;
  return {
    title,
    head: moduleHead(),
    breadcrumbs: staffCrumbs(ctx, title, doc),
    main: html`${f.summary(ctx, input.formError)}<h1>${title}</h1>
<p>${sv(ctx, doc.title)}</p>
${form}`,
  };
}
