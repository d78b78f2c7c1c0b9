// Object-level policies, default deny. A module's policy.ts defines one rule per action over the
// thing acted on — a row of the module (which carries its tenant_id), or `{ tenant_id }` for
// actions that create something in a tenant — and exports `can(actor, action, thing)`:
//
//   export const can = definePolicy<{ "report.close": ReportRow; "report.create": InTenant }>({
//     "report.close": (actor, report) => hasRole(actor, report.tenant_id, "samordnare") || isAssignee(actor, report),
//     "report.create": (actor, t) => hasRole(actor, t.tenant_id, "samordnare"),
//   });
//
// Facts about the object (the reporter, the assignee, the owner of an action, the organisations
// responsible for a promise) decide, not only roles. Routes declare `can` in their pipeline;
// pages and API answers show the actor's abilities computed by the same rules.
import type { Actor } from "./auth/actor.ts";

/** The thing of actions that act on a tenant as a whole (create, list). */
export type InTenant = { tenant_id: string };

export type Rules<Things> = { [A in keyof Things]: (actor: Actor | null, thing: Things[A]) => boolean };

export type Can<Things> = <A extends keyof Things>(actor: Actor | null, action: A, thing: Things[A]) => boolean;

export function definePolicy<Things>(rules: Rules<Things>): Can<Things> {
  return (actor, action, thing) => {
    const rule = rules[action];
    if (typeof rule !== "function") return false;
    try {
      return rule(actor, thing) === true;
    } catch {
      return false;
    }
  };
}
