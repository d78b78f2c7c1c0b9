// Small pieces shared by the analysis pages.
import { html, type SafeHtml } from "../../../platform/http/html.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatNumber, type Locale } from "../../../platform/i18n/i18n.ts";
import type { RunSummary } from "../repo.ts";

export const STYLES = html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">`;

export function hotspotsBase(slug: string): string {
  return `/t/${slug}/arbete/hotspots`;
}

export function num(locale: Locale, n: number, digits = 0): string {
  return formatNumber(n, locale, digits);
}

/** p and q: "< 0,001" below a thousandth, else three decimals. */
export function pText(locale: Locale, p: number): string {
  if (p < 0.001) return `< ${num(locale, 0.001, 3)}`;
  return p.toLocaleString(locale === "sv" ? "sv-SE" : "en-GB", { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

export function runStatus(ctx: PageContext, status: RunSummary["status"]): SafeHtml {
  const cls = status === "done" ? "badge--ok" : status === "failed" ? "badge--danger" : "badge--warn";
  return html`<span class="badge ${cls}">${ctx.t(`analysis.status.${status}`)}</span>`;
}
