// The plan form (new walk and edit): kind, title, place and meeting point, date and times,
// stops (repeated rows; with JavaScript a tap on the map fills the next stop and a route can be
// drawn), purpose, organisers, invited organisations, decision makers, accessibility, sign-up cap,
// whether feelings are captured, and the promise the walk counts towards. The form re-renders
// with the person's input and an error summary; the hidden version makes a concurrent edit
// visible instead of lost.
import { type RowsSpec, rowsToRender } from "../../../platform/http/form-rows.ts";
import { checkboxField, contentLang, csrfField, type FieldErrors, type FormFields, formFields } from "../../../platform/http/forms.ts";
import { html, jsonForScript, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { WALK_KINDS } from "../domain/categories.ts";
import { stockholmDate, stockholmTime } from "../domain/time.ts";
import type { StopRow, WalkRow } from "../repo/walks.ts";
import { c, type MapConfig, moduleHead, staffBase } from "./format.ts";
import { staffCrumbs } from "./staff.ts";

export type PlanValues = Record<string, string | string[]>;

const v = (values: PlanValues, name: string): string => {
  const x = values[name];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};

export const MAX_STOPS = 30;
/** The stop rows of the plan form: at most MAX_STOPS filled, three blank ones to fill in (platform/http/form-rows.ts). */
export const STOP_ROWS: RowsSpec = { prefix: "stops", max: MAX_STOPS, spare: 3 };

export function planValues(w: WalkRow, stops: readonly StopRow[], invited: readonly string[]): PlanValues {
  const out: PlanValues = {
    kind: w.kind,
    title: w.title,
    place_id: w.place_id ?? "",
    meeting_point: w.meeting_point,
    lat: String(w.lat),
    lon: String(w.lon),
    date: stockholmDate(new Date(w.starts_at)),
    start_time: stockholmTime(new Date(w.starts_at)),
    end_time: stockholmTime(new Date(w.ends_at)),
    purpose: w.purpose,
    organisers: w.organisers.join("\n"),
    decision_makers: w.decision_makers.join("\n"),
    invited_organisation_ids: [...invited],
    accessibility_note: w.accessibility_note,
    signup_cap: String(w.signup_cap),
    captures_feelings: w.captures_feelings ? "on" : "",
    route: w.route ? JSON.stringify(w.route) : "",
    promise_id: w.promise_id ?? "",
    version: String(w.version),
  };
  stops.forEach((s, i) => {
    out[`stops.${i}.id`] = s.id;
    out[`stops.${i}.name`] = s.name;
    out[`stops.${i}.lat`] = String(s.lat);
    out[`stops.${i}.lon`] = String(s.lon);
    out[`stops.${i}.note`] = s.note;
  });
  return out;
}

export type PlanFormInput = {
  mode: "new" | "edit";
  walk?: WalkRow;
  values: PlanValues;
  errors?: FieldErrors;
  formError?: string | null;
  places: Array<{ id: string; name: string; lat: number; lon: number }>;
  organisations: Array<{ id: string; name: string }>;
  promises: Array<{ id: string; label: string }>;
  map: MapConfig;
  centre: { lat: number; lon: number };
};

export function planFormPage(ctx: PageContext, input: PlanFormInput): PageOptions {
  const { t } = ctx;
  const { values, errors } = input;
  const base = staffBase(ctx.tenant!.slug);
  const action = input.mode === "new" ? base : `${base}/${input.walk!.id}`;
  const lang = contentLang(ctx);
  const title = input.mode === "new" ? t("walks.plan.newTitle") : t("walks.plan.editTitle", { title: input.walk!.title });
  const heading = input.mode === "new" ? html`${title}` : mixed(ctx, t("walks.plan.editTitle", { title: c(input.walk!.title) }));
  const f = formFields(errors);
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) =>
    f.input({ name, label, value: v(values, name), ...extra } as Parameters<FormFields["input"]>[0]);
  const rows = rowsToRender(values, { ...STOP_ROWS, min: 3 });
  const invited = new Set(
    Array.isArray(values.invited_organisation_ids) ? values.invited_organisation_ids : values.invited_organisation_ids ? [values.invited_organisation_ids] : [],
  );
  const island = {
    centre: input.centre,
    tileUrl: input.map.tileUrl,
    attribution: input.map.attribution,
    stopRows: rows,
    routeInput: "f-route",
    places: input.places,
    text: {
      modeStop: t("walks.plan.mapModeStop"),
      modeRoute: t("walks.plan.mapModeRoute"),
      undo: t("walks.plan.routeUndo"),
      clear: t("walks.plan.routeClear"),
      stopAdded: t("walks.plan.stopAdded"),
      noRowLeft: t("walks.plan.noRowLeft"),
      routePoints: t("walks.plan.routePoints"),
    },
  };
  const form = html`<form method="post" action="${action}" novalidate class="walk-plan">
  ${csrfField(ctx)}
  ${input.mode === "edit" ? html`<input type="hidden" name="version" value="${v(values, "version")}">` : ""}
  ${f.select({ name: "kind", label: t("walks.field.kind"), value: v(values, "kind") || "medborgarvandring", options: WALK_KINDS.map((k) => ({ value: k, label: t(`walks.kind.${k}`) })) })}
  ${field("title", t("walks.field.title"), { required: true, hint: t("walks.plan.titleHint"), lang })}
  <fieldset><legend>${t("walks.plan.whenLegend")}</legend>
    ${field("date", t("walks.field.date"), { type: "date", required: true })}
    ${field("start_time", t("walks.field.startTime"), { type: "time", required: true, hint: t("walks.plan.timeHint") })}
    ${field("end_time", t("walks.field.endTime"), { type: "time", required: true })}
  </fieldset>
  <fieldset><legend>${t("walks.plan.whereLegend")}</legend>
    ${f.select({
      name: "place_id",
      label: t("walks.field.place"),
      hint: t("walks.plan.placeHint"),
      value: v(values, "place_id"),
      placeholder: t("walks.plan.noPlace"),
      options: input.places.map((p) => ({ value: p.id, label: p.name, lang })),
    })}
    ${field("meeting_point", t("walks.field.meetingPoint"), { hint: t("walks.plan.meetingPointHint"), lang })}
    ${field("lat", t("walks.field.lat"), { inputmode: "decimal", hint: t("walks.plan.positionHint") })}
    ${field("lon", t("walks.field.lon"), { inputmode: "decimal" })}
  </fieldset>
  ${stopGroup(ctx, f, values, rows, island)}
  ${f.textarea({ name: "purpose", label: t("walks.field.purpose"), hint: t("walks.plan.purposeHint"), value: v(values, "purpose"), rows: 4, lang })}
  ${f.textarea({ name: "organisers", label: t("walks.field.organisers"), hint: t("walks.plan.linesHint"), value: v(values, "organisers"), rows: 3, lang })}
  ${invitedGroup(ctx, f, input.organisations, invited)}
  ${f.textarea({ name: "decision_makers", label: t("walks.field.decisionMakers"), hint: t("walks.plan.decisionMakersHint"), value: v(values, "decision_makers"), rows: 3, lang })}
  ${f.textarea({ name: "accessibility_note", label: t("walks.field.accessibility"), hint: t("walks.plan.accessibilityHint"), value: v(values, "accessibility_note"), rows: 3, lang })}
  ${field("signup_cap", t("walks.field.signupCap"), { type: "number", min: "1", max: "500", inputmode: "numeric", hint: t("walks.plan.capHint") })}
  ${f.checkbox({ name: "captures_feelings", label: t("walks.field.capturesFeelings"), hint: t("walks.plan.feelingsHint"), checked: v(values, "captures_feelings") === "on" })}
  ${
    input.promises.length
      ? f.select({
          name: "promise_id",
          label: t("walks.field.promise"),
          hint: t("walks.plan.promiseHint"),
          value: v(values, "promise_id"),
          placeholder: t("walks.plan.noPromise"),
          options: input.promises.map((p) => ({ value: p.id, label: p.label, lang })),
        })
      : ""
  }
  <button type="submit">${input.mode === "new" ? t("walks.plan.create") : t("walks.plan.save")}</button>
</form>`;
  return {
    title,
    head: moduleHead(),
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/walk-plan.js"],
    breadcrumbs: staffCrumbs(ctx, heading, input.walk),
    main: html`${f.summary(ctx, input.formError)}<h1>${heading}</h1>
${form}`,
  };
}

