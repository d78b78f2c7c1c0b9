// Accessible form primitives. Every field renders a <label>, a hint and an error message tied
// with aria-describedby, aria-invalid when in error; forms start with an error summary that
// links to each field. The same zod schema validates on the server (authoritative).
import type { z } from "zod";
import { html, type SafeHtml } from "./html.ts";
import type { PageContext } from "./page-context.ts";

export type FieldErrors = Record<string, string>;

type Common = {
  name: string;
  /** Text, or markup for a label holding content (sv(ctx, name): lang="sv" on English pages). */
  label: string | SafeHtml;
  hint?: string | SafeHtml;
  errors?: FieldErrors;
  required?: boolean;
  id?: string;
  /** Language of the value when it differs from the page's (lang="sv" for Swedish content on English pages). */
  lang?: string;
};

function describedBy(id: string, hint?: string | SafeHtml, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function frame(c: Common, id: string, control: SafeHtml): SafeHtml {
  const error = c.errors?.[c.name];
  return html`<div class="field${error ? " field--error" : ""}">
  <label for="${id}">${c.label}</label>
  ${c.hint ? html`<p class="hint" id="${id}-hint">${c.hint}</p>` : ""}
  ${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
  ${control}
</div>`;
}

export function inputField(
  c: Common & { type?: string; value?: string | number | null; autocomplete?: string; step?: string; min?: string; max?: string; inputmode?: string },
): SafeHtml {
  const id = c.id ?? `f-${c.name}`;
  const error = c.errors?.[c.name];
  const db = describedBy(id, c.hint, error);
  return frame(
    c,
    id,
    html`<input id="${id}" name="${c.name}" type="${c.type ?? "text"}" value="${c.value ?? ""}"${c.required ? html` required` : ""}${
      c.autocomplete ? html` autocomplete="${c.autocomplete}"` : ""
    }${c.step ? html` step="${c.step}"` : ""}${c.min ? html` min="${c.min}"` : ""}${c.max ? html` max="${c.max}"` : ""}${
      c.inputmode ? html` inputmode="${c.inputmode}"` : ""
    }${c.lang ? html` lang="${c.lang}"` : ""}${db ? html` aria-describedby="${db}"` : ""}${error ? html` aria-invalid="true"` : ""}>`,
  );
}

export function textareaField(c: Common & { value?: string | null; rows?: number }): SafeHtml {
  const id = c.id ?? `f-${c.name}`;
  const error = c.errors?.[c.name];
  const db = describedBy(id, c.hint, error);
  return frame(
    c,
    id,
    html`<textarea id="${id}" name="${c.name}" rows="${c.rows ?? 5}"${c.required ? html` required` : ""}${c.lang ? html` lang="${c.lang}"` : ""}${db ? html` aria-describedby="${db}"` : ""}${
      error ? html` aria-invalid="true"` : ""
    }>${c.value ?? ""}</textarea>`,
  );
}

export function selectField(
  c: Common & {
    value?: string | null;
    options: Array<{ value: string; label: string /** language of a content label (lang="sv" on English pages) */; lang?: string }>;
    placeholder?: string;
  },
): SafeHtml {
  const id = c.id ?? `f-${c.name}`;
  const error = c.errors?.[c.name];
  const db = describedBy(id, c.hint, error);
  return frame(
    c,
    id,
    html`<select id="${id}" name="${c.name}"${c.required ? html` required` : ""}${db ? html` aria-describedby="${db}"` : ""}${
      error ? html` aria-invalid="true"` : ""
    }>
${c.placeholder !== undefined ? html`<option value="">${c.placeholder}</option>` : ""}
${c.options.map((o) => html`<option value="${o.value}"${o.value === c.value ? html` selected` : ""}${o.lang ? html` lang="${o.lang}"` : ""}>${o.label}</option>`)}
</select>`,
  );
}

export function checkboxField(c: Common & { checked?: boolean; value?: string }): SafeHtml {
  const id = c.id ?? `f-${c.name}`;
  const error = c.errors?.[c.name];
  const db = describedBy(id, c.hint, error);
  return html`<div class="field field--checkbox${error ? " field--error" : ""}">
  ${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
  <input id="${id}" type="checkbox" name="${c.name}" value="${c.value ?? "on"}"${c.checked ? html` checked` : ""}${
    db ? html` aria-describedby="${db}"` : ""
  }${error ? html` aria-invalid="true"` : ""}>
  <label for="${id}">${c.label}</label>
  ${c.hint ? html`<p class="hint" id="${id}-hint">${c.hint}</p>` : ""}
</div>`;
}

/** Where the error summary links for a field: the id of an element that exists, and the field's name as people read it. */
export type FieldTarget = { id: string; label: string | SafeHtml };

/**
 * The error summary: first in main, announced (role="alert"), and focused on load by a tiny
 * island (web/islands/focus.js, added by the layout when a page has data-focus-on-load). Each
 * entry names its field ("Titel: Fältet får inte vara tomt.") and links to it when `targets`
 * knows the field; a message for a field the page does not show is listed without a link, so no
 * link ever points at nothing. Entries follow the order of `targets` (the order of the form).
 */
export function errorSummary(
  ctx: PageContext,
  errors: FieldErrors | undefined,
  formError?: string | null,
  targets?: ReadonlyMap<string, FieldTarget>,
): SafeHtml {
  const all = Object.entries(errors ?? {});
  if (all.length === 0 && !formError) return html``;
  const entries = targets
    ? [
        ...[...targets.keys()].filter((name) => errors?.[name] !== undefined).map((name) => [name, errors![name]!] as const),
        ...all.filter(([name]) => !targets.has(name)),
      ]
    : all;
  const item = (name: string, msg: string): SafeHtml => {
    if (!targets) return html`<li><a href="#f-${name}">${msg}</a></li>`;
    const target = targets.get(name);
    return target ? html`<li><a href="#${target.id}">${target.label}: ${msg}</a></li>` : html`<li>${msg}</li>`;
  };
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-focus-on-load>
  <h2 id="error-summary-title">${ctx.t("forms.errorSummary.title")}</h2>
  ${formError ? html`<p>${formError}</p>` : ""}
  ${entries.length ? html`<ul>${entries.map(([name, msg]) => item(name, msg))}</ul>` : ""}
</div>`;
}

type Omitted<T> = Omit<T, "errors"> & {
  /** The name the error summary uses, when the visible label needs context ("Löfte 3: bedömning"). */ summaryLabel?: string;
};

/**
 * The fields of one form, rendered through these functions so that the error summary knows each
 * field's label and element id. Render the form first, then place `summary()` first in main:
 *
 *   const f = formFields(errors);
 *   const form = html`<form>${f.input({ name: "title", label: "Titel" })}</form>`;
 *   main: html`${f.summary(ctx, formError)}<h1>…</h1>${form}`
 */
export type FormFields = {
  readonly errors: FieldErrors;
  input(c: Omitted<Parameters<typeof inputField>[0]>): SafeHtml;
  textarea(c: Omitted<Parameters<typeof textareaField>[0]>): SafeHtml;
  select(c: Omitted<Parameters<typeof selectField>[0]>): SafeHtml;
  checkbox(c: Omitted<Parameters<typeof checkboxField>[0]>): SafeHtml;
  /** A field rendered by hand (a checkbox group, a fieldset of rows): messages on `name` link to element `id`. */
  target(name: string, label: string, id: string): void;
  /** The fields rendered so far, by name, in order. */
  readonly targets: ReadonlyMap<string, FieldTarget>;
  summary(ctx: PageContext, formError?: string | null): SafeHtml;
};

export function formFields(errors: FieldErrors = {}): FormFields {
  const targets = new Map<string, FieldTarget>();
  const note = (c: { name: string; label: string | SafeHtml; id?: string; summaryLabel?: string }) => {
    if (!targets.has(c.name)) targets.set(c.name, { id: c.id ?? `f-${c.name}`, label: c.summaryLabel ?? c.label });
  };
  return {
    errors,
    targets,
    input(c) {
      note(c);
      return inputField({ ...c, errors });
    },
    textarea(c) {
      note(c);
      return textareaField({ ...c, errors });
    },
    select(c) {
      note(c);
      return selectField({ ...c, errors });
    },
    checkbox(c) {
      note(c);
      return checkboxField({ ...c, errors });
    },
    target: (name, label, id) => note({ name, label, id }),
    summary: (ctx, formError) => errorSummary(ctx, errors, formError, targets),
  };
}

/** Messages of several checks together (schema first, then business rules): one per field, the first wins. */
export function mergeErrors(...sets: Array<FieldErrors | undefined>): FieldErrors {
  const out: FieldErrors = {};
  for (const set of sets) for (const [k, v] of Object.entries(set ?? {})) if (!(k in out)) out[k] = v;
  return out;
}

/** A confirmation given in a form: the checkbox or button named `name` carries "ja". */
export function isConfirmed(body: unknown, name = "confirm"): boolean {
  return field(body, name) === "ja";
}

/**
 * The second step of a destructive or public action, without JavaScript: the first post (without
 * confirm=ja) answers a page saying what will happen, whose form posts the same fields again with
 * confirm=ja; the server acts only then (isConfirmed). Cancel goes back without changing anything.
 */
export function confirmForm(
  ctx: PageContext,
  c: { action: string; fields: Readonly<Record<string, string>>; confirmLabel: string; cancelHref: string; danger?: boolean },
): SafeHtml {
  return html`<form method="post" action="${c.action}" class="confirm-form">
  ${csrfField(ctx)}
  ${Object.entries(c.fields)
    .filter(([name]) => name !== "_csrf" && name !== "confirm")
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
  <input type="hidden" name="confirm" value="ja">
  <div class="actions"><button type="submit"${c.danger ? html` class="danger"` : ""}>${c.confirmLabel}</button> <a href="${c.cancelHref}">${ctx.t("forms.confirm.cancel")}</a></div>
</form>`;
}

export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

/** The `lang` of a field holding Swedish content: "sv" on pages in another language, else none. */
export function contentLang(ctx: { locale: string }): string | undefined {
  return ctx.locale === "sv" ? undefined : "sv";
}

/** Turn zod issues into one message per top-level field (first issue wins). */
export function fieldErrors(error: z.ZodError, translate?: (msg: string) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    if (!(key in out)) out[key] = translate ? translate(issue.message) : issue.message;
  }
  return out;
}

/** First value of a form field (forms may repeat a name); "" when absent. */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : "";
  return typeof v === "string" ? v : "";
}

/** All values of a repeated form field. */
export function fields(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}
