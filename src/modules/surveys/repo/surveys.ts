// SQL of survey rounds and their history. Every function takes the database, then the tenant id.
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { type HistoryEntry, listEvents, recordEvent } from "../../../platform/documents/events.ts";
import { updateWithVersion, type VersionedUpdate } from "../../../platform/documents/locking.ts";
import type { SurveyStatus, Weighting } from "../tables.ts";
import { isUuid } from "./definitions.ts";

const COLUMNS = [
  "id",
  "tenant_id",
  "definition_id",
  "year",
  "title",
  "status",
  "field_from",
  "field_to",
  "requires_code",
  "weighting",
  "aggregated_at",
  "published_at",
  "version",
  "created_at",
  "updated_at",
] as const;

export type SurveyRow = {
  id: string;
  tenant_id: string;
  definition_id: string;
  year: number;
  title: string;
  status: SurveyStatus;
  field_from: string;
  field_to: string;
  requires_code: boolean;
  weighting: Weighting;
  aggregated_at: Date | null;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export async function findSurvey(db: Kysely<DB>, tenantId: string, id: string): Promise<SurveyRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("surveys").select(COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

/** The row locked for the rest of the transaction (lifecycle steps). */
export async function lockSurvey(trx: Transaction<DB>, tenantId: string, id: string): Promise<SurveyRow | undefined> {
  return trx.selectFrom("surveys").select(COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function listSurveys(db: Kysely<DB>, tenantId: string, opts: { statuses?: readonly SurveyStatus[] } = {}): Promise<SurveyRow[]> {
  let q = db.selectFrom("surveys").select(COLUMNS).where("tenant_id", "=", tenantId);
  if (opts.statuses) q = q.where("status", "in", [...opts.statuses]);
  return q.orderBy("year", "desc").orderBy("created_at", "desc").execute();
}

export async function findPublishedByYear(db: Kysely<DB>, tenantId: string, year: number): Promise<SurveyRow | undefined> {
  return db
    .selectFrom("surveys")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("year", "=", year)
    .where("status", "=", "publicerad")
    .executeTakeFirst();
}

export async function insertSurvey(
  db: Kysely<DB>,
  tenantId: string,
  s: { definitionId: string; year: number; title: string; fieldFrom: string; fieldTo: string; requiresCode: boolean; createdBy: string | null },
): Promise<SurveyRow> {
  return db
    .insertInto("surveys")
    .values({
      tenant_id: tenantId,
      definition_id: s.definitionId,
      year: s.year,
      title: s.title,
      field_from: s.fieldFrom,
      field_to: s.fieldTo,
      requires_code: s.requiresCode,
      created_by: s.createdBy,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Update fields when the version matches (optimistic locking, the documents kit). */
export async function updateSurvey(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  version: number,
  set: Partial<{
    title: string;
    field_from: string;
    field_to: string;
    requires_code: boolean;
    status: SurveyStatus;
    weighting: Weighting;
    published_at: Date | null;
    aggregated_at: Date | null;
  }>,
  opts: { statusIn?: readonly SurveyStatus[] } = {},
): Promise<VersionedUpdate<SurveyRow>> {
  const { weighting, ...rest } = set;
  const r = await updateWithVersion(db, "surveys", tenantId, id, version, { ...rest, ...(weighting ? { weighting: JSON.stringify(weighting) } : {}) }, opts);
  return r as VersionedUpdate<SurveyRow>;
}

export async function deleteSurvey(db: Kysely<DB>, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom("surveys").where("tenant_id", "=", tenantId).where("id", "=", id).where("status", "=", "utkast").executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function recordSurveyEvent(
  db: Kysely<DB>,
  tenantId: string,
  surveyId: string,
  e: { action: string; actorId: string | null; actorName: string | null; note?: string | null },
) {
  await recordEvent(db, "survey_document_events", tenantId, surveyId, {
    action: e.action,
    actor: { userId: e.actorId, name: e.actorName },
    note: e.note ?? null,
  });
}

export async function listSurveyEvents(db: Kysely<DB>, tenantId: string, surveyId: string): Promise<HistoryEntry[]> {
  return listEvents(db, "survey_document_events", tenantId, surveyId);
}

/** Open rounds whose field period contains `today` (for the answering page and the start page). */
export async function listAnswerable(db: Kysely<DB>, tenantId: string, today: string): Promise<SurveyRow[]> {
  return db
    .selectFrom("surveys")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "oppen")
    .where("field_from", "<=", today)
    .where("field_to", ">=", today)
    .orderBy("field_to")
    .execute();
}
