// Imports: the police's official survey results and reported-crime statistics (Brå). A file is
// read whole and checked row by row; any bad row rejects it with the list of offending rows and
// nothing is stored. A good file is stored in one transaction (same year, area and item/category
// as an earlier import: replaced). Deleting an import removes the values it brought.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listAreas } from "../../tenants/index.ts";
import { areaLookup, parseCrimeCsv, parseOfficialCsv, type RowError } from "../domain/csv-import.ts";
import { SUMMARY_INDICES } from "../domain/template.ts";
import { knownItemKeys } from "../repo/definitions.ts";
import { deleteImport, findImport, insertImport, listCrime, upsertCrime, upsertOfficial } from "../repo/imports.ts";
import type { ImportKind } from "../tables.ts";
import type { Who } from "./definitions.ts";

export type ImportOutcome = { kind: "ok"; importId: string; rows: number } | { kind: "invalid"; errors: RowError[] };

async function lookupFor(db: Kysely<DB>, tenantId: string, tenantName: string) {
  const areas = await listAreas(db, tenantId);
  return areaLookup(areas, tenantName);
}

/** Item keys an official results file may name: every item of the tenant's definitions and the summary indices. */
export async function importableItems(db: Kysely<DB>, tenantId: string): Promise<Set<string>> {
  return new Set([...(await knownItemKeys(db, tenantId)).keys(), ...Object.keys(SUMMARY_INDICES)]);
}

export async function importOfficial(
  db: Kysely<DB>,
  tenantId: string,
  tenantName: string,
  who: Who,
  file: { filename: string; source: string; text: string },
): Promise<ImportOutcome> {
  const parsed = parseOfficialCsv(file.text, await lookupFor(db, tenantId, tenantName), await importableItems(db, tenantId));
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors };
  return db.transaction().execute(async (trx) => {
    const imp = await insertImport(trx, tenantId, {
      kind: "officiella",
      filename: file.filename,
      source: file.source,
      rowCount: parsed.rows.length,
      createdBy: who.userId,
    });
    await upsertOfficial(trx, tenantId, imp.id, parsed.rows);
    return { kind: "ok" as const, importId: imp.id, rows: parsed.rows.length };
  });
}

export async function importCrime(
  db: Kysely<DB>,
  tenantId: string,
  tenantName: string,
  who: Who,
  file: { filename: string; source: string; text: string },
): Promise<ImportOutcome> {
  const parsed = parseCrimeCsv(file.text, await lookupFor(db, tenantId, tenantName));
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors };
  return db.transaction().execute(async (trx) => {
    const imp = await insertImport(trx, tenantId, {
      kind: "brottsstatistik",
      filename: file.filename,
      source: file.source,
      rowCount: parsed.rows.length,
      createdBy: who.userId,
    });
    await upsertCrime(trx, tenantId, imp.id, parsed.rows);
    return { kind: "ok" as const, importId: imp.id, rows: parsed.rows.length };
  });
}

export async function removeImport(db: Kysely<DB>, tenantId: string, id: string, kind: ImportKind): Promise<{ kind: "ok" } | { kind: "notFound" }> {
  const imp = await findImport(db, tenantId, id);
  if (!imp || imp.kind !== kind) return { kind: "notFound" };
  await deleteImport(db, tenantId, id);
  return { kind: "ok" };
}

/** Reported crime as an incident source of the comparison page (one series per category). */
export async function crimeCounts(db: Kysely<DB>, tenantId: string) {
  const rows = await listCrime(db, tenantId);
  return rows.map((r) => ({ year: r.year, areaId: r.area_id, category: r.category, count: r.count }));
}
