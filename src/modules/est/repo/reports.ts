// SQL of partner reports and their history. Every function takes the database, then the tenant.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { type HistoryEntry, listEvents } from "../../../platform/documents/events.ts";
import type { Assessment, ReportOrigin, ReportSetting, ReportStatus } from "../tables.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

const COLUMNS = [
  "est_reports.id",
  "est_reports.tenant_id",
  "est_reports.organisation_id",
  "est_reports.reporter_id",
  "est_reports.origin",
  "est_reports.batch_id",
  "est_reports.occurred_from",
  "est_reports.occurred_to",
  "est_reports.day",
  "est_reports.category",
  "est_reports.place_id",
  "est_reports.place_name",
  "est_reports.setting",
  "est_reports.lat",
  "est_reports.lon",
  "est_reports.n",
  "est_reports.e",
  "est_reports.description",
  "est_reports.assessment",
  "est_reports.people_min",
  "est_reports.people_max",
  "est_reports.status",
  "est_reports.merged_into_id",
  "est_reports.version",
  "est_reports.created_at",
  "est_reports.updated_at",
] as const;

export type ReportRow = {
  id: string;
  tenant_id: string;
  organisation_id: string | null;
  reporter_id: string | null;
  origin: ReportOrigin;
  batch_id: string | null;
  occurred_from: Date;
  occurred_to: Date | null;
  day: number;
  category: string;
  place_id: string | null;
  place_name: string | null;
  setting: ReportSetting;
  lat: number;
  lon: number;
  n: number;
  e: number;
  description: string;
  assessment: Assessment;
  people_min: number | null;
  people_max: number | null;
  status: ReportStatus;
  merged_into_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

/** A report with the names people see (organisation, reporter). */
export type ReportView = ReportRow & { organisation_name: string | null; reporter_name: string | null };

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom("est_reports")
    .leftJoin("organisations", "organisations.id", "est_reports.organisation_id")
    .leftJoin("users", "users.id", "est_reports.reporter_id")
    .select([...COLUMNS, "organisations.name as organisation_name", "users.name as reporter_name"]);
}

export async function findReport(db: Kysely<DB>, tenantId: string, id: string): Promise<ReportView | undefined> {
  if (!isUuid(id)) return undefined;
  return (await withNames(db).where("est_reports.tenant_id", "=", tenantId).where("est_reports.id", "=", id).executeTakeFirst()) as ReportView | undefined;
}

export type NewReport = Omit<ReportRow, "id" | "tenant_id" | "status" | "merged_into_id" | "version" | "created_at" | "updated_at">;

export async function insertReport(db: Kysely<DB>, tenantId: string, r: NewReport): Promise<ReportRow> {
  return (await db
    .insertInto("est_reports")
    .values({ tenant_id: tenantId, ...r })
    .returning(COLUMNS.map((c) => c.replace("est_reports.", "")) as never)
    .executeTakeFirstOrThrow()) as unknown as ReportRow;
}

export type ReportFilter = {
  /** Day range [from, to). */
  from?: number;
  to?: number;
  category?: string;
  status?: ReportStatus;
  organisationId?: string;
  reporterId?: string;
  /** Only these organisations' reports or the given reporter's own (reporters who may not see all). */
  visibleTo?: { organisationId: string | null; reporterId: string };
  limit: number;
  offset?: number;
};

