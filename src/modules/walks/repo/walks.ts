// SQL of walks, their stops, invited organisations and observers. db first, then tenantId; every
// query filters by tenant_id.
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { WalkStatus } from "../domain/lifecycle.ts";
import type { StopInput } from "../schema.ts";
import type { LineString, WalkStopsTable, WalksTable } from "../tables.ts";

export type WalkRow = Omit<Selectable<WalksTable>, "route" | "organisers" | "decision_makers"> & {
  route: LineString | null;
  organisers: string[];
  decision_makers: string[];
};
export type StopRow = Selectable<WalkStopsTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

function asWalk(r: Selectable<WalksTable>): WalkRow {
  return r as unknown as WalkRow;
}

export async function findWalk(db: Kysely<DB>, tenantId: string, id: string): Promise<WalkRow | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.selectFrom("walks").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  return r ? asWalk(r) : undefined;
}

/** The walk row locked for a lifecycle step or a capped sign-up (in the caller's transaction). */
export async function lockWalk(db: Kysely<DB>, tenantId: string, id: string): Promise<WalkRow | undefined> {
  const r = await db.selectFrom("walks").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).forUpdate().executeTakeFirst();
  return r ? asWalk(r) : undefined;
}

export async function listWalks(db: Kysely<DB>, tenantId: string, statuses?: readonly WalkStatus[]): Promise<WalkRow[]> {
  let q = db.selectFrom("walks").selectAll().where("tenant_id", "=", tenantId).orderBy("starts_at", "desc").limit(500);
  if (statuses) q = q.where("status", "in", [...statuses]);
  return (await q.execute()).map(asWalk);
}

export type WalkContent = {
  kind: WalksTable["kind"];
  title: string;
  place_id: string | null;
  meeting_point: string;
  lat: number;
  lon: number;
  route: LineString | null;
  starts_at: Date;
  ends_at: Date;
  purpose: string;
  organisers: string[];
  decision_makers: string[];
  accessibility_note: string;
  signup_cap: number;
  captures_feelings: boolean;
  promise_id: string | null;
};

export function contentValues(c: WalkContent) {
  return {
    ...c,
    route: c.route ? JSON.stringify(c.route) : null,
    organisers: JSON.stringify(c.organisers),
    decision_makers: JSON.stringify(c.decision_makers),
  };
}

