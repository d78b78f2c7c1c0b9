/**
 * Parallel loading of an incident CSV file into grid cells.
 *
 * The data part of the file is cut into segments of `segmentBytes` (16 MiB). The main thread and
 * one worker thread (load-worker.ts) claim segments from a shared atomic counter until none are
 * left, each binning its rows with its own chunked reader, parser, projection and cell
 * accumulator (bin-file-range.ts); the two row-major cell lists are then merged. Dynamic claiming
 * balances the threads by itself: the main thread starts at once while the worker boots
 * (≈ 30–80 ms), and on a busy machine the thread on the less loaded core simply takes more
 * segments. A small file is finished by the main thread before the worker has booted.
 *
 * A segment owns the rows that start in its byte range: it begins one past the first '\n' at or
 * after its nominal start. Quoted fields may contain newlines, so that is a row start only if the
 * quotes before it are balanced. Each segment's parse reports where its last row ended; the
 * segments chain correctly iff every segment ends exactly where the next one begins (by induction
 * from segment 0, which starts after the header). If any does not — a quoted newline right at a
 * segment start — all parallel work is discarded and the file is read again on the main thread
 * alone: correct, only slower.
 *
 * Line numbers in reports are absolute: each segment counts its own lines, and the counts are
 * added up in segment order at the end.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { parseCsvHeader, RowParser, type RowColumns } from "../csv-scan.ts";
import { CellAccumulator, type GridCells, mergeCells } from "../grid.ts";
import type { HotspotResult } from "../hotspots.ts";
import { emptySkipped, SKIPPED_KEEP, type SkippedPoints } from "../points.ts";
import { binFileRange, type CoordinateKind, type PhaseTimes, rowStartAtOrAfter, zeroPhases } from "./bin-file-range.ts";

export interface LoadWorkerInput {
  file: string;
  fileSize: number;
  dataStart: number;
  segmentBytes: number;
  segments: number;
  /** Int32Array on a SharedArrayBuffer: [0] = next segment to claim, [1] = 1 once the worker runs. */
  counter: SharedArrayBuffer;
  cols: RowColumns;
  delimiter: number;
  kind: CoordinateKind;
  cellSize: number;
  weighted: boolean;
}

/** What one segment's parse found (line numbers relative to the segment's first line = 0). */
export interface SegmentReport {
  index: number;
  start: number;
  consumed: number;
  lines: number;
  rows: number;
  bad: SkippedPoints;
  short: SkippedPoints;
  outOfRange: SkippedPoints;
}

export interface LoadWorkerOutput {
  segments: SegmentReport[];
  times: PhaseTimes;
  cells: GridCells;
}

/** A slice of a hot spot result sent to the loader thread for formatting. */
export interface FormatJob {
  result: Pick<HotspotResult, "cellSize" | "ix" | "iy" | "count" | "sum" | "neighbours" | "z" | "p" | "q" | "classes">;
}

/** The loader's worker thread, kept alive to help format the output. */
export interface LoaderHelper {
  /** Format rows [from, to) of the hot spot table in the worker; resolves to the bytes. */
  formatHotspotRows(result: HotspotResult, from: number, to: number): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

/** Result of {@link loadIncidentCells}. */
export interface LoadedCells {
  cells: GridCells;
  /** Rows binned. */
  rows: number;
  /** Rows skipped: unparsable coordinate/weight/timestamp, missing fields, coordinates out of range. */
  unparsable: SkippedPoints;
  missingFields: SkippedPoints;
  outOfRange: SkippedPoints;
  /** Busy time per phase, averaged over the threads that worked (ms), and the threads used. */
  times: PhaseTimes;
  threads: number;
  /** Segments read by the main thread and by the worker. */
  segmentsMain: number;
  segmentsWorker: number;
  /** Wall time of the parallel phase and of the merge (ms). */
  wall: number;
  merge: number;
  /** When the main thread finished its segments, and when the worker's result arrived (ms). */
  mainDone: number;
  workerDone: number;
  /** Present with `keepWorker` when a worker thread was used; call close() when done. */
  helper?: LoaderHelper;
}

export interface LoadOptions {
  file: string;
  cols: RowColumns;
  delimiter: number;
  dataStart: number;
  kind: CoordinateKind;
  cellSize: number;
  weighted: boolean;
  /** Use a worker thread for files of at least this many bytes (default 24 MiB). */
  parallelMin?: number;
  /** Segment size in bytes (default 16 MiB). */
  segmentBytes?: number;
  /** Keep the worker thread for {@link LoaderHelper} (default false: terminate it). */
  keepWorker?: boolean;
  /** Tests: let the main thread start only once the worker runs, so both read segments. */
  awaitWorker?: boolean;
}

/** Header of a CSV file (reads at most the first MiB). */
export function readCsvHeader(file: string): ReturnType<typeof parseCsvHeader> & { fileSize: number } {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(Math.min(size, 1 << 20) + 1);
    const got = readSync(fd, buf, 0, buf.length - 1, 0);
    const h = parseCsvHeader(buf, got, got >= size);
    if (!h) throw new RangeError("rubrikraden är längre än 1 MiB");
    return { ...h, fileSize: size };
  } finally {
    closeSync(fd);
  }
}

