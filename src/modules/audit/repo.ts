// SQL for the audit log viewer. A tenant's log is read with its tenant_id; the system-wide log
// (system administrators) is deliberately across tenants and built from acrossTenants(db).
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import { acrossTenants } from "../../platform/db/across-tenants.ts";
import type { DB } from "../../platform/db/schema.ts";

export type AuditFilter = { action?: string; actor?: string; entity?: string; from?: string; to?: string };

export type AuditRow = {
  id: string;
  created_at: Date;
  tenant: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  data: Record<string, unknown>;
};

type Scope = { tenantId: string } | { all: true };

function base(db: Kysely<DB>, scope: Scope) {
  const q = ("all" in scope ? acrossTenants(db) : db)
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .leftJoin("tenants", "tenants.id", "audit_log.tenant_id");
  return "all" in scope ? q : q.where("audit_log.tenant_id", "=", scope.tenantId);
}

function filtered<O>(q: SelectQueryBuilder<DB & { users: DB["users"]; tenants: DB["tenants"] }, "audit_log" | "users" | "tenants", O>, f: AuditFilter) {
  let out = q;
  if (f.action) out = out.where("audit_log.action", "=", f.action);
  if (f.actor) {
    const like = `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where((eb) => eb.or([eb("users.email", "ilike", like), eb("users.name", "ilike", like)]));
  }
  if (f.entity) out = out.where((eb) => eb.or([eb("audit_log.entity", "=", f.entity!), eb("audit_log.entity_id", "=", f.entity!)]));
  if (f.from) out = out.where("audit_log.created_at", ">=", sql<Date>`${f.from}::date`);
  if (f.to) out = out.where("audit_log.created_at", "<", sql<Date>`${f.to}::date + 1`);
  return out;
}

export async function listAudit(db: Kysely<DB>, scope: Scope, f: AuditFilter, page: { limit: number; offset: number }): Promise<AuditRow[]> {
  const rows = await filtered(base(db, scope), f)
    .select([
      sql<string>`audit_log.id::text`.as("id"),
      "audit_log.created_at",
      "tenants.name as tenant",
      "audit_log.actor_id",
      "users.name as actor_name",
      "users.email as actor_email",
      "audit_log.action",
      "audit_log.entity",
      "audit_log.entity_id",
      "audit_log.data",
    ])
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows as AuditRow[];
}

export async function countAudit(db: Kysely<DB>, scope: Scope, f: AuditFilter): Promise<number> {
  const r = await filtered(base(db, scope), f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The actions that occur in the scope (the filter's choices). */
export async function auditActions(db: Kysely<DB>, scope: Scope): Promise<string[]> {
  const q = ("all" in scope ? acrossTenants(db) : db).selectFrom("audit_log").select("action").distinct();
  const rows = await ("all" in scope ? q : q.where("tenant_id", "=", scope.tenantId)).orderBy("action").execute();
  return rows.map((r) => r.action);
}
