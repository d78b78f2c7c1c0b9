// Use cases of the analysis module. They return named outcomes for expected results (no
// boundary, too fine a grid, an analysis the engine refuses) and throw only on real faults.
//
// runHotspotAnalysis is the one path for the page, the API and the demo: it records the run as
// 'running', computes with the same engine in a worker thread (computeHotspotsInWorker /
// computeEmergingHotspotsInWorker; only tiny inputs run inline), then stores the significant
// cells and the report. While the worker computes, the event loop keeps serving requests.
import { EventEmitter } from "node:events";
import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import {
  AnalysisError,
  computeEmergingHotspots,
  computeEmergingHotspotsInWorker,
  computeHotspots,
  computeHotspotsInWorker,
  type EmergingResult,
  type HotspotResult,
  type Rings,
  ringsBounds,
  ringsFromGeoJson,
} from "../../analysis/index.ts";
import type { DB } from "../../platform/db/schema.ts";
import type { Storage } from "../../platform/storage/storage.ts";
import { assessHotspots } from "./assessment.ts";
import { filterByCategory, type ParsedIncidents, parseIncidents, readHeader } from "./csv.ts";
import { completeRun, failRun, findBoundary, findDataset, insertDataset, insertRun } from "./repo.ts";
import { classCounts, compactEmerging, compactHotspots, mergeSkipped } from "./results.ts";
import type { RunLiveness } from "./stale.ts";
import type { EmergingResults, InputReport, RunParameters, RunSource, RunTimings } from "./tables.ts";

/** Up to this many points are computed on the request thread (≈ 1–3 ms); anything larger goes to a worker. */
export const INLINE_MAX_POINTS = 5_000;
/** A boundary analysis may cover at most this many cells (the whole municipality, zeros included). */
export const MAX_BOUNDARY_CELLS = 2_000_000;
/** Upload limit of the CSV form. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Progress of runs: "computing" just before the computation is handed to the engine, "computed"
 * when its result is back (both with { runId, points }). Used by logs and by the test that proves
 * a big computation does not block requests.
 */
export const analysisEvents = new EventEmitter();

export type Points = {
  lat: Float64Array;
  lon: Float64Array;
  weight?: Float64Array;
  /** Stockholm local day numbers (NaN = unknown), for the emerging analysis. */
  day?: Float64Array;
};

export type RunRequest = {
  source: RunSource;
  datasetId: string | null;
  label: string;
  parameters: RunParameters;
  points: Points;
  /** Position reported for skipped point i: its line in the CSV, or its index in the API body. */
  position: (i: number) => number;
  /** What reading the input already found. */
  read: { rows: number; filtered: number; bad: { count: number; first: number[] } };
  parseMs?: number;
};

export type RunOutcome =
  | { kind: "ok"; runId: string }
  | { kind: "noBoundary" }
  | { kind: "boundaryTooFine"; minCellSize: number }
  | { kind: "noTimestamps" }
  | { kind: "noPoints" }
  | { kind: "analysisFailed"; runId: string; message: string };

const now = (): number => performance.now();
const ms = (x: number): number => Math.round(x * 10) / 10;

async function boundaryRings(db: Kysely<DB>, tenantId: string): Promise<Rings | null> {
  const geometry = await findBoundary(db, tenantId);
  if (!geometry) return null;
  try {
    return ringsFromGeoJson(geometry, "wgs84");
  } catch {
    return null;
  }
}

/** Smallest whole-metre cell size that keeps the boundary's grid within MAX_BOUNDARY_CELLS. */
function minCellForBoundary(rings: Rings): number {
  const b = ringsBounds(rings);
  const area = Math.max(0, b.maxX - b.minX) * Math.max(0, b.maxY - b.minY);
  return Math.ceil(Math.sqrt(area / MAX_BOUNDARY_CELLS));
}

function hotspotsOf(points: Points, parameters: RunParameters, boundary: Rings | undefined, inline: boolean, transfer: boolean): Promise<HotspotResult> {
  const input = points.weight ? { lat: points.lat, lon: points.lon, weight: points.weight } : { lat: points.lat, lon: points.lon };
  const options = {
    cellSize: parameters.cellSize,
    band: parameters.band,
    statistic: parameters.statistic,
    classifyBy: parameters.classifyBy,
    ...(boundary ? { boundary } : {}),
  };
  if (inline) return Promise.resolve().then(() => computeHotspots(input, options));
  return computeHotspotsInWorker(input, options, { transfer });
}

function emergingOf(points: Points, parameters: RunParameters, boundary: Rings | undefined, inline: boolean): Promise<EmergingResult> {
  const input = { lat: points.lat, lon: points.lon, day: points.day!, ...(points.weight ? { weight: points.weight } : {}) };
  const options = { cellSize: parameters.cellSize, band: parameters.band, ...(boundary ? { boundary } : {}) };
  if (inline) return Promise.resolve().then(() => computeEmergingHotspots(input, options));
  return computeEmergingHotspotsInWorker(input, options);
}

