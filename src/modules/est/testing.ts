// Test factories of the EST module, and what the sweeps need: rows for the tenant-isolation sweep
// (with the ids that fill route parameters), request bodies that reach the handlers, and the
// pages of the accessibility sweep (on the Osby demo's ids).
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../analysis/index.ts";
import type { DB } from "../../platform/db/schema.ts";
import { ROLES } from "../../platform/db/schema.ts";
import type { ModuleTesting } from "../../platform/module.ts";
import { makeOrganisation, nasty } from "../../platform/testing/factories.ts";
import { DEMO_IDS, demoReportId } from "./demo/seed.ts";
import { dayOfInstant } from "./domain/time.ts";

/** A report row of the tenant at (lat, lon) on `at` (defaults: Osby centre, now). */
export async function makeReport(
  db: Kysely<DB>,
  tenantId: string,
  over: Partial<{
    at: Date;
    lat: number;
    lon: number;
    category: string;
    organisationId: string | null;
    reporterId: string | null;
    description: string;
    placeId: string | null;
    status: "ny" | "granskad";
  }> = {},
) {
  const at = over.at ?? new Date();
  const lat = over.lat ?? 56.3806;
  const lon = over.lon ?? 13.9934;
  const { n, e } = latLonToSweref(lat, lon);
  return db
    .insertInto("est_reports")
    .values({
      tenant_id: tenantId,
      organisation_id: over.organisationId ?? null,
      reporter_id: over.reporterId ?? null,
      origin: "formular",
      batch_id: null,
      occurred_from: at,
      occurred_to: null,
      day: dayOfInstant(at.getTime()),
      category: over.category ?? "klotter",
      place_id: over.placeId ?? null,
      place_name: null,
      setting: "utomhus",
      lat,
      lon,
      n,
      e,
      description: over.description ?? nasty("Beskrivning"),
      assessment: "ja",
      people_min: null,
      people_max: null,
      status: over.status ?? "ny",
    })
    .returning(["id", "version", "day"])
    .executeTakeFirstOrThrow();
}

/** A named place of the tenant. */
export async function makePlace(db: Kysely<DB>, tenantId: string, over: Partial<{ name: string; lat: number; lon: number }> = {}) {
  return db
    .insertInto("places")
    .values({ tenant_id: tenantId, name: over.name ?? nasty("Plats"), kind: "park", lat: over.lat ?? 56.381, lon: over.lon ?? 13.994 })
    .returning(["id", "name", "lat", "lon"])
    .executeTakeFirstOrThrow();
}

