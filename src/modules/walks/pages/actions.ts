// Action pages: one action (the coordinator's edit — text, place, owner, due date — and the
// owner's status update with its public feedback, required to close), "my actions" across walks
// for åtgärdsägare, the closing meeting form, and the module's settings.
import { contentLang, csrfField, type FieldErrors, formFields } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { ACTION_STATUSES, CATEGORIES } from "../domain/categories.ts";
import type { ActionRow } from "../repo/actions.ts";
import type { WalkSettings } from "../schema.ts";
import type { ActionView, WalkView } from "../service/views.ts";
import { actionBadge, moduleHead, publicBase, staffBase } from "./format.ts";
import { staffCrumbs } from "./staff.ts";

type Form = { values: Record<string, string>; errors?: FieldErrors; formError?: string | null };

export function actionValues(a: ActionRow): Record<string, string> {
  return {
    title: a.title,
    place_text: a.place_text,
    organisation_id: a.organisation_id ?? "",
    due_on: a.due_on ?? "",
    status: a.status,
    public_feedback: a.public_feedback,
    version: String(a.version),
  };
}

export function actionPage(
  ctx: PageContext,
  p: {
    view: WalkView;
    action: ActionView;
    organisations: Array<{ id: string; name: string }>;
    mayEdit: boolean;
    mayUpdate: boolean;
    mayRemove: boolean;
    editForm?: Form;
    statusForm?: Form;
  },
): PageOptions {
  const { t } = ctx;
  const a = p.action;
  const w = p.view.walk;
  const base = staffBase(ctx.tenant!.slug);
  const o = a.observation;
  const lang = contentLang(ctx);
  const edit = p.editForm ?? { values: actionValues(a) };
  const status = p.statusForm ?? { values: actionValues(a) };
  const title = t("walks.action.title", { number: a.number });
  const sf = formFields(status.errors);
  const statusForm = html`<form method="post" action="${base}/atgarder/${a.id}/status" novalidate>
    ${csrfField(ctx)}<input type="hidden" name="version" value="${status.values.version}">
    ${sf.select({ name: "status", label: t("walks.action.status"), value: status.values.status, options: ACTION_STATUSES.map((s) => ({ value: s, label: t(`walks.actionStatus.${s}`) })) })}
    ${sf.input({ name: "due_on", id: "f-status-due_on", label: t("walks.action.due"), type: "date", value: status.values.due_on })}
    ${sf.textarea({ name: "public_feedback", label: t("walks.action.feedback"), hint: t("walks.action.feedbackHint"), value: status.values.public_feedback, rows: 4, lang })}
    <button type="submit">${t("walks.action.saveStatus")}</button>
  </form>`;
  const statusSection = html`<section aria-labelledby="status-heading">
  <h2 id="status-heading">${t("walks.action.updateHeading")}</h2>
  <p>${t("walks.action.updateLead")}</p>
  ${sf.summary(ctx, status.formError)}
  ${statusForm}
</section>`;
  const ef = formFields(edit.errors);
  const editForm = html`<form method="post" action="${base}/atgarder/${a.id}" novalidate>
    ${csrfField(ctx)}<input type="hidden" name="version" value="${edit.values.version}">
    ${ef.textarea({ name: "title", label: t("walks.action.measure"), value: edit.values.title, rows: 2, required: true, lang })}
    ${ef.input({ name: "place_text", label: t("walks.action.place"), value: edit.values.place_text, lang })}
    ${ef.select({
      name: "organisation_id",
      label: t("walks.action.owner"),
      hint: t("walks.action.ownerHint"),
      value: edit.values.organisation_id,
      placeholder: t("walks.action.chooseOwner"),
      options: p.organisations.map((org) => ({ value: org.id, label: org.name, lang })),
    })}
    ${ef.input({ name: "due_on", label: t("walks.action.due"), type: "date", value: edit.values.due_on })}
    <button type="submit">${t("walks.action.save")}</button>
  </form>`;
  const editSection = html`<section aria-labelledby="edit-heading">
  <h2 id="edit-heading">${t("walks.action.editHeading")}</h2>
  ${ef.summary(ctx, edit.formError)}
  ${editForm}
  ${
    p.mayRemove
      ? html`<form method="post" action="${base}/atgarder/${a.id}/ta-bort" class="confirm-form">
    ${csrfField(ctx)}
    <p>${t("walks.action.removeLead")}</p>
    <button type="submit" class="secondary">${t("walks.action.remove")}</button>
  </form>`
      : ""
  }
</section>`;
  return {
    title,
    head: moduleHead(),
    breadcrumbs: staffCrumbs(ctx, title, w),
    main: html`<h1>${title}: ${sv(ctx, a.title)}</h1>
<p>${actionBadge(t, a.status)} ${a.owner ? html`${t("walks.action.owner")}: ${sv(ctx, a.owner)}` : html`<span class="badge badge--warn">${t("walks.action.noOwner")}</span>`}</p>
<dl class="facts">
  <dt>${t("walks.action.place")}</dt><dd>${sv(ctx, a.place_text)}</dd>
  ${o?.category ? html`<dt>${t("walks.field.category")}</dt><dd>${t(`walks.category.${o.category}`)}</dd>` : ""}
  ${o?.description ? html`<dt>${t("walks.field.description")}</dt><dd>${sv(ctx, o.description)}</dd>` : ""}
  ${o?.unsafe !== null && o?.unsafe !== undefined ? html`<dt>${t("walks.field.unsafe")}</dt><dd>${o.unsafe ? t("walks.capture.yes") : t("walks.capture.no")}${o.unsafe_for ? html` – ${sv(ctx, o.unsafe_for)}` : ""}</dd>` : ""}
  ${o?.urgency ? html`<dt>${t("walks.field.urgency")}</dt><dd>${t(`walks.urgency.${o.urgency}`)}</dd>` : ""}
  ${a.owner_reason ? html`<dt>${t("walks.action.suggested")}</dt><dd>${t(`walks.ownerReason.${a.owner_reason}`)}</dd>` : ""}
  ${a.stated_plan ? html`<dt>${t("walks.action.statedPlan")}</dt><dd>${sv(ctx, a.stated_plan)}</dd>` : ""}
  ${a.sent_at ? html`<dt>${t("walks.action.sent")}</dt><dd>${formatDate(new Date(a.sent_at), ctx.locale)}</dd>` : ""}
</dl>
${o?.photo_file_id ? html`<p><a href="${base}/${w.id}/foton/${o.id}"><img src="${base}/${w.id}/foton/${o.id}?storlek=liten" alt="${t("walks.photo.alt", { number: a.number })}" class="walk-thumb"></a></p>` : ""}
${p.mayUpdate ? statusSection : ""}
${p.mayEdit ? editSection : ""}
<section aria-labelledby="changes-heading">
  <h2 id="changes-heading">${t("walks.action.changesHeading")}</h2>
  <ul class="walk-history">${a.changes.map(
    (ch) =>
      html`<li><time datetime="${new Date(ch.created_at).toISOString()}">${formatDate(new Date(ch.created_at), ctx.locale, true)}</time>: ${t(`walks.actionStatus.${ch.status}`)}${
        ch.due_on ? ` (${t("walks.action.dueShort", { date: formatDate(ch.due_on, ctx.locale) })})` : ""
      }${ch.public_feedback ? html` – ${sv(ctx, ch.public_feedback)}` : ""}${ch.actor_name ? html` <span class="muted">(${ch.actor_name})</span>` : ""}</li>`,
  )}</ul>
</section>
<p><a href="${base}/${w.id}">${t("walks.action.backToWalk")}</a> · <a href="${publicBase(ctx.tenant!.slug)}/${w.id}#atgarder">${t("walks.action.publicList")}</a></p>`,
  };
}

