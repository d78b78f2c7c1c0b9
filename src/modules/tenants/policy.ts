// Who may do what with a tenant's own data (areas, named places). Default deny.
import { hasRole, isStaff } from "../../platform/auth/actor.ts";
import { definePolicy, type InTenant } from "../../platform/policy.ts";

export const can = definePolicy<{ "places.read": InTenant; "places.manage": InTenant }>({
  "places.read": (actor, t) => isStaff(actor, t.tenant_id),
  "places.manage": (actor, t) => hasRole(actor, t.tenant_id, "admin", "samordnare"),
});
