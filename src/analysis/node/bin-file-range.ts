/**
 * Stream a byte range of an incident CSV file from a file descriptor and bin it: read a chunk →
 * parse rows from the bytes (csv-scan.ts) → check the coordinate range → project (fast
 * projector) → count per cell (grid.ts). Memory stays constant: one 4 MiB chunk buffer and one
 * batch of 64 Ki rows, whatever the file size.
 *
 * Used by the main thread and by the load worker (load-worker.ts) on their halves of the file.
 */
import { readSync } from "node:fs";
import { createRowBatch, type RowBatch, type RowParser, rowBatchOn } from "../csv-scan.ts";
import { type CsvKernel, createCsvKernel } from "../wasm/csv-kernel.ts";
import type { CellAccumulator } from "../grid.ts";
import { noteSkipped, sharedProjector, type SkippedPoints } from "../points.ts";
import { isAcceptedSweref } from "../projection.ts";

const DEFAULT_CHUNK = 4 << 20;
const DEFAULT_BATCH = 1 << 16;

/** Busy time per phase, milliseconds. */
export interface PhaseTimes {
  read: number;
  parse: number;
  project: number;
  bin: number;
}

export function zeroPhases(): PhaseTimes {
  return { read: 0, parse: 0, project: 0, bin: 0 };
}

/** How the coordinates of the file are given. */
export type CoordinateKind = "latlon" | "sweref";

export interface RangeResult {
  /** First byte not consumed (equals `end` unless the range ended inside a quoted field). */
  consumed: number;
  /** Rows binned. */
  rows: number;
}

/**
 * Bin the rows that start in [start, end) of the file (`start` must be a row start). Rows whose
 * coordinates are out of range go to `outOfRange` (line numbers). The parser keeps the line count
 * and the unparsable/short row reports.
 */
