// SQL for a report's history (report_updates) and the audit log of staff actions on reports.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { Audience, UpdateKind } from "../tables.ts";

export type UpdateRow = {
  id: string;
  report_id: string;
  kind: UpdateKind;
  audience: Audience;
  text: string;
  status_from: string | null;
  status_to: string | null;
  organisation_id: string | null;
  author_id: string | null;
  author_label: string;
  created_at: Date;
};

const COLUMNS = [
  "id",
  "report_id",
  "kind",
  "audience",
  "text",
  "status_from",
  "status_to",
  "organisation_id",
  "author_id",
  "author_label",
  "created_at",
] as const;

export type NewUpdate = Omit<UpdateRow, "id" | "created_at" | "report_id"> & { created_at?: Date };

export async function insertUpdate(db: Kysely<DB>, tenantId: string, reportId: string, u: NewUpdate): Promise<UpdateRow> {
  return (await db
    .insertInto("report_updates")
    .values({ tenant_id: tenantId, report_id: reportId, ...u, ...(u.created_at ? { updated_at: u.created_at } : {}) })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()) as UpdateRow;
}

/** A report's history for an audience: public (everyone), reporter (public + replies), staff (all). */
export async function listUpdates(db: Kysely<DB>, tenantId: string, reportId: string, audience: Audience): Promise<UpdateRow[]> {
  const allowed: Audience[] = audience === "staff" ? ["public", "staff", "reporter"] : audience === "reporter" ? ["public", "reporter"] : ["public"];
  return (await db
    .selectFrom("report_updates")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("report_id", "=", reportId)
    .where("audience", "in", allowed)
    .orderBy("created_at")
    .orderBy("id")
    .execute()) as UpdateRow[];
}

/** Public updates of many reports (Open311 notes, feeds). */
export async function listPublicUpdatesOf(db: Kysely<DB>, tenantId: string, reportIds: readonly string[]): Promise<Map<string, UpdateRow[]>> {
  const out = new Map<string, UpdateRow[]>();
  if (!reportIds.length) return out;
  const rows = (await db
    .selectFrom("report_updates")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("report_id", "in", [...reportIds])
    .where("audience", "=", "public")
    .orderBy("created_at")
    .orderBy("id")
    .execute()) as UpdateRow[];
  for (const r of rows) {
    const list = out.get(r.report_id) ?? [];
    list.push(r);
    out.set(r.report_id, list);
  }
  return out;
}

/** The newest public update of each report (status notes in lists). */
export async function latestPublicUpdate(db: Kysely<DB>, tenantId: string, reportIds: readonly string[]): Promise<Map<string, UpdateRow>> {
  const out = new Map<string, UpdateRow>();
  for (const [id, list] of await listPublicUpdatesOf(db, tenantId, reportIds)) {
    const withText = list.filter((u) => u.text.trim() !== "");
    const last = withText[withText.length - 1];
    if (last) out.set(id, last);
  }
  return out;
}

export async function updateUpdateText(db: Kysely<DB>, tenantId: string, id: string, text: string): Promise<void> {
  await db.updateTable("report_updates").set({ text, updated_at: new Date() }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

export async function findUpdate(db: Kysely<DB>, tenantId: string, reportId: string, id: string): Promise<UpdateRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return (await db
    .selectFrom("report_updates")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("report_id", "=", reportId)
    .where("id", "=", id)
    .executeTakeFirst()) as UpdateRow | undefined;
}

/** Record a staff action (who, what, on which report) in the audit log — never the removed personal data itself. */
export async function audit(
  db: Kysely<DB>,
  tenantId: string,
  actorId: string | null,
  action: string,
  entityId: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({ tenant_id: tenantId, actor_id: actorId, action, entity: "report", entity_id: entityId, data: JSON.stringify(data) })
    .execute();
}

export async function listAudit(db: Kysely<DB>, tenantId: string, reportId: string) {
  return db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select(["audit_log.id", "audit_log.action", "audit_log.data", "audit_log.created_at", "users.name as actor_name"])
    .where("audit_log.tenant_id", "=", tenantId)
    .where("audit_log.entity", "=", "report")
    .where("audit_log.entity_id", "=", reportId)
    .orderBy("audit_log.created_at")
    .orderBy("audit_log.id")
    .execute();
}
