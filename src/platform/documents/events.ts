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

export type HistoryEntry<A extends string = string> = {
  action: A;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  created_at: Date;
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
  e: { action: A; actor: EventActor; note?: string | null },
): Promise<void> {
  await (db as unknown as Kysely<AnyEvents>)
    .insertInto(table as string)
    .values({ tenant_id: tenantId, document_id: documentId, action: e.action, actor_id: e.actor.userId, actor_name: e.actor.name, note: e.note ?? null })
    .execute();
}

/** The history of a document, oldest first. */
export async function listEvents<D, A extends string = string>(
  db: Kysely<D>,
  table: EventTableOf<D>,
  tenantId: string,
  documentId: string,
): Promise<Array<HistoryEntry<A>>> {
  const rows = await (db as unknown as Kysely<AnyEvents>)
    .selectFrom(table as string)
    .select(["action", "actor_id", "actor_name", "note", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("document_id", "=", documentId)
    .orderBy("id")
    .execute();
  return rows as Array<HistoryEntry<A>>;
}
