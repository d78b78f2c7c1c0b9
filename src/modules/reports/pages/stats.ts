// The statistics page (/t/{slug}/rapporter/statistik): figures for the lägesbild and the
// medborgarlöfte, with a stable address a promise document's finding can cite as its source.
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatNumber } from "../../../platform/i18n/i18n.ts";
import { hoursToDays } from "../domain/stats.ts";
import type { Count, Median, Stats } from "../service/stats.ts";
import { MIN_FOR_MEDIAN } from "../service/stats.ts";
import { UNSAFE_TIMES } from "../tables.ts";
import { publicBase } from "./format.ts";

function n(ctx: PageContext, c: Count, min: number): SafeHtml {
  return c === null ? html`<span class="suppressed">${ctx.t("reports.stats.suppressed", { min })}</span>` : html`${formatNumber(c, ctx.locale)}`;
}

function medianText(ctx: PageContext, m: Median): string {
  const days = hoursToDays(m.hours);
  return days === null
    ? ctx.t("reports.stats.medianTooFew", { n: m.n, min: MIN_FOR_MEDIAN })
    : ctx.t("reports.stats.medianDays", { days: formatNumber(days, ctx.locale, 1), n: m.n });
}

function table(
  ctx: PageContext,
  id: string,
  caption: string,
  heads: Array<string | SafeHtml>,
  rows: Array<{ label: SafeHtml | string; cells: Count[] }>,
  min: number,
): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table>
  <caption id="${id}">${caption}</caption>
  <thead><tr><th scope="col">${ctx.t("reports.col.category")}</th>${heads.map((h) => html`<th scope="col" class="num">${h}</th>`)}</tr></thead>
  <tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th>${r.cells.map((c) => html`<td class="num">${n(ctx, c, min)}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

export function statsPage(
  ctx: PageContext,
  s: Stats,
  p: { min: number; url: string; csvUrl: string; error?: string | null; fran: string; till: string },
): PageOptions {
  const { t, locale } = ctx;
  const slug = ctx.tenant!.slug;
  const label = (c: Stats["categories"][number]) =>
    html`${c.name[locale]}${c.person ? html` <span class="badge badge--muted">${t("reports.stats.personTag")}</span>` : ""}`;
  const statuses = ["mottagen", "under_utredning", "atgardad", "avslutad", "inte_vart_ansvar", "dubblett"];
  return {
    title: t("reports.stats.title"),
    breadcrumbs: [
      [t("reports.public.title"), publicBase(slug)],
      [t("reports.stats.title"), null],
    ],
    main: html`<h1>${t("reports.stats.title")}</h1>
<p class="lead">${t("reports.stats.lead", { from: s.from, to: s.to })}</p>
<form method="get" action="${publicBase(slug)}/statistik" class="filters">
  <div class="field"><label for="f-fran">${t("reports.stats.from")}</label><input id="f-fran" name="fran" type="month" value="${p.fran}"${p.error ? html` aria-invalid="true" aria-describedby="f-period-error"` : ""}></div>
  <div class="field"><label for="f-till">${t("reports.stats.to")}</label><input id="f-till" name="till" type="month" value="${p.till}"${p.error ? html` aria-invalid="true" aria-describedby="f-period-error"` : ""}></div>
  <button type="submit" class="button secondary">${t("reports.filter.apply")}</button>
  ${p.error ? html`<p class="error-message" id="f-period-error" role="alert">${p.error}</p>` : ""}
</form>
<section class="notice" aria-labelledby="cite-title">
  <h2 id="cite-title">${t("reports.stats.citeTitle")}</h2>
  <p>${t("reports.stats.citeText")}</p>
  <p><code class="cite-url">${p.url}</code></p>
  <p><a href="${p.csvUrl}">${t("reports.stats.csv")}</a> · <a href="${p.csvUrl}&amp;format=excel">${t("reports.stats.csvExcel")}</a></p>
</section>
<dl class="facts">
  <dt>${t("reports.stats.placeTotal")}</dt><dd>${formatNumber(s.placeTotal, locale)}</dd>
  <dt>${t("reports.stats.personTotal")}</dt><dd>${n(ctx, s.personTotal, p.min)}</dd>
  <dt>${t("reports.stats.firstResponse")}</dt><dd>${medianText(ctx, s.firstResponse)}</dd>
  <dt>${t("reports.stats.closure")}</dt><dd>${medianText(ctx, s.closure)}</dd>
</dl>
<p class="muted">${t("reports.stats.personRule", { min: p.min, month: s.runningMonth })}</p>
${table(
  ctx,
  "t-status",
  t("reports.stats.byStatus"),
  statuses.map((x) => t(`reports.status.${x}`)).concat(t("reports.stats.total")),
  s.categories.map((c) => ({ label: label(c), cells: [...c.byStatus.map((x) => x.count), c.total] })),
  p.min,
)}
${table(
  ctx,
  "t-area",
  t("reports.stats.byArea"),
  s.areas.map((a) => (a.name ? sv(ctx, a.name) : html`${t("reports.stats.noArea")}`)),
  s.categories.map((c) => ({ label: label(c), cells: c.byArea.map((x) => x.count) })),
  p.min,
)}
${table(
  ctx,
  "t-month",
  t("reports.stats.byMonth"),
  s.months,
  s.categories.map((c) => ({ label: label(c), cells: c.byMonth.map((x) => x.count) })),
  p.min,
)}
${table(
  ctx,
  "t-time",
  t("reports.stats.byTime"),
  UNSAFE_TIMES.map((x) => t(`reports.time.${x}`)),
  s.categories.map((c) => ({ label: label(c), cells: c.byTime.map((x) => x.count) })),
  p.min,
)}
<h2 id="org-title">${t("reports.stats.organisations")}</h2>
<p>${t("reports.stats.organisationsNote", { min: MIN_FOR_MEDIAN })}</p>
${
  s.organisations.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="org-title" tabindex="0"><table>
  <caption class="visually-hidden">${t("reports.stats.organisations")}</caption>
  <thead><tr><th scope="col">${t("reports.col.responsible")}</th><th scope="col">${t("reports.stats.firstResponse")}</th><th scope="col">${t("reports.stats.closure")}</th></tr></thead>
  <tbody>${s.organisations.map((o) => html`<tr><th scope="row">${sv(ctx, o.name)}</th><td>${medianText(ctx, o.firstResponse)}</td><td>${medianText(ctx, o.closure)}</td></tr>`)}</tbody>
</table></div>`
    : html`<p>${t("reports.stats.noOrganisations")}</p>`
}`,
  };
}
