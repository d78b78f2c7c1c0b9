// Use cases for accounts and roles. Named outcomes, not exceptions, for expected results.
import type { Kysely } from "kysely";
import { hashPassword } from "../../platform/auth/password.ts";
import type { DB, Role } from "../../platform/db/schema.ts";
import { inviteMail, roleAddedMail } from "./mail.ts";
import { INVITE_TOKEN_HOURS, issuePasswordToken, type MailDeps, passwordLink } from "./password-reset.ts";
import { MIN_PASSWORD_LENGTH } from "./password-rules.ts";
import {
  addMembership,
  deleteInvitationIfNoRole,
  deleteMembership,
  findMembership,
  findUserByEmail,
  insertAudit,
  insertUser,
  isMember,
  listMembers,
  organisationServesTenant,
  upsertInvitation,
} from "./repo.ts";

export { MIN_PASSWORD_LENGTH };

export type AddUserInput = {
  email: string;
  name: string;
  password?: string | null;
  tenantId: string;
  role: Role;
  organisationId?: string | null;
  isSystemAdmin?: boolean;
};

export type AddUserOutcome = { kind: "created"; userId: string } | { kind: "roleAdded"; userId: string } | { kind: "weakPassword" };

/** Create an account (or add a role to an existing one) in a tenant. Used by the CLI and the seed. */
export async function addUser(db: Kysely<DB>, input: AddUserInput): Promise<AddUserOutcome> {
  if (input.password && [...input.password].length < MIN_PASSWORD_LENGTH) return { kind: "weakPassword" };
  const existing = await findUserByEmail(db, input.email);
  if (existing) {
    await addMembership(db, input.tenantId, existing.id, input.role, input.organisationId ?? null);
    return { kind: "roleAdded", userId: existing.id };
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const user = await insertUser(db, { email: input.email, name: input.name, passwordHash, isSystemAdmin: input.isSystemAdmin });
  await addMembership(db, input.tenantId, user.id, input.role, input.organisationId ?? null);
  return { kind: "created", userId: user.id };
}

export type InviteInput = {
  tenant: { id: string; name: string };
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  invitedBy: { id: string; name: string };
};

export type InviteOutcome =
  /** A new account without password; an invitation (password-set link) was mailed. */
  | { kind: "invited"; userId: string }
  /** The person had an account; the role was added and they were told by mail. */
  | { kind: "roleAdded"; userId: string }
  | { kind: "alreadyHasRole"; userId: string }
  | { kind: "unknownOrganisation" };

/**
 * Add a person with a role (and organisation) to a tenant. New people get an account without a
 * password and an invitation mail with a link to choose one (the reset mechanism, longer expiry).
 */
export async function inviteMember(db: Kysely<DB>, deps: MailDeps, input: InviteInput, now: Date = new Date()): Promise<InviteOutcome> {
  if (input.organisationId && !(await organisationServesTenant(db, input.tenant.id, input.organisationId))) {
    return { kind: "unknownOrganisation" };
  }
  return db.transaction().execute(async (trx): Promise<InviteOutcome> => {
    const existing = await findUserByEmail(trx, input.email);
    if (existing && (await findMembership(trx, input.tenant.id, existing.id, input.role))) {
      return { kind: "alreadyHasRole", userId: existing.id };
    }
    const memberHere = existing ? await isMember(trx, input.tenant.id, existing.id) : false;
    const user = existing ?? (await insertUser(trx, { email: input.email.trim(), name: input.name.trim(), passwordHash: null }));
    await addMembership(trx, input.tenant.id, user.id, input.role, input.organisationId);
    // Until the person signs in, this tenant sees them as its admin named them, with the status
    // "invited" — the same whether the address is new or has an account for another tenant
    // (whose own name is neither shown here nor changed).
    if (!memberHere) await upsertInvitation(trx, { tenantId: input.tenant.id, userId: user.id, name: input.name.trim(), invitedBy: input.invitedBy.id, now });
    await insertAudit(trx, input.tenant.id, {
      actorId: input.invitedBy.id,
      action: "membership.add",
      entity: "user",
      entityId: user.id,
      data: { role: input.role, organisationId: input.organisationId },
    });
    const locale = existing?.locale ?? "sv";
    const name = existing?.name ?? input.name.trim();
    // Someone invited earlier who never chose a password gets a fresh invitation link.
    if (!existing || existing.password_hash === null) {
      const token = await issuePasswordToken(trx, user.id, INVITE_TOKEN_HOURS, now);
      const mail = inviteMail(locale, {
        name,
        tenant: input.tenant.name,
        role: input.role,
        link: passwordLink(deps.baseUrl, token),
        hours: INVITE_TOKEN_HOURS,
        inviter: input.invitedBy.name,
      });
      await deps.mailer.send(trx, { tenantId: input.tenant.id, to: user.email, subject: mail.subject, text: mail.text });
      return existing ? { kind: "roleAdded", userId: user.id } : { kind: "invited", userId: user.id };
    }
    const mail = roleAddedMail(locale, { name, tenant: input.tenant.name, role: input.role, link: `${deps.baseUrl}/logga-in`, inviter: input.invitedBy.name });
    await deps.mailer.send(trx, { tenantId: input.tenant.id, to: user.email, subject: mail.subject, text: mail.text });
    return { kind: "roleAdded", userId: user.id };
  });
}

export type RemoveRoleOutcome = { kind: "removed" } | { kind: "notFound" } | { kind: "lastAdmin" };

/** Take a role away in a tenant. The tenant's last admin role cannot be removed. */
export async function removeRole(db: Kysely<DB>, input: { tenantId: string; userId: string; role: Role; actorId: string }): Promise<RemoveRoleOutcome> {
  return db.transaction().execute(async (trx): Promise<RemoveRoleOutcome> => {
    if (!(await findMembership(trx, input.tenantId, input.userId, input.role))) return { kind: "notFound" };
    if (input.role === "admin") {
      // Lock the tenant's admin rows so two admins cannot remove each other at the same time.
      const admins = await trx
        .selectFrom("memberships")
        .select("user_id")
        .where("tenant_id", "=", input.tenantId)
        .where("role", "=", "admin")
        .forUpdate()
        .execute();
      if (admins.length <= 1) return { kind: "lastAdmin" };
    }
    const n = await deleteMembership(trx, input.tenantId, input.userId, input.role);
    if (n === 0) return { kind: "notFound" };
    await deleteInvitationIfNoRole(trx, input.tenantId, input.userId);
    await insertAudit(trx, input.tenantId, {
      actorId: input.actorId,
      action: "membership.remove",
      entity: "user",
      entityId: input.userId,
      data: { role: input.role },
    });
    return { kind: "removed" };
  });
}

/** "invited": added by this tenant's admin and not signed in since (nothing else about the account shows). */
export type MemberStatus = "invited" | "active" | "noPassword" | "locked" | "disabled";

export type TenantMember = {
  id: string;
  name: string;
  email: string;
  status: MemberStatus;
  roles: Array<{ role: Role; organisationId: string | null; organisation: string | null }>;
};

/** The people of a tenant with their roles, one entry per person. */
export async function listTenantMembers(db: Kysely<DB>, tenantId: string, now: Date = new Date()): Promise<TenantMember[]> {
  const rows = await listMembers(db, tenantId);
  const byUser = new Map<string, TenantMember>();
  for (const r of rows) {
    let m = byUser.get(r.id);
    if (!m) {
      const status: MemberStatus =
        r.invited_name !== null
          ? "invited"
          : r.disabled_at
            ? "disabled"
            : r.locked_until && new Date(r.locked_until) > now
              ? "locked"
              : r.has_password
                ? "active"
                : "noPassword";
      m = { id: r.id, name: r.invited_name ?? r.name, email: r.email, status, roles: [] };
      byUser.set(r.id, m);
    }
    m.roles.push({ role: r.role, organisationId: r.organisation_id, organisation: r.organisation });
  }
  return [...byUser.values()];
}
