// Use cases for promise documents: create (from scratch or by copying), edit a draft, and the
// lifecycle sign → publish → follow up → archive, plus new versions of published documents.
// Each returns a named outcome; conflicts (optimistic locking) carry the current version.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { VersionedUpdate } from "../../../platform/documents/locking.ts";
import { type DocumentTransition, missingSignatories, ownerKeys, type SigningProblem, signingProblems, statusAllows } from "../domain/lifecycle.ts";
import {
  auditDocumentDeleted,
  countDocumentActivities,
  type DocumentContent,
  type DocumentEventAction,
  type DocumentRow,
  deleteDraft as deleteDraftRow,
  findDocument,
  findOpenDraftInSeries,
  insertDocument,
  insertEvent,
  lockDocument,
  nextDocumentRevision,
  setSupersededBy,
  transitionDocument,
  updateDraftContent,
} from "../repo/documents.ts";
import { insertPromise, listPromises, listResponsibles, replaceResponsibles } from "../repo/promises.ts";
import type { CopyInput, DocumentInput, DocumentUpdate } from "../schema.ts";
import type { DocumentStatus, Party } from "../tables.ts";

export type Who = { userId: string; name: string };

export type NotFound = { kind: "notFound" };
export type WrongStatus = { kind: "wrongStatus"; status: DocumentStatus };
export type Conflict = { kind: "conflict"; current: DocumentRow };

function content(input: DocumentInput): DocumentContent {
  return {
    title: input.title,
    valid_from: input.valid_from,
    valid_to: input.valid_to,
    introduction: input.introduction,
    focus_areas: input.focus_areas,
    parties: input.parties,
    findings: input.findings,
    signatories: input.signatories,
    signing_place: input.signing_place,
    signed_on: input.signed_on,
    agreement_title: input.agreement_title,
    agreement_url: input.agreement_url,
    stated_promise_count: input.stated_promise_count,
    source_note: input.source_note,
  };
}

async function event(db: Kysely<DB>, tenantId: string, documentId: string, who: Who, action: DocumentEventAction, note?: string | null) {
  await insertEvent(db, tenantId, documentId, { action, actorId: who.userId, actorName: who.name, note: note ?? null });
}

export async function createDocument(db: Kysely<DB>, tenantId: string, who: Who, input: DocumentInput): Promise<{ kind: "ok"; document: DocumentRow }> {
  return db.transaction().execute(async (trx) => {
    const document = await insertDocument(trx, tenantId, { ...content(input), seriesId: randomUUID(), createdBy: who.userId });
    await event(trx, tenantId, document.id, who, "created");
    return { kind: "ok" as const, document };
  });
}

/** Copy the content and promises of a document as this period's draft (new series, new lineages). */
export async function copyDocument(db: Kysely<DB>, tenantId: string, who: Who, input: CopyInput): Promise<{ kind: "ok"; document: DocumentRow } | NotFound> {
  return db.transaction().execute(async (trx) => {
    const source = await findDocument(trx, tenantId, input.source_id);
    if (!source) return { kind: "notFound" as const };
    const document = await insertDocument(trx, tenantId, {
      ...sourceContent(source),
      title: input.title,
      valid_from: input.valid_from,
      valid_to: input.valid_to,
      signatories: [],
      signed_on: null,
      stated_promise_count: null,
      source_note: null,
      seriesId: randomUUID(),
      copiedFromId: source.id,
      createdBy: who.userId,
    });
    await copyPromises(trx, tenantId, source.id, document.id, false);
    await event(trx, tenantId, document.id, who, "copied", source.title);
    return { kind: "ok" as const, document };
  });
}

function sourceContent(d: DocumentRow): DocumentContent {
  return {
    title: d.title,
    valid_from: d.valid_from,
    valid_to: d.valid_to,
    introduction: d.introduction,
    focus_areas: d.focus_areas,
    parties: d.parties,
    findings: d.findings,
    signatories: d.signatories,
    signing_place: d.signing_place,
    signed_on: d.signed_on,
    agreement_title: d.agreement_title,
    agreement_url: d.agreement_url,
    stated_promise_count: d.stated_promise_count,
    source_note: d.source_note,
  };
}

async function copyPromises(db: Kysely<DB>, tenantId: string, fromDocId: string, toDocId: string, keepLineage: boolean): Promise<void> {
  const promises = await listPromises(db, tenantId, [fromDocId]);
  const responsibles = await listResponsibles(
    db,
    tenantId,
    promises.map((p) => p.id),
  );
  for (const p of promises) {
    const copy = await insertPromise(db, tenantId, {
      documentId: toDocId,
      lineageId: keepLineage ? p.lineage_id : randomUUID(),
      position: p.position,
      text: p.text,
      owner: p.owner,
      focus_area: p.focus_area,
      target_quantity: p.target_quantity,
      target_unit: p.target_unit,
      target_period: p.target_period,
      target_metric: p.target_metric,
      planned_activities: p.planned_activities,
      status: keepLineage ? p.status : "planerad",
    });
    await replaceResponsibles(
      db,
      tenantId,
      copy.id,
      (responsibles.get(p.id) ?? []).map((o) => o.id),
    );
  }
}

