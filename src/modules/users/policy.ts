// Who may do what with accounts and roles. Default deny: no actor, no ability.
import { type Actor, hasRole, isStaff } from "../../platform/auth/actor.ts";

/** Manage people and roles in a tenant: the tenant's admins and system administrators. */
export function canManageUsers(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin");
}

export type TenantAbilities = { staff: boolean; manageUsers: boolean };

/** Abilities in one tenant, carried in pages and API answers so the UI shows what the rules allow. */
export function abilitiesIn(actor: Actor | null, tenantId: string): TenantAbilities {
  return { staff: isStaff(actor, tenantId), manageUsers: canManageUsers(actor, tenantId) };
}
