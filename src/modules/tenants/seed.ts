// The Osby demo: tenant, boundary, the police survey's three areas, organisations and one demo
// user per role. Idempotent: running it twice changes nothing.
import type { Kysely } from "kysely";
import { verifyPassword } from "../../platform/auth/password.ts";
import type { DB, OrganisationKind, PlaceKind, Role } from "../../platform/db/schema.ts";
import { addUser } from "../users/index.ts";
import { findRegionalOrganisation, insertArea, insertOrganisation, linkOrganisationToTenant } from "./repo.ts";
import { addTenant, REGIONAL_SERVICE } from "./service.ts";

export const DEMO_PASSWORD = "trygg-demo-2026";

export const DEMO_USERS: Array<{ email: string; name: string; role: Role; org: string | null; admin?: boolean }> = [
  { email: "admin@osby.demo", name: "Alva Admin", role: "admin", org: null, admin: true },
  { email: "samordnare@osby.demo", name: "Sara Samordnare", role: "samordnare", org: "Kommunledningsförvaltningen" },
  { email: "polis@osby.demo", name: "Per Polis", role: "polis", org: "Polisen, lokalpolisområde Hässleholm" },
  { email: "rapportor@osby.demo", name: "Rut Rapportör", role: "rapportor", org: "Osbybostäder AB" },
  { email: "atgard@osby.demo", name: "Åke Åtgärdsägare", role: "atgardsagare", org: "Samhällsbyggnadsförvaltningen" },
  { email: "lasare@osby.demo", name: "Lena Läsare", role: "lasare", org: null },
];

/** Approximate survey areas: circles around the town centres (the police publish no polygons). */
function circle(lon: number, lat: number, radiusM: number, steps = 32) {
  const ring: Array<[number, number]> = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    const dLat = (radiusM * Math.cos(a)) / 111_320;
    const dLon = (radiusM * Math.sin(a)) / (111_320 * Math.cos((lat * Math.PI) / 180));
    ring.push([Number((lon + dLon).toFixed(6)), Number((lat + dLat).toFixed(6))]);
  }
  return { type: "Polygon" as const, coordinates: [ring] };
}

const ORGS: Array<{ name: string; kind: OrganisationKind; parent?: string }> = [
  { name: "Osby kommun", kind: "kommun" },
  { name: "Kommunledningsförvaltningen", kind: "forvaltning", parent: "Osby kommun" },
  { name: "Samhällsbyggnadsförvaltningen", kind: "forvaltning", parent: "Osby kommun" },
  { name: "Barn- och utbildningsförvaltningen", kind: "forvaltning", parent: "Osby kommun" },
  { name: "Vård- och omsorgsförvaltningen", kind: "forvaltning", parent: "Osby kommun" },
  { name: "Osbybostäder AB", kind: "bolag" },
  { name: "Räddningstjänsten", kind: "raddningstjanst" },
  { name: "Bevakningsbolaget Nordost AB (demo)", kind: "foretag" },
];

/**
 * Named places of the Osby demo: approximate centre points with how exact each is (precision_m)
 * and where it came from (sources and caveats in docs/demo-places.md) — not an official gazetteer;
 * a real installation loads the municipality's own names or Lantmäteriet's.
 */
export const OSBY_PLACES: Array<{ name: string; kind: PlaceKind; lat: number; lon: number; precision_m: number; source: string; description: string }> = [
  {
    name: "Osby",
    kind: "ort",
    lat: 56.3797,
    lon: 13.995,
    precision_m: 300,
    source: "sv.wikipedia.org: Osby köping (56°22′47″N 13°59′42″E), avrundad",
    description: "Tätorten; köpingens centrum.",
  },
  {
    name: "Osby station",
    kind: "station",
    lat: 56.3797,
    lon: 13.995,
    precision_m: 300,
    source: "Stationen ligger i Osby centrum; samma ungefärliga punkt som orten (demo)",
    description: "Järnvägsstationen och busshållplatserna.",
  },
  {
    name: "Lönsboda",
    kind: "ort",
    lat: 56.3969,
    lon: 14.3189,
    precision_m: 500,
    source: "ungefärlig ortsmitt från allmän karta; ≈ 20 km öster om Osby enligt Wikipedia",
    description: "",
  },
  {
    name: "Lönsboda centrum",
    kind: "centrum",
    lat: 56.3969,
    lon: 14.3189,
    precision_m: 500,
    source: "samma ungefärliga punkt som orten (demo)",
    description: "Torget och handeln.",
  },
  {
    name: "Killeberg",
    kind: "ort",
    lat: 56.4748,
    lon: 14.0984,
    precision_m: 500,
    source: "Killebergs järnvägsstation (Södra stambanan) enligt öppna stationslistor (OpenStreetMap)",
    description: "",
  },
  {
    name: "Hökön",
    kind: "ort",
    lat: 56.475,
    lon: 14.285,
    precision_m: 1500,
    source: "ungefärligt läge från allmän karta, vid banan Älmhult–Sölvesborg norr om Lönsboda",
    description: "",
  },
  {
    name: "Visseltofta",
    kind: "ort",
    lat: 56.42,
    lon: 13.84,
    precision_m: 2000,
    source: "härlett: ”11 km nordväst om Osby” (Wikipedia) och öster om Vesljungasjön (HaV:s badplatsdata)",
    description: "",
  },
];

