// SQL for Open311 API keys (hash only; the key itself is shown once when it is made).
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";

export type ApiKeyRow = {
  id: string;
  organisation_id: string | null;
  name: string;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
};

const COLUMNS = ["id", "organisation_id", "name", "key_prefix", "created_at", "revoked_at", "last_used_at"] as const;

export async function insertApiKey(
  db: Kysely<DB>,
  tenantId: string,
  k: { organisation_id: string | null; name: string; key_prefix: string; key_hash: string; created_by: string | null },
): Promise<ApiKeyRow> {
  return (await db
    .insertInto("report_api_keys")
    .values({ tenant_id: tenantId, ...k })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()) as ApiKeyRow;
}

export async function listApiKeys(db: Kysely<DB>, tenantId: string): Promise<ApiKeyRow[]> {
  return (await db.selectFrom("report_api_keys").select(COLUMNS).where("tenant_id", "=", tenantId).orderBy("created_at", "desc").execute()) as ApiKeyRow[];
}

export async function findApiKey(db: Kysely<DB>, tenantId: string, id: string): Promise<ApiKeyRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return (await db.selectFrom("report_api_keys").select(COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst()) as
    | ApiKeyRow
    | undefined;
}

export async function findApiKeyByHash(db: Kysely<DB>, tenantId: string, hash: string): Promise<ApiKeyRow | undefined> {
  return (await db.selectFrom("report_api_keys").select(COLUMNS).where("tenant_id", "=", tenantId).where("key_hash", "=", hash).executeTakeFirst()) as
    | ApiKeyRow
    | undefined;
}

export async function revokeApiKey(db: Kysely<DB>, tenantId: string, id: string, by: string | null): Promise<boolean> {
  const r = await db
    .updateTable("report_api_keys")
    .set({ revoked_at: new Date(), revoked_by: by, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Notes that a key was used, at most once an hour: the admin page shows when a key was last used
 * (to the hour is enough to tell a live key from a forgotten one), and a busy client's every
 * request need not write to the key's row.
 */
export async function touchApiKey(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db
    .updateTable("report_api_keys")
    .set({ last_used_at: sql<Date>`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", sql<Date>`now() - interval '1 hour'`)]))
    .execute();
}
