// SQL for people, roles and login state. Users are global (one person, one account); roles are
// per tenant (memberships), so every membership query takes tenantId first.
import type { Kysely } from "kysely";
import type { DB, Role } from "../../platform/db/schema.ts";

export async function findUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  u: { email: string; name: string; passwordHash: string | null; isSystemAdmin?: boolean; locale?: "sv" | "en" },
) {
  return db
    .insertInto("users")
    .values({
      email: u.email,
      name: u.name,
      password_hash: u.passwordHash,
      is_system_admin: u.isSystemAdmin ?? false,
      locale: u.locale ?? "sv",
    })
    .returning(["id", "email", "name"])
    .executeTakeFirstOrThrow();
}

export async function addMembership(db: Kysely<DB>, tenantId: string, userId: string, role: Role, organisationId: string | null = null) {
  await db
    .insertInto("memberships")
    .values({ tenant_id: tenantId, user_id: userId, role, organisation_id: organisationId })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id", "role"]).doUpdateSet({ organisation_id: organisationId, updated_at: new Date() }))
    .execute();
}

export async function listMembers(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .leftJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select(["users.id", "users.name", "users.email", "memberships.role", "organisations.name as organisation", "users.locked_until", "users.disabled_at"])
    .where("memberships.tenant_id", "=", tenantId)
    .orderBy("users.name")
    .execute();
}
