// SQL of the weekly meetings, their targeted places, the week summaries and the police's events.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { MeetingStatus } from "../tables.ts";
import { isUuid } from "./reports.ts";

export type MeetingRow = {
  id: string;
  tenant_id: string;
  week: string;
  held_on: string;
  focus_areas: string[];
  notes: string;
  status: MeetingStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
};

const MEETING = ["id", "tenant_id", "week", "held_on", "focus_areas", "notes", "status", "version", "created_at", "updated_at"] as const;

export async function findMeeting(db: Kysely<DB>, tenantId: string, id: string): Promise<MeetingRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await db.selectFrom("est_meetings").select(MEETING).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst()) as
    | MeetingRow
    | undefined;
}

export async function findMeetingOfWeek(db: Kysely<DB>, tenantId: string, week: string): Promise<MeetingRow | undefined> {
  return (await db.selectFrom("est_meetings").select(MEETING).where("tenant_id", "=", tenantId).where("week", "=", week).executeTakeFirst()) as
    | MeetingRow
    | undefined;
}

export async function listMeetings(db: Kysely<DB>, tenantId: string, limit = 60): Promise<Array<MeetingRow & { insatser: number; targets: number }>> {
  const rows = await db
    .selectFrom("est_meetings")
    .select([
      ...MEETING.map((c) => `est_meetings.${c}` as const),
      sql<number>`(select count(*) from est_insatser i where i.tenant_id = est_meetings.tenant_id and i.meeting_id = est_meetings.id)::int`.as("insatser"),
      sql<number>`(select count(*) from est_meeting_targets t where t.tenant_id = est_meetings.tenant_id and t.meeting_id = est_meetings.id)::int`.as(
        "targets",
      ),
    ])
    .where("est_meetings.tenant_id", "=", tenantId)
    .orderBy("est_meetings.held_on", "desc")
    .limit(limit)
    .execute();
  return rows as Array<MeetingRow & { insatser: number; targets: number }>;
}

export async function insertMeeting(db: Kysely<DB>, tenantId: string, m: { week: string; heldOn: string; createdBy: string | null }): Promise<MeetingRow> {
  return (await db
    .insertInto("est_meetings")
    .values({ tenant_id: tenantId, week: m.week, held_on: m.heldOn, created_by: m.createdBy })
    .returning(MEETING)
    .executeTakeFirstOrThrow()) as MeetingRow;
}

export type TargetRow = {
  id: string;
  tenant_id: string;
  meeting_id: string;
  organisation_id: string;
  organisation_name: string;
  place_id: string | null;
  place_name: string;
  note: string;
};

export async function listTargets(db: Kysely<DB>, tenantId: string, meetingId: string): Promise<TargetRow[]> {
  return (await db
    .selectFrom("est_meeting_targets")
    .innerJoin("organisations", "organisations.id", "est_meeting_targets.organisation_id")
    .select([
      "est_meeting_targets.id",
      "est_meeting_targets.tenant_id",
      "est_meeting_targets.meeting_id",
      "est_meeting_targets.organisation_id",
      "organisations.name as organisation_name",
      "est_meeting_targets.place_id",
      "est_meeting_targets.place_name",
      "est_meeting_targets.note",
    ])
    .where("est_meeting_targets.tenant_id", "=", tenantId)
    .where("est_meeting_targets.meeting_id", "=", meetingId)
    .orderBy("organisations.name")
    .orderBy("est_meeting_targets.created_at")
    .execute()) as TargetRow[];
}

export async function findTarget(db: Kysely<DB>, tenantId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom("est_meeting_targets")
    .select(["id", "tenant_id", "meeting_id", "organisation_id", "place_name"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertTarget(
  db: Kysely<DB>,
  tenantId: string,
  t: { meetingId: string; organisationId: string; placeId: string | null; placeName: string; note: string },
): Promise<void> {
  await db
    .insertInto("est_meeting_targets")
    .values({ tenant_id: tenantId, meeting_id: t.meetingId, organisation_id: t.organisationId, place_id: t.placeId, place_name: t.placeName, note: t.note })
    .execute();
}

export async function deleteTarget(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom("est_meeting_targets").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

// ── Week summaries ─────────────────────────────────────────────────────────────────────────

export type SummaryRow = { id: string; text: string; version: number; updated_at: Date; updated_by_name: string | null };

export async function findSummary(db: Kysely<DB>, tenantId: string, week: string, areaKey: string): Promise<SummaryRow | undefined> {
  return (await db
    .selectFrom("est_week_summaries")
    .leftJoin("users", "users.id", "est_week_summaries.updated_by")
    .select([
      "est_week_summaries.id",
      "est_week_summaries.text",
      "est_week_summaries.version",
      "est_week_summaries.updated_at",
      "users.name as updated_by_name",
    ])
    .where("est_week_summaries.tenant_id", "=", tenantId)
    .where("est_week_summaries.week", "=", week)
    .where("est_week_summaries.area_key", "=", areaKey)
    .executeTakeFirst()) as SummaryRow | undefined;
}

/**
 * Save the summary if nobody saved another since the person loaded it (`version` they saw; 0 = none
 * existed). Returns false on a conflict.
 */
export async function saveSummary(
  db: Kysely<DB>,
  tenantId: string,
  s: { week: string; areaKey: string; text: string; version: number; userId: string },
): Promise<boolean> {
  if (s.version === 0) {
    const r = await db
      .insertInto("est_week_summaries")
      .values({ tenant_id: tenantId, week: s.week, area_key: s.areaKey, text: s.text, updated_by: s.userId })
      .onConflict((oc) => oc.columns(["tenant_id", "week", "area_key"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const r = await db
    .updateTable("est_week_summaries")
    .set({ text: s.text, updated_by: s.userId, version: sql`version + 1`, updated_at: new Date() } as never)
    .where("tenant_id", "=", tenantId)
    .where("week", "=", s.week)
    .where("area_key", "=", s.areaKey)
    .where("version", "=", s.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ── The police's events ────────────────────────────────────────────────────────────────────

export type PoliceEventRow = {
  id: string;
  police_id: number;
  published_at: Date;
  occurred_at: Date;
  time_source: "namn" | "publicering";
  type: string;
  summary: string;
  url: string | null;
  location_name: string;
};

export async function listPoliceEvents(db: Kysely<DB>, tenantId: string, range: { from: number; to: number }, limit = 200): Promise<PoliceEventRow[]> {
  return (await db
    .selectFrom("est_police_events")
    .select(["id", "police_id", "published_at", "occurred_at", "time_source", "type", "summary", "url", "location_name"])
    .where("tenant_id", "=", tenantId)
    .where("day", ">=", range.from)
    .where("day", "<", range.to)
    .orderBy("occurred_at", "desc")
    .limit(limit)
    .execute()) as PoliceEventRow[];
}

/** When the tenant's police events were last imported (the newest row's update). */
export async function lastPoliceImport(db: Kysely<DB>, tenantId: string): Promise<Date | null> {
  const r = await db
    .selectFrom("est_police_events")
    .select((eb) => eb.fn.max("updated_at").as("at"))
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  return r?.at ? new Date(r.at as Date) : null;
}
