// SQL of the analysis module. Every function takes the database, then the tenant id, and every
// query filters by tenant_id: another tenant's run or dataset simply does not exist.
import type { Kysely } from "kysely";
import type { DB, GeoJSONGeometry } from "../../platform/db/schema.ts";
import type { ClassCounts, EmergingResults, HotspotResults, InputReport, RunAssessment, RunParameters, RunSource, RunStatus, RunTimings } from "./tables.ts";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

export type RunRow = {
  id: string;
  tenant_id: string;
  status: RunStatus;
  source: RunSource;
  dataset_id: string | null;
  label: string;
  parameters: RunParameters;
  input_report: InputReport;
  counts: ClassCounts | Record<string, never>;
  timings: RunTimings | Record<string, never>;
  assessment: RunAssessment | null;
  results: HotspotResults | null;
  emerging: EmergingResults | null;
  error: string | null;
  created_by: string | null;
  created_by_name: string | null;
  finished_at: Date | null;
  created_at: Date;
};

export type RunSummary = Omit<RunRow, "results" | "emerging">;

const summaryColumns = [
  "r.id",
  "r.tenant_id",
  "r.status",
  "r.source",
  "r.dataset_id",
  "r.label",
  "r.parameters",
  "r.input_report",
  "r.counts",
  "r.timings",
  "r.assessment",
  "r.error",
  "r.created_by",
  "u.name as created_by_name",
  "r.finished_at",
  "r.created_at",
] as const;

export async function findRun(db: Kysely<DB>, tenantId: string, id: string): Promise<RunRow | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .selectFrom("analysis_runs as r")
    .leftJoin("users as u", "u.id", "r.created_by")
    .select([...summaryColumns, "r.results", "r.emerging"])
    .where("r.tenant_id", "=", tenantId)
    .where("r.id", "=", id)
    .executeTakeFirst();
  return row as RunRow | undefined;
}

export async function listRuns(db: Kysely<DB>, tenantId: string, limit = 20): Promise<RunSummary[]> {
  const rows = await db
    .selectFrom("analysis_runs as r")
    .leftJoin("users as u", "u.id", "r.created_by")
    .select([...summaryColumns])
    .where("r.tenant_id", "=", tenantId)
    .orderBy("r.created_at", "desc")
    .orderBy("r.id")
    .limit(limit)
    .execute();
  return rows as RunSummary[];
}

export async function insertRun(
  db: Kysely<DB>,
  tenantId: string,
  r: { id?: string; source: RunSource; datasetId: string | null; label: string; parameters: RunParameters; inputReport: InputReport; createdBy: string | null },
): Promise<string> {
  const row = await db
    .insertInto("analysis_runs")
    .values({
      ...(r.id ? { id: r.id } : {}),
      tenant_id: tenantId,
      status: "running",
      source: r.source,
      dataset_id: r.datasetId,
      label: r.label,
      parameters: JSON.stringify(r.parameters),
      input_report: JSON.stringify(r.inputReport),
      created_by: r.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function completeRun(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  r: {
    inputReport: InputReport;
    counts: ClassCounts;
    timings: RunTimings;
    results: HotspotResults;
    emerging: EmergingResults | null;
    assessment: RunAssessment;
  },
): Promise<void> {
  await db
    .updateTable("analysis_runs")
    .set({
      status: "done",
      input_report: JSON.stringify(r.inputReport),
      counts: JSON.stringify(r.counts),
      timings: JSON.stringify(r.timings),
      results: JSON.stringify(r.results),
      emerging: r.emerging ? JSON.stringify(r.emerging) : null,
      assessment: JSON.stringify(r.assessment),
      finished_at: new Date(),
      updated_at: new Date(),
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

export async function failRun(db: Kysely<DB>, tenantId: string, id: string, error: string, timings: RunTimings): Promise<void> {
  await db
    .updateTable("analysis_runs")
    .set({ status: "failed", error, timings: JSON.stringify(timings), finished_at: new Date(), updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

export type DatasetRow = {
  id: string;
  file_id: string;
  filename: string;
  size_bytes: number;
  row_count: number;
  has_ts: boolean;
  categories: string[];
  created_at: Date;
  storage_key: string;
};

export async function findDataset(db: Kysely<DB>, tenantId: string, id: string): Promise<DatasetRow | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .selectFrom("analysis_datasets as d")
    .innerJoin("files as f", (j) => j.onRef("f.id", "=", "d.file_id").onRef("f.tenant_id", "=", "d.tenant_id"))
    .select(["d.id", "d.file_id", "d.filename", "d.size_bytes", "d.row_count", "d.has_ts", "d.categories", "d.created_at", "f.storage_key"])
    .where("d.tenant_id", "=", tenantId)
    .where("d.id", "=", id)
    .executeTakeFirst();
  return row ? { ...row, size_bytes: Number(row.size_bytes) } : undefined;
}

export async function listDatasets(db: Kysely<DB>, tenantId: string, limit = 20): Promise<DatasetRow[]> {
  const rows = await db
    .selectFrom("analysis_datasets as d")
    .innerJoin("files as f", (j) => j.onRef("f.id", "=", "d.file_id").onRef("f.tenant_id", "=", "d.tenant_id"))
    .select(["d.id", "d.file_id", "d.filename", "d.size_bytes", "d.row_count", "d.has_ts", "d.categories", "d.created_at", "f.storage_key"])
    .where("d.tenant_id", "=", tenantId)
    .orderBy("d.created_at", "desc")
    .orderBy("d.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
}

export async function insertDataset(
  db: Kysely<DB>,
  tenantId: string,
  d: { storageKey: string; filename: string; size: number; sha256: string; rowCount: number; hasTs: boolean; categories: string[]; createdBy: string | null },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const file = await trx
      .insertInto("files")
      .values({
        tenant_id: tenantId,
        storage_key: d.storageKey,
        filename: d.filename,
        content_type: "text/csv",
        size_bytes: d.size,
        sha256: d.sha256,
        created_by: d.createdBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("analysis_datasets")
      .values({
        tenant_id: tenantId,
        file_id: file.id,
        filename: d.filename,
        size_bytes: d.size,
        row_count: d.rowCount,
        has_ts: d.hasTs,
        categories: JSON.stringify(d.categories),
        created_by: d.createdBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** The tenant's municipal boundary (GeoJSON, WGS84), or null. */
export async function findBoundary(db: Kysely<DB>, tenantId: string): Promise<GeoJSONGeometry | null> {
  const r = await db.selectFrom("tenants").select("boundary").where("id", "=", tenantId).executeTakeFirst();
  return (r?.boundary as GeoJSONGeometry | null) ?? null;
}

/** Record a deliberate export (offentlighetsprincipen: exports are logged). */
export async function logExport(db: Kysely<DB>, tenantId: string, actorId: string | null, runId: string, what: string): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({ tenant_id: tenantId, actor_id: actorId, action: "export", entity: "analysis_run", entity_id: runId, data: JSON.stringify({ what }) })
    .execute();
}
