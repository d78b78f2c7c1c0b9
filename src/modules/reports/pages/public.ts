// Public pages of residents' reports: the map and list, one report, the reporter's own page (by
// the private link), alerts, and the statistics. Each page follows the public rule of
// service/public-view.ts: nothing here can show a person-related report on its own.
import { contentLang, csrfField, errorSummary, type FieldErrors, inputField, selectField } from "../../../platform/http/forms.ts";
import { html, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatNumber } from "../../../platform/i18n/i18n.ts";
import { displayRef } from "../domain/codes.ts";
import { isOpen } from "../domain/lifecycle.ts";
import type { PhotoRow } from "../repo/photos.ts";
import type { UpdateRow } from "../repo/updates.ts";
import type { AreaRef } from "../service/geo.ts";
import type { PublicListItem, PublicReportView } from "../service/public-view.ts";
import type { Category } from "../settings.ts";
import { UNSAFE_TIMES } from "../tables.ts";
import { checkboxGroup, day, LEAFLET_HEAD, MAP_SCRIPTS, pager, paragraphs, publicBase, radioGroup, refText, statusBadge, when } from "./format.ts";

export type PublicFilterValues = { kategori: string; status: string; omrade: string; dagar: string };

export type CellRow = { category: string; count: number; where: string };

export type ListPageInput = {
  filter: PublicFilterValues;
  categories: Category[];
  areas: AreaRef[];
  items: PublicListItem[];
  page: number;
  more: boolean;
  map: SafeHtml;
  truncated: boolean;
  cells: CellRow[];
  personPeriod: { from: string; to: string };
  minCount: number;
  cellSize: number;
  hasPersonCategories: boolean;
};

function filterForm(ctx: PageContext, p: ListPageInput): SafeHtml {
  const { t, locale } = ctx;
  return html`<form method="get" action="${publicBase(ctx.tenant!.slug)}" class="filters">
  ${selectField({
    name: "kategori",
    label: t("reports.filter.category"),
    value: p.filter.kategori,
    placeholder: t("reports.filter.all"),
    options: p.categories.map((c) => ({ value: c.code, label: c.name[locale] })),
  })}
  ${selectField({
    name: "status",
    label: t("reports.filter.status"),
    value: p.filter.status,
    placeholder: t("reports.filter.all"),
    options: [
      { value: "open", label: t("reports.filter.open") },
      { value: "closed", label: t("reports.filter.closed") },
    ],
  })}
  ${selectField({
    name: "omrade",
    label: t("reports.filter.area"),
    value: p.filter.omrade,
    placeholder: t("reports.filter.all"),
    options: p.areas.map((a) => ({ value: a.id, label: a.name, lang: contentLang(ctx) })),
  })}
  ${selectField({
    name: "dagar",
    label: t("reports.filter.period"),
    value: p.filter.dagar,
    options: ["30", "90", "365"].map((d) => ({ value: d, label: t("reports.filter.days", { days: d }) })),
  })}
  <button type="submit" class="button secondary">${t("reports.filter.apply")}</button>
</form>`;
}

