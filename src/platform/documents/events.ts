// A document's history: who did what, when. Every module that keeps documents with a lifecycle
// (medborgarlöften, walk protocols, the lägesbild, survey definitions …) has its own events table
// of the same shape, and records and lists it through these two functions:
//
//   CREATE TABLE <module>_document_events (
//     id           bigserial PRIMARY KEY,
//     tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
//     document_id  uuid NOT NULL REFERENCES <module>_documents(id) ON DELETE CASCADE,
//     action       text NOT NULL,
//     actor_id     uuid REFERENCES users(id) ON DELETE SET NULL,
//     actor_name   text,      -- kept when the account is removed
//     note         text,
//     created_at   timestamptz NOT NULL DEFAULT now(),
//     updated_at   timestamptz NOT NULL DEFAULT now()
//   );
//   CREATE INDEX <module>_document_events_idx ON <module>_document_events (tenant_id, document_id, id);
//
// A table may add `changes jsonb NOT NULL DEFAULT '{}'::jsonb`: the old and new values of what an
// event changed ({ field: { from, to } }), recorded with `changes` and read with
// `listEvents(…, { changes: true })` (EST's reports and insatser keep field-level history so the
// page can say "kategori: klotter → skadegörelse" in either language).
//
// The table name is typed against the database type: only tables with these columns are accepted.
import type { ColumnType, Generated, Kysely, Selectable } from "kysely";

/** The columns an events table must have (as read). */
export type EventColumns = {
  id: number | string;
  tenant_id: string;
  document_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  created_at: Date;
};

/** Names of the tables of database type `D` that have the events shape. */
export type EventTableOf<D> = { [K in keyof D & string]: Selectable<D[K]> extends EventColumns ? K : never }[keyof D & string];

/** Who acted: the account (null for the system or a removed account) and the name shown in the history. */
export type EventActor = { userId: string | null; name: string | null };

/** Old and new value per field of one change. */
export type EventChanges = Record<string, { from: unknown; to: unknown }>;

export type HistoryEntry<A extends string = string> = {
  action: A;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  created_at: Date;
  /** Only when listed with `{ changes: true }` from a table that has the column. */
  changes?: EventChanges;
};

type AnyEvents = Record<
  string,
  {
    id: Generated<number>;
    tenant_id: string;
    document_id: string;
    action: string;
    actor_id: string | null;
    actor_name: string | null;
    note: string | null;
    created_at: ColumnType<Date, Date | undefined, Date>;
  }
>;

/** Record one event in the history of a document (inside the transaction that made the change). */
export async function recordEvent<D, A extends string = string>(
  db: Kysely<D>,
  table: EventTableOf<D>,
  tenantId: string,
  documentId: string,
  e: { action: A; actor: EventActor; note?: string | null; changes?: EventChanges },
): Promise<void> {
  await (db as unknown as Kysely<AnyEvents>)
    .insertInto(table as string)
    .values({
      tenant_id: tenantId,
      document_id: documentId,
      action: e.action,
      actor_id: e.actor.userId,
      actor_name: e.actor.name,
      note: e.note ?? null,
      // Only tables with a `changes` column are given one (module comment).
      ...(e.changes ? ({ changes: JSON.stringify(e.changes) } as object) : {}),
    })
    .execute();
}

/** The history of a document, oldest first. */
export async function listEvents<D, A extends string = string>(
  db: Kysely<D>,
  table: EventTableOf<D>,
  tenantId: string,
  documentId: string,
  opts: { changes?: boolean } = {},
): Promise<Array<HistoryEntry<A>>> {
  const columns = ["action", "actor_id", "actor_name", "note", "created_at", ...(opts.changes ? ["changes"] : [])] as Array<"action">;
  const rows = await (db as unknown as Kysely<AnyEvents>)
    .selectFrom(table as string)
    .select(columns)
    .where("tenant_id", "=", tenantId)
    .where("document_id", "=", documentId)
    .orderBy("id")
    .execute();
  return rows as Array<HistoryEntry<A>>;
}