/** The route: the map (stops and a drawn line with JavaScript) and the stop rows; messages about the rows as a whole link here. */
function stopGroup(ctx: PageContext, f: FormFields, values: PlanValues, rows: number, island: unknown): SafeHtml {
  const { t } = ctx;
  f.target("stops", t("walks.plan.routeLegend"), "f-stops");
  f.target("route", t("walks.plan.routeLegend"), "f-stops");
  const error = f.errors.stops ?? f.errors.route;
  return html`<fieldset id="f-stops" tabindex="-1"${error ? html` class="field--error" aria-describedby="f-stops-error"` : ""}><legend>${t("walks.plan.routeLegend")}</legend>
    <p class="hint">${t("walks.plan.routeHint")}</p>
    ${error ? html`<p class="error-message" id="f-stops-error">${error}</p>` : ""}
    <div class="map-island" data-walk-plan="walk-plan-data">
      <div id="walk-plan-map" class="map map--picker" role="region" aria-label="${t("walks.plan.mapLabel")}"></div>
      <script type="application/json" id="walk-plan-data">${jsonForScript(island)}</script>
      <p class="map-note">${t("walks.plan.mapNote")}</p>
      <p class="position-status" role="status" aria-live="polite"></p>
    </div>
    <input type="hidden" name="route" id="f-route" value="${v(values, "route")}">
    ${Array.from({ length: rows }, (_, i) => stopRow(ctx, f, values, i))}
  </fieldset>`;
}

