// Use cases for survey rounds: create (from the template or an existing definition), edit the
// field period, the lifecycle utkast → öppen → stängd → publicerad (and back: reopen while the
// period runs, withdraw published results), one-time codes, weighting. Closing and publishing
// store the round's aggregate, which is all public pages read. Named outcomes.
import type { Kysely } from "kysely";
import { acrossTenants } from "../../../platform/db/across-tenants.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { generateCodes, hashCode } from "../domain/codes.ts";
import { type AreaLookup, optionLookup, parseStrataCsv, type RowError } from "../domain/csv-import.ts";
import type { DefinitionContent } from "../domain/definition.ts";
import { todayInStockholm } from "../domain/dates.ts";
import { findDefinition, lockDefinition } from "../repo/definitions.ts";
import { type CodeStratum, endContinuations, insertCodes } from "../repo/responses.ts";
import { refreshStatistics, storeAggregate } from "../repo/results.ts";
import { deleteSurvey, findSurvey, insertSurvey, lockSurvey, recordSurveyEvent, type SurveyRow, updateSurvey } from "../repo/surveys.ts";
import type { SurveyInput, SurveyUpdate } from "../schema.ts";
import { type Step, surveyAllows, surveyLifecycle } from "../domain/lifecycle.ts";
import type { SurveyStatus } from "../tables.ts";
import { createFromTemplate, type Who } from "./definitions.ts";

export type NotFound = { kind: "notFound" };
export type WrongStatus = { kind: "wrongStatus"; status: SurveyStatus };
export type Conflict = { kind: "conflict"; current: SurveyRow };

async function event(db: Kysely<DB>, tenantId: string, surveyId: string, who: Who, action: string, note?: string | null) {
  await recordSurveyEvent(db, tenantId, surveyId, { action, actorId: who.userId, actorName: who.name, note });
}

export async function createSurvey(db: Kysely<DB>, tenantId: string, who: Who, input: SurveyInput): Promise<{ kind: "ok"; survey: SurveyRow } | NotFound> {
  return db.transaction().execute(async (trx) => {
    let definitionId: string;
    if (input.definition === "template") {
      definitionId = (await createFromTemplate(trx, tenantId, who, `Trygghetsmätning ${input.year}`)).id;
    } else {
      const d = await findDefinition(trx, tenantId, input.definition);
      if (!d) return { kind: "notFound" as const };
      definitionId = d.id;
    }
    const survey = await insertSurvey(trx, tenantId, {
      definitionId,
      year: input.year,
      title: input.title,
      fieldFrom: input.field_from,
      fieldTo: input.field_to,
      requiresCode: input.requires_code,
      createdBy: who.userId,
    });
    await event(trx, tenantId, survey.id, who, "created");
    return { kind: "ok" as const, survey };
  });
}

export type UpdateOutcome = { kind: "ok"; survey: SurveyRow } | NotFound | WrongStatus | Conflict | { kind: "codesLocked" };

/** Title and field period (not once published); whether codes are required only in a draft. */
export async function editSurvey(db: Kysely<DB>, tenantId: string, who: Who, id: string, input: SurveyUpdate): Promise<UpdateOutcome> {
  return db.transaction().execute(async (trx) => {
    const s = await lockSurvey(trx, tenantId, id);
    if (!s) return { kind: "notFound" as const };
    if (!surveyAllows(s.status, "edit")) return { kind: "wrongStatus" as const, status: s.status };
    if (s.version !== input.version) return { kind: "conflict" as const, current: s };
    if (!surveyAllows(s.status, "editCodeSetting") && input.requires_code !== s.requires_code) return { kind: "codesLocked" as const };
    const r = await updateSurvey(trx, tenantId, id, input.version, {
      title: input.title,
      field_from: input.field_from,
      field_to: input.field_to,
      requires_code: input.requires_code,
    });
    if (r.kind !== "ok") return r.kind === "notFound" ? { kind: "notFound" as const } : { kind: "conflict" as const, current: r.current };
    await event(trx, tenantId, id, who, "edited");
    return { kind: "ok" as const, survey: r.row };
  });
}