export function listPage(ctx: PageContext, p: ListPageInput): PageOptions {
  const { t, locale } = ctx;
  const slug = ctx.tenant!.slug;
  const base = publicBase(slug);
  const catName = (code: string) => p.categories.find((c) => c.code === code)?.name[locale] ?? code;
  const query: Record<string, string> = Object.fromEntries(Object.entries(p.filter).filter(([, v]) => v));
  return {
    title: t("reports.public.title"),
    head: html`${LEAFLET_HEAD}<link rel="alternate" type="application/atom+xml" href="${base}/flode.atom" title="${t("reports.feed.title", { tenant: ctx.tenant!.name })}">`,
    scripts: MAP_SCRIPTS,
    main: html`<h1>${t("reports.public.title")}</h1>
<p class="lead">${mixed(ctx, t("reports.public.lead", { tenant: content(ctx.tenant!.name) }))}</p>
<p class="actions"><a class="button" href="/t/${slug}/rapportera">${t("reports.public.report")}</a>
<a href="${base}/bevaka">${t("reports.public.alerts")}</a>
<a href="${base}/statistik">${t("reports.public.stats")}</a>
<a href="${base}/flode.atom">${t("reports.public.feed")}</a></p>
${filterForm(ctx, p)}
${p.map}
${p.truncated ? html`<p class="notice">${t("reports.map.truncated")}</p>` : ""}
<h2 id="list-title">${t("reports.public.listTitle")}</h2>
${
  p.items.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="list-title" tabindex="0"><table>
  <caption class="visually-hidden">${t("reports.public.listTitle")}</caption>
  <thead><tr><th scope="col">${t("reports.col.ref")}</th><th scope="col">${t("reports.col.category")}</th><th scope="col">${t("reports.col.where")}</th><th scope="col">${t("reports.col.status")}</th><th scope="col">${t("reports.col.created")}</th><th scope="col" class="num">${t("reports.col.supports")}</th></tr></thead>
  <tbody>${p.items.map(
    (i) =>
      html`<tr><td><a href="${base}/${i.report.ref}">${refText(i.report.ref)}</a></td><td>${catName(i.report.category)}</td><td>${i.where ? mixed(ctx, i.where) : "–"}</td><td>${statusBadge(ctx, i.report.status)}</td><td>${day(ctx, i.report.created_at)}</td><td class="num">${i.supports}</td></tr>`,
  )}</tbody>
</table></div>`
    : html`<p>${t("reports.public.empty")}</p>`
}
${pager(ctx, base, query, p.page, p.more)}
${
  p.hasPersonCategories
    ? html`<h2 id="cells-title">${t("reports.public.cellsTitle")}</h2>
<p>${t("reports.public.cellsIntro", { size: p.cellSize, min: p.minCount, from: p.personPeriod.from, to: p.personPeriod.to })}</p>
${
  p.cells.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="cells-title" tabindex="0"><table>
  <caption class="visually-hidden">${t("reports.public.cellsTitle")}</caption>
  <thead><tr><th scope="col">${t("reports.col.category")}</th><th scope="col">${t("reports.col.cell")}</th><th scope="col" class="num">${t("reports.col.count")}</th></tr></thead>
  <tbody>${p.cells.map((c) => html`<tr><td>${catName(c.category)}</td><td>${mixed(ctx, c.where)}</td><td class="num">${c.count}</td></tr>`)}</tbody>
</table></div>`
    : html`<p>${t("reports.public.cellsEmpty", { min: p.minCount })}</p>`
}`
    : ""
}`,
  };
}

function historyEntry(ctx: PageContext, u: UpdateRow): SafeHtml {
  const { t } = ctx;
  let title: string;
  let text = u.text;
  switch (u.kind) {
    case "submitted":
      title = t("reports.history.submitted");
      break;
    case "status":
      title = t("reports.history.status", { status: t(`reports.status.${u.status_to}`) });
      break;
    case "reopen":
      title = t("reports.history.reopened");
      break;
    case "merge":
      title = t("reports.public.duplicateOf", { ref: displayRef(u.text) });
      text = "";
      break;
    case "resident":
      title = t(`reports.resident.${u.text === "fixed" ? "fixed" : "notFixed"}`);
      text = "";
      break;
    case "reply":
      title = t("reports.history.reply");
      break;
    default:
      title = t("reports.history.update");
  }
  return html`<li>
  <p class="history__head"><strong>${title}</strong> <span class="muted">${when(ctx, u.created_at)}${u.author_label ? html` · ${sv(ctx, u.author_label)}` : ""}</span></p>
  ${text ? paragraphs(ctx, text) : ""}
</li>`;
}

export function historyList(ctx: PageContext, updates: readonly UpdateRow[]): SafeHtml {
  return html`<ol class="history">${updates.map((u) => historyEntry(ctx, u))}</ol>`;
}