export async function isolationFixtures(db: Kysely<DB>, tenantId: string): Promise<Record<string, string>> {
  const org = await makeOrganisation(db, tenantId);
  const place = await makePlace(db, tenantId);
  const report = await makeReport(db, tenantId, { organisationId: org.id, placeId: place.id, at: new Date(Date.now() - 86_400_000) });
  await db
    .insertInto("est_report_events")
    .values({ tenant_id: tenantId, document_id: report.id, action: "created", actor_id: null, actor_name: nasty("Namn"), note: null, changes: "{}" })
    .execute();
  const meeting = await db
    .insertInto("est_meetings")
    .values({ tenant_id: tenantId, week: "2024-W22", held_on: "2024-06-04", focus_areas: JSON.stringify([nasty("Fokus")]), notes: nasty("Anteckning") })
    .returning("id")
    .executeTakeFirstOrThrow();
  const target = await db
    .insertInto("est_meeting_targets")
    .values({ tenant_id: tenantId, meeting_id: meeting.id, organisation_id: org.id, place_id: place.id, place_name: place.name, note: nasty("Not") })
    .returning("id")
    .executeTakeFirstOrThrow();
  const insats = await db
    .insertInto("est_insatser")
    .values({
      tenant_id: tenantId,
      meeting_id: meeting.id,
      title: nasty("Insats"),
      description: nasty("Vad"),
      place_id: place.id,
      place_name: place.name,
      lat: place.lat,
      lon: place.lon,
      categories: "[]",
      organisation_id: org.id,
      starts_on: "2024-06-10",
      ends_on: "2024-06-16",
      promise_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("est_insats_events")
    .values({ tenant_id: tenantId, document_id: insats.id, action: "decided", actor_id: null, actor_name: null, note: null, changes: "{}" })
    .execute();
  await db
    .insertInto("est_police_events")
    .values({
      tenant_id: tenantId,
      police_id: 800_000_000 + Math.floor(Math.random() * 1_000_000),
      published_at: new Date(),
      occurred_at: new Date(),
      time_source: "namn",
      day: dayOfInstant(Date.now()),
      type: "Skadegörelse",
      summary: nasty("Sammanfattning"),
      url: null,
      location_name: "Osby",
      raw: "{}",
      content_hash: "x",
    })
    .execute();
  await db
    .insertInto("est_week_summaries")
    .values({ tenant_id: tenantId, week: "2024-W22", area_key: "", text: nasty("Sammanfattning") })
    .execute();
  return { reportId: report.id, meetingId: meeting.id, targetId: target.id, insatsId: insats.id };
}

const REPORT = { category: "klotter", setting: "utomhus", assessment: "ja", occurred_at: "2024-05-29T21:00", lat: "56.3806", lon: "13.9934", version: "1" };

export const requestOverrides: NonNullable<ModuleTesting["requestOverrides"]> = {
  "POST /t/:tenant/arbete/est/sammanfattning": () => ({ body: { vecka: "2024-W22", text: "Isolationsprov", version: "0" } }),
  "POST /t/:tenant/arbete/est/rapportera": () => ({ body: REPORT }),
  "POST /api/t/:tenant/est/reports": () => ({ body: { ...REPORT, lat: 56.3806, lon: 13.9934 }, json: true }),
  "POST /t/:tenant/arbete/est/rapporter/:reportId": () => ({ body: { ...REPORT, description: "Rättelse" } }),
  "POST /t/:tenant/arbete/est/rapporter/:reportId/granska": () => ({ body: { version: "1" } }),
  "POST /t/:tenant/arbete/est/rapporter/:reportId/kategori": () => ({ body: { category: "skadegorelse", reason: "Isolationsprov", version: "1" } }),
  "POST /t/:tenant/arbete/est/rapporter/:reportId/sammanfoga": (ids) => ({ body: { into: ids.reportId ?? "", version: "1" } }),
  "POST /t/:tenant/arbete/est/rapporter/:reportId/dela": () => ({ body: { version: "1" } }),
  "POST /t/:tenant/arbete/est/moten": () => ({ body: { week: "2024-W22", held_on: "2024-06-04" } }),
  "POST /t/:tenant/arbete/est/moten/:meetingId/protokoll": () => ({ body: { focus_areas: "Isolationsprov", notes: "", version: "1" } }),
  "POST /t/:tenant/arbete/est/moten/:meetingId/hallet": () => ({ body: { version: "1" } }),
  "POST /t/:tenant/arbete/est/insatser/:insatsId/status": () => ({ body: { status: "pagar", outcome: "", version: "1" } }),
  "POST /t/:tenant/arbete/est/insatser/:insatsId/jamforelse": () => ({ body: { comparison_place_id: "", version: "1" } }),
  "POST /t/:tenant/arbete/est/installningar": () => ({ body: { cellSize: "200", band: "400" } }),
  "POST /t/:tenant/arbete/est/export": () => ({ body: { from: "2024-01-01", to: "2024-12-31", format: "csv", purpose: "Isolationsprov", sources: "est" } }),
};

/** The EST pages of the accessibility sweep (Osby demo: the week 2024-W22, its meeting and the planted insats). */
export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "EST: veckans lägesbild", path: `/t/osby/arbete/est?vecka=${DEMO_IDS.week}`, viewers: [...ROLES], waitFor: "#est-map.leaflet-container" },
  { name: "EST: rapportera", path: "/t/osby/arbete/est/rapportera", viewers: ["rapportor", "samordnare", "polis"], waitFor: "#pick-map.leaflet-container" },
  { name: "EST: rapporterna", path: `/t/osby/arbete/est/rapporter?vecka=${DEMO_IDS.week}`, viewers: ["samordnare", "rapportor", "lasare"] },
  { name: "EST: en rapport (egen)", path: `/t/osby/arbete/est/rapporter/${demoReportId("Osbybostäder AB")}`, viewers: ["rapportor", "samordnare"] },
  { name: "EST: en rapport (annan organisation)", path: `/t/osby/arbete/est/rapporter/${demoReportId("Räddningstjänsten")}`, viewers: ["samordnare", "polis"] },
  { name: "EST: läs in CSV", path: "/t/osby/arbete/est/rapporter/importera", viewers: ["samordnare"] },
  { name: "EST: veckomöten", path: "/t/osby/arbete/est/moten", viewers: ["samordnare", "polis"] },
  { name: "EST: ett veckomöte", path: `/t/osby/arbete/est/moten/${DEMO_IDS.meeting}`, viewers: ["samordnare", "atgardsagare"] },
  { name: "EST: insatser", path: "/t/osby/arbete/est/insatser", viewers: ["samordnare", "atgardsagare"] },
  { name: "EST: ny insats", path: "/t/osby/arbete/est/insatser/ny", viewers: ["samordnare"] },
  { name: "EST: en insats med utvärdering", path: `/t/osby/arbete/est/insatser/${DEMO_IDS.insats}`, viewers: ["samordnare", "atgardsagare", "lasare"] },
  { name: "EST: tertialanalys", path: "/t/osby/arbete/est/analys?period=2024-T2", viewers: ["samordnare", "polis"] },
  { name: "EST: årsanalys", path: "/t/osby/arbete/est/analys?period=2024", viewers: ["samordnare"] },
  { name: "EST: export", path: "/t/osby/arbete/est/export", viewers: ["samordnare", "polis"] },
  { name: "EST: inställningar", path: "/t/osby/arbete/est/installningar", viewers: ["samordnare"] },
  { name: "EST: lägesbild på engelska", path: `/t/osby/arbete/est?vecka=${DEMO_IDS.week}&lang=en`, viewers: ["polis"], waitFor: "#est-map.leaflet-container" },
];

