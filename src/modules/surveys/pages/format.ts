// Shared wording and widgets for survey pages: texts in the reader's language (with visible
// Swedish fallback), percentages with intervals, colour badges (official or the tenant's
// unofficial bands), status badges, and a server-rendered SVG line chart that always comes with a
// table of the same figures.
import { html, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import { content, plain as plainText } from "../../../platform/i18n/content.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatNumber, type Locale, type Translate } from "../../../platform/i18n/i18n.ts";
import { type ItemDef, type Lang, localise, type Text } from "../domain/definition.ts";
import type { Share } from "../domain/results.ts";
import { percent } from "../domain/stats.ts";
import type { Colour, SurveyStatus } from "../tables.ts";

/** A survey text in the page's language; a Swedish fallback is marked lang="sv". */
export function txt(ctx: { locale: Locale }, text: Text): SafeHtml {
  const l = localise(text, ctx.locale as Lang);
  return l.fallback ? html`<span lang="sv">${l.text}</span>` : html`${l.text}`;
}

/** The same as plain text (titles, CSV). */
export function plain(locale: Locale, text: Text): string {
  return localise(text, locale as Lang).text;
}

/** An option's text in the page's language; a Swedish fallback or an area's name marked lang="sv". */
export function optionHtml(ctx: PageContext, item: ItemDef, key: string, areas: ReadonlyArray<{ id: string; name: string }> = []): SafeHtml {
  if (item.type === "yesno") return html`${key === "ja" ? ctx.t("surveys.yes") : ctx.t("surveys.no")}`;
  if (item.type === "area") return sv(ctx, areas.find((a) => a.id === key)?.name ?? key);
  const o = item.options.find((x) => x.key === key);
  return o ? txt(ctx, o.text) : html`${key}`;
}

/** The same as a string with content marks (for translated sentences; render with mixed()). */
export function optionContent(ctx: PageContext, item: ItemDef, key: string): string {
  if (item.type === "yesno") return key === "ja" ? ctx.t("surveys.yes") : ctx.t("surveys.no");
  const o = item.options.find((x) => x.key === key);
  if (!o) return key;
  const l = localise(o.text, ctx.locale as Lang);
  return l.fallback ? content(l.text) : l.text;
}

export function optionText(locale: Locale, t: Translate, item: ItemDef, key: string, areas: ReadonlyArray<{ id: string; name: string }> = []): string {
  if (item.type === "yesno") return key === "ja" ? t("surveys.yes") : t("surveys.no");
  if (item.type === "area") return areas.find((a) => a.id === key)?.name ?? key;
  const o = item.options.find((x) => x.key === key);
  return o ? plain(locale, o.text) : key;
}

/** "62 %" */
export function pct(locale: Locale, p: number): string {
  return `${formatNumber(percent(p), locale)} %`;
}

/** "62 % (55–69 %)" */
export function shareText(locale: Locale, s: { p: number; lo: number | null; hi: number | null }): string {
  if (s.lo === null || s.hi === null) return pct(locale, s.p);
  return `${pct(locale, s.p)} (${formatNumber(percent(s.lo), locale)}–${formatNumber(percent(s.hi), locale)} %)`;
}

export function measureLabel(t: Translate, item: ItemDef): string | null {
  return item.measure ? t(`surveys.measure.${item.measure.kind}`) : null;
}

export function colourBadge(t: Translate, colour: Colour | null, official: boolean): SafeHtml {
  if (!colour) return html``;
  const cls = colour === "gron" ? "ok" : colour === "gul" ? "warn" : "danger";
  return html`<span class="badge badge--${cls} survey-colour survey-colour--${colour}">${t(`surveys.colour.${colour}`)}${
    official ? "" : html` <span class="survey-unofficial">(${t("surveys.unofficial")})</span>`
  }</span>`;
}

export function statusBadge(t: Translate, status: SurveyStatus): SafeHtml {
  const cls = status === "oppen" ? "ok" : status === "publicerad" ? "ok" : status === "stangd" ? "warn" : "muted";
  return html`<span class="badge badge--${cls}">${t(`surveys.status.${status}`)}</span>`;
}

export function suppressedText(t: Translate, minCell: number): SafeHtml {
  return html`<span class="survey-suppressed">${t("surveys.results.suppressed", { min: minCell })}</span>`;
}

export function shareCell(ctx: PageContext, s: Share | null, minCell: number): SafeHtml {
  if (!s) return html`<span class="muted">–</span>`;
  if (s.suppressed) return suppressedText(ctx.t, minCell);
  return html`${shareText(ctx.locale, s)}`;
}

// ---- Charts ----

export type ChartSeries = { label: string; points: Array<{ x: number; y: number | null }>; dashed?: boolean };

const PALETTE = ["#005a8c", "#a4161a", "#1d6b2f", "#7a4b00", "#5b2a86", "#1b1f24"];
const MARKERS = ["circle", "square", "diamond", "triangle", "circle", "square"] as const;

function marker(kind: (typeof MARKERS)[number], x: number, y: number, colour: string): SafeHtml {
  if (kind === "square") return html`<rect x="${x - 4}" y="${y - 4}" width="8" height="8" fill="${colour}"/>`;
  if (kind === "diamond") return html`<path d="M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z" fill="${colour}"/>`;
  if (kind === "triangle") return html`<path d="M${x} ${y - 5}L${x + 5} ${y + 4}L${x - 5} ${y + 4}Z" fill="${colour}"/>`;
  return html`<circle cx="${x}" cy="${y}" r="4" fill="${colour}"/>`;
}

/**
 * A line chart as inline SVG (no script): years on the x axis, one line per series, each with its
 * own colour, marker and dash so colour is never the only cue. `id` names the chart's title; the
 * page shows the same figures in a table next to it.
 */
export function lineChart(opts: { id: string; title: string; series: ChartSeries[]; yMax: number; yUnit: string; locale: Locale }): SafeHtml {
  const ctx = { locale: opts.locale };
  const years = [...new Set(opts.series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  if (years.length === 0) return html``;
  const W = 640;
  const H = 240;
  const left = 48;
  const right = 16;
  const top = 16;
  const bottom = 32;
  const xs = (year: number) => (years.length === 1 ? (left + W - right) / 2 : left + ((year - years[0]!) / (years.at(-1)! - years[0]!)) * (W - left - right));
  const ys = (v: number) => top + (1 - v / opts.yMax) * (H - top - bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * opts.yMax);
  return html`<figure class="survey-chart">
<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${opts.id}-title" focusable="false" xmlns="http://www.w3.org/2000/svg">
<title id="${opts.id}-title">${plainText(opts.title)}</title>
${ticks.map(
  (v) => html`<line x1="${left}" x2="${W - right}" y1="${ys(v)}" y2="${ys(v)}" stroke="#8a949e" stroke-width="0.5"/>
<text x="${left - 6}" y="${ys(v) + 4}" text-anchor="end" font-size="11" fill="#4a5560">${formatNumber(v, opts.locale, 1)}${opts.yUnit}</text>`,
)}
${years.map((y) => html`<text x="${xs(y)}" y="${H - 10}" text-anchor="middle" font-size="11" fill="#4a5560">${y}</text>`)}
${opts.series.map((s, i) => {
  const colour = PALETTE[i % PALETTE.length]!;
  const pts = s.points.filter((p) => p.y !== null).sort((a, b) => a.x - b.x);
  const d = pts.map((p, j) => `${j ? "L" : "M"}${xs(p.x).toFixed(1)} ${ys(p.y!).toFixed(1)}`).join("");
  return html`<g>
<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${s.dashed || i % 2 === 1 ? html` stroke-dasharray="6 4"` : ""}/>
${pts.map((p) => marker(MARKERS[i % MARKERS.length]!, xs(p.x), ys(p.y!), colour))}
</g>`;
})}
</svg>
<figcaption><ul class="survey-legend">${opts.series.map((s, i) => html`<li><span class="survey-legend__key survey-legend__key--${i % PALETTE.length}" aria-hidden="true"></span>${mixed(ctx, s.label)}</li>`)}</ul></figcaption>
</figure>`;
}
