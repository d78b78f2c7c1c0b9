// HTTP for tenants: pages and API. Handlers stay short: the pipeline resolves and authorizes,
// the handler calls the repository and presents.
import { z } from "zod";
import { rolesIn } from "../../platform/auth/actor.ts";
import type { GeoJSONGeometry } from "../../platform/db/schema.ts";
import { apiErrors } from "../../platform/http/errors.ts";
import { htmlResponses, sendPage, sendPageAsync } from "../../platform/http/page.ts";
import { pipeline } from "../../platform/http/pipeline.ts";
import type { App } from "../../platform/http/types.ts";
import { accessibilityPage } from "./accessibility.ts";
import { mapIsland, staffStartPage, tenantListPage, tenantStartPage } from "./pages.ts";
import { getTenantBoundary, listAreas, listOrganisations, listTenantContacts, listTenants } from "./repo.ts";
import { AreaOut, OrganisationOut, TenantOut, TenantParams, TenantSummary, tenantSettings } from "./schema.ts";

const sitePage = pipeline({ tenant: "none", access: "public", present: "page" });
const siteApi = pipeline({ tenant: "none", access: "public", present: "json" });
const publicPage = pipeline({ tenant: "path", access: "public", present: "page" });
const publicApi = pipeline({ tenant: "path", access: "public", present: "json" });
const staffPage = pipeline({ tenant: "path", access: "staff", present: "page" });
const staffApi = pipeline({ tenant: "path", access: "staff", present: "json" });

export async function registerTenantRoutes(app: App): Promise<void> {
  const { config } = app.deps;

  app.get("/", { schema: { tags: ["sidor"], summary: "Kommuner som använder Trygg", response: htmlResponses }, ...sitePage.options }, async (req, reply) => {
    const tenants = await listTenants(app.db);
    return sendPage(req, reply, (ctx) => tenantListPage(ctx, tenants));
  });

  app.get(
    "/tillganglighet",
    {
      schema: { tags: ["sidor"], summary: "Tillgänglighetsredogörelse (allmän, med varje kommuns kontaktadress)", response: htmlResponses },
      ...sitePage.options,
    },
    async (req, reply) => {
      const contacts = (await listTenantContacts(app.db)).map((c) => ({ slug: c.slug, name: c.name, email: tenantSettings(c.settings).contactEmail }));
      return sendPage(req, reply, (ctx) => accessibilityPage(ctx, { tenant: null, contacts }));
    },
  );

  app.get(
    "/t/:tenant/tillganglighet",
    {
      schema: { tags: ["sidor"], summary: "Kommunens tillgänglighetsredogörelse med kommunens kontaktadress", params: TenantParams, response: htmlResponses },
      ...publicPage.options,
    },
    async (req, reply) => {
      const { tenant } = publicPage.of(req);
      const email = tenantSettings(tenant.settings).contactEmail;
      return sendPage(req, reply, (ctx) => accessibilityPage(ctx, { tenant: { slug: tenant.slug, name: tenant.name, email } }));
    },
  );

  app.get(
    "/t/:tenant",
    { schema: { tags: ["sidor"], summary: "Kommunens publika startsida", params: TenantParams, response: htmlResponses }, ...publicPage.options },
    async (req, reply) => {
      const { tenant } = publicPage.of(req);
      const [areas, boundary] = await Promise.all([listAreas(app.db, tenant.id), getTenantBoundary(app.db, tenant.id)]);
      const settings = tenantSettings(tenant.settings);
      return sendPageAsync(req, reply, async (ctx) => {
        // Notices of the modules (an open survey …), shown only while they have something to say.
        const notices = [];
        for (const n of app.ui.publicNotices) {
          const section = await n.render(req, ctx, tenant.id);
          if (section) notices.push(section);
        }
        return tenantStartPage(
          ctx,
          tenant,
          settings.intro,
          areas,
          app.ui.publicLinks,
          mapIsland(ctx, "tenant-map", { boundary, areas }, config.MAP_TILE_URL, config.MAP_TILE_ATTRIBUTION),
          notices,
        );
      });
    },
  );

  app.get(
    "/t/:tenant/arbete",
    { schema: { tags: ["sidor"], summary: "Startsida för personal (öppet arbete)", params: TenantParams, response: htmlResponses }, ...staffPage.options },
    async (req, reply) => {
      const { tenant, actor } = staffPage.of(req);
      return sendPageAsync(req, reply, async (ctx) => {
        const sections = [];
        for (const w of app.ui.staffWidgets) {
          const s = await w.render(req, ctx, tenant.id);
          if (s) sections.push(s);
        }
        return staffStartPage(ctx, tenant, rolesIn(actor, tenant.id), sections);
      });
    },
  );

  // API
  app.get(
    "/api/tenants",
    {
      schema: { tags: ["kommuner"], summary: "Lista kommuner (hyresgäster)", response: { 200: z.object({ tenants: z.array(TenantSummary) }) } },
      ...siteApi.options,
    },
    async () => ({ tenants: (await listTenants(app.db)).map(({ slug, name, kommunkod, lan }) => ({ slug, name, kommunkod, lan })) }),
  );

  app.get(
    "/api/t/:tenant",
    {
      schema: { tags: ["kommuner"], summary: "En kommun med dess områden och inställningar", params: TenantParams, response: { 200: TenantOut, ...apiErrors } },
      ...publicApi.options,
    },
    async (req) => {
      const { tenant } = publicApi.of(req);
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
      ...publicApi.options,
    },
    async (req) => ({
      areas: (await listAreas(app.db, publicApi.of(req).tenant.id)).map((a) => ({ ...a, geometry: (a.geometry as GeoJSONGeometry | null) ?? null })),
    }),
  );

  const Feature = z.object({ type: z.literal("Feature"), properties: z.record(z.string(), z.unknown()), geometry: z.unknown() });
  app.get(
    "/api/t/:tenant/boundary.geojson",
    {
      schema: { tags: ["kommuner"], summary: "Kommungränsen som GeoJSON (WGS84)", params: TenantParams, response: { 200: Feature, ...apiErrors } },
      ...publicApi.options,
    },
    async (req, reply) => {
      const { tenant } = publicApi.of(req);
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
      ...staffApi.options,
    },
    async (req) => {
      const { tenant } = staffApi.of(req);
      const orgs = await listOrganisations(app.db, tenant.id);
      return { organisations: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind, regional: o.tenant_id === null, parent_id: o.parent_id })) };
    },
  );
}
