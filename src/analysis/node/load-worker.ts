// Worker thread of the parallel CSV loader (load-incidents.ts): bins the rows of one byte range
// of the incident file and posts the non-empty cells back (buffers transferred, not copied).
import { closeSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { RowParser } from "../csv-scan.ts";
import { CellAccumulator } from "../grid.ts";
import { emptySkipped } from "../points.ts";
import { binFileRange, type CoordinateKind, rowStartAtOrAfter, zeroPhases } from "./bin-file-range.ts";
import { ByteWriter } from "../byte-writer.ts";
import { writeHotspotRows } from "../csv-format.ts";
import type { HotspotResult } from "../hotspots.ts";
import type { FormatJob, LoadWorkerInput, LoadWorkerOutput } from "./load-incidents.ts";

const input = workerData as LoadWorkerInput;
const started = performance.now();
const fd = openSync(input.file, "r");
try {
  const start = rowStartAtOrAfter(fd, input.from, input.fileSize);
  // Line numbers here are relative to `start` (0 = its first line); the main thread adds its own
  // line count.
  const parser = new RowParser(input.cols, input.delimiter, 0);
  const acc = new CellAccumulator(input.cellSize, input.weighted);
  const outOfRange = emptySkipped();
  const times = zeroPhases();
  const r = binFileRange(fd, start, input.fileSize, parser, input.kind as CoordinateKind, input.weighted, acc, outOfRange, times);
  const t0 = performance.now();
  const cells = acc.result();
  times.bin += performance.now() - t0;
  const out: LoadWorkerOutput = {
    start,
    consumed: r.consumed,
    rows: r.rows,
    lines: parser.line,
    bad: parser.bad,
    short: parser.short,
    outOfRange,
    times,
    busy: performance.now() - started,
    cells,
  };
  const transfer = [cells.ix.buffer, cells.iy.buffer, cells.count.buffer];
  if (cells.sum) transfer.push(cells.sum.buffer);
  parentPort?.postMessage(out, transfer as ArrayBuffer[]);
} finally {
  closeSync(fd);
}

// Afterwards the thread can format rows of the result table for the main thread, which writes
// them in order (formatting a million rows is otherwise the longest single step at 25 m cells).
parentPort?.on("message", (job: FormatJob) => {
  const chunks: Uint8Array[] = [];
  const w = new ByteWriter((b) => chunks.push(b.slice()), 4 << 20);
  writeHotspotRows(w, job.result as HotspotResult, 0, job.result.ix.length);
  w.end();
  parentPort?.postMessage({ chunks }, chunks.map((c) => c.buffer as ArrayBuffer));
});