/** Start of segment k (a row start, assuming balanced quotes; see module comment). */
function segmentStart(fd: number, k: number, dataStart: number, segmentBytes: number, size: number): number {
  return k === 0 ? dataStart : rowStartAtOrAfter(fd, dataStart + k * segmentBytes, size);
}

/**
 * Claim segments from `counter` and bin them into `acc` until none are left. Used by the main
 * thread and by the worker.
 */
export function binSegments(
  fd: number,
  o: {
    fileSize: number;
    dataStart: number;
    segmentBytes: number;
    segments: number;
    cols: RowColumns;
    delimiter: number;
    kind: CoordinateKind;
    weighted: boolean;
  },
  counter: Int32Array,
  acc: CellAccumulator,
  times: PhaseTimes,
): SegmentReport[] {
  const out: SegmentReport[] = [];
  for (;;) {
    const k = Atomics.add(counter, 0, 1);
    if (k >= o.segments) break;
    const start = segmentStart(fd, k, o.dataStart, o.segmentBytes, o.fileSize);
    const end = k + 1 < o.segments ? segmentStart(fd, k + 1, o.dataStart, o.segmentBytes, o.fileSize) : o.fileSize;
    const parser = new RowParser(o.cols, o.delimiter, 0);
    const outOfRange = emptySkipped();
    const r = start < end ? binFileRange(fd, start, end, parser, o.kind, o.weighted, acc, outOfRange, times) : { consumed: end, rows: 0 };
    out.push({
      index: k,
      start,
      consumed: r.consumed,
      lines: parser.line,
      rows: r.rows,
      bad: parser.bad,
      short: parser.short,
      outOfRange,
    });
  }
  return out;
}

function addSkipped(into: SkippedPoints, s: SkippedPoints, offset: number): void {
  into.count += s.count;
  for (const l of s.first) if (into.first.length < SKIPPED_KEEP) into.first.push(l + offset);
}

