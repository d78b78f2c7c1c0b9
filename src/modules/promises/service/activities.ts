// Use cases for activities: log one against a promise (with optional place and attachments),
// remove one, and list the promises an actor may log on. Dates must lie in the document's
// validity period and not in the future.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import type { Storage } from "../../../platform/storage/storage.ts";
import { activityDateProblem, statusAllows } from "../domain/lifecycle.ts";
import { can } from "../policy.ts";
import {
  type ActivityRow,
  deleteActivity as deleteActivityRow,
  deleteFiles,
  findActivity,
  insertActivity,
  insertFile,
  linkActivityFile,
  listActivityFileKeys,
} from "../repo/activities.ts";
import { findDocument } from "../repo/documents.ts";
import { findPromise, listResponsibles, organisationChain } from "../repo/promises.ts";
import type { ActivityInput } from "../schema.ts";
import type { DocumentStatus } from "../tables.ts";
import type { NotFound, WrongStatus } from "./documents.ts";
import { loadActiveViews, type PromiseView } from "./views.ts";

export type UploadedFile = { filename: string; contentType: string; data: Buffer };

const ALLOWED_TYPES: Record<string, ((b: Buffer) => boolean) | null> = {
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => b.subarray(0, 4).toString("latin1") === "\x89PNG",
  "image/gif": (b) => b.subarray(0, 4).toString("latin1") === "GIF8",
  "image/webp": (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  "application/pdf": (b) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  "text/plain": null,
  "text/csv": null,
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b) => b.subarray(0, 2).toString("latin1") === "PK",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b) => b.subarray(0, 2).toString("latin1") === "PK",
  "application/vnd.oasis.opendocument.text": (b) => b.subarray(0, 2).toString("latin1") === "PK",
};

export const MAX_ATTACHMENTS = 5;

/** Whether an upload is of an accepted type whose content matches its declared type. */
export function acceptableFile(f: UploadedFile): boolean {
  if (f.data.length === 0) return false;
  const type = f.contentType.split(";")[0]!.trim().toLowerCase();
  if (!(type in ALLOWED_TYPES)) return false;
  const sniff = ALLOWED_TYPES[type];
  return sniff ? sniff(f.data) : true;
}

export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "bilaga";
  const clean = base
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "bilaga";
}

export type LogActivityOutcome =
  | { kind: "ok"; activity: ActivityRow }
  | NotFound
  | WrongStatus
  | { kind: "forbidden" }
  | { kind: "dateOutsidePeriod"; validFrom: string; validTo: string }
  | { kind: "dateInFuture" }
  | { kind: "badFile"; filename: string }
  | { kind: "tooManyFiles" };

export async function logActivity(
  db: Kysely<DB>,
  storage: Storage,
  tenantId: string,
  actor: Actor,
  input: ActivityInput,
  files: readonly UploadedFile[],
  today: string,
): Promise<LogActivityOutcome> {
  const promise = await findPromise(db, tenantId, input.promise_id);
  if (!promise) return { kind: "notFound" };
  const doc = await findDocument(db, tenantId, promise.document_id);
  if (!doc) return { kind: "notFound" };
  const responsibles = (await listResponsibles(db, tenantId, [promise.id])).get(promise.id) ?? [];
  const chain = await organisationChain(db, tenantId, actor.organisations.get(tenantId));
  const facts = { tenant_id: tenantId, responsibleOrganisationIds: responsibles.map((o) => o.id), actorOrganisations: chain };
  if (!can(actor, "promise.logActivity", facts)) return { kind: "forbidden" };
  if (!statusAllows(doc.status, "logActivity")) return { kind: "wrongStatus", status: doc.status };
  const dateProblem = activityDateProblem(input.occurred_on, doc.valid_from, doc.valid_to, today);
  if (dateProblem === "outsidePeriod") return { kind: "dateOutsidePeriod", validFrom: doc.valid_from, validTo: doc.valid_to };
  if (dateProblem === "inFuture") return { kind: "dateInFuture" };
  if (files.length > MAX_ATTACHMENTS) return { kind: "tooManyFiles" };
  for (const f of files) if (!acceptableFile(f)) return { kind: "badFile", filename: cleanFilename(f.filename) };

  return storeAndInsert(db, storage, tenantId, actor, files, async (trx) =>
    insertActivity(trx, tenantId, {
      promiseId: promise.id,
      lineageId: promise.lineage_id,
      title: input.title,
      description: input.description,
      occurredOn: input.occurred_on,
      placeName: input.place_name,
      lat: input.lat,
      lon: input.lon,
      outcomes: input.outcomes,
      createdBy: actor.userId,
    }),
  );
}

