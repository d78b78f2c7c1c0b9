// HTTP for tenants: pages and API. Handlers stay short: resolve, authorize, call, present.
import { z } from "zod";
import { isStaff, rolesIn } from "../../platform/auth/actor.ts";
import type { GeoJSONGeometry } from "../../platform/db/schema.ts";
import { apiError, apiErrors } from "../../platform/http/errors.ts";
import { htmlResponses, sendPage, sendPageAsync } from "../../platform/http/page.ts";
import type { App } from "../../platform/http/types.ts";
import { publicLinksList, staffWidgets } from "../../platform/http/widgets.ts";
import { accessibilityPage, mapIsland, staffStartPage, tenantListPage, tenantStartPage } from "./pages.ts";
import { getTenantBoundary, listAreas, listOrganisations, listTenants } from "./repo.ts";
import { AreaOut, OrganisationOut, TenantOut, TenantParams, TenantSummary, tenantSettings } from "./schema.ts";

export async function registerTenantRoutes(app: App): Promise<void> {
  const { config } = app.deps;

  app.get("/", { schema: { tags: ["sidor"], summary: "Kommuner som använder Trygg", response: htmlResponses } }, async (req, reply) => {
    const tenants = await listTenants(app.db);
    return sendPage(req, reply, (ctx) => tenantListPage(ctx, tenants));
  });

  app.get("/tillganglighet", { schema: { tags: ["sidor"], summary: "Tillgänglighetsredogörelse", response: htmlResponses } }, async (req, reply) =>
    sendPage(req, reply, (ctx) => accessibilityPage(ctx)),
  );

  app.get(
    "/t/:tenant",
    { schema: { tags: ["sidor"], summary: "Kommunens publika startsida", params: TenantParams, response: htmlResponses } },
    async (req, reply) => {
      const tenant = req.tenant!;
      const [areas, boundary] = await Promise.all([listAreas(app.db, tenant.id), getTenantBoundary(app.db, tenant.id)]);
      const settings = tenantSettings(tenant.settings);
      return sendPage(req, reply, (ctx) =>
        tenantStartPage(
          ctx,
          tenant,
          settings.intro,
          areas,
          publicLinksList(),
          mapIsland(ctx, "tenant-map", { boundary, areas }, config.MAP_TILE_URL, config.MAP_TILE_ATTRIBUTION),
        ),
      );
    },
  );

  app.get(
    "/t/:tenant/arbete",
    { schema: { tags: ["sidor"], summary: "Startsida för personal (öppet arbete)", params: TenantParams, response: htmlResponses } },
    async (req, reply) => {
      const tenant = req.tenant!;
      if (!req.actor) return reply.code(303).redirect(`/logga-in?tenant=${tenant.slug}&next=${encodeURIComponent(req.url)}`);
      if (!isStaff(req.actor, tenant.id)) return reply.callNotFound();
      return sendPageAsync(req, reply, async (ctx) => {
        const sections = [];
        for (const w of staffWidgets()) {
          const s = await w.render(req, ctx, tenant.id);
          if (s) sections.push(s);
        }
        return staffStartPage(ctx, tenant, rolesIn(req.actor, tenant.id), sections);
      });
    },
  );

  // API
  app.get(
    "/api/tenants",
    { schema: { tags: ["kommuner"], summary: "Lista kommuner (hyresgäster)", response: { 200: z.object({ tenants: z.array(TenantSummary) }) } } },
    async () => ({ tenants: (await listTenants(app.db)).map(({ slug, name, kommunkod, lan }) => ({ slug, name, kommunkod, lan })) }),
  );

  app.get(
    "/api/t/:tenant",
    {
      schema: { tags: ["kommuner"], summary: "En kommun med dess områden och inställningar", params: TenantParams, response: { 200: TenantOut, ...apiErrors } },
    },
    async (req) => {
      const tenant = req.tenant!;
      const areas = await listAreas(app.db, tenant.id);
      return {
        slug: tenant.slug,
        name: tenant.name,
        kommunkod: tenant.kommunkod,
        lan: tenant.lan,
        settings: tenantSettings(tenant.settings),
        areas: areas.map((a) => ({ ...a, geometry: (a.geometry as GeoJSONGeometry | null) ?? null })),
      };
    },
  );

  app.get(
    "/api/t/:tenant/areas",
    {
      schema: {
        tags: ["kommuner"],
        summary: "Kommunens områden (t.ex. trygghetsmätningens områden)",
        params: TenantParams,
        response: { 200: z.object({ areas: z.array(AreaOut) }), ...apiErrors },
      },
    },
    async (req) => ({
      areas: (await listAreas(app.db, req.tenant!.id)).map((a) => ({ ...a, geometry: (a.geometry as GeoJSONGeometry | null) ?? null })),
    }),
  );

  const Feature = z.object({ type: z.literal("Feature"), properties: z.record(z.string(), z.unknown()), geometry: z.unknown() });
  app.get(
    "/api/t/:tenant/boundary.geojson",
    { schema: { tags: ["kommuner"], summary: "Kommungränsen som GeoJSON (WGS84)", params: TenantParams, response: { 200: Feature, ...apiErrors } } },
    async (req, reply) => {
      const tenant = req.tenant!;
      const geometry = await getTenantBoundary(app.db, tenant.id);
      reply.type("application/geo+json");
      return { type: "Feature" as const, properties: { kommunkod: tenant.kommunkod, name: tenant.name }, geometry };
    },
  );

  app.get(
    "/api/t/:tenant/organisations",
    {
      schema: {
        tags: ["kommuner"],
        summary: "Organisationer i kommunens arbete (egna och regionala)",
        params: TenantParams,
        response: { 200: z.object({ organisations: z.array(OrganisationOut) }), ...apiErrors },
      },
    },
    async (req, reply) => {
      const tenant = req.tenant!;
      if (!isStaff(req.actor, tenant.id)) return reply.code(req.actor ? 404 : 401).send(apiError(req.actor ? 404 : 401));
      const orgs = await listOrganisations(app.db, tenant.id);
      return { organisations: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind, regional: o.tenant_id === null, parent_id: o.parent_id })) };
    },
  );
}
