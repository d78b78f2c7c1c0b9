// Server-rendered SVG charts of the lägesbild: no script, no client library, the same picture
// in the page and (as a table) in the PDF. Each chart is an <svg role="img"> with a <title> and a
// <desc> that says in words what it shows, and the page puts the table with the same figures
// right after it (the text alternative people and screen readers can read). Every label goes
// through the escaping html template.
import { html, type SafeHtml } from "../../../platform/http/html.ts";

export type Bar = { label: string; values: number[] };

/** Colours of the series (contrast ≥ 3:1 against white, told apart also by the legend's order). */
export const SERIES_COLOURS = ["#1d4e89", "#8a5a00", "#5b2a86", "#2f6b2f", "#a4161a"];

const FONT = 13;

function niceMax(max: number): number {
  if (max <= 5) return 5;
  const mag = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= max) return m * mag;
  return 10 * mag;
}

/** Width of a legend item: the swatch, its text (estimated from the font size) and a gap. */
function legendItemWidth(s: string): number {
  return 18 + Math.ceil(s.length * FONT * 0.6) + 16;
}

/**
 * The legend, laid out in rows that fit the chart's width (an item's width estimated from its
 * text): with more sources than fit on one line it wraps instead of running past the picture.
 */
function legend(series: readonly string[], x: number, y: number, width: number): { svg: SafeHtml; height: number } {
  const row = 18;
  let cx = 0;
  let cy = 0;
  const items = series.map((s, i) => {
    const w = legendItemWidth(s);
    if (cx > 0 && x + cx + w > width) {
      cx = 0;
      cy += row;
    }
    const at = html`<g transform="translate(${x + cx},${y + cy})"><rect width="12" height="12" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"></rect><text x="18" y="11" font-size="${FONT}">${s}</text></g>`;
    cx += w;
    return at;
  });
  return { svg: html`${items}`, height: cy + row };
}

/**
 * Horizontal grouped bars: one row per label (categories, with long Swedish names), one bar per
 * series (this week, the mean of the previous weeks).
 */
export function groupedBarChart(o: { id: string; title: string; description: string; series: string[]; bars: Bar[] }): SafeHtml {
  const labelWidth = 250;
  const plot = 360;
  const barH = 12;
  const rowH = o.series.length * barH + 10;
  const width = labelWidth + plot + 60;
  const key = legend(o.series, labelWidth, 8, width);
  const top = 12 + key.height;
  const height = top + Math.max(1, o.bars.length) * rowH + 30;
  const max = niceMax(Math.max(1, ...o.bars.flatMap((b) => b.values)));
  const x = (v: number) => (v / max) * plot;
  const ticks = [0, max / 2, max];
  return html`<figure class="chart">
<svg id="${o.id}" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${o.id}-title">${o.title}</title>
<desc id="${o.id}-desc">${o.description}</desc>
${key.svg}
${ticks.map(
  (t) =>
    html`<line x1="${labelWidth + x(t)}" y1="${top - 4}" x2="${labelWidth + x(t)}" y2="${height - 24}" stroke="#d0d4da"></line><text x="${labelWidth + x(t)}" y="${height - 8}" font-size="${FONT}" text-anchor="middle">${fmt(t)}</text>`,
)}
${o.bars.map((b, r) => {
  const y0 = top + r * rowH;
  return html`<g><text x="${labelWidth - 8}" y="${y0 + rowH / 2}" font-size="${FONT}" text-anchor="end" dominant-baseline="middle">${truncate(b.label, 34)}</text>
${b.values.map(
  (v, s) =>
    html`<rect x="${labelWidth}" y="${y0 + s * barH}" width="${Math.max(v > 0 ? 1 : 0, x(v))}" height="${barH - 2}" fill="${SERIES_COLOURS[s % SERIES_COLOURS.length]}"></rect><text x="${labelWidth + x(v) + 4}" y="${y0 + s * barH + barH / 2}" font-size="11" dominant-baseline="middle">${fmt(v)}</text>`,
)}</g>`;
})}
</svg>
</figure>`;
}

/** Vertical stacked bars: one bar per week, stacked by source. */
export function stackedWeekChart(o: {
  id: string;
  title: string;
  description: string;
  series: string[];
  weeks: Array<{ label: string; values: number[] }>;
}): SafeHtml {
  const left = 40;
  const plotH = 180;
  const step = 52;
  const width = Math.max(left + Math.max(1, o.weeks.length) * step + 20, left + Math.max(0, ...o.series.map(legendItemWidth)));
  const key = legend(o.series, left, 8, width);
  const top = 16 + key.height;
  const height = top + plotH + 40;
  const max = niceMax(Math.max(1, ...o.weeks.map((w) => w.values.reduce((a, b) => a + b, 0))));
  const h = (v: number) => (v / max) * plotH;
  return html`<figure class="chart">
<svg id="${o.id}" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${o.id}-title">${o.title}</title>
<desc id="${o.id}-desc">${o.description}</desc>
${key.svg}
${[0, max / 2, max].map(
  (t) =>
    html`<line x1="${left}" y1="${top + plotH - h(t)}" x2="${width - 10}" y2="${top + plotH - h(t)}" stroke="#d0d4da"></line><text x="${left - 6}" y="${top + plotH - h(t)}" font-size="${FONT}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`,
)}
${o.weeks.map((w, i) => {
  let y = top + plotH;
  const x0 = left + i * step + 8;
  const total = w.values.reduce((a, b) => a + b, 0);
  return html`<g>${w.values.map((v, s) => {
    const bh = h(v);
    y -= bh;
    return v > 0 ? html`<rect x="${x0}" y="${y}" width="${step - 16}" height="${bh}" fill="${SERIES_COLOURS[s % SERIES_COLOURS.length]}"></rect>` : "";
  })}<text x="${x0 + (step - 16) / 2}" y="${top + plotH - h(total) - 4}" font-size="11" text-anchor="middle">${fmt(total)}</text><text x="${x0 + (step - 16) / 2}" y="${top + plotH + 16}" font-size="11" text-anchor="middle">${w.label}</text></g>`;
})}
</svg>
</figure>`;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1).replace(".", ",");
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