export type UpdateOutcome = { kind: "ok"; document: DocumentRow } | NotFound | WrongStatus | Conflict | { kind: "ownerNotAParty"; owners: string[] };

/** Owners of the document's promises that would no longer be a party with these parties (checked with the form's other rules). */
export async function orphanedOwners(db: Kysely<DB>, tenantId: string, id: string, parties: readonly Party[]): Promise<string[]> {
  const promises = await listPromises(db, tenantId, [id]);
  const allowed = ownerKeys(parties);
  return [...new Set(promises.map((p) => p.owner).filter((o) => !allowed.includes(o)))];
}

export async function updateDocument(db: Kysely<DB>, tenantId: string, who: Who, id: string, input: DocumentUpdate): Promise<UpdateOutcome> {
  return db.transaction().execute(async (trx): Promise<UpdateOutcome> => {
    const current = await lockDocument(trx, tenantId, id);
    if (!current) return { kind: "notFound" };
    if (!statusAllows(current.status, "edit")) return { kind: "wrongStatus", status: current.status };
    if (current.version !== input.version) return { kind: "conflict", current };
    // Removing a party that still owns promises would orphan them.
    const orphaned = await orphanedOwners(trx, tenantId, id, input.parties);
    if (orphaned.length) return { kind: "ownerNotAParty", owners: orphaned };
    const updated = await updateDraftContent(trx, tenantId, id, input.version, content(input));
    if (updated.kind !== "ok") return { kind: "conflict", current };
    await event(trx, tenantId, id, who, "edited");
    return { kind: "ok", document: updated.row };
  });
}

type TransitionOutcome = { kind: "ok"; document: DocumentRow } | NotFound | WrongStatus | Conflict;

type Step<Extra> = VersionedUpdate<DocumentRow> | Extra;

function isExtra<Extra extends { kind: string }>(r: Step<Extra>): r is Extra {
  return !["ok", "conflict", "wrongStatus", "notFound"].includes(r.kind);
}

/**
 * Common frame of a lifecycle step: lock the row, check that the lifecycle allows the transition
 * from its status and that the version is the one the person saw, run the step (which may refuse
 * with its own outcome), record the event.
 */
async function transition<Extra extends { kind: string }>(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  id: string,
  version: number,
  action: DocumentTransition,
  step: (trx: Kysely<DB>, current: DocumentRow) => Promise<Step<Extra>>,
  eventName: DocumentEventAction,
  note?: string | null,
): Promise<TransitionOutcome | Extra> {
  return db.transaction().execute(async (trx) => {
    const current = await lockDocument(trx, tenantId, id);
    if (!current) return { kind: "notFound" as const };
    if (!statusAllows(current.status, action)) return { kind: "wrongStatus" as const, status: current.status };
    if (current.version !== version) return { kind: "conflict" as const, current };
    const r = await step(trx, current);
    if (isExtra(r)) return r;
    if (r.kind !== "ok") return { kind: "conflict" as const, current };
    await event(trx, tenantId, id, who, eventName, note);
    return { kind: "ok" as const, document: r.row };
  });
}

export type SignOutcome = TransitionOutcome | { kind: "incomplete"; problems: SigningProblem[] };

export async function signDocument(db: Kysely<DB>, tenantId: string, who: Who, id: string, version: number): Promise<SignOutcome> {
  return transition(
    db,
    tenantId,
    who,
    id,
    version,
    "sign",
    async (trx, current) => {
      const promises = await listPromises(trx, tenantId, [id]);
      const problems = signingProblems(current, promises.length);
      if (problems.length) return { kind: "incomplete" as const, problems };
      return transitionDocument(trx, tenantId, id, version, "sign");
    },
    "signed",
  );
}

export async function reopenDocument(db: Kysely<DB>, tenantId: string, who: Who, id: string, version: number): Promise<TransitionOutcome> {
  return transition<never>(db, tenantId, who, id, version, "reopen", (trx) => transitionDocument(trx, tenantId, id, version, "reopen"), "reopened");
}

export type PublishOutcome = TransitionOutcome | { kind: "missingSignatures"; missing: Party[] };

