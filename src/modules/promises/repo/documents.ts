// SQL for promise documents and their lifecycle events. Every function takes db, then tenantId.
// Optimistic locking, versions and the event history are the platform's (src/platform/documents/);
// the statuses each write is allowed from come from the lifecycle (domain/lifecycle.ts).
import type { Kysely, Selectable, Updateable } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { type EventActor, type HistoryEntry, listEvents as listHistory, recordEvent } from "../../../platform/documents/events.ts";
import { updateWithVersion, type VersionedUpdate } from "../../../platform/documents/locking.ts";
import { findInSeries, markSuperseded, nextRevision } from "../../../platform/documents/versions.ts";
import { type DocumentAction, type DocumentTransition, documentLifecycle, OPEN_STATUSES } from "../domain/lifecycle.ts";
import type { DocumentStatus, Finding, Party, PromiseDocumentsTable, Signatory } from "../tables.ts";

export type DocumentRow = Selectable<PromiseDocumentsTable>;

export type DocumentContent = {
  title: string;
  valid_from: string;
  valid_to: string;
  introduction: string;
  focus_areas: string[];
  parties: Party[];
  findings: Finding[];
  signatories: Signatory[];
  signing_place: string | null;
  signed_on: string | null;
  agreement_title: string | null;
  agreement_url: string | null;
  stated_promise_count: number | null;
  source_note: string | null;
};

function contentColumns(c: DocumentContent) {
  return {
    title: c.title,
    valid_from: c.valid_from,
    valid_to: c.valid_to,
    introduction: c.introduction,
    focus_areas: JSON.stringify(c.focus_areas),
    parties: JSON.stringify(c.parties),
    findings: JSON.stringify(c.findings),
    signatories: JSON.stringify(c.signatories),
    signing_place: c.signing_place,
    signed_on: c.signed_on,
    agreement_title: c.agreement_title,
    agreement_url: c.agreement_url,
    stated_promise_count: c.stated_promise_count,
    source_note: c.source_note,
  };
}