/** The invited organisations as checkboxes; a message about them links to the group. */
function invitedGroup(ctx: PageContext, f: FormFields, organisations: ReadonlyArray<{ id: string; name: string }>, invited: ReadonlySet<string>): SafeHtml {
  const { t } = ctx;
  f.target("invited_organisation_ids", t("walks.field.invited"), "f-invited");
  const error = f.errors.invited_organisation_ids;
  return html`<fieldset id="f-invited" tabindex="-1"${error ? html` class="field--error" aria-describedby="f-invited-error"` : ""}><legend>${t("walks.field.invited")}</legend>
    <p class="hint">${t("walks.plan.invitedHint")}</p>
    ${error ? html`<p class="error-message" id="f-invited-error">${error}</p>` : ""}
    ${organisations.map((o) =>
      checkboxField({ name: "invited_organisation_ids", id: `f-invited-${o.id}`, value: o.id, label: sv(ctx, o.name), checked: invited.has(o.id) }),
    )}
  </fieldset>`;
}

function stopRow(ctx: PageContext, f: FormFields, values: PlanValues, i: number): SafeHtml {
  const { t } = ctx;
  const name = (k: string) => `stops.${i}.${k}`;
  const n = i + 1;
  return html`<fieldset class="walk-stop-row" data-stop-row="${i}"><legend>${t("walks.plan.stopLegend", { number: n })}</legend>
  <input type="hidden" name="${name("id")}" value="${v(values, name("id"))}">
  ${f.input({ name: name("name"), label: t("walks.stops.name"), summaryLabel: t("walks.plan.stopField", { number: n, field: t("walks.stops.name") }), value: v(values, name("name")), lang: contentLang(ctx) })}
  ${f.input({ name: name("lat"), label: t("walks.field.lat"), summaryLabel: t("walks.plan.stopField", { number: n, field: t("walks.field.lat") }), value: v(values, name("lat")), inputmode: "decimal" })}
  ${f.input({ name: name("lon"), label: t("walks.field.lon"), summaryLabel: t("walks.plan.stopField", { number: n, field: t("walks.field.lon") }), value: v(values, name("lon")), inputmode: "decimal" })}
  ${f.input({ name: name("note"), label: t("walks.stops.note"), summaryLabel: t("walks.plan.stopField", { number: n, field: t("walks.stops.note") }), value: v(values, name("note")), lang: contentLang(ctx) })}
</fieldset>`;
}
