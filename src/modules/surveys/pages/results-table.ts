// The results of one round as tables: per theme, items × columns (each area, "area not stated",
// the whole municipality) with the measured share and its 95 % interval, the unofficial index and
// colour when the tenant uses them, and the full distribution per option in a disclosure. Shared
// by the public results page and the staff pages (where a round may be live).
import { html, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatNumber } from "../../../platform/i18n/i18n.ts";
import { THEMES } from "../domain/definition.ts";
import { type Cell, type Column, type ItemResult, type ResultView, TOTAL, UNKNOWN } from "../domain/results.ts";
import { colourBadge, measureLabel, optionContent, optionHtml, pct, shareText, suppressedText, txt } from "./format.ts";
import { cellAnchor, trendUrl } from "./urls.ts";

/** A column's heading: an area's name is content (lang="sv" on English pages). */
export function columnName(ctx: PageContext, c: Column): SafeHtml {
  if (c.kind === "total") return html`${ctx.t("surveys.results.total")}`;
  if (c.kind === "unknown") return html`${ctx.t("surveys.results.unknownArea")}`;
  return sv(ctx, c.name ?? "");
}

const slugOf = (c: Column) => (c.kind === "area" ? c.slug : c.kind === "unknown" ? UNKNOWN : null);

function cellHtml(ctx: PageContext, r: ItemResult, cell: Cell | undefined, minCell: number): SafeHtml {
  const { t, locale } = ctx;
  if (!cell || cell.answered === 0) return html`<span class="muted">–</span>`;
  if (cell.suppressed) return suppressedText(t, minCell);
  const n = html`<span class="survey-n">${t("surveys.results.n", { n: cell.answered })}</span>`;
  const type = r.item.type;
  if (cell.share) {
    if (cell.share.suppressed) return html`${suppressedText(t, minCell)} ${n}`;
    return html`<strong>${shareText(locale, cell.share)}</strong> ${n}${
      cell.weighted ? html`<br><span class="survey-weighted">${t("surveys.results.weighted", { value: shareText(locale, cell.weighted) })}</span>` : ""
    }${cell.index ? html`<br><span class="survey-index">${t("surveys.results.index", { value: formatNumber(cell.index.value, locale, 1) })}</span> ${colourBadge(t, cell.index.colour, false)}` : ""}`;
  }
  if (type === "number" && cell.mean)
    return html`<strong>${t("surveys.results.mean", { mean: formatNumber(cell.mean.mean, locale, 1), lo: formatNumber(cell.mean.lo, locale, 1), hi: formatNumber(cell.mean.hi, locale, 1) })}</strong> ${n}`;
  if (type === "multi" && cell.perOption) {
    const top = [...cell.perOption].sort((a, b) => b.k - a.k)[0];
    return top && top.k > 0
      ? html`${mixed(ctx, t("surveys.results.mostChosen", { option: optionContent(ctx, r.item, top.key), value: pct(locale, top.iv.p) }))} ${n}`
      : n;
  }
  if (type === "text") return html`${n} <span class="muted">${t("surveys.results.textNotShown")}</span>`;
  return n;
}