export async function insertDocument(
  db: Kysely<DB>,
  tenantId: string,
  d: DocumentContent & {
    seriesId: string;
    revision?: number;
    supersedesId?: string | null;
    copiedFromId?: string | null;
    createdBy: string | null;
    status?: DocumentStatus;
    followupSummary?: string | null;
  },
): Promise<DocumentRow> {
  return db
    .insertInto("promise_documents")
    .values({
      tenant_id: tenantId,
      series_id: d.seriesId,
      revision: d.revision ?? 1,
      supersedes_id: d.supersedesId ?? null,
      copied_from_id: d.copiedFromId ?? null,
      created_by: d.createdBy,
      status: d.status ?? "utkast",
      followup_summary: d.followupSummary ?? null,
      ...contentColumns(d),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDocument(db: Kysely<DB>, tenantId: string, id: string): Promise<DocumentRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("promise_documents").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

/** Lock the row for the rest of the transaction (serialises lifecycle changes of one document). */
export async function lockDocument(db: Kysely<DB>, tenantId: string, id: string): Promise<DocumentRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("promise_documents").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function listDocuments(db: Kysely<DB>, tenantId: string, statuses?: readonly DocumentStatus[]): Promise<DocumentRow[]> {
  let q = db.selectFrom("promise_documents").selectAll().where("tenant_id", "=", tenantId);
  if (statuses) q = q.where("status", "in", statuses as DocumentStatus[]);
  return q.orderBy("valid_from", "desc").orderBy("revision", "desc").execute();
}

type DocumentValues = Omit<Updateable<PromiseDocumentsTable>, "version" | "id" | "tenant_id" | "status" | "updated_at">;

/** Update a draft's content if nobody changed it since `version`. */
export async function updateDraftContent(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  version: number,
  c: DocumentContent,
): Promise<VersionedUpdate<DocumentRow>> {
  return updateDocumentFields(db, tenantId, id, version, "edit", contentColumns(c));
}

/** Change columns of a document (not its status) in a status that allows `action`, checking the version. */
export async function updateDocumentFields(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  version: number,
  action: DocumentAction,
  values: DocumentValues,
): Promise<VersionedUpdate<DocumentRow>> {
  return updateWithVersion(db, "promise_documents", tenantId, id, version, values, { statusIn: documentLifecycle.statusesAllowing(action) });
}

/** Take a lifecycle transition (from one of its statuses to its target), checking the version. */
export async function transitionDocument(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  version: number,
  transition: DocumentTransition,
  values: DocumentValues = {},
): Promise<VersionedUpdate<DocumentRow>> {
  const { from, to } = documentLifecycle.transitions[transition];
  return updateWithVersion(db, "promise_documents", tenantId, id, version, { ...values, status: to }, { statusIn: from });
}

/** The older version once its successor is published: archived, pointing to the newer one. */
export async function setSupersededBy(db: Kysely<DB>, tenantId: string, id: string, newerId: string): Promise<void> {
  await markSuperseded(db, "promise_documents", tenantId, id, newerId, documentLifecycle.transitions.archive.to);
}

export async function nextDocumentRevision(db: Kysely<DB>, tenantId: string, seriesId: string): Promise<number> {
  return nextRevision(db, "promise_documents", tenantId, seriesId);
}

/** The lifecycle's and the editors' events (see the README for the list). */
export type DocumentEventAction =
  | "created"
  | "copied"
  | "edited"
  | "signed"
  | "reopened"
  | "published"
  | "superseded"
  | "followedUp"
  | "archived"
  | "versionCreated"
  | "promiseAdded"
  | "promiseEdited"
  | "promiseRemoved"
  | "promiseStatus"
  | "verdictsSaved";

/** Activities logged on the promises of a document (a draft that was signed and reopened may have some). */
export async function countDocumentActivities(db: Kysely<DB>, tenantId: string, documentId: string): Promise<number> {
  const r = await db
    .selectFrom("promise_activities as a")
    .innerJoin("promises as p", "p.id", "a.promise_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("a.tenant_id", "=", tenantId)
    .where("p.tenant_id", "=", tenantId)
    .where("p.document_id", "=", documentId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Delete a draft with its promises, responsible organisations and events (ON DELETE CASCADE), if still a draft at `version`. */
export async function deleteDraft(db: Kysely<DB>, tenantId: string, id: string, version: number): Promise<boolean> {
  const r = await db
    .deleteFrom("promise_documents")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("version", "=", version)
    .where("status", "=", "utkast")
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** The record that outlives a deleted document: in the platform's audit log. */
export async function auditDocumentDeleted(
  db: Kysely<DB>,
  tenantId: string,
  e: { actorId: string | null; documentId: string; data: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      tenant_id: tenantId,
      actor_id: e.actorId,
      action: "promise_document.delete",
      entity: "promise_document",
      entity_id: e.documentId,
      data: JSON.stringify(e.data),
    })
    .execute();
}

/** A draft of the same series already in progress (only one open draft per series). */
export async function findOpenDraftInSeries(db: Kysely<DB>, tenantId: string, seriesId: string): Promise<DocumentRow | undefined> {
  return findInSeries(db, "promise_documents", tenantId, seriesId, OPEN_STATUSES);
}

export async function listSeries(db: Kysely<DB>, tenantId: string, seriesId: string) {
  return db
    .selectFrom("promise_documents")
    .select(["id", "revision", "status", "published_at", "title"])
    .where("tenant_id", "=", tenantId)
    .where("series_id", "=", seriesId)
    .orderBy("revision")
    .execute();
}

export async function insertEvent(
  db: Kysely<DB>,
  tenantId: string,
  documentId: string,
  e: { action: DocumentEventAction; actorId: string | null; actorName: string | null; note?: string | null },
): Promise<void> {
  const actor: EventActor = { userId: e.actorId, name: e.actorName };
  await recordEvent(db, "promise_document_events", tenantId, documentId, { action: e.action, actor, note: e.note });
}

export async function listEvents(db: Kysely<DB>, tenantId: string, documentId: string): Promise<HistoryEntry[]> {
  return listHistory(db, "promise_document_events", tenantId, documentId);
}

export async function getTenantBoundary(db: Kysely<DB>, tenantId: string): Promise<unknown> {
  const r = await db.selectFrom("tenants").select("boundary").where("id", "=", tenantId).executeTakeFirst();
  return r?.boundary ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return UUID.test(s);
}
