// Shared pieces of the reports pages: addresses, status badges, radio and checkbox groups (the
// form primitives have single fields only), dates, the island payload and map heads.
import { confirmForm, type FieldErrors } from "../../../platform/http/forms.ts";
import { html, jsonForScript, raw, type SafeHtml } from "../../../platform/http/html.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { displayRef } from "../domain/codes.ts";
import { isOpen } from "../domain/lifecycle.ts";
import type { ReportStatus, Visibility } from "../tables.ts";

export const publicBase = (slug: string) => `/t/${slug}/rapporter`;
export const staffBase = (slug: string) => `/t/${slug}/arbete/rapporter`;

export function refText(ref: string): string {
  return displayRef(ref);
}

export function statusBadge(ctx: PageContext, status: ReportStatus): SafeHtml {
  const kind = status === "atgardad" ? "ok" : isOpen(status) ? "warn" : "muted";
  return html`<span class="badge badge--${kind}">${ctx.t(`reports.status.${status}`)}</span>`;
}

export function visibilityBadge(ctx: PageContext, v: Visibility): SafeHtml {
  if (v === "public") return html``;
  return html`<span class="badge badge--${v === "hidden" ? "danger" : "warn"}">${ctx.t(`reports.visibility.${v}`)}</span>`;
}

export function when(ctx: PageContext, d: Date | string): string {
  return formatDate(d, ctx.locale, true);
}

export function day(ctx: PageContext, d: Date | string): string {
  return formatDate(d, ctx.locale);
}

type Option = { value: string; label: string | SafeHtml; hint?: string };

/** A group of radio buttons in a fieldset with a legend; the error is tied to the group. */
export function radioGroup(p: {
  name: string;
  legend: string;
  hint?: string;
  options: Option[];
  value: string;
  errors?: FieldErrors;
  required?: boolean;
  id?: string;
}): SafeHtml {
  const id = p.id ?? `f-${p.name}`;
  const error = p.errors?.[p.name];
  const described = [p.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<fieldset class="field choice-group${error ? " field--error" : ""}" id="${id}"${described ? html` aria-describedby="${described}"` : ""}>
  <legend>${p.legend}</legend>
  ${p.hint ? html`<p class="hint" id="${id}-hint">${p.hint}</p>` : ""}
  ${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
  ${p.options.map(
    (o, i) => html`<div class="choice">
    <input type="radio" id="${id}-${i}" name="${p.name}" value="${o.value}"${o.value === p.value ? html` checked` : ""}${p.required ? html` required` : ""}${
      o.hint ? html` aria-describedby="${id}-${i}-hint"` : ""
    }>
    <label for="${id}-${i}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-${i}-hint">${o.hint}</p>` : ""}
  </div>`,
  )}
</fieldset>`;
}

/** A group of checkboxes sharing one name. */
export function checkboxGroup(p: {
  name: string;
  legend: string;
  hint?: string;
  options: Option[];
  values: readonly string[];
  errors?: FieldErrors;
  id?: string;
}): SafeHtml {
  const id = p.id ?? `f-${p.name}`;
  const error = p.errors?.[p.name];
  const described = [p.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<fieldset class="field choice-group${error ? " field--error" : ""}" id="${id}"${described ? html` aria-describedby="${described}"` : ""}>
  <legend>${p.legend}</legend>
  ${p.hint ? html`<p class="hint" id="${id}-hint">${p.hint}</p>` : ""}
  ${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
  <div class="choice-row">
  ${p.options.map(
    (o, i) => html`<div class="choice">
    <input type="checkbox" id="${id}-${i}" name="${p.name}" value="${o.value}"${p.values.includes(o.value) ? html` checked` : ""}>
    <label for="${id}-${i}">${o.label}</label>
  </div>`,
  )}
  </div>
</fieldset>`;
}

export const LEAFLET_HEAD = html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">`;
export const MAP_SCRIPTS = ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js"];

/** A read-only map (the shared island): boundary, areas and GeoJSON layers. */
export function mapIsland(
  ctx: PageContext,
  id: string,
  label: string,
  data: {
    boundary: unknown;
    layers: Array<{ geojson: unknown }>;
    tileUrl: string;
    attribution: string;
    /** Named places as labelled dots (orientation). */
    places?: Array<{ name: string; lat: number; lon: number }>;
    /** "layers": fit the view to the data (one report), not the whole municipality. */
    fit?: "layers";
  },
): SafeHtml {
  const payload = {
    boundary: data.boundary,
    areas: [],
    places: data.places ?? [],
    layers: data.layers,
    tileUrl: data.tileUrl,
    attribution: data.attribution,
    fit: data.fit,
  };
  return html`<div class="map-island">
  <div id="${id}" class="map" data-map-source="${id}-data" role="region" aria-label="${label}"></div>
  <script type="application/json" id="${id}-data">${jsonForScript(payload)}</script>
  <p class="map-note">${ctx.t("reports.map.listAlternative")}</p>
</div>`;
}

/** Page links for a paged list, keeping the other query parameters. */
export function pager(ctx: PageContext, basePath: string, query: Record<string, string>, page: number, more: boolean): SafeHtml {
  if (page <= 1 && !more) return html``;
  const link = (p: number) => `${basePath}?${new URLSearchParams({ ...query, sida: String(p) }).toString()}`;
  return html`<nav class="pager" aria-label="${ctx.t("reports.pager.label")}">
  <ul>
    ${page > 1 ? html`<li><a href="${link(page - 1)}" rel="prev">${ctx.t("reports.pager.previous")}</a></li>` : ""}
    <li aria-current="page">${ctx.t("reports.pager.page", { page })}</li>
    ${more ? html`<li><a href="${link(page + 1)}" rel="next">${ctx.t("reports.pager.next")}</a></li>` : ""}
  </ul>
</nav>`;
}

/** Free text people wrote, as paragraphs (line breaks kept, escaped, lang="sv" on English pages). */
export function paragraphs(ctx: { locale: string }, text: string): SafeHtml {
  const parts = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const lang = ctx.locale === "sv" ? "" : ' lang="sv"';
  return html`${parts.map((p) => html`<p class="free-text"${raw(lang)}>${p}</p>`)}`;
}

/** The confirmation step of an action that cannot be undone (works without JavaScript). */
export function confirmPage(
  ctx: PageContext,
  p: { title: string; text: string | SafeHtml; action: string; fields: Readonly<Record<string, string>>; confirmLabel: string; cancelHref: string },
): { title: string; main: SafeHtml } {
  return {
    title: p.title,
    main: html`<h1>${p.title}</h1>
<p>${p.text}</p>
${confirmForm(ctx, { action: p.action, fields: p.fields, confirmLabel: p.confirmLabel, cancelHref: p.cancelHref, danger: true })}`,
  };
}
