// Factories of the reports module and what the sweeps need from it: rows for the isolation sweep
// (the ids that fill route parameters), request bodies that reach the handlers, and the pages of
// the accessibility sweep (with the Osby demo's data).
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../analysis/index.ts";
import type { DB } from "../../platform/db/schema.ts";
import { ROLES } from "../../platform/db/schema.ts";
import type { ModuleTesting } from "../../platform/module.ts";
import { makeOrganisation, nasty } from "../../platform/testing/factories.ts";
import { saveSettings } from "../../platform/tenancy/settings.ts";
import { hashSecret, newOpen311Token, newRef } from "./domain/codes.ts";
import { insertApiKey } from "./repo/keys.ts";
import { insertReport, type NewReport, type ReportRow } from "./repo/reports.ts";
import { upsertRule } from "./repo/rules.ts";
import { insertSubscription } from "./repo/subscriptions.ts";
import { insertUpdate } from "./repo/updates.ts";
import { DEMO_REFS } from "./demo/seed.ts";
import { DEFAULT_CATEGORIES, ReportsSettings, SETTINGS_KEY } from "./settings.ts";

/** A point inside the test tenants' boundary (src/platform/testing/factories.ts makeTenant) and in Osby. */
export const INSIDE = { lat: 56.3813, lon: 13.9941 };

/** A report row for tests (place-type, public, at INSIDE unless told otherwise). */
export async function makeReport(db: Kysely<DB>, tenantId: string, over: Partial<NewReport> = {}): Promise<ReportRow> {
  const lat = over.lat === undefined ? INSIDE.lat : over.lat;
  const lon = over.lon === undefined ? INSIDE.lon : over.lon;
  const sw = lat !== null && lon !== null ? latLonToSweref(lat, lon) : null;
  const category = over.category ?? "belysning";
  const r = await insertReport(db, tenantId, {
    ref: newRef(),
    category,
    person_related: DEFAULT_CATEGORIES.find((c) => c.code === category)?.kind === "person",
    precision: lat === null ? "area" : "point",
    lat,
    lon,
    sweref_n: sw?.n ?? null,
    sweref_e: sw?.e ?? null,
    place_id: null,
    area_id: null,
    location_text: "",
    description: nasty("Trasig lampa"),
    feels_unsafe: true,
    unsafe_times: ["kvall"],
    reporter_name: null,
    reporter_email: null,
    wants_updates: false,
    organisation_id: null,
    visibility: "public",
    source: "web",
    api_key_id: null,
    follow_token_hash: null,
    open311_token: null,
    external_media_url: null,
    ...over,
  });
  await insertUpdate(db, tenantId, r.id, {
    kind: "submitted",
    audience: "public",
    text: "",
    status_from: null,
    status_to: "mottagen",
    organisation_id: null,
    author_id: null,
    author_label: "",
  });
  return r;
}

