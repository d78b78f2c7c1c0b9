// Server-side HTML: a tagged template that escapes every interpolated value unless it is
// already SafeHtml. Arrays are joined; null, undefined and false render nothing.
import { runsOf } from "../i18n/content.ts";

export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c] as string);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}

/** Trust a string as HTML. Only for markup produced by this code base, never for input. */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** JSON for a <script type="application/json"> island payload, safe against </script>. */
export function jsonForScript(data: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026"));
}

/**
 * User content that has no translation (titles, promise texts, findings, names of organisations
 * and areas …): on a page in another language than Swedish it is wrapped in `<span lang="sv">`,
 * so screen readers switch to a Swedish voice. On Swedish pages it is the text as it is.
 */
export function sv(ctx: { locale: string }, text: HtmlValue): SafeHtml {
  if (text === null || text === undefined || text === false || text === "") return new SafeHtml("");
  return ctx.locale === "sv" ? html`${text}` : html`<span lang="sv">${text}</span>`;
}

/**
 * A string with content marks (`content()` from src/platform/i18n/content.ts, e.g. a translated
 * sentence with a Swedish unit or name in it): escaped, with each marked piece as `sv(ctx, …)`.
 */
export function mixed(ctx: { locale: string }, s: string): SafeHtml {
  return html`${runsOf(s).map((r) => (r.content ? sv(ctx, r.text) : r.text))}`;
}
