// Use cases for tenants (municipalities).
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import { findMunicipality, municipalityBoundary, municipalityDisplayName, slugify } from "./municipalities.ts";
import { findRegionalOrganisation, findTenantByKommunkod, insertTenant, linkOrganisationToTenant } from "./repo.ts";

export type AddTenantOutcome =
  | { kind: "ok"; tenant: { id: string; slug: string; name: string; kommunkod: string; lan: string } }
  | { kind: "unknownKommunkod"; kommunkod: string }
  | { kind: "exists"; slug: string }
  | { kind: "slugTaken"; slug: string }
  | { kind: "badSlug"; slug: string };

/** Add one of Sweden's 290 municipalities as a tenant: name, län and boundary from shipped open data. */
export async function addTenant(db: Kysely<DB>, input: { kommunkod: string; slug?: string }): Promise<AddTenantOutcome> {
  const m = findMunicipality(input.kommunkod);
  if (!m) return { kind: "unknownKommunkod", kommunkod: input.kommunkod };
  const existing = await findTenantByKommunkod(db, m.kommunkod);
  if (existing) return { kind: "exists", slug: existing.slug };
  const slug = input.slug ?? slugify(m.name);
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) return { kind: "badSlug", slug };
  const taken = await db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
  if (taken) return { kind: "slugTaken", slug };
  const tenant = await insertTenant(db, {
    slug,
    name: municipalityDisplayName(m),
    kommunkod: m.kommunkod,
    lan: m.lan,
    boundary: municipalityBoundary(m.kommunkod),
  });
  // Regional organisations that serve this municipality (e.g. the police LPO) are linked by data.
  for (const [orgName, kommunkoder] of Object.entries(REGIONAL_SERVICE)) {
    if (!kommunkoder.includes(m.kommunkod)) continue;
    const org = await findRegionalOrganisation(db, orgName);
    if (org) await linkOrganisationToTenant(db, tenant.id, org.id);
  }
  return { kind: "ok", tenant };
}

/** Regional organisations and the municipalities they serve (kommunkod). */
export const REGIONAL_SERVICE: Record<string, string[]> = {
  "Polisen, lokalpolisområde Hässleholm": ["1293", "1273", "1256"],
};
