// Who may do what in the walks module. Default deny (platform/policy.ts): every rule looks
// at the thing acted on; staff read everything of their tenant, coordinators write; residents
// read published items without an account.
import { hasRole, isStaff } from "../../platform/auth/actor.ts";
import { definePolicy, type InTenant } from "../../platform/policy.ts";
import type { WalksStatus } from "./tables.ts";

type Item = { tenant_id: string; status: WalksStatus };

export const can = definePolicy<{ "item.read": Item; "item.create": InTenant; "items.readStaff": InTenant }>({
  "item.read": (actor, item) => item.status === "publicerad" || isStaff(actor, item.tenant_id),
  "item.create": (actor, t) => hasRole(actor, t.tenant_id, "admin", "samordnare"),
  "items.readStaff": (actor, t) => isStaff(actor, t.tenant_id),
});