export async function isolationFixtures(db: Kysely<DB>, tenantId: string): Promise<Record<string, string>> {
  // A category only this tenant has (so another tenant's address with this code is 404).
  const own = `prov-${Math.random().toString(36).slice(2, 8)}`;
  await saveSettings(db, tenantId, SETTINGS_KEY, ReportsSettings, {
    categories: [...DEFAULT_CATEGORIES, { code: own, name: { sv: "Provkategori", en: "Test category" }, kind: "place", review: true }],
  });
  const report = await makeReport(db, tenantId);
  const pending = await makeReport(db, tenantId, { category: own, visibility: "pending", source: "open311", open311_token: newOpen311Token() });
  const org = await makeOrganisation(db, tenantId);
  const rule = await upsertRule(db, tenantId, { category: "klotter", area_id: null, organisation_id: org.id });
  const key = await insertApiKey(db, tenantId, {
    organisation_id: org.id,
    name: nasty("Nyckel"),
    key_prefix: "trygg_prov",
    key_hash: hashSecret(`prov-${tenantId}`),
    created_by: null,
  });
  const photoFile = await db
    .insertInto("files")
    .values({
      tenant_id: tenantId,
      storage_key: `${tenantId}/reports/prov.jpg`,
      filename: "bild.jpg",
      content_type: "image/jpeg",
      size_bytes: 1,
      sha256: "0".repeat(64),
      created_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const photo = await db
    .insertInto("report_photos")
    .values({ tenant_id: tenantId, report_id: report.id, file_id: photoFile.id, thumb_file_id: photoFile.id, width: 10, height: 10 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const sub = await insertSubscription(db, tenantId, {
    email: "bevakare@test.example",
    user_id: null,
    report_id: report.id,
    category: null,
    area_id: null,
    events: "updates",
    token_hash: hashSecret(`prov-sub-${tenantId}`),
    confirmed_at: new Date(),
  });
  return {
    reportRef: report.ref,
    serviceCode: own,
    requestId: report.ref,
    tokenId: pending.open311_token!,
    photoId: photo.id,
    ruleId: rule.id,
    keyId: key.id,
    subscriptionId: sub.id,
  };
}

export const requestOverrides: NonNullable<ModuleTesting["requestOverrides"]> = {
  // The report form reaches its handler and stops at the screening (a phone number in the text): nothing is stored.
  "POST /t/:tenant/rapportera": () => ({
    body: { category: "belysning", lat: String(INSIDE.lat), lon: String(INSIDE.lon), description: "Ring mig på 070-123 45 67 om lampan" },
  }),
  "POST /t/:tenant/arbete/rapporter/:reportRef/status": () => ({ body: { status: "under_utredning" } }),
  "POST /t/:tenant/arbete/rapporter/:reportRef/uppdatering": () => ({ body: { uppdatering: "Isolationsprov" } }),
  "POST /t/:tenant/arbete/rapporter/:reportRef/anteckning": () => ({ body: { anteckning: "Isolationsprov" } }),
  "POST /t/:tenant/arbete/rapporter/:reportRef/svar": () => ({ body: { svar: "Isolationsprov" } }),
  "POST /t/:tenant/arbete/rapporter/:reportRef/granskning": () => ({ body: { beslut: "hide", skal: "Isolationsprov" } }),
  "POST /t/:tenant/arbete/rapporter/:reportRef/redigera-bort": () => ({ body: { falt: "description", text: "lampa", skal: "Isolationsprov" } }),
  "POST /t/:tenant/arbete/rapporter/:reportRef/bilder/:photoId": () => ({ body: { atgard: "hide", skal: "Isolationsprov" } }),
  "POST /t/:tenant/arbete/rapporter/:reportRef/ateroppna": () => ({ body: { text: "" } }),
  "POST /t/:tenant/open311/v2/requests.json": () => ({
    body: { service_code: "belysning", lat: String(INSIDE.lat), long: String(INSIDE.lon), description: "Isolationsprov" },
  }),
  "POST /t/:tenant/open311/v2/requests.xml": () => ({
    body: { service_code: "belysning", lat: String(INSIDE.lat), long: String(INSIDE.lon), description: "Isolationsprov" },
  }),
};

/** Pages of the accessibility sweep (the Osby demo's reports have stable references). */
export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "rapportera (formulär)", path: "/t/osby/rapportera", viewers: ["public", "samordnare"], waitFor: "#report-map.leaflet-container" },
  { name: "rapporter (karta och lista)", path: "/t/osby/rapporter", viewers: ["public", "lasare"], waitFor: "#reports-map.leaflet-container" },
  { name: "rapporter (statistik)", path: "/t/osby/rapporter/statistik", viewers: ["public"] },
  { name: "rapporter (bevaka)", path: "/t/osby/rapporter/bevaka", viewers: ["public"] },
  {
    name: "rapport (publik sida)",
    path: `/t/osby/rapporter/${DEMO_REFS.footpath}`,
    viewers: ["public", "rapportor"],
    waitFor: "#report-map.leaflet-container",
  },
  { name: "rapport (bevaka en rapport)", path: `/t/osby/rapporter/bevaka?rapport=${DEMO_REFS.footpath}`, viewers: ["public"] },
  { name: "mitt ärende (ogiltig länk)", path: "/t/osby/mitt-arende?nyckel=finns-inte", viewers: ["public"], status: 404 },
  { name: "bevakning (ogiltig länk)", path: "/t/osby/bevakning?nyckel=finns-inte", viewers: ["public"], status: 404 },
  { name: "rapport (personal)", path: `/t/osby/arbete/rapporter/${DEMO_REFS.footpath}`, viewers: [...ROLES], waitFor: "#staff-report-map.leaflet-container" },
  { name: "rapport som väntar på granskning (personal)", path: `/t/osby/arbete/rapporter/${DEMO_REFS.pending}`, viewers: ["samordnare"] },
  { name: "personrelaterad rapport (personal)", path: `/t/osby/arbete/rapporter/${DEMO_REFS.narkotika}`, viewers: ["polis", "lasare"] },
  { name: "rapporter (inkorg)", path: "/t/osby/arbete/rapporter", viewers: [...ROLES] },
  { name: "rapporter (försenade)", path: "/t/osby/arbete/rapporter/forsenade", viewers: ["samordnare", "lasare"] },
  { name: "rapporter (regler)", path: "/t/osby/arbete/rapporter/regler", viewers: ["admin", "samordnare"] },
  { name: "rapporter (inställningar)", path: "/t/osby/arbete/rapporter/installningar", viewers: ["admin", "samordnare"] },
  { name: "rapporter (Open311-nycklar)", path: "/t/osby/arbete/rapporter/nycklar", viewers: ["admin"] },
  { name: "rapporter (mina bevakningar)", path: "/t/osby/arbete/rapporter/bevakningar", viewers: ["polis", "atgardsagare"] },
];
