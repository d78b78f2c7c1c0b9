// Kysely table types of the walks module (migrations/0600_walks.sql), merged into the platform's
// DB type by interface merging (the platform never imports a module).
import type { ColumnType, Generated } from "kysely";
import type { ActionStatus, Category, Urgency, WalkKind } from "./domain/categories.ts";
import type { WalkStatus } from "./domain/lifecycle.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type LineString = { type: "LineString"; coordinates: Array<[number, number]> };

export type WalksTable = {
  id: Generated<string>;
  tenant_id: string;
  kind: WalkKind;
  title: string;
  place_id: string | null;
  meeting_point: ColumnType<string, string | undefined, string>;
  lat: number;
  lon: number;
  route: Json<LineString | null> | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  purpose: ColumnType<string, string | undefined, string>;
  organisers: Json<string[]>;
  decision_makers: Json<string[]>;
  accessibility_note: ColumnType<string, string | undefined, string>;
  signup_cap: ColumnType<number, number | undefined, number>;
  captures_feelings: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<WalkStatus, WalkStatus | undefined, WalkStatus>;
  participants_boende: number | null;
  participants_kommun: number | null;
  participants_polis: number | null;
  participants_fastighetsagare: number | null;
  participants_foreningar: number | null;
  participants_ovriga: number | null;
  protocol_summary: ColumnType<string, string | undefined, string>;
  protocol_published_at: Timestamp | null;
  closing_meeting_on: ColumnType<string | null, string | null | undefined, string | null>;
  closing_meeting_notes: ColumnType<string, string | undefined, string>;
  cancelled_reason: string | null;
  rewalk_of_id: string | null;
  promise_id: string | null;
  promise_activity_id: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WalkStopsTable = {
  id: Generated<string>;
  tenant_id: string;
  walk_id: string;
  position: number;
  name: string;
  lat: number;
  lon: number;
  note: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WalkInvitationsTable = { tenant_id: string; walk_id: string; organisation_id: string; created_at: Timestamp; updated_at: Timestamp };

export type WalkObserversTable = { tenant_id: string; walk_id: string; user_id: string; created_at: Timestamp; updated_at: Timestamp };

export type WalkSignupsTable = {
  id: Generated<string>;
  tenant_id: string;
  walk_id: string;
  name: string | null;
  party_size: ColumnType<number, number | undefined, number>;
  needs: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WalkViewpointsTable = {
  id: Generated<string>;
  tenant_id: string;
  walk_id: string;
  lat: number;
  lon: number;
  category: Category | null;
  body: string;
  stop_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WalkObservationsTable = {
  id: string;
  tenant_id: string;
  walk_id: string;
  stop_id: string | null;
  lat: number | null;
  lon: number | null;
  n: number | null;
  e: number | null;
  day: number;
  category: Category | null;
  unsafe: boolean | null;
  unsafe_for: ColumnType<string, string | undefined, string>;
  description: ColumnType<string, string | undefined, string>;
  proposed_measure: ColumnType<string, string | undefined, string>;
  urgency: Urgency | null;
  follows_action_id: string | null;
  resolved: boolean | null;
  photo_file_id: string | null;
  thumb_file_id: string | null;
  photo_upload_sha256: string | null;
  photo_public: ColumnType<boolean, boolean | undefined, boolean>;
  no_action: ColumnType<boolean, boolean | undefined, boolean>;
  observed_at: Timestamp;
  observer_id: string | null;
  observer_name: string | null;
  draft: ColumnType<boolean, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WalkActionsTable = {
  id: Generated<string>;
  tenant_id: string;
  walk_id: string;
  observation_id: string;
  number: number;
  title: string;
  place_text: ColumnType<string, string | undefined, string>;
  organisation_id: string | null;
  owner_reason: "samePlaceCategory" | "samePlace" | "category" | "fallback" | null;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  public_feedback: ColumnType<string, string | undefined, string>;
  stated_plan: ColumnType<string, string | undefined, string>;
  status_changed_at: Timestamp;
  sent_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WalkActionChangesTable = {
  id: Generated<number>;
  tenant_id: string;
  action_id: string;
  status: ActionStatus;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  organisation_id: string | null;
  public_feedback: ColumnType<string, string | undefined, string>;
  actor_id: string | null;
  actor_name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WalkDocumentEventsTable = {
  id: Generated<number>;
  tenant_id: string;
  document_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: Timestamp;
};

export type WalksTables = {
  walks: WalksTable;
  walk_stops: WalkStopsTable;
  walk_invitations: WalkInvitationsTable;
  walk_observers: WalkObserversTable;
  walk_signups: WalkSignupsTable;
  walk_viewpoints: WalkViewpointsTable;
  walk_observations: WalkObservationsTable;
  walk_actions: WalkActionsTable;
  walk_action_changes: WalkActionChangesTable;
  walk_document_events: WalkDocumentEventsTable;
};

declare module "../../platform/db/schema.ts" {
  interface DB extends WalksTables {}
}
