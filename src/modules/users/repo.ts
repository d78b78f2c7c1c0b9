// SQL for people, roles and login state. Users are global (one person, one account); roles are
// per tenant (memberships), so every membership query takes tenantId first. Sessions, password
// tokens and OIDC identities belong to a user, not a tenant.
import { type Kysely, sql } from "kysely";
import { acrossTenants } from "../../platform/db/across-tenants.ts";
import type { DB, Role } from "../../platform/db/schema.ts";

export async function findUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<DB>, userId: string) {
  return db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
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

// ---- login state ----------------------------------------------------------------------------

export async function clearLoginFailures(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db.updateTable("users").set({ failed_logins: 0, locked_until: null, updated_at: now }).where("id", "=", userId).execute();
}

// ---- failed sign-ins per client address (login_failures) ----------------------------------------

/** Until when the client address may not sign in (null when it may). */
export async function findAddressBlock(db: Kysely<DB>, client: string, now: Date): Promise<Date | null> {
  const row = await db.selectFrom("login_failures").select("blocked_until").where("client", "=", client).where("blocked_until", ">", now).executeTakeFirst();
  return row?.blocked_until ? new Date(row.blocked_until) : null;
}

export type FailureSettings = { maxPerAddress: number; maxPerAccount: number; windowMinutes: number; lockMinutes: number };

/**
 * Count one failed sign-in, in ONE statement whether or not an account was named (so a known
 * address costs the same round trips as an unknown one): against the client address always —
 * reaching `maxPerAddress` within the window blocks the address — and against the account when
 * `userId` is given — reaching `maxPerAccount` locks it and restarts its counter. Safe against
 * concurrent attempts and shared by every instance. `accountJustLocked` is true only for the
 * attempt that locked the account.
 */
export async function recordLoginFailure(
  db: Kysely<DB>,
  p: { client: string; userId: string | null; settings: FailureSettings; now: Date },
): Promise<{ addressBlocked: boolean; accountJustLocked: boolean }> {
  const { client, userId, settings, now } = p;
  const windowStart = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const until = new Date(now.getTime() + settings.lockMinutes * 60_000);
  const fresh = sql`f.window_started_at <= ${windowStart}::timestamptz`;
  const r = await sql<{ address_blocked: boolean | null; account_just_locked: boolean | null }>`
    with addr as (
      insert into login_failures as f (client, failures, window_started_at, blocked_until, created_at, updated_at)
      values (${client}, 1, ${now}::timestamptz, case when 1 >= ${settings.maxPerAddress}::int then ${until}::timestamptz end, ${now}::timestamptz, ${now}::timestamptz)
      on conflict (client) do update set
        failures = case when ${fresh} then 1 else f.failures + 1 end,
        window_started_at = case when ${fresh} then ${now}::timestamptz else f.window_started_at end,
        blocked_until = case when (case when ${fresh} then 1 else f.failures + 1 end) >= ${settings.maxPerAddress}::int
          then ${until}::timestamptz else f.blocked_until end,
        updated_at = ${now}::timestamptz
      returning f.blocked_until
    ), acct as (
      update users set
        failed_logins = case when failed_logins + 1 >= ${settings.maxPerAccount}::int then 0 else failed_logins + 1 end,
        locked_until = case when failed_logins + 1 >= ${settings.maxPerAccount}::int then ${until}::timestamptz else locked_until end,
        updated_at = ${now}::timestamptz
      where id = ${userId}::uuid
      returning (failed_logins = 0 and locked_until = ${until}::timestamptz) as just_locked
    )
    select (select blocked_until > ${now}::timestamptz from addr) as address_blocked, (select just_locked from acct) as account_just_locked`.execute(db);
  const row = r.rows[0];
  return { addressBlocked: row?.address_blocked === true, accountJustLocked: row?.account_just_locked === true };
}

/** Forget address counts untouched for a day. */
export async function pruneLoginFailures(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db
    .deleteFrom("login_failures")
    .where("updated_at", "<", new Date(now.getTime() - 24 * 3600_000))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Set a new password hash and lift any lockout. */
export async function setPasswordHash(db: Kysely<DB>, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: now }).where("id", "=", userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).where("expires_at", "<", now).execute();
}

// ---- password tokens (reset and invitation) --------------------------------------------------

