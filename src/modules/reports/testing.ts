// Factories of the reports module and what the sweeps need from it: rows for the isolation sweep
// (the ids that fill route parameters), request bodies that reach the handlers, and the pages of
// the accessibility sweep (with the Osby demo's data).
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../analysis/index.ts";
import type { DB } from "../../platform/db/schema.ts";
import { ROLES } from "../../platform/db/schema.ts";
import type { FixtureExtras, ModuleTesting } from "../../platform/module.ts";
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

/**
 * The Open311 API key of the fixtures' organisation (only its hash is stored, per tenant), so the
 * sweeps' POST requests.json|xml reach the handler instead of stopping at "api_key saknas" (403).
 */
export const FIXTURE_API_KEY = "trygg_prov_open311-svepnyckel";

export async function isolationFixtures(db: Kysely<DB>, tenantId: string, extras: FixtureExtras): Promise<Record<string, string>> {
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
    key_hash: hashSecret(FIXTURE_API_KEY),
    created_by: null,
  });
  // Used just now: the sweeps' requests with it within the hour change nothing of the key's row.
  await db.updateTable("report_api_keys").set({ last_used_at: new Date() }).where("tenant_id", "=", tenantId).where("id", "=", key.id).execute();
  // The photo's bytes are stored too (when the sweep hands over the storage), so its address answers.
  const photoKey = `${tenantId}/reports/prov-${Math.random().toString(36).slice(2, 8)}.jpg`;
  const sharp = (await import("sharp")).default;
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#357" } })
    .jpeg()
    .toBuffer();
  const stored = await extras.storage.put(photoKey, jpeg, "image/jpeg");
  const photoFile = await db
    .insertInto("files")
    .values({
      tenant_id: tenantId,
      storage_key: photoKey,
      filename: "bild.jpg",
      content_type: "image/jpeg",
      size_bytes: stored.size,
      sha256: stored.sha256,
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
  "GET /t/:tenant/rapporter/nara.json": () => ({ query: { lat: String(INSIDE.lat), lon: String(INSIDE.lon), kategori: "belysning" } }),
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
    body: { api_key: FIXTURE_API_KEY, service_code: "belysning", lat: String(INSIDE.lat), long: String(INSIDE.lon), description: "Isolationsprov" },
  }),
  "POST /t/:tenant/open311/v2/requests.xml": () => ({
    body: { api_key: FIXTURE_API_KEY, service_code: "belysning", lat: String(INSIDE.lat), long: String(INSIDE.lon), description: "Isolationsprov" },
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

export type UploadFile = { field: string; filename: string; contentType: string; data: Buffer };

/** A multipart/form-data body as a browser sends it (fields may repeat; files with their claimed name and type). */
export function multipartBody(
  fields: Record<string, string | string[]>,
  files: readonly UploadFile[] = [],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----trygg${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value])
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`, "utf8"));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
        "utf8",
      ),
    );
    parts.push(f.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** A JPEG carrying EXIF (with a GPS position and a person's name), XMP and an ICC profile. */
export async function photoWithMetadata(width = 400, height = 300): Promise<Buffer> {
  const sharp = (await import("sharp")).default;
  return sharp({ create: { width, height, channels: 3, background: "#6a8" } })
    .jpeg()
    .withExif({
      IFD0: { Artist: "Anna Svensson", Copyright: "privat" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "56/1 22/1 51/1", GPSLongitudeRef: "E", GPSLongitude: "13/1 59/1 42/1" },
    })
    .withIccProfile("p3")
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>hemligt</rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .toBuffer();
}

/** A PNG whose header claims width × height pixels but whose data is tiny (a decompression bomb's shape). */
export async function pngBomb(width = 60_000, height = 60_000): Promise<Buffer> {
  const { crc32, deflateSync } = await import("node:zlib");
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(1000))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

type Injectable = {
  inject(o: { method?: "GET" | "POST"; url: string; cookies?: Record<string, string>; payload?: string; headers?: Record<string, string> }): Promise<{
    statusCode: number;
    body: string;
    headers: Record<string, unknown>;
    cookies: Array<{ name: string; value: string }>;
  }>;
};

/** Post a form as a signed-in browser does: the CSRF token and cookies from the page it is on. */
export async function postForm(app: Injectable, pageUrl: string, action: string, fields: Record<string, string | string[]>, cookies: Record<string, string>) {
  const page = await app.inject({ method: "GET", url: pageUrl, cookies });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`ingen CSRF-token på ${pageUrl} (${page.statusCode})`);
  const jar = { ...cookies };
  for (const c of page.cookies) jar[c.name] = c.value;
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  body.set("_csrf", token);
  return app.inject({ method: "POST", url: action, cookies: jar, payload: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
}