function distribution(ctx: PageContext, r: ItemResult, columns: readonly Column[], minCell: number): SafeHtml {
  const { t, locale } = ctx;
  if (r.item.type === "text" || r.item.type === "number") return html``;
  const options = r.item.type === "yesno" ? ["ja", "nej"] : r.item.options.map((o) => o.key);
  const id = `dist-${r.item.key}`;
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table class="survey-dist">
<caption id="${id}">${txt(ctx, r.item.text)}${r.item.type === "multi" ? html` <span class="muted">(${t("surveys.results.multiNote")})</span>` : ""}</caption>
<thead><tr><th scope="col">${t("surveys.results.option")}</th>${columns.map((c) => html`<th scope="col">${columnName(ctx, c)}</th>`)}</tr></thead>
<tbody>
${options.map(
  (o) =>
    html`<tr><th scope="row">${optionHtml(ctx, r.item, o)}</th>${columns.map((c) => {
      const cell = r.cells[c.key];
      if (!cell || cell.answered === 0) return html`<td>–</td>`;
      if (cell.suppressed) return html`<td>${suppressedText(t, minCell)}</td>`;
      if (r.item.type === "multi") {
        const po = cell.perOption?.find((x) => x.key === o);
        return html`<td>${po ? html`${po.k} (${pct(locale, po.iv.p)})` : "–"}</td>`;
      }
      const d = cell.distribution.find((x) => x.key === o);
      return html`<td>${d ? html`${d.count} (${pct(locale, d.pct)})` : "–"}</td>`;
    })}</tr>`,
)}
<tr><th scope="row">${t("surveys.results.answered")}</th>${columns.map((c) => {
    const cell = r.cells[c.key];
    return html`<td>${!cell || cell.answered === 0 ? "–" : cell.suppressed ? suppressedText(t, minCell) : cell.answered}</td>`;
  })}</tr>
</tbody>
</table>
</div>`;
}

/** The results of a round, theme by theme. `slug` links items to their trend pages (null: no links, e.g. a live round). */
export function resultTables(ctx: PageContext, view: ResultView, opts: { minCell: number; slug: string | null; headingLevel: 2 | 3 }): SafeHtml {
  const { t } = ctx;
  const h = (text: string, id: string) => (opts.headingLevel === 2 ? html`<h2 id="${id}">${text}</h2>` : html`<h3 id="${id}">${text}</h3>`);
  return html`${THEMES.map((theme) => {
    const items = view.items.filter((i) => i.item.theme === theme);
    if (!items.length) return "";
    const capId = `theme-${theme}`;
    return html`<section class="survey-theme" aria-labelledby="${capId}-h">
${h(t(`surveys.theme.${theme}`), `${capId}-h`)}
<div class="table-scroll" role="region" aria-labelledby="${capId}" tabindex="0">
<table class="survey-results">
<caption id="${capId}">${t(`surveys.themeCaption.${theme}`)}</caption>
<thead><tr><th scope="col">${t("surveys.results.item")}</th>${view.columns.map((c) => html`<th scope="col">${columnName(ctx, c)}</th>`)}</tr></thead>
<tbody>
${items.map((r) => {
  const measure = measureLabel(t, r.item);
  return html`<tr id="${r.item.key}"><th scope="row">${opts.slug ? html`<a href="${trendUrl(opts.slug, r.item.key)}">${txt(ctx, r.item.text)}</a>` : txt(ctx, r.item.text)}${
    measure ? html`<br><span class="muted survey-measure">${measure}</span>` : ""
  }</th>${view.columns.map((c) => html`<td id="${cellAnchor(r.item.key, slugOf(c))}">${cellHtml(ctx, r, r.cells[c.key], opts.minCell)}</td>`)}</tr>`;
})}
</tbody>
</table>
</div>
<details class="survey-details"><summary>${t("surveys.results.distributions")}</summary>
${items.map((r) => distribution(ctx, r, view.columns, opts.minCell))}
</details>
</section>`;
  })}`;
}

/** Respondents per column. */
export function respondentsTable(ctx: PageContext, view: ResultView): SafeHtml {
  const { t } = ctx;
  return html`<div class="table-scroll" role="region" aria-labelledby="respondents-caption" tabindex="0">
<table>
<caption id="respondents-caption">${t("surveys.results.respondentsCaption")}</caption>
<thead><tr><th scope="col">${t("surveys.results.area")}</th><th scope="col" class="num">${t("surveys.results.responses")}</th><th scope="col" class="num">${t("surveys.results.complete")}</th></tr></thead>
<tbody>${view.columns.map(
    (c) =>
      html`<tr${c.key === TOTAL ? html` class="survey-total"` : ""}><th scope="row">${columnName(ctx, c)}</th><td class="num">${c.responses}</td><td class="num">${c.complete}</td></tr>`,
  )}</tbody>
</table>
</div>`;
}