/** Put the files in storage, then insert the activity (or use an existing one) and link the files, in one transaction. */
async function storeAndInsert(
  db: Kysely<DB>,
  storage: Storage,
  tenantId: string,
  actor: Actor,
  files: readonly UploadedFile[],
  activityFor: (trx: Kysely<DB>) => Promise<ActivityRow>,
): Promise<{ kind: "ok"; activity: ActivityRow }> {
  const stored: Array<{ key: string; file: UploadedFile; sha256: string; size: number }> = [];
  try {
    for (const f of files) {
      const key = `${tenantId}/promises/${randomUUID()}`;
      const r = await storage.put(key, f.data, f.contentType);
      stored.push({ key, file: f, ...r });
    }
    const activity = await db.transaction().execute(async (trx) => {
      const a = await activityFor(trx);
      for (const s of stored) {
        const file = await insertFile(trx, tenantId, {
          storageKey: s.key,
          filename: cleanFilename(s.file.filename),
          contentType: s.file.contentType.split(";")[0]!.trim().toLowerCase(),
          size: s.size,
          sha256: s.sha256,
          createdBy: actor.userId,
        });
        await linkActivityFile(trx, tenantId, a.id, file.id);
      }
      return a;
    });
    return { kind: "ok", activity };
  } catch (err) {
    for (const s of stored) await storage.remove(s.key).catch(() => undefined);
    throw err;
  }
}

export type AttachOutcome = { kind: "ok"; activity: ActivityRow } | NotFound | WrongStatus | { kind: "badFile"; filename: string } | { kind: "tooManyFiles" };

/** Attach more files to an existing activity (while its document still takes activities). */
export async function attachFiles(
  db: Kysely<DB>,
  storage: Storage,
  tenantId: string,
  actor: Actor,
  activity: ActivityRow,
  files: readonly UploadedFile[],
): Promise<AttachOutcome> {
  const promise = await findPromise(db, tenantId, activity.promise_id);
  const doc = promise ? await findDocument(db, tenantId, promise.document_id) : undefined;
  if (!doc) return { kind: "notFound" };
  if (!statusAllows(doc.status, "logActivity")) return { kind: "wrongStatus", status: doc.status };
  const existing = await listActivityFileKeys(db, tenantId, activity.id);
  if (existing.length + files.length > MAX_ATTACHMENTS) return { kind: "tooManyFiles" };
  for (const f of files) if (!acceptableFile(f)) return { kind: "badFile", filename: cleanFilename(f.filename) };
  return storeAndInsert(db, storage, tenantId, actor, files, async () => activity);
}

export type RemoveActivityOutcome = { kind: "ok"; documentId: string } | NotFound | WrongStatus | { kind: "forbidden" };

export async function removeActivity(db: Kysely<DB>, storage: Storage, tenantId: string, actor: Actor, activityId: string): Promise<RemoveActivityOutcome> {
  const activity = await findActivity(db, tenantId, activityId);
  if (!activity) return { kind: "notFound" };
  if (!can(actor, "activity.delete", { tenant_id: tenantId, created_by: activity.created_by })) return { kind: "forbidden" };
  const promise = await findPromise(db, tenantId, activity.promise_id);
  const doc = promise ? await findDocument(db, tenantId, promise.document_id) : undefined;
  if (!doc) return { kind: "notFound" };
  if (!statusAllows(doc.status as DocumentStatus, "logActivity")) return { kind: "wrongStatus", status: doc.status };
  const files = await listActivityFileKeys(db, tenantId, activityId);
  await db.transaction().execute(async (trx) => {
    await deleteActivityRow(trx, tenantId, activityId);
    await deleteFiles(
      trx,
      tenantId,
      files.map((f) => f.id),
    );
  });
  for (const f of files) await storage.remove(f.storage_key).catch(() => undefined);
  return { kind: "ok", documentId: doc.id };
}

/** Promises of signed or published documents on which the actor may log activities. */
export async function listLoggablePromises(
  db: Kysely<DB>,
  tenantId: string,
  actor: Actor,
  asOf: string,
): Promise<Array<{ documentId: string; documentTitle: string; validFrom: string; validTo: string; promise: PromiseView }>> {
  const views = await loadActiveViews(db, tenantId, asOf);
  const chain = await organisationChain(db, tenantId, actor.organisations.get(tenantId));
  const out = [];
  for (const v of views) {
    for (const p of v.promises) {
      const facts = { tenant_id: tenantId, responsibleOrganisationIds: p.responsibles.map((o) => o.id), actorOrganisations: chain };
      if (can(actor, "promise.logActivity", facts)) {
        out.push({ documentId: v.doc.id, documentTitle: v.doc.title, validFrom: v.doc.valid_from, validTo: v.doc.valid_to, promise: p });
      }
    }
  }
  return out;
}
