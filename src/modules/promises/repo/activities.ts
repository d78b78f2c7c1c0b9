// SQL for activities logged against promises, and their attachments. db first, then tenantId.
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { Outcome, PromiseActivitiesTable } from "../tables.ts";
import { isUuid } from "./documents.ts";

export type ActivityRow = Selectable<PromiseActivitiesTable>;

export async function insertActivity(
  db: Kysely<DB>,
  tenantId: string,
  a: {
    promiseId: string;
    lineageId: string;
    title: string;
    description: string;
    occurredOn: string;
    placeName: string | null;
    lat: number | null;
    lon: number | null;
    outcomes: Outcome[];
    createdBy: string | null;
  },
): Promise<ActivityRow> {
  return db
    .insertInto("promise_activities")
    .values({
      tenant_id: tenantId,
      promise_id: a.promiseId,
      lineage_id: a.lineageId,
      title: a.title,
      description: a.description,
      occurred_on: a.occurredOn,
      place_name: a.placeName,
      lat: a.lat,
      lon: a.lon,
      outcomes: JSON.stringify(a.outcomes),
      created_by: a.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Activities of the given promise lineages (all versions of each promise), oldest first. */
export async function listActivitiesByLineage(db: Kysely<DB>, tenantId: string, lineageIds: readonly string[]): Promise<ActivityRow[]> {
  if (lineageIds.length === 0) return [];
  return db
    .selectFrom("promise_activities")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("lineage_id", "in", [...new Set(lineageIds)])
    .orderBy("occurred_on")
    .orderBy("created_at")
    .execute();
}

export async function findActivity(db: Kysely<DB>, tenantId: string, id: string): Promise<ActivityRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("promise_activities").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export async function deleteActivity(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom("promise_activities").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

export async function insertFile(
  db: Kysely<DB>,
  tenantId: string,
  f: { storageKey: string; filename: string; contentType: string; size: number; sha256: string; createdBy: string | null },
): Promise<{ id: string }> {
  return db
    .insertInto("files")
    .values({
      tenant_id: tenantId,
      storage_key: f.storageKey,
      filename: f.filename,
      content_type: f.contentType,
      size_bytes: f.size,
      sha256: f.sha256,
      created_by: f.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function linkActivityFile(db: Kysely<DB>, tenantId: string, activityId: string, fileId: string): Promise<void> {
  await db.insertInto("promise_activity_files").values({ tenant_id: tenantId, activity_id: activityId, file_id: fileId }).execute();
}

export type AttachmentRow = { activity_id: string; id: string; filename: string; content_type: string; size_bytes: number };

export async function listAttachments(db: Kysely<DB>, tenantId: string, activityIds: readonly string[]): Promise<Map<string, AttachmentRow[]>> {
  const out = new Map<string, AttachmentRow[]>();
  if (activityIds.length === 0) return out;
  const rows = await db
    .selectFrom("promise_activity_files")
    .innerJoin("files", "files.id", "promise_activity_files.file_id")
    .select(["promise_activity_files.activity_id", "files.id", "files.filename", "files.content_type", "files.size_bytes"])
    .where("promise_activity_files.tenant_id", "=", tenantId)
    .where("files.tenant_id", "=", tenantId)
    .where("promise_activity_files.activity_id", "in", activityIds as string[])
    .orderBy("files.created_at")
    .execute();
  for (const r of rows) out.set(r.activity_id, [...(out.get(r.activity_id) ?? []), { ...r, size_bytes: Number(r.size_bytes) }]);
  return out;
}

/** An attachment of some activity of this tenant (files of other modules are not reachable here). */
export async function findAttachment(db: Kysely<DB>, tenantId: string, fileId: string) {
  if (!isUuid(fileId)) return undefined;
  return db
    .selectFrom("promise_activity_files")
    .innerJoin("files", "files.id", "promise_activity_files.file_id")
    .select(["files.id", "files.storage_key", "files.filename", "files.content_type", "files.size_bytes"])
    .where("promise_activity_files.tenant_id", "=", tenantId)
    .where("files.tenant_id", "=", tenantId)
    .where("files.id", "=", fileId)
    .executeTakeFirst();
}

export async function listActivityFileKeys(db: Kysely<DB>, tenantId: string, activityId: string): Promise<Array<{ id: string; storage_key: string }>> {
  return db
    .selectFrom("promise_activity_files")
    .innerJoin("files", "files.id", "promise_activity_files.file_id")
    .select(["files.id", "files.storage_key"])
    .where("promise_activity_files.tenant_id", "=", tenantId)
    .where("promise_activity_files.activity_id", "=", activityId)
    .execute();
}

export async function deleteFiles(db: Kysely<DB>, tenantId: string, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await db
    .deleteFrom("files")
    .where("tenant_id", "=", tenantId)
    .where("id", "in", fileIds as string[])
    .execute();
}
