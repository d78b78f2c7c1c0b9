/**
 * Parallel loading of an incident CSV file into grid cells.
 *
 * The file is split in two byte ranges at the first row start at or after a split point. A worker
 * thread (load-worker.ts) bins the second range while the main thread bins the first, each with
 * its own chunked reader, parser, fast projector and cell accumulator (bin-file-range.ts); the two
 * row-major cell lists are then merged. The main thread starts at once while the worker boots
 * (≈ 30–60 ms), so the main thread gets the larger share (`mainShare`).
 *
 * Quoted fields may contain newlines, so a byte offset is a row start only if the quotes before
 * it are balanced. The worker assumes its start is one; the main thread, which parses its range
 * from the beginning of the file, verifies that its last row ends exactly there. If not (a quoted
 * newline at the split), the worker's result is discarded and the main thread simply continues to
 * the end of the file — correct, only slower.
 *
 * Files below `parallelMin` bytes are read on the main thread only.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { parseCsvHeader, RowParser, type RowColumns } from "../csv-scan.ts";
import { CellAccumulator, type GridCells, mergeCells } from "../grid.ts";
import type { HotspotResult } from "../hotspots.ts";
import { emptySkipped, type SkippedPoints } from "../points.ts";
import { binFileRange, type CoordinateKind, type PhaseTimes, rowStartAtOrAfter, zeroPhases } from "./bin-file-range.ts";

export interface LoadWorkerInput {
  file: string;
  fileSize: number;
  from: number;
  cols: RowColumns;
  delimiter: number;
  kind: CoordinateKind;
  cellSize: number;
  weighted: boolean;
}

/** A slice of a hot spot result sent to the loader thread for formatting. */
export interface FormatJob {
  result: Pick<
    HotspotResult,
    "cellSize" | "ix" | "iy" | "count" | "sum" | "neighbours" | "z" | "p" | "q" | "classes"
  >;
}

/** The loader's worker thread, kept alive to help format the output. */
export interface LoaderHelper {
  /** Format rows [from, to) of the hot spot table in the worker; resolves to the bytes. */
  formatHotspotRows(result: HotspotResult, from: number, to: number): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

export interface LoadWorkerOutput {
  start: number;
  consumed: number;
  rows: number;
  lines: number;
  bad: SkippedPoints;
  short: SkippedPoints;
  outOfRange: SkippedPoints;
  times: PhaseTimes;
  busy: number;
  cells: GridCells;
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
  /** Wall time of the parallel phase and of the merge (ms). */
  wall: number;
  merge: number;
  /** When the main thread finished its range, and when the worker's result arrived (ms from start). */
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
  /** Use a worker thread for files of at least this many bytes (default 16 MiB). */
  parallelMin?: number;
  /** Share of the file the main thread takes (default 0.53). */
  mainShare?: number;
  /** Keep the worker thread for {@link LoaderHelper} (default false: terminate it). */
  keepWorker?: boolean;
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

function mergeSkipped(a: SkippedPoints, b: SkippedPoints, offset: number): SkippedPoints {
  const first = [...a.first, ...b.first.map((l) => l + offset)].sort((x, y) => x - y).slice(0, 10);
  return { count: a.count + b.count, first };
}

/** Load and bin the incidents of a file (see module comment). */
export async function loadIncidentCells(o: LoadOptions): Promise<LoadedCells> {
  const t0 = performance.now();
  const fd = openSync(o.file, "r");
  try {
    const size = fstatSync(fd).size;
    const parallel = size - o.dataStart >= (o.parallelMin ?? 16 << 20);
    const split = parallel ? o.dataStart + Math.floor((size - o.dataStart) * (o.mainShare ?? 0.53)) : size;
    let worker: Worker | undefined;
    let workerResult: Promise<LoadWorkerOutput> | undefined;
    if (parallel) {
      const input: LoadWorkerInput = {
        file: o.file,
        fileSize: size,
        from: split,
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
      // Avoid an unhandled rejection if we end up not awaiting it.
      workerResult.catch(() => undefined);
    }
    const boundary = parallel ? rowStartAtOrAfter(fd, split, size) : size;
    const parser = new RowParser(o.cols, o.delimiter, 2);
    const acc = new CellAccumulator(o.cellSize, o.weighted);
    const outOfRange = emptySkipped();
    const times = zeroPhases();
    let r = binFileRange(fd, o.dataStart, boundary, parser, o.kind, o.weighted, acc, outOfRange, times);
    const mainDone = performance.now() - t0;
    let workerDone = 0;
    let rows = r.rows;
    let cells: GridCells;
    let unparsable = parser.bad;
    let missingFields = parser.short;
    let oor = outOfRange;
    let threads = 1;
    let merge = 0;
    let total = { ...times };
    let helper: LoaderHelper | undefined;
    if (worker && workerResult) {
      if (r.consumed !== boundary) {
        // The split fell inside a quoted field: finish the file here, drop the worker's work.
        await worker.terminate();
        r = binFileRange(fd, r.consumed, size, parser, o.kind, o.weighted, acc, outOfRange, times);
        rows += r.rows;
        total = { ...times };
        cells = acc.result();
      } else {
        const mainCells = acc.result();
        const w = await workerResult;
        workerDone = performance.now() - t0;
        const tm = performance.now();
        cells = mergeCells(mainCells, w.cells);
        merge = performance.now() - tm;
        const offset = parser.line; // line number of the worker's first line
        rows += w.rows;
        unparsable = mergeSkipped(parser.bad, w.bad, offset);
        missingFields = mergeSkipped(parser.short, w.short, offset);
        oor = mergeSkipped(outOfRange, w.outOfRange, offset);
        threads = 2;
        if (o.keepWorker) helper = makeHelper(worker);
        else await worker.terminate();
        total = {
          read: (times.read + w.times.read) / 2,
          parse: (times.parse + w.times.parse) / 2,
          project: (times.project + w.times.project) / 2,
          bin: (times.bin + w.times.bin) / 2,
        };
      }
    } else {
      cells = acc.result();
    }
    return {
      cells,
      rows,
      unparsable,
      missingFields,
      outOfRange: oor,
      times: total,
      threads,
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
