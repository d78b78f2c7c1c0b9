// Who may do what with hot spot analyses. Default deny: each predicate names the roles that may.
// EST data is about places, but it is still staff material: samordnare, polis and admin run
// analyses; läsare read them; rapportörer and åtgärdsägare do not see them at all (404).
import { type Actor, hasRole } from "../../platform/auth/actor.ts";

export function canReadAnalyses(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare", "polis", "lasare");
}

export function canRunAnalyses(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare", "polis");
}

export type Abilities = { read: boolean; run: boolean };

export function abilitiesOf(actor: Actor | null, tenantId: string): Abilities {
  return { read: canReadAnalyses(actor, tenantId), run: canRunAnalyses(actor, tenantId) };
}