function photoList(ctx: PageContext, ref: string, photos: readonly PhotoRow[], base: string): SafeHtml {
  if (!photos.length) return html``;
  return html`<ul class="photos">${photos.map(
    (p, i) =>
      html`<li><a href="${base}/${ref}/bilder/${p.id}.jpg"><img src="${base}/${ref}/bilder/${p.id}.jpg?storlek=liten" alt="${ctx.t("reports.photo.alt", { n: i + 1 })}" width="${Math.min(p.width, 480)}" height="${Math.round((Math.min(p.width, 480) * p.height) / p.width)}" loading="lazy"></a></li>`,
  )}</ul>`;
}

function closureText(ctx: PageContext, view: PublicReportView): SafeHtml {
  const { t } = ctx;
  const r = view.report;
  const base = publicBase(ctx.tenant!.slug);
  if (r.status === "avslutad") return html`<p class="closure">${mixed(ctx, t("reports.public.closedReason", { reason: content(r.status_reason ?? "") }))}</p>`;
  if (r.status === "inte_vart_ansvar")
    return html`<p class="closure">${mixed(ctx, t("reports.public.otherAuthority", { authority: content(r.other_authority ?? "") }))}</p>`;
  if (r.status === "dubblett" && view.duplicateOf)
    return html`<p class="closure"><a href="${base}/${view.duplicateOf.ref}">${t("reports.public.duplicateOf", { ref: displayRef(view.duplicateOf.ref) })}</a></p>`;
  return html``;
}

export function reportFacts(ctx: PageContext, view: PublicReportView): SafeHtml {
  const { t } = ctx;
  const r = view.report;
  return html`<dl class="facts">
  <dt>${t("reports.col.status")}</dt><dd>${statusBadge(ctx, r.status)}</dd>
  <dt>${t("reports.col.where")}</dt><dd>${view.where ? mixed(ctx, view.where) : "–"}${r.location_text ? html`<br>${sv(ctx, r.location_text)}` : ""}</dd>
  ${view.areaName ? html`<dt>${t("reports.col.area")}</dt><dd>${sv(ctx, view.areaName)}</dd>` : ""}
  <dt>${t("reports.col.created")}</dt><dd>${when(ctx, r.created_at)}</dd>
  ${view.organisationName ? html`<dt>${t("reports.col.responsible")}</dt><dd>${sv(ctx, view.organisationName)}</dd>` : ""}
  ${r.feels_unsafe !== null ? html`<dt>${t("reports.form.unsafe")}</dt><dd>${t(r.feels_unsafe ? "reports.form.unsafe.yes" : "reports.form.unsafe.no")}</dd>` : ""}
  ${r.unsafe_times.length ? html`<dt>${t("reports.form.when")}</dt><dd>${r.unsafe_times.map((x) => t(`reports.time.${x}`)).join(", ")}</dd>` : ""}
  <dt>${t("reports.supports.label")}</dt><dd>${t("reports.supports.count", { count: view.supports })}</dd>
</dl>`;
}

export function reportPage(ctx: PageContext, view: PublicReportView, map: SafeHtml | null, opts: { supported?: boolean } = {}): PageOptions {
  const { t } = ctx;
  const r = view.report;
  const slug = ctx.tenant!.slug;
  const base = publicBase(slug);
  const title = t("reports.report.title", { category: view.categoryName, ref: refText(r.ref) });
  return {
    title,
    head: LEAFLET_HEAD,
    scripts: map ? MAP_SCRIPTS : [],
    breadcrumbs: [
      [t("reports.public.title"), base],
      [refText(r.ref), null],
    ],
    main: html`<h1>${title}</h1>
${opts.supported ? html`<p class="notice" role="status">${t("reports.support.thanks")}</p>` : ""}
${closureText(ctx, view)}
${reportFacts(ctx, view)}
<h2>${t("reports.report.description")}</h2>
${paragraphs(ctx, r.description)}
${photoList(ctx, r.ref, view.photos, base)}
${map ?? ""}
${
  isOpen(r.status)
    ? html`<section class="support" aria-labelledby="support-title">
  <h2 id="support-title">${t("reports.support.title")}</h2>
  <form method="post" action="${base}/${r.ref}/instammer">
    ${csrfField(ctx)}
    ${checkboxGroup({ name: "unsafe_times", legend: t("reports.form.when"), options: UNSAFE_TIMES.map((k) => ({ value: k, label: t(`reports.time.${k}`) })), values: [] })}
    <button type="submit" class="button">${t("reports.support.button")}</button>
  </form>
</section>`
    : ""
}
<h2>${t("reports.report.history")}</h2>
${historyList(ctx, view.updates)}
<p><a href="${base}/bevaka?rapport=${r.ref}">${t("reports.report.follow")}</a></p>`,
  };
}

