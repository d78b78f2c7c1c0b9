// Database-backed sessions. The cookie holds a random token; the database stores only its
// SHA-256 hash, so a leaked database cannot be replayed as sessions.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { acrossTenants } from "../db/across-tenants.ts";
import type { DB, Role } from "../db/schema.ts";
import type { Actor } from "./actor.ts";

export const SESSION_COOKIE = "trygg_session";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  opts: { hours: number; ip?: string; userAgent?: string; method?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + opts.hours * 3600_000);
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      expires_at: expiresAt,
      ip: opts.ip ?? null,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
      auth_method: opts.method ?? "password",
    })
    .execute();
  return { token, expiresAt };
}

export async function destroySession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", hashToken(token)).execute();
}

export async function destroyUserSessions(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Load the actor for a session token, or null when absent, expired or disabled. */
export async function loadActor(db: Kysely<DB>, token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.name", "users.email", "users.is_system_admin", "users.disabled_at", "sessions.expires_at", "sessions.last_seen_at"])
    .where("sessions.id_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || new Date(row.expires_at) < new Date()) return null;
  // Touch at most once a minute to keep writes low.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable("sessions").set({ last_seen_at: new Date() }).where("id_hash", "=", hashToken(token)).execute();
  }
  return loadActorForUser(db, row.id);
}

export async function loadActorForUser(db: Kysely<DB>, userId: string): Promise<Actor | null> {
  const user = await db.selectFrom("users").select(["id", "name", "email", "is_system_admin", "disabled_at"]).where("id", "=", userId).executeTakeFirst();
  if (!user || user.disabled_at) return null;
  // A person's roles in every tenant: the actor carries them all, the pipeline picks the request's.
  const memberships = await acrossTenants(db)
    .selectFrom("memberships")
    .select(["tenant_id", "role", "organisation_id"])
    .where("user_id", "=", userId)
    .execute();
  const roles = new Map<string, Role[]>();
  const organisations = new Map<string, string | null>();
  for (const m of memberships) {
    roles.set(m.tenant_id, [...(roles.get(m.tenant_id) ?? []), m.role]);
    if (m.organisation_id || !organisations.has(m.tenant_id)) organisations.set(m.tenant_id, m.organisation_id);
  }
  return { userId: user.id, name: user.name, email: user.email, isSystemAdmin: user.is_system_admin, roles, organisations };
}
