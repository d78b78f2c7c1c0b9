// SQL behind the public outputs: the map layer (points of individually public reports and the
// positions of person-related ones, which the shared incident layer turns into counted cells)
// and the Open311 request list. Person-related positions never leave this module except as
// counts (service/public-view.ts).
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { ReportStatus } from "../tables.ts";
import { individuallyPublic, REPORT_COLUMNS, type ReportRow } from "./reports.ts";

export type Bbox = { minLat: number; minLon: number; maxLat: number; maxLon: number };

export type MapPoint = { ref: string; category: string; lat: number; lon: number; status: ReportStatus; created_at: Date };

/** Individually public reports with a position, newest first (limit + 1 tells that there are more). */
export async function mapPoints(
  db: Kysely<DB>,
  tenantId: string,
  f: { since: Date; categories?: readonly string[]; status?: readonly ReportStatus[]; bbox?: Bbox; personCodes: readonly string[]; limit: number },
): Promise<MapPoint[]> {
  let q = db
    .selectFrom("reports")
    .select(["ref", "category", "lat", "lon", "status", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where(individuallyPublic(f.personCodes))
    .where("lat", "is not", null)
    .where("created_at", ">=", f.since);
  if (f.categories?.length) q = q.where("category", "in", [...f.categories]);
  if (f.status?.length) q = q.where("status", "in", [...f.status]);
  if (f.bbox) q = q.where("lat", ">=", f.bbox.minLat).where("lat", "<=", f.bbox.maxLat).where("lon", ">=", f.bbox.minLon).where("lon", "<=", f.bbox.maxLon);
  return (await q.orderBy("created_at", "desc").limit(f.limit).execute()) as MapPoint[];
}

/**
 * Positions of visible reports of person-related categories (then or now) in [from, to): only
 * ever handed to the cell counter. Every such report of the period counts — never cut by a map
 * view — so moving the view cannot split a cell's count.
 */
export async function personPositions(
  db: Kysely<DB>,
  tenantId: string,
  f: { from: Date; to: Date; categories?: readonly string[]; status?: readonly ReportStatus[]; personCodes: readonly string[] },
): Promise<Array<{ category: string; lat: number; lon: number }>> {
  let q = db
    .selectFrom("reports")
    .select(["category", "lat", "lon"])
    .where("tenant_id", "=", tenantId)
    .where("visibility", "=", "public")
    .where((eb) => eb.or([eb("person_related", "=", true), ...(f.personCodes.length ? [eb("category", "in", [...f.personCodes])] : [])]))
    .where("lat", "is not", null)
    .where("created_at", ">=", f.from)
    .where("created_at", "<", f.to);
  if (f.categories?.length) q = q.where("category", "in", [...f.categories]);
  if (f.status?.length) q = q.where("status", "in", [...f.status]);
  return (await q.execute()) as Array<{ category: string; lat: number; lon: number }>;
}

export type Open311Query = {
  ids?: readonly string[];
  categories?: readonly string[];
  status?: readonly ReportStatus[];
  start: Date;
  end: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
  bbox?: Bbox;
  near?: { n: number; e: number; radius: number };
  personCodes: readonly string[];
  /** The API key that asks: its own submissions are included even when not individually public. */
  apiKeyId?: string;
  offset: number;
  limit: number;
};

/** Service requests for Open311's GET requests (the spec: service_request_id overrides every other filter). */
export async function open311Requests(db: Kysely<DB>, tenantId: string, f: Open311Query): Promise<ReportRow[]> {
  let q = db
    .selectFrom("reports")
    .select(REPORT_COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where((eb) => {
      const pub = individuallyPublic(f.personCodes)(eb);
      return f.apiKeyId ? eb.or([pub, eb.and([eb("api_key_id", "=", f.apiKeyId), eb("visibility", "<>", "hidden")])]) : pub;
    });
  if (f.ids) {
    if (!f.ids.length) return [];
    q = q.where("ref", "in", [...f.ids]);
  } else {
    q = q.where("created_at", ">=", f.start).where("created_at", "<=", f.end);
    if (f.categories?.length) q = q.where("category", "in", [...f.categories]);
    if (f.status?.length) q = q.where("status", "in", [...f.status]);
    if (f.updatedAfter) q = q.where("updated_at", ">", f.updatedAfter);
    if (f.updatedBefore) q = q.where("updated_at", "<", f.updatedBefore);
    if (f.bbox) q = q.where("lat", ">=", f.bbox.minLat).where("lat", "<=", f.bbox.maxLat).where("lon", ">=", f.bbox.minLon).where("lon", "<=", f.bbox.maxLon);
    if (f.near)
      q = q
        .where("sweref_n", ">=", f.near.n - f.near.radius)
        .where("sweref_n", "<=", f.near.n + f.near.radius)
        .where("sweref_e", ">=", f.near.e - f.near.radius)
        .where("sweref_e", "<=", f.near.e + f.near.radius)
        .where(sql<boolean>`power(sweref_n - ${f.near.n}, 2) + power(sweref_e - ${f.near.e}, 2) <= ${f.near.radius * f.near.radius}`);
  }
  return (await q.orderBy("created_at", "desc").orderBy("id").offset(f.offset).limit(f.limit).execute()) as ReportRow[];
}

export type FeedEvent = {
  update_id: string;
  kind: string;
  text: string;
  status_to: string | null;
  author_label: string;
  created_at: Date;
  ref: string;
  category: string;
  status: ReportStatus;
  description: string;
  area_id: string | null;
  lat: number | null;
  lon: number | null;
};

/** Public history entries (new reports and updates) of individually public reports, newest first. */
export async function feedEvents(
  db: Kysely<DB>,
  tenantId: string,
  f: { categories?: readonly string[]; areaId?: string; personCodes: readonly string[]; limit: number },
): Promise<FeedEvent[]> {
  let q = db
    .selectFrom("report_updates as u")
    .innerJoin("reports", (j) => j.onRef("reports.id", "=", "u.report_id").onRef("reports.tenant_id", "=", "u.tenant_id"))
    .select([
      "u.id as update_id",
      "u.kind",
      "u.text",
      "u.status_to",
      "u.author_label",
      "u.created_at",
      "reports.ref",
      "reports.category",
      "reports.status",
      "reports.description",
      "reports.area_id",
      "reports.lat",
      "reports.lon",
    ])
    .where("u.tenant_id", "=", tenantId)
    .where("u.audience", "=", "public")
    .where(individuallyPublic(f.personCodes));
  if (f.categories?.length) q = q.where("reports.category", "in", [...f.categories]);
  if (f.areaId) q = q.where("reports.area_id", "=", f.areaId);
  return (await q.orderBy("u.created_at", "desc").orderBy("u.id").limit(f.limit).execute()) as FeedEvent[];
}
