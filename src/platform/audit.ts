// The audit log: who did what, when — staff reads of sensitive data, exports, edits, deletions,
// role changes and sign-ins. Append-only by construction (a trigger refuses UPDATE and DELETE,
// migrations/0045; decision 0045). Modules call these helpers; nothing else writes audit rows.
//
//   await audit(trx, { tenantId, actorId: actor.userId, action: "report.delete", entity: "report", entityId: id });
//   await auditRequest(req, { action: "read", entity: "report_contact", entityId: report.id });
//
// Besides what modules log themselves, the platform logs on its own (app.ts): every state-changing
// request a signed-in person makes that succeeds (action "write": method, route, parameters — never
// the body), and every 2xx answer of a route whose pipeline declares `audit: "read" | "export"`.
// Never put a password, a token or free text in `data`: the log is kept longer than most data.
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "./db/schema.ts";

/** Conventional actions (modules may add their own as `entity.verb`). */
export const AUDIT_ACTIONS = {
  signIn: "signin.success",
  signInFailed: "signin.failure",
  signOut: "signout",
  read: "read",
  export: "export",
  write: "write",
  roleAdd: "role.add",
  roleRemove: "membership.remove",
  retention: "retention.run",
  subjectExtract: "subject.extract",
  subjectErase: "subject.erase",
} as const;

export type AuditEntry = {
  tenantId: string | null;
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
};

const SECRET_KEY = /pass|token|secret|_csrf|cookie/i;

/** Keys that look like secrets are dropped from the data, whatever a caller passes. */
function scrub(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!SECRET_KEY.test(k)) out[k] = v;
  return out;
}

/** Append one row to the audit log (inside the caller's transaction when `db` is one). */
export async function audit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      tenant_id: e.tenantId,
      actor_id: e.actorId,
      action: e.action.slice(0, 100),
      entity: e.entity.slice(0, 200),
      entity_id: e.entityId?.slice(0, 200) ?? null,
      data: JSON.stringify(scrub(e.data ?? {})),
    })
    .execute();
}

/** The same for a request: the actor, the tenant (unless given) and the client address come from it. */
export async function auditRequest(
  req: FastifyRequest,
  e: Omit<AuditEntry, "tenantId" | "actorId"> & { tenantId?: string | null; actorId?: string | null },
  db: Kysely<DB> = req.server.db,
): Promise<void> {
  await audit(db, {
    tenantId: e.tenantId === undefined ? (req.tenant?.id ?? null) : e.tenantId,
    actorId: e.actorId === undefined ? (req.actor?.userId ?? null) : e.actorId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    data: { ...(e.data ?? {}), ip: req.ip },
  });
}
