// SQL of results: counting answers per stratum × item × option (live while a round runs, or
// stored as the round's aggregate when it closes), and reading the stored aggregate. One GROUP BY
// over the round's answers joined to their responses; everything else is computed in
// domain/results.ts from these counts.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { CountCell, StratumCount } from "../domain/results.ts";

/** The answers of rounds, grouped by stratum, item and option (no join: answers carry their response's stratum). */
function cellsQuery(db: Kysely<DB>, tenantId: string, surveyIds: readonly string[]) {
  return db
    .selectFrom("survey_answers as a")
    .where("a.tenant_id", "=", tenantId)
    .where("a.survey_id", "in", [...surveyIds])
    .groupBy(["a.survey_id", "a.area_id", "a.age_group", "a.sex", "a.item_key", "a.option_key"]);
}

function strataQuery(db: Kysely<DB>, tenantId: string, surveyIds: readonly string[]) {
  return (
    db
      .selectFrom("survey_responses as r")
      .where("r.tenant_id", "=", tenantId)
      .where("r.survey_id", "in", [...surveyIds])
      // Respondents are the responses with at least one answer (a hash semi-join over the round's answers).
      .where("r.id", "in", (eb) =>
        eb
          .selectFrom("survey_answers as a")
          .select("a.response_id")
          .where("a.tenant_id", "=", tenantId)
          .where("a.survey_id", "in", [...surveyIds]),
      )
      .groupBy(["r.tenant_id", "r.survey_id", "r.area_id", "r.age_group", "r.sex"])
  );
}

export type SurveyCells = { cells: CountCell[]; strata: StratumCount[] };

/** Count the answers of rounds now (live), grouped per round. */
export async function countLive(db: Kysely<DB>, tenantId: string, surveyIds: readonly string[]): Promise<Map<string, SurveyCells>> {
  const out = new Map<string, SurveyCells>(surveyIds.map((id) => [id, { cells: [], strata: [] }]));
  if (!surveyIds.length) return out;
  const [cells, strata] = await Promise.all([
    cellsQuery(db, tenantId, surveyIds)
      .select((eb) => [
        "a.survey_id",
        "a.area_id",
        "a.age_group",
        "a.sex",
        "a.item_key",
        "a.option_key",
        eb.fn.countAll<number>().as("n"),
        eb.fn.sum<number | null>("a.value_num").as("sum_num"),
        eb.fn.sum<number | null>(eb("a.value_num", "*", eb.ref("a.value_num"))).as("sumsq_num"),
      ])
      .execute(),
    strataQuery(db, tenantId, surveyIds)
      .select((eb) => [
        "r.survey_id",
        "r.area_id",
        "r.age_group",
        "r.sex",
        eb.fn.countAll<number>().as("responses"),
        eb.fn.count<number>("r.id").filterWhere("r.complete", "=", true).as("complete"),
      ])
      .execute(),
  ]);
  for (const c of cells) out.get(c.survey_id)!.cells.push({ ...c, n: Number(c.n), sum_num: num(c.sum_num), sumsq_num: num(c.sumsq_num) });
  for (const s of strata) out.get(s.survey_id)!.strata.push({ ...s, responses: Number(s.responses), complete: Number(s.complete) });
  return out;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Fresh planner statistics for the answers (PGlite runs no autovacuum, so without this the
 * planner believes the tables are empty and joins row by row). Cheap: ANALYZE samples.
 */
export async function refreshStatistics(db: Kysely<DB>): Promise<void> {
  await sql`analyze survey_responses`.execute(db);
  await sql`analyze survey_answers`.execute(db);
}

/** Store the round's aggregate (replacing an earlier one) in the caller's transaction. */
export async function storeAggregate(db: Kysely<DB>, tenantId: string, surveyId: string): Promise<void> {
  await db.deleteFrom("survey_result_cells").where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).execute();
  await db.deleteFrom("survey_result_strata").where("tenant_id", "=", tenantId).where("survey_id", "=", surveyId).execute();
  await db
    .insertInto("survey_result_cells")
    .columns(["tenant_id", "survey_id", "area_id", "age_group", "sex", "item_key", "option_key", "n", "sum_num", "sumsq_num"])
    .expression(
      cellsQuery(db, tenantId, [surveyId]).select((eb) => [
        eb.val(tenantId).as("tenant_id"),
        "a.survey_id",
        "a.area_id",
        "a.age_group",
        "a.sex",
        "a.item_key",
        "a.option_key",
        eb.cast<number>(eb.fn.countAll(), "integer").as("n"),
        eb.fn.sum<number | null>("a.value_num").as("sum_num"),
        eb.fn.sum<number | null>(eb("a.value_num", "*", eb.ref("a.value_num"))).as("sumsq_num"),
      ]),
    )
    .execute();
  await db
    .insertInto("survey_result_strata")
    .columns(["tenant_id", "survey_id", "area_id", "age_group", "sex", "responses", "complete"])
    .expression(
      strataQuery(db, tenantId, [surveyId]).select((eb) => [
        "r.tenant_id",
        "r.survey_id",
        "r.area_id",
        "r.age_group",
        "r.sex",
        eb.cast<number>(eb.fn.countAll(), "integer").as("responses"),
        eb.cast<number>(eb.fn.count("r.id").filterWhere("r.complete", "=", true), "integer").as("complete"),
      ]),
    )
    .execute();
}

/** The stored aggregates of rounds, grouped per round. */
export async function readAggregates(db: Kysely<DB>, tenantId: string, surveyIds: readonly string[]): Promise<Map<string, SurveyCells>> {
  const out = new Map<string, SurveyCells>(surveyIds.map((id) => [id, { cells: [], strata: [] }]));
  if (!surveyIds.length) return out;
  const [cells, strata] = await Promise.all([
    db
      .selectFrom("survey_result_cells")
      .select(["survey_id", "area_id", "age_group", "sex", "item_key", "option_key", "n", "sum_num", "sumsq_num"])
      .where("tenant_id", "=", tenantId)
      .where("survey_id", "in", [...surveyIds])
      .execute(),
    db
      .selectFrom("survey_result_strata")
      .select(["survey_id", "area_id", "age_group", "sex", "responses", "complete"])
      .where("tenant_id", "=", tenantId)
      .where("survey_id", "in", [...surveyIds])
      .execute(),
  ]);
  for (const c of cells) out.get(c.survey_id)!.cells.push(c);
  for (const s of strata) out.get(s.survey_id)!.strata.push(s);
  return out;
}
