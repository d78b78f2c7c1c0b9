// SQL of insatser and their history.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { type HistoryEntry, listEvents } from "../../../platform/documents/events.ts";
import type { InsatsStatus } from "../tables.ts";
import { isUuid } from "./reports.ts";

export type InsatsRow = {
  id: string;
  tenant_id: string;
  meeting_id: string | null;
  title: string;
  description: string;
  place_id: string | null;
  place_name: string;
  lat: number;
  lon: number;
  radius_m: number;
  categories: string[];
  organisation_id: string | null;
  starts_on: string;
  ends_on: string;
  promise_id: string | null;
  comparison_place_id: string | null;
  status: InsatsStatus;
  outcome: string;
  done_on: string | null;
  activity_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type InsatsView = InsatsRow & { organisation_name: string | null; meeting_week: string | null };

const COLUMNS = [
  "id",
  "tenant_id",
  "meeting_id",
  "title",
  "description",
  "place_id",
  "place_name",
  "lat",
  "lon",
  "radius_m",
  "categories",
  "organisation_id",
  "starts_on",
  "ends_on",
  "promise_id",
  "comparison_place_id",
  "status",
  "outcome",
  "done_on",
  "activity_id",
  "version",
  "created_at",
  "updated_at",
] as const;

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom("est_insatser")
    .leftJoin("organisations", "organisations.id", "est_insatser.organisation_id")
    .leftJoin("est_meetings", (j) => j.onRef("est_meetings.id", "=", "est_insatser.meeting_id").onRef("est_meetings.tenant_id", "=", "est_insatser.tenant_id"))
    .select([...COLUMNS.map((c) => `est_insatser.${c}` as const), "organisations.name as organisation_name", "est_meetings.week as meeting_week"]);
}

export async function findInsats(db: Kysely<DB>, tenantId: string, id: string): Promise<InsatsView | undefined> {
  if (!isUuid(id)) return undefined;
  return (await withNames(db).where("est_insatser.tenant_id", "=", tenantId).where("est_insatser.id", "=", id).executeTakeFirst()) as InsatsView | undefined;
}

export type InsatsFilter = { meetingId?: string; meetingIds?: string[]; overlaps?: { from: string; to: string }; status?: InsatsStatus; limit?: number };

/** Insatser of the tenant, latest start first (or by the filter). */
export async function listInsatser(db: Kysely<DB>, tenantId: string, f: InsatsFilter = {}): Promise<InsatsView[]> {
  let q = withNames(db).where("est_insatser.tenant_id", "=", tenantId);
  if (f.meetingId) q = q.where("est_insatser.meeting_id", "=", f.meetingId);
  if (f.meetingIds) {
    if (f.meetingIds.length === 0) return [];
    q = q.where("est_insatser.meeting_id", "in", f.meetingIds);
  }
  if (f.overlaps) q = q.where("est_insatser.starts_on", "<=", f.overlaps.to).where("est_insatser.ends_on", ">=", f.overlaps.from);
  if (f.status) q = q.where("est_insatser.status", "=", f.status);
  return (await q
    .orderBy("est_insatser.starts_on", "desc")
    .orderBy("est_insatser.created_at", "desc")
    .limit(f.limit ?? 500)
    .execute()) as InsatsView[];
}

export type NewInsats = {
  meetingId: string | null;
  title: string;
  description: string;
  placeId: string | null;
  placeName: string;
  lat: number;
  lon: number;
  radiusM: number;
  categories: string[];
  organisationId: string | null;
  startsOn: string;
  endsOn: string;
  promiseId: string | null;
  comparisonPlaceId: string | null;
  createdBy: string | null;
};

export async function insertInsats(db: Kysely<DB>, tenantId: string, i: NewInsats, id?: string): Promise<InsatsRow> {
  return (await db
    .insertInto("est_insatser")
    .values({
      ...(id ? { id } : {}),
      tenant_id: tenantId,
      meeting_id: i.meetingId,
      title: i.title,
      description: i.description,
      place_id: i.placeId,
      place_name: i.placeName,
      lat: i.lat,
      lon: i.lon,
      radius_m: i.radiusM,
      categories: JSON.stringify(i.categories),
      organisation_id: i.organisationId,
      starts_on: i.startsOn,
      ends_on: i.endsOn,
      promise_id: i.promiseId,
      comparison_place_id: i.comparisonPlaceId,
      created_by: i.createdBy,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()) as InsatsRow;
}

/** An insats's history (the documents kit's events, with the changed fields). */
export async function listInsatsEvents(db: Kysely<DB>, tenantId: string, insatsId: string): Promise<HistoryEntry[]> {
  return listEvents(db, "est_insats_events", tenantId, insatsId, { changes: true });
}