/** Publish a signed document. A new version replaces (archives) the one it supersedes. */
export async function publishDocument(db: Kysely<DB>, tenantId: string, who: Who, id: string, version: number): Promise<PublishOutcome> {
  return transition(
    db,
    tenantId,
    who,
    id,
    version,
    "publish",
    async (trx, current) => {
      const missing = missingSignatories(current.parties, current.signatories);
      if (missing.length) return { kind: "missingSignatures" as const, missing };
      const published = await transitionDocument(trx, tenantId, id, version, "publish", { published_at: new Date() });
      if (published.kind === "ok" && current.supersedes_id) {
        await setSupersededBy(trx, tenantId, current.supersedes_id, id);
        await event(trx, tenantId, current.supersedes_id, who, "superseded", `${current.title} (${current.revision})`);
      }
      return published;
    },
    "published",
  );
}

export type FollowUpOutcome = TransitionOutcome | { kind: "missingVerdicts"; count: number };

/** Mark a published document as followed up: every promise needs a verdict with a reason. */
export async function markFollowedUp(db: Kysely<DB>, tenantId: string, who: Who, id: string, version: number): Promise<FollowUpOutcome> {
  return transition(
    db,
    tenantId,
    who,
    id,
    version,
    "followUp",
    async (trx) => {
      const promises = await listPromises(trx, tenantId, [id]);
      const missing = promises.filter((p) => !p.verdict).length;
      if (missing > 0 || promises.length === 0) return { kind: "missingVerdicts" as const, count: missing };
      return transitionDocument(trx, tenantId, id, version, "followUp");
    },
    "followedUp",
  );
}

export async function archiveDocument(db: Kysely<DB>, tenantId: string, who: Who, id: string, version: number): Promise<TransitionOutcome> {
  return transition<never>(db, tenantId, who, id, version, "archive", (trx) => transitionDocument(trx, tenantId, id, version, "archive"), "archived");
}

export type NewVersionOutcome = { kind: "ok"; document: DocumentRow } | NotFound | WrongStatus | Conflict | { kind: "draftExists"; id: string };

/**
 * A published document changes only through a new version: a draft copy in the same series
 * (revision + 1) whose promises keep their lineage, so activities keep counting. The published
 * one stays as it is until the new version is published.
 */
export async function createNewVersion(db: Kysely<DB>, tenantId: string, who: Who, id: string, version: number): Promise<NewVersionOutcome> {
  return db.transaction().execute(async (trx): Promise<NewVersionOutcome> => {
    const current = await lockDocument(trx, tenantId, id);
    if (!current) return { kind: "notFound" };
    if (!statusAllows(current.status, "newVersion")) return { kind: "wrongStatus", status: current.status };
    if (current.version !== version) return { kind: "conflict", current };
    const open = await findOpenDraftInSeries(trx, tenantId, current.series_id);
    if (open) return { kind: "draftExists", id: open.id };
    const revision = await nextDocumentRevision(trx, tenantId, current.series_id);
    const document = await insertDocument(trx, tenantId, {
      ...sourceContent(current),
      seriesId: current.series_id,
      revision,
      supersedesId: current.id,
      createdBy: who.userId,
    });
    await copyPromises(trx, tenantId, current.id, document.id, true);
    await event(trx, tenantId, document.id, who, "versionCreated", `${current.revision} → ${revision}`);
    return { kind: "ok", document };
  });
}

export type DeleteDraftOutcome = { kind: "ok"; title: string } | NotFound | WrongStatus | Conflict | { kind: "hasActivities"; count: number };

/**
 * Delete a draft (utkast only) with its promises. Recorded in the audit log (who, when, title,
 * how many promises), since the document's own history goes with it. A draft whose promises have
 * logged activities (signed, then reopened) is not deleted: those activities also count for the
 * published version of the same promises.
 */
export async function deleteDraftDocument(db: Kysely<DB>, tenantId: string, who: Who, id: string, version: number): Promise<DeleteDraftOutcome> {
  return db.transaction().execute(async (trx): Promise<DeleteDraftOutcome> => {
    const current = await lockDocument(trx, tenantId, id);
    if (!current) return { kind: "notFound" };
    if (current.status !== "utkast") return { kind: "wrongStatus", status: current.status };
    if (current.version !== version) return { kind: "conflict", current };
    const activities = await countDocumentActivities(trx, tenantId, id);
    if (activities > 0) return { kind: "hasActivities", count: activities };
    const promises = await listPromises(trx, tenantId, [id]);
    await auditDocumentDeleted(trx, tenantId, {
      actorId: who.userId,
      documentId: id,
      data: { title: current.title, series_id: current.series_id, revision: current.revision, promises: promises.length, by: who.name },
    });
    if (!(await deleteDraftRow(trx, tenantId, id, version))) return { kind: "conflict", current };
    return { kind: "ok", title: current.title };
  });
}
