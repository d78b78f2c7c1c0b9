// Pages of the tenants module: the list of municipalities, a tenant's public start page with
// its boundary map (and list alternative) and the staff start page (the accessibility statement
// is in accessibility.ts).
import { content, plain } from "../../platform/i18n/content.ts";
import { html, jsonForScript, type SafeHtml, mixed, sv } from "../../platform/http/html.ts";
import { scrollTable } from "../../platform/http/tables.ts";
import type { PageOptions } from "../../platform/http/layout.ts";
import type { PageContext } from "../../platform/http/page-context.ts";
import type { PublicLink } from "../../platform/module.ts";
import type { GeoJSONGeometry } from "../../platform/db/schema.ts";

type Area = { slug: string; name: string; kind: string; geometry: unknown };

export function tenantListPage(ctx: PageContext, tenants: Array<{ slug: string; name: string; lan: string }>): PageOptions {
  const { t } = ctx;
  return {
    title: t("tenants.list.title"),
    main: html`<h1>${t("tenants.list.title")}</h1>
<p class="lead">${t("tenants.list.lead")}</p>
${
  tenants.length
    ? html`<ul class="card-list">${tenants.map(
        (x) => html`<li class="card"><a href="/t/${x.slug}">${sv(ctx, x.name)}</a> <span class="muted">${sv(ctx, x.lan)}</span></li>`,
      )}</ul>`
    : html`<p>${t("tenants.list.empty")}</p>`
}`,
  };
}

export function mapIsland(
  ctx: PageContext,
  id: string,
  data: { boundary: GeoJSONGeometry | null; areas: Area[]; layers?: Array<{ geojson: unknown }> },
  tileUrl: string,
  attribution: string,
  label?: string,
): SafeHtml {
  return html`<div class="map-island">
  <div id="${id}" class="map" data-map-source="${id}-data" role="region" aria-label="${label ?? ctx.t("tenants.map.label")}"></div>
  <script type="application/json" id="${id}-data">${jsonForScript({ ...data, tileUrl, attribution })}</script>
  <p class="map-note">${ctx.t("tenants.map.listAlternative")}</p>
</div>`;
}

export function tenantStartPage(
  ctx: PageContext,
  tenant: { slug: string; name: string; lan: string },
  intro: string,
  areas: Area[],
  links: readonly PublicLink[],
  map: SafeHtml,
  notices: readonly SafeHtml[] = [],
): PageOptions {
  const { t } = ctx;
  return {
    title: t("tenants.start.title"),
    head: html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">`,
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js"],
    main: html`<h1>${mixed(ctx, t("tenants.start.heading", { name: content(tenant.name) }))}</h1>
<p class="lead">${intro ? sv(ctx, intro) : mixed(ctx, t("tenants.start.defaultIntro", { name: content(tenant.name) }))}</p>
${notices}
<section aria-labelledby="public-parts">
  <h2 id="public-parts">${t("tenants.start.publicParts")}</h2>
  ${
    links.length
      ? html`<ul class="card-list">${links.map(
          (l) => html`<li class="card"><a href="/t/${tenant.slug}${l.path}">${t(l.label)}</a><p>${t(l.description)}</p></li>`,
        )}</ul>`
      : html`<p>${t("tenants.start.noPublicParts")}</p>`
  }
</section>
<section aria-labelledby="areas-heading">
  <h2 id="areas-heading">${t("tenants.start.areas")}</h2>
  ${map}
  ${scrollTable(
    plain(t("tenants.start.areasCaption", { name: tenant.name })),
    html`<table>
    <caption>${mixed(ctx, t("tenants.start.areasCaption", { name: content(tenant.name) }))}</caption>
    <thead><tr><th scope="col">${t("tenants.area.name")}</th><th scope="col">${t("tenants.area.kind")}</th><th scope="col">${t("tenants.area.geometry")}</th></tr></thead>
    <tbody>
      ${areas.map(
        (a) =>
          html`<tr><td>${sv(ctx, a.name)}</td><td>${t(`tenants.areaKind.${a.kind}`)}</td><td>${a.geometry ? t("tenants.area.onMap") : t("tenants.area.restOfMunicipality")}</td></tr>`,
      )}
    </tbody>
  </table>`,
  )}
  <p><a href="/api/t/${tenant.slug}/boundary.geojson">${t("tenants.start.downloadBoundary")}</a></p>
</section>`,
  };
}

export function staffStartPage(ctx: PageContext, tenant: { slug: string; name: string }, roles: readonly string[], sections: SafeHtml[]): PageOptions {
  const { t } = ctx;
  return {
    title: t("tenants.staff.title"),
    main: html`<h1>${mixed(ctx, t("tenants.staff.heading", { name: content(tenant.name) }))}</h1>
<p>${t("tenants.staff.yourRoles")}: ${roles.length ? roles.map((r, i) => html`${i ? ", " : ""}${t(`roles.${r}`)}`) : t("roles.systemAdmin")}</p>
${sections.length ? sections : html`<p>${t("tenants.staff.nothingOpen")}</p>`}`,
  };
}