export function followPage(ctx: PageContext, view: PublicReportView, p: { secret: string; isNew: boolean; publicLink: boolean }): PageOptions {
  const { t } = ctx;
  const r = view.report;
  const slug = ctx.tenant!.slug;
  const title = t("reports.follow.title", { ref: refText(r.ref) });
  const canAnswer = r.status !== "dubblett" && r.status !== "inte_vart_ansvar";
  return {
    title,
    main: html`<h1>${title}</h1>
${
  p.isNew
    ? html`<div class="notice" role="status"><h2>${t("reports.follow.thanksTitle")}</h2>
  <p>${t("reports.follow.thanks", { ref: refText(r.ref) })}</p>
  <p>${r.visibility === "pending" ? t("reports.follow.pending") : view.report.person_related ? t("reports.follow.personRelated") : t("reports.follow.published")}</p>
  <p><strong>${t("reports.follow.keepLink")}</strong></p></div>`
    : ""
}
${closureText(ctx, view)}
${reportFacts(ctx, view)}
<h2>${t("reports.report.description")}</h2>
${paragraphs(ctx, r.description)}
${p.publicLink ? html`<p><a href="${publicBase(slug)}/${r.ref}">${t("reports.follow.publicPage")}</a></p>` : ""}
<h2>${t("reports.report.history")}</h2>
${historyList(ctx, view.updates)}
${
  canAnswer
    ? html`<section aria-labelledby="fixed-title">
  <h2 id="fixed-title">${t("reports.follow.fixedTitle")}</h2>
  <p>${t("reports.follow.fixedIntro")}</p>
  <form method="post" action="/t/${slug}/mitt-arende/svar" class="inline-buttons">
    ${csrfField(ctx)}
    <input type="hidden" name="nyckel" value="${p.secret}">
    <button type="submit" name="fixed" value="ja" class="button">${t("reports.follow.fixedYes")}</button>
    <button type="submit" name="fixed" value="nej" class="button secondary">${t("reports.follow.fixedNo")}</button>
  </form>
</section>`
    : ""
}
${
  r.reporter_email || r.reporter_name
    ? html`<section aria-labelledby="forget-title">
  <h2 id="forget-title">${t("reports.follow.forgetTitle")}</h2>
  <p>${t("reports.follow.forgetIntro")}</p>
  <form method="post" action="/t/${slug}/mitt-arende/glom-mig">
    ${csrfField(ctx)}
    <input type="hidden" name="nyckel" value="${p.secret}">
    <button type="submit" class="button secondary">${t("reports.follow.forgetButton")}</button>
  </form>
</section>`
    : html`<p class="muted">${t("reports.follow.noContact")}</p>`
}`,
  };
}

export type AlertFormValues = { email: string; events: string; kategori: string; omrade: string; rapport: string };

