// Kysely table types of the promises module (migrations/0100_promises.sql), merged into DB in
// src/platform/db/schema.ts.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** DATE columns come back as "YYYY-MM-DD" strings (see database.ts). */
type DateCol = ColumnType<string, string, string>;

export const DOCUMENT_STATUSES = ["utkast", "signerat", "publicerat", "uppfoljt", "arkiverat"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const PROMISE_STATUSES = ["planerad", "pagar", "genomford", "installd"] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export const VERDICTS = ["uppfyllt", "delvis", "ej_uppfyllt"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const TARGET_PERIODS = ["month", "quarter", "year", "validity"] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];

export const FINDING_SOURCES = ["trygghetsmatning", "underrattelsebild", "medborgardialog", "est", "brottsstatistik", "annan"] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

export type Party = { key: string; name: string };
export type Finding = { text: string; source: FindingSource; ref_url: string | null };
export type Signatory = { name: string; title: string; organisation: string; party: string; signed_on: string | null };
export type Outcome = { label: string; value: number };

export type PromiseDocumentsTable = {
  id: Generated<string>;
  tenant_id: string;
  series_id: string;
  revision: ColumnType<number, number | undefined, number>;
  supersedes_id: string | null;
  superseded_by_id: ColumnType<string | null, string | null | undefined, string | null>;
  copied_from_id: string | null;
  title: string;
  valid_from: DateCol;
  valid_to: DateCol;
  introduction: ColumnType<string, string | undefined, string>;
  focus_areas: Json<string[]>;
  parties: Json<Party[]>;
  findings: Json<Finding[]>;
  signatories: Json<Signatory[]>;
  signing_place: string | null;
  signed_on: ColumnType<string | null, string | null | undefined, string | null>;
  agreement_title: string | null;
  agreement_url: string | null;
  stated_promise_count: number | null;
  source_note: string | null;
  followup_summary: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<DocumentStatus, DocumentStatus | undefined, DocumentStatus>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PromisesTable = {
  id: Generated<string>;
  tenant_id: string;
  document_id: string;
  lineage_id: string;
  position: number;
  text: string;
  owner: string;
  focus_area: string | null;
  target_quantity: number | null;
  target_unit: string | null;
  target_period: TargetPeriod | null;
  target_metric: string | null;
  planned_activities: ColumnType<string, string | undefined, string>;
  status: ColumnType<PromiseStatus, PromiseStatus | undefined, PromiseStatus>;
  verdict: ColumnType<Verdict | null, Verdict | null | undefined, Verdict | null>;
  verdict_reason: ColumnType<string | null, string | null | undefined, string | null>;
  verdict_suggested: ColumnType<Verdict | null, Verdict | null | undefined, Verdict | null>;
  verdict_by: ColumnType<string | null, string | null | undefined, string | null>;
  verdict_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PromiseResponsiblesTable = {
  tenant_id: string;
  promise_id: string;
  organisation_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PromiseActivitiesTable = {
  id: Generated<string>;
  tenant_id: string;
  promise_id: string;
  lineage_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  occurred_on: DateCol;
  place_name: string | null;
  lat: number | null;
  lon: number | null;
  outcomes: Json<Outcome[]>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PromiseActivityFilesTable = {
  tenant_id: string;
  activity_id: string;
  file_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PromiseDocumentEventsTable = {
  id: Generated<number>;
  tenant_id: string;
  document_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PromiseTables = {
  promise_documents: PromiseDocumentsTable;
  promises: PromisesTable;
  promise_responsibles: PromiseResponsiblesTable;
  promise_activities: PromiseActivitiesTable;
  promise_activity_files: PromiseActivityFilesTable;
  promise_document_events: PromiseDocumentEventsTable;
};

// Join the platform's DB type (see src/platform/db/schema.ts).
declare module "../../platform/db/schema.ts" {
  interface DB extends PromiseTables {}
}