export async function insertWalk(
  db: Kysely<DB>,
  tenantId: string,
  c: WalkContent & { createdBy: string | null; rewalkOfId?: string | null; id?: string },
): Promise<WalkRow> {
  const { createdBy, rewalkOfId, id, ...content } = c;
  const r = await db
    .insertInto("walks")
    .values({ ...(id ? { id } : {}), tenant_id: tenantId, ...contentValues(content), created_by: createdBy, rewalk_of_id: rewalkOfId ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return asWalk(r);
}

export async function listStops(db: Kysely<DB>, tenantId: string, walkId: string): Promise<StopRow[]> {
  return db.selectFrom("walk_stops").selectAll().where("tenant_id", "=", tenantId).where("walk_id", "=", walkId).orderBy("position").execute();
}

export async function findStop(db: Kysely<DB>, tenantId: string, id: string): Promise<StopRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("walk_stops").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

/**
 * Make the walk's stops those given, in order: rows with the id of an existing stop of the walk
 * are updated (observations and viewpoints keep pointing at them), the rest inserted, stops no
 * longer listed removed.
 */
export async function replaceStops(db: Kysely<DB>, tenantId: string, walkId: string, stops: readonly StopInput[]): Promise<void> {
  const existing = await listStops(db, tenantId, walkId);
  const keep = new Set(stops.flatMap((s) => (s.id && existing.some((e) => e.id === s.id) ? [s.id] : [])));
  const gone = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
  if (gone.length) await db.deleteFrom("walk_stops").where("tenant_id", "=", tenantId).where("id", "in", gone).execute();
  // Positions are unique per walk only in spirit (no constraint), so renumbering in place is safe.
  let position = 1;
  for (const s of stops) {
    const values = { position: position++, name: s.name, lat: s.lat, lon: s.lon, note: s.note };
    if (s.id && keep.has(s.id)) {
      await db
        .updateTable("walk_stops")
        .set({ ...values, updated_at: sql`now()` })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", s.id)
        .execute();
    } else {
      await db
        .insertInto("walk_stops")
        .values({ tenant_id: tenantId, walk_id: walkId, ...values })
        .execute();
    }
  }
}

export async function listInvited(db: Kysely<DB>, tenantId: string, walkId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom("walk_invitations")
    .innerJoin("organisations", "organisations.id", "walk_invitations.organisation_id")
    .select(["organisations.id", "organisations.name"])
    .where("walk_invitations.tenant_id", "=", tenantId)
    .where("walk_invitations.walk_id", "=", walkId)
    .orderBy("organisations.name")
    .execute();
}

export async function replaceInvited(db: Kysely<DB>, tenantId: string, walkId: string, organisationIds: readonly string[]): Promise<void> {
  await db.deleteFrom("walk_invitations").where("tenant_id", "=", tenantId).where("walk_id", "=", walkId).execute();
  const unique = [...new Set(organisationIds)];
  if (unique.length)
    await db
      .insertInto("walk_invitations")
      .values(unique.map((organisation_id) => ({ tenant_id: tenantId, walk_id: walkId, organisation_id })))
      .execute();
}

export async function listObservers(db: Kysely<DB>, tenantId: string, walkId: string): Promise<Array<{ id: string; name: string; email: string }>> {
  return db
    .selectFrom("walk_observers")
    .innerJoin("users", "users.id", "walk_observers.user_id")
    .select(["users.id", "users.name", "users.email"])
    .where("walk_observers.tenant_id", "=", tenantId)
    .where("walk_observers.walk_id", "=", walkId)
    .orderBy("users.name")
    .execute();
}

export async function isObserver(db: Kysely<DB>, tenantId: string, walkId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom("walk_observers")
    .select("user_id")
    .where("tenant_id", "=", tenantId)
    .where("walk_id", "=", walkId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function addObserver(db: Kysely<DB>, tenantId: string, walkId: string, userId: string): Promise<void> {
  await db
    .insertInto("walk_observers")
    .values({ tenant_id: tenantId, walk_id: walkId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeObserver(db: Kysely<DB>, tenantId: string, walkId: string, userId: string): Promise<void> {
  await db.deleteFrom("walk_observers").where("tenant_id", "=", tenantId).where("walk_id", "=", walkId).where("user_id", "=", userId).execute();
}

/** Staff of the tenant (any role) who could be made observers: id, name, their roles. */
export async function listStaff(db: Kysely<DB>, tenantId: string): Promise<Array<{ id: string; name: string; email: string; role: string }>> {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.role"])
    .where("memberships.tenant_id", "=", tenantId)
    .where("users.disabled_at", "is", null)
    .orderBy("users.name")
    .execute();
}

/** The walks that re-walk `walkId`. */
export async function listRewalks(db: Kysely<DB>, tenantId: string, walkId: string): Promise<WalkRow[]> {
  return (await db.selectFrom("walks").selectAll().where("tenant_id", "=", tenantId).where("rewalk_of_id", "=", walkId).orderBy("starts_at").execute()).map(
    asWalk,
  );
}

/** Everyone with a role in the tenant who belongs to the organisation (with the role). */
export async function listOrganisationMembers(
  db: Kysely<DB>,
  tenantId: string,
  organisationId: string,
  role: "atgardsagare",
): Promise<Array<{ id: string; name: string; email: string; locale: "sv" | "en" }>> {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "users.locale"])
    .where("memberships.tenant_id", "=", tenantId)
    .where("memberships.organisation_id", "=", organisationId)
    .where("memberships.role", "=", role)
    .where("users.disabled_at", "is", null)
    .execute();
}
