// Optimistic locking: every editable row carries `version int NOT NULL DEFAULT 1`; every edit
// sends the version it saw; the UPDATE only happens when the row still has it, and raises the
// version by one. When it does not, the caller gets the current row so the page can show the
// person's input again on top of the newer version (nothing is lost silently).
//
// The table name is typed against the database type: only tables with `id`, `tenant_id`,
// `version` and `updated_at` are accepted; `values` is checked against the table's columns.
import { type Kysely, type RawBuilder, type Selectable, sql, type Updateable } from "kysely";

/** The columns an optimistically locked table must have (as read). */
export type VersionedColumns = { id: string; tenant_id: string; version: number; updated_at: Date };

/** Names of the tables of database type `D` that can be updated with a version check. */
export type VersionedTableOf<D> = { [K in keyof D & string]: Selectable<D[K]> extends VersionedColumns ? K : never }[keyof D & string];

/** The columns a caller may set, as values or SQL (`sql\`now()\``); the helper owns id, tenant_id, version and updated_at. */
export type VersionedValues<D, T extends keyof D> = {
  [K in Exclude<keyof Updateable<D[T]>, "id" | "tenant_id" | "version" | "updated_at">]?: Updateable<D[T]>[K] | RawBuilder<unknown>;
};

export type VersionedUpdate<Row> =
  | { kind: "ok"; row: Row }
  /** Someone changed the row since `expectedVersion` (current is the row as it is now). */
  | { kind: "conflict"; current: Row }
  /** The row is in a status the update is not allowed from (only when `statusIn` was given). */
  | { kind: "wrongStatus"; current: Row }
  | { kind: "notFound" };

type AnyVersioned = Record<string, { id: string; tenant_id: string; version: number; updated_at: Date; status: string }>;

/**
 * UPDATE … SET values, version = version + 1, updated_at = now() WHERE tenant_id, id and version
 * match (and, with `statusIn`, the status is one of them). Run it in the transaction of the use
 * case; on anything but "ok" nothing was written.
 */
export async function updateWithVersion<D, T extends VersionedTableOf<D>>(
  db: Kysely<D>,
  table: T,
  tenantId: string,
  id: string,
  expectedVersion: number,
  values: VersionedValues<D, T>,
  opts: { statusIn?: readonly string[] } = {},
): Promise<VersionedUpdate<Selectable<D[T]>>> {
  const q = db as unknown as Kysely<AnyVersioned>;
  expectedVersion = comparable(expectedVersion);
  let update = q
    .updateTable(table as string)
    .set({ ...(values as object), version: sql`version + 1`, updated_at: sql`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("version", "=", expectedVersion);
  if (opts.statusIn) update = update.where("status", "in", [...opts.statusIn]);
  const row = await update.returningAll().executeTakeFirst();
  if (row) return { kind: "ok", row: row as Selectable<D[T]> };
  return explain(q, table as string, tenantId, id, expectedVersion);
}

/** DELETE the row only if it still has `expectedVersion`. */
export async function deleteWithVersion<D, T extends VersionedTableOf<D>>(
  db: Kysely<D>,
  table: T,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<VersionedUpdate<Selectable<D[T]>>> {
  const q = db as unknown as Kysely<AnyVersioned>;
  expectedVersion = comparable(expectedVersion);
  const row = await q
    .deleteFrom(table as string)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row) return { kind: "ok", row: row as Selectable<D[T]> };
  return explain(q, table as string, tenantId, id, expectedVersion);
}

/**
 * The version a caller sent as one the database can compare: a form's field that is no whole
 * number in the range of `int` (garbled, hostile, NaN) matches no row (versions start at 1), so
 * the caller gets the conflict answer with the current row instead of a database error.
 */
function comparable(version: number): number {
  return Number.isInteger(version) && version >= 1 && version <= 2_147_483_647 ? version : -1;
}

async function explain<Row>(q: Kysely<AnyVersioned>, table: string, tenantId: string, id: string, expectedVersion: number): Promise<VersionedUpdate<Row>> {
  const current = await q.selectFrom(table).selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  if (!current) return { kind: "notFound" };
  return current.version === expectedVersion ? { kind: "wrongStatus", current: current as Row } : { kind: "conflict", current: current as Row };
}
