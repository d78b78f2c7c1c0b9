// Who may do what with walks. Default deny (platform/policy.ts); each rule looks at the thing.
//
//  - Organisers (admin, samordnare, polis) plan walks, publish the invitation, hold the walk
//    (count the participants), cancel, add observers, and capture observations.
//  - Any staff member an organiser added as an observer of a walk captures on that walk
//    (a housing company's rapportör, a förvaltning's åtgärdsägare); residents taking part do not
//    need an account — they speak, staff write.
//  - An observation is edited by an organiser or by the one who captured it.
//  - Coordinators (admin, samordnare) own the protocol: generate and edit the action list,
//    publish it, record the closing meeting, schedule a re-walk, set the module's settings.
//  - An action's status is updated by coordinators and by åtgärdsägare of the owning
//    organisation or of an organisation above it (service/actions.ts organisationsActedFor),
//    across walks.
//  - Every staff role reads the staff pages; residents read published walks without logging in.
import { type Actor, hasRole, isStaff } from "../../platform/auth/actor.ts";
import { definePolicy, type InTenant } from "../../platform/policy.ts";

type Owned = { tenant_id: string };
/** A walk with the staff an organiser added as observers. */
export type WalkFacts = Owned & { observerIds: readonly string[] };
/** An observation with who captured it, and the observers of its walk. */
export type ObservationFacts = Owned & { observer_id: string | null; observerIds: readonly string[] };
/** An action with its owner, and the organisations the actor acts for (their own and those below it). */
export type ActionFacts = Owned & { organisation_id: string | null; actorOrganisations: readonly string[] };

export const ORGANISERS = ["admin", "samordnare", "polis"] as const;
export const COORDINATORS = ["admin", "samordnare"] as const;

const observes = (actor: Actor | null, w: WalkFacts) => actor !== null && isStaff(actor, w.tenant_id) && w.observerIds.includes(actor.userId);

export const can = definePolicy<{
  "walks.readStaff": InTenant;
  "walk.plan": InTenant;
  "walk.edit": Owned;
  "walk.manageObservers": Owned;
  "walk.capture": WalkFacts;
  "observation.edit": ObservationFacts;
  "protocol.manage": Owned;
  "action.update": ActionFacts;
  "actions.updateAny": InTenant;
  "settings.manage": InTenant;
}>({
  "walks.readStaff": (actor, t) => isStaff(actor, t.tenant_id),
  "walk.plan": (actor, t) => hasRole(actor, t.tenant_id, ...ORGANISERS),
  "walk.edit": (actor, w) => hasRole(actor, w.tenant_id, ...ORGANISERS),
  "walk.manageObservers": (actor, w) => hasRole(actor, w.tenant_id, ...ORGANISERS),
  "walk.capture": (actor, w) => hasRole(actor, w.tenant_id, ...ORGANISERS) || observes(actor, w),
  "observation.edit": (actor, o) => {
    if (hasRole(actor, o.tenant_id, ...ORGANISERS)) return true;
    return actor !== null && o.observer_id === actor.userId && observes(actor, o);
  },
  "protocol.manage": (actor, w) => hasRole(actor, w.tenant_id, ...COORDINATORS),
  "action.update": (actor, a) => {
    if (hasRole(actor, a.tenant_id, ...COORDINATORS)) return true;
    if (!hasRole(actor, a.tenant_id, "atgardsagare")) return false;
    return a.organisation_id !== null && a.actorOrganisations.includes(a.organisation_id);
  },
  "actions.updateAny": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS, "atgardsagare"),
  "settings.manage": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
});

export type Abilities = { readStaff: boolean; plan: boolean; edit: boolean; capture: boolean; protocol: boolean; settings: boolean };

/** What the actor may do with a walk (or in the tenant), for pages to show only what the rules allow. */
export function abilitiesOf(actor: Actor | null, tenantId: string, walk?: { observerIds: readonly string[] }): Abilities {
  const t = { tenant_id: tenantId };
  return {
    readStaff: can(actor, "walks.readStaff", t),
    plan: can(actor, "walk.plan", t),
    edit: can(actor, "walk.edit", t),
    capture: can(actor, "walk.capture", { tenant_id: tenantId, observerIds: walk?.observerIds ?? [] }),
    protocol: can(actor, "protocol.manage", t),
    settings: can(actor, "settings.manage", t),
  };
}
