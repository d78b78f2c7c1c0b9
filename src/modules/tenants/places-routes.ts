// Named places: the staff page (/t/{slug}/arbete/platser: everyone on the staff reads, admins and
// coordinators add and remove), and the API (/api/t/{slug}/places: public list, staff writes).
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { PLACE_KINDS } from "../../platform/db/schema.ts";
import { apiErrors, fieldIssue, HttpError } from "../../platform/http/errors.ts";
import { type FieldErrors, field } from "../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../platform/http/page.ts";
import { byParam, pipeline } from "../../platform/http/pipeline.ts";
import type { App } from "../../platform/http/types.ts";
import { validateBilingual } from "../../platform/http/validation.ts";
import { type PlaceFormValues, placesPage } from "./places-pages.ts";
import { addPlace, findPlace, listPlaces, type PlaceInput, type PlaceRow, removePlace } from "./places.ts";
import { mapIsland } from "./pages.ts";
import { can } from "./policy.ts";
import { getTenantBoundary } from "./repo.ts";

/** A decimal typed by a person ("56,38"); empty → undefined so the schema says it is required. */
const decimal = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
  z.number({ error: "tenants.places.error.number" }).finite(),
);

export const PlaceBody = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(PLACE_KINDS).default("annan"),
  lat: decimal.pipe(z.number().min(55).max(70)),
  lon: decimal.pipe(z.number().min(10).max(25)),
  description: z.string().trim().max(500).default(""),
});

const PlaceOut = z
  .object({ id: z.uuid(), name: z.string(), kind: z.enum(PLACE_KINDS), lat: z.number(), lon: z.number(), description: z.string() })
  .meta({ id: "Place" });

const TenantParams = z.object({ tenant: z.string() });
const PlaceParams = z.object({ tenant: z.string(), placeId: z.string() });
const tags = ["kommuner"];

const read = pipeline({ tenant: "path", access: "staff", present: "page" });
const manage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  can: ({ actor, tenant }) => can(actor, "places.manage", { tenant_id: tenant.id }),
  roles: ["admin", "samordnare"],
});
const manageOne = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { place: byParam("placeId", findPlace) },
  can: ({ actor, tenant }) => can(actor, "places.manage", { tenant_id: tenant.id }),
  roles: ["admin", "samordnare"],
});
const listApi = pipeline({ tenant: "path", access: "public", present: "json" });
const manageApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  can: ({ actor, tenant }) => can(actor, "places.manage", { tenant_id: tenant.id }),
  roles: ["admin", "samordnare"],
});
const manageOneApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { place: byParam("placeId", findPlace) },
  can: ({ actor, tenant }) => can(actor, "places.manage", { tenant_id: tenant.id }),
  roles: ["admin", "samordnare"],
});

const out = (p: PlaceRow) => ({ id: p.id, name: p.name, kind: p.kind, lat: p.lat, lon: p.lon, description: p.description });

