// Public pages: the tenant's coming and past walks, and one walk — its invitation (sign-up,
// förmöte viewpoints, accessibility), or after the walk its protocol with the action list as it
// is now (owner, status, due date, feedback, the date of each change), the closing meeting and
// re-walks. No login; works without JavaScript; every map has a table with the same facts.
import { checkboxField, contentLang, csrfField, type FieldErrors, formFields } from "../../../platform/http/forms.ts";
import { html, jsonForScript, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { CATEGORIES } from "../domain/categories.ts";
import { hasPublicProtocol } from "../domain/lifecycle.ts";
import type { WalkRow } from "../repo/walks.ts";
import { type ActionView, actionSummary, changedOn, type WalkView } from "../service/views.ts";
import {
  actionBadge,
  c,
  displayMap,
  kindLabel,
  lightBadge,
  lightText,
  type MapConfig,
  moduleHead,
  paragraphs,
  participantsList,
  publicBase,
  routeLayers,
  statusBadge,
  whenText,
} from "./format.ts";

export type PublicForms = {
  signup?: { values: Record<string, string>; errors?: FieldErrors; formError?: string | null };
  viewpoint?: { values: Record<string, string>; errors?: FieldErrors; formError?: string | null; names?: string[] };
};

function walkCard(ctx: PageContext, w: WalkRow & { actionCounts?: ReturnType<typeof actionSummary> | null; signups?: number }): SafeHtml {
  const { t } = ctx;
  const base = publicBase(ctx.tenant!.slug);
  const counts = w.actionCounts;
  const total = counts ? counts.ny + counts.planerad + counts.atgardad + counts.avslagen : 0;
  return html`<li class="card walk-card">
  <h3><a href="${base}/${w.id}">${sv(ctx, w.title)}</a></h3>
  <p>${kindLabel(t, w.kind)} · ${whenText(w, ctx.locale)} ${statusBadge(t, w.status)}</p>
  ${
    counts && total
      ? html`<p>${t("walks.public.actionProgress", { done: counts.atgardad, total, planned: counts.planerad, declined: counts.avslagen })}</p>`
      : w.status === "inbjudan" && w.signups !== undefined
        ? html`<p>${t("walks.signup.count", { count: w.signups, cap: w.signup_cap })}</p>`
        : ""
  }
</li>`;
}

export function publicListPage(
  ctx: PageContext,
  p: { coming: Array<WalkRow & { signups: number }>; past: Array<WalkRow & { actionCounts: ReturnType<typeof actionSummary> | null }> },
): PageOptions {
  const { t } = ctx;
  return {
    title: t("walks.public.title"),
    main: html`<h1>${t("walks.public.title")}</h1>
<p class="lead">${t("walks.public.lead")}</p>
<section aria-labelledby="coming">
  <h2 id="coming">${t("walks.public.coming")}</h2>
  ${p.coming.length ? html`<ul class="card-list">${p.coming.map((w) => walkCard(ctx, w))}</ul>` : html`<p>${t("walks.public.noComing")}</p>`}
</section>
<section aria-labelledby="past">
  <h2 id="past">${t("walks.public.past")}</h2>
  ${p.past.length ? html`<ul class="card-list">${p.past.map((w) => walkCard(ctx, w))}</ul>` : html`<p>${t("walks.public.noPast")}</p>`}
</section>`,
  };
}

function stopsTable(ctx: PageContext, v: WalkView, id = "stops-caption"): SafeHtml {
  const { t } = ctx;
  if (v.stops.length === 0) return html``;
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table>
  <caption id="${id}">${t("walks.stops.caption", { count: v.stops.length })}</caption>
  <thead><tr><th scope="col">${t("walks.stops.number")}</th><th scope="col">${t("walks.stops.name")}</th><th scope="col">${t("walks.stops.note")}</th></tr></thead>
  <tbody>${v.stops.map((s) => html`<tr><td>${s.position}</td><td>${sv(ctx, s.name)}</td><td>${sv(ctx, s.note)}</td></tr>`)}</tbody>
</table>
</div>`;
}

function facts(ctx: PageContext, v: WalkView): SafeHtml {
  const { t } = ctx;
  const w = v.walk;
  return html`<dl class="facts">
  <dt>${t("walks.field.when")}</dt><dd>${whenText(w, ctx.locale)}</dd>
  <dt>${t("walks.field.light")}</dt><dd>${lightBadge(t, v.light.darkest)} ${lightText(t, ctx.locale, v.light)}</dd>
  ${w.meeting_point ? html`<dt>${t("walks.field.meetingPoint")}</dt><dd>${sv(ctx, w.meeting_point)}</dd>` : ""}
  ${w.organisers.length ? html`<dt>${t("walks.field.organisers")}</dt><dd>${sv(ctx, w.organisers.join(", "))}</dd>` : ""}
  ${v.invited.length ? html`<dt>${t("walks.field.invited")}</dt><dd>${sv(ctx, v.invited.map((o) => o.name).join(", "))}</dd>` : ""}
  ${w.decision_makers.length ? html`<dt>${t("walks.field.decisionMakers")}</dt><dd>${sv(ctx, w.decision_makers.join(", "))}</dd>` : ""}
</dl>`;
}

function signupSection(ctx: PageContext, v: WalkView, form: PublicForms["signup"]): SafeHtml {
  const { t } = ctx;
  const w = v.walk;
  const action = `${publicBase(ctx.tenant!.slug)}/${w.id}/anmalan`;
  const values = form?.values ?? {};
  const left = Math.max(0, w.signup_cap - v.signups);
  const f = formFields(form?.errors);
  const fields = html`<form method="post" action="${action}" novalidate>
    ${csrfField(ctx)}
    ${f.input({ name: "name", label: t("walks.signup.name"), hint: t("walks.signup.nameHint"), value: values.name, autocomplete: "name" })}
    ${f.input({ name: "party_size", label: t("walks.signup.partySize"), hint: t("walks.signup.partySizeHint"), value: values.party_size ?? "1", type: "number", min: "1", max: "10", inputmode: "numeric" })}
    ${f.textarea({ name: "needs", label: t("walks.signup.needs"), hint: t("walks.signup.needsHint"), value: values.needs, rows: 2 })}
    <button type="submit">${t("walks.signup.submit")}</button>
  </form>`;
  return html`<section aria-labelledby="signup" class="walk-signup">
  <h2 id="signup">${t("walks.signup.heading")}</h2>
  <p><strong>${t("walks.signup.count", { count: v.signups, cap: w.signup_cap })}</strong></p>
  ${
    v.full
      ? html`<p class="notice" role="status">${t("walks.signup.full", { cap: w.signup_cap })}</p>`
      : html`<p>${t("walks.signup.lead", { left })}</p>
  ${f.summary(ctx, form?.formError)}
  ${fields}`
  }
</section>`;
}

function viewpointSection(ctx: PageContext, v: WalkView, map: MapConfig, form: PublicForms["viewpoint"]): SafeHtml {
  const { t } = ctx;
  const w = v.walk;
  const values = form?.values ?? {};
  const action = `${publicBase(ctx.tenant!.slug)}/${w.id}/synpunkter`;
  const f = formFields(form?.errors);
  const fields = html`<form method="post" action="${action}" novalidate>
    ${csrfField(ctx)}
    ${positionPicker(ctx, "viewpoint-map", { lat: w.lat, lon: w.lon }, v, map)}
    ${f.input({ name: "lat", label: t("walks.field.lat"), hint: t("walks.viewpoint.positionHint"), value: values.lat, inputmode: "decimal" })}
    ${f.input({ name: "lon", label: t("walks.field.lon"), value: values.lon, inputmode: "decimal" })}
    ${f.select({
      name: "category",
      label: t("walks.viewpoint.category"),
      value: values.category ?? "",
      placeholder: t("walks.form.chooseCategoryOptional"),
      options: CATEGORIES.map((k) => ({ value: k, label: t(`walks.category.${k}`) })),
    })}
    ${f.textarea({ name: "body", label: t("walks.viewpoint.body"), hint: t("walks.viewpoint.bodyHint"), value: values.body, rows: 4, required: true, lang: contentLang(ctx) })}
    ${(form?.names ?? []).map((name, i) =>
      checkboxField({ name: "confirmed_not_names", id: `f-confirm-${i}`, value: name, label: t("walks.screening.confirmNotName", { text: name }) }),
    )}
    <button type="submit">${t("walks.viewpoint.submit")}</button>
  </form>`;
  return html`<section aria-labelledby="viewpoints" class="walk-viewpoints">
  <h2 id="viewpoints">${t("walks.viewpoint.heading")}</h2>
  <p>${t("walks.viewpoint.lead")}</p>
  ${v.viewpoints ? html`<p>${t("walks.viewpoint.count", { count: v.viewpoints })}</p>` : ""}
  ${f.summary(ctx, form?.formError)}
  ${fields}
</section>`;
}

/**
 * A map where a tap sets the latitude/longitude fields (web/islands/walk-position.js); without
 * JavaScript the fields are typed. The stops are drawn for orientation.
 */
export function positionPicker(
  ctx: PageContext,
  id: string,
  centre: { lat: number; lon: number },
  v: Pick<WalkView, "stops" | "walk">,
  map: MapConfig,
): SafeHtml {
  const { t } = ctx;
  const data = {
    centre,
    tileUrl: map.tileUrl,
    attribution: map.attribution,
    layers: routeLayers(v.stops, v.walk.route),
    latInput: "f-lat",
    lonInput: "f-lon",
    text: {
      useMyPosition: t("walks.position.useMine"),
      locating: t("walks.position.locating"),
      located: t("walks.position.located"),
      failed: t("walks.position.failed"),
      chosen: t("walks.position.chosen"),
    },
  };
  return html`<div class="map-island" data-position-picker="${id}-data">
  <div id="${id}" class="map map--picker" role="region" aria-label="${t("walks.position.mapLabel")}"></div>
  <script type="application/json" id="${id}-data">${jsonForScript(data)}</script>
  <p class="map-note">${t("walks.position.mapNote")}</p>
  <p class="position-status" role="status" aria-live="polite"></p>
</div>`;
}

function actionRow(ctx: PageContext, a: ActionView, photoBase: string): SafeHtml {
  const { t } = ctx;
  const o = a.observation;
  const photo =
    o?.photo_public && o.thumb_file_id
      ? html`<br><a href="${photoBase}/${o.id}"><img src="${photoBase}/${o.id}?storlek=liten" alt="${t("walks.photo.alt", { number: a.number })}" class="walk-thumb" loading="lazy"></a>`
      : "";
  return html`<tr id="atgard-${a.number}">
  <td>${a.number}</td>
  <td>${sv(ctx, a.place_text)}${o?.category ? html`<br><span class="muted">${t(`walks.category.${o.category}`)}</span>` : ""}</td>
  <td>${sv(ctx, a.title)}${photo}</td>
  <td>${a.owner ? sv(ctx, a.owner) : html`<span class="muted">${t("walks.action.noOwner")}</span>`}</td>
  <td>${actionBadge(t, a.status)}${a.due_on ? html`<br><span class="muted">${t("walks.action.dueShort", { date: formatDate(a.due_on, ctx.locale) })}</span>` : ""}</td>
  <td>${a.public_feedback ? sv(ctx, a.public_feedback) : ""}${a.stated_plan ? html`<br><span class="muted">${t("walks.action.statedPlan")}: ${sv(ctx, a.stated_plan)}</span>` : ""}
    ${
      a.changes.length > 1
        ? html`<details><summary>${t("walks.action.history", { count: a.changes.length })}</summary><ul class="walk-history">${a.changes.map(
            (ch) =>
              html`<li><time datetime="${new Date(ch.created_at).toISOString()}">${formatDate(new Date(ch.created_at), ctx.locale)}</time>: ${t(`walks.actionStatus.${ch.status}`)}${
                ch.public_feedback ? html` – ${sv(ctx, ch.public_feedback)}` : ""
              }</li>`,
          )}</ul></details>`
        : ""
    }</td>
  <td><time datetime="${changedOn(a)}">${formatDate(changedOn(a), ctx.locale)}</time></td>
</tr>`;
}

export function actionTable(ctx: PageContext, actions: readonly ActionView[], photoBase: string, caption: string): SafeHtml {
  const { t } = ctx;
  return html`<div class="table-scroll" role="region" aria-labelledby="actions-caption" tabindex="0">
<table class="walk-actions">
  <caption id="actions-caption">${caption}</caption>
  <thead><tr>
    <th scope="col">${t("walks.action.number")}</th><th scope="col">${t("walks.action.place")}</th><th scope="col">${t("walks.action.measure")}</th>
    <th scope="col">${t("walks.action.owner")}</th><th scope="col">${t("walks.action.status")}</th><th scope="col">${t("walks.action.feedback")}</th><th scope="col">${t("walks.action.changed")}</th>
  </tr></thead>
  <tbody>${actions.map((a) => actionRow(ctx, a, photoBase))}</tbody>
</table>
</div>`;
}

/** Before and after: the earlier walk's actions with what this re-walk found at each. */
function beforeAfter(ctx: PageContext, v: WalkView, photoBase: (walkId: string) => string): SafeHtml {
  const { t } = ctx;
  const earlier = v.rewalkOf!;
  const rows = earlier.actions.filter((a) => a.followUps.some((f) => f.walk_id === v.walk.id) || a.status === "ny" || a.status === "planerad");
  if (rows.length === 0) return html`<p>${t("walks.rewalk.nothingOpen")}</p>`;
  const img = (walkId: string, o: { id: string; photo_public: boolean; thumb_file_id: string | null } | null | undefined, label: string) =>
    o?.photo_public && o.thumb_file_id
      ? html`<img src="${photoBase(walkId)}/${o.id}?storlek=liten" alt="${label}" class="walk-thumb" loading="lazy">`
      : html`<span class="muted">${t("walks.photo.none")}</span>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="before-after-caption" tabindex="0">
<table>
  <caption id="before-after-caption">${t("walks.rewalk.caption")}</caption>
  <thead><tr><th scope="col">${t("walks.action.measure")}</th><th scope="col">${t("walks.rewalk.before")}</th><th scope="col">${t("walks.rewalk.after")}</th><th scope="col">${t("walks.rewalk.seen")}</th></tr></thead>
  <tbody>${rows.map((a) => {
    const f = a.followUps.filter((x) => x.walk_id === v.walk.id).at(-1);
    return html`<tr>
    <td>${a.number}. ${sv(ctx, a.title)}<br><span class="muted">${sv(ctx, a.place_text)}</span> ${actionBadge(t, a.status)}</td>
    <td>${img(earlier.walk.id, a.observation, t("walks.rewalk.beforeAlt", { number: a.number }))}</td>
    <td>${img(v.walk.id, f, t("walks.rewalk.afterAlt", { number: a.number }))}</td>
    <td>${f ? html`${f.resolved === true ? t("walks.rewalk.resolved") : f.resolved === false ? t("walks.rewalk.notResolved") : ""} ${sv(ctx, f.description)}` : html`<span class="muted">${t("walks.rewalk.notVisited")}</span>`}</td>
  </tr>`;
  })}</tbody>
</table>
</div>`;
}

export function publicWalkPage(ctx: PageContext, v: WalkView, map: MapConfig, forms: PublicForms = {}): PageOptions {
  const { t } = ctx;
  const w = v.walk;
  const base = publicBase(ctx.tenant!.slug);
  const photoBase = (walkId: string) => `${base}/${walkId}/foton`;
  const protocol = hasPublicProtocol(w.status);
  const invitationOpen = w.status === "inbjudan" && new Date(w.ends_at).getTime() > Date.now();
  const viewpointsOpen = w.status === "inbjudan" && new Date(w.starts_at).getTime() > Date.now();
  const counts = actionSummary(v.actions);
  const scripts = ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js", ...(viewpointsOpen ? ["/static/islands/walk-position.js"] : [])];
  return {
    title: w.title,
    head: moduleHead(),
    scripts,
    breadcrumbs: [
      [t("walks.public.title"), base],
      [sv(ctx, w.title), null],
    ],
    main: html`<h1>${sv(ctx, w.title)}</h1>
<p class="lead">${kindLabel(t, w.kind)} ${statusBadge(t, w.status)}</p>
${w.status === "installd" ? html`<p class="notice">${t("walks.public.cancelled")} ${sv(ctx, w.cancelled_reason ?? "")}</p>` : ""}
${v.rewalkOf ? html`<p>${mixed(ctx, t("walks.public.rewalkOf", { title: c(v.rewalkOf.walk.title) }))} <a href="${base}/${v.rewalkOf.walk.id}">${t("walks.public.earlierProtocol")}</a></p>` : ""}
${facts(ctx, v)}
${w.purpose ? html`<section aria-labelledby="purpose"><h2 id="purpose">${t("walks.field.purpose")}</h2>${paragraphs(ctx, w.purpose)}</section>` : ""}
${w.accessibility_note ? html`<section aria-labelledby="access"><h2 id="access">${t("walks.field.accessibility")}</h2>${paragraphs(ctx, w.accessibility_note)}</section>` : ""}
<section aria-labelledby="route">
  <h2 id="route">${t("walks.public.route")}</h2>
  ${displayMap(ctx, "walk-map", t("walks.map.routeLabel"), routeLayers(v.stops, w.route), map)}
  ${stopsTable(ctx, v)}
</section>
${invitationOpen ? signupSection(ctx, v, forms.signup) : ""}
${viewpointsOpen ? viewpointSection(ctx, v, map, forms.viewpoint) : ""}
${w.status === "genomford" ? html`<section aria-labelledby="held"><h2 id="held">${t("walks.public.heldHeading")}</h2><p>${t("walks.public.held")}</p>${v.participants ? participantsList(ctx, v.participants) : ""}</section>` : ""}
${
  protocol
    ? html`<section aria-labelledby="protocol">
  <h2 id="protocol">${t("walks.protocol.heading")}</h2>
  <p>${t("walks.protocol.published", { date: formatDate(new Date(w.protocol_published_at ?? w.updated_at), ctx.locale) })} <a href="${base}/${w.id}.pdf">${t("walks.protocol.pdf")}</a></p>
  ${paragraphs(ctx, w.protocol_summary)}
  <h3>${t("walks.participants.heading")}</h3>
  ${v.participants ? participantsList(ctx, v.participants) : html`<p class="muted">${t("walks.participants.none")}</p>`}
  ${v.rewalkOf ? html`<h3>${t("walks.rewalk.heading")}</h3>${beforeAfter(ctx, v, photoBase)}` : ""}
  <h3 id="atgarder">${t("walks.protocol.actions")}</h3>
  <p>${t("walks.public.actionProgress", { done: counts.atgardad, total: v.actions.length, planned: counts.planerad, declined: counts.avslagen })}</p>
  ${v.actions.length ? actionTable(ctx, v.actions, photoBase(w.id), t("walks.protocol.actionsCaption", { count: v.actions.length })) : html`<p>${t("walks.protocol.noActions")}</p>`}
  ${
    w.status === "avslutad"
      ? html`<h3>${t("walks.closing.heading")}</h3>
  <p>${w.closing_meeting_on ? t("walks.closing.heldOn", { date: formatDate(w.closing_meeting_on, ctx.locale) }) : ""}</p>
  ${paragraphs(ctx, w.closing_meeting_notes)}`
      : ""
  }
  ${
    v.rewalks.length
      ? html`<h3>${t("walks.rewalk.later")}</h3><ul>${v.rewalks
          .filter((r) => r.status !== "utkast")
          .map((r) => html`<li><a href="${base}/${r.id}">${sv(ctx, r.title)}</a> – ${whenText(r, ctx.locale)}</li>`)}</ul>`
      : ""
  }
</section>`
    : ""
}`,
  };
}
