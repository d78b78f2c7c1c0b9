// Kysely table types of the surveys module (migrations/0500_surveys.sql), merged into the
// platform's DB type.
import type { ColumnType, Generated } from "kysely";
import type { DefinitionContent } from "./domain/definition.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** DATE columns come back as "YYYY-MM-DD" strings (see database.ts). */
type DateCol = ColumnType<string, string | undefined, string>;

export const SURVEY_STATUSES = ["utkast", "oppen", "stangd", "publicerad"] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const CHANNELS = ["webb", "papper"] as const;
export type Channel = (typeof CHANNELS)[number];

export const IMPORT_KINDS = ["officiella", "brottsstatistik"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const COLOURS = ["gron", "gul", "rod"] as const;
export type Colour = (typeof COLOURS)[number];

/** A stratum's population figure for weighting (area × age group × sex). */
export type PopulationRow = { area_id: string; age_group: string | null; sex: string | null; count: number };
export type Weighting = { enabled: boolean; population: PopulationRow[] };

export type SurveyDefinitionsTable = {
  id: Generated<string>;
  tenant_id: string;
  series_id: string;
  revision: ColumnType<number, number | undefined, number>;
  supersedes_id: string | null;
  name: string;
  content: Json<DefinitionContent>;
  locked: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SurveysTable = {
  id: Generated<string>;
  tenant_id: string;
  definition_id: string;
  year: number;
  title: string;
  status: ColumnType<SurveyStatus, SurveyStatus | undefined, SurveyStatus>;
  field_from: DateCol;
  field_to: DateCol;
  requires_code: ColumnType<boolean, boolean | undefined, boolean>;
  weighting: Json<Weighting>;
  aggregated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SurveyDocumentEventsTable = {
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

export type SurveyCodesTable = {
  tenant_id: string;
  survey_id: string;
  code_hash: string;
  used: ColumnType<boolean, boolean | undefined, boolean>;
  area_id: string | null;
  age_group: string | null;
  sex: string | null;
  created_at: DateCol;
  updated_at: DateCol;
};

export type SurveyResponsesTable = {
  id: Generated<string>;
  tenant_id: string;
  survey_id: string;
  area_id: string | null;
  age_group: string | null;
  sex: string | null;
  from_frame: ColumnType<boolean, boolean | undefined, boolean>;
  lang: string;
  channel: Channel;
  complete: ColumnType<boolean, boolean | undefined, boolean>;
  resume_hash: string | null;
  answered_on: DateCol;
  created_at: DateCol;
  updated_at: DateCol;
};

export type SurveyAnswersTable = {
  tenant_id: string;
  survey_id: string;
  response_id: string;
  /** The response's stratum, repeated (kept equal by repo/responses.ts) so aggregating needs no join. */
  area_id: ColumnType<string | null, string | null | undefined, string | null>;
  age_group: ColumnType<string | null, string | null | undefined, string | null>;
  sex: ColumnType<string | null, string | null | undefined, string | null>;
  item_key: string;
  option_key: string | null;
  value_num: number | null;
  value_text: string | null;
  created_at: DateCol;
  updated_at: DateCol;
};

export type SurveyResultCellsTable = {
  tenant_id: string;
  survey_id: string;
  area_id: string | null;
  age_group: string | null;
  sex: string | null;
  item_key: string;
  option_key: string | null;
  n: number;
  sum_num: number | null;
  sumsq_num: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SurveyResultStrataTable = {
  tenant_id: string;
  survey_id: string;
  area_id: string | null;
  age_group: string | null;
  sex: string | null;
  responses: number;
  complete: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SurveyImportsTable = {
  id: Generated<string>;
  tenant_id: string;
  kind: ImportKind;
  filename: string;
  source: ColumnType<string, string | undefined, string>;
  row_count: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SurveyOfficialResultsTable = {
  id: Generated<string>;
  tenant_id: string;
  import_id: string;
  year: number;
  area_id: string | null;
  item_key: string;
  index_value: number | null;
  share: number | null;
  n: number | null;
  colour: Colour | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SurveyCrimeStatsTable = {
  id: Generated<string>;
  tenant_id: string;
  import_id: string;
  year: number;
  area_id: string | null;
  category: string;
  count: number;
  per_100k: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SurveyIndicatorsTable = {
  id: Generated<string>;
  tenant_id: string;
  promise_lineage_id: string;
  item_key: string;
  area_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SurveysTables = {
  survey_definitions: SurveyDefinitionsTable;
  surveys: SurveysTable;
  survey_document_events: SurveyDocumentEventsTable;
  survey_codes: SurveyCodesTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  survey_result_cells: SurveyResultCellsTable;
  survey_result_strata: SurveyResultStrataTable;
  survey_imports: SurveyImportsTable;
  survey_official_results: SurveyOfficialResultsTable;
  survey_crime_stats: SurveyCrimeStatsTable;
  survey_indicators: SurveyIndicatorsTable;
};

declare module "../../platform/db/schema.ts" {
  interface DB extends SurveysTables {}
}