export async function registerPlaceRoutes(app: App): Promise<void> {
  const { config } = app.deps;

  async function render(req: FastifyRequest, reply: FastifyReply, values: PlaceFormValues, status = 200, errors?: FieldErrors, formError?: string) {
    const { tenant, actor } = read.of(req);
    const [places, boundary] = await Promise.all([listPlaces(app.db, tenant.id), getTenantBoundary(app.db, tenant.id)]);
    const features = places.map((p) => ({ type: "Feature", properties: { label: p.name }, geometry: { type: "Point", coordinates: [p.lon, p.lat] } }));
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        placesPage(ctx, {
          places,
          mayManage: can(actor, "places.manage", { tenant_id: tenant.id }),
          map: mapIsland(
            ctx,
            "places-map",
            { boundary, areas: [], layers: [{ geojson: { type: "FeatureCollection", features } }] },
            config.MAP_TILE_URL,
            config.MAP_TILE_ATTRIBUTION,
            ctx.t("tenants.places.mapLabel"),
          ),
          values,
          errors,
          formError,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/platser",
    { schema: { tags, summary: "Kommunens namngivna platser (personal)", params: TenantParams, response: htmlResponses }, ...read.options },
    async (req, reply) => render(req, reply, { kind: "annan" }),
  );

  app.post(
    "/t/:tenant/arbete/platser",
    { schema: { tags, summary: "Lägg till en namngiven plats", params: TenantParams, body: FormBody, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const { tenant } = manage.of(req);
      const values: PlaceFormValues = {};
      for (const k of ["name", "kind", "lat", "lon", "description"]) values[k] = field(req.body, k);
      const parsed = validateBilingual(PlaceBody, values);
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[i.field] ??= req.locale === "en" ? i.message_en : i.message;
        return render(req, reply, values, 400, errors);
      }
      const r = await addPlace(app.db, tenant, parsed.value as PlaceInput);
      if (r.kind === "nameTaken") return render(req, reply, values, 409, { name: req.t("tenants.places.error.nameTaken") });
      if (r.kind === "outsideTenant") {
        const where = r.municipality ? req.t("tenants.places.error.inMunicipality", { name: r.municipality }) : req.t("tenants.places.error.outsideSweden");
        return render(req, reply, values, 400, { lat: `${req.t("tenants.places.error.outside", { name: tenant.name })} ${where}` });
      }
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/platser#plats-${r.place.id}`, req.t("tenants.places.flash.added", { name: r.place.name }));
    },
  );

  app.post(
    "/t/:tenant/arbete/platser/:placeId/ta-bort",
    {
      schema: { tags, summary: "Ta bort en namngiven plats (kräver bekräftelse)", params: PlaceParams, body: FormBody, response: htmlResponses },
      ...manageOne.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = manageOne.of(req);
      if (field(req.body, "confirm") !== "on")
        return render(req, reply, { kind: "annan" }, 400, undefined, req.t("tenants.places.error.confirm", { name: loaded.place.name }));
      await removePlace(app.db, tenant.id, loaded.place.id);
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/platser`, req.t("tenants.places.flash.removed", { name: loaded.place.name }));
    },
  );

  app.get(
    "/api/t/:tenant/places",
    {
      schema: { tags, summary: "Kommunens namngivna platser", params: TenantParams, response: { 200: z.object({ places: z.array(PlaceOut) }), ...apiErrors } },
      ...listApi.options,
    },
    async (req) => ({ places: (await listPlaces(app.db, listApi.of(req).tenant.id)).map(out) }),
  );

  app.post(
    "/api/t/:tenant/places",
    {
      schema: {
        tags,
        summary: "Lägg till en namngiven plats",
        security: [{ session: [] }],
        params: TenantParams,
        body: PlaceBody,
        response: { 201: PlaceOut, ...apiErrors },
      },
      ...manageApi.options,
    },
    async (req, reply) => {
      const { tenant } = manageApi.of(req);
      const r = await addPlace(app.db, tenant, req.body as PlaceInput);
      if (r.kind === "nameTaken")
        throw HttpError.of(409, "tenants.places.error.nameTaken", undefined, {
          code: "name_taken",
          fields: [fieldIssue("name", "tenants.places.error.nameTaken")],
        });
      if (r.kind === "outsideTenant")
        throw HttpError.of(
          400,
          "tenants.places.error.outside",
          { name: tenant.name },
          { code: "outside_tenant", fields: [fieldIssue("lat", "tenants.places.error.outside", { name: tenant.name })] },
        );
      return reply.code(201).send(out(r.place));
    },
  );

  app.delete(
    "/api/t/:tenant/places/:placeId",
    {
      schema: { tags, summary: "Ta bort en namngiven plats", security: [{ session: [] }], params: PlaceParams, response: { 204: z.null(), ...apiErrors } },
      ...manageOneApi.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = manageOneApi.of(req);
      await removePlace(app.db, tenant.id, loaded.place.id);
      return reply.code(204).send(null);
    },
  );
}
