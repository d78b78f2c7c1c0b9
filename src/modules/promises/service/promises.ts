// Use cases for the promises inside a document: add, edit, remove and reorder in a draft; the
// operational status while the document runs; and follow-up verdicts, suggested from the
// measured progress and confirmed or overridden (always with a reason) by the coordinator.
import type { Kysely } from "kysely";
import { randomUUID } from "node:crypto";
import type { DB } from "../../../platform/db/schema.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { ownerKeys, sectionRank, statusAllows } from "../domain/lifecycle.ts";
import { type DocumentRow, insertEvent, lockDocument, updateDocumentFields } from "../repo/documents.ts";
import {
  deletePromise as deletePromiseRow,
  findPromise,
  insertPromise,
  listPromises,
  nextPosition,
  type PromiseContent,
  type PromiseRow,
  replaceResponsibles,
  setPromisePosition,
  updatePromiseContent,
  updatePromiseStatus,
  updatePromiseVerdict,
} from "../repo/promises.ts";
import type { PromiseInput, PromiseUpdate } from "../schema.ts";
import { type VerdictConflict, verdictAgainstMeasurement } from "../domain/progress.ts";
import type { PromiseStatus, Verdict } from "../tables.ts";
import type { NotFound, WrongStatus, Who } from "./documents.ts";
import { loadDocumentViews } from "./views.ts";

export type PromiseConflict = { kind: "conflict"; current: PromiseRow };
type ContentProblems = { kind: "invalidOwner"; allowed: string[] } | { kind: "unknownOrganisations" };

function contentOf(input: PromiseInput): PromiseContent {
  return {
    text: input.text,
    owner: input.owner,
    focus_area: input.focus_area,
    target_quantity: input.target_quantity,
    target_unit: input.target_unit,
    target_period: input.target_period,
    target_metric: input.target_metric,
    planned_activities: input.planned_activities,
    status: input.status,
  };
}

async function checkContent(db: Kysely<DB>, tenantId: string, doc: DocumentRow, input: PromiseInput): Promise<ContentProblems | null> {
  const allowed = ownerKeys(doc.parties);
  if (!allowed.includes(input.owner)) return { kind: "invalidOwner", allowed };
  if (input.responsible_organisation_ids.length) {
    const orgs = new Set((await listOrganisations(db, tenantId)).map((o) => o.id));
    if (input.responsible_organisation_ids.some((id) => !orgs.has(id))) return { kind: "unknownOrganisations" };
  }
  return null;
}

/** Lock the document and find the promise in it. */
async function locate(trx: Kysely<DB>, tenantId: string, docId: string, promiseId: string): Promise<{ doc: DocumentRow; promise: PromiseRow } | null> {
  const doc = await lockDocument(trx, tenantId, docId);
  if (!doc) return null;
  const promise = await findPromise(trx, tenantId, promiseId);
  if (!promise || promise.document_id !== doc.id) return null;
  return { doc, promise };
}

export type AddPromiseOutcome = { kind: "ok"; promise: PromiseRow } | NotFound | WrongStatus | ContentProblems;

export async function addPromise(db: Kysely<DB>, tenantId: string, who: Who, docId: string, input: PromiseInput): Promise<AddPromiseOutcome> {
  return db.transaction().execute(async (trx): Promise<AddPromiseOutcome> => {
    const doc = await lockDocument(trx, tenantId, docId);
    if (!doc) return { kind: "notFound" };
    if (!statusAllows(doc.status, "edit")) return { kind: "wrongStatus", status: doc.status };
    const problem = await checkContent(trx, tenantId, doc, input);
    if (problem) return problem;
    const promise = await insertPromise(trx, tenantId, {
      ...contentOf(input),
      documentId: doc.id,
      lineageId: randomUUID(),
      position: await nextPosition(trx, tenantId, doc.id),
    });
    await replaceResponsibles(trx, tenantId, promise.id, input.responsible_organisation_ids);
    await insertEvent(trx, tenantId, doc.id, { action: "promiseAdded", actorId: who.userId, actorName: who.name, note: input.text.slice(0, 120) });
    return { kind: "ok", promise };
  });
}

