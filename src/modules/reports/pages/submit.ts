// The resident's report form (/t/{slug}/rapportera): phone first, complete without JavaScript
// (a named place or an area and words instead of the map), with the notice that what is sent can
// become an allmän handling. After a problem the form comes back with everything the resident
// wrote, the photos already kept, and — for personal data — exactly what was found.
import { contentLang, csrfField, type FieldErrors, formFields } from "../../../platform/http/forms.ts";
import { html, jsonForScript, mixed, raw, type SafeHtml, sv } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { type Finding, markFindings } from "../../../platform/privacy/screen.ts";
import type { PlaceRow } from "../../tenants/index.ts";
import type { PhotoRow } from "../repo/photos.ts";
import type { ReportRow } from "../repo/reports.ts";
import type { AreaRef } from "../service/geo.ts";
import { MAX_PHOTOS } from "../service/photos.ts";
import { MAX_DESCRIPTION, MAX_LOCATION_TEXT } from "../service/reports.ts";
import type { Category } from "../settings.ts";
import { UNSAFE_TIMES } from "../tables.ts";
import { checkboxGroup, day, LEAFLET_HEAD, publicBase, radioGroup, refText, statusBadge } from "./format.ts";

export type FormValues = Record<string, string | string[]>;

export const v = (values: FormValues, name: string): string => {
  const x = values[name];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};
export const vs = (values: FormValues, name: string): string[] => {
  const x = values[name];
  return Array.isArray(x) ? x : x ? [x] : [];
};

export type SimilarItem = { report: ReportRow; where: string | null; supports: number; distance: number };

export type SubmitPageInput = {
  categories: Category[];
  places: PlaceRow[];
  areas: AreaRef[];
  boundary: unknown;
  tileUrl: string;
  attribution: string;
  values: FormValues;
  errors?: FieldErrors;
  formError?: string | null;
  findings?: Record<string, Finding[]>;
  similar?: SimilarItem[];
  drafts: PhotoRow[];
  draftKey: string;
  otherTenant?: { name: string; slug: string } | null;
};

function findingsPanel(ctx: PageContext, values: FormValues, findings: Record<string, Finding[]>): SafeHtml {
  const { t } = ctx;
  const fields = Object.entries(findings);
  if (!fields.length) return html``;
  const names = [...new Set(fields.flatMap(([, list]) => list.filter((f) => !f.certain).map((f) => f.text)))];
  return html`<section class="privacy-findings" aria-labelledby="findings-title">
  <h2 id="findings-title">${t("reports.findings.title")}</h2>
  <p>${t("reports.findings.intro")}</p>
  ${fields.map(
    ([field, list]) => html`<div class="finding-field">
    <h3>${t(`reports.findings.field.${field}`)}</h3>
    <p class="marked-text"${ctx.locale === "sv" ? "" : raw(' lang="sv"')}>${markFindings(v(values, field), list).map((part) =>
      part.finding ? html`<mark>${part.text}</mark> <span class="finding-kind">(${t(`reports.finding.${part.finding.kind}`)})</span>` : part.text,
    )}</p>
  </div>`,
  )}
  <p>${t("reports.findings.rephrase")}</p>
  ${names.length ? html`<p>${t("reports.findings.namesHint")}</p>` : ""}
</section>`;
}

function similarPanel(ctx: PageContext, similar: SimilarItem[]): SafeHtml {
  const { t } = ctx;
  const base = publicBase(ctx.tenant!.slug);
  return html`<section class="similar" aria-labelledby="similar-title">
  <h2 id="similar-title">${t("reports.similar.title")}</h2>
  <p>${t("reports.similar.intro")}</p>
  <ul class="card-list">
    ${similar.map(
      (s) => html`<li class="card">
      <p><a href="${base}/${s.report.ref}">${t("reports.similar.item", { ref: refText(s.report.ref), metres: Math.round(s.distance) })}</a> ${statusBadge(ctx, s.report.status)}</p>
      <p>${sv(ctx, `${s.report.description.slice(0, 200)}${s.report.description.length > 200 ? "…" : ""}`)}</p>
      <p class="muted">${s.where ? mixed(ctx, s.where) : ""} · ${day(ctx, s.report.created_at)} · ${t("reports.supports.count", { count: s.supports })}</p>
      <form method="post" action="${base}/${s.report.ref}/instammer">
        ${csrfField(ctx)}
        <button type="submit" class="button">${t("reports.support.button")}</button>
      </form>
    </li>`,
    )}
  </ul>
  <p>${t("reports.similar.orSend")}</p>
</section>`;
}

