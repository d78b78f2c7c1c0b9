// Staff pages: the list of walks, and one walk's working page — the next step of its life
// (publish the invitation, hold it and count the participants, turn observations into the action
// list, publish the protocol, the closing meeting, a re-walk), sign-ups, förmöte viewpoints,
// observers, observations with drafts flagged, the action list and the history.
import { csrfField, errorSummary, type FieldErrors, formFields } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import type { HistoryEntry } from "../../../platform/documents/events.ts";
import { PARTICIPANT_GROUPS } from "../domain/categories.ts";
import { walkLifecycle } from "../domain/lifecycle.ts";
import { draftProblems } from "../domain/observation.ts";
import type { Abilities } from "../policy.ts";
import type { SignupRow, ViewpointRow } from "../repo/residents.ts";
import type { WalkRow } from "../repo/walks.ts";
import type { WalkView } from "../service/views.ts";
import {
  actionBadge,
  displayMap,
  kindLabel,
  lightBadge,
  lightText,
  type MapConfig,
  moduleHead,
  publicBase,
  routeLayers,
  staffBase,
  statusBadge,
  whenText,
} from "./format.ts";

export function staffCrumbs(ctx: PageContext, current: string | SafeHtml, walk?: Pick<WalkRow, "id" | "title">): Array<[string | SafeHtml, string | null]> {
  const base = staffBase(ctx.tenant!.slug);
  const crumbs: Array<[string | SafeHtml, string | null]> = [
    [ctx.t("walks.staff.workTitle"), `/t/${ctx.tenant!.slug}/arbete`],
    [ctx.t("walks.staff.title"), base],
  ];
  if (walk) crumbs.push([sv(ctx, walk.title), `${base}/${walk.id}`]);
  crumbs.push([current, null]);
  return crumbs;
}

