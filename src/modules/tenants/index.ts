// Tenants: municipalities, their areas and organisations; the list of municipalities, each
// tenant's public start page, the staff start page and the accessibility statement.
import { html } from "../../platform/http/html.ts";
import type { App } from "../../platform/http/types.ts";
import type { TryggModule } from "../../platform/module.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerPlaceRoutes } from "./places-routes.ts";
import { can } from "./policy.ts";
import { registerTenantRoutes } from "./routes.ts";

async function routes(app: App): Promise<void> {
  await registerTenantRoutes(app);
  await registerPlaceRoutes(app);
}

export const tenantsModule: TryggModule = {
  name: "tenants",
  messages: { sv, en },
  routes,
  staffWidgets: [
    {
      order: 800,
      async render(req, ctx, tenantId) {
        if (!can(req.actor, "places.read", { tenant_id: tenantId }) || !ctx.tenant) return null;
        return html`<section aria-labelledby="places-widget">
  <h2 id="places-widget">${ctx.t("tenants.widget.places")}</h2>
  <p>${ctx.t("tenants.widget.placesText")}</p>
  <p><a href="/t/${ctx.tenant.slug}/arbete/platser">${ctx.t("tenants.places.title")}</a></p>
</section>`;
      },
    },
  ],
  testing: () => import("./testing.ts"),
};

export { addTenant } from "./service.ts";
export { getTenantBoundary, listAreas, listOrganisations } from "./repo.ts";
export { findMunicipality, listMunicipalities, municipalityAt, municipalityDisplayName } from "./municipalities.ts";
export { mapIsland } from "./pages.ts";
export { addPlace, describePosition, findPlace, listPlaces, nearestPlace, type PlaceRow } from "./places.ts";
