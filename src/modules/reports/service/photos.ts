// Photos of reports: each upload is cleaned by the shared photo pipeline (bytes decide the type,
// pixel bound, every metadata block removed, re-encoded JPEG + thumbnail) and stored as files
// of the tenant. Uploads wait as drafts until the report is sent, so a form that must be
// corrected never asks for the photos again. Staff can hide a photo from the public or delete
// it; both are in the audit log.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { MultipartFile } from "../../../platform/http/pipeline.ts";
import { MAX_PHOTO_BYTES, processPhoto } from "../../../platform/photos/photos.ts";
import type { Storage } from "../../../platform/storage/storage.ts";
import { deleteFiles, deletePhoto, findFile, insertFile, insertPhoto, listDraftPhotos, listStaleDrafts, type PhotoRow } from "../repo/photos.ts";

export const MAX_PHOTOS = 3;

export type PhotoProblem = { file: string; key: string; params?: Record<string, string | number> };

/** Keep the good photos of an upload as drafts (at most MAX_PHOTOS with those already kept); say what was wrong with the others. */
export async function storeDraftPhotos(
  db: Kysely<DB>,
  storage: Storage,
  tenantId: string,
  draftKeyHash: string,
  files: readonly MultipartFile[],
): Promise<{ drafts: PhotoRow[]; problems: PhotoProblem[] }> {
  const existing = await listDraftPhotos(db, tenantId, draftKeyHash);
  const problems: PhotoProblem[] = [];
  let position = existing.length;
  for (const f of files) {
    const name = f.filename.slice(0, 80);
    if (position >= MAX_PHOTOS) {
      problems.push({ file: name, key: "reports.photo.error.tooMany", params: { max: MAX_PHOTOS } });
      continue;
    }
    if (f.truncated) {
      problems.push({ file: name, key: "reports.photo.error.tooLarge", params: { mb: MAX_PHOTO_BYTES / 1024 / 1024 } });
      continue;
    }
    const out = await processPhoto(f.data);
    if (out.kind !== "ok") {
      const key =
        out.kind === "tooLarge"
          ? "reports.photo.error.tooLarge"
          : out.kind === "notAnImage"
            ? "reports.photo.error.notAnImage"
            : out.kind === "tooManyPixels"
              ? "reports.photo.error.tooManyPixels"
              : out.kind === "empty"
                ? "reports.photo.error.empty"
                : "reports.photo.error.unreadable";
      problems.push({ file: name, key, params: { mb: MAX_PHOTO_BYTES / 1024 / 1024 } });
      continue;
    }
    try {
      const base = `${tenantId}/reports/${randomUUID()}`;
      const full = await storage.put(`${base}.jpg`, out.data, out.contentType);
      const thumb = await storage.put(`${base}-liten.jpg`, out.thumbnail, out.contentType);
      const fileId = await insertFile(db, tenantId, {
        storage_key: `${base}.jpg`,
        filename: "bild.jpg",
        content_type: out.contentType,
        size_bytes: full.size,
        sha256: full.sha256,
        created_by: null,
      });
      const thumbId = await insertFile(db, tenantId, {
        storage_key: `${base}-liten.jpg`,
        filename: "bild-liten.jpg",
        content_type: out.contentType,
        size_bytes: thumb.size,
        sha256: thumb.sha256,
        created_by: null,
      });
      existing.push(
        await insertPhoto(db, tenantId, {
          report_id: null,
          draft_key_hash: draftKeyHash,
          file_id: fileId,
          thumb_file_id: thumbId,
          width: out.width,
          height: out.height,
          position: position++,
        }),
      );
    } catch {
      problems.push({ file: name, key: "reports.photo.error.storage" });
    }
  }
  return { drafts: existing, problems };
}

/** The bytes of a photo (or its thumbnail), null when the file is gone. */
export async function photoBytes(db: Kysely<DB>, storage: Storage, tenantId: string, photo: PhotoRow, size: "full" | "thumb"): Promise<Buffer | null> {
  const file = await findFile(db, tenantId, size === "full" ? photo.file_id : photo.thumb_file_id);
  if (!file) return null;
  return storage.get(file.storage_key);
}

/** Delete a photo, its rows and its stored files. */
export async function removePhoto(db: Kysely<DB>, storage: Storage, tenantId: string, photo: PhotoRow): Promise<void> {
  await deletePhoto(db, tenantId, photo.id);
  const gone = await deleteFiles(db, tenantId, [photo.file_id, photo.thumb_file_id]);
  for (const f of gone) await storage.remove(f.storage_key).catch(() => undefined);
}

/** Remove a draft photo the resident took back before sending. */
export async function removeDraftPhoto(db: Kysely<DB>, storage: Storage, tenantId: string, draftKeyHash: string, photoId: string): Promise<void> {
  const drafts = await listDraftPhotos(db, tenantId, draftKeyHash);
  const photo = drafts.find((p) => p.id === photoId);
  if (photo) await removePhoto(db, storage, tenantId, photo);
}

/** Drafts older than a day that were never sent: their files go. */
export async function removeStaleDrafts(db: Kysely<DB>, storage: Storage, tenantId: string, now: Date): Promise<number> {
  const stale = await listStaleDrafts(db, tenantId, new Date(now.getTime() - 86_400_000));
  for (const p of stale) await removePhoto(db, storage, tenantId, p);
  return stale.length;
}