export async function removeDraft(db: Kysely<DB>, tenantId: string, id: string, version: number): Promise<{ kind: "ok" } | NotFound | WrongStatus | Conflict> {
  const s = await findSurvey(db, tenantId, id);
  if (!s) return { kind: "notFound" };
  if (!surveyAllows(s.status, "delete")) return { kind: "wrongStatus", status: s.status };
  if (s.version !== version) return { kind: "conflict", current: s };
  await deleteSurvey(db, tenantId, id);
  return { kind: "ok" };
}

/** Whether a step may be taken from a status (transitions and the aggregate action). */
export function stepAllowed(status: SurveyStatus, step: Step): boolean {
  return surveyAllows(status, step);
}

export type StepOutcome =
  | { kind: "ok"; survey: SurveyRow }
  | NotFound
  | WrongStatus
  | Conflict
  | { kind: "periodEnded"; fieldTo: string }
  | { kind: "yearTaken"; year: number };

/** One lifecycle step, in a transaction with the round locked. */
export async function stepSurvey(db: Kysely<DB>, tenantId: string, who: Who, id: string, version: number, step: Step, now = new Date()): Promise<StepOutcome> {
  return db.transaction().execute(async (trx) => {
    const s = await lockSurvey(trx, tenantId, id);
    if (!s) return { kind: "notFound" as const };
    if (!stepAllowed(s.status, step)) return { kind: "wrongStatus" as const, status: s.status };
    if (s.version !== version) return { kind: "conflict" as const, current: s };
    const today = todayInStockholm(now);
    if ((step === "open" || step === "reopen") && s.field_to < today) return { kind: "periodEnded" as const, fieldTo: s.field_to };
    if (step === "publish") {
      const other = await trx
        .selectFrom("surveys")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("year", "=", s.year)
        .where("status", "=", "publicerad")
        .where("id", "!=", s.id)
        .executeTakeFirst();
      if (other) return { kind: "yearTaken" as const, year: s.year };
    }
    if (step === "open") await lockDefinition(trx, tenantId, s.definition_id);
    const set: Parameters<typeof updateSurvey>[4] = step === "aggregate" ? {} : { status: surveyLifecycle.transitions[step].to };
    if (step === "close" || step === "publish" || step === "aggregate") {
      // The stored aggregate is what every public page, the PDF and the CSV read.
      await refreshStatistics(trx);
      await storeAggregate(trx, tenantId, id);
      set.aggregated_at = now;
    }
    if (step === "close") await endContinuations(trx, tenantId, id);
    if (step === "publish") set.published_at = now;
    if (step === "unpublish") set.published_at = null;
    const r = await updateSurvey(trx, tenantId, id, version, set);
    if (r.kind !== "ok") throw new Error(`omgången ${id} ändrades trots låset (${r.kind})`);
    await event(trx, tenantId, id, who, step);
    return { kind: "ok" as const, survey: r.row };
  });
}

/** Background options of a definition (for sample frames and population figures). */
export function backgroundOptions(content: DefinitionContent) {
  const age = content.items.find((i) => i.role === "age");
  const sex = content.items.find((i) => i.role === "sex");
  return { ages: age ? optionLookup(age.options) : null, sexes: sex ? optionLookup(sex.options) : null };
}

export type CodesOutcome =
  | { kind: "ok"; codes: Array<{ code: string } & CodeStratum> }
  | NotFound
  | WrongStatus
  | { kind: "notRequired" }
  | { kind: "invalidFrame"; errors: RowError[] }
  | { kind: "badCount" };

export const MAX_CODES = 20_000;

/**
 * Make one-time codes: `count` codes, or one per row of a sample frame (area, age group, sex).
 * The plain codes are returned once (for the file staff download) and never stored.
 */