export type UpdatePromiseOutcome = { kind: "ok"; promise: PromiseRow } | NotFound | WrongStatus | PromiseConflict | ContentProblems;

export async function updatePromise(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  docId: string,
  promiseId: string,
  input: PromiseUpdate,
): Promise<UpdatePromiseOutcome> {
  return db.transaction().execute(async (trx): Promise<UpdatePromiseOutcome> => {
    const found = await locate(trx, tenantId, docId, promiseId);
    if (!found) return { kind: "notFound" };
    if (!statusAllows(found.doc.status, "edit")) return { kind: "wrongStatus", status: found.doc.status };
    if (found.promise.version !== input.version) return { kind: "conflict", current: found.promise };
    const problem = await checkContent(trx, tenantId, found.doc, input);
    if (problem) return problem;
    const promise = await updatePromiseContent(trx, tenantId, promiseId, input.version, contentOf(input));
    if (!promise) return { kind: "conflict", current: found.promise };
    await replaceResponsibles(trx, tenantId, promise.id, input.responsible_organisation_ids);
    await insertEvent(trx, tenantId, docId, { action: "promiseEdited", actorId: who.userId, actorName: who.name, note: input.text.slice(0, 120) });
    return { kind: "ok", promise };
  });
}

export type RemovePromiseOutcome = { kind: "ok" } | NotFound | WrongStatus | PromiseConflict;

export async function removePromise(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  docId: string,
  promiseId: string,
  version: number,
): Promise<RemovePromiseOutcome> {
  return db.transaction().execute(async (trx): Promise<RemovePromiseOutcome> => {
    const found = await locate(trx, tenantId, docId, promiseId);
    if (!found) return { kind: "notFound" };
    if (!statusAllows(found.doc.status, "edit")) return { kind: "wrongStatus", status: found.doc.status };
    if (found.promise.version !== version || !(await deletePromiseRow(trx, tenantId, promiseId, version))) return { kind: "conflict", current: found.promise };
    await insertEvent(trx, tenantId, docId, { action: "promiseRemoved", actorId: who.userId, actorName: who.name, note: found.promise.text.slice(0, 120) });
    return { kind: "ok" };
  });
}

/** Move a promise one step up or down within its section of the document. */
export async function movePromise(
  db: Kysely<DB>,
  tenantId: string,
  docId: string,
  promiseId: string,
  direction: "up" | "down",
  version: number,
): Promise<RemovePromiseOutcome> {
  return db.transaction().execute(async (trx): Promise<RemovePromiseOutcome> => {
    const found = await locate(trx, tenantId, docId, promiseId);
    if (!found) return { kind: "notFound" };
    if (!statusAllows(found.doc.status, "edit")) return { kind: "wrongStatus", status: found.doc.status };
    if (found.promise.version !== version) return { kind: "conflict", current: found.promise };
    const rank = sectionRank(found.promise.owner, found.doc.parties);
    const section = (await listPromises(trx, tenantId, [docId])).filter((p) => sectionRank(p.owner, found.doc.parties) === rank);
    const i = section.findIndex((p) => p.id === promiseId);
    const other = section[direction === "up" ? i - 1 : i + 1];
    if (other) {
      await setPromisePosition(trx, tenantId, promiseId, other.position);
      await setPromisePosition(trx, tenantId, other.id, found.promise.position);
    }
    return { kind: "ok" };
  });
}

export type SetStatusOutcome = { kind: "ok"; promise: PromiseRow } | NotFound | WrongStatus | PromiseConflict;

