// Capturing observations during a walk. The phone generates each observation's id; sending it
// is a PUT by that id, so a send repeated by a flaky network stores it once and answers with
// what is stored. An observation without position or category is kept as a draft. Free text is
// screened for personal data before it is stored; photos are cleaned (bytes decide the type,
// every metadata block removed) before they are stored.
import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { processPhoto } from "../../../platform/photos/photos.ts";
import { certainFindings, type Finding, screenFields } from "../../../platform/privacy/screen.ts";
import type { Storage } from "../../../platform/storage/storage.ts";
import { listPlaces } from "../../tenants/index.ts";
import { walkLifecycle } from "../domain/lifecycle.ts";
import { stockholmDay } from "../domain/time.ts";
import { can } from "../policy.ts";
import { findAction } from "../repo/actions.ts";
import {
  deleteFiles,
  findObservation,
  insertFile,
  insertObservationOnce,
  type ObservationRow,
  type ObservationValues,
  setObservationPhoto,
  updateObservation,
} from "../repo/observations.ts";
import { findStop, listStops, type WalkRow } from "../repo/walks.ts";
import type { ObservationInput } from "../schema.ts";
import type { WrongStatus } from "./walks.ts";

export type ScreeningRefusal = { kind: "personalData"; fields: Record<string, Finding[]>; certain: boolean };

export type CaptureOutcome =
  | { kind: "ok"; observation: ObservationRow; created: boolean }
  | WrongStatus
  | { kind: "forbidden" }
  | { kind: "idTaken" }
  | { kind: "unknownStop" }
  | { kind: "unknownAction" }
  | ScreeningRefusal;

/** The words that are never person names in this tenant's texts: its places and the walk's stops. */
async function ignoreWords(db: Kysely<DB>, tenantId: string, walkId: string): Promise<string[]> {
  const [places, stops] = await Promise.all([listPlaces(db, tenantId), listStops(db, tenantId, walkId)]);
  return [...places, ...stops].flatMap((p) => p.name.split(/[\s,]+/)).filter((w) => w.length > 1);
}

/** Screen the observation's free text: identity numbers, phones and e-mail are refused; likely names need the writer's word. */
export async function screenObservation(db: Kysely<DB>, tenantId: string, walkId: string, input: ObservationInput): Promise<ScreeningRefusal | null> {
  const found = screenFields(
    { description: input.description, proposed_measure: input.proposed_measure, unsafe_for: input.unsafe_for },
    { ignoreWords: await ignoreWords(db, tenantId, walkId), confirmedNotNames: input.confirmed_not_names },
  );
  if (Object.keys(found).length === 0) return null;
  const certain = Object.values(found).some((f) => certainFindings(f).length > 0);
  return { kind: "personalData", fields: found, certain };
}

async function valuesOf(
  db: Kysely<DB>,
  tenantId: string,
  walk: WalkRow,
  input: ObservationInput,
  observedAt: Date,
): Promise<{ kind: "ok"; values: Omit<ObservationValues, "observer_id" | "observer_name"> } | { kind: "unknownStop" } | { kind: "unknownAction" }> {
  let { lat, lon } = input;
  if (input.stop_id) {
    const stop = await findStop(db, tenantId, input.stop_id);
    if (!stop || stop.walk_id !== walk.id) return { kind: "unknownStop" };
    // "At stop 3" is a position: the stop's, unless the phone knew better.
    if (lat === null || lon === null) ({ lat, lon } = stop);
  }
  if (input.follows_action_id) {
    const action = await findAction(db, tenantId, input.follows_action_id);
    if (!action || !walk.rewalk_of_id || action.walk_id !== walk.rewalk_of_id) return { kind: "unknownAction" };
  }
  const grid = lat !== null && lon !== null ? latLonToSweref(lat, lon) : null;
  return {
    kind: "ok",
    values: {
      stop_id: input.stop_id,
      lat,
      lon,
      n: grid ? grid.n : null,
      e: grid ? grid.e : null,
      day: stockholmDay(observedAt),
      category: input.category,
      unsafe: walk.captures_feelings ? input.unsafe : null,
      unsafe_for: walk.captures_feelings ? input.unsafe_for : "",
      description: input.description,
      proposed_measure: input.proposed_measure,
      urgency: input.urgency,
      follows_action_id: input.follows_action_id,
      resolved: input.follows_action_id ? input.resolved : null,
      observed_at: observedAt,
    },
  };
}

const CONTENT_KEYS = [
  "stop_id",
  "lat",
  "lon",
  "category",
  "unsafe",
  "unsafe_for",
  "description",
  "proposed_measure",
  "urgency",
  "follows_action_id",
  "resolved",
] as const;

function sameContent(row: ObservationRow, v: Omit<ObservationValues, "observer_id" | "observer_name">): boolean {
  return CONTENT_KEYS.every((k) => row[k] === v[k]);
}

/**
 * Store the observation `id` of the walk (PUT semantics): the first send creates it; the same
 * content sent again changes nothing; changed content from someone allowed to edit it (the one
 * who captured it, or an organiser) updates it. An id used by another walk or tenant is refused.
 */