export function binFileRange(
  fd: number,
  start: number,
  end: number,
  parser: RowParser,
  kind: CoordinateKind,
  weighted: boolean,
  acc: CellAccumulator,
  outOfRange: SkippedPoints,
  times: PhaseTimes,
  tuning: { useKernel?: boolean; chunkSize?: number; batchSize?: number } = {},
): RangeResult {
  const CHUNK = tuning.chunkSize ?? DEFAULT_CHUNK;
  const BATCH = tuning.batchSize ?? DEFAULT_BATCH;
  const useKernel = tuning.useKernel ?? true;
  // The WebAssembly kernel takes the common case (two coordinate columns, comma-separated); its
  // memory holds the chunk buffer and the batch arrays.
  const c = parser.cols;
  let kernel: CsvKernel | undefined = useKernel && c.w < 0 && c.t < 0 && parser.delimiter === 44 ? kernelFor(CHUNK, BATCH) : undefined;
  let buf = kernel ? kernel.buf : new Uint8Array(new ArrayBuffer(CHUNK + 64));
  const batch = kernel ? rowBatchOn(kernel.a, kernel.b, kernel.line) : createRowBatch(BATCH);
  const north = kernel ? kernel.north : new Float64Array(BATCH);
  const east = kernel ? kernel.east : new Float64Array(BATCH);
  const weight = weighted ? new Float64Array(BATCH) : undefined;
  const projector = sharedProjector();
  let filePos = start;
  let carry = 0;
  let rows = 0;
  const flush = (): void => {
    const n = batch.n;
    if (n === 0) return;
    const t0 = performance.now();
    // Project; the projector returns NaN outside the accepted area, which doubles as range check.
    if (kind === "latlon") {
      if (kernel && batch.a === kernel.a) kernel.project(n);
      else projector.project(batch.a, batch.b, north, east, 0, n);
    } else rangeCheckSweref(batch.a, batch.b, north, east, n);
    if (weight) {
      weight.set(batch.w.subarray(0, n));
      for (let i = 0; i < n; i++) if (!Number.isFinite(weight[i])) north[i] = Number.NaN;
    }
    const t1 = performance.now();
    const rejected = acc.addPoints(north, east, weight, 0, n);
    if (rejected > 0) {
      for (let i = 0; i < n; i++) if (Number.isNaN(north[i]) || Number.isNaN(east[i])) noteSkipped(outOfRange, batch.line[i]);
    }
    times.project += t1 - t0;
    times.bin += performance.now() - t1;
    rows += n - rejected;
    batch.n = 0;
  };
  for (;;) {
    if (filePos >= end && carry === 0) break;
    let t0 = performance.now();
    const want = Math.min(buf.length - 64 - carry, end - filePos);
    const got = want > 0 ? readSync(fd, buf, carry, want, filePos) : 0;
    filePos += got;
    const dataEnd = carry + got;
    const eof = filePos >= end || got === 0;
    let cut = dataEnd;
    if (!eof) {
      const nl = buf.lastIndexOf(10, dataEnd - 1);
      if (nl < 0) {
        // A row longer than the buffer: grow and read more.
        const bigger = new Uint8Array(new ArrayBuffer(buf.length * 2));
        bigger.set(buf.subarray(0, dataEnd));
        buf = bigger;
        kernel = undefined; // the kernel's buffer has a fixed size; the rest goes through RowParser
        carry = dataEnd;
        times.read += performance.now() - t0;
        continue;
      }
      cut = nl + 1;
    }
    let t1 = performance.now();
    times.read += t1 - t0;
    let p = 0;
    const quoted = Buffer.from(buf.buffer, buf.byteOffset, cut).indexOf(34) >= 0;
    for (;;) {
      if (kernel && !quoted && kernel.buf === buf) {
        const saved = buf[cut];
        buf[cut] = 10;
        const r = kernel.scan(p, cut, eof, 44, c.a, c.b, batch.n, parser.line);
        buf[cut] = saved;
        p = r.pos;
        batch.n = r.n;
        parser.line = r.line;
        if (r.fallback && batch.n < batch.capacity) {
          // One row the kernel does not take: RowParser parses (or reports) it.
          const nl = buf.indexOf(10, p);
          const rowEnd = nl < 0 || nl >= cut ? cut : nl + 1;
          const q = parser.parse(buf, p, rowEnd, eof && rowEnd >= cut, batch, false);
          if (q > p) {
            p = q;
            continue;
          }
        }
      } else {
        p = parser.parse(buf, p, cut, eof, batch, quoted);
      }
      if (batch.n === batch.capacity) {
        const t2 = performance.now();
        times.parse += t2 - t1;
        flush();
        t1 = performance.now();
        continue;
      }
      break;
    }
    times.parse += performance.now() - t1;
    flush();
    if (eof) {
      // Whatever is left could not be parsed as complete rows (a quoted field running past the
      // end of the range): report where we stopped.
      return { consumed: filePos - (dataEnd - p), rows };
    }
    t0 = performance.now();
    carry = dataEnd - p;
    buf.copyWithin(0, p, dataEnd);
    times.read += performance.now() - t0;
  }
  return { consumed: filePos, rows };
}

function rangeCheckSweref(a: Float64Array, b: Float64Array, north: Float64Array, east: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const ok = isAcceptedSweref(a[i], b[i]);
    north[i] = ok ? a[i] : Number.NaN;
    east[i] = ok ? b[i] : Number.NaN;
  }
}

const kernels = new Map<string, CsvKernel | null>();

/** The thread's kernel for this buffer size (reused across ranges), or undefined without WebAssembly. */
function kernelFor(chunk: number, batch: number): CsvKernel | undefined {
  const key = `${chunk}/${batch}`;
  if (!kernels.has(key)) kernels.set(key, createCsvKernel(chunk, batch) ?? null);
  return kernels.get(key) ?? undefined;
}

/** First row start at or after `pos` (0 if pos = 0): one past the first '\n' at or after pos − 1. */
export function rowStartAtOrAfter(fd: number, pos: number, fileSize: number): number {
  if (pos <= 0) return 0;
  const buf = Buffer.allocUnsafe(1 << 16);
  let at = pos - 1;
  while (at < fileSize) {
    const got = readSync(fd, buf, 0, buf.length, at);
    if (got <= 0) break;
    const i = buf.subarray(0, got).indexOf(10);
    if (i >= 0) return at + i + 1;
    at += got;
  }
  return fileSize;
}

export type { RowBatch };
