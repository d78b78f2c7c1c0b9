// The capture page for a phone during the walk, and the page to complete or correct one
// observation. Without JavaScript the capture form is a plain form posted to the server (online);
// with JavaScript (web/islands/walk-capture.js) it keeps working without a network: each
// observation gets its id on the phone, is kept in IndexedDB with its photo and sent — exactly
// once — when the network is back. A service worker (served at …/vandringar/sw.js) keeps the
// page and its scripts available offline.
import { checkboxField, contentLang, csrfField, errorSummary, type FieldErrors, type FormFields, formFields } from "../../../platform/http/forms.ts";
import { html, jsonForScript, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { CATEGORIES, URGENCIES } from "../domain/categories.ts";
import { draftProblems } from "../domain/observation.ts";
import type { ObservationRow } from "../repo/observations.ts";
import type { ActionView, WalkView } from "../service/views.ts";
import { type MapConfig, moduleHead, routeLayers, staffBase } from "./format.ts";
import { staffCrumbs } from "./staff.ts";

export type CaptureForm = { values: Record<string, string>; errors?: FieldErrors; formError?: string | null; names?: string[] };

/** Open actions of the walk a re-walk follows up (what to look at again). */
function openEarlierActions(v: WalkView): ActionView[] {
  return v.rewalkOf ? v.rewalkOf.actions.filter((a) => a.status === "ny" || a.status === "planerad" || a.status === "atgardad") : [];
}

function observationFields(ctx: PageContext, v: WalkView, form: CaptureForm, f: FormFields): SafeHtml {
  const { t } = ctx;
  const values = form.values;
  const lang = contentLang(ctx);
  const earlier = openEarlierActions(v);
  const feelings = v.walk.captures_feelings;
  const radio = (name: string, value: string, label: string) =>
    html`<label class="walk-radio"><input type="radio" name="${name}" value="${value}"${values[name] === value ? html` checked` : ""}> ${label}</label>`;
  const radios = (name: string, legend: string, options: Array<[string, string]>) => {
    f.target(name, legend, `f-${name}`);
    const error = f.errors[name];
    return html`<fieldset class="walk-radios" id="f-${name}" tabindex="-1"${error ? html` aria-describedby="f-${name}-error"` : ""}><legend>${legend}</legend>
      ${error ? html`<p class="error-message" id="f-${name}-error">${error}</p>` : ""}
      ${options.map(([value, label]) => radio(name, value, label))}
    </fieldset>`;
  };
  return html`
  ${
    earlier.length
      ? html`<fieldset><legend>${t("walks.capture.followUpLegend")}</legend>
    ${f.select({
      name: "follows_action_id",
      label: t("walks.capture.followsAction"),
      hint: t("walks.capture.followsHint"),
      value: values.follows_action_id ?? "",
      placeholder: t("walks.capture.newObservation"),
      options: earlier.map((a) => ({ value: a.id, label: `${a.number}. ${a.title} (${t(`walks.actionStatus.${a.status}`)})`, lang })),
    })}
    ${radios("resolved", t("walks.capture.resolved"), [
      ["", t("walks.capture.notAnswered")],
      ["ja", t("walks.capture.resolvedYes")],
      ["nej", t("walks.capture.resolvedNo")],
    ])}
  </fieldset>`
      : ""
  }
  ${
    v.stops.length
      ? f.select({
          name: "stop_id",
          label: t("walks.capture.stop"),
          hint: t("walks.capture.stopHint"),
          value: values.stop_id ?? "",
          placeholder: t("walks.capture.noStop"),
          options: v.stops.map((s) => ({ value: s.id, label: `${s.position}. ${s.name}`, lang })),
        })
      : ""
  }
  ${f.input({ name: "lat", label: t("walks.field.lat"), hint: t("walks.capture.positionHint"), value: values.lat, inputmode: "decimal" })}
  ${f.input({ name: "lon", label: t("walks.field.lon"), value: values.lon, inputmode: "decimal" })}
  ${f.select({
    name: "category",
    label: t("walks.field.category"),
    hint: t("walks.capture.categoryHint"),
    value: values.category ?? "",
    placeholder: t("walks.form.chooseCategory"),
    options: CATEGORIES.map((k) => ({ value: k, label: t(`walks.category.${k}`) })),
  })}
  ${
    feelings
      ? html`${radios("unsafe", t("walks.field.unsafe"), [
          ["", t("walks.capture.notAnswered")],
          ["ja", t("walks.capture.yes")],
          ["nej", t("walks.capture.no")],
        ])}
  ${f.input({ name: "unsafe_for", label: t("walks.field.unsafeFor"), hint: t("walks.capture.unsafeForHint"), value: values.unsafe_for, lang })}`
      : ""
  }
  ${f.textarea({ name: "description", label: t("walks.field.description"), hint: t("walks.capture.descriptionHint"), value: values.description, rows: 3, lang })}
  ${f.textarea({ name: "proposed_measure", label: t("walks.field.proposedMeasure"), value: values.proposed_measure, rows: 2, lang })}
  ${f.select({
    name: "urgency",
    label: t("walks.field.urgency"),
    value: values.urgency ?? "",
    placeholder: t("walks.capture.noUrgency"),
    options: URGENCIES.map((u) => ({ value: u, label: t(`walks.urgency.${u}`) })),
  })}
  ${(form.names ?? []).map((name, i) => checkboxField({ name: "confirmed_not_names", id: `f-confirm-${i}`, value: name, label: t("walks.screening.confirmNotName", { text: name }) }))}`;
}

function serverList(ctx: PageContext, v: WalkView, observations: ObservationRow[]): SafeHtml {
  const { t } = ctx;
  const base = `${staffBase(ctx.tenant!.slug)}/${v.walk.id}`;
  if (observations.length === 0) return html`<p>${t("walks.capture.noneYet")}</p>`;
  return html`<ul class="walk-observations">${[...observations].reverse().map((o) => {
    const problems = draftProblems(o);
    return html`<li${o.draft ? html` class="walk-draft"` : ""}>
    <a href="${base}/observationer/${o.id}">${o.category ? t(`walks.category.${o.category}`) : t("walks.observation.noCategory")}</a>
    <span class="muted">${formatDate(new Date(o.observed_at), ctx.locale, true)}${o.observer_name ? ` · ${o.observer_name}` : ""}</span>
    ${o.description ? html`<br>${sv(ctx, o.description)}` : ""}
    ${problems.length ? html`<br><span class="badge badge--warn">${t("walks.observation.draft")}</span> ${t("walks.capture.draftWarning", { missing: problems.map((p) => t(`walks.observation.missing.${p}`)).join(", ") })}` : ""}
  </li>`;
  })}</ul>`;
}

export function capturePage(ctx: PageContext, p: { view: WalkView; form: CaptureForm; newId: string; map: MapConfig }): PageOptions {
  const { t } = ctx;
  const v = p.view;
  const slug = ctx.tenant!.slug;
  const base = `${staffBase(slug)}/${v.walk.id}`;
  const island = {
    tenant: slug,
    walkId: v.walk.id,
    putUrl: `/api/t/${slug}/walks/${v.walk.id}/observations/`,
    swUrl: `${staffBase(slug)}/sw.js`,
    swScope: `${staffBase(slug)}/`,
    centre: { lat: v.walk.lat, lon: v.walk.lon },
    tileUrl: p.map.tileUrl,
    attribution: p.map.attribution,
    layers: routeLayers(v.stops, v.walk.route),
    stops: v.stops.map((s) => ({ id: s.id, lat: s.lat, lon: s.lon })),
    categories: Object.fromEntries(CATEGORIES.map((k) => [k, t(`walks.category.${k}`)])),
    text: {
      queueHeading: t("walks.queue.heading"),
      empty: t("walks.queue.empty"),
      pending: t("walks.queue.pending"),
      sending: t("walks.queue.sending"),
      sent: t("walks.queue.sent"),
      photoPending: t("walks.queue.photoPending"),
      failed: t("walks.queue.failed"),
      offline: t("walks.queue.offline"),
      online: t("walks.queue.online"),
      saved: t("walks.queue.saved"),
      savedDraft: t("walks.queue.savedDraft"),
      draft: t("walks.observation.draft"),
      missingPosition: t("walks.observation.missing.position"),
      missingCategory: t("walks.observation.missing.category"),
      noCategory: t("walks.observation.noCategory"),
      edit: t("walks.queue.edit"),
      remove: t("walks.queue.remove"),
      retry: t("walks.queue.retry"),
      useMyPosition: t("walks.position.useMine"),
      locating: t("walks.position.locating"),
      located: t("walks.position.located"),
      failedPosition: t("walks.position.failed"),
      chosen: t("walks.position.chosen"),
      editing: t("walks.queue.editing"),
    },
  };
  const f = formFields(p.form.errors);
  const form = html`<form method="post" action="${base}/observationer" enctype="multipart/form-data" novalidate class="walk-capture" data-walk-capture="walk-capture-data">
  ${csrfField(ctx)}
  <input type="hidden" name="id" value="${p.newId}">
  <div class="map-island">
    <div id="capture-map" class="map map--picker" role="region" aria-label="${t("walks.position.mapLabel")}"></div>
    <p class="map-note">${t("walks.capture.mapNote")}</p>
    <p class="position-status" role="status" aria-live="polite"></p>
  </div>
  <script type="application/json" id="walk-capture-data">${jsonForScript(island)}</script>
  ${observationFields(ctx, v, p.form, f)}
  ${f.input({ name: "photo", label: t("walks.field.photo"), hint: t("walks.capture.photoHint"), type: "file" })}
  <button type="submit">${t("walks.capture.save")}</button>
</form>`;
  return {
    title: t("walks.capture.title", { title: v.walk.title }),
    head: moduleHead(),
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/walk-capture.js"],
    breadcrumbs: staffCrumbs(ctx, t("walks.capture.crumb"), v.walk),
    main: html`${f.summary(ctx, p.form.formError)}<h1>${t("walks.capture.heading")} <span class="muted">${sv(ctx, v.walk.title)}</span></h1>
<p class="lead">${t("walks.capture.lead")}</p>
<p class="walk-network" data-network-status role="status" aria-live="polite"></p>
${form}
<section aria-labelledby="queue-heading" class="walk-queue" hidden data-queue>
  <h2 id="queue-heading">${t("walks.queue.heading")}</h2>
  <ul data-queue-list></ul>
</section>
<section aria-labelledby="stored-heading">
  <h2 id="stored-heading">${t("walks.capture.stored", { count: v.observations.length })}</h2>
  ${serverList(ctx, v, v.observations)}
  <p><a href="${base}">${t("walks.capture.back")}</a></p>
</section>`,
  };
}

export function observationValues(o: ObservationRow): Record<string, string> {
  const yn = (b: boolean | null) => (b === true ? "ja" : b === false ? "nej" : "");
  return {
    stop_id: o.stop_id ?? "",
    lat: o.lat === null ? "" : String(o.lat),
    lon: o.lon === null ? "" : String(o.lon),
    category: o.category ?? "",
    unsafe: yn(o.unsafe),
    unsafe_for: o.unsafe_for,
    description: o.description,
    proposed_measure: o.proposed_measure,
    urgency: o.urgency ?? "",
    follows_action_id: o.follows_action_id ?? "",
    resolved: yn(o.resolved),
  };
}

export function observationPage(
  ctx: PageContext,
  p: {
    view: WalkView;
    observation: ObservationRow;
    form: CaptureForm;
    mayEdit: boolean;
    mayManage: boolean;
    editable: boolean;
    protocolForm?: { errors?: FieldErrors; formError?: string | null };
  },
): PageOptions {
  const { t } = ctx;
  const v = p.view;
  const o = p.observation;
  const base = `${staffBase(ctx.tenant!.slug)}/${v.walk.id}`;
  const problems = draftProblems(o);
  const canChange = p.mayEdit && p.editable;
  const f = formFields(p.form.errors);
  const form = canChange
    ? html`<form method="post" action="${base}/observationer/${o.id}" enctype="multipart/form-data" novalidate>
  ${csrfField(ctx)}
  <div class="map-island" data-position-picker="obs-map-data">
    <div id="obs-map" class="map map--picker" role="region" aria-label="${t("walks.position.mapLabel")}"></div>
    <script type="application/json" id="obs-map-data">${jsonForScript({
      centre: { lat: o.lat ?? v.walk.lat, lon: o.lon ?? v.walk.lon },
      marker: o.lat !== null && o.lon !== null ? { lat: o.lat, lon: o.lon } : null,
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
    })}</script>
    <p class="map-note">${t("walks.position.mapNote")}</p>
    <p class="position-status" role="status" aria-live="polite"></p>
  </div>
  ${observationFields(ctx, v, p.form, f)}
  ${f.input({ name: "photo", label: o.photo_file_id ? t("walks.capture.replacePhoto") : t("walks.field.photo"), hint: t("walks.capture.photoHint"), type: "file" })}
  ${o.photo_file_id ? f.checkbox({ name: "remove_photo", label: t("walks.capture.removePhoto"), checked: p.form.values.remove_photo === "on" }) : ""}
  <button type="submit">${t("walks.observation.save")}</button>
</form>`
    : html`<dl class="facts">
  <dt>${t("walks.field.category")}</dt><dd>${o.category ? t(`walks.category.${o.category}`) : "–"}</dd>
  <dt>${t("walks.field.description")}</dt><dd>${sv(ctx, o.description)}</dd>
  <dt>${t("walks.field.proposedMeasure")}</dt><dd>${sv(ctx, o.proposed_measure)}</dd>
  <dt>${t("walks.field.position")}</dt><dd>${o.lat !== null && o.lon !== null ? `${o.lat.toFixed(5)}, ${o.lon.toFixed(5)}` : "–"}</dd>
</dl>
${p.editable ? "" : html`<p class="muted">${t("walks.observation.locked")}</p>`}`;
  return {
    title: t("walks.observation.title"),
    head: moduleHead(),
    scripts: canChange ? ["/static/vendor/leaflet/leaflet.js", "/static/islands/walk-position.js"] : [],
    breadcrumbs: staffCrumbs(ctx, t("walks.observation.title"), v.walk),
    main: html`${f.summary(ctx, p.form.formError)}<h1>${t("walks.observation.title")}</h1>
<p class="muted">${formatDate(new Date(o.observed_at), ctx.locale, true)}${o.observer_name ? ` · ${o.observer_name}` : ""}</p>
${problems.length ? html`<p class="notice" role="status"><span class="badge badge--warn">${t("walks.observation.draft")}</span> ${t("walks.capture.draftWarning", { missing: problems.map((x) => t(`walks.observation.missing.${x}`)).join(", ") })}</p>` : ""}
${o.photo_file_id ? html`<p><a href="${base}/foton/${o.id}"><img src="${base}/foton/${o.id}?storlek=liten" alt="${t("walks.photo.altObservation")}" class="walk-thumb"></a></p>` : ""}
${form}
${
  p.mayManage
    ? html`<section aria-labelledby="in-protocol">
  <h2 id="in-protocol">${t("walks.observation.protocolLegend")}</h2>
  ${errorSummary(ctx, p.protocolForm?.errors, p.protocolForm?.formError)}
  <form method="post" action="${base}/observationer/${o.id}/protokoll" novalidate>
    ${csrfField(ctx)}
    ${o.photo_file_id ? checkboxField({ name: "photo_public", id: "f-photo_public", label: t("walks.observation.photoPublic"), hint: t("walks.observation.photoPublicHint"), checked: o.photo_public }) : ""}
    ${checkboxField({ name: "no_action", id: "f-no_action", label: t("walks.observation.noActionLabel"), hint: t("walks.observation.noActionHint"), checked: o.no_action })}
    <button type="submit" class="secondary">${t("walks.observation.saveProtocol")}</button>
  </form>
</section>`
    : ""
}
<p><a href="${base}">${t("walks.capture.back")}</a></p>`,
  };
}
