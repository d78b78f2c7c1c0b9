// SQL of survey definitions. Every function takes the database, then the tenant id.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { DefinitionContent } from "../domain/definition.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

const COLUMNS = ["id", "tenant_id", "series_id", "revision", "supersedes_id", "name", "content", "locked", "version", "created_at", "updated_at"] as const;

export type DefinitionRow = {
  id: string;
  tenant_id: string;
  series_id: string;
  revision: number;
  supersedes_id: string | null;
  name: string;
  content: DefinitionContent;
  locked: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
};

/** Stored content is re-read through the schema, so a row written by an older version still has every default. */
function row(r: Omit<DefinitionRow, "content"> & { content: unknown }): DefinitionRow {
  return { ...r, content: DefinitionContent.parse(r.content) };
}

export async function findDefinition(db: Kysely<DB>, tenantId: string, id: string): Promise<DefinitionRow | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.selectFrom("survey_definitions").select(COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  return r ? row(r) : undefined;
}

export async function listDefinitions(db: Kysely<DB>, tenantId: string): Promise<DefinitionRow[]> {
  const rows = await db
    .selectFrom("survey_definitions")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .orderBy("name")
    .orderBy("revision", "desc")
    .execute();
  return rows.map(row);
}

export async function insertDefinition(
  db: Kysely<DB>,
  tenantId: string,
  d: { seriesId: string; revision: number; supersedesId: string | null; name: string; content: DefinitionContent; createdBy: string | null },
): Promise<DefinitionRow> {
  const r = await db
    .insertInto("survey_definitions")
    .values({
      tenant_id: tenantId,
      series_id: d.seriesId,
      revision: d.revision,
      supersedes_id: d.supersedesId,
      name: d.name,
      content: JSON.stringify(d.content),
      created_by: d.createdBy,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return row(r);
}

/** Replace the content when the version matches (optimistic locking); undefined on a stale version. */
export async function updateDefinitionContent(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  version: number,
  content: DefinitionContent,
  opts: { requireUnlocked: boolean },
): Promise<DefinitionRow | undefined> {
  let q = db
    .updateTable("survey_definitions")
    .set((eb) => ({ content: JSON.stringify(content), version: eb("version", "+", 1), updated_at: new Date() }))
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("version", "=", version);
  if (opts.requireUnlocked) q = q.where("locked", "=", false);
  const r = await q.returning(COLUMNS).executeTakeFirst();
  return r ? row(r) : undefined;
}

export async function lockDefinition(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db
    .updateTable("survey_definitions")
    .set({ locked: true, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("locked", "=", false)
    .execute();
}

export async function latestRevision(db: Kysely<DB>, tenantId: string, seriesId: string): Promise<number> {
  const r = await db
    .selectFrom("survey_definitions")
    .select((eb) => eb.fn.max("revision").as("max"))
    .where("tenant_id", "=", tenantId)
    .where("series_id", "=", seriesId)
    .executeTakeFirst();
  return Number(r?.max ?? 0);
}

/** Every item key in any definition of the tenant (known items for imports and trends). */
export async function knownItemKeys(db: Kysely<DB>, tenantId: string): Promise<Map<string, DefinitionContent["items"][number]>> {
  const defs = await listDefinitions(db, tenantId);
  const out = new Map<string, DefinitionContent["items"][number]>();
  // Newest revisions first within each series: the latest wording wins.
  for (const d of [...defs].sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime())) {
    for (const item of d.content.items) if (!out.has(item.key)) out.set(item.key, item);
  }
  return out;
}
