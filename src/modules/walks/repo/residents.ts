// SQL of what residents send without an account: sign-ups (counted; a name only if given) and
// förmöte viewpoints. db first, then tenantId.
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { WalkSignupsTable, WalkViewpointsTable } from "../tables.ts";
import { isUuid } from "./walks.ts";

export type SignupRow = Selectable<WalkSignupsTable>;
export type ViewpointRow = Selectable<WalkViewpointsTable>;

/** How many people have signed up (each sign-up counts its party). */
export async function countSignups(db: Kysely<DB>, tenantId: string, walkId: string): Promise<number> {
  const r = await db
    .selectFrom("walk_signups")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("party_size"), sql<number>`0`).as("n"))
    .where("tenant_id", "=", tenantId)
    .where("walk_id", "=", walkId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function countSignupsByWalk(db: Kysely<DB>, tenantId: string, walkIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (walkIds.length === 0) return out;
  const rows = await db
    .selectFrom("walk_signups")
    .select(["walk_id", (eb) => eb.fn.sum<number>("party_size").as("n")])
    .where("tenant_id", "=", tenantId)
    .where("walk_id", "in", [...walkIds])
    .groupBy("walk_id")
    .execute();
  for (const r of rows) out.set(r.walk_id, Number(r.n));
  return out;
}

export async function insertSignup(
  db: Kysely<DB>,
  tenantId: string,
  walkId: string,
  s: { name: string | null; partySize: number; needs: string },
): Promise<SignupRow> {
  return db
    .insertInto("walk_signups")
    .values({ tenant_id: tenantId, walk_id: walkId, name: s.name, party_size: s.partySize, needs: s.needs })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listSignups(db: Kysely<DB>, tenantId: string, walkId: string): Promise<SignupRow[]> {
  return db.selectFrom("walk_signups").selectAll().where("tenant_id", "=", tenantId).where("walk_id", "=", walkId).orderBy("created_at").execute();
}

export async function insertViewpoint(
  db: Kysely<DB>,
  tenantId: string,
  walkId: string,
  v: { lat: number; lon: number; category: ViewpointRow["category"]; body: string },
): Promise<ViewpointRow> {
  return db
    .insertInto("walk_viewpoints")
    .values({ tenant_id: tenantId, walk_id: walkId, ...v })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listViewpoints(db: Kysely<DB>, tenantId: string, walkId: string): Promise<ViewpointRow[]> {
  return db.selectFrom("walk_viewpoints").selectAll().where("tenant_id", "=", tenantId).where("walk_id", "=", walkId).orderBy("created_at").execute();
}

export async function countViewpoints(db: Kysely<DB>, tenantId: string, walkId: string): Promise<number> {
  const r = await db
    .selectFrom("walk_viewpoints")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("walk_id", "=", walkId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function findViewpoint(db: Kysely<DB>, tenantId: string, id: string): Promise<ViewpointRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("walk_viewpoints").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export async function linkViewpointToStop(db: Kysely<DB>, tenantId: string, id: string, stopId: string): Promise<void> {
  await db.updateTable("walk_viewpoints").set({ stop_id: stopId, updated_at: sql`now()` }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}