export async function insertPasswordToken(db: Kysely<DB>, userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.insertInto("password_resets").values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

/** The token's user when the token is unused and unexpired. */
export async function findUsablePasswordToken(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select(["users.id", "users.email", "users.name", "users.locale", "users.disabled_at", "users.password_hash"])
    .where("password_resets.token_hash", "=", tokenHash)
    .where("password_resets.used_at", "is", null)
    .where("password_resets.expires_at", ">", now)
    .executeTakeFirst();
}

/** Mark a usable token used and return its user id; a second caller gets nothing (single use). */
export async function claimPasswordToken(db: Kysely<DB>, tokenHash: string, now: Date): Promise<string | undefined> {
  const row = await db
    .updateTable("password_resets")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id;
}

/** Retire every outstanding token of a user (after a successful reset). */
export async function retirePasswordTokens(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db.updateTable("password_resets").set({ used_at: now }).where("user_id", "=", userId).where("used_at", "is", null).execute();
}

// ---- OIDC identities -----------------------------------------------------------------------

export async function findUserByIdentity(db: Kysely<DB>, issuer: string, subject: string) {
  return db
    .selectFrom("oidc_identities")
    .innerJoin("users", "users.id", "oidc_identities.user_id")
    .select(["users.id", "users.email", "users.disabled_at"])
    .where("oidc_identities.issuer", "=", issuer)
    .where("oidc_identities.subject", "=", subject)
    .executeTakeFirst();
}

export async function linkIdentity(db: Kysely<DB>, issuer: string, subject: string, userId: string): Promise<void> {
  await db
    .insertInto("oidc_identities")
    .values({ issuer, subject, user_id: userId })
    .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
    .execute();
}

// ---- tenants and roles ---------------------------------------------------------------------

/** Tenants where the user holds a role, with the roles (deliberately across tenants: the person's own). */
export async function listTenantsOfUser(db: Kysely<DB>, userId: string) {
  return acrossTenants(db)
    .selectFrom("memberships")
    .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
    .select(["tenants.id", "tenants.slug", "tenants.name", "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .orderBy("tenants.name")
    .orderBy("memberships.role")
    .execute();
}

export async function listAllTenants(db: Kysely<DB>) {
  return db.selectFrom("tenants").select(["id", "slug", "name"]).orderBy("name").execute();
}

export async function addMembership(db: Kysely<DB>, tenantId: string, userId: string, role: Role, organisationId: string | null = null) {
  await db
    .insertInto("memberships")
    .values({ tenant_id: tenantId, user_id: userId, role, organisation_id: organisationId })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id", "role"]).doUpdateSet({ organisation_id: organisationId, updated_at: new Date() }))
    .execute();
}

export async function findMembership(db: Kysely<DB>, tenantId: string, userId: string, role: Role) {
  return db
    .selectFrom("memberships")
    .select(["tenant_id", "user_id", "role", "organisation_id"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("role", "=", role)
    .executeTakeFirst();
}

/** Whether the person holds any role in the tenant. */
export async function isMember(db: Kysely<DB>, tenantId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom("memberships").select("user_id").where("tenant_id", "=", tenantId).where("user_id", "=", userId).executeTakeFirst();
  return row !== undefined;
}

export async function deleteMembership(db: Kysely<DB>, tenantId: string, userId: string, role: Role): Promise<number> {
  const r = await db.deleteFrom("memberships").where("tenant_id", "=", tenantId).where("user_id", "=", userId).where("role", "=", role).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function countRole(db: Kysely<DB>, tenantId: string, role: Role): Promise<number> {
  const r = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("role", "=", role)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The tenant's members, one row per role. `invited_name` is set while the person has not signed
 * in since an admin of this tenant added them (then the name the admin typed is what this tenant
 * sees, never the account's own).
 */
export async function listMembers(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .leftJoin("organisations", "organisations.id", "memberships.organisation_id")
    .leftJoin("member_invitations as mi", (j) =>
      j.onRef("mi.tenant_id", "=", "memberships.tenant_id").onRef("mi.user_id", "=", "memberships.user_id").on("mi.accepted_at", "is", null),
    )
    .select([
      "users.id",
      "users.name",
      "mi.name as invited_name",
      "users.email",
      "memberships.role",
      "memberships.organisation_id",
      "organisations.name as organisation",
      "users.locked_until",
      "users.disabled_at",
      (eb) => eb("users.password_hash", "is not", null).as("has_password"),
    ])
    .where("memberships.tenant_id", "=", tenantId)
    .orderBy((eb) => eb.fn.coalesce("mi.name", "users.name"))
    .orderBy("users.id")
    .orderBy("memberships.role")
    .execute();
}

/** An organisation may be used in a tenant when the tenant owns it or it serves the tenant (regional): organisation_tenants. */
export async function organisationServesTenant(db: Kysely<DB>, tenantId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("organisation_tenants")
    .select("organisation_id")
    .where("tenant_id", "=", tenantId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAudit(
  db: Kysely<DB>,
  tenantId: string | null,
  e: { actorId: string | null; action: string; entity: string; entityId: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({ tenant_id: tenantId, actor_id: e.actorId, action: e.action, entity: e.entity, entity_id: e.entityId, data: JSON.stringify(e.data ?? {}) })
    .execute();
}

// ---- invitations to a tenant ------------------------------------------------------------------

/** Record (or renew) a pending invitation with the name the admin typed. */
export async function upsertInvitation(db: Kysely<DB>, p: { tenantId: string; userId: string; name: string; invitedBy: string; now: Date }): Promise<void> {
  await db
    .insertInto("member_invitations")
    .values({ tenant_id: p.tenantId, user_id: p.userId, name: p.name, invited_by: p.invitedBy, accepted_at: null, created_at: p.now, updated_at: p.now })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet({ name: p.name, invited_by: p.invitedBy, accepted_at: null, updated_at: p.now }))
    .execute();
}

/** The person has signed in: every pending invitation of theirs is accepted (in every tenant: across tenants by design). */
export async function acceptInvitations(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await acrossTenants(db)
    .updateTable("member_invitations")
    .set({ accepted_at: now, updated_at: now })
    .where("user_id", "=", userId)
    .where("accepted_at", "is", null)
    .execute();
}

/** Forget the invitation once the person holds no role in the tenant any more. */
export async function deleteInvitationIfNoRole(db: Kysely<DB>, tenantId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("member_invitations")
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("memberships").select("user_id").where("tenant_id", "=", tenantId).where("user_id", "=", userId))))
    .execute();
}
