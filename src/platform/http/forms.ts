// Accessible form primitives. Every field renders a <label>, a hint and an error message tied
// with aria-describedby, aria-invalid when in error; forms start with an error summary that
// links to each field. The same zod schema validates on the server (authoritative).
import type { z } from "zod";
import { html, type SafeHtml } from "./html.ts";
import type { PageContext } from "./page-context.ts";

export type FieldErrors = Record<string, string>;

type Common = {
  name: string;
  label: string;
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

export function errorSummary(ctx: PageContext, errors: FieldErrors | undefined, formError?: string | null): SafeHtml {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0 && !formError) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${ctx.t("forms.errorSummary.title")}</h2>
  ${formError ? html`<p>${formError}</p>` : ""}
  ${entries.length ? html`<ul>${entries.map(([name, msg]) => html`<li><a href="#f-${name}">${msg}</a></li>`)}</ul>` : ""}
</div>`;
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
