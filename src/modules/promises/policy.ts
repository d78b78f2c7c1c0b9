// Who may do what with medborgarlöften. Default deny: every predicate names the roles that may.
// samordnare and admin run the whole cycle; polis shares ownership (edit, sign, log activities);
// åtgärdsägare log activities on promises their organisation is responsible for; every staff
// role (including läsare) reads staff pages; residents read published documents without login.
import { type Actor, hasRole, isStaff } from "../../platform/auth/actor.ts";

export function canReadStaffPages(actor: Actor | null, tenantId: string): boolean {
  return isStaff(actor, tenantId);
}

export function canCreateDocument(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare");
}

export function canEditDocument(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare", "polis");
}

export function canSignDocument(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare", "polis");
}

export function canReopenDocument(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare", "polis");
}

export function canPublishDocument(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare");
}

export function canFollowUp(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare");
}

export function canArchiveDocument(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare");
}

export function canCreateVersion(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare");
}

export function canSetPromiseStatus(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare", "polis");
}

/**
 * Log an activity on a promise. `actorOrgChain` is the actor's organisation in the tenant and
 * its parents (a department acts for the municipality it belongs to).
 */
export function canLogActivity(
  actor: Actor | null,
  tenantId: string,
  promise: { responsibleOrganisationIds: readonly string[] },
  actorOrgChain: readonly string[],
): boolean {
  if (hasRole(actor, tenantId, "admin", "samordnare", "polis")) return true;
  if (!hasRole(actor, tenantId, "atgardsagare")) return false;
  return promise.responsibleOrganisationIds.some((id) => actorOrgChain.includes(id));
}

/** Whether the actor could log activities on some promise at all (shows the entry point). */
export function canLogAnyActivity(actor: Actor | null, tenantId: string): boolean {
  return hasRole(actor, tenantId, "admin", "samordnare", "polis", "atgardsagare");
}

export function canDeleteActivity(actor: Actor | null, tenantId: string, activity: { createdBy: string | null }): boolean {
  if (hasRole(actor, tenantId, "admin", "samordnare")) return true;
  return canLogAnyActivity(actor, tenantId) && actor !== null && activity.createdBy === actor.userId;
}

export function canReadAttachments(actor: Actor | null, tenantId: string): boolean {
  return isStaff(actor, tenantId);
}

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
  setPromiseStatus: boolean;
  logActivity: boolean;
};

/** The actor's abilities, carried by pages and API responses so the UI shows only what the rules allow. */
export function abilitiesOf(actor: Actor | null, tenantId: string): Abilities {
  return {
    readStaff: canReadStaffPages(actor, tenantId),
    create: canCreateDocument(actor, tenantId),
    edit: canEditDocument(actor, tenantId),
    sign: canSignDocument(actor, tenantId),
    reopen: canReopenDocument(actor, tenantId),
    publish: canPublishDocument(actor, tenantId),
    followUp: canFollowUp(actor, tenantId),
    archive: canArchiveDocument(actor, tenantId),
    newVersion: canCreateVersion(actor, tenantId),
    setPromiseStatus: canSetPromiseStatus(actor, tenantId),
    logActivity: canLogAnyActivity(actor, tenantId),
  };
}