export type SeedOutcome = { kind: "seeded"; tenantId: string } | { kind: "alreadySeeded"; tenantId: string };

export async function seedOsbyFoundation(db: Kysely<DB>): Promise<SeedOutcome> {
  const existing = await db.selectFrom("tenants").select("id").where("kommunkod", "=", "1273").executeTakeFirst();
  if (existing) {
    // An older installation gets the named places it lacks (by name; nothing is overwritten).
    for (const p of OSBY_PLACES)
      await db
        .insertInto("places")
        .values({ tenant_id: existing.id, ...p })
        .onConflict((oc) => oc.columns(["tenant_id", "name"]).doNothing())
        .execute();
    return { kind: "alreadySeeded", tenantId: existing.id };
  }

  // The police LPO is regional: it serves Hässleholm, Osby and Östra Göinge.
  const lpoName = Object.keys(REGIONAL_SERVICE)[0] as string;
  const lpo = (await findRegionalOrganisation(db, lpoName)) ?? (await insertOrganisation(db, null, { name: lpoName, kind: "polis" }));

  const added = await addTenant(db, { kommunkod: "1273", slug: "osby" });
  if (added.kind !== "ok") throw new Error(`kunde inte lägga till Osby: ${added.kind}`);
  const tenantId = added.tenant.id;
  await linkOrganisationToTenant(db, tenantId, lpo.id);
  await db
    .updateTable("tenants")
    .set({
      settings: JSON.stringify({
        intro:
          "Osby kommun och Polisen arbetar tillsammans för att Osby ska vara en trygg kommun att bo och vistas i. Här ser du vad vi lovat, vad vi gjort och vad invånarna har sagt.",
        contactEmail: "trygghet@osby.demo",
      }),
    })
    .where("id", "=", tenantId)
    .execute();

  await insertArea(db, tenantId, { slug: "osby-tatort", name: "Osby tätort", kind: "survey", geometry: circle(13.995, 56.381, 2200), sortOrder: 1 });
  await insertArea(db, tenantId, { slug: "lonsboda", name: "Lönsboda", kind: "survey", geometry: circle(14.319, 56.398, 1500), sortOrder: 2 });
  await insertArea(db, tenantId, { slug: "osby-landsbygd", name: "Osby landsbygd", kind: "survey", geometry: null, sortOrder: 3 });

  // Named places (positions approximate, from public maps; see docs for the demo's sources).
  for (const p of OSBY_PLACES)
    await db
      .insertInto("places")
      .values({ tenant_id: tenantId, ...p })
      .execute();

  const orgIds = new Map<string, string>([[lpoName, lpo.id]]);
  for (const o of ORGS) {
    const row = await insertOrganisation(db, tenantId, { name: o.name, kind: o.kind, parentId: o.parent ? (orgIds.get(o.parent) ?? null) : null });
    orgIds.set(o.name, row.id);
  }
  for (const u of DEMO_USERS) {
    await addUser(db, {
      email: u.email,
      name: u.name,
      password: DEMO_PASSWORD,
      tenantId,
      role: u.role,
      organisationId: u.org ? (orgIds.get(u.org) ?? null) : null,
      isSystemAdmin: u.admin,
    });
  }
  return { kind: "seeded", tenantId };
}

/**
 * Accounts whose password is the public demo password (the demo's own, or any other that was
 * given it). Production refuses to start while one exists.
 */
export async function findKnownPasswordAccounts(db: Kysely<DB>): Promise<string[]> {
  const demo = DEMO_USERS.map((u) => u.email.toLowerCase());
  const rows = await db
    .selectFrom("users")
    .select(["email", "password_hash"])
    .where("password_hash", "is not", null)
    .where((eb) => eb.or([eb(eb.fn("lower", ["email"]), "in", demo), eb("email", "like", "%@osby.demo")]))
    .execute();
  const out: string[] = [];
  for (const r of rows) if (r.password_hash && (await verifyPassword(r.password_hash, DEMO_PASSWORD))) out.push(r.email);
  return out;
}
