// SQL of the action list and its dated changes. db first, then tenantId.
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { ActionStatus } from "../domain/categories.ts";
import type { WalkActionChangesTable, WalkActionsTable } from "../tables.ts";
import { isUuid } from "./walks.ts";

export type ActionRow = Selectable<WalkActionsTable>;
export type ActionChangeRow = Selectable<WalkActionChangesTable>;

export async function findAction(db: Kysely<DB>, tenantId: string, id: string): Promise<ActionRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("walk_actions").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export async function listActions(db: Kysely<DB>, tenantId: string, walkId: string): Promise<ActionRow[]> {
  return db.selectFrom("walk_actions").selectAll().where("tenant_id", "=", tenantId).where("walk_id", "=", walkId).orderBy("number").execute();
}

export async function nextActionNumber(db: Kysely<DB>, tenantId: string, walkId: string): Promise<number> {
  const r = await db
    .selectFrom("walk_actions")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("tenant_id", "=", tenantId)
    .where("walk_id", "=", walkId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function insertAction(
  db: Kysely<DB>,
  tenantId: string,
  a: {
    walkId: string;
    observationId: string;
    number: number;
    title: string;
    placeText: string;
    organisationId: string | null;
    ownerReason: ActionRow["owner_reason"];
  },
): Promise<ActionRow> {
  return db
    .insertInto("walk_actions")
    .values({
      tenant_id: tenantId,
      walk_id: a.walkId,
      observation_id: a.observationId,
      number: a.number,
      title: a.title,
      place_text: a.placeText,
      organisation_id: a.organisationId,
      owner_reason: a.ownerReason,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteAction(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom("walk_actions").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

export async function recordChange(
  db: Kysely<DB>,
  tenantId: string,
  c: {
    actionId: string;
    status: ActionStatus;
    dueOn: string | null;
    organisationId: string | null;
    feedback: string;
    actor: { userId: string | null; name: string | null };
  },
): Promise<void> {
  await db
    .insertInto("walk_action_changes")
    .values({
      tenant_id: tenantId,
      action_id: c.actionId,
      status: c.status,
      due_on: c.dueOn,
      organisation_id: c.organisationId,
      public_feedback: c.feedback,
      actor_id: c.actor.userId,
      actor_name: c.actor.name,
    })
    .execute();
}

export async function listChanges(db: Kysely<DB>, tenantId: string, actionIds: readonly string[]): Promise<Map<string, ActionChangeRow[]>> {
  const out = new Map<string, ActionChangeRow[]>();
  if (actionIds.length === 0) return out;
  const rows = await db
    .selectFrom("walk_action_changes")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("action_id", "in", [...actionIds])
    .orderBy("id")
    .execute();
  for (const r of rows) out.set(r.action_id, [...(out.get(r.action_id) ?? []), r]);
  return out;
}

/** Earlier actions with an owner and a position (for the owner suggestion), newest first. */
export async function listOwnedActionsWithPlace(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("walk_actions")
    .innerJoin("walk_observations", (j) =>
      j.onRef("walk_observations.id", "=", "walk_actions.observation_id").onRef("walk_observations.tenant_id", "=", "walk_actions.tenant_id"),
    )
    .select(["walk_actions.organisation_id", "walk_observations.category", "walk_observations.lat", "walk_observations.lon", "walk_actions.created_at"])
    .where("walk_actions.tenant_id", "=", tenantId)
    .where("walk_actions.organisation_id", "is not", null)
    .orderBy("walk_actions.created_at", "desc")
    .limit(5000)
    .execute();
}

/** Actions owned by any of the organisations, on walks whose protocol is published, across walks. */
export async function listActionsOfOrganisations(db: Kysely<DB>, tenantId: string, organisationIds: readonly string[] | "all", opts: { openOnly: boolean }) {
  let q = db
    .selectFrom("walk_actions")
    .innerJoin("walks", (j) => j.onRef("walks.id", "=", "walk_actions.walk_id").onRef("walks.tenant_id", "=", "walk_actions.tenant_id"))
    .leftJoin("organisations", "organisations.id", "walk_actions.organisation_id")
    .selectAll("walk_actions")
    .select(["walks.title as walk_title", "walks.starts_at as walk_starts_at", "walks.status as walk_status", "organisations.name as organisation_name"])
    .where("walk_actions.tenant_id", "=", tenantId)
    .where("walks.status", "in", ["protokoll", "avslutad"])
    .orderBy("walk_actions.due_on", (ob) => ob.asc().nullsLast())
    .orderBy("walks.starts_at", "desc")
    .orderBy("walk_actions.number");
  if (organisationIds !== "all") {
    if (organisationIds.length === 0) return [];
    q = q.where("walk_actions.organisation_id", "in", [...organisationIds]);
  }
  if (opts.openOnly) q = q.where("walk_actions.status", "in", ["ny", "planerad"]);
  return q.execute();
}

export async function markSent(db: Kysely<DB>, tenantId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("walk_actions")
    .set({ sent_at: sql`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "in", [...ids])
    .execute();
}

/** Set the closing meeting's stated plan of each action (no version: part of the closing-meeting step). */
export async function setStatedPlan(db: Kysely<DB>, tenantId: string, id: string, plan: string): Promise<void> {
  await db
    .updateTable("walk_actions")
    .set({ stated_plan: plan, version: sql`version + 1`, updated_at: sql`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}
