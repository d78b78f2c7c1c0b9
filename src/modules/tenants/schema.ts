import { z } from "zod";

export const TenantSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "tenants.error.slug")
  .describe("Kommunens kortnamn i adresser, t.ex. osby");

export const TenantParams = z.object({ tenant: TenantSlug });

/** Per-tenant settings: data with defaults, never per-tenant code. */
export const TenantSettings = z.object({
  /** Public maps never show single incidents: aggregate cells with fewer than this many. */
  publicMapMinCount: z.number().int().min(1).max(50).default(5),
  /** Languages offered on public pages. */
  languages: z.array(z.enum(["sv", "en"])).default(["sv", "en"]),
  /** Contact e-mail shown on public pages. */
  contactEmail: z.email().nullable().default(null),
  /** Short presentation shown on the public start page (Swedish). */
  intro: z.string().max(2000).default(""),
});
export type TenantSettings = z.infer<typeof TenantSettings>;

export function tenantSettings(raw: unknown): TenantSettings {
  const r = TenantSettings.safeParse(raw ?? {});
  return r.success ? r.data : TenantSettings.parse({});
}

export const Geometry = z.object({ type: z.string(), coordinates: z.unknown() }).meta({ id: "GeoJSONGeometry" });

export const AreaOut = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), kind: z.string(), geometry: Geometry.nullable() });

export const TenantOut = z
  .object({
    slug: z.string(),
    name: z.string(),
    kommunkod: z.string(),
    lan: z.string(),
    settings: TenantSettings,
    areas: z.array(AreaOut),
  })
  .meta({ id: "Tenant" });

export const TenantSummary = z.object({ slug: z.string(), name: z.string(), kommunkod: z.string(), lan: z.string() });

export const OrganisationOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  regional: z.boolean(),
  parent_id: z.uuid().nullable(),
});
