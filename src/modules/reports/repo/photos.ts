// SQL for report photos (cleaned JPEG + thumbnail in `files`, tenant-scoped) and drafts.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";

export type PhotoRow = {
  id: string;
  report_id: string | null;
  file_id: string;
  thumb_file_id: string;
  width: number;
  height: number;
  position: number;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
};

const COLUMNS = ["id", "report_id", "file_id", "thumb_file_id", "width", "height", "position", "hidden_at", "hidden_reason", "created_at"] as const;

export async function insertFile(
  db: Kysely<DB>,
  tenantId: string,
  f: { storage_key: string; filename: string; content_type: string; size_bytes: number; sha256: string; created_by: string | null },
): Promise<string> {
  const r = await db
    .insertInto("files")
    .values({ tenant_id: tenantId, ...f })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findFile(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom("files")
    .select(["id", "storage_key", "content_type", "size_bytes", "sha256"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function deleteFiles(db: Kysely<DB>, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .deleteFrom("files")
    .where("tenant_id", "=", tenantId)
    .where("id", "in", [...ids])
    .returning(["storage_key"])
    .execute();
}

export async function insertPhoto(
  db: Kysely<DB>,
  tenantId: string,
  p: { report_id: string | null; draft_key_hash: string | null; file_id: string; thumb_file_id: string; width: number; height: number; position: number },
): Promise<PhotoRow> {
  return (await db
    .insertInto("report_photos")
    .values({ tenant_id: tenantId, ...p })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()) as PhotoRow;
}

export async function listPhotos(db: Kysely<DB>, tenantId: string, reportIds: readonly string[], opts: { includeHidden: boolean }): Promise<PhotoRow[]> {
  if (!reportIds.length) return [];
  let q = db
    .selectFrom("report_photos")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("report_id", "in", [...reportIds]);
  if (!opts.includeHidden) q = q.where("hidden_at", "is", null);
  return (await q.orderBy("report_id").orderBy("position").orderBy("created_at").execute()) as PhotoRow[];
}

export async function listDraftPhotos(db: Kysely<DB>, tenantId: string, draftKeyHash: string): Promise<PhotoRow[]> {
  return (await db
    .selectFrom("report_photos")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("draft_key_hash", "=", draftKeyHash)
    .orderBy("position")
    .orderBy("created_at")
    .execute()) as PhotoRow[];
}

export async function attachDraftPhotos(db: Kysely<DB>, tenantId: string, draftKeyHash: string, reportId: string): Promise<void> {
  await db
    .updateTable("report_photos")
    .set({ report_id: reportId, draft_key_hash: null, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("draft_key_hash", "=", draftKeyHash)
    .execute();
}

export async function findPhoto(db: Kysely<DB>, tenantId: string, reportId: string, photoId: string): Promise<PhotoRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(photoId)) return undefined;
  return (await db
    .selectFrom("report_photos")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("report_id", "=", reportId)
    .where("id", "=", photoId)
    .executeTakeFirst()) as PhotoRow | undefined;
}

export async function setPhotoHidden(
  db: Kysely<DB>,
  tenantId: string,
  photoId: string,
  hidden: { at: Date; by: string; reason: string } | null,
): Promise<void> {
  await db
    .updateTable("report_photos")
    .set(
      hidden
        ? { hidden_at: hidden.at, hidden_by: hidden.by, hidden_reason: hidden.reason, updated_at: new Date() }
        : { hidden_at: null, hidden_by: null, hidden_reason: null, updated_at: new Date() },
    )
    .where("tenant_id", "=", tenantId)
    .where("id", "=", photoId)
    .execute();
}

export async function deletePhoto(db: Kysely<DB>, tenantId: string, photoId: string): Promise<void> {
  await db.deleteFrom("report_photos").where("tenant_id", "=", tenantId).where("id", "=", photoId).execute();
}

/** Drafts older than `before` (never attached to a report): their rows and files go. */
export async function listStaleDrafts(db: Kysely<DB>, tenantId: string, before: Date): Promise<PhotoRow[]> {
  return (await db
    .selectFrom("report_photos")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("report_id", "is", null)
    .where("created_at", "<", before)
    .execute()) as PhotoRow[];
}
