// Staff pages: the dashboard of all promises under way (target, progress, what is behind), and
// one document with its lifecycle actions, promises, activities and history. Every action is a
// plain form (works without JavaScript) shown only when the rules allow it.
import { html, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import { safeLinkTarget } from "../../../platform/http/urls.ts";
import { scrollTable } from "../../../platform/http/tables.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { type SigningProblem, statusAllows } from "../domain/lifecycle.ts";
import type { Abilities } from "../policy.ts";
import type { DocumentRow } from "../repo/documents.ts";
import type { DocumentView, PromiseView } from "../service/views.ts";
import { PROMISE_STATUSES } from "../tables.ts";
import { confirmForm } from "../../../platform/http/forms.ts";
import { achievedHtml, outcomesHtml, ownerHtml, targetHtml } from "./content.ts";
import { dateRange, missedText, moduleHead, periodTable, progressBlock, stateBadge, statusBadge, verdictBadge } from "./format.ts";
import { documentFacts, excerptNote, paragraphs, publicDocUrl } from "./public.ts";

export function staffBase(slug: string): string {
  return `/t/${slug}/arbete/medborgarloften`;
}

function crumbs(ctx: PageContext, last: string | SafeHtml, doc?: DocumentRow): Array<[string | SafeHtml, string | null]> {
  const slug = ctx.tenant!.slug;
  const out: Array<[string | SafeHtml, string | null]> = [
    [ctx.t("layout.nav.staff"), `/t/${slug}/arbete`],
    [ctx.t("promises.staff.title"), staffBase(slug)],
  ];
  if (doc) out.push([sv(ctx, doc.title), `${staffBase(slug)}/${doc.id}`]);
  out.push([last, null]);
  return out;
}
export { crumbs as staffCrumbs };

/** A one-button form posting the document's version (lifecycle steps, reorder, delete …). */
export function actionForm(
  ctx: PageContext,
  action: string,
  label: string,
  version: number,
  opts: { secondary?: boolean; danger?: boolean; extra?: SafeHtml } = {},
): SafeHtml {
  return html`<form method="post" action="${action}" class="inline-form">
  <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
  <input type="hidden" name="version" value="${version}">
  ${opts.extra ?? ""}
  <button type="submit"${opts.secondary ? html` class="secondary"` : opts.danger ? html` class="danger"` : ""}>${label}</button>
</form>`;
}

type BehindRow = { doc: DocumentRow; promise: PromiseView };

export function behindList(ctx: PageContext, rows: readonly BehindRow[]): SafeHtml {
  const { t } = ctx;
  const base = staffBase(ctx.tenant!.slug);
  if (rows.length === 0) return html`<p>${t("promises.staff.nothingBehind")}</p>`;
  return html`<ul class="behind-list">${rows.map(
    ({ doc, promise: p }) =>
      html`<li><a href="${base}/${doc.id}#lofte-${p.id}">${t("promises.public.promiseNo", { number: p.number })}: ${sv(ctx, p.text)}</a> – ${achievedHtml(ctx, p.progress, p.target)}${
        missedText(t, p.progress, p.target) ? html`. <strong>${missedText(t, p.progress, p.target)}</strong>` : ""
      } <span class="muted">(${sv(ctx, doc.title)})</span></li>`,
  )}</ul>`;
}

export function dashboardPage(ctx: PageContext, input: { active: DocumentView[]; documents: DocumentRow[]; abilities: Abilities }): PageOptions {
  const { t } = ctx;
  const base = staffBase(ctx.tenant!.slug);
  const rows = input.active.flatMap((v) => v.promises.map((p) => ({ doc: v.doc, promise: p })));
  const behind = rows.filter((r) => r.promise.progress.behind);
  return {
    title: t("promises.staff.title"),
    head: moduleHead(),
    breadcrumbs: [
      [t("layout.nav.staff"), `/t/${ctx.tenant!.slug}/arbete`],
      [t("promises.staff.title"), null],
    ],
    main: html`<h1>${t("promises.staff.title")}</h1>
<ul class="actions">
  ${input.abilities.create ? html`<li><a class="button" href="${base}/nytt">${t("promises.staff.new")}</a></li>` : ""}
  ${input.abilities.logActivity ? html`<li><a class="button secondary" href="${base}/aktivitet">${t("promises.activity.logTitle")}</a></li>` : ""}
</ul>
<section aria-labelledby="efter"><h2 id="efter">${t("promises.staff.behindHeading")}</h2>${behindList(ctx, behind)}</section>
<section aria-labelledby="alla">
  <h2 id="alla">${t("promises.staff.allPromises")}</h2>
  ${
    rows.length
      ? html`${scrollTable(
          t("promises.staff.allPromisesCaption"),
          html`<table>
    <caption>${t("promises.staff.allPromisesCaption")}</caption>
    <thead><tr><th scope="col">${t("promises.field.document")}</th><th scope="col">${t("promises.field.number")}</th><th scope="col">${t("promises.field.promise")}</th><th scope="col">${t(
      "promises.field.target",
    )}</th><th scope="col">${t("promises.progress.achieved")}</th><th scope="col">${t("promises.progress.state")}</th></tr></thead>
    <tbody>${rows.map(
      ({ doc, promise: p }) => html`<tr>
      <td><a href="${base}/${doc.id}">${sv(ctx, doc.title)}</a></td><td>${p.number}</td><td>${sv(ctx, p.text)}</td><td>${targetHtml(ctx, p.target) ?? t("promises.target.none")}</td>
      <td>${achievedHtml(ctx, p.progress, p.target)}</td>
      <td>${
        p.progress.kind === "noTarget"
          ? html`<span class="muted">${t("promises.progress.notMeasured")}</span>`
          : html`${stateBadge(t, p.progress)}${missedText(t, p.progress, p.target) ? html`<br>${missedText(t, p.progress, p.target)}` : ""}`
      }</td>
    </tr>`,
    )}</tbody></table>`,
        )}`
      : html`<p>${t("promises.staff.noActive")}</p>`
  }
</section>
<section aria-labelledby="dokument">
  <h2 id="dokument">${t("promises.staff.documents")}</h2>
  ${
    input.documents.length
      ? html`${scrollTable(
          t("promises.staff.documentsCaption"),
          html`<table><caption>${t("promises.staff.documentsCaption")}</caption>
    <thead><tr><th scope="col">${t("promises.field.title")}</th><th scope="col">${t("promises.field.validity")}</th><th scope="col">${t("promises.field.status")}</th></tr></thead>
    <tbody>${input.documents.map(
      (d) =>
        html`<tr><td><a href="${base}/${d.id}">${sv(ctx, d.title)}</a>${d.revision > 1 ? html` <span class="muted">(${t("promises.doc.revision", { revision: d.revision })})</span>` : ""}</td><td>${dateRange(
          ctx.locale,
          d.valid_from,
          d.valid_to,
        )}</td><td>${statusBadge(t, d.status)}</td></tr>`,
    )}</tbody></table>`,
        )}`
      : html`<p>${t("promises.staff.noDocuments")}</p>`
  }
</section>`,
  };
}

function problemText(ctx: PageContext, p: SigningProblem): SafeHtml {
  const { t } = ctx;
  if (p.code === "missingSignatories")
    return mixed(ctx, t("promises.problem.missingSignatories", { parties: content(p.parties.map((x) => x.name).join(", ")) }));
  return html`${t(`promises.problem.${p.code}`)}`;
}

export function problemsBox(ctx: PageContext, heading: string, problems: readonly SigningProblem[]): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="problems-title">
  <h2 id="problems-title">${heading}</h2>
  <ul>${problems.map((p) => html`<li>${problemText(ctx, p)}</li>`)}</ul>
</div>`;
}

export type DocumentStaffInput = {
  view: DocumentView;
  abilities: Abilities;
  problems: SigningProblem[];
  /** A refused step to explain at the top (already translated). */
  notice?: string | null;
  events: Array<{ action: string; actor_name: string | null; note: string | null; created_at: Date }>;
  series: Array<{ id: string; revision: number; status: string; title: string }>;
  canDeleteActivity: (createdBy: string | null) => boolean;
};

export function documentStaffPage(ctx: PageContext, input: DocumentStaffInput): PageOptions {
  const { t } = ctx;
  const { view, abilities: can } = input;
  const doc = view.doc;
  const base = `${staffBase(ctx.tenant!.slug)}/${doc.id}`;
  const s = doc.status;
  const actions: SafeHtml[] = [];
  if (can.edit && statusAllows(s, "edit")) {
    actions.push(html`<a class="button" href="${base}/redigera">${t("promises.staff.edit")}</a>`);
    actions.push(html`<a class="button secondary" href="${base}/lofte/nytt">${t("promises.staff.addPromise")}</a>`);
  }
  if (can.sign && statusAllows(s, "sign")) actions.push(actionForm(ctx, `${base}/signera`, t("promises.staff.sign"), doc.version));
  if (can.publish && statusAllows(s, "publish")) actions.push(actionForm(ctx, `${base}/publicera`, t("promises.staff.publish"), doc.version));
  if (can.reopen && statusAllows(s, "reopen")) actions.push(actionForm(ctx, `${base}/aterga`, t("promises.staff.reopen"), doc.version, { secondary: true }));
  if (can.followUp && statusAllows(s, "followUp")) {
    actions.push(html`<a class="button" href="${base}/uppfoljning">${t("promises.staff.followUp")}</a>`);
    actions.push(actionForm(ctx, `${base}/uppfoljd`, t("promises.staff.markFollowedUp"), doc.version, { secondary: true }));
  }
  if (can.logActivity && statusAllows(s, "logActivity"))
    actions.push(html`<a class="button secondary" href="${staffBase(ctx.tenant!.slug)}/aktivitet">${t("promises.activity.logTitle")}</a>`);
  if (can.newVersion && statusAllows(s, "newVersion"))
    actions.push(actionForm(ctx, `${base}/ny-version`, t("promises.staff.newVersion"), doc.version, { secondary: true }));
  if (can.archive && statusAllows(s, "archive"))
    actions.push(actionForm(ctx, `${base}/arkivera`, t("promises.staff.archive"), doc.version, { secondary: true }));
  if (can.delete && s === "utkast") actions.push(actionForm(ctx, `${base}/ta-bort`, t("promises.staff.deleteDraft"), doc.version, { danger: true }));
  const isPublic = s === "publicerat" || s === "uppfoljt" || s === "arkiverat";
  const pdfHref = isPublic ? `${publicDocUrl(ctx.tenant!.slug, doc.id)}.pdf` : `${base}/forhandsgranska.pdf`;

  return {
    title: doc.title,
    head: moduleHead(),
    breadcrumbs: crumbs(ctx, sv(ctx, doc.title)),
    main: html`${input.notice ? html`<div class="error-summary" role="alert" tabindex="-1" data-focus-on-load><p>${input.notice}</p></div>` : ""}
<h1>${sv(ctx, doc.title)}</h1>
${statusAllows(s, "sign") ? problemsBox(ctx, t("promises.staff.beforeSigning"), input.problems) : ""}
${documentFacts(ctx, doc)}
${excerptNote(ctx, view)}
<p>${t("promises.doc.revision", { revision: doc.revision })}${
      input.series.length > 1
        ? html` · ${t("promises.staff.otherVersions")}: ${input.series
            .filter((x) => x.id !== doc.id)
            .map(
              (x, i) =>
                html`${i ? ", " : ""}<a href="${staffBase(ctx.tenant!.slug)}/${x.id}">${t("promises.doc.revision", { revision: x.revision })} (${t(`promises.status.${x.status}`)})</a>`,
            )}`
        : ""
    }</p>
<ul class="actions">${actions.map((a) => html`<li>${a}</li>`)}
  <li><a href="${pdfHref}">${isPublic ? t("promises.public.downloadPdf") : t("promises.staff.previewPdf")}</a></li>
  ${isPublic ? html`<li><a href="${publicDocUrl(ctx.tenant!.slug, doc.id)}">${t("promises.staff.publicPage")}</a></li>` : ""}
</ul>
<section aria-labelledby="lofte"><h2 id="lofte">${t("promises.staff.promises")}</h2>
${view.promises.length ? view.promises.map((p) => promiseBlock(ctx, input, p)) : html`<p>${t("promises.staff.noPromisesYet")}</p>`}
</section>
${doc.introduction ? html`<section aria-labelledby="inledning"><h2 id="inledning">${t("promises.doc.introduction")}</h2>${paragraphs(doc.introduction, ctx)}</section>` : ""}
<section aria-labelledby="lagesbild"><h2 id="lagesbild">${t("promises.doc.findings")}</h2>
${
  doc.findings.length
    ? html`<ul>${doc.findings.map((f) => html`<li>${sv(ctx, f.text)} <span class="muted">(${t(`promises.source.${f.source}`)}${f.ref_url ? (safeLinkTarget(f.ref_url) ? html`, <a href="${safeLinkTarget(f.ref_url)}">${f.ref_url}</a>` : html`, ${f.ref_url}`) : ""})</span></li>`)}</ul>`
    : html`<p>${t("promises.staff.noFindings")}</p>`
}</section>
<section aria-labelledby="underskrifter"><h2 id="underskrifter">${t("promises.doc.signatures")}</h2>
${
  doc.signatories.length
    ? html`<ul>${doc.signatories.map(
        (x) =>
          html`<li>${x.name.trim() || t("promises.signatory.nameUnknown")}, ${sv(ctx, `${x.title}, ${x.organisation}`)} – ${ownerHtml(ctx, x.party, doc.parties)}${
            x.signed_on ? html` (${formatDate(x.signed_on, ctx.locale)})` : ""
          }</li>`,
      )}</ul>`
    : html`<p>${t("promises.staff.noSignatories")}</p>`
}</section>
${
  doc.source_note
    ? html`<section aria-labelledby="kalla"><h2 id="kalla">${t("promises.doc.sourceNote")}</h2>
<p class="hint">${t("promises.staff.sourceNoteStaffOnly")}</p>${paragraphs(doc.source_note)}</section>`
    : ""
}
<section aria-labelledby="historik"><h2 id="historik">${t("promises.staff.history")}</h2>
${scrollTable(
  t("promises.staff.historyCaption"),
  html`<table><caption>${t("promises.staff.historyCaption")}</caption>
<thead><tr><th scope="col">${t("promises.field.when")}</th><th scope="col">${t("promises.field.who")}</th><th scope="col">${t("promises.field.what")}</th></tr></thead>
<tbody>${input.events.map(
    (e) =>
      html`<tr><td>${formatDate(e.created_at, ctx.locale, true)}</td><td>${e.actor_name ?? "–"}</td><td>${t(`promises.event.${e.action}`)}${e.note ? html` <span class="muted">(${sv(ctx, e.note)})</span>` : ""}</td></tr>`,
  )}</tbody></table>`,
)}
</section>`,
  };
}

function promiseBlock(ctx: PageContext, input: DocumentStaffInput, p: PromiseView): SafeHtml {
  const { t } = ctx;
  const doc = input.view.doc;
  const can = input.abilities;
  const base = `${staffBase(ctx.tenant!.slug)}/${doc.id}`;
  const pbase = `${base}/lofte/${p.id}`;
  const editable = can.edit && statusAllows(doc.status, "edit");
  const statusOptions = PROMISE_STATUSES.map(
    (st) => html`<option value="${st}"${st === p.status ? html` selected` : ""}>${t(`promises.promiseStatus.${st}`)}</option>`,
  );
  return html`<article class="promise card" id="lofte-${p.id}">
  <h3>${p.number}. ${sv(ctx, p.text)}</h3>
  <dl class="facts">
    <dt>${t("promises.field.owner")}</dt><dd>${ownerHtml(ctx, p.owner, doc.parties)}</dd>
    <dt>${t("promises.field.target")}</dt><dd>${targetHtml(ctx, p.target) ?? t("promises.target.none")}</dd>
    ${p.responsibles.length ? html`<dt>${t("promises.field.responsible")}</dt><dd>${sv(ctx, p.responsibles.map((o) => o.name).join(", "))}</dd>` : ""}
    ${p.focus_area ? html`<dt>${t("promises.field.focusArea")}</dt><dd>${sv(ctx, p.focus_area)}</dd>` : ""}
    ${p.planned_activities ? html`<dt>${t("promises.field.planned")}</dt><dd>${sv(ctx, p.planned_activities)}</dd>` : ""}
    <dt>${t("promises.field.promiseStatus")}</dt><dd>${t(`promises.promiseStatus.${p.status}`)}</dd>
    ${
      p.verdict || p.progress.suggestedVerdict
        ? html`<dt>${t("promises.field.verdict")}</dt><dd>${verdictBadge(t, p.verdict)}${p.verdict_reason ? html` ${sv(ctx, p.verdict_reason)}` : ""}${
            p.progress.suggestedVerdict && p.verdict !== p.progress.suggestedVerdict
              ? html` <span class="muted">(${t("promises.verdict.suggested")}: ${t(`promises.verdict.${p.progress.suggestedVerdict}`)})</span>`
              : ""
          }</dd>`
        : ""
    }
  </dl>
  ${progressBlock(t, ctx.locale, p.progress, p.target)}
  ${periodTable(t, ctx.locale, p.progress, t("promises.progress.caption", { number: p.number }))}
  <ul class="actions">
    ${
      editable
        ? html`<li><a href="${pbase}/redigera">${t("promises.staff.editPromise", { number: p.number })}</a></li>
    <li>${actionForm(ctx, `${pbase}/flytta`, t("promises.staff.moveUp"), p.version, { secondary: true, extra: html`<input type="hidden" name="direction" value="up">` })}</li>
    <li>${actionForm(ctx, `${pbase}/flytta`, t("promises.staff.moveDown"), p.version, { secondary: true, extra: html`<input type="hidden" name="direction" value="down">` })}</li>
    <li>${actionForm(ctx, `${pbase}/ta-bort`, t("promises.staff.removePromise"), p.version, { danger: true })}</li>`
        : ""
    }
    ${
      can.setPromiseStatus && statusAllows(doc.status, "setPromiseStatus")
        ? html`<li><form method="post" action="${pbase}/status" class="inline-form">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}"><input type="hidden" name="version" value="${p.version}">
      <label for="status-${p.id}">${t("promises.field.promiseStatus")}</label>
      <select id="status-${p.id}" name="status">${statusOptions}</select>
      <button type="submit" class="secondary">${t("promises.staff.saveStatus")}</button></form></li>`
        : ""
    }
    ${can.logActivity && statusAllows(doc.status, "logActivity") ? html`<li><a href="${staffBase(ctx.tenant!.slug)}/aktivitet?lofte=${p.id}">${t("promises.activity.logFor", { number: p.number })}</a></li>` : ""}
  </ul>
  ${
    p.activities.length
      ? html`<details><summary>${t("promises.staff.activitiesCount", { count: p.activities.length })}</summary>
  <ul class="activity-list">${[...p.activities].reverse().map(
    (
      a,
    ) => html`<li><time datetime="${a.occurred_on}">${formatDate(a.occurred_on, ctx.locale)}</time>: ${sv(ctx, a.title)}${a.place_name ? html` – ${sv(ctx, a.place_name)}` : ""}${
      a.outcomes.length ? html` <span class="muted">(${outcomesHtml(ctx, a.outcomes)})</span>` : ""
    }${a.description ? html`<br>${sv(ctx, a.description)}` : ""}
    ${a.attachments.length ? html`<br>${t("promises.activity.attachments")}: ${a.attachments.map((f, i) => html`${i ? ", " : ""}<a href="${staffBase(ctx.tenant!.slug)}/bilagor/${f.id}">${f.filename}</a>`)}` : ""}
    ${
      input.canDeleteActivity(a.created_by) && statusAllows(doc.status, "logActivity")
        ? html`<form method="post" action="${staffBase(ctx.tenant!.slug)}/aktivitet/${a.id}/ta-bort" class="inline-form"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button type="submit" class="link-button">${t(
            "promises.activity.remove",
          )}<span class="visually-hidden"> ${sv(ctx, a.title)}</span></button></form>`
        : ""
    }</li>`,
  )}</ul></details>`
      : ""
  }
</article>`;
}

/**
 * The confirmation step of a destructive or public action (works without JavaScript): what will
 * happen, in words, and a button that posts the same form again with confirm=ja.
 */
export function confirmPage(
  ctx: PageContext,
  c: {
    doc: DocumentRow;
    heading: string;
    question: string;
    action: string;
    fields: Record<string, string>;
    confirmLabel: string;
    danger?: boolean;
    cancelHref?: string;
  },
): PageOptions {
  const cancelHref = c.cancelHref ?? `${staffBase(ctx.tenant!.slug)}/${c.doc.id}`;
  return {
    title: c.heading,
    head: moduleHead(),
    breadcrumbs: crumbs(ctx, c.heading, c.doc),
    main: html`<h1>${c.heading}</h1>
<p class="lead">${c.question}</p>
${confirmForm(ctx, { action: c.action, fields: c.fields, confirmLabel: c.confirmLabel, cancelHref, danger: c.danger })}`,
  };
}
