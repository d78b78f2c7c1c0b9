// SQL for reports. Every function takes the database, then the tenant id, and every query
// filters by tenant_id. What the public may see individually is decided by `individuallyPublic`
// (one place): visible, and not of a person-related category then or now.
import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { Precision, ReportStatus, UnsafeTime, Visibility } from "../tables.ts";

export const REPORT_COLUMNS = [
  "id",
  "tenant_id",
  "ref",
  "category",
  "person_related",
  "precision",
  "lat",
  "lon",
  "sweref_n",
  "sweref_e",
  "place_id",
  "area_id",
  "location_text",
  "description",
  "feels_unsafe",
  "unsafe_times",
  "reporter_name",
  "reporter_email",
  "wants_updates",
  "contact_removed_at",
  "status",
  "status_reason",
  "other_authority",
  "duplicate_of",
  "organisation_id",
  "visibility",
  "hidden_reason",
  "source",
  "api_key_id",
  "open311_token",
  "external_media_url",
  "first_response_at",
  "closed_at",
  "fixed_check_sent_at",
  "created_at",
  "updated_at",
] as const;

export type ReportRow = {
  id: string;
  tenant_id: string;
  ref: string;
  category: string;
  person_related: boolean;
  precision: Precision;
  lat: number | null;
  lon: number | null;
  sweref_n: number | null;
  sweref_e: number | null;
  place_id: string | null;
  area_id: string | null;
  location_text: string;
  description: string;
  feels_unsafe: boolean | null;
  unsafe_times: UnsafeTime[];
  reporter_name: string | null;
  reporter_email: string | null;
  wants_updates: boolean;
  contact_removed_at: Date | null;
  status: ReportStatus;
  status_reason: string | null;
  other_authority: string | null;
  duplicate_of: string | null;
  organisation_id: string | null;
  visibility: Visibility;
  hidden_reason: string | null;
  source: "web" | "open311";
  api_key_id: string | null;
  open311_token: string | null;
  external_media_url: string | null;
  first_response_at: Date | null;
  closed_at: Date | null;
  fixed_check_sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const REF = /^[0-9A-HJKMNP-TV-Z]{8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** The condition "may be shown on its own to the public" (see the module README's privacy rule). */
export function individuallyPublic(personCodes: readonly string[]) {
  return (eb: ExpressionBuilder<DB, "reports">) =>
    eb.and([
      eb("reports.visibility", "=", "public"),
      eb("reports.person_related", "=", false),
      ...(personCodes.length ? [eb("reports.category", "not in", personCodes)] : []),
    ]);
}

export async function findReportByRef(db: Kysely<DB>, tenantId: string, ref: string): Promise<ReportRow | undefined> {
  const r = ref.toUpperCase();
  if (!REF.test(r)) return undefined;
  return (await db.selectFrom("reports").select(REPORT_COLUMNS).where("tenant_id", "=", tenantId).where("ref", "=", r).executeTakeFirst()) as
    | ReportRow
    | undefined;
}

export async function findReportById(db: Kysely<DB>, tenantId: string, id: string): Promise<ReportRow | undefined> {
  if (!UUID.test(id)) return undefined;
  return (await db.selectFrom("reports").select(REPORT_COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst()) as
    | ReportRow
    | undefined;
}

export async function findReportsByIds(db: Kysely<DB>, tenantId: string, ids: readonly string[]): Promise<ReportRow[]> {
  const valid = ids.filter((i) => UUID.test(i));
  if (!valid.length) return [];
  return (await db.selectFrom("reports").select(REPORT_COLUMNS).where("tenant_id", "=", tenantId).where("id", "in", valid).execute()) as ReportRow[];
}

export async function findReportByFollowHash(db: Kysely<DB>, tenantId: string, hash: string): Promise<ReportRow | undefined> {
  return (await db.selectFrom("reports").select(REPORT_COLUMNS).where("tenant_id", "=", tenantId).where("follow_token_hash", "=", hash).executeTakeFirst()) as
    | ReportRow
    | undefined;
}

export async function findReportByOpen311Token(db: Kysely<DB>, tenantId: string, token: string): Promise<ReportRow | undefined> {
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(token)) return undefined;
  return (await db.selectFrom("reports").select(REPORT_COLUMNS).where("tenant_id", "=", tenantId).where("open311_token", "=", token).executeTakeFirst()) as
    | ReportRow
    | undefined;
}

export type NewReport = {
  ref: string;
  category: string;
  person_related: boolean;
  precision: Precision;
  lat: number | null;
  lon: number | null;
  sweref_n: number | null;
  sweref_e: number | null;
  place_id: string | null;
  area_id: string | null;
  location_text: string;
  description: string;
  feels_unsafe: boolean | null;
  unsafe_times: UnsafeTime[];
  reporter_name: string | null;
  reporter_email: string | null;
  wants_updates: boolean;
  organisation_id: string | null;
  visibility: Visibility;
  source: "web" | "open311";
  api_key_id: string | null;
  follow_token_hash: string | null;
  open311_token: string | null;
  external_media_url: string | null;
  created_at?: Date;
};

export async function insertReport(db: Kysely<DB>, tenantId: string, r: NewReport): Promise<ReportRow> {
  return (await db
    .insertInto("reports")
    .values({ tenant_id: tenantId, ...r, ...(r.created_at ? { updated_at: r.created_at } : {}) })
    .returning(REPORT_COLUMNS)
    .executeTakeFirstOrThrow()) as ReportRow;
}

export async function refTaken(db: Kysely<DB>, tenantId: string, ref: string): Promise<boolean> {
  return !!(await db.selectFrom("reports").select("id").where("tenant_id", "=", tenantId).where("ref", "=", ref).executeTakeFirst());
}

export async function updateReport(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  set: Partial<Omit<ReportRow, "id" | "tenant_id" | "ref" | "created_at">>,
): Promise<ReportRow | undefined> {
  return (await db
    .updateTable("reports")
    .set({ ...set, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returning(REPORT_COLUMNS)
    .executeTakeFirst()) as ReportRow | undefined;
}

/** Open, individually public reports of a category within `radius` metres (for "did you mean?"). */
export async function nearbyOpen(
  db: Kysely<DB>,
  tenantId: string,
  p: { category: string; n: number; e: number; radius: number; personCodes: readonly string[]; limit?: number },
): Promise<Array<ReportRow & { distance: number }>> {
  const rows = await db
    .selectFrom("reports")
    .select(REPORT_COLUMNS)
    .select(sql<number>`sqrt(power(sweref_n - ${p.n}, 2) + power(sweref_e - ${p.e}, 2))`.as("distance"))
    .where("tenant_id", "=", tenantId)
    .where("category", "=", p.category)
    .where("status", "in", ["mottagen", "under_utredning"])
    .where(individuallyPublic(p.personCodes))
    .where("sweref_n", ">=", p.n - p.radius)
    .where("sweref_n", "<=", p.n + p.radius)
    .where("sweref_e", ">=", p.e - p.radius)
    .where("sweref_e", "<=", p.e + p.radius)
    .orderBy("distance")
    .limit(p.limit ?? 5)
    .execute();
  return (rows as Array<ReportRow & { distance: number }>).filter((r) => r.distance <= p.radius);
}

export type ReportFilter = {
  status?: readonly ReportStatus[];
  categories?: readonly string[];
  areaId?: string | "none";
  organisationId?: string | "none";
  olderThanDays?: number;
  newerThanDays?: number;
  visibility?: readonly Visibility[];
  text?: string;
};

function applyFilter<O>(q: SelectQueryBuilder<DB, "reports", O>, f: ReportFilter): SelectQueryBuilder<DB, "reports", O> {
  let out = q;
  if (f.status?.length) out = out.where("reports.status", "in", [...f.status]);
  if (f.categories?.length) out = out.where("reports.category", "in", [...f.categories]);
  if (f.areaId === "none") out = out.where("reports.area_id", "is", null);
  else if (f.areaId) out = out.where("reports.area_id", "=", f.areaId);
  if (f.organisationId === "none") out = out.where("reports.organisation_id", "is", null);
  else if (f.organisationId) out = out.where("reports.organisation_id", "=", f.organisationId);
  if (f.olderThanDays !== undefined) out = out.where("reports.created_at", "<", new Date(Date.now() - f.olderThanDays * 86_400_000));
  if (f.newerThanDays !== undefined) out = out.where("reports.created_at", ">=", new Date(Date.now() - f.newerThanDays * 86_400_000));
  if (f.visibility?.length) out = out.where("reports.visibility", "in", [...f.visibility]);
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where((eb) =>
      eb.or([eb("reports.description", "ilike", like), eb("reports.location_text", "ilike", like), eb("reports.ref", "=", f.text!.toUpperCase())]),
    );
  }
  return out;
}

/**
 * The staff inbox: newest first, one page (one extra row tells whether there is a next page).
 * With a status filter each status is read on its own along (tenant_id, status, created_at DESC,
 * id DESC) and the lists merged: every read stops after offset + limit rows, whatever the number
 * of open reports and whether the database has statistics (PGlite has no autovacuum, so its
 * planner would otherwise sort every open report for one page).
 */
export async function listInbox(db: Kysely<DB>, tenantId: string, f: ReportFilter, page: { offset: number; limit: number }): Promise<ReportRow[]> {
  const newestFirst = (status: ReportStatus | null) => {
    const q = applyFilter(db.selectFrom("reports").select(REPORT_COLUMNS).where("reports.tenant_id", "=", tenantId), { ...f, status: undefined });
    return (status === null ? q : q.where("reports.status", "=", status)).orderBy("reports.created_at", "desc").orderBy("reports.id", "desc");
  };
  const statuses = f.status?.length ? [...new Set(f.status)] : null;
  if (!statuses) return (await newestFirst(null).offset(page.offset).limit(page.limit).execute()) as ReportRow[];
  const lists = await Promise.all(
    statuses.map(
      async (st) =>
        (await newestFirst(st)
          .limit(page.offset + page.limit)
          .execute()) as ReportRow[],
    ),
  );
  return lists
    .flat()
    .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(page.offset, page.offset + page.limit);
}

/** Counts above this are shown as "1 000+": counting is bounded whatever the backlog. */
export const COUNT_CAP = 1000;

/**
 * How many reports match, per status. With a status filter each status is counted on its own and
 * only up to COUNT_CAP + 1 (the inbox's tabs and the start page count the open statuses only);
 * without one, grouped (the reports under review, a short list by its own index).
 */
export async function countByStatus(db: Kysely<DB>, tenantId: string, f: ReportFilter): Promise<Map<ReportStatus, number>> {
  const base = () => applyFilter(db.selectFrom("reports").where("reports.tenant_id", "=", tenantId), { ...f, status: undefined });
  if (f.status?.length) {
    const statuses = [...new Set(f.status)];
    const counts = await Promise.all(
      statuses.map(async (st) => {
        const r = await db
          .selectFrom(
            base()
              .select("reports.id")
              .where("reports.status", "=", st)
              .limit(COUNT_CAP + 1)
              .as("s"),
          )
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        return [st, Number(r.n)] as const;
      }),
    );
    return new Map(counts.filter(([, n]) => n > 0));
  }
  const rows = await base()
    .select(["reports.status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("reports.status")
    .execute();
  return new Map(rows.map((r) => [r.status as ReportStatus, Number(r.n)]));
}

/** All reports matching a filter (staff CSV export), oldest first, bounded. */
export async function listForExport(db: Kysely<DB>, tenantId: string, f: ReportFilter, limit: number): Promise<ReportRow[]> {
  const q = applyFilter(db.selectFrom("reports").select(REPORT_COLUMNS).where("reports.tenant_id", "=", tenantId), f);
  return (await q.orderBy("reports.created_at").limit(limit).execute()) as ReportRow[];
}

/** Open reports created before `before` (the overdue list looks at them). */
export async function listOpenOlderThan(db: Kysely<DB>, tenantId: string, before: Date, limit: number): Promise<ReportRow[]> {
  return (await db
    .selectFrom("reports")
    .select(REPORT_COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("status", "in", ["mottagen", "under_utredning"])
    .where("created_at", "<", before)
    .orderBy("created_at")
    .limit(limit)
    .execute()) as ReportRow[];
}

export type PublicListFilter = {
  categories?: readonly string[];
  status?: readonly ReportStatus[];
  areaId?: string;
  since: Date;
  personCodes: readonly string[];
};

/** Individually public reports for the public list, newest first. */
export async function listPublicReports(db: Kysely<DB>, tenantId: string, f: PublicListFilter, page: { offset: number; limit: number }): Promise<ReportRow[]> {
  let q = db
    .selectFrom("reports")
    .select(REPORT_COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where(individuallyPublic(f.personCodes))
    .where("created_at", ">=", f.since);
  if (f.categories?.length) q = q.where("category", "in", [...f.categories]);
  if (f.status?.length) q = q.where("status", "in", [...f.status]);
  if (f.areaId) q = q.where("area_id", "=", f.areaId);
  return (await q.orderBy("created_at", "desc").orderBy("id").offset(page.offset).limit(page.limit).execute()) as ReportRow[];
}

/** Count of +1s per report (own +1s and the reports merged into it as duplicates, each a +1 too). */
export async function supportCounts(db: Kysely<DB>, tenantId: string, reportIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!reportIds.length) return out;
  const own = await db
    .selectFrom("report_supports")
    .select(["report_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("tenant_id", "=", tenantId)
    .where("report_id", "in", [...reportIds])
    .groupBy("report_id")
    .execute();
  for (const r of own) out.set(r.report_id, Number(r.n));
  const merged = await db
    .selectFrom("reports as d")
    .leftJoin("report_supports as s", (j) => j.onRef("s.report_id", "=", "d.id").onRef("s.tenant_id", "=", "d.tenant_id"))
    .select(["d.duplicate_of", (eb) => eb.fn.count<number>("d.id").distinct().as("dups"), (eb) => eb.fn.count<number>("s.id").as("supports")])
    .where("d.tenant_id", "=", tenantId)
    .where("d.duplicate_of", "in", [...reportIds])
    .groupBy("d.duplicate_of")
    .execute();
  for (const r of merged) if (r.duplicate_of) out.set(r.duplicate_of, (out.get(r.duplicate_of) ?? 0) + Number(r.dups) + Number(r.supports));
  return out;
}

export async function listSupports(db: Kysely<DB>, tenantId: string, reportId: string) {
  return db
    .selectFrom("report_supports")
    .select(["id", "unsafe_times", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("report_id", "=", reportId)
    .orderBy("created_at")
    .execute();
}

export async function insertSupport(db: Kysely<DB>, tenantId: string, reportId: string, times: UnsafeTime[]): Promise<void> {
  await db.insertInto("report_supports").values({ tenant_id: tenantId, report_id: reportId, unsafe_times: times }).execute();
}

/** Reports merged into this one. */
export async function listDuplicates(db: Kysely<DB>, tenantId: string, reportId: string): Promise<ReportRow[]> {
  return (await db
    .selectFrom("reports")
    .select(REPORT_COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("duplicate_of", "=", reportId)
    .orderBy("created_at")
    .execute()) as ReportRow[];
}
