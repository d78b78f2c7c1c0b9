// The staff page of named places: a map with the places, the table with the same information,
// the form to add one (a position from the map or typed as latitude/longitude) and removal
// with confirmation.
import { PLACE_KINDS } from "../../platform/db/schema.ts";
import { checkboxField, csrfField, errorSummary, type FieldErrors, inputField, selectField, textareaField } from "../../platform/http/forms.ts";
import { html, type SafeHtml } from "../../platform/http/html.ts";
import type { PageOptions } from "../../platform/http/layout.ts";
import type { PageContext } from "../../platform/http/page-context.ts";
import type { PlaceRow } from "./places.ts";

export type PlaceFormValues = Record<string, string>;

export function placesPage(
  ctx: PageContext,
  p: { places: PlaceRow[]; mayManage: boolean; map: SafeHtml; values: PlaceFormValues; errors?: FieldErrors; formError?: string },
): PageOptions {
  const { t } = ctx;
  const base = `/t/${ctx.tenant!.slug}/arbete/platser`;
  return {
    title: t("tenants.places.title"),
    head: html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">`,
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js"],
    breadcrumbs: [
      [t("tenants.staff.title"), `/t/${ctx.tenant!.slug}/arbete`],
      [t("tenants.places.title"), null],
    ],
    main: html`<h1>${t("tenants.places.title")}</h1>
<p class="lead">${t("tenants.places.lead")}</p>
${errorSummary(ctx, p.errors, p.formError)}
${p.map}
<div class="table-scroll" role="region" aria-labelledby="places-caption" tabindex="0">
<table>
  <caption id="places-caption">${t("tenants.places.caption", { count: p.places.length })}</caption>
  <thead><tr><th scope="col">${t("tenants.places.name")}</th><th scope="col">${t("tenants.places.kind")}</th><th scope="col">${t("tenants.places.position")}</th>${
    p.mayManage ? html`<th scope="col">${t("tenants.places.actions")}</th>` : ""
  }</tr></thead>
  <tbody>
  ${p.places.map(
    (pl) => html`<tr id="plats-${pl.id}">
    <td>${pl.name}${pl.description ? html`<br><span class="muted">${pl.description}</span>` : ""}</td>
    <td>${t(`tenants.placeKind.${pl.kind}`)}</td>
    <td>${pl.lat.toFixed(5)}, ${pl.lon.toFixed(5)}</td>
    ${
      p.mayManage
        ? html`<td><form method="post" action="${base}/${pl.id}/ta-bort" class="confirm-form">
      ${csrfField(ctx)}
      ${checkboxField({ name: "confirm", id: `confirm-${pl.id}`, label: t("tenants.places.confirmRemove", { name: pl.name }) })}
      <button type="submit" class="secondary">${t("tenants.places.remove")}<span class="visually-hidden"> ${pl.name}</span></button>
    </form></td>`
        : ""
    }
  </tr>`,
  )}
  </tbody>
</table>
</div>
${
  p.mayManage
    ? html`<section aria-labelledby="add-place">
  <h2 id="add-place">${t("tenants.places.add")}</h2>
  <form method="post" action="${base}" novalidate>
    ${csrfField(ctx)}
    ${inputField({ name: "name", label: t("tenants.places.name"), value: p.values.name, required: true, errors: p.errors })}
    ${selectField({
      name: "kind",
      label: t("tenants.places.kind"),
      value: p.values.kind ?? "annan",
      options: PLACE_KINDS.map((k) => ({ value: k, label: t(`tenants.placeKind.${k}`) })),
      errors: p.errors,
    })}
    ${inputField({ name: "lat", label: t("tenants.places.lat"), hint: t("tenants.places.latHint"), value: p.values.lat, inputmode: "decimal", required: true, errors: p.errors })}
    ${inputField({ name: "lon", label: t("tenants.places.lon"), value: p.values.lon, inputmode: "decimal", required: true, errors: p.errors })}
    ${textareaField({ name: "description", label: t("tenants.places.description"), value: p.values.description, rows: 2, errors: p.errors })}
    <button type="submit">${t("tenants.places.save")}</button>
  </form>
</section>`
    : ""
}`,
  };
}
