// SQL of imported official results and reported-crime statistics.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { CrimeRow, OfficialRow } from "../domain/csv-import.ts";
import type { ImportKind } from "../tables.ts";
import { isUuid } from "./definitions.ts";

export async function insertImport(
  db: Kysely<DB>,
  tenantId: string,
  i: { kind: ImportKind; filename: string; source: string; rowCount: number; createdBy: string | null },
) {
  return db
    .insertInto("survey_imports")
    .values({ tenant_id: tenantId, kind: i.kind, filename: i.filename, source: i.source, row_count: i.rowCount, created_by: i.createdBy })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

export async function findImport(db: Kysely<DB>, tenantId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom("survey_imports")
    .select(["id", "tenant_id", "kind", "filename", "source", "row_count", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listImports(db: Kysely<DB>, tenantId: string, kind: ImportKind) {
  return db
    .selectFrom("survey_imports as i")
    .leftJoin("users as u", "u.id", "i.created_by")
    .select(["i.id", "i.filename", "i.source", "i.row_count", "i.created_at", "u.name as created_by_name"])
    .where("i.tenant_id", "=", tenantId)
    .where("i.kind", "=", kind)
    .orderBy("i.created_at", "desc")
    .execute();
}

export async function deleteImport(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom("survey_imports").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** Insert or replace official values (same year, area and item). */
export async function upsertOfficial(db: Kysely<DB>, tenantId: string, importId: string, rows: readonly OfficialRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("survey_official_results")
      .values(
        rows.slice(i, i + 500).map((r) => ({
          tenant_id: tenantId,
          import_id: importId,
          year: r.year,
          area_id: r.areaId,
          item_key: r.itemKey,
          index_value: r.index,
          share: r.share,
          n: r.n,
          colour: r.colour,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["tenant_id", "year", "area_id", "item_key"]).doUpdateSet((eb) => ({
          import_id: eb.ref("excluded.import_id"),
          index_value: eb.ref("excluded.index_value"),
          share: eb.ref("excluded.share"),
          n: eb.ref("excluded.n"),
          colour: eb.ref("excluded.colour"),
          updated_at: new Date(),
        })),
      )
      .execute();
  }
}

export async function upsertCrime(db: Kysely<DB>, tenantId: string, importId: string, rows: readonly CrimeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("survey_crime_stats")
      .values(
        rows.slice(i, i + 500).map((r) => ({
          tenant_id: tenantId,
          import_id: importId,
          year: r.year,
          area_id: r.areaId,
          category: r.category,
          count: r.count,
          per_100k: r.per100k,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["tenant_id", "year", "area_id", "category"]).doUpdateSet((eb) => ({
          import_id: eb.ref("excluded.import_id"),
          count: eb.ref("excluded.count"),
          per_100k: eb.ref("excluded.per_100k"),
          updated_at: new Date(),
        })),
      )
      .execute();
  }
}

export type OfficialValue = {
  year: number;
  area_id: string | null;
  item_key: string;
  index_value: number | null;
  share: number | null;
  n: number | null;
  colour: "gron" | "gul" | "rod" | null;
};

export async function listOfficial(db: Kysely<DB>, tenantId: string, opts: { year?: number; itemKey?: string } = {}): Promise<OfficialValue[]> {
  let q = db
    .selectFrom("survey_official_results")
    .select(["year", "area_id", "item_key", "index_value", "share", "n", "colour"])
    .where("tenant_id", "=", tenantId);
  if (opts.year !== undefined) q = q.where("year", "=", opts.year);
  if (opts.itemKey !== undefined) q = q.where("item_key", "=", opts.itemKey);
  return q.orderBy("year").orderBy("item_key").execute();
}

export async function officialYears(db: Kysely<DB>, tenantId: string): Promise<number[]> {
  const rows = await db.selectFrom("survey_official_results").select("year").distinct().where("tenant_id", "=", tenantId).orderBy("year", "desc").execute();
  return rows.map((r) => r.year);
}

export async function listCrime(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("survey_crime_stats")
    .select(["year", "area_id", "category", "count", "per_100k"])
    .where("tenant_id", "=", tenantId)
    .orderBy("year")
    .orderBy("category")
    .execute();
}