/** Load and bin the incidents of a file (see module comment). */
export async function loadIncidentCells(o: LoadOptions): Promise<LoadedCells> {
  const t0 = performance.now();
  const fd = openSync(o.file, "r");
  try {
    const size = fstatSync(fd).size;
    const dataBytes = Math.max(0, size - o.dataStart);
    const parallel = dataBytes >= (o.parallelMin ?? 24 << 20);
    const segmentBytes = o.segmentBytes ?? 16 << 20;
    const segments = Math.max(1, Math.ceil(dataBytes / segmentBytes));
    const counterBuf = new SharedArrayBuffer(8);
    const counter = new Int32Array(counterBuf);
    let worker: Worker | undefined;
    let workerResult: Promise<LoadWorkerOutput> | undefined;
    if (parallel) {
      const input: LoadWorkerInput = {
        file: o.file,
        fileSize: size,
        dataStart: o.dataStart,
        segmentBytes,
        segments,
        counter: counterBuf,
        cols: o.cols,
        delimiter: o.delimiter,
        kind: o.kind,
        cellSize: o.cellSize,
        weighted: o.weighted,
      };
      const w = new Worker(new URL("./load-worker.ts", import.meta.url), { workerData: input });
      worker = w;
      workerResult = new Promise<LoadWorkerOutput>((resolve, reject) => {
        w.once("message", (m: LoadWorkerOutput) => resolve(m));
        w.once("error", reject);
        w.once("exit", (code) => {
          if (code !== 0) reject(new Error(`läsartråden avslutades med kod ${code}`));
        });
      });
      workerResult.catch(() => undefined); // awaited below, or abandoned with the worker
    }
    const segOpts = {
      fileSize: size,
      dataStart: o.dataStart,
      segmentBytes,
      segments,
      cols: o.cols,
      delimiter: o.delimiter,
      kind: o.kind,
      weighted: o.weighted,
    };
    const acc = new CellAccumulator(o.cellSize, o.weighted);
    const times = zeroPhases();
    if (worker && o.awaitWorker) Atomics.wait(counter, 1, 0, 10_000);
    const mine = binSegments(fd, segOpts, counter, acc, times);
    const mainDone = performance.now() - t0;
    let cells = acc.result();
    let reports = mine;
    let threads = 1;
    let workerDone = 0;
    let merge = 0;
    let total = { ...times };
    let segmentsWorker = 0;
    if (worker && workerResult) {
      const w = await workerResult;
      workerDone = performance.now() - t0;
      reports = [...mine, ...w.segments];
      segmentsWorker = w.segments.length;
      if (segmentsWorker > 0) {
        const tm = performance.now();
        cells = mergeCells(cells, w.cells);
        merge = performance.now() - tm;
        threads = 2;
        total = {
          read: (times.read + w.times.read) / 2,
          parse: (times.parse + w.times.parse) / 2,
          project: (times.project + w.times.project) / 2,
          bin: (times.bin + w.times.bin) / 2,
        };
      }
    }
    reports.sort((a, b) => a.index - b.index);
    const chained = reports.every((r, k) => r.index === k && r.consumed === (k + 1 < reports.length ? reports[k + 1].start : size));
    if (!chained) {
      // A segment started inside a quoted field: read the whole file again, sequentially.
      if (worker) await worker.terminate();
      worker = undefined;
      const seqAcc = new CellAccumulator(o.cellSize, o.weighted);
      const seqTimes = zeroPhases();
      const one = new Int32Array(1);
      reports = binSegments(fd, { ...segOpts, segmentBytes: dataBytes + 1, segments: 1 }, one, seqAcc, seqTimes);
      if (reports[0].consumed !== size) throw new RangeError("ett citerat fält avslutas aldrig före filens slut");
      cells = seqAcc.result();
      total = seqTimes;
      threads = 1;
    }
    const unparsable = emptySkipped();
    const missingFields = emptySkipped();
    const outOfRange = emptySkipped();
    let line = 2; // the header is line 1
    let rows = 0;
    for (const r of reports) {
      addSkipped(unparsable, r.bad, line);
      addSkipped(missingFields, r.short, line);
      addSkipped(outOfRange, r.outOfRange, line);
      rows += r.rows;
      line += r.lines;
    }
    let helper: LoaderHelper | undefined;
    if (worker) {
      if (o.keepWorker && threads === 2) helper = makeHelper(worker);
      else await worker.terminate();
    }
    return {
      cells,
      rows,
      unparsable,
      missingFields,
      outOfRange,
      times: total,
      threads,
      segmentsMain: chained ? mine.length : reports.length,
      segmentsWorker: chained ? segmentsWorker : 0,
      wall: performance.now() - t0,
      merge,
      mainDone,
      workerDone,
      helper,
    };
  } finally {
    closeSync(fd);
  }
}

function makeHelper(worker: Worker): LoaderHelper {
  return {
    formatHotspotRows(result, from, to) {
      // slice(), not subarray(): postMessage clones a view's whole underlying buffer.
      const slice = <T extends { slice(a: number, b: number): T }>(a: T): T => a.slice(from, to);
      const job: FormatJob = {
        result: {
          cellSize: result.cellSize,
          ix: slice(result.ix),
          iy: slice(result.iy),
          count: slice(result.count),
          sum: result.sum ? slice(result.sum) : undefined,
          neighbours: slice(result.neighbours),
          z: slice(result.z),
          p: slice(result.p),
          q: slice(result.q),
          classes: slice(result.classes),
        },
      };
      return new Promise((resolve, reject) => {
        worker.once("message", (m: { chunks: Uint8Array[] }) => resolve(m.chunks));
        worker.once("error", reject);
        worker.postMessage(job);
      });
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