/** Compute and store one hot spot run (see module comment). */
export async function runHotspotAnalysis(
  db: Kysely<DB>,
  tenantId: string,
  createdBy: string | null,
  req: RunRequest,
  opts: { runId?: string; liveness?: RunLiveness } = {},
): Promise<RunOutcome> {
  const { parameters, points } = req;
  const n = points.lat.length;
  if (n === 0) return { kind: "noPoints" };
  if (parameters.emerging && !points.day) return { kind: "noTimestamps" };
  let boundary: Rings | undefined;
  if (parameters.boundaryOnly) {
    const rings = await boundaryRings(db, tenantId);
    if (!rings) return { kind: "noBoundary" };
    const minCellSize = minCellForBoundary(rings);
    if (parameters.cellSize < minCellSize) return { kind: "boundaryTooFine", minCellSize };
    boundary = rings;
  }
  const report: InputReport = {
    rows: req.read.rows,
    used: 0,
    filtered: req.read.filtered,
    outside: 0,
    skipped: { count: req.read.bad.count, first: req.read.bad.first, badRows: req.read.bad.count, badCoordinates: 0, badTimestamps: 0 },
  };
  const inline = n <= INLINE_MAX_POINTS;
  const timings: RunTimings = { executor: inline ? "inline" : "worker" };
  if (req.parseMs !== undefined) timings.parse = ms(req.parseMs);
  // While the run is 'running', its liveness lock is held (on PostgreSQL), taken before the row
  // exists: a process that dies leaves a run every instance can tell is interrupted (stale.ts).
  const runId = opts.runId ?? randomUUID();
  const held = await opts.liveness?.hold(runId);
  try {
    await insertRun(db, tenantId, {
      id: runId,
      source: req.source,
      datasetId: req.datasetId,
      label: req.label,
      parameters,
      inputReport: report,
      createdBy,
    });
    return await computeAndStore(db, tenantId, runId, req, report, timings, boundary, inline);
  } finally {
    await held?.release();
  }
}

async function computeAndStore(
  db: Kysely<DB>,
  tenantId: string,
  runId: string,
  req: RunRequest,
  report: InputReport,
  timings: RunTimings,
  boundary: Rings | undefined,
  inline: boolean,
): Promise<RunOutcome> {
  const { parameters, points } = req;
  const n = points.lat.length;
  analysisEvents.emit("computing", { runId, points: n });
  const t0 = now();
  let hot: HotspotResult;
  let emerging: EmergingResult | null = null;
  try {
    // Both analyses at once when asked for (the pool has two workers); the hot spot input is
    // transferred to its worker only when nothing else needs it.
    const wantEmerging = parameters.emerging && points.day !== undefined;
    const jobs = await Promise.all([
      hotspotsOf(points, parameters, boundary, inline, !wantEmerging),
      wantEmerging ? emergingOf(points, parameters, boundary, inline).then((r) => ({ r, at: now() })) : Promise.resolve(null),
    ]);
    hot = jobs[0];
    if (jobs[1]) {
      emerging = jobs[1].r;
      timings.emerging = ms(jobs[1].at - t0);
    }
  } catch (e) {
    timings.wall = ms(now() - t0);
    analysisEvents.emit("computed", { runId, points: n });
    if (e instanceof AnalysisError || e instanceof RangeError) {
      await failRun(db, tenantId, runId, e.message, timings);
      return { kind: "analysisFailed", runId, message: e.message };
    }
    await failRun(db, tenantId, runId, "internt fel", timings);
    throw e;
  }
  const wall = now() - t0;
  analysisEvents.emit("computed", { runId, points: n });

  const t1 = now();
  report.used = hot.points - hot.outside;
  report.outside = hot.outside;
  const skipped = mergeSkipped(req.read.bad, hot.skipped, req.position);
  report.skipped = {
    count: skipped.count,
    first: skipped.first,
    badRows: req.read.bad.count,
    badCoordinates: hot.skipped.count,
    badTimestamps: emerging ? Math.max(0, emerging.skipped.count - hot.skipped.count) : 0,
  };
  // The classes people see: none when the data are too sparse, never a cell without incidents.
  const { classes, assessment } = assessHotspots(hot);
  const results = compactHotspots({ ...hot, classes });
  // Weekly bins are sparser still: no emerging patterns when the whole period is too sparse.
  const emergingResults: EmergingResults | null = emerging && assessment.sparse === null ? compactEmerging(emerging) : null;
  Object.assign(timings, {
    project: ms(hot.timings.project),
    bin: ms(hot.timings.bin),
    nb: ms(hot.timings.nb),
    gistar: ms(hot.timings.gistar),
    engine: ms(hot.timings.total),
    wall: ms(wall),
  });
  timings.store = ms(now() - t1);
  await completeRun(db, tenantId, runId, { inputReport: report, counts: classCounts(classes), timings, results, emerging: emergingResults, assessment });
  return { kind: "ok", runId };
}