export async function setPromiseStatus(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  docId: string,
  promiseId: string,
  status: PromiseStatus,
  version: number,
): Promise<SetStatusOutcome> {
  return db.transaction().execute(async (trx): Promise<SetStatusOutcome> => {
    const found = await locate(trx, tenantId, docId, promiseId);
    if (!found) return { kind: "notFound" };
    if (!statusAllows(found.doc.status, "setPromiseStatus")) return { kind: "wrongStatus", status: found.doc.status };
    const promise = found.promise.version === version ? await updatePromiseStatus(trx, tenantId, promiseId, version, status) : undefined;
    if (!promise) return { kind: "conflict", current: found.promise };
    await insertEvent(trx, tenantId, docId, {
      action: "promiseStatus",
      actorId: who.userId,
      actorName: who.name,
      note: `${found.promise.text.slice(0, 80)}: ${status}`,
    });
    return { kind: "ok", promise };
  });
}

/** One verdict to save; `confirmed` when the person confirmed it although it goes against the measurement. */
export type VerdictEntry = { promiseId: string; verdict: Verdict; reason: string; version: number; confirmed?: boolean };
export type AgainstMeasurement = { promiseId: string; verdict: Verdict; conflict: VerdictConflict };
export type SaveFollowUpOutcome =
  | { kind: "ok"; saved: number }
  | { kind: "againstMeasurement"; items: AgainstMeasurement[] }
  | NotFound
  | WrongStatus
  | { kind: "conflict"; document: DocumentRow | null; promiseIds: string[] }
  | { kind: "unknownPromise"; promiseId: string };

/**
 * Save follow-up verdicts (and optionally the summary) of a published document in one go. Each
 * verdict records the suggestion computed from the measured progress at the time, so an
 * override stays visible. A verdict that goes against the measurement (domain/progress.ts
 * verdictAgainstMeasurement) is saved only when confirmed; otherwise nothing is saved and the
 * outcome lists them. Any stale version rejects the whole save (nothing is lost silently).
 */
export async function saveFollowUp(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  docId: string,
  input: { verdicts: VerdictEntry[]; summary?: { text: string | null; version: number } },
  asOf: string,
): Promise<SaveFollowUpOutcome> {
  return db.transaction().execute(async (trx): Promise<SaveFollowUpOutcome> => {
    const doc = await lockDocument(trx, tenantId, docId);
    if (!doc) return { kind: "notFound" };
    if (!statusAllows(doc.status, "setVerdict")) return { kind: "wrongStatus", status: doc.status };
    const [view] = await loadDocumentViews(trx, tenantId, [doc], { asOf });
    const promises = new Map((view?.promises ?? []).map((p) => [p.id, p]));
    for (const v of input.verdicts) if (!promises.has(v.promiseId)) return { kind: "unknownPromise", promiseId: v.promiseId };
    const stale = input.verdicts.filter((v) => promises.get(v.promiseId)?.version !== v.version).map((v) => v.promiseId);
    const docStale = input.summary !== undefined && input.summary.version !== doc.version;
    if (stale.length || docStale) return { kind: "conflict", document: docStale ? doc : null, promiseIds: stale };
    const against: AgainstMeasurement[] = [];
    for (const v of input.verdicts) {
      const p = promises.get(v.promiseId)!;
      const conflict = verdictAgainstMeasurement(v.verdict, p.progress, p.activities.length);
      if (conflict && !v.confirmed) against.push({ promiseId: v.promiseId, verdict: v.verdict, conflict });
    }
    if (against.length) return { kind: "againstMeasurement", items: against };
    for (const v of input.verdicts) {
      const p = promises.get(v.promiseId)!;
      const row = await updatePromiseVerdict(trx, tenantId, v.promiseId, v.version, {
        verdict: v.verdict,
        reason: v.reason,
        suggested: p.progress.suggestedVerdict,
        by: who.userId,
      });
      if (!row) return { kind: "conflict", document: null, promiseIds: [v.promiseId] };
    }
    if (input.summary !== undefined)
      await updateDocumentFields(trx, tenantId, docId, input.summary.version, "setVerdict", { followup_summary: input.summary.text });
    await insertEvent(trx, tenantId, docId, {
      action: "verdictsSaved",
      actorId: who.userId,
      actorName: who.name,
      note: String(input.verdicts.length),
    });
    return { kind: "ok", saved: input.verdicts.length };
  });
}