export function alertFormPage(
  ctx: PageContext,
  p: { values: AlertFormValues; categories: Category[]; areas: AreaRef[]; report: { ref: string } | null; errors?: FieldErrors; sent?: boolean },
): PageOptions {
  const { t, locale } = ctx;
  const slug = ctx.tenant!.slug;
  const title = t("reports.alerts.title");
  if (p.sent)
    return {
      title,
      main: html`<h1>${title}</h1><div class="notice" role="status"><p>${t("reports.alerts.sent", { email: p.values.email })}</p></div>
<p><a href="${publicBase(slug)}">${t("reports.public.title")}</a></p>`,
    };
  return {
    title,
    breadcrumbs: [
      [t("reports.public.title"), publicBase(slug)],
      [title, null],
    ],
    main: html`<h1>${title}</h1>
<p class="lead">${p.report ? t("reports.alerts.leadReport", { ref: refText(p.report.ref) }) : t("reports.alerts.lead")}</p>
<p>${t("reports.alerts.personNote")}</p>
${errorSummary(ctx, p.errors)}
<form method="post" action="${publicBase(slug)}/bevaka" novalidate>
  ${csrfField(ctx)}
  ${p.report ? html`<input type="hidden" name="rapport" value="${p.report.ref}">` : ""}
  ${inputField({ name: "email", label: t("reports.form.email"), type: "email", autocomplete: "email", value: p.values.email, required: true, errors: p.errors })}
  ${
    p.report
      ? ""
      : html`${radioGroup({
          name: "events",
          legend: t("reports.alerts.events"),
          options: [
            { value: "new", label: t("reports.alerts.events.new") },
            { value: "updates", label: t("reports.alerts.events.updates") },
            { value: "both", label: t("reports.alerts.events.both") },
          ],
          value: p.values.events || "new",
          errors: p.errors,
        })}
  ${selectField({
    name: "kategori",
    label: t("reports.filter.category"),
    value: p.values.kategori,
    placeholder: t("reports.alerts.allPlaceCategories"),
    options: p.categories.filter((c) => c.kind === "place").map((c) => ({ value: c.code, label: c.name[locale] })),
    errors: p.errors,
  })}
  ${selectField({
    name: "omrade",
    label: t("reports.filter.area"),
    value: p.values.omrade,
    placeholder: t("reports.filter.all"),
    options: p.areas.map((a) => ({ value: a.id, label: a.name, lang: contentLang(ctx) })),
    errors: p.errors,
  })}`
  }
  <button type="submit" class="button">${t("reports.alerts.submit")}</button>
</form>`,
  };
}

export function alertManagePage(ctx: PageContext, p: { secret: string; confirmed: boolean; what: string; done?: "confirmed" | "ended" }): PageOptions {
  const { t } = ctx;
  const slug = ctx.tenant!.slug;
  const title = t("reports.alerts.manageTitle");
  if (p.done)
    return {
      title,
      main: html`<h1>${title}</h1><div class="notice" role="status"><p>${t(p.done === "confirmed" ? "reports.alerts.confirmed" : "reports.alerts.ended")}</p></div>
<p><a href="${publicBase(slug)}">${t("reports.public.title")}</a></p>`,
    };
  return {
    title,
    main: html`<h1>${title}</h1>
<p>${mixed(ctx, t("reports.alerts.what", { what: p.what }))}</p>
<p>${p.confirmed ? t("reports.alerts.isConfirmed") : t("reports.alerts.notConfirmed")}</p>
${
  p.confirmed
    ? ""
    : html`<form method="post" action="/t/${slug}/bevakning/bekrafta">${csrfField(ctx)}<input type="hidden" name="nyckel" value="${p.secret}"><button type="submit" class="button">${t("reports.alerts.confirm")}</button></form>`
}
<form method="post" action="/t/${slug}/bevakning/avsluta">${csrfField(ctx)}<input type="hidden" name="nyckel" value="${p.secret}"><button type="submit" class="button secondary">${t("reports.alerts.end")}</button></form>`,
  };
}

export function linkGonePage(ctx: PageContext): PageOptions {
  const { t } = ctx;
  return {
    title: t("reports.link.goneTitle"),
    main: html`<h1>${t("reports.link.goneTitle")}</h1><p>${t("reports.link.gone")}</p><p><a href="${publicBase(ctx.tenant!.slug)}">${t("reports.public.title")}</a></p>`,
  };
}

export function formatCount(ctx: PageContext, n: number | null, min: number): string {
  return n === null ? ctx.t("reports.stats.suppressed", { min }) : formatNumber(n, ctx.locale);
}