/** A person of the test world: their id and a signed-in session cookie. */
export type TestPerson = { id: string; cookies: Record<string, string> };

/**
 * A tenant for EST's integration tests: a real municipality (its boundary decides what is inside),
 * two partner organisations, a person for each role (reporters in either organisation, an action
 * owner in the second), and three named places in its main town (one a polygon).
 */
export async function estWorld(db: Kysely<DB>, opts: { kommunkod?: string } = {}) {
  const { addTenant, findMunicipality } = await import("../tenants/index.ts");
  const { makeUser } = await import("../../platform/testing/factories.ts");
  const { sessionCookie } = await import("../../platform/testing/auth.ts");
  const kommunkod = opts.kommunkod ?? "1273";
  const added = await addTenant(db, { kommunkod });
  if (added.kind !== "ok") throw new Error(`kunde inte lägga till ${kommunkod}: ${added.kind}`);
  const tenant = (await db
    .selectFrom("tenants")
    .select(["id", "slug", "name", "kommunkod", "lan", "settings"])
    .where("id", "=", added.tenant.id)
    .executeTakeFirstOrThrow()) as { id: string; slug: string; name: string; kommunkod: string; lan: string; settings: Record<string, unknown> };
  const orgA = await makeOrganisation(db, tenant.id, `Bostadsbolaget ${findMunicipality(kommunkod)?.name}`);
  const orgB = await makeOrganisation(db, tenant.id, "Fastighetsförvaltningen");
  const person = async (role: Parameters<typeof makeUser>[2], organisationId: string | null = null): Promise<TestPerson> => {
    const u = await makeUser(db, tenant.id, role, { organisationId });
    return { id: u.id, cookies: await sessionCookie(db, u.id) };
  };
  const people = {
    samordnare: await person("samordnare"),
    polis: await person("polis"),
    rapportorA: await person("rapportor", orgA.id),
    rapportorA2: await person("rapportor", orgA.id),
    rapportorB: await person("rapportor", orgB.id),
    atgardB: await person("atgardsagare", orgB.id),
    lasare: await person("lasare"),
  };
  const centre =
    kommunkod === "1273"
      ? { lat: 56.3806, lon: 13.9934 }
      : ((await db.selectFrom("places").select(["lat", "lon"]).limit(1).executeTakeFirst()) ?? { lat: 56.38, lon: 13.99 });
  const park = await makePlace(db, tenant.id, { name: "Testparken", lat: centre.lat + 0.003, lon: centre.lon + 0.004 });
  const school = await makePlace(db, tenant.id, { name: "Testskolan", lat: centre.lat - 0.006, lon: centre.lon - 0.008 });
  const square = await db
    .insertInto("places")
    .values({
      tenant_id: tenant.id,
      name: "Testtorget",
      kind: "centrum",
      lat: centre.lat,
      lon: centre.lon,
      geometry: JSON.stringify({
        type: "Polygon",
        coordinates: [
          [
            [centre.lon - 0.001, centre.lat - 0.0005],
            [centre.lon + 0.001, centre.lat - 0.0005],
            [centre.lon + 0.001, centre.lat + 0.0005],
            [centre.lon - 0.001, centre.lat + 0.0005],
            [centre.lon - 0.001, centre.lat - 0.0005],
          ],
        ],
      }),
    })
    .returning(["id", "name", "lat", "lon"])
    .executeTakeFirstOrThrow();
  return { tenant, orgA, orgB, people, places: { park, school, square }, centre };
}

/** The CSRF token of a page and the cookies to post its form with. */
export async function formSession(
  app: { inject: (o: never) => Promise<{ body: string; cookies: Array<{ name: string; value: string }> }> },
  url: string,
  cookies: Record<string, string>,
) {
  const { csrfFor } = await import("../../platform/testing/auth.ts");
  return csrfFor(app as never, url, cookies);
}
