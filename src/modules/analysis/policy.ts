// Who may do what with hot spot analyses. Default deny (platform/policy.ts). EST data is about
// places, but it is still staff material: samordnare, polis and admin run analyses; läsare read
// them; rapportörer and åtgärdsägare do not see them at all (404). The engine's step timings are
// operations detail: only administrators (the tenant's admin, system administrators) see them.
import { type Actor, hasRole } from "../../platform/auth/actor.ts";
import { definePolicy, type InTenant } from "../../platform/policy.ts";

type Run = { tenant_id: string };

export const can = definePolicy<{
  "analysis.read": InTenant;
  "analysis.run": InTenant;
  "run.read": Run;
  "run.export": Run;
  "run.timings": Run;
}>({
  "analysis.read": (actor, t) => hasRole(actor, t.tenant_id, "admin", "samordnare", "polis", "lasare"),
  "analysis.run": (actor, t) => hasRole(actor, t.tenant_id, "admin", "samordnare", "polis"),
  "run.read": (actor, run) => hasRole(actor, run.tenant_id, "admin", "samordnare", "polis", "lasare"),
  "run.export": (actor, run) => hasRole(actor, run.tenant_id, "admin", "samordnare", "polis", "lasare"),
  "run.timings": (actor, run) => hasRole(actor, run.tenant_id, "admin"),
});

export type Abilities = { read: boolean; run: boolean };

export function abilitiesOf(actor: Actor | null, tenantId: string): Abilities {
  const t = { tenant_id: tenantId };
  return { read: can(actor, "analysis.read", t), run: can(actor, "analysis.run", t) };
}