export async function putObservation(
  db: Kysely<DB>,
  tenantId: string,
  actor: Actor,
  walk: WalkRow & { observerIds: readonly string[] },
  id: string,
  input: ObservationInput,
): Promise<CaptureOutcome> {
  if (!can(actor, "walk.capture", walk)) return { kind: "forbidden" };
  const existing = await findObservation(db, tenantId, id);
  if (existing && existing.walk_id !== walk.id) return { kind: "idTaken" };
  if (!walkLifecycle.statusAllows(walk.status, "capture")) {
    // A repeat of what is already stored is still answered (the phone may learn it arrived late).
    if (existing) return { kind: "ok", observation: existing, created: false };
    return { kind: "wrongStatus", status: walk.status };
  }
  const observedAt = input.observed_at ? new Date(input.observed_at) : existing ? new Date(existing.observed_at) : new Date();
  const v = await valuesOf(db, tenantId, walk, input, observedAt);
  if (v.kind !== "ok") return v;
  if (existing && sameContent(existing, v.values)) return { kind: "ok", observation: existing, created: false };
  const refused = await screenObservation(db, tenantId, walk.id, input);
  if (refused) return refused;
  if (existing) {
    if (!can(actor, "observation.edit", { ...existing, observerIds: walk.observerIds })) return { kind: "forbidden" };
    const row = await updateObservation(db, tenantId, id, v.values);
    return row ? { kind: "ok", observation: row, created: false } : { kind: "idTaken" };
  }
  const created = await insertObservationOnce(db, tenantId, walk.id, id, { ...v.values, observer_id: actor.userId, observer_name: actor.name });
  const row = await findObservation(db, tenantId, id);
  if (!row || row.walk_id !== walk.id) return { kind: "idTaken" };
  if (!created && !sameContent(row, v.values)) {
    // Two sends raced and the other one won with different content: keep the latest.
    const updated = await updateObservation(db, tenantId, id, v.values);
    return { kind: "ok", observation: updated ?? row, created: false };
  }
  return { kind: "ok", observation: row, created };
}

export type PhotoOutcome =
  | { kind: "ok"; observation: ObservationRow; stored: boolean }
  | WrongStatus
  | { kind: "forbidden" }
  | { kind: "empty" }
  | { kind: "tooLarge"; maxBytes: number }
  | { kind: "notAnImage" }
  | { kind: "tooManyPixels" }
  | { kind: "unreadable" };

/**
 * The observation's photo: checked and cleaned by processPhoto (the bytes decide the type; EXIF
 * with GPS and camera serial, XMP, ICC, comments are all removed by re-encoding), stored with a
 * thumbnail. The same bytes sent again store nothing new; other bytes replace the photo.
 */
export async function attachPhoto(
  db: Kysely<DB>,
  storage: Storage,
  tenantId: string,
  actor: Actor,
  walk: WalkRow & { observerIds: readonly string[] },
  observation: ObservationRow,
  bytes: Buffer,
): Promise<PhotoOutcome> {
  if (!can(actor, "observation.edit", { ...observation, observerIds: walk.observerIds })) return { kind: "forbidden" };
  const uploadSha = createHash("sha256").update(bytes).digest("hex");
  if (observation.photo_upload_sha256 === uploadSha && observation.photo_file_id) return { kind: "ok", observation, stored: false };
  if (!walkLifecycle.statusAllows(walk.status, "capture")) return { kind: "wrongStatus", status: walk.status };
  const photo = await processPhoto(bytes);
  if (photo.kind !== "ok") return photo.kind === "notAnImage" ? { kind: "notAnImage" } : photo.kind === "tooManyPixels" ? { kind: "tooManyPixels" } : photo;
  const base = `${tenantId}/walks/${walk.id}/${randomUUID()}`;
  const keys = [`${base}.jpg`, `${base}-liten.jpg`];
  const put = [await storage.put(keys[0]!, photo.data, "image/jpeg"), await storage.put(keys[1]!, photo.thumbnail, "image/jpeg")];
  try {
    const old = [observation.photo_file_id, observation.thumb_file_id].filter((x): x is string => x !== null);
    const removed = await db.transaction().execute(async (trx) => {
      const photoId = await insertFile(trx, tenantId, {
        storageKey: keys[0]!,
        filename: `observation-${observation.id}.jpg`,
        contentType: "image/jpeg",
        size: put[0]!.size,
        sha256: put[0]!.sha256,
        createdBy: actor.userId,
      });
      const thumbId = await insertFile(trx, tenantId, {
        storageKey: keys[1]!,
        filename: `observation-${observation.id}-liten.jpg`,
        contentType: "image/jpeg",
        size: put[1]!.size,
        sha256: put[1]!.sha256,
        createdBy: actor.userId,
      });
      await setObservationPhoto(trx, tenantId, observation.id, { photoFileId: photoId, thumbFileId: thumbId, uploadSha256: uploadSha });
      return deleteFiles(trx, tenantId, old);
    });
    for (const f of removed) await storage.remove(f.storage_key).catch(() => undefined);
  } catch (err) {
    for (const k of keys) await storage.remove(k).catch(() => undefined);
    throw err;
  }
  const row = await findObservation(db, tenantId, observation.id);
  return { kind: "ok", observation: row!, stored: true };
}

/** Remove the observation's photo (the one who captured it, or an organiser). */
export async function removePhoto(
  db: Kysely<DB>,
  storage: Storage,
  tenantId: string,
  actor: Actor,
  walk: WalkRow & { observerIds: readonly string[] },
  observation: ObservationRow,
): Promise<{ kind: "ok" } | { kind: "forbidden" }> {
  if (!can(actor, "observation.edit", { ...observation, observerIds: walk.observerIds })) return { kind: "forbidden" };
  const old = [observation.photo_file_id, observation.thumb_file_id].filter((x): x is string => x !== null);
  const removed = await db.transaction().execute(async (trx) => {
    await setObservationPhoto(trx, tenantId, observation.id, { photoFileId: null, thumbFileId: null, uploadSha256: null });
    return deleteFiles(trx, tenantId, old);
  });
  for (const f of removed) await storage.remove(f.storage_key).catch(() => undefined);
  return { kind: "ok" };
}
