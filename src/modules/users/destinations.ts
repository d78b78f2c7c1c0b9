// Where a person lands after signing in: the safe `next` path, else the staff start page of the
// requested tenant (when they work there) or of their only tenant, else the tenant chooser.
import type { Kysely } from "kysely";
import type { Actor } from "../../platform/auth/actor.ts";
import type { DB } from "../../platform/db/schema.ts";
import { listAllTenants, listTenantsOfUser } from "./repo.ts";

export const TENANT_CHOOSER_PATH = "/valj-kommun";

export type TenantChoice = { id: string; slug: string; name: string; roles: string[] };

/** Tenants the actor can work in: their memberships, or every tenant for a system administrator. */
export async function tenantsForActor(db: Kysely<DB>, actor: Actor): Promise<TenantChoice[]> {
  const rows = await listTenantsOfUser(db, actor.userId);
  const byId = new Map<string, TenantChoice>();
  for (const r of rows) {
    const c = byId.get(r.id) ?? { id: r.id, slug: r.slug, name: r.name, roles: [] };
    c.roles.push(r.role);
    byId.set(r.id, c);
  }
  if (actor.isSystemAdmin) {
    for (const t of await listAllTenants(db)) if (!byId.has(t.id)) byId.set(t.id, { ...t, roles: [] });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

export async function destinationAfterLogin(db: Kysely<DB>, actor: Actor, opts: { next: string | null; tenantSlug?: string | null }): Promise<string> {
  if (opts.next) return opts.next;
  const tenants = await tenantsForActor(db, actor);
  const wanted = opts.tenantSlug ? tenants.find((t) => t.slug === opts.tenantSlug) : undefined;
  if (wanted) return `/t/${wanted.slug}/arbete`;
  const own = actor.isSystemAdmin ? tenants.filter((t) => t.roles.length > 0) : tenants;
  if (own.length === 1) return `/t/${own[0]!.slug}/arbete`;
  return TENANT_CHOOSER_PATH;
}
