// Who may do what with residents' reports. Default deny (platform/policy.ts). Residents need no
// account: reporting, +1, alerts and following one's own report (by the secret link) are public
// routes with their own rules (rate limits, tokens) and need no rule here.
//
// admin and samordnare run everything (routing, merging, review, redaction, rules, settings);
// only admin issues Open311 API keys. A report's handlers are the people of the organisation it
// is routed to (or of an organisation above it): polis for reports routed to the police LPO,
// åtgärdsägare for their department — they change status, answer the resident and write
// updates. Every staff role reads the inbox, but only coordinators and a report's handlers see
// who reported it.
import { type Actor, hasRole, isStaff } from "../../platform/auth/actor.ts";
import { definePolicy, type InTenant } from "../../platform/policy.ts";

/** A report with the facts handling depends on: where it is routed, and the actor's organisations (with their parents). */
export type ReportFacts = { tenant_id: string; organisation_id: string | null; actorOrganisations: readonly string[] };

const COORDINATORS = ["admin", "samordnare"] as const;

function isHandler(actor: Actor | null, r: ReportFacts): boolean {
  if (hasRole(actor, r.tenant_id, ...COORDINATORS)) return true;
  if (!hasRole(actor, r.tenant_id, "polis", "atgardsagare")) return false;
  return r.organisation_id !== null && r.actorOrganisations.includes(r.organisation_id);
}

export const can = definePolicy<{
  "reports.readStaff": InTenant;
  "reports.manageRules": InTenant;
  "reports.manageSettings": InTenant;
  "reports.manageKeys": InTenant;
  "reports.export": InTenant;
  "reports.subscribeStaff": InTenant;
  "report.handle": ReportFacts;
  "report.seeReporter": ReportFacts;
  "report.route": ReportFacts;
  "report.merge": ReportFacts;
  "report.review": ReportFacts;
  "report.redact": ReportFacts;
  "report.photos": ReportFacts;
}>({
  "reports.readStaff": (actor, t) => isStaff(actor, t.tenant_id),
  "reports.manageRules": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "reports.manageSettings": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "reports.manageKeys": (actor, t) => hasRole(actor, t.tenant_id, "admin"),
  "reports.export": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS, "polis"),
  "reports.subscribeStaff": (actor, t) => isStaff(actor, t.tenant_id),
  "report.handle": (actor, r) => isHandler(actor, r),
  "report.seeReporter": (actor, r) => isHandler(actor, r),
  "report.route": (actor, r) => hasRole(actor, r.tenant_id, ...COORDINATORS),
  "report.merge": (actor, r) => hasRole(actor, r.tenant_id, ...COORDINATORS),
  "report.review": (actor, r) => hasRole(actor, r.tenant_id, ...COORDINATORS),
  "report.redact": (actor, r) => isHandler(actor, r),
  "report.photos": (actor, r) => isHandler(actor, r),
});

export type ReportAbilities = {
  handle: boolean;
  seeReporter: boolean;
  route: boolean;
  merge: boolean;
  review: boolean;
  redact: boolean;
  photos: boolean;
};

/** What the actor may do with one report (the page shows only these forms). */
export function reportAbilities(actor: Actor | null, r: ReportFacts): ReportAbilities {
  return {
    handle: can(actor, "report.handle", r),
    seeReporter: can(actor, "report.seeReporter", r),
    route: can(actor, "report.route", r),
    merge: can(actor, "report.merge", r),
    review: can(actor, "report.review", r),
    redact: can(actor, "report.redact", r),
    photos: can(actor, "report.photos", r),
  };
}
