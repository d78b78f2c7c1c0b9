// Public pages of the safety survey: the results of a year (the municipality's own round, and the
// police's official results shown as official), an item's trend per area over the years, and
// perceived safety beside reported crime and other incidents, per area.
import { html, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import { content, plain as plainText } from "../../../platform/i18n/content.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate, formatNumber } from "../../../platform/i18n/i18n.ts";
import type { Statement } from "../domain/compare.ts";
import { type ItemDef, LANG_NAMES, LANGS, type Text } from "../domain/definition.ts";
import { colourOf } from "../domain/stats.ts";
import type { OfficialValue } from "../repo/imports.ts";
import type { SurveyRow } from "../repo/surveys.ts";
import type { SurveySettings } from "../schema.ts";
import type { Comparison, Perceived, Reported } from "../service/compare.ts";
import type { Area, Trend, YearOverview } from "../service/results.ts";
import { colourBadge, lineChart, plain, shareText, txt } from "./format.ts";
import { respondentsTable, resultTables } from "./results-table.ts";
import { answerUrl, compareUrl, publicBase, trendUrl, yearUrl } from "./urls.ts";

/** The invitation to answer an open round (results page, start page). */
export function openSurveyNotice(ctx: PageContext, slug: string, open: readonly SurveyRow[], headingId = "open-survey"): SafeHtml {
  const { t } = ctx;
  if (!open.length) return html``;
  return html`<section class="survey-invite" aria-labelledby="${headingId}">
<h2 id="${headingId}">${t("surveys.invite.heading")}</h2>
${open.map(
  (s) => html`<p>${t("surveys.invite.text", { to: formatDate(s.field_to, ctx.locale) })}</p>
<p><a class="button" href="${answerUrl(slug, s.id)}">${mixed(ctx, t("surveys.invite.answer", { title: content(s.title) }))}</a></p>
<p class="survey-langs">${t("surveys.invite.otherLanguages")}: ${LANGS.filter((l) => l !== "sv").map(
    (l, i) => html`${i ? ", " : ""}<a href="${answerUrl(slug, s.id, l)}" lang="${l}" hreflang="${l}">${LANG_NAMES[l]}</a>`,
  )}</p>`,
)}
</section>`;
}

function yearNav(ctx: PageContext, slug: string, years: readonly number[], current: number | null): SafeHtml {
  if (years.length < 2) return html``;
  return html`<nav class="survey-years" aria-label="${ctx.t("surveys.results.yearsNav")}"><ul>${years.map(
    (y) => html`<li><a href="${yearUrl(slug, y)}"${y === current ? html` aria-current="page"` : ""}>${y}</a></li>`,
  )}</ul></nav>`;
}

export type OfficialLabels = Map<string, { text: Text; item: ItemDef | null }>;

function officialTable(
  ctx: PageContext,
  official: readonly OfficialValue[],
  areas: readonly Area[],
  labels: OfficialLabels,
  settings: SurveySettings,
  slug: string,
): SafeHtml {
  const { t, locale } = ctx;
  if (!official.length) return html``;
  const columns: Array<{ id: string | null; name: string }> = [
    ...areas.filter((a) => official.some((o) => o.area_id === a.id)).map((a) => ({ id: a.id as string | null, name: a.name })),
    ...(official.some((o) => o.area_id === null) ? [{ id: null, name: t("surveys.results.total") }] : []),
  ];
  const items = [...new Set(official.map((o) => o.item_key))];
  let usedBands = false;
  const rows = items.map((key) => {
    const label = labels.get(key);
    return html`<tr><th scope="row"><a href="${trendUrl(slug, key)}">${label ? txt(ctx, label.text) : key}</a></th>${columns.map((c) => {
      const o = official.find((x) => x.item_key === key && x.area_id === c.id);
      if (!o) return html`<td>–</td>`;
      const parts: SafeHtml[] = [];
      if (o.index_value !== null) {
        parts.push(html`<strong>${t("surveys.official.index", { value: formatNumber(o.index_value, locale, 2) })}</strong>`);
        if (o.colour) parts.push(colourBadge(t, o.colour, true));
        else {
          const band = colourOf(o.index_value, settings.bands);
          if (band) {
            usedBands = true;
            parts.push(colourBadge(t, band, false));
          }
        }
      }
      if (o.share !== null) parts.push(html`<span>${t("surveys.official.share", { value: `${formatNumber(o.share, locale, 1)} %` })}</span>`);
      if (o.n !== null) parts.push(html`<span class="survey-n">${t("surveys.results.n", { n: o.n })}</span>`);
      return html`<td>${parts.map((p, i) => html`${i ? html`<br>` : ""}${p}`)}</td>`;
    })}</tr>`;
  });
  return html`<section aria-labelledby="official-h">
<h2 id="official-h">${t("surveys.official.heading")}</h2>
<p>${t("surveys.official.lead")}</p>
<div class="table-scroll" role="region" aria-labelledby="official-caption" tabindex="0">
<table class="survey-results">
<caption id="official-caption">${t("surveys.official.caption")}</caption>
<thead><tr><th scope="col">${t("surveys.results.item")}</th>${columns.map((c) => html`<th scope="col">${c.id ? sv(ctx, c.name) : c.name}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>
</div>
${usedBands ? html`<p class="survey-note">${t("surveys.official.bandsNote")}</p>` : ""}
</section>`;
}

function howToRead(ctx: PageContext, settings: SurveySettings): SafeHtml {
  const { t } = ctx;
  return html`<details class="survey-details"><summary>${t("surveys.results.howToRead")}</summary>
<ul>
<li>${t("surveys.results.readShare")}</li>
<li>${t("surveys.results.readInterval")}</li>
<li>${t("surveys.results.readSuppression", { min: settings.minCell })}</li>
<li>${t("surveys.results.readMulti")}</li>
${settings.index.enabled ? html`<li>${t("surveys.results.readIndex")}</li>` : ""}
</ul>
</details>`;
}

export function resultsPage(
  ctx: PageContext,
  p: {
    slug: string;
    tenantName: string;
    overview: YearOverview | null;
    areas: readonly Area[];
    settings: SurveySettings;
    open: readonly SurveyRow[];
    labels: OfficialLabels;
  },
): PageOptions {
  const { t } = ctx;
  const o = p.overview;
  const title = o ? t("surveys.results.titleYear", { year: String(o.year) }) : t("surveys.results.title");
  const round = o?.round ?? null;
  return {
    title,
    breadcrumbs: o
      ? [
          [t("surveys.results.title"), publicBase(p.slug)],
          [String(o.year), null],
        ]
      : undefined,
    main: html`<h1>${title}</h1>
<p class="lead">${mixed(ctx, t("surveys.results.lead", { name: content(p.tenantName) }))}</p>
${openSurveyNotice(ctx, p.slug, p.open)}
${
  o
    ? html`${yearNav(ctx, p.slug, o.years, o.year)}
${
  round
    ? html`<section aria-labelledby="own-h">
<h2 id="own-h">${mixed(ctx, t("surveys.results.ownHeading", { title: content(round.survey.title) }))}</h2>
<p>${t("surveys.results.ownLead", { from: formatDate(round.survey.field_from, ctx.locale), to: formatDate(round.survey.field_to, ctx.locale), responses: round.view.responses })}</p>
${
  round.view.weights
    ? html`<p class="survey-note"><strong>${t("surveys.results.weightedLabel")}</strong> ${t("surveys.results.weightedText", { population: round.view.weights.population, excluded: round.view.weights.excluded })}</p>`
    : ""
}
${p.settings.index.enabled ? html`<p class="survey-note">${t("surveys.results.indexLabel")}</p>` : ""}
${howToRead(ctx, p.settings)}
${respondentsTable(ctx, round.view)}
${resultTables(ctx, round.view, { minCell: p.settings.minCell, slug: p.slug, headingLevel: 3 })}
</section>`
    : ""
}
${officialTable(ctx, o.official, p.areas, p.labels, p.settings, p.slug)}
<section aria-labelledby="more-h">
<h2 id="more-h">${t("surveys.results.moreHeading")}</h2>
<ul>
<li><a href="${compareUrl(p.slug)}">${t("surveys.compare.link")}</a></li>
${round ? html`<li><a href="${yearUrl(p.slug, o.year)}.csv">${t("surveys.results.csv")}</a> <a href="${yearUrl(p.slug, o.year)}.csv?format=excel">${t("surveys.results.csvExcel")}</a></li>` : ""}
<li><a href="${yearUrl(p.slug, o.year)}.pdf">${t("surveys.results.pdf")}</a></li>
<li><a href="/api/t/${p.slug}/surveys/results/${o.year}">${t("surveys.results.api")}</a></li>
</ul>
</section>`
    : html`<p>${t("surveys.results.none")}</p>`
}`,
  };
}

export function trendPage(ctx: PageContext, p: { slug: string; itemKey: string; trend: Trend; settings: SurveySettings }): PageOptions {
  const { t, locale } = ctx;
  const text = p.trend.item?.text ?? p.trend.summary!;
  const title = plain(locale, text as Text);
  const own = p.trend.series.map((s) => ({
    label: s.name ? content(s.name) : t("surveys.results.total"),
    points: s.points.filter((x) => x.source === "egen").map((x) => ({ x: x.year, y: x.share ? x.share.p * 100 : null })),
  }));
  const official = p.trend.series.map((s) => ({
    label: t("surveys.trend.officialSeries", { name: s.name ? content(s.name) : t("surveys.results.total") }),
    points: s.points.filter((x) => x.source === "officiell").map((x) => ({ x: x.year, y: x.index })),
  }));
  const hasOwn = own.some((s) => s.points.some((x) => x.y !== null));
  const hasOfficialIndex = official.some((s) => s.points.some((x) => x.y !== null));
  const measure = p.trend.item?.measure ? t(`surveys.measure.${p.trend.item.measure.kind}`) : null;
  return {
    title,
    breadcrumbs: [
      [t("surveys.results.title"), publicBase(p.slug)],
      [title, null],
    ],
    main: html`<h1>${txt(ctx, text as Text)}</h1>
${measure ? html`<p class="lead">${t("surveys.trend.lead", { measure })}</p>` : ""}
${hasOwn ? lineChart({ id: "trend-own", title: t("surveys.trend.ownChart", { measure: measure ?? "" }), series: own.filter((s) => s.points.length), yMax: 100, yUnit: " %", locale }) : ""}
${hasOfficialIndex ? lineChart({ id: "trend-official", title: t("surveys.trend.officialChart"), series: official.filter((s) => s.points.length), yMax: 6, yUnit: "", locale }) : ""}
<div class="table-scroll" role="region" aria-labelledby="trend-caption" tabindex="0">
<table>
<caption id="trend-caption">${t("surveys.trend.caption")}</caption>
<thead><tr><th scope="col">${t("surveys.results.area")}</th><th scope="col">${t("surveys.trend.year")}</th><th scope="col">${t("surveys.trend.source")}</th><th scope="col">${t("surveys.trend.value")}</th></tr></thead>
<tbody>
${p.trend.series.flatMap((s) =>
  s.points.map(
    (x) =>
      html`<tr><th scope="row">${s.name ? sv(ctx, s.name) : t("surveys.results.total")}</th><td><a href="${yearUrl(p.slug, x.year)}">${x.year}</a></td><td>${t(`surveys.trend.source.${x.source}`)}</td><td>${
        x.suppressed
          ? t("surveys.results.suppressed", { min: p.settings.minCell })
          : html`${x.share ? shareText(locale, x.share) : ""}${x.share && x.index !== null ? html`<br>` : ""}${
              x.index !== null
                ? html`${t("surveys.official.index", { value: formatNumber(x.index, locale, 2) })} ${colourBadge(t, (x.colour as "gron" | null) ?? null, x.source === "officiell")}`
                : ""
            }`
      }</td></tr>`,
  ),
)}
</tbody>
</table>
</div>
<p><a href="/api/t/${p.slug}/surveys/trend/${p.itemKey}">${t("surveys.results.api")}</a></p>`,
  };
}

function perceivedLabel(ctx: Pick<PageContext, "t">, p: Perceived): string {
  const { t } = ctx;
  if (p.kind === "problems") return t("surveys.compare.series.problems", { n: p.problemItems });
  if (p.kind === "problemindex") return t("surveys.compare.series.problemindex");
  return p.official ? t("surveys.compare.series.officialInsecurity") : t("surveys.compare.series.insecurity");
}

function perceivedNoun(ctx: Pick<PageContext, "t">, p: Perceived): string {
  return ctx.t(p.kind === "insecurity" ? "surveys.compare.noun.insecurity" : "surveys.compare.noun.problems");
}

/** The series' name; the category is content (marked: render with mixed()). */
function reportedLabel(ctx: Pick<PageContext, "t">, r: Reported): string {
  const base = ctx.t(r.source.label);
  const withCategory = r.category ? `${base}: ${content(r.category)}` : base;
  return r.level === "kommun" ? `${withCategory} (${ctx.t("surveys.compare.wholeMunicipality")})` : withCategory;
}

function reportedNoun(ctx: Pick<PageContext, "t">, r: Reported): string {
  const noun = ctx.t(r.source.noun);
  const base = r.source.nounFromLabel ? noun.charAt(0).toLowerCase() + noun.slice(1) : noun;
  return r.category ? `${base} (${content(r.category.toLowerCase())})` : base;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The statement as a sentence; the category of a source is content (marked: render with mixed(), or plain() for JSON). */
export function statementText(ctx: Pick<PageContext, "t">, s: Statement, comparison: Comparison): string {
  const p = comparison.perceived.find((x) => x.key === s.perceived)!;
  const r = comparison.reported.find((x) => x.key === s.reported)!;
  const text = ctx.t(`surveys.compare.statement.${s.perceivedDir}.${s.reportedDir}`, {
    perceived: perceivedNoun(ctx, p),
    reported: reportedNoun(ctx, r),
    from: String(s.from),
    to: String(s.to),
  });
  return cap(text) + (s.uncertain ? ` ${ctx.t("surveys.compare.uncertain")}` : "");
}

export function comparisonPage(
  ctx: PageContext,
  p: { slug: string; tenantName: string; comparison: Comparison; areas: readonly Area[]; staff: boolean },
): PageOptions {
  const { t, locale } = ctx;
  const c = p.comparison;
  const place = content(c.area?.name ?? p.tenantName);
  const title = t("surveys.compare.title", { place });
  const years = [...new Set([...c.perceived.flatMap((s) => s.points.map((x) => x.year)), ...c.reported.flatMap((s) => s.points.map((x) => x.year))])].sort();
  const shares = c.perceived.filter((s) => s.scale === "share");
  const indices = c.perceived.filter((s) => s.scale === "index");
  const maxCount = Math.max(1, ...c.reported.flatMap((r) => r.points.map((x) => x.count)));
  const yMaxCount = niceMax(maxCount);
  const diverging = c.statements.filter((s) => s.diverges);
  return {
    title: plainText(title),
    breadcrumbs: [
      [t("surveys.results.title"), publicBase(p.slug)],
      [mixed(ctx, title), null],
    ],
    main: html`<h1>${mixed(ctx, title)}</h1>
<p class="lead">${t("surveys.compare.lead")}</p>
<nav class="survey-years" aria-label="${t("surveys.compare.areasNav")}"><ul>
<li><a href="${compareUrl(p.slug)}"${c.area ? "" : html` aria-current="page"`}>${t("surveys.compare.wholeMunicipality")}</a></li>
${p.areas.map((a) => html`<li><a href="${compareUrl(p.slug, a.slug)}"${c.area?.id === a.id ? html` aria-current="page"` : ""}>${sv(ctx, a.name)}</a></li>`)}
</ul></nav>
<section aria-labelledby="statements-h">
<h2 id="statements-h">${t("surveys.compare.statementsHeading")}</h2>
${
  c.statements.length
    ? html`${diverging.length ? html`<p class="survey-paradox">${mixed(ctx, statementText(ctx, diverging[0]!, c))}</p>` : ""}
<ul class="survey-statements">${c.statements.map(
        (s) =>
          html`<li${s.diverges ? html` class="survey-statement--diverges"` : ""}>${statementText(ctx, s, c)}${s.diverges ? html` <span class="badge badge--warn">${t("surveys.compare.diverges")}</span>` : ""}</li>`,
      )}</ul>`
    : html`<p>${c.perceived.length && c.reported.length ? t("surveys.compare.noCommonYears") : t("surveys.compare.notEnough")}</p>`
}
<p class="survey-note">${t("surveys.compare.thresholdsNote")}</p>
</section>
<section aria-labelledby="perceived-h">
<h2 id="perceived-h">${t("surveys.compare.perceivedHeading")}</h2>
${
  c.perceived.length
    ? html`${shares.length ? lineChart({ id: "perceived-share", title: t("surveys.compare.perceivedChart"), series: shares.map((s) => ({ label: perceivedLabel(ctx, s), points: s.points.map((x) => ({ x: x.year, y: x.value })) })), yMax: 100, yUnit: " %", locale }) : ""}
${indices.length ? lineChart({ id: "perceived-index", title: t("surveys.compare.indexChart"), series: indices.map((s) => ({ label: perceivedLabel(ctx, s), points: s.points.map((x) => ({ x: x.year, y: x.value })) })), yMax: 6, yUnit: "", locale }) : ""}`
    : html`<p>${t("surveys.compare.noPerceived")}</p>`
}
</section>
<section aria-labelledby="reported-h">
<h2 id="reported-h">${t("surveys.compare.reportedHeading")}</h2>
${
  c.reported.length
    ? lineChart({
        id: "reported",
        title: t("surveys.compare.reportedChart"),
        series: c.reported.map((r) => ({ label: reportedLabel(ctx, r), points: r.points.map((x) => ({ x: x.year, y: x.count })) })),
        yMax: yMaxCount,
        yUnit: "",
        locale,
      })
    : html`<p>${t("surveys.compare.noReported")}</p>`
}
</section>
${
  years.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="compare-caption" tabindex="0">
<table>
<caption id="compare-caption">${mixed(ctx, t("surveys.compare.tableCaption", { place }))}</caption>
<thead><tr><th scope="col">${t("surveys.compare.series")}</th>${years.map((y) => html`<th scope="col" class="num">${y}</th>`)}</tr></thead>
<tbody>
${c.perceived.map(
  (s) =>
    html`<tr><th scope="row">${perceivedLabel(ctx, s)}</th>${years.map((y) => {
      const x = s.points.find((q) => q.year === y);
      return html`<td class="num">${x ? (s.scale === "share" ? shareText(locale, { p: x.value / 100, lo: x.lo === null ? null : x.lo / 100, hi: x.hi === null ? null : x.hi / 100 }) : formatNumber(x.value, locale, 2)) : "–"}</td>`;
    })}</tr>`,
)}
${c.reported.map(
  (r) =>
    html`<tr><th scope="row">${mixed(ctx, reportedLabel(ctx, r))}</th>${years.map((y) => {
      const x = r.points.find((q) => q.year === y);
      return html`<td class="num">${x ? formatNumber(x.count, locale) : "–"}</td>`;
    })}</tr>`,
)}
</tbody>
</table>
</div>`
    : ""
}
<section aria-labelledby="sources-h">
<h2 id="sources-h">${t("surveys.compare.sourcesHeading")}</h2>
<ul>
<li>${t("surveys.compare.sourceSurvey")}</li>
${c.reported.length ? [...new Set(c.reported.map((r) => r.source.label))].map((l) => html`<li>${t(l)}</li>`) : ""}
<li>${t(p.staff ? "surveys.compare.sourcesStaff" : "surveys.compare.sourcesPublic")}</li>
</ul>
<p><a href="/api/t/${p.slug}/surveys/comparison${c.area ? `?area=${c.area.slug}` : ""}">${t("surveys.results.api")}</a></p>
</section>`,
  };
}

function niceMax(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}
