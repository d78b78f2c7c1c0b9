// Kysely table types of the reports module (migrations/0300_reports.sql), merged into the
// platform's DB type.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const REPORT_STATUSES = ["mottagen", "under_utredning", "atgardad", "avslutad", "inte_vart_ansvar", "dubblett"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const UNSAFE_TIMES = ["dag", "kvall", "natt", "helg"] as const;
export type UnsafeTime = (typeof UNSAFE_TIMES)[number];

export const PRECISIONS = ["point", "place", "area"] as const;
export type Precision = (typeof PRECISIONS)[number];

export const VISIBILITIES = ["public", "pending", "hidden"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const UPDATE_KINDS = [
  "submitted",
  "status",
  "public",
  "internal",
  "reply",
  "routing",
  "merge",
  "reopen",
  "resident",
  "review",
  "redaction",
  "photo",
] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export const AUDIENCES = ["public", "staff", "reporter"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SUBSCRIPTION_EVENTS = ["new", "updates", "both"] as const;
export type SubscriptionEvents = (typeof SUBSCRIPTION_EVENTS)[number];

export type ReportsTable = {
  id: Generated<string>;
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
  location_text: ColumnType<string, string | undefined, string>;
  description: string;
  feels_unsafe: boolean | null;
  unsafe_times: ColumnType<UnsafeTime[], UnsafeTime[] | undefined, UnsafeTime[]>;
  reporter_name: string | null;
  reporter_email: string | null;
  wants_updates: ColumnType<boolean, boolean | undefined, boolean>;
  contact_removed_at: NullableTime;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  status_reason: string | null;
  other_authority: string | null;
  duplicate_of: string | null;
  organisation_id: string | null;
  visibility: ColumnType<Visibility, Visibility | undefined, Visibility>;
  hidden_reason: string | null;
  source: ColumnType<"web" | "open311", "web" | "open311" | undefined, "web" | "open311">;
  api_key_id: string | null;
  follow_token_hash: string | null;
  open311_token: string | null;
  external_media_url: string | null;
  first_response_at: NullableTime;
  closed_at: NullableTime;
  fixed_check_sent_at: NullableTime;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ReportPhotosTable = {
  id: Generated<string>;
  tenant_id: string;
  report_id: string | null;
  draft_key_hash: string | null;
  file_id: string;
  thumb_file_id: string;
  width: number;
  height: number;
  position: ColumnType<number, number | undefined, number>;
  hidden_at: NullableTime;
  hidden_by: string | null;
  hidden_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ReportSupportsTable = {
  id: Generated<string>;
  tenant_id: string;
  report_id: string;
  unsafe_times: ColumnType<UnsafeTime[], UnsafeTime[] | undefined, UnsafeTime[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ReportUpdatesTable = {
  id: Generated<string>;
  tenant_id: string;
  report_id: string;
  kind: UpdateKind;
  audience: Audience;
  text: ColumnType<string, string | undefined, string>;
  status_from: string | null;
  status_to: string | null;
  organisation_id: string | null;
  author_id: string | null;
  author_label: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ReportRoutingRulesTable = {
  id: Generated<string>;
  tenant_id: string;
  category: string | null;
  area_id: string | null;
  organisation_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ReportSubscriptionsTable = {
  id: Generated<string>;
  tenant_id: string;
  email: string;
  user_id: string | null;
  report_id: string | null;
  category: string | null;
  area_id: string | null;
  events: SubscriptionEvents;
  token_hash: string;
  confirmed_at: NullableTime;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ReportApiKeysTable = {
  id: Generated<string>;
  tenant_id: string;
  organisation_id: string | null;
  name: string;
  key_prefix: string;
  key_hash: string;
  created_by: string | null;
  revoked_at: NullableTime;
  revoked_by: string | null;
  last_used_at: NullableTime;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ReportsTables = {
  reports: ReportsTable;
  report_photos: ReportPhotosTable;
  report_supports: ReportSupportsTable;
  report_updates: ReportUpdatesTable;
  report_routing_rules: ReportRoutingRulesTable;
  report_subscriptions: ReportSubscriptionsTable;
  report_api_keys: ReportApiKeysTable;
};

declare module "../../platform/db/schema.ts" {
  interface DB extends ReportsTables {}
}
