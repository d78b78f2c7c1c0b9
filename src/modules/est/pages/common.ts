// Pieces shared by EST's pages: addresses, dates in the reader's language (Stockholm time),
// radio groups, the personal-data notice, problems → field messages, history lists.
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { FieldErrors, FormFields } from "../../../platform/http/forms.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatNumber } from "../../../platform/i18n/i18n.ts";
import { markFindings, type Finding } from "../../../platform/privacy/screen.ts";
import { isoDate, stockholmParts, weekDays, weekLabel } from "../domain/time.ts";
import type { FieldProblems } from "../service/reports.ts";

export const estBase = (slug: string) => `/t/${slug}/arbete/est`;

export function breadcrumbs(ctx: PageContext, ...trail: Array<[string, string | null]>): Array<[string, string | null]> {
  const slug = ctx.tenant!.slug;
  return [[ctx.t("tenants.staff.title"), `/t/${slug}/arbete`], [ctx.t("est.title"), estBase(slug)], ...trail];
}

/** "27 maj 2024" / "27 May 2024". */
export function date(ctx: PageContext, iso: string): string {
  return new Intl.DateTimeFormat(ctx.locale === "sv" ? "sv-SE" : "en-GB", { timeZone: "UTC", dateStyle: "long" }).format(new Date(`${iso}T12:00:00Z`));
}

/** "27 maj 2024 22:15" in Stockholm time. */
export function dateTime(ctx: PageContext, at: Date): string {
  const p = stockholmParts(new Date(at));
  return `${date(ctx, p.date)} ${p.time}`;
}

/** A report's time: "27 maj 2024 22:15" or "27 maj 2024 22:15 – 28 maj 2024 01:00". */
export function timeSpan(ctx: PageContext, from: Date, to: Date | null): string {
  if (!to) return dateTime(ctx, from);
  const a = stockholmParts(new Date(from));
  const b = stockholmParts(new Date(to));
  return a.date === b.date ? `${date(ctx, a.date)} ${a.time}–${b.time}` : `${dateTime(ctx, from)} – ${dateTime(ctx, to)}`;
}

/** "vecka 22, 2024 (27 maj – 2 juni)". */
export function weekTitle(ctx: PageContext, week: number): string {
  const label = weekLabel(week);
  const d = weekDays(week);
  return ctx.t("est.week.title", { week: Number(label.slice(6)), year: label.slice(0, 4), from: date(ctx, isoDate(d.from)), to: date(ctx, isoDate(d.to - 1)) });
}

export function num(ctx: PageContext, n: number, digits = 0): string {
  return formatNumber(n, ctx.locale, digits);
}

/** Field problems of a use case as the form's messages in the reader's language. */
export function errorsOf(ctx: { t: PageContext["t"] }, problems: FieldProblems, rename: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, p] of Object.entries(problems)) out[rename[field] ?? field] ??= ctx.t(p.key, p.params);
  return out;
}

/**
 * A group of radio buttons in a fieldset (legend, hint, error tied with aria-describedby). With
 * the form's `formFields`, the error summary names the group and links to its first button.
 */
export function radioGroup(c: {
  name: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  value?: string | null;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  form?: FormFields;
}): SafeHtml {
  const id = `f-${c.name}`;
  c.form?.target(c.name, c.legend, `${id}-0`);
  const error = c.errors?.[c.name];
  const describedBy = [c.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<fieldset class="field radios${error ? " field--error" : ""}" id="${id}"${describedBy ? html` aria-describedby="${describedBy}"` : ""}>
  <legend>${c.legend}</legend>
  ${c.hint ? html`<p class="hint" id="${id}-hint">${c.hint}</p>` : ""}
  ${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
  ${c.options.map(
    (o, i) =>
      html`<div class="radio"><input type="radio" id="${id}-${i}" name="${c.name}" value="${o.value}"${o.value === c.value ? html` checked` : ""}${
        c.required ? html` required` : ""
      }${error ? html` aria-invalid="true"` : ""}><label for="${id}-${i}">${o.label}</label></div>`,
  )}
</fieldset>`;
}

/**
 * What the personal-data screening found, with the text marked: certain findings (identity
 * numbers, phone numbers, e-mail) must be rephrased; likely names can be confirmed as not people
 * with a checkbox each (sent as `confirm_not_names`). Render it inside the form it belongs to:
 * the checkboxes are sent with that form.
 */
export function personalDataNotice(ctx: PageContext, p: { field: string; fieldLabel: string; text: string; findings: Finding[]; certain: boolean }): SafeHtml {
  const { t } = ctx;
  const names = p.findings.filter((f) => !f.certain);
  return html`<div class="notice personal-data" role="alert" id="personal-data">
  <h2>${t("est.privacy.title")}</h2>
  <p>${t(p.certain ? "est.privacy.certain" : "est.privacy.names", { field: p.fieldLabel })}</p>
  <p class="marked-text">${sv(ctx, html`${markFindings(p.text, p.findings).map((part) => (part.finding ? html`<mark>${part.text}</mark>` : part.text))}`)}</p>
  <ul>${p.findings.map((f) => html`<li>${sv(ctx, f.text)}: ${t(`est.privacy.kind.${f.kind}`)}</li>`)}</ul>
  ${
    !p.certain && names.length
      ? html`<fieldset><legend>${t("est.privacy.confirmLegend")}</legend>${names.map(
          (f, i) =>
            html`<div class="field field--checkbox"><input type="checkbox" id="confirm-name-${i}" name="confirm_not_names" value="${f.text}"><label for="confirm-name-${i}">${t("est.privacy.confirm", { text: f.text })}</label></div>`,
        )}</fieldset>`
      : ""
  }
</div>`;
}

export type History = Array<{
  action: string;
  actor_name: string | null;
  note: string | null;
  created_at: Date;
  changes?: Record<string, { from: unknown; to: unknown }>;
}>;

/** A record's history as a list: who did what, when, and what changed. */
export function historyList(ctx: PageContext, entries: History, describeChange: (field: string, value: unknown) => string): SafeHtml {
  if (entries.length === 0) return html`<p>${ctx.t("est.history.none")}</p>`;
  return html`<ol class="history">${entries.map(
    (e) =>
      html`<li><strong>${ctx.t(`est.history.action.${e.action}`)}</strong> – ${dateTime(ctx, e.created_at)}${
        e.actor_name ? html`, ${sv(ctx, e.actor_name)}` : ""
      }${
        e.changes && Object.keys(e.changes).length
          ? html`<ul>${Object.entries(e.changes).map(
              ([field, c]) =>
                html`<li>${ctx.t(`est.field.${field}`)}: ${sv(ctx, describeChange(field, c.from))} → ${sv(ctx, describeChange(field, c.to))}</li>`,
            )}</ul>`
          : ""
      }${e.note ? html`<p>${sv(ctx, e.note)}</p>` : ""}</li>`,
  )}</ol>`;
}

/** A status badge. */
export function badge(label: string, tone: "ok" | "warn" | "danger" | "muted"): SafeHtml {
  return html`<span class="badge badge--${tone}">${label}</span>`;
}
