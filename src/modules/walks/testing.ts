// Test factories of the walks module, and what the sweeps need from it: rows for the
// tenant-isolation sweep (ids for every route parameter), request bodies where validation would
// stop a request, and the pages of the accessibility sweep (with the Osby demo's ids). Text
// defaults carry <script> and å/ä/ö so escaping bugs surface.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../analysis/index.ts";
import type { DB } from "../../platform/db/schema.ts";
import { ROLES } from "../../platform/db/schema.ts";
import type { ModuleTesting } from "../../platform/module.ts";
import { nasty } from "../../platform/testing/factories.ts";
import { DEMO_ACTION_IDS, DEMO_OBSERVATION_IDS, DEMO_WALK_IDS } from "./demo/seed.ts";
import type { ActionStatus, Category } from "./domain/categories.ts";
import type { WalkStatus } from "./domain/lifecycle.ts";
import { stockholmDay } from "./domain/time.ts";
import { insertWalk, type WalkRow } from "./repo/walks.ts";

export const LONSBODA = { lat: 56.398, lon: 14.319 };

/** A 1×1 JPEG (what a stored, cleaned photo is). */
export const TINY_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==",
  "base64",
);

/** A walk in the given status, two stops, starting `daysFromNow` days from now at 18.00 UTC (default: in a week). */
export async function makeWalk(
  db: Kysely<DB>,
  tenantId: string,
  opts: { status?: WalkStatus; daysFromNow?: number; cap?: number; title?: string; capturesFeelings?: boolean } = {},
): Promise<{ walk: WalkRow; stopIds: string[] }> {
  const start = new Date(Date.now() + (opts.daysFromNow ?? 7) * 86_400_000);
  start.setUTCHours(17, 0, 0, 0);
  const walk = await insertWalk(db, tenantId, {
    kind: "medborgarvandring",
    title: opts.title ?? nasty("Medborgarvandring"),
    place_id: null,
    meeting_point: nasty("Torget"),
    lat: LONSBODA.lat,
    lon: LONSBODA.lon,
    route: null,
    starts_at: start,
    ends_at: new Date(start.getTime() + 2 * 3_600_000),
    purpose: nasty("Syfte"),
    organisers: [nasty("Arrangör")],
    decision_makers: [],
    accessibility_note: nasty("Tillgänglighet"),
    signup_cap: opts.cap ?? 20,
    captures_feelings: opts.capturesFeelings ?? true,
    promise_id: null,
    createdBy: null,
  });
  const stopIds: string[] = [];
  for (const [i, d] of [0, 0.001].entries()) {
    const r = await db
      .insertInto("walk_stops")
      .values({ tenant_id: tenantId, walk_id: walk.id, position: i + 1, name: nasty(`Stopp ${i + 1}`), lat: LONSBODA.lat + d, lon: LONSBODA.lon + d, note: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    stopIds.push(r.id);
  }
  if (opts.status && opts.status !== "utkast") {
    await db.updateTable("walks").set({ status: opts.status }).where("tenant_id", "=", tenantId).where("id", "=", walk.id).execute();
  }
  return { walk: { ...walk, status: opts.status ?? "utkast" }, stopIds };
}

/** A completed observation on the walk (with a position and a category). */
export async function makeObservation(
  db: Kysely<DB>,
  tenantId: string,
  walkId: string,
  over: Partial<{
    id: string;
    category: Category | null;
    lat: number | null;
    lon: number | null;
    photoPublic: boolean;
    photoFileId: string | null;
    thumbFileId: string | null;
    observedAt: Date;
  }> = {},
): Promise<string> {
  const lat = over.lat === undefined ? LONSBODA.lat + 0.0005 : over.lat;
  const lon = over.lon === undefined ? LONSBODA.lon + 0.0005 : over.lon;
  const grid = lat !== null && lon !== null ? latLonToSweref(lat, lon) : null;
  const observedAt = over.observedAt ?? new Date();
  const r = await db
    .insertInto("walk_observations")
    .values({
      id: over.id ?? randomUUID(),
      tenant_id: tenantId,
      walk_id: walkId,
      lat,
      lon,
      n: grid?.n ?? null,
      e: grid?.e ?? null,
      day: stockholmDay(observedAt),
      category: over.category === undefined ? "belysning" : over.category,
      description: nasty("Trasig lampa"),
      proposed_measure: nasty("Laga lampan"),
      observed_at: observedAt,
      photo_public: over.photoPublic ?? false,
      photo_file_id: over.photoFileId ?? null,
      thumb_file_id: over.thumbFileId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function makeAction(
  db: Kysely<DB>,
  tenantId: string,
  walkId: string,
  observationId: string,
  over: Partial<{ organisationId: string | null; status: ActionStatus; number: number; feedback: string }> = {},
): Promise<string> {
  const r = await db
    .insertInto("walk_actions")
    .values({
      tenant_id: tenantId,
      walk_id: walkId,
      observation_id: observationId,
      number: over.number ?? 1,
      title: nasty("Laga lampan"),
      place_text: nasty("Torget"),
      organisation_id: over.organisationId ?? null,
      status: over.status ?? "ny",
      public_feedback: over.feedback ?? "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("walk_action_changes")
    .values({ tenant_id: tenantId, action_id: r.id, status: over.status ?? "ny", organisation_id: over.organisationId ?? null })
    .execute();
  return r.id;
}

/** A walk with a published protocol: a stop, an observation with a public photo (in storage), an action, a viewpoint and a sign-up. */
export const isolationFixtures: NonNullable<ModuleTesting["isolationFixtures"]> = async (db, tenantId, { storage }) => {
  const { walk } = await makeWalk(db, tenantId, { status: "protokoll", daysFromNow: -3 });
  const file = async (name: string) => {
    const key = `${tenantId}/walks/${randomUUID()}.jpg`;
    const stored = await storage.put(key, TINY_JPEG, "image/jpeg");
    const row = await db
      .insertInto("files")
      .values({ tenant_id: tenantId, storage_key: key, filename: name, content_type: "image/jpeg", size_bytes: stored.size, sha256: stored.sha256 })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const observationId = await makeObservation(db, tenantId, walk.id, {
    photoPublic: true,
    photoFileId: await file("foto.jpg"),
    thumbFileId: await file("liten.jpg"),
  });
  const actionId = await makeAction(db, tenantId, walk.id, observationId);
  const vp = await db
    .insertInto("walk_viewpoints")
    .values({ tenant_id: tenantId, walk_id: walk.id, lat: LONSBODA.lat, lon: LONSBODA.lon, body: nasty("Synpunkt") })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("walk_signups")
    .values({ tenant_id: tenantId, walk_id: walk.id, name: nasty("Namn"), party_size: 1 })
    .execute();
  return { walkId: walk.id, observationId, actionId, viewpointId: vp.id };
};

export const requestOverrides: NonNullable<ModuleTesting["requestOverrides"]> = {
  "PUT /api/t/:tenant/walks/:walkId/observations/:observationId": () => ({ body: { category: "belysning", lat: 56.4, lon: 14.3 }, json: true }),
  "POST /api/t/:tenant/walks/:walkId/viewpoints": () => ({ body: { lat: 56.4, lon: 14.3, body: "Isolationsprov vid torget" }, json: true }),
  "POST /api/t/:tenant/walks/:walkId/signups": () => ({ body: { party_size: 1 }, json: true }),
  "POST /api/t/:tenant/walk-actions/:actionId/status": () => ({ body: { status: "planerad", version: 1 }, json: true }),
};

export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "vandringar (publik)", path: "/t/osby/vandringar", viewers: ["public"] },
  {
    name: "protokollet från Lönsboda 2021",
    path: `/t/osby/vandringar/${DEMO_WALK_IDS.lonsboda2021}`,
    viewers: ["public", "atgardsagare"],
    waitFor: "#walk-map.leaflet-container",
  },
  {
    name: "protokollet från Lönsboda 2021 på engelska",
    path: `/t/osby/vandringar/${DEMO_WALK_IDS.lonsboda2021}?lang=en`,
    viewers: ["public"],
    waitFor: "#walk-map.leaflet-container",
  },
  {
    name: "återvandringen 2022 (före och efter)",
    path: `/t/osby/vandringar/${DEMO_WALK_IDS.rewalk2022}`,
    viewers: ["public"],
    waitFor: "#walk-map.leaflet-container",
  },
  {
    name: "inbjudan med anmälan och synpunkter",
    path: `/t/osby/vandringar/${DEMO_WALK_IDS.coming}`,
    viewers: ["public"],
    waitFor: "#viewpoint-map.leaflet-container",
  },
  { name: "vandringar (personal)", path: "/t/osby/arbete/vandringar", viewers: [...ROLES] },
  { name: "planera en vandring", path: "/t/osby/arbete/vandringar/ny", viewers: ["samordnare"], waitFor: "#walk-plan-map.leaflet-container" },
  { name: "vandringen 2021 (personal)", path: `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.lonsboda2021}`, viewers: ["samordnare", "lasare"] },
  { name: "den kommande vandringen (personal)", path: `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.coming}`, viewers: ["samordnare", "polis"] },
  {
    name: "ändra planeringen",
    path: `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.coming}/redigera`,
    viewers: ["samordnare"],
    waitFor: "#walk-plan-map.leaflet-container",
  },
  {
    name: "registrera observationer",
    path: `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.coming}/falt`,
    viewers: ["samordnare", "polis"],
    waitFor: "#capture-map.leaflet-container",
  },
  {
    name: "en observation",
    path: `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.lonsboda2021}/observationer/${DEMO_OBSERVATION_IDS.parkingLight}`,
    viewers: ["samordnare", "lasare"],
  },
  { name: "avslutande möte", path: `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.lonsboda2021}/avslutande-mote`, viewers: ["samordnare"] },
  { name: "mina åtgärder", path: "/t/osby/arbete/vandringar/mina-atgarder", viewers: ["atgardsagare", "samordnare", "lasare"] },
  { name: "en öppen åtgärd", path: `/t/osby/arbete/vandringar/atgarder/${DEMO_ACTION_IDS.tunnelLight}`, viewers: ["atgardsagare", "samordnare"] },
  { name: "en åtgärdad åtgärd", path: `/t/osby/arbete/vandringar/atgarder/${DEMO_ACTION_IDS.parkingLight}`, viewers: ["samordnare"] },
  { name: "inställningar för vandringar", path: "/t/osby/arbete/vandringar/installningar", viewers: ["samordnare"] },
];
