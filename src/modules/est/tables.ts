// Kysely table types of the EST module (migrations/0400_est.sql), merged into the platform's DB.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** DATE columns come back as "YYYY-MM-DD" strings (see database.ts). */
type DateCol = ColumnType<string, string, string>;
type Versioned = ColumnType<number, number | undefined, number>;

export const REPORT_ORIGINS = ["formular", "csv", "api"] as const;
export type ReportOrigin = (typeof REPORT_ORIGINS)[number];

export const SETTINGS_KINDS = ["utomhus", "gemensamt_utrymme"] as const;
export type ReportSetting = (typeof SETTINGS_KINDS)[number];

export const ASSESSMENTS = ["ja", "nej", "osakert"] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export const REPORT_STATUSES = ["ny", "granskad", "sammanslagen"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const MEETING_STATUSES = ["planerat", "genomfort"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const INSATS_STATUSES = ["beslutad", "pagar", "genomford", "installd"] as const;
export type InsatsStatus = (typeof INSATS_STATUSES)[number];

export type EstCsvBatchesTable = {
  id: Generated<string>;
  tenant_id: string;
  organisation_id: string | null;
  filename: string;
  sha256: string;
  rows: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EstReportsTable = {
  id: Generated<string>;
  tenant_id: string;
  organisation_id: string | null;
  reporter_id: string | null;
  origin: ReportOrigin;
  batch_id: string | null;
  occurred_from: Timestamp;
  occurred_to: ColumnType<Date | null, Date | string | null, Date | string | null>;
  day: number;
  category: string;
  place_id: string | null;
  place_name: string | null;
  setting: ReportSetting;
  lat: number;
  lon: number;
  n: number;
  e: number;
  description: ColumnType<string, string | undefined, string>;
  assessment: Assessment;
  people_min: number | null;
  people_max: number | null;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
  version: Versioned;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/** Old → new values of a change, by field. */
export type Changes = Record<string, { from: unknown; to: unknown }>;

type EventsTable = {
  id: Generated<number>;
  tenant_id: string;
  document_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  changes: Json<Changes>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EstReportEventsTable = EventsTable;
export type EstInsatsEventsTable = EventsTable;

export type EstPoliceEventsTable = {
  id: Generated<string>;
  tenant_id: string;
  police_id: number;
  published_at: Timestamp;
  occurred_at: Timestamp;
  time_source: "namn" | "publicering";
  day: number;
  type: string;
  summary: ColumnType<string, string | undefined, string>;
  url: string | null;
  location_name: string;
  raw: Json<unknown>;
  content_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EstPoliceCallsTable = {
  id: Generated<number>;
  url: string;
  called_at: Timestamp;
  status: number | null;
  events: number | null;
  error: string | null;
};

export type EstPoliceFeedTable = {
  url: string;
  gone_at: Date | null;
  gone_status: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EstWeekSummariesTable = {
  id: Generated<string>;
  tenant_id: string;
  week: string;
  area_key: ColumnType<string, string | undefined, string>;
  text: string;
  version: Versioned;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EstMeetingsTable = {
  id: Generated<string>;
  tenant_id: string;
  week: string;
  held_on: DateCol;
  focus_areas: Json<string[]>;
  notes: ColumnType<string, string | undefined, string>;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  version: Versioned;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EstMeetingTargetsTable = {
  id: Generated<string>;
  tenant_id: string;
  meeting_id: string;
  organisation_id: string;
  place_id: string | null;
  place_name: string;
  note: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EstInsatserTable = {
  id: Generated<string>;
  tenant_id: string;
  meeting_id: string | null;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  place_id: string | null;
  place_name: string;
  lat: number;
  lon: number;
  radius_m: ColumnType<number, number | undefined, number>;
  categories: Json<string[]>;
  organisation_id: string | null;
  starts_on: DateCol;
  ends_on: DateCol;
  promise_id: string | null;
  comparison_place_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<InsatsStatus, InsatsStatus | undefined, InsatsStatus>;
  outcome: ColumnType<string, string | undefined, string>;
  done_on: ColumnType<string | null, string | null | undefined, string | null>;
  activity_id: ColumnType<string | null, string | null | undefined, string | null>;
  version: Versioned;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EstTables = {
  est_csv_batches: EstCsvBatchesTable;
  est_reports: EstReportsTable;
  est_report_events: EstReportEventsTable;
  est_police_events: EstPoliceEventsTable;
  est_police_calls: EstPoliceCallsTable;
  est_police_feed: EstPoliceFeedTable;
  est_week_summaries: EstWeekSummariesTable;
  est_meetings: EstMeetingsTable;
  est_meeting_targets: EstMeetingTargetsTable;
  est_insatser: EstInsatserTable;
  est_insats_events: EstInsatsEventsTable;
};

declare module "../../platform/db/schema.ts" {
  interface DB extends EstTables {}
}