export function submitPage(ctx: PageContext, p: SubmitPageInput): PageOptions {
  const { t, locale } = ctx;
  const slug = ctx.tenant!.slug;
  const { values, errors } = p;
  const confirmed = vs(values, "confirmed_not_names");
  const uncertain = [...new Set(Object.values(p.findings ?? {}).flatMap((list) => list.filter((f) => !f.certain).map((f) => f.text)))];
  const mapData = {
    boundary: p.boundary,
    tileUrl: p.tileUrl,
    attribution: p.attribution,
    nearbyUrl: `${publicBase(slug)}/nara.json`,
    reportBase: publicBase(slug),
    labels: {
      pick: t("reports.form.map.picked"),
      locate: t("reports.form.map.locate"),
      locating: t("reports.form.map.locating"),
      locateFailed: t("reports.form.map.locateFailed"),
      nearbyTitle: t("reports.similar.title"),
      nearbyIntro: t("reports.similar.introLive"),
      support: t("reports.support.button"),
      supports: t("reports.supports.label"),
    },
  };
  const f = formFields(errors ?? {});
  /** Register a hand-made group with the error summary where it appears in the form. */
  const note = (fn: () => void) => {
    fn();
    return "";
  };
  const form = html`<form method="post" action="/t/${slug}/rapportera" enctype="multipart/form-data" novalidate class="report-form">
  ${csrfField(ctx)}
  <input type="hidden" name="draft_key" value="${p.draftKey}">
  ${p.similar?.length ? html`<input type="hidden" name="skip_similar" value="1">` : html`<input type="hidden" name="skip_similar" value="${v(values, "skip_similar")}">`}
  ${note(() => f.target("category", t("reports.form.category"), "f-category"))}
  ${radioGroup({
    name: "category",
    legend: t("reports.form.category"),
    options: p.categories.map((c) => ({ value: c.code, label: c.name[locale], hint: c.description[locale] || undefined })),
    value: v(values, "category"),
    errors,
    required: true,
  })}
  ${note(() => f.target("location", t("reports.form.where"), "f-location"))}
  <fieldset class="field location${errors?.location ? " field--error" : ""}" id="f-location" aria-describedby="f-location-hint${errors?.location ? " f-location-error" : ""}">
    <legend>${t("reports.form.where")}</legend>
    <p class="hint" id="f-location-hint">${t("reports.form.whereHint")}</p>
    ${errors?.location ? html`<p class="error-message" id="f-location-error">${errors.location}</p>` : ""}
    <div class="pick-map" hidden>
      <div id="report-map" class="map" data-pick-map="report-map-data" role="application" aria-label="${t("reports.form.map.label")}"></div>
      <script type="application/json" id="report-map-data">${jsonForScript(mapData)}</script>
      <p class="hint">${t("reports.form.map.hint")}</p>
      <p class="pick-status" role="status" aria-live="polite"></p>
      <div class="nearby" aria-live="polite"></div>
    </div>
    <details class="coordinates"${v(values, "lat") || errors?.lat ? html` open` : ""}>
      <summary>${t("reports.form.coordinates")}</summary>
      ${f.input({ name: "lat", label: t("reports.form.lat"), value: v(values, "lat"), inputmode: "decimal", hint: t("reports.form.latHint") })}
      ${f.input({ name: "lon", label: t("reports.form.lon"), value: v(values, "lon"), inputmode: "decimal" })}
    </details>
    ${f.select({
      name: "place_id",
      label: t("reports.form.place"),
      hint: t("reports.form.placeHint"),
      value: v(values, "place_id"),
      placeholder: t("reports.form.placeNone"),
      options: p.places.map((pl) => ({ value: pl.id, label: pl.name, lang: contentLang(ctx) })),
    })}
    ${f.select({
      name: "area_id",
      label: t("reports.form.area"),
      value: v(values, "area_id"),
      placeholder: t("reports.form.areaNone"),
      options: p.areas.map((a) => ({ value: a.id, label: a.name, lang: contentLang(ctx) })),
    })}
    ${f.textarea({
      name: "location_text",
      lang: contentLang(ctx),
      label: t("reports.form.locationText"),
      hint: t("reports.form.locationTextHint", { max: MAX_LOCATION_TEXT }),
      value: v(values, "location_text"),
      rows: 2,
    })}
  </fieldset>
  ${note(() => f.target("feels_unsafe", t("reports.form.unsafe"), "f-feels_unsafe"))}
  ${radioGroup({
    name: "feels_unsafe",
    legend: t("reports.form.unsafe"),
    options: [
      { value: "ja", label: t("reports.form.unsafe.yes") },
      { value: "nej", label: t("reports.form.unsafe.no") },
      { value: "", label: t("reports.form.unsafe.unsure") },
    ],
    value: v(values, "feels_unsafe"),
    errors,
  })}
  ${note(() => f.target("unsafe_times", t("reports.form.when"), "f-unsafe_times"))}
  ${checkboxGroup({
    name: "unsafe_times",
    legend: t("reports.form.when"),
    hint: t("reports.form.whenHint"),
    options: UNSAFE_TIMES.map((k) => ({ value: k, label: t(`reports.time.${k}`) })),
    values: vs(values, "unsafe_times"),
    errors,
  })}
  ${f.textarea({
    name: "description",
    lang: contentLang(ctx),
    label: t("reports.form.description"),
    hint: t("reports.form.descriptionHint", { max: MAX_DESCRIPTION }),
    value: v(values, "description"),
    rows: 6,
    required: true,
  })}
  ${confirmed.filter((c) => !uncertain.includes(c)).map((c) => html`<input type="hidden" name="confirmed_not_names" value="${c}">`)}
  ${
    uncertain.length
      ? html`${note(() => f.target("confirmed_not_names", t("reports.findings.confirmLegend"), "f-confirmed_not_names"))}${checkboxGroup({
          name: "confirmed_not_names",
          legend: t("reports.findings.confirmLegend"),
          hint: t("reports.findings.confirmHint"),
          options: uncertain.map((n) => ({ value: n, label: mixed(ctx, t("reports.findings.notAPerson", { name: content(n) })) })),
          values: confirmed,
          errors,
        })}`
      : ""
  }
  ${note(() => f.target("photos", t("reports.form.photos", { max: MAX_PHOTOS }), "f-photos"))}
  <div class="field${errors?.photos ? " field--error" : ""}">
    <label for="f-photos">${t("reports.form.photos", { max: MAX_PHOTOS })}</label>
    <p class="hint" id="f-photos-hint">${t("reports.form.photosHint")}</p>
    ${errors?.photos ? html`<p class="error-message" id="f-photos-error">${errors.photos}</p>` : ""}
    ${
      p.drafts.length
        ? html`<ul class="draft-photos">${p.drafts.map(
            (d, i) => html`<li>${t("reports.form.photoKept", { n: i + 1, width: d.width, height: d.height })}
          <input type="checkbox" id="f-remove-${d.id}" name="remove_photo" value="${d.id}"> <label for="f-remove-${d.id}">${t("reports.form.photoRemove")}</label></li>`,
          )}</ul>`
        : ""
    }
    ${
      p.drafts.length < MAX_PHOTOS
        ? html`<input id="f-photos" type="file" name="photos" accept="image/jpeg,image/png,image/webp,image/heic" multiple aria-describedby="f-photos-hint${errors?.photos ? " f-photos-error" : ""}"${errors?.photos ? html` aria-invalid="true"` : ""}>`
        : html`<p id="f-photos">${t("reports.form.photosFull", { max: MAX_PHOTOS })}</p>`
    }
  </div>
  <fieldset class="field contact">
    <legend>${t("reports.form.contact")}</legend>
    <p class="hint">${t("reports.form.contactHint")}</p>
    ${f.input({ name: "name", label: t("reports.form.name"), value: v(values, "name"), autocomplete: "name" })}
    ${f.input({ name: "email", label: t("reports.form.email"), type: "email", value: v(values, "email"), autocomplete: "email" })}
    <div class="field field--checkbox">
      <input id="f-wants_updates" type="checkbox" name="wants_updates" value="ja"${v(values, "wants_updates") ? html` checked` : ""}>
      <label for="f-wants_updates">${t("reports.form.wantsUpdates")}</label>
    </div>
  </fieldset>
  <button type="submit" class="button">${p.similar?.length ? t("reports.similar.sendAnyway") : t("reports.form.submit")}</button>
</form>`;
  return {
    title: t("reports.form.title"),
    head: LEAFLET_HEAD,
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/report-map.js"],
    breadcrumbs: [
      [t("reports.public.title"), publicBase(slug)],
      [t("reports.form.title"), null],
    ],
    main: html`${f.summary(ctx, p.formError)}<h1>${t("reports.form.title")}</h1>
<p class="lead">${mixed(ctx, t("reports.form.lead", { tenant: content(ctx.tenant!.name) }))}</p>
<aside class="notice" aria-labelledby="public-record-title">
  <h2 id="public-record-title">${t("reports.form.publicRecord.title")}</h2>
  <p>${t("reports.form.publicRecord.text")}</p>
</aside>
${
  p.otherTenant
    ? html`<p class="notice"><a href="/t/${p.otherTenant.slug}/rapportera">${mixed(ctx, t("reports.form.otherTenant", { tenant: content(p.otherTenant.name) }))}</a></p>`
    : ""
}
${p.findings ? findingsPanel(ctx, values, p.findings) : ""}
${p.similar?.length ? similarPanel(ctx, p.similar) : ""}
${form}`,
  };
}
