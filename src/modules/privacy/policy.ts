// Who may handle data protection in a tenant (retention, residents' extracts and erasure): its
// admins and system administrators. Default deny.
import { type Actor, hasRole } from "../../platform/auth/actor.ts";

export function canManagePrivacy(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin");
}