type MyAction = ActionRow & { walk_title: string; walk_starts_at: Date; organisation_name: string | null };

export function myActionsPage(ctx: PageContext, p: { actions: MyAction[]; scope: "all" | "organisation" | "none"; openOnly: boolean }): PageOptions {
  const { t } = ctx;
  const base = staffBase(ctx.tenant!.slug);
  const today = new Date().toISOString().slice(0, 10);
  return {
    title: t("walks.mine.title"),
    breadcrumbs: staffCrumbs(ctx, t("walks.mine.title")),
    main: html`<h1>${t("walks.mine.title")}</h1>
<p class="lead">${p.scope === "all" ? t("walks.mine.leadAll") : p.scope === "organisation" ? t("walks.mine.leadOwner") : t("walks.mine.leadNone")}</p>
<p>${p.openOnly ? html`<a href="${base}/mina-atgarder?alla=1">${t("walks.mine.showAll")}</a>` : html`<a href="${base}/mina-atgarder">${t("walks.mine.showOpen")}</a>`}</p>
${
  p.actions.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="mine-caption" tabindex="0"><table>
  <caption id="mine-caption">${p.openOnly ? t("walks.mine.captionOpen", { count: p.actions.length }) : t("walks.mine.caption", { count: p.actions.length })}</caption>
  <thead><tr><th scope="col">${t("walks.mine.walk")}</th><th scope="col">${t("walks.action.measure")}</th><th scope="col">${t("walks.action.owner")}</th><th scope="col">${t("walks.action.status")}</th><th scope="col">${t("walks.action.due")}</th></tr></thead>
  <tbody>${p.actions.map(
    (a) => html`<tr>
    <td>${sv(ctx, a.walk_title)}<br><span class="muted">${formatDate(new Date(a.walk_starts_at), ctx.locale)}</span></td>
    <td><a href="${base}/atgarder/${a.id}">${a.number}. ${sv(ctx, a.title)}</a><br><span class="muted">${sv(ctx, a.place_text)}</span></td>
    <td>${sv(ctx, a.organisation_name ?? "")}</td>
    <td>${actionBadge(t, a.status)}</td>
    <td>${a.due_on ? html`${formatDate(a.due_on, ctx.locale)}${a.due_on < today && (a.status === "ny" || a.status === "planerad") ? html` <span class="badge badge--danger">${t("walks.mine.overdue")}</span>` : ""}` : ""}</td>
  </tr>`,
  )}</tbody></table></div>`
    : html`<p>${t("walks.mine.none")}</p>`
}`,
  };
}

export function closingPage(ctx: PageContext, p: { view: WalkView; form: Form & { plans: Record<string, string> }; closing: boolean }): PageOptions {
  const { t } = ctx;
  const w = p.view.walk;
  const base = `${staffBase(ctx.tenant!.slug)}/${w.id}`;
  const lang = contentLang(ctx);
  const f = formFields(p.form.errors);
  const form = html`<form method="post" action="${base}/avslutande-mote" novalidate>
  ${csrfField(ctx)}<input type="hidden" name="version" value="${p.form.values.version}">
  ${f.input({ name: "closing_meeting_on", label: t("walks.closing.date"), type: "date", value: p.form.values.closing_meeting_on, required: true })}
  ${f.textarea({ name: "closing_meeting_notes", label: t("walks.closing.notes"), hint: t("walks.closing.notesHint"), value: p.form.values.closing_meeting_notes, rows: 5, lang })}
  <fieldset><legend>${t("walks.closing.plansLegend")}</legend>
  ${p.view.actions.map((a) =>
    f.textarea({
      name: `plan.${a.id}`,
      id: `f-plan-${a.number}`,
      label: html`${a.number}. ${sv(ctx, a.title)}${a.owner ? html` (${sv(ctx, a.owner)})` : ""}`,
      summaryLabel: t("walks.action.title", { number: a.number }),
      value: p.form.plans[a.id] ?? a.stated_plan,
      rows: 2,
      lang,
    }),
  )}
  </fieldset>
  <button type="submit">${p.closing ? t("walks.closing.submit") : t("walks.closing.save")}</button>
</form>`;
  return {
    title: t("walks.closing.title"),
    breadcrumbs: staffCrumbs(ctx, t("walks.closing.title"), w),
    main: html`${f.summary(ctx, p.form.formError)}<h1>${t("walks.closing.title")}</h1>
<p class="lead">${t("walks.closing.lead")}</p>
${form}`,
  };
}

export function settingsPage(
  ctx: PageContext,
  p: {
    settings: WalkSettings;
    organisations: Array<{ id: string; name: string }>;
    values?: Record<string, string>;
    errors?: FieldErrors;
    formError?: string | null;
  },
): PageOptions {
  const { t } = ctx;
  const base = staffBase(ctx.tenant!.slug);
  const lang = contentLang(ctx);
  const val = (k: string, d: string) => p.values?.[k] ?? d;
  const orgOptions = p.organisations.map((o) => ({ value: o.id, label: o.name, lang }));
  const f = formFields(p.errors);
  const form = html`<form method="post" action="${base}/installningar" novalidate>
  ${csrfField(ctx)}
  ${f.input({ name: "signupCap", label: t("walks.settings.signupCap"), hint: t("walks.settings.signupCapHint"), type: "number", min: "1", max: "500", value: val("signupCap", String(p.settings.signupCap)) })}
  <fieldset><legend>${t("walks.settings.ownersLegend")}</legend>
  <p class="hint">${t("walks.settings.ownersHint")}</p>
  ${f.select({ name: "defaultOwner", label: t("walks.settings.defaultOwner"), value: val("defaultOwner", p.settings.defaultOwner ?? ""), placeholder: t("walks.settings.noOwner"), options: orgOptions })}
  ${CATEGORIES.map((k) =>
    f.select({
      name: `owner.${k}`,
      id: `f-owner-${k}`,
      label: t(`walks.category.${k}`),
      value: val(`owner.${k}`, p.settings.ownerByCategory[k] ?? ""),
      placeholder: t("walks.settings.noOwner"),
      options: orgOptions,
    }),
  )}
  </fieldset>
  <fieldset><legend>${t("walks.settings.privacyLegend")}</legend>
  ${f.input({ name: "publicCellSize", label: t("walks.settings.cellSize"), hint: t("walks.settings.cellSizeHint"), type: "number", min: "50", max: "2000", value: val("publicCellSize", String(p.settings.publicCellSize)) })}
  ${f.input({ name: "publicMinCount", label: t("walks.settings.minCount"), type: "number", min: "1", max: "50", value: val("publicMinCount", String(p.settings.publicMinCount)) })}
  </fieldset>
  <button type="submit">${t("walks.settings.save")}</button>
</form>`;
  return {
    title: t("walks.settings.title"),
    breadcrumbs: staffCrumbs(ctx, t("walks.settings.title")),
    main: html`${f.summary(ctx, p.formError)}<h1>${t("walks.settings.title")}</h1>
<p class="lead">${t("walks.settings.lead")}</p>
${form}`,
  };
}

export type { SafeHtml };