// ── Uploaded incident sets ─────────────────────────────────────────────────────────────────

export type Upload = { filename: string; data: Buffer; truncated: boolean };

export type DatasetOutcome =
  | { kind: "ok"; datasetId: string; incidents: ParsedIncidents; parseMs: number; filename: string }
  | { kind: "tooLarge" }
  | { kind: "empty" }
  | { kind: "notText" }
  | { kind: "missingColumns"; found: string[] }
  | { kind: "noRows" };

/** Decode and parse a CSV; a file that is not UTF-8 text, has no lat/lon header or no rows is refused. */
async function readCsv(data: Buffer): Promise<{ kind: "ok"; incidents: ParsedIncidents; parseMs: number } | Exclude<DatasetOutcome, { kind: "ok" }>> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return { kind: "notText" };
  }
  if (text.includes("\u0000")) return { kind: "notText" };
  const header = readHeader(text);
  if (header.kind === "empty") return { kind: "empty" };
  if (header.kind === "missingColumns") return { kind: "missingColumns", found: header.found };
  const t0 = now();
  const incidents = await parseIncidents(text, header.header);
  const parseMs = now() - t0;
  if (incidents.rows === 0) return { kind: "noRows" };
  return { kind: "ok", incidents, parseMs };
}

/** Store an uploaded CSV as one of the tenant's incident sets (after checking it can be read). */
export async function saveDataset(db: Kysely<DB>, storage: Storage, tenantId: string, createdBy: string | null, upload: Upload): Promise<DatasetOutcome> {
  if (upload.truncated || upload.data.length > MAX_UPLOAD_BYTES) return { kind: "tooLarge" };
  if (upload.data.length === 0) return { kind: "empty" };
  const read = await readCsv(upload.data);
  if (read.kind !== "ok") return read;
  const filename = upload.filename.replace(/[\u0000-\u001f]/g, "").slice(0, 200) || "incidents.csv";
  const storageKey = `${tenantId}/analysis/${randomUUID()}.csv`;
  const put = await storage.put(storageKey, upload.data, "text/csv");
  const datasetId = await insertDataset(db, tenantId, {
    storageKey,
    filename,
    size: put.size,
    sha256: put.sha256 || createHash("sha256").update(upload.data).digest("hex"),
    rowCount: read.incidents.rows,
    hasTs: read.incidents.hasTs,
    categories: read.incidents.categories,
    createdBy,
  });
  return { kind: "ok", datasetId, incidents: read.incidents, parseMs: read.parseMs, filename };
}

/** Read one of the tenant's stored incident sets. */
export async function loadDataset(
  db: Kysely<DB>,
  storage: Storage,
  tenantId: string,
  datasetId: string,
): Promise<DatasetOutcome | { kind: "notFound" } | { kind: "gone" }> {
  const row = await findDataset(db, tenantId, datasetId);
  if (!row) return { kind: "notFound" };
  const data = await storage.get(row.storage_key);
  if (!data) return { kind: "gone" };
  const read = await readCsv(data);
  if (read.kind !== "ok") return read;
  return { kind: "ok", datasetId: row.id, incidents: read.incidents, parseMs: read.parseMs, filename: row.filename };
}

/** Run request for parsed CSV incidents (category filter applied here). */
export function csvRunRequest(
  incidents: ParsedIncidents,
  parameters: RunParameters,
  source: { source: RunSource; datasetId: string; label: string; parseMs: number },
): { kind: "ok"; request: RunRequest } | { kind: "noCategoryColumn" } | { kind: "noMatchingCategory"; available: string[] } {
  if (parameters.categories.length > 0 && !incidents.category) return { kind: "noCategoryColumn" };
  const { incidents: kept, filtered } = filterByCategory(incidents, parameters.categories);
  if (parameters.categories.length > 0 && kept.lat.length === 0) return { kind: "noMatchingCategory", available: incidents.categories };
  const points: Points = { lat: kept.lat, lon: kept.lon };
  if (kept.weight) points.weight = kept.weight;
  if (kept.day) points.day = kept.day;
  const line = kept.line;
  return {
    kind: "ok",
    request: {
      source: source.source,
      datasetId: source.datasetId,
      label: source.label,
      parameters,
      points,
      position: (i) => line[i] as number,
      read: { rows: incidents.rows, filtered, bad: incidents.bad },
      parseMs: source.parseMs,
    },
  };
}
