// Who is making a request. Resolved once per request from the session cookie.
import type { Role } from "../db/schema.ts";

export type Actor = {
  userId: string;
  name: string;
  email: string;
  isSystemAdmin: boolean;
  /** Roles per tenant id. */
  roles: ReadonlyMap<string, readonly Role[]>;
  /** Organisation per tenant id (for reporters and action owners). */
  organisations: ReadonlyMap<string, string | null>;
};

export function rolesIn(actor: Actor | null, tenantId: string): readonly Role[] {
  return actor?.roles.get(tenantId) ?? [];
}

export function hasRole(actor: Actor | null, tenantId: string, ...roles: Role[]): boolean {
  if (!actor) return false;
  if (actor.isSystemAdmin) return true;
  const held = rolesIn(actor, tenantId);
  return roles.some((r) => held.includes(r));
}

/** Any staff role at all in the tenant (every role is staff; residents have no account). */
export function isStaff(actor: Actor | null, tenantId: string): boolean {
  if (!actor) return false;
  return actor.isSystemAdmin || rolesIn(actor, tenantId).length > 0;
}
