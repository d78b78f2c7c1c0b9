// Kysely table types of the analysis module (migrations/0200_analysis.sql), merged into DB in
// src/platform/db/schema.ts by interface merging.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export const RUN_STATUSES = ["running", "done", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_SOURCES = ["upload", "dataset", "api"] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

/** Parameters of a run, as asked for. */
export type RunParameters = {
  cellSize: number;
  band: number;
  boundaryOnly: boolean;
  /** Category filter (empty = all). */
  categories: string[];
  /** Emerging hot spots asked for. */
  emerging: boolean;
  statistic: "gistar";
  /** Classes from FDR q-values (default) or from uncorrected p-values (as ArcGIS without FDR). */
  classifyBy: ClassifyBy;
};

export const CLASSIFY_BY = ["q", "p"] as const;
export type ClassifyBy = (typeof CLASSIFY_BY)[number];

export const SPARSE_REASONS = ["fewCells", "fewEvents", "noVariation"] as const;
export type SparseReason = (typeof SPARSE_REASONS)[number];

/** What a run says about its own data (assessment.ts). */
export type RunAssessment = {
  /** Incidents in the analysed cells. */
  events: number;
  /** Analysed cells holding at least one incident. */
  cellsWithEvents: number;
  /** events / cellsWithEvents. */
  eventsPerCell: number;
  /** Cells without incidents that Gi* called hot (their neighbourhood holds a concentration); not shown. */
  emptyNearHot: number;
  /** Cells without incidents that Gi* called cold; not shown. */
  emptyCold: number;
  /** Why no cell was classified, or null when the data allow classes. */
  sparse: SparseReason | null;
};

/** What was read: rows, used points, filtered by category, skipped with line numbers (or API indices). */
export type InputReport = {
  rows: number;
  used: number;
  filtered: number;
  outside: number;
  skipped: { count: number; first: number[]; badRows: number; badCoordinates: number; badTimestamps: number };
};

/** Cells per class. */
export type ClassCounts = { cells: number; hot99: number; hot95: number; hot90: number; ns: number; cold90: number; cold95: number; cold99: number };

/** Step timings in milliseconds. */
export type RunTimings = {
  executor: "worker" | "inline";
  parse?: number;
  project?: number;
  bin?: number;
  nb?: number;
  gistar?: number;
  engine?: number;
  wall?: number;
  emerging?: number;
  store?: number;
};

/** Significant cells, column-wise (compact JSON). */
export type HotspotCells = { ix: number[]; iy: number[]; count: number[]; z: number[]; p: number[]; q: number[]; cls: number[] };
export type HotspotResults = { cells: HotspotCells; truncated: boolean };

/** Locations with an emerging pattern other than "none", column-wise. */
export type EmergingCells = { ix: number[]; iy: number[]; count: number[]; pattern: string[]; hot: number[]; cold: number[]; tau: number[]; trendP: number[] };
export type EmergingResults = { weeks: number; firstWeek: string; lastWeek: string; locations: number; cells: EmergingCells; truncated: boolean };

export type AnalysisDatasetsTable = {
  id: Generated<string>;
  tenant_id: string;
  file_id: string;
  filename: string;
  size_bytes: ColumnType<number, number, number>;
  row_count: number;
  has_ts: ColumnType<boolean, boolean | undefined, boolean>;
  categories: Json<string[]>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AnalysisRunsTable = {
  id: Generated<string>;
  tenant_id: string;
  kind: ColumnType<"hotspots", "hotspots" | undefined, "hotspots">;
  status: ColumnType<RunStatus, RunStatus | undefined, RunStatus>;
  source: RunSource;
  dataset_id: string | null;
  label: ColumnType<string, string | undefined, string>;
  parameters: Json<RunParameters>;
  input_report: Json<InputReport>;
  counts: Json<ClassCounts | Record<string, never>>;
  timings: Json<RunTimings | Record<string, never>>;
  results: Json<HotspotResults | null> | null;
  emerging: Json<EmergingResults | null> | null;
  assessment: Json<RunAssessment | null> | null;
  /** Why the run failed: the engine's message, or INTERRUPTED_RUN when its process died. */
  error: string | null;
  created_by: string | null;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AnalysisTables = {
  analysis_datasets: AnalysisDatasetsTable;
  analysis_runs: AnalysisRunsTable;
};

// Join the platform's DB type (see src/platform/db/schema.ts).
declare module "../../platform/db/schema.ts" {
  interface DB extends AnalysisTables {}
}
