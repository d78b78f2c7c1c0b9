// Staff pages: the inbox with filters, one report with every form the actor's abilities allow,
// and the list of what is overdue against the tenant's response times.
import { contentLang, csrfField, errorSummary, type FieldErrors, inputField, selectField, textareaField } from "../../../platform/http/forms.ts";
import { html, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import { formatNumber } from "../../../platform/i18n/i18n.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { displayRef } from "../domain/codes.ts";
import { isOpen, SETTABLE_STATUSES } from "../domain/lifecycle.ts";
import type { ReportAbilities } from "../policy.ts";
import type { PhotoRow } from "../repo/photos.ts";
import { COUNT_CAP, type ReportRow } from "../repo/reports.ts";
import type { UpdateRow } from "../repo/updates.ts";
import type { AreaRef } from "../service/geo.ts";
import type { Category } from "../settings.ts";
import { REPORT_STATUSES, type ReportStatus } from "../tables.ts";
import { day, LEAFLET_HEAD, MAP_SCRIPTS, pager, paragraphs, publicBase, refText, staffBase, statusBadge, visibilityBadge, when } from "./format.ts";

export type Org = { id: string; name: string };

export type InboxFilter = { status: string; kategori: string; omrade: string; organisation: string; aldre: string; synlighet: string; sok: string };

export type InboxRow = { report: ReportRow; where: string | null; organisation: string | null; overdue: boolean };

/** A count that may have been cut at COUNT_CAP (repo/reports.ts): "1 000+" beyond it. */
function shownCount(n: number, locale: "sv" | "en"): string {
  return n > COUNT_CAP ? `${formatNumber(COUNT_CAP, locale)}+` : formatNumber(n, locale);
}

export function inboxPage(
  ctx: PageContext,
  p: {
    filter: InboxFilter;
    rows: InboxRow[];
    /** Matching open reports per open status (closed ones are not counted: they only grow). */
    counts: Map<ReportStatus, number>;
    page: number;
    more: boolean;
    categories: Category[];
    areas: AreaRef[];
    organisations: Org[];
    may: { rules: boolean; settings: boolean; keys: boolean; export: boolean };
  },
): PageOptions {
  const { t, locale } = ctx;
  const base = staffBase(ctx.tenant!.slug);
  const catName = (code: string) => p.categories.find((c) => c.code === code)?.name[locale] ?? code;
  const person = (code: string) => p.categories.find((c) => c.code === code)?.kind === "person";
  const query: Record<string, string> = Object.fromEntries(Object.entries(p.filter).filter(([, v]) => v));
  const statusLink = (s: string) => `${base}?${new URLSearchParams({ ...query, status: s }).toString()}`;
  return {
    title: t("reports.inbox.title"),
    breadcrumbs: [
      [t("layout.nav.staff"), `/t/${ctx.tenant!.slug}/arbete`],
      [t("reports.inbox.title"), null],
    ],
    main: html`<h1>${t("reports.inbox.title")}</h1>
<nav aria-label="${t("reports.inbox.tools")}"><ul class="actions">
  <li><a href="${base}/forsenade">${t("reports.overdue.title")}</a></li>
  ${p.may.rules ? html`<li><a href="${base}/regler">${t("reports.rules.title")}</a></li>` : ""}
  ${p.may.settings ? html`<li><a href="${base}/installningar">${t("reports.settings.title")}</a></li>` : ""}
  ${p.may.keys ? html`<li><a href="${base}/nycklar">${t("reports.keys.title")}</a></li>` : ""}
  <li><a href="${base}/bevakningar">${t("reports.staffAlerts.title")}</a></li>
  ${p.may.export ? html`<li><a href="${base}/export.csv?${new URLSearchParams(query).toString()}">${t("reports.inbox.export")}</a></li>` : ""}
  <li><a href="${publicBase(ctx.tenant!.slug)}/statistik">${t("reports.stats.title")}</a></li>
</ul></nav>
<ul class="status-tabs">
  <li><a href="${statusLink("open")}"${p.filter.status === "open" ? html` aria-current="true"` : ""}>${t("reports.filter.open")} (${shownCount((p.counts.get("mottagen") ?? 0) + (p.counts.get("under_utredning") ?? 0), ctx.locale)})</a></li>
  ${REPORT_STATUSES.map((s) => html`<li><a href="${statusLink(s)}"${p.filter.status === s ? html` aria-current="true"` : ""}>${t(`reports.status.${s}`)}${isOpen(s) ? ` (${shownCount(p.counts.get(s) ?? 0, ctx.locale)})` : ""}</a></li>`)}
  <li><a href="${statusLink("alla")}"${p.filter.status === "alla" ? html` aria-current="true"` : ""}>${t("reports.filter.all")}</a></li>
</ul>
<form method="get" action="${base}" class="filters">
  <input type="hidden" name="status" value="${p.filter.status}">
  ${selectField({ name: "kategori", label: t("reports.filter.category"), value: p.filter.kategori, placeholder: t("reports.filter.all"), options: p.categories.map((c) => ({ value: c.code, label: c.name[locale] })) })}
  ${selectField({ name: "omrade", label: t("reports.filter.area"), value: p.filter.omrade, placeholder: t("reports.filter.all"), options: [...p.areas.map((a) => ({ value: a.id, label: a.name, lang: contentLang(ctx) })), { value: "inget", label: t("reports.filter.noArea") }] })}
  ${selectField({ name: "organisation", label: t("reports.filter.organisation"), value: p.filter.organisation, placeholder: t("reports.filter.all"), options: [...p.organisations.map((o) => ({ value: o.id, label: o.name, lang: contentLang(ctx) })), { value: "ingen", label: t("reports.filter.notRouted") }] })}
  ${selectField({ name: "aldre", label: t("reports.filter.age"), value: p.filter.aldre, placeholder: t("reports.filter.anyAge"), options: ["2", "7", "30"].map((d) => ({ value: d, label: t("reports.filter.olderThan", { days: d }) })) })}
  ${selectField({ name: "synlighet", label: t("reports.filter.visibility"), value: p.filter.synlighet, placeholder: t("reports.filter.all"), options: (["pending", "hidden", "public"] as const).map((v) => ({ value: v, label: t(`reports.visibility.${v}`) })) })}
  ${inputField({ name: "sok", label: t("reports.filter.search"), value: p.filter.sok, type: "search" })}
  <button type="submit" class="button secondary">${t("reports.filter.apply")}</button>
</form>
${
  p.rows.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="inbox-caption" tabindex="0"><table>
  <caption id="inbox-caption">${t("reports.inbox.caption")}</caption>
  <thead><tr><th scope="col">${t("reports.col.ref")}</th><th scope="col">${t("reports.col.category")}</th><th scope="col">${t("reports.col.where")}</th><th scope="col">${t("reports.col.status")}</th><th scope="col">${t("reports.col.routed")}</th><th scope="col">${t("reports.col.created")}</th><th scope="col">${t("reports.col.updated")}</th></tr></thead>
  <tbody>${p.rows.map(
    (r) => html`<tr><td><a href="${base}/${r.report.ref}">${refText(r.report.ref)}</a></td>
    <td>${catName(r.report.category)}${person(r.report.category) || r.report.person_related ? html` <span class="badge badge--muted">${t("reports.stats.personTag")}</span>` : ""}</td>
    <td>${r.where ? mixed(ctx, r.where) : "–"}</td>
    <td>${statusBadge(ctx, r.report.status)} ${visibilityBadge(ctx, r.report.visibility)}${r.overdue ? html` <span class="badge badge--danger">${t("reports.overdue.badge")}</span>` : ""}</td>
    <td>${r.organisation ? sv(ctx, r.organisation) : html`<span class="muted">${t("reports.filter.notRouted")}</span>`}</td>
    <td>${day(ctx, r.report.created_at)}</td>
    <td>${when(ctx, r.report.updated_at)}</td></tr>`,
  )}</tbody>
</table></div>`
    : html`<p>${t("reports.inbox.empty")}</p>`
}
${pager(ctx, base, query, p.page, p.more)}`,
  };
}

export type StaffReportInput = {
  report: ReportRow;
  categoryName: string;
  person: boolean;
  where: string | null;
  areaName: string | null;
  organisation: string | null;
  photos: PhotoRow[];
  history: UpdateRow[];
  supports: Array<{ id: string; unsafe_times: string[]; created_at: Date }>;
  duplicates: ReportRow[];
  duplicateOf: ReportRow | null;
  audit: Array<{ id: number; action: string; created_at: Date; actor_name: string | null }>;
  organisations: Org[];
  may: ReportAbilities;
  overdue: { firstResponse: boolean; closure: boolean; dueAt: Date } | null;
  map: SafeHtml | null;
  values?: Record<string, string>;
  errors?: FieldErrors;
  formError?: string | null;
  notice?: string | null;
  orgNames: Map<string, string>;
};

function staffHistory(ctx: PageContext, p: StaffReportInput): SafeHtml {
  const { t } = ctx;
  const label = (u: UpdateRow): string => {
    switch (u.kind) {
      case "submitted":
        return t("reports.history.submitted");
      case "status":
        return t("reports.history.status", { status: t(`reports.status.${u.status_to}`) });
      case "reopen":
        return t("reports.history.reopened");
      case "merge":
        return t("reports.public.duplicateOf", { ref: displayRef(u.text) });
      case "resident":
        return t(`reports.resident.${u.text === "fixed" ? "fixed" : "notFixed"}`);
      case "routing":
        return t("reports.history.routed", {
          organisation: u.organisation_id ? content(p.orgNames.get(u.organisation_id) ?? "?") : t("reports.filter.notRouted"),
        });
      case "review":
        return t("reports.history.review", { visibility: t(`reports.visibility.${u.status_to}`) });
      case "internal":
        return t("reports.history.internal");
      case "reply":
        return t("reports.history.reply");
      case "redaction":
        return t("reports.history.redaction");
      case "photo":
        return t("reports.history.photo");
      default:
        return t("reports.history.update");
    }
  };
  const audience = (u: UpdateRow) => t(`reports.audience.${u.audience}`);
  const showText = (u: UpdateRow) => u.kind !== "merge" && u.kind !== "resident";
  return html`<ol class="history">${p.history.map(
    (
      u,
    ) => html`<li id="h-${u.id}"><p class="history__head"><strong>${mixed(ctx, label(u))}</strong> <span class="badge badge--muted">${audience(u)}</span> <span class="muted">${when(ctx, u.created_at)}${u.author_label ? html` · ${sv(ctx, u.author_label)}` : ""}</span></p>
  ${showText(u) && u.text ? paragraphs(ctx, u.text) : ""}</li>`,
  )}</ol>`;
}

function confirmBox(ctx: PageContext, id: string): SafeHtml {
  return html`<div class="field field--checkbox"><input type="checkbox" id="${id}" name="bekraftat" value="ja"><label for="${id}">${ctx.t("reports.staff.confirmNoPersonalData")}</label></div>`;
}

export function staffReportPage(ctx: PageContext, p: StaffReportInput): PageOptions {
  const { t } = ctx;
  const r = p.report;
  const slug = ctx.tenant!.slug;
  const base = `${staffBase(slug)}/${r.ref}`;
  const values = p.values ?? {};
  const errors = p.errors;
  const title = t("reports.report.title", { category: p.categoryName, ref: refText(r.ref) });
  return {
    title,
    head: LEAFLET_HEAD,
    scripts: p.map ? MAP_SCRIPTS : [],
    breadcrumbs: [
      [t("layout.nav.staff"), `/t/${slug}/arbete`],
      [t("reports.inbox.title"), staffBase(slug)],
      [refText(r.ref), null],
    ],
    main: html`<h1>${title}</h1>
${p.notice ? html`<div class="notice" role="status"><p>${p.notice}</p></div>` : ""}
${errorSummary(ctx, errors, p.formError)}
<p>${statusBadge(ctx, r.status)} ${visibilityBadge(ctx, r.visibility)} ${p.person ? html`<span class="badge badge--muted">${t("reports.stats.personTag")}</span>` : ""}
${p.overdue && (p.overdue.firstResponse || p.overdue.closure) ? html`<span class="badge badge--danger">${t(p.overdue.firstResponse ? "reports.overdue.firstResponse" : "reports.overdue.closure")}</span>` : ""}</p>
${r.visibility === "hidden" && r.hidden_reason ? html`<p>${mixed(ctx, t("reports.staff.hiddenReason", { reason: content(r.hidden_reason) }))}</p>` : ""}
<dl class="facts">
  <dt>${t("reports.col.where")}</dt><dd>${p.where ? mixed(ctx, p.where) : "–"}${r.location_text ? html`<br>${sv(ctx, r.location_text)}` : ""} <span class="muted">(${t(`reports.precision.${r.precision}`)})</span></dd>
  ${p.areaName ? html`<dt>${t("reports.col.area")}</dt><dd>${sv(ctx, p.areaName)}</dd>` : ""}
  <dt>${t("reports.col.created")}</dt><dd>${when(ctx, r.created_at)} (${t(`reports.source.${r.source}`)})</dd>
  <dt>${t("reports.col.routed")}</dt><dd>${p.organisation ? sv(ctx, p.organisation) : t("reports.filter.notRouted")}</dd>
  ${r.feels_unsafe !== null ? html`<dt>${t("reports.form.unsafe")}</dt><dd>${t(r.feels_unsafe ? "reports.form.unsafe.yes" : "reports.form.unsafe.no")}</dd>` : ""}
  ${r.unsafe_times.length ? html`<dt>${t("reports.form.when")}</dt><dd>${r.unsafe_times.map((x) => t(`reports.time.${x}`)).join(", ")}</dd>` : ""}
  <dt>${t("reports.supports.label")}</dt><dd>${t("reports.supports.count", { count: p.supports.length + p.duplicates.length })}</dd>
  ${
    p.may.seeReporter
      ? html`<dt>${t("reports.staff.reporter")}</dt><dd>${
          r.contact_removed_at
            ? t("reports.staff.contactRemoved", { date: day(ctx, r.contact_removed_at) })
            : r.reporter_name || r.reporter_email
              ? html`${sv(ctx, r.reporter_name ?? "")} ${r.reporter_email ? html`&lt;${r.reporter_email}&gt;` : ""} ${r.wants_updates ? html`<span class="muted">(${t("reports.staff.wantsUpdates")})</span>` : ""}`
              : t("reports.staff.anonymous")
        }</dd>`
      : html`<dt>${t("reports.staff.reporter")}</dt><dd class="muted">${t("reports.staff.reporterHidden")}</dd>`
  }
  ${r.external_media_url ? html`<dt>${t("reports.staff.externalMedia")}</dt><dd><a href="${r.external_media_url}" rel="noreferrer noopener nofollow">${r.external_media_url}</a><br><span class="muted">${t("reports.staff.externalMediaNote")}</span></dd>` : ""}
  ${p.duplicateOf ? html`<dt>${t("reports.staff.duplicateOf")}</dt><dd><a href="${staffBase(slug)}/${p.duplicateOf.ref}">${refText(p.duplicateOf.ref)}</a></dd>` : ""}
  ${p.duplicates.length ? html`<dt>${t("reports.staff.duplicates")}</dt><dd>${p.duplicates.map((d, i) => html`${i ? ", " : ""}<a href="${staffBase(slug)}/${d.ref}">${refText(d.ref)}</a>`)}</dd>` : ""}
  ${r.status_reason ? html`<dt>${t("reports.staff.reason")}</dt><dd>${sv(ctx, r.status_reason)}</dd>` : ""}
  ${r.other_authority ? html`<dt>${t("reports.staff.authority")}</dt><dd>${sv(ctx, r.other_authority)}</dd>` : ""}
</dl>
<h2>${t("reports.report.description")}</h2>
${paragraphs(ctx, r.description)}
${p.map ?? ""}
${
  p.photos.length
    ? html`<h2>${t("reports.staff.photos")}</h2><ul class="photos staff-photos">${p.photos.map(
        (
          ph,
          i,
        ) => html`<li><a href="${base}/bilder/${ph.id}.jpg"><img src="${base}/bilder/${ph.id}.jpg?storlek=liten" alt="${t("reports.photo.alt", { n: i + 1 })}" width="${Math.min(ph.width, 480)}" height="${Math.round((Math.min(ph.width, 480) * ph.height) / ph.width)}" loading="lazy"></a>
      ${ph.hidden_at ? html`<p><span class="badge badge--danger">${t("reports.staff.photoHidden")}</span> ${ph.hidden_reason ?? ""}</p>` : ""}
      ${
        p.may.photos
          ? html`<form method="post" action="${base}/bilder/${ph.id}" class="photo-form">${csrfField(ctx)}
        ${inputField({ name: "skal", id: `f-skal-${ph.id}`, label: t("reports.staff.photoReason"), value: "" })}
        ${ph.hidden_at ? html`<button type="submit" name="atgard" value="show" class="button secondary">${t("reports.staff.photoShow")}</button>` : html`<button type="submit" name="atgard" value="hide" class="button secondary">${t("reports.staff.photoHide")}</button>`}
        <button type="submit" name="atgard" value="delete" class="button danger">${t("reports.staff.photoDelete")}</button></form>`
          : ""
      }</li>`,
      )}</ul>`
    : ""
}
${
  p.may.review
    ? html`<section aria-labelledby="review-title"><h2 id="review-title">${t("reports.staff.reviewTitle")}</h2>
  <p>${t(`reports.staff.reviewState.${r.visibility}`)}</p>
  <form method="post" action="${base}/granskning">${csrfField(ctx)}
    ${inputField({ name: "skal", id: "f-hideReason", label: t("reports.staff.hideReason"), value: values.hideReason ?? "", errors: errors?.hideReason ? { skal: errors.hideReason } : undefined })}
    ${r.visibility !== "public" ? html`<button type="submit" name="beslut" value="publish" class="button">${t("reports.staff.publish")}</button>` : ""}
    ${r.visibility !== "hidden" ? html`<button type="submit" name="beslut" value="hide" class="button secondary">${t("reports.staff.hide")}</button>` : ""}
  </form></section>`
    : ""
}
${
  p.may.handle && isOpen(r.status)
    ? html`<section aria-labelledby="status-title"><h2 id="status-title">${t("reports.staff.statusTitle")}</h2>
  <form method="post" action="${base}/status" novalidate>${csrfField(ctx)}
    ${selectField({ name: "status", label: t("reports.staff.newStatus"), value: values.status ?? r.status, options: SETTABLE_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) })), errors })}
    ${textareaField({ name: "skal", label: t("reports.staff.reason"), hint: t("reports.staff.reasonHint"), value: values.skal ?? "", rows: 2, errors })}
    ${inputField({ name: "myndighet", label: t("reports.staff.authority"), hint: t("reports.staff.authorityHint"), value: values.myndighet ?? "", errors })}
    ${textareaField({ name: "text", id: "f-statusText", label: t("reports.staff.statusText"), hint: t("reports.staff.publicHint"), value: values.statusText ?? "", rows: 3, errors: errors?.statusText ? { text: errors.statusText } : undefined })}
    ${confirmBox(ctx, "f-status-confirm")}
    <button type="submit" class="button">${t("reports.staff.saveStatus")}</button>
  </form></section>`
    : ""
}
${
  p.may.handle && !isOpen(r.status)
    ? html`<section aria-labelledby="reopen-title"><h2 id="reopen-title">${t("reports.staff.reopenTitle")}</h2>
  <form method="post" action="${base}/ateroppna">${csrfField(ctx)}
    ${textareaField({ name: "text", id: "f-reopenText", label: t("reports.staff.reopenText"), hint: t("reports.staff.publicHint"), value: values.reopenText ?? "", rows: 2, errors: errors?.reopenText ? { text: errors.reopenText } : undefined })}
    ${confirmBox(ctx, "f-reopen-confirm")}
    <button type="submit" class="button">${t("reports.staff.reopen")}</button>
  </form></section>`
    : ""
}
${
  p.may.handle
    ? html`<section aria-labelledby="update-title"><h2 id="update-title">${t("reports.staff.updateTitle")}</h2>
  <form method="post" action="${base}/uppdatering" novalidate>${csrfField(ctx)}
    ${textareaField({ name: "uppdatering", label: t("reports.staff.updateText"), hint: t("reports.staff.publicHint"), value: values.uppdatering ?? "", rows: 3, errors })}
    ${confirmBox(ctx, "f-update-confirm")}
    <button type="submit" class="button">${t("reports.staff.publishUpdate")}</button>
  </form>
  <h3>${t("reports.staff.replyTitle")}</h3>
  ${
    r.reporter_email && !r.contact_removed_at
      ? html`<form method="post" action="${base}/svar" novalidate>${csrfField(ctx)}
    ${textareaField({ name: "svar", label: t("reports.staff.replyText"), hint: t("reports.staff.replyHint"), value: values.svar ?? "", rows: 3, errors })}
    ${confirmBox(ctx, "f-reply-confirm")}
    <button type="submit" class="button">${t("reports.staff.sendReply")}</button>
  </form>`
      : html`<p class="muted">${t("reports.staff.noAddress")}</p>`
  }
  <h3>${t("reports.staff.noteTitle")}</h3>
  <form method="post" action="${base}/anteckning" novalidate>${csrfField(ctx)}
    ${textareaField({ name: "anteckning", label: t("reports.staff.noteText"), hint: t("reports.staff.noteHint"), value: values.anteckning ?? "", rows: 3, errors })}
    <button type="submit" class="button secondary">${t("reports.staff.saveNote")}</button>
  </form></section>`
    : ""
}
${
  p.may.route
    ? html`<section aria-labelledby="route-title"><h2 id="route-title">${t("reports.staff.routeTitle")}</h2>
  <form method="post" action="${base}/dirigera">${csrfField(ctx)}
    ${selectField({ name: "organisation", label: t("reports.staff.routeTo"), value: r.organisation_id ?? "", placeholder: t("reports.filter.notRouted"), options: p.organisations.map((o) => ({ value: o.id, label: o.name, lang: contentLang(ctx) })), errors })}
    <button type="submit" class="button secondary">${t("reports.staff.route")}</button>
  </form></section>`
    : ""
}
${
  p.may.merge && r.status !== "dubblett"
    ? html`<section aria-labelledby="merge-title"><h2 id="merge-title">${t("reports.staff.mergeTitle")}</h2>
  <form method="post" action="${base}/dubblett" novalidate>${csrfField(ctx)}
    ${inputField({ name: "mal", label: t("reports.staff.mergeTarget"), hint: t("reports.staff.mergeHint"), value: values.mal ?? "", errors })}
    <button type="submit" class="button secondary">${t("reports.staff.merge")}</button>
  </form></section>`
    : ""
}
${
  p.may.redact
    ? html`<section aria-labelledby="redact-title"><h2 id="redact-title">${t("reports.staff.redactTitle")}</h2>
  <p>${t("reports.staff.redactIntro")}</p>
  <form method="post" action="${base}/redigera-bort" novalidate>${csrfField(ctx)}
    ${selectField({
      name: "falt",
      label: t("reports.staff.redactWhere"),
      value: values.falt ?? "description",
      options: [
        { value: "description", label: t("reports.report.description") },
        { value: "location_text", label: t("reports.form.locationText") },
        ...p.history
          .filter((u) => u.text && u.kind !== "merge" && u.kind !== "resident")
          .map((u) => ({ value: `update:${u.id}`, label: t("reports.staff.redactUpdate", { date: when(ctx, u.created_at) }) })),
      ],
      errors,
    })}
    ${inputField({ name: "text", id: "f-redact", label: t("reports.staff.redactText"), value: values.redactText ?? "", errors: errors?.redact ? { text: errors.redact } : undefined })}
    ${inputField({ name: "skal", id: "f-redactReason", label: t("reports.staff.redactReason"), value: values.redactReason ?? "", errors: errors?.redactReason ? { skal: errors.redactReason } : undefined })}
    <button type="submit" class="button danger">${t("reports.staff.redact")}</button>
  </form></section>`
    : ""
}
<h2>${t("reports.report.history")}</h2>
${staffHistory(ctx, p)}
${
  p.supports.length
    ? html`<h2>${t("reports.staff.supportsTitle")}</h2><ul>${p.supports.map((s) => html`<li>${when(ctx, s.created_at)}${s.unsafe_times.length ? html` – ${s.unsafe_times.map((x) => t(`reports.time.${x}`)).join(", ")}` : ""}</li>`)}</ul>`
    : ""
}
${
  p.audit.length
    ? html`<h2>${t("reports.staff.auditTitle")}</h2><ul class="audit">${p.audit.map((a) => html`<li>${when(ctx, a.created_at)} · ${t(`reports.audit.${a.action.replaceAll(".", "_")}`)} · ${a.actor_name ? sv(ctx, a.actor_name) : t("reports.staff.system")}</li>`)}</ul>`
    : ""
}
${
  r.visibility === "public" && !p.person
    ? html`<p><a href="${publicBase(slug)}/${r.ref}">${t("reports.staff.publicPage")}</a></p>`
    : html`<p class="muted">${t("reports.staff.notPublic")}</p>`
}`,
  };
}

export function overduePage(
  ctx: PageContext,
  p: {
    rows: Array<InboxRow & { reason: "firstResponse" | "closure"; dueAt: Date }>;
    settings: { firstResponseDays: number; closureDays: number };
    categories: Category[];
  },
): PageOptions {
  const { t, locale } = ctx;
  const base = staffBase(ctx.tenant!.slug);
  return {
    title: t("reports.overdue.title"),
    breadcrumbs: [
      [t("reports.inbox.title"), base],
      [t("reports.overdue.title"), null],
    ],
    main: html`<h1>${t("reports.overdue.title")}</h1>
<p>${t("reports.overdue.intro", { first: p.settings.firstResponseDays, closure: p.settings.closureDays })}</p>
${
  p.rows.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="overdue-caption" tabindex="0"><table>
  <caption id="overdue-caption">${t("reports.overdue.caption")}</caption>
  <thead><tr><th scope="col">${t("reports.col.ref")}</th><th scope="col">${t("reports.col.category")}</th><th scope="col">${t("reports.col.status")}</th><th scope="col">${t("reports.overdue.what")}</th><th scope="col">${t("reports.overdue.due")}</th><th scope="col">${t("reports.col.routed")}</th></tr></thead>
  <tbody>${p.rows.map(
    (r) =>
      html`<tr><td><a href="${base}/${r.report.ref}">${refText(r.report.ref)}</a></td><td>${p.categories.find((c) => c.code === r.report.category)?.name[locale] ?? r.report.category}</td><td>${statusBadge(ctx, r.report.status)}</td><td>${t(`reports.overdue.${r.reason}`)}</td><td>${day(ctx, r.dueAt)}</td><td>${r.organisation ? sv(ctx, r.organisation) : t("reports.filter.notRouted")}</td></tr>`,
  )}</tbody>
</table></div>`
    : html`<p>${t("reports.overdue.none")}</p>`
}`,
  };
}
