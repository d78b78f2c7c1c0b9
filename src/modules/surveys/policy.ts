// Who may do what in the surveys module. Default deny (platform/policy.ts). The coordinator
// (samordnare) and admin run surveys from template to published results, key in paper answers
// and read free-text answers; the police may also import their official results and cite
// results in a promise; every staff role reads the staff pages and the live counts; residents
// answer and read published results without an account (public routes need no rule).
import { type Actor, hasRole, isStaff } from "../../platform/auth/actor.ts";
import { definePolicy, type InTenant } from "../../platform/policy.ts";
import { surveyAllows } from "./domain/lifecycle.ts";
import type { SurveyStatus } from "./tables.ts";

type Owned = { tenant_id: string };
type Survey = Owned & { status: SurveyStatus };

const COORDINATORS = ["admin", "samordnare"] as const;

export const can = definePolicy<{
  "surveys.readStaff": InTenant;
  "survey.manage": InTenant;
  "survey.enterPaper": Survey;
  "survey.readFreeText": Owned;
  "survey.readPublished": Survey;
  "results.import": InTenant;
  "settings.edit": InTenant;
  "promise.cite": InTenant;
}>({
  "surveys.readStaff": (actor, t) => isStaff(actor, t.tenant_id),
  "survey.manage": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "survey.enterPaper": (actor, s) => surveyAllows(s.status, "enterPaper") && hasRole(actor, s.tenant_id, ...COORDINATORS),
  "survey.readFreeText": (actor, s) => hasRole(actor, s.tenant_id, ...COORDINATORS),
  "survey.readPublished": (actor, s) => s.status === "publicerad" || isStaff(actor, s.tenant_id),
  "results.import": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS, "polis"),
  "settings.edit": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "promise.cite": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS, "polis"),
});

export type Abilities = { manage: boolean; importResults: boolean; editSettings: boolean; cite: boolean; readFreeText: boolean };

/** The actor's abilities in a tenant, so pages offer only what the same rules allow. */
export function abilitiesOf(actor: Actor | null, tenantId: string): Abilities {
  const t = { tenant_id: tenantId };
  return {
    manage: can(actor, "survey.manage", t),
    importResults: can(actor, "results.import", t),
    editSettings: can(actor, "settings.edit", t),
    cite: can(actor, "promise.cite", t),
    readFreeText: can(actor, "survey.readFreeText", t),
  };
}
