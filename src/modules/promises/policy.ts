// Who may do what with medborgarlöften. Default deny (platform/policy.ts): every rule names who
// may, looking at the thing acted on. samordnare and admin run the whole cycle; polis shares
// ownership (edit, sign, log activities); åtgärdsägare log activities on promises their
// organisation (or a parent of it) is responsible for, and remove what they logged themselves;
// only samordnare and admin delete a draft; every staff role (including läsare) reads staff
// pages; residents read published documents without login (the public routes need no rule).
import { type Actor, hasRole, isStaff } from "../../platform/auth/actor.ts";
import { definePolicy, type InTenant } from "../../platform/policy.ts";

/** A document, a promise or anything else of the module that carries its tenant. */
type Owned = { tenant_id: string };

/** A promise with the facts logging depends on: who is responsible, and the actor's organisations (with their parents). */
export type LoggableFacts = Owned & { responsibleOrganisationIds: readonly string[]; actorOrganisations: readonly string[] };

/** An activity with who logged it. */
export type ActivityFacts = Owned & { created_by: string | null };

const COORDINATORS = ["admin", "samordnare"] as const;
const OWNERS = ["admin", "samordnare", "polis"] as const;

export const can = definePolicy<{
  "promises.readStaff": InTenant;
  "document.create": InTenant;
  "document.edit": Owned;
  "document.sign": Owned;
  "document.reopen": Owned;
  "document.publish": Owned;
  "document.followUp": Owned;
  "document.archive": Owned;
  "document.newVersion": Owned;
  "document.delete": Owned;
  "promise.setStatus": Owned;
  "promise.logActivity": LoggableFacts;
  "activity.logAny": InTenant;
  "activity.delete": ActivityFacts;
  "activity.attach": ActivityFacts;
  "attachment.read": Owned;
}>({
  "promises.readStaff": (actor, t) => isStaff(actor, t.tenant_id),
  "document.create": (actor, t) => hasRole(actor, t.tenant_id, ...COORDINATORS),
  "document.edit": (actor, d) => hasRole(actor, d.tenant_id, ...OWNERS),
  "document.sign": (actor, d) => hasRole(actor, d.tenant_id, ...OWNERS),
  "document.reopen": (actor, d) => hasRole(actor, d.tenant_id, ...OWNERS),
  "document.publish": (actor, d) => hasRole(actor, d.tenant_id, ...COORDINATORS),
  "document.followUp": (actor, d) => hasRole(actor, d.tenant_id, ...COORDINATORS),
  "document.archive": (actor, d) => hasRole(actor, d.tenant_id, ...COORDINATORS),
  "document.newVersion": (actor, d) => hasRole(actor, d.tenant_id, ...COORDINATORS),
  "document.delete": (actor, d) => hasRole(actor, d.tenant_id, ...COORDINATORS),
  "promise.setStatus": (actor, p) => hasRole(actor, p.tenant_id, ...OWNERS),
  "promise.logActivity": (actor, p) => {
    if (hasRole(actor, p.tenant_id, ...OWNERS)) return true;
    if (!hasRole(actor, p.tenant_id, "atgardsagare")) return false;
    return p.responsibleOrganisationIds.some((id) => p.actorOrganisations.includes(id));
  },
  "activity.logAny": (actor, t) => hasRole(actor, t.tenant_id, ...OWNERS, "atgardsagare"),
  "activity.delete": (actor, a) => {
    if (hasRole(actor, a.tenant_id, ...COORDINATORS)) return true;
    return hasRole(actor, a.tenant_id, ...OWNERS, "atgardsagare") && actor !== null && a.created_by === actor.userId;
  },
  "activity.attach": (actor, a) => {
    if (hasRole(actor, a.tenant_id, ...COORDINATORS)) return true;
    return hasRole(actor, a.tenant_id, ...OWNERS, "atgardsagare") && actor !== null && a.created_by === actor.userId;
  },
  "attachment.read": (actor, f) => isStaff(actor, f.tenant_id),
});

export type Abilities = {
  readStaff: boolean;
  create: boolean;
  edit: boolean;
  sign: boolean;
  reopen: boolean;
  publish: boolean;
  followUp: boolean;
  archive: boolean;
  newVersion: boolean;
  delete: boolean;
  setPromiseStatus: boolean;
  logActivity: boolean;
};

/** The actor's abilities, carried by pages and API responses so the UI shows only what the rules allow. */
export function abilitiesOf(actor: Actor | null, tenantId: string): Abilities {
  const t = { tenant_id: tenantId };
  return {
    readStaff: can(actor, "promises.readStaff", t),
    create: can(actor, "document.create", t),
    edit: can(actor, "document.edit", t),
    sign: can(actor, "document.sign", t),
    reopen: can(actor, "document.reopen", t),
    publish: can(actor, "document.publish", t),
    followUp: can(actor, "document.followUp", t),
    archive: can(actor, "document.archive", t),
    newVersion: can(actor, "document.newVersion", t),
    delete: can(actor, "document.delete", t),
    setPromiseStatus: can(actor, "promise.setStatus", t),
    logActivity: can(actor, "activity.logAny", t),
  };
}
