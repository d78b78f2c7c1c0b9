// Who may do what in EST. Default deny (platform/policy.ts); the facts of the thing decide:
//
//   - every staff role reads the week's lägesbild, meetings, insatser and analyses;
//   - rapportörer (and coordinators, admins and the police) report incidents; a reporter corrects
//     their own report for 7 days (coordinators any, with the history kept);
//   - reporters and action owners see their own organisation's reports, every organisation's only
//     when the tenant allows it; coordinators, admins, the police and readers see all;
//   - coordinators and admins review, merge, recategorise, upload CSV files, write the
//     week's summary, run the meeting, decide insatser and change the settings;
//   - an insats is reported (started, done with its outcome) by its organisation's staff (the
//     organisation or one under it) or a coordinator;
//   - exports of incidents are for coordinators, admins and the police (deliberate, logged).
import { type Actor, hasRole, isStaff } from "../../platform/auth/actor.ts";
import { definePolicy, type InTenant } from "../../platform/policy.ts";

/** How long a reporter may correct their own report. */
export const CORRECTION_DAYS = 7;

type Owned = { tenant_id: string };

/** A report with what access to it depends on. */
export type ReportFacts = Owned & {
  reporter_id: string | null;
  organisation_id: string | null;
  created_at: Date;
  status: string;
  /** The tenant lets reporters see every organisation's reports. */
  reportersSeeAll: boolean;
  /** The actor's organisation and the organisations above it (empty without one). */
  actorOrganisations: readonly string[];
  /** The time of the request. */
  now: Date;
};

/** An insats with its organisation and the actor's. */
export type InsatsFacts = Owned & { organisation_id: string | null; status: string; actorOrganisations: readonly string[] };

const COORDINATORS = ["admin", "samordnare"] as const;
const SEE_ALL = ["admin", "samordnare", "polis", "lasare"] as const;
const REPORTERS = ["admin", "samordnare", "polis", "rapportor"] as const;

function ownOrganisation(actor: Actor | null, r: ReportFacts): boolean {
  if (!actor) return false;
  const own = actor.organisations.get(r.tenant_id) ?? null;
  return own !== null && r.organisation_id === own;
}

export function withinCorrectionWindow(createdAt: Date, now: Date): boolean {
  return now.getTime() - new Date(createdAt).getTime() < CORRECTION_DAYS * 86_400_000;
}

export const can = definePolicy<{
  "est.read": InTenant;
  "report.create": InTenant;
  "report.read": ReportFacts;
  "report.correct": ReportFacts;
  "report.review": Owned;
  "reports.upload": InTenant;
  "summary.edit": InTenant;
  "meeting.manage": InTenant;
  "insats.create": InTenant;
  "insats.manage": Owned;
  "insats.report": InsatsFacts;
  "est.export": InTenant;
  "est.settings": InTenant;
}>({
  "est.read": (actor, t) => isStaff(actor, t.tenant_id),
  "report.create": (actor, t) => hasRole(actor, t.tenant_id, ...REPORTERS),
  "report.read": (actor, r) =>
    hasRole(actor, r.tenant_id, ...SEE_ALL) ||
    (isStaff(actor, r.tenant_id) && (r.reporter_id === actor?.userId || ownOrganisation(actor, r) || r.reportersSeeAll)),
  "report.correct": (actor, r) =>
    r.status !== "sammanslagen" &&
    (hasRole(actor, r.tenant_id, ...COORDINATORS) ||
      (hasRole(actor, r.tenant_id, ...REPORTERS) && r.reporter_id !== null && r.reporter_id === actor?.userId && withinCorrectionWindow(r.created_at, r.now))),
  "report.review": (actor, r) => hasRole(actor, r.tenant_id, ...COORDINATORS),
  "reports.upload": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "summary.edit": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "meeting.manage": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "insats.create": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "insats.manage": (actor, i) => hasRole(actor, i.tenant_id, ...COORDINATORS),
  "insats.report": (actor, i) =>
    i.status !== "installd" &&
    (hasRole(actor, i.tenant_id, ...COORDINATORS) ||
      (hasRole(actor, i.tenant_id, "polis", "rapportor", "atgardsagare") && i.organisation_id !== null && i.actorOrganisations.includes(i.organisation_id))),
  "est.export": (actor, t) => hasRole(actor, t.tenant_id, "admin", "samordnare", "polis"),
  "est.settings": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
});
