// Worker thread of the parallel CSV loader (load-incidents.ts): claims segments of the incident
// file from the shared counter, bins them, and posts the non-empty cells back (buffers
// transferred, not copied). Afterwards it can format rows of the result table for the main thread.
import { closeSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { ByteWriter } from "../byte-writer.ts";
import { writeHotspotRows } from "../csv-format.ts";
import { CellAccumulator } from "../grid.ts";
import type { HotspotResult } from "../hotspots.ts";
import { zeroPhases } from "./bin-file-range.ts";
import { binSegments, type FormatJob, type LoadWorkerInput, type LoadWorkerOutput } from "./load-incidents.ts";

const input = workerData as LoadWorkerInput;
const counter = new Int32Array(input.counter);
Atomics.store(counter, 1, 1);
Atomics.notify(counter, 1);
const fd = openSync(input.file, "r");
try {
  const acc = new CellAccumulator(input.cellSize, input.weighted);
  const times = zeroPhases();
  const segments = binSegments(fd, input, counter, acc, times);
  const t0 = performance.now();
  const cells = acc.result();
  times.bin += performance.now() - t0;
  const out: LoadWorkerOutput = { segments, times, cells };
  const transfer = [cells.ix.buffer, cells.iy.buffer, cells.count.buffer];
  if (cells.sum) transfer.push(cells.sum.buffer);
  parentPort?.postMessage(out, transfer as ArrayBuffer[]);
} finally {
  closeSync(fd);
}

// Formatting a million rows is otherwise the longest single step at 25 m cells: the main thread
// sends the second half of the table here and writes the bytes in order.
parentPort?.on("message", (job: FormatJob) => {
  const chunks: Uint8Array[] = [];
  const w = new ByteWriter((b) => chunks.push(b.slice()), 4 << 20);
  writeHotspotRows(w, job.result as HotspotResult, 0, job.result.ix.length);
  w.end();
  parentPort?.postMessage(
    { chunks },
    chunks.map((c) => c.buffer as ArrayBuffer),
  );
});