/** Reports of the tenant, newest incident first. */
export async function listReports(db: Kysely<DB>, tenantId: string, f: ReportFilter): Promise<{ rows: ReportView[]; total: number }> {
  let q = withNames(db).where("est_reports.tenant_id", "=", tenantId);
  if (f.from !== undefined) q = q.where("est_reports.day", ">=", f.from);
  if (f.to !== undefined) q = q.where("est_reports.day", "<", f.to);
  if (f.category) q = q.where("est_reports.category", "=", f.category);
  if (f.status) q = q.where("est_reports.status", "=", f.status);
  if (f.organisationId) q = q.where("est_reports.organisation_id", "=", f.organisationId);
  if (f.reporterId) q = q.where("est_reports.reporter_id", "=", f.reporterId);
  if (f.visibleTo) {
    const v = f.visibleTo;
    q = q.where((eb) =>
      eb.or([eb("est_reports.reporter_id", "=", v.reporterId), ...(v.organisationId ? [eb("est_reports.organisation_id", "=", v.organisationId)] : [])]),
    );
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy("est_reports.occurred_from", "desc")
    .orderBy("est_reports.created_at", "desc")
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
  return { rows: rows as ReportView[], total: Number(total.n) };
}

/** A report's history (the documents kit's events, with the changed fields). */
export async function listReportEvents(db: Kysely<DB>, tenantId: string, reportId: string): Promise<Array<HistoryEntry>> {
  return listEvents(db, "est_report_events", tenantId, reportId, { changes: true });
}

/** Reports merged into this one. */
export async function listMergedInto(db: Kysely<DB>, tenantId: string, reportId: string): Promise<ReportView[]> {
  return (await withNames(db)
    .where("est_reports.tenant_id", "=", tenantId)
    .where("est_reports.merged_into_id", "=", reportId)
    .orderBy("est_reports.created_at")
    .execute()) as ReportView[];
}

/**
 * Possible duplicates of a report: other counted reports of the same category within `metres`
 * and `days` (SWEREF 99 TM box, then exact distance).
 */
export async function findNearbyReports(db: Kysely<DB>, tenantId: string, r: ReportRow, metres: number, days: number): Promise<ReportView[]> {
  const rows = (await withNames(db)
    .where("est_reports.tenant_id", "=", tenantId)
    .where("est_reports.id", "<>", r.id)
    .where("est_reports.status", "<>", "sammanslagen")
    .where("est_reports.day", ">=", r.day - days)
    .where("est_reports.day", "<=", r.day + days)
    .where("est_reports.n", ">=", r.n - metres)
    .where("est_reports.n", "<=", r.n + metres)
    .where("est_reports.e", ">=", r.e - metres)
    .where("est_reports.e", "<=", r.e + metres)
    .orderBy("est_reports.occurred_from")
    .limit(20)
    .execute()) as ReportView[];
  return rows.filter((x) => Math.hypot(x.n - r.n, x.e - r.e) <= metres);
}

export async function insertBatch(
  db: Kysely<DB>,
  tenantId: string,
  b: { organisationId: string | null; filename: string; sha256: string; rows: number; createdBy: string | null },
): Promise<string> {
  const r = await db
    .insertInto("est_csv_batches")
    .values({ tenant_id: tenantId, organisation_id: b.organisationId, filename: b.filename, sha256: b.sha256, rows: b.rows, created_by: b.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findBatchBySha(db: Kysely<DB>, tenantId: string, sha256: string) {
  return db
    .selectFrom("est_csv_batches")
    .select(["id", "filename", "created_at", "rows"])
    .where("tenant_id", "=", tenantId)
    .where("sha256", "=", sha256)
    .executeTakeFirst();
}

/** The organisation of a person in the tenant (their membership's), and the organisations above it. */
export async function organisationChain(db: Kysely<DB>, tenantId: string, organisationId: string | null): Promise<string[]> {
  const out: string[] = [];
  let id = organisationId;
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    seen.add(id);
    out.push(id);
    const row = await db
      .selectFrom("organisations")
      .leftJoin("organisation_tenants", (j) =>
        j.onRef("organisation_tenants.organisation_id", "=", "organisations.id").on("organisation_tenants.tenant_id", "=", tenantId),
      )
      .select(["organisations.parent_id"])
      .where("organisations.id", "=", id)
      .where((eb) => eb.or([eb("organisations.tenant_id", "=", tenantId), eb("organisation_tenants.tenant_id", "=", tenantId)]))
      .executeTakeFirst();
    id = row?.parent_id ?? null;
  }
  return out;
}