export function staffListPage(ctx: PageContext, p: { walks: Array<WalkRow & { openActions: number }>; abilities: Abilities }): PageOptions {
  const { t } = ctx;
  const base = staffBase(ctx.tenant!.slug);
  return {
    title: t("walks.staff.title"),
    breadcrumbs: [
      [t("walks.staff.workTitle"), `/t/${ctx.tenant!.slug}/arbete`],
      [t("walks.staff.title"), null],
    ],
    main: html`<h1>${t("walks.staff.title")}</h1>
<p class="lead">${t("walks.staff.lead")}</p>
<ul class="actions">
  ${p.abilities.plan ? html`<li><a class="button" href="${base}/ny">${t("walks.staff.new")}</a></li>` : ""}
  <li><a href="${base}/mina-atgarder">${t("walks.mine.title")}</a></li>
  ${p.abilities.settings ? html`<li><a href="${base}/installningar">${t("walks.settings.title")}</a></li>` : ""}
  <li><a href="${publicBase(ctx.tenant!.slug)}">${t("walks.staff.publicPage")}</a></li>
</ul>
${
  p.walks.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="walks-caption" tabindex="0"><table>
  <caption id="walks-caption">${t("walks.staff.caption", { count: p.walks.length })}</caption>
  <thead><tr><th scope="col">${t("walks.field.title")}</th><th scope="col">${t("walks.field.when")}</th><th scope="col">${t("walks.field.status")}</th><th scope="col">${t("walks.staff.openActions")}</th></tr></thead>
  <tbody>${p.walks.map(
    (w) =>
      html`<tr><td><a href="${base}/${w.id}">${sv(ctx, w.title)}</a><br><span class="muted">${kindLabel(t, w.kind)}</span></td><td>${whenText(w, ctx.locale)}</td><td>${statusBadge(
        t,
        w.status,
      )}</td><td>${w.openActions}</td></tr>`,
  )}</tbody></table></div>`
    : html`<p>${t("walks.staff.none")}</p>`
}`,
  };
}

export type WalkPageInput = {
  view: WalkView;
  abilities: Abilities & { manageObservers: boolean };
  signups: SignupRow[];
  viewpoints: ViewpointRow[];
  staff: Array<{ id: string; name: string; role: string }>;
  history: HistoryEntry[];
  map: MapConfig;
  /** A form of the page shown again with the person's input and what to fix. */
  form?: { name: string; values: Record<string, string>; errors?: FieldErrors; formError?: string | null };
  notice?: string | null;
};

function stepButton(ctx: PageContext, action: string, version: number, label: string, cls = ""): SafeHtml {
  return html`<form method="post" action="${action}" class="inline-form">${csrfField(ctx)}<input type="hidden" name="version" value="${version}"><button type="submit"${
    cls ? html` class="${cls}"` : ""
  }>${label}</button></form>`;
}

function formState(input: WalkPageInput, name: string) {
  return input.form?.name === name ? input.form : undefined;
}

function participantsForm(ctx: PageContext, input: WalkPageInput, action: string, submit: string, name: string): SafeHtml {
  const { t } = ctx;
  const w = input.view.walk;
  const state = formState(input, name);
  const values = state?.values ?? Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, String(w[`participants_${g}`] ?? 0)]));
  const f = formFields(state?.errors);
  const form = html`<form method="post" action="${action}" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="version" value="${w.version}">
  <fieldset><legend>${t("walks.participants.legend")}</legend>
  <p class="hint">${t("walks.participants.hint")}</p>
  ${PARTICIPANT_GROUPS.map((g) => f.input({ name: g, id: `f-${name}-${g}`, label: t(`walks.group.${g}`), value: values[g], type: "number", min: "0", inputmode: "numeric" }))}
  </fieldset>
  <button type="submit">${submit}</button>
</form>`;
  return html`${f.summary(ctx, state?.formError)}${form}`;
}

function nextStep(ctx: PageContext, input: WalkPageInput): SafeHtml {
  const { t } = ctx;
  const { view, abilities } = input;
  const w = view.walk;
  const base = `${staffBase(ctx.tenant!.slug)}/${w.id}`;
  const parts: SafeHtml[] = [];
  if (w.status === "utkast" && abilities.edit) {
    parts.push(html`<p>${t("walks.step.publishLead")}</p>${stepButton(ctx, `${base}/publicera`, w.version, t("walks.step.publish"))}`);
  }
  if (w.status === "inbjudan" && abilities.edit) {
    parts.push(
      html`<h3>${t("walks.step.holdHeading")}</h3><p>${t("walks.step.holdLead")}</p>${participantsForm(ctx, input, `${base}/genomford`, t("walks.step.hold"), "hold")}`,
    );
    parts.push(html`<p>${stepButton(ctx, `${base}/aterkalla`, w.version, t("walks.step.withdraw"), "secondary")}</p>`);
  }
  if ((w.status === "utkast" || w.status === "inbjudan") && abilities.edit) {
    const state = formState(input, "cancel");
    const f = formFields(state?.errors);
    const form = html`<form method="post" action="${base}/stall-in" novalidate>
  ${csrfField(ctx)}<input type="hidden" name="version" value="${w.version}">
  ${f.textarea({ name: "reason", label: t("walks.step.cancelReason"), hint: t("walks.step.cancelHint"), value: state?.values.reason, rows: 2, required: true })}
  <button type="submit" class="secondary">${t("walks.step.cancel")}</button>
</form>`;
    parts.push(
      html`<details${state ? html` open` : ""}><summary>${t("walks.step.cancelHeading")}</summary>${f.summary(ctx, state?.formError)}${form}</details>`,
    );
  }
  if (w.status === "genomford" && abilities.protocol) {
    const drafts = view.observations.filter((o) => o.draft && !o.no_action && o.follows_action_id === null).length;
    const uncovered = view.observations.filter(
      (o) => !o.draft && !o.no_action && o.follows_action_id === null && !view.actions.some((a) => a.observation_id === o.id),
    ).length;
    const noOwner = view.actions.filter((a) => a.organisation_id === null).length;
    parts.push(html`<h3>${t("walks.step.actionsHeading")}</h3>
<p>${t("walks.step.actionsLead")}</p>
${uncovered ? html`<form method="post" action="${base}/atgarder" class="inline-form">${csrfField(ctx)}<button type="submit">${t("walks.step.generate", { count: uncovered })}</button></form>` : ""}
<ul class="walk-checks">
  <li>${drafts ? html`<span class="badge badge--warn">${t("walks.check.todo")}</span> ${t("walks.check.drafts", { count: drafts })}` : html`<span class="badge badge--ok">${t("walks.check.done")}</span> ${t("walks.check.noDrafts")}`}</li>
  <li>${uncovered ? html`<span class="badge badge--warn">${t("walks.check.todo")}</span> ${t("walks.check.uncovered", { count: uncovered })}` : html`<span class="badge badge--ok">${t("walks.check.done")}</span> ${t("walks.check.allCovered")}`}</li>
  <li>${noOwner ? html`<span class="badge badge--warn">${t("walks.check.todo")}</span> ${t("walks.check.noOwner", { count: noOwner })}` : html`<span class="badge badge--ok">${t("walks.check.done")}</span> ${t("walks.check.allOwned")}`}</li>
</ul>`);
    const state = formState(input, "protocol");
    const f = formFields(state?.errors);
    const form = html`<form method="post" action="${base}/protokoll" novalidate>
  ${csrfField(ctx)}<input type="hidden" name="version" value="${w.version}">
  ${f.textarea({ name: "protocol_summary", label: t("walks.field.protocolSummary"), hint: t("walks.step.protocolHint"), value: state?.values.protocol_summary ?? w.protocol_summary, rows: 5 })}
  <button type="submit">${t("walks.step.publishProtocol")}</button>
</form>`;
    parts.push(html`<h3>${t("walks.step.protocolHeading")}</h3>
${f.summary(ctx, state?.formError)}
${form}`);
  }
  if (w.status === "protokoll" && abilities.protocol) {
    parts.push(html`<p>${t("walks.step.closingLead")}</p><p><a class="button" href="${base}/avslutande-mote">${t("walks.step.closing")}</a></p>`);
  }
  if (w.status === "avslutad" && abilities.protocol) {
    parts.push(html`<p><a href="${base}/avslutande-mote">${t("walks.step.editClosing")}</a></p>`);
  }
  if (walkLifecycle.statusAllows(w.status, "scheduleRewalk") && abilities.protocol) {
    const state = formState(input, "rewalk");
    const f = formFields(state?.errors);
    const form = html`<form method="post" action="${base}/atervandring" novalidate>
  ${csrfField(ctx)}
  ${f.input({ name: "date", id: "f-rewalk-date", label: t("walks.field.date"), type: "date", value: state?.values.date, required: true })}
  ${f.input({ name: "start_time", id: "f-rewalk-start", label: t("walks.field.startTime"), type: "time", value: state?.values.start_time ?? "18:00", required: true })}
  ${f.input({ name: "end_time", id: "f-rewalk-end", label: t("walks.field.endTime"), type: "time", value: state?.values.end_time ?? "20:00", required: true })}
  <button type="submit">${t("walks.rewalk.plan")}</button>
</form>`;
    parts.push(html`<h3>${t("walks.rewalk.planHeading")}</h3><p>${t("walks.rewalk.planLead")}</p>
${f.summary(ctx, state?.formError)}
${form}`);
  }
  if (walkLifecycle.statusAllows(w.status, "setParticipants") && abilities.edit) {
    parts.push(
      html`<details${formState(input, "participants") ? html` open` : ""}><summary>${t("walks.participants.correct")}</summary>${participantsForm(
        ctx,
        input,
        `${base}/deltagare`,
        t("walks.participants.save"),
        "participants",
      )}</details>`,
    );
  }
  if (w.status === "installd") parts.push(html`<p>${t("walks.public.cancelled")} ${sv(ctx, w.cancelled_reason ?? "")}</p>`);
  if (parts.length === 0) return html``;
  return html`<section aria-labelledby="next-step" class="walk-step">
  <h2 id="next-step">${t("walks.step.heading")}</h2>
  ${parts}
</section>`;
}

function observationsTable(ctx: PageContext, input: WalkPageInput): SafeHtml {
  const { t } = ctx;
  const { view } = input;
  const base = `${staffBase(ctx.tenant!.slug)}/${view.walk.id}`;
  if (view.observations.length === 0) return html`<p>${t("walks.observation.none")}</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="obs-caption" tabindex="0"><table>
  <caption id="obs-caption">${t("walks.observation.caption", { count: view.observations.length })}</caption>
  <thead><tr><th scope="col">${t("walks.observation.when")}</th><th scope="col">${t("walks.field.category")}</th><th scope="col">${t("walks.field.description")}</th><th scope="col">${t("walks.observation.by")}</th><th scope="col">${t("walks.observation.state")}</th></tr></thead>
  <tbody>${view.observations.map((o) => {
    const problems = draftProblems(o);
    const stop = o.stop_id ? view.stops.find((s) => s.id === o.stop_id) : undefined;
    return html`<tr${o.draft ? html` class="walk-draft"` : ""}>
    <td><a href="${base}/observationer/${o.id}">${formatDate(new Date(o.observed_at), ctx.locale, true)}</a>${stop ? html`<br><span class="muted">${t("walks.observation.atStop", { number: stop.position })}</span>` : ""}</td>
    <td>${o.category ? t(`walks.category.${o.category}`) : html`<span class="muted">–</span>`}</td>
    <td>${sv(ctx, o.description || o.proposed_measure)}${o.photo_file_id ? html`<br><span class="muted">${t("walks.photo.has")}</span>` : ""}</td>
    <td>${sv(ctx, o.observer_name ?? "")}</td>
    <td>${
      problems.length
        ? html`<span class="badge badge--warn">${t("walks.observation.draft")}</span> ${problems.map((p) => t(`walks.observation.missing.${p}`)).join(", ")}`
        : o.no_action
          ? html`<span class="badge badge--muted">${t("walks.observation.noAction")}</span>`
          : o.follows_action_id
            ? html`<span class="badge badge--muted">${t("walks.observation.followUp")}</span>`
            : html`<span class="badge badge--ok">${t("walks.observation.complete")}</span>`
    }</td>
  </tr>`;
  })}</tbody></table></div>`;
}

function actionsTable(ctx: PageContext, input: WalkPageInput): SafeHtml {
  const { t } = ctx;
  const { view } = input;
  const base = staffBase(ctx.tenant!.slug);
  if (view.actions.length === 0) return html`<p>${t("walks.action.none")}</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="staff-actions-caption" tabindex="0"><table>
  <caption id="staff-actions-caption">${t("walks.protocol.actionsCaption", { count: view.actions.length })}</caption>
  <thead><tr><th scope="col">${t("walks.action.number")}</th><th scope="col">${t("walks.action.measure")}</th><th scope="col">${t("walks.action.owner")}</th><th scope="col">${t("walks.action.status")}</th><th scope="col">${t("walks.action.due")}</th></tr></thead>
  <tbody>${view.actions.map(
    (a) => html`<tr>
    <td>${a.number}</td>
    <td><a href="${base}/atgarder/${a.id}">${sv(ctx, a.title)}</a><br><span class="muted">${sv(ctx, a.place_text)}</span></td>
    <td>${a.owner ? sv(ctx, a.owner) : html`<span class="badge badge--warn">${t("walks.action.noOwner")}</span>`}${
      a.owner_reason ? html`<br><span class="muted">${t(`walks.ownerReason.${a.owner_reason}`)}</span>` : ""
    }</td>
    <td>${actionBadge(t, a.status)}</td>
    <td>${a.due_on ? formatDate(a.due_on, ctx.locale) : ""}</td>
  </tr>`,
  )}</tbody></table></div>`;
}

function viewpointsSection(ctx: PageContext, input: WalkPageInput): SafeHtml {
  const { t } = ctx;
  const { view, viewpoints, abilities } = input;
  const base = `${staffBase(ctx.tenant!.slug)}/${view.walk.id}`;
  const mayAdd = abilities.edit && walkLifecycle.statusAllows(view.walk.status, "edit");
  const extra = viewpoints.map((vp, i) => ({
    type: "Feature",
    properties: { label: `${t("walks.viewpoint.short")} ${i + 1}: ${vp.body.slice(0, 80)}`, style: { color: "#7a4b00" } },
    geometry: { type: "Point", coordinates: [vp.lon, vp.lat] },
  }));
  return html`<section aria-labelledby="staff-viewpoints">
  <h2 id="staff-viewpoints">${t("walks.viewpoint.staffHeading", { count: viewpoints.length })}</h2>
  ${viewpoints.length ? displayMap(ctx, "viewpoint-map", t("walks.map.viewpointsLabel"), routeLayers(view.stops, view.walk.route, extra), input.map) : ""}
  ${
    viewpoints.length
      ? html`<div class="table-scroll" role="region" aria-labelledby="vp-caption" tabindex="0"><table>
  <caption id="vp-caption">${t("walks.viewpoint.caption", { count: viewpoints.length })}</caption>
  <thead><tr><th scope="col">${t("walks.stops.number")}</th><th scope="col">${t("walks.viewpoint.body")}</th><th scope="col">${t("walks.field.category")}</th><th scope="col">${t("walks.viewpoint.route")}</th></tr></thead>
  <tbody>${viewpoints.map((vp, i) => {
    const stop = vp.stop_id ? view.stops.find((s) => s.id === vp.stop_id) : undefined;
    return html`<tr><td>${i + 1}</td><td>${sv(ctx, vp.body)}<br><span class="muted">${vp.lat.toFixed(5)}, ${vp.lon.toFixed(5)}</span></td><td>${
      vp.category ? t(`walks.category.${vp.category}`) : ""
    }</td><td>${
      stop
        ? t("walks.viewpoint.onRoute", { number: stop.position })
        : mayAdd
          ? html`<form method="post" action="${base}/synpunkter/${vp.id}/stopp" class="inline-form">${csrfField(ctx)}<button type="submit" class="secondary">${t(
              "walks.viewpoint.addStop",
            )}<span class="visually-hidden"> ${i + 1}</span></button></form>`
          : ""
    }</td></tr>`;
  })}</tbody></table></div>`
      : html`<p>${t("walks.viewpoint.none")}</p>`
  }
</section>`;
}

function observersSection(ctx: PageContext, input: WalkPageInput): SafeHtml {
  const { t } = ctx;
  const { view, staff, abilities } = input;
  const base = `${staffBase(ctx.tenant!.slug)}/${view.walk.id}`;
  const candidates = [...new Map(staff.filter((s) => !view.observers.some((o) => o.id === s.id)).map((s) => [s.id, s])).values()];
  return html`<section aria-labelledby="observers">
  <h2 id="observers">${t("walks.observers.heading")}</h2>
  <p>${t("walks.observers.lead")}</p>
  ${
    view.observers.length
      ? html`<ul>${view.observers.map(
          (o) =>
            html`<li>${o.name}${
              abilities.manageObservers
                ? html` <form method="post" action="${base}/observatorer" class="inline-form">${csrfField(ctx)}<input type="hidden" name="user_id" value="${o.id}"><input type="hidden" name="on" value="0"><button type="submit" class="link-button">${t(
                    "walks.observers.remove",
                  )}<span class="visually-hidden"> ${o.name}</span></button></form>`
                : ""
            }</li>`,
        )}</ul>`
      : html`<p class="muted">${t("walks.observers.none")}</p>`
  }
  ${
    abilities.manageObservers && candidates.length
      ? html`<form method="post" action="${base}/observatorer" novalidate>
    ${csrfField(ctx)}<input type="hidden" name="on" value="1">
    ${formFields().select({ name: "user_id", id: "f-observer", label: t("walks.observers.add"), options: candidates.map((s) => ({ value: s.id, label: `${s.name} (${t(`roles.${s.role}`)})` })) })}
    <button type="submit" class="secondary">${t("walks.observers.addButton")}</button>
  </form>`
      : ""
  }
</section>`;
}

export function walkStaffPage(ctx: PageContext, input: WalkPageInput): PageOptions {
  const { t } = ctx;
  const { view, abilities } = input;
  const w = view.walk;
  const base = `${staffBase(ctx.tenant!.slug)}/${w.id}`;
  const canCapture = abilities.capture && walkLifecycle.statusAllows(w.status, "capture");
  return {
    title: w.title,
    head: moduleHead(),
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js"],
    breadcrumbs: staffCrumbs(ctx, sv(ctx, w.title)),
    main: html`<h1>${sv(ctx, w.title)}</h1>
${input.notice ? html`<div class="notice" role="alert">${input.notice}</div>` : ""}
<p class="lead">${kindLabel(t, w.kind)} ${statusBadge(t, w.status)}</p>
<dl class="facts">
  <dt>${t("walks.field.when")}</dt><dd>${whenText(w, ctx.locale)}</dd>
  <dt>${t("walks.field.light")}</dt><dd>${lightBadge(t, view.light.darkest)} ${lightText(t, ctx.locale, view.light)}</dd>
  ${w.meeting_point ? html`<dt>${t("walks.field.meetingPoint")}</dt><dd>${sv(ctx, w.meeting_point)}</dd>` : ""}
  <dt>${t("walks.signup.heading")}</dt><dd>${t("walks.signup.count", { count: view.signups, cap: w.signup_cap })}</dd>
  ${w.promise_id ? html`<dt>${t("walks.field.promise")}</dt><dd>${w.promise_activity_id ? t("walks.promise.logged") : t("walks.promise.willLog")}</dd>` : ""}
  ${view.rewalkOf ? html`<dt>${t("walks.rewalk.of")}</dt><dd><a href="${staffBase(ctx.tenant!.slug)}/${view.rewalkOf.walk.id}">${sv(ctx, view.rewalkOf.walk.title)}</a></dd>` : ""}
</dl>
<ul class="actions">
  ${canCapture ? html`<li><a class="button" href="${base}/falt">${t("walks.capture.open")}</a></li>` : ""}
  ${abilities.edit && walkLifecycle.statusAllows(w.status, "edit") ? html`<li><a href="${base}/redigera">${t("walks.staff.edit")}</a></li>` : ""}
  ${w.status !== "utkast" ? html`<li><a href="${publicBase(ctx.tenant!.slug)}/${w.id}">${t("walks.staff.publicPage")}</a></li>` : ""}
</ul>
${errorSummary(ctx, input.form?.name === "step" ? input.form.errors : undefined, input.form?.name === "step" ? input.form.formError : null)}
${nextStep(ctx, input)}
<section aria-labelledby="route-heading">
  <h2 id="route-heading">${t("walks.public.route")}</h2>
  ${displayMap(ctx, "staff-walk-map", t("walks.map.routeLabel"), routeLayers(view.stops, w.route), input.map)}
  ${
    view.stops.length
      ? html`<ol class="walk-stops">${view.stops.map((s) => html`<li>${sv(ctx, s.name)}${s.note ? html` – <span class="muted">${sv(ctx, s.note)}</span>` : ""}</li>`)}</ol>`
      : html`<p>${t("walks.stops.none")}</p>`
  }
</section>
<section aria-labelledby="observations-heading">
  <h2 id="observations-heading">${t("walks.observation.heading")}</h2>
  ${observationsTable(ctx, input)}
</section>
<section aria-labelledby="actions-heading">
  <h2 id="actions-heading">${t("walks.protocol.actions")}</h2>
  ${actionsTable(ctx, input)}
</section>
${viewpointsSection(ctx, input)}
<section aria-labelledby="signups-heading">
  <h2 id="signups-heading">${t("walks.signup.staffHeading", { count: view.signups, cap: w.signup_cap })}</h2>
  <p class="hint">${t("walks.signup.staffHint")}</p>
  ${
    input.signups.length
      ? html`<ul>${input.signups.map(
          (s) =>
            html`<li>${s.name ? sv(ctx, s.name) : html`<span class="muted">${t("walks.signup.anonymous")}</span>`}${s.party_size > 1 ? ` (${t("walks.signup.party", { count: s.party_size })})` : ""}${
              s.needs ? html` – ${sv(ctx, s.needs)}` : ""
            }</li>`,
        )}</ul>`
      : html`<p class="muted">${t("walks.signup.none")}</p>`
  }
</section>
${observersSection(ctx, input)}
<section aria-labelledby="history">
  <h2 id="history">${t("walks.history.heading")}</h2>
  <ul class="walk-history">${input.history.map(
    (e) =>
      html`<li><time datetime="${new Date(e.created_at).toISOString()}">${formatDate(new Date(e.created_at), ctx.locale, true)}</time>: ${t(`walks.event.${e.action}`)}${
        e.actor_name ? html` – ${e.actor_name}` : ""
      }</li>`,
  )}</ul>
</section>`,
  };
}

export { lightBadge };