export async function makeCodes(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  id: string,
  input: { count: number | null; frame: string | null },
  lookup: AreaLookup,
): Promise<CodesOutcome> {
  const s = await findSurvey(db, tenantId, id);
  if (!s) return { kind: "notFound" };
  if (!surveyAllows(s.status, "makeCodes")) return { kind: "wrongStatus", status: s.status };
  if (!s.requires_code) return { kind: "notRequired" };
  let strata: CodeStratum[];
  if (input.frame?.trim()) {
    const d = await findDefinition(db, tenantId, s.definition_id);
    const { ages, sexes } = backgroundOptions(d!.content);
    const parsed = parseStrataCsv(input.frame, lookup, ages, sexes, { withCount: false });
    if (!parsed.ok) return { kind: "invalidFrame", errors: parsed.errors };
    if (parsed.rows.length > MAX_CODES) return { kind: "badCount" };
    strata = parsed.rows.map((r) => ({ area_id: r.areaId, age_group: r.ageGroup, sex: r.sex }));
  } else {
    if (!input.count || input.count < 1 || input.count > MAX_CODES) return { kind: "badCount" };
    strata = Array.from({ length: input.count }, () => ({ area_id: null, age_group: null, sex: null }));
  }
  const plain = generateCodes(strata.length);
  const codes = plain.map((code, i) => ({ code, ...strata[i]! }));
  await db.transaction().execute(async (trx) => {
    await insertCodes(
      trx,
      tenantId,
      id,
      codes.map((c) => ({ hash: hashCode(id, c.code.replace("-", "")), area_id: c.area_id, age_group: c.age_group, sex: c.sex })),
      todayInStockholm(),
    );
    await event(trx, tenantId, id, who, "codes", String(codes.length));
  });
  return { kind: "ok", codes };
}

export type WeightingOutcome = { kind: "ok"; survey: SurveyRow } | NotFound | WrongStatus | Conflict | { kind: "invalid"; errors: RowError[] };

/** Switch weighting on or off, with population figures per area × age group × sex. */
export async function saveWeighting(
  db: Kysely<DB>,
  tenantId: string,
  who: Who,
  id: string,
  version: number,
  input: { enabled: boolean; population: string },
  lookup: AreaLookup,
): Promise<WeightingOutcome> {
  const s = await findSurvey(db, tenantId, id);
  if (!s) return { kind: "notFound" };
  if (!surveyAllows(s.status, "weight")) return { kind: "wrongStatus", status: s.status };
  let population = s.weighting.population;
  if (input.population.trim()) {
    const d = await findDefinition(db, tenantId, s.definition_id);
    const { ages, sexes } = backgroundOptions(d!.content);
    const parsed = parseStrataCsv(input.population, lookup, ages, sexes, { withCount: true });
    if (!parsed.ok) return { kind: "invalid", errors: parsed.errors };
    population = parsed.rows.map((r) => ({ area_id: r.areaId, age_group: r.ageGroup, sex: r.sex, count: r.count! }));
  }
  if (input.enabled && population.length === 0) return { kind: "invalid", errors: [{ line: 1, key: "surveys.weighting.error.noPopulation" }] };
  return db.transaction().execute(async (trx) => {
    const r = await updateSurvey(
      trx,
      tenantId,
      id,
      version,
      { weighting: { enabled: input.enabled, population } },
      { statusIn: surveyLifecycle.statusesAllowing("weight") },
    );
    if (r.kind === "notFound") return { kind: "notFound" as const };
    if (r.kind === "wrongStatus") return { kind: "wrongStatus" as const, status: r.current.status };
    if (r.kind === "conflict") return { kind: "conflict" as const, current: r.current };
    await event(trx, tenantId, id, who, input.enabled ? "weightingOn" : "weightingOff");
    return { kind: "ok" as const, survey: r.row };
  });
}

/**
 * Close every open round whose field period has ended (a nightly job): the aggregate is stored
 * and the history says Trygg did it. Rounds of every tenant: a deliberate cross-tenant read.
 */
export async function closeEndedRounds(db: Kysely<DB>, now = new Date()): Promise<number> {
  const today = todayInStockholm(now);
  const ended = await acrossTenants(db)
    .selectFrom("surveys")
    .select(["id", "tenant_id", "version"])
    .where("status", "=", "oppen")
    .where("field_to", "<", today)
    .execute();
  let closed = 0;
  for (const s of ended) {
    const r = await stepSurvey(db, s.tenant_id, { userId: null, name: "Trygg" }, s.id, s.version, "close", now);
    if (r.kind === "ok") closed++;
  }
  return closed;
}
