// Who may read the audit log. Default deny: a tenant's admins read their tenant's log; system
// administrators read every tenant's and the entries of no tenant (sign-ins, password resets).
import { type Actor, hasRole } from "../../platform/auth/actor.ts";

export function canViewAudit(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin");
}

export function canViewAllAudit(actor: Actor | null): boolean {
  return actor?.isSystemAdmin === true;
}
