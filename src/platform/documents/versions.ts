// Versions of a published document. A published document is immutable: a change goes through a
// new draft in the same series (`series_id`, `revision + 1`, `supersedes_id` → the published
// one); when that is published, the old one gets `superseded_by_id` and its archived status but
// stays readable at its address. The columns a versioned table needs:
//
//   series_id         uuid NOT NULL,              -- the same for every revision of one document
//   revision          int NOT NULL DEFAULT 1 CHECK (revision >= 1),
//   supersedes_id     uuid REFERENCES <table>(id) ON DELETE SET NULL,
//   superseded_by_id  uuid REFERENCES <table>(id) ON DELETE SET NULL,
//   status            text NOT NULL …,            -- the module's lifecycle (lifecycle.ts)
//   version           int NOT NULL DEFAULT 1,     -- optimistic locking (locking.ts)
//   UNIQUE (tenant_id, series_id, revision)
import { type Kysely, type Selectable, sql } from "kysely";

export type SeriesColumns = {
  id: string;
  tenant_id: string;
  series_id: string;
  revision: number;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  status: string;
  version: number;
  updated_at: Date;
};

/** Names of the tables of database type `D` that keep versioned documents. */
export type SeriesTableOf<D> = { [K in keyof D & string]: Selectable<D[K]> extends SeriesColumns ? K : never }[keyof D & string];

type AnySeries = Record<string, SeriesColumns>;

/** The revision a new version in the series gets (1 for an empty series). */
export async function nextRevision<D>(db: Kysely<D>, table: SeriesTableOf<D>, tenantId: string, seriesId: string): Promise<number> {
  const r = await (db as unknown as Kysely<AnySeries>)
    .selectFrom(table as string)
    .select((eb) => eb.fn.max("revision").as("m"))
    .where("tenant_id", "=", tenantId)
    .where("series_id", "=", seriesId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** A document of the series in one of `statuses` (the open draft: only one per series). */
export async function findInSeries<D, T extends SeriesTableOf<D>>(
  db: Kysely<D>,
  table: T,
  tenantId: string,
  seriesId: string,
  statuses: readonly string[],
): Promise<Selectable<D[T]> | undefined> {
  const row = await (db as unknown as Kysely<AnySeries>)
    .selectFrom(table as string)
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("series_id", "=", seriesId)
    .where("status", "in", [...statuses])
    .executeTakeFirst();
  return row as Selectable<D[T]> | undefined;
}

/** The older version, once its successor is published: points to it and takes `status` (its lifecycle's archived status). */
export async function markSuperseded<D>(
  db: Kysely<D>,
  table: SeriesTableOf<D>,
  tenantId: string,
  olderId: string,
  newerId: string,
  status: string,
): Promise<void> {
  await (db as unknown as Kysely<AnySeries>)
    .updateTable(table as string)
    .set({ superseded_by_id: newerId, status, version: sql`version + 1`, updated_at: sql`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", olderId)
    .execute();
}
