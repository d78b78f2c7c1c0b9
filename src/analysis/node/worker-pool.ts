/**
 * Off-thread analysis for the web app: a small pool of worker threads (default: one per CPU,
 * at most 2 here) that run {@link computeHotspots} / {@link computeEmergingHotspots}, so a large
 * computation never blocks the event loop that serves HTTP requests.
 *
 * Workers start lazily on the first call, are reused, and are `unref`'d while idle so they never
 * keep the process alive; {@link closeAnalysisPool} terminates them (call it on shutdown).
 * Input arrays are copied to the worker unless `transfer: true` (then the caller's arrays become
 * unusable, and nothing is copied); results are transferred back without copying.
 *
 * Errors keep their kind: an {@link AnalysisError} (bad options, no valid points) thrown in the
 * worker is re-thrown as an AnalysisError with the same Swedish message.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { BinnedCellWeeks, EmergingInput, EmergingOptions, EmergingResult } from "../emerging.ts";
import { AnalysisError } from "../errors.ts";
import type { GridCells } from "../grid.ts";
import type { HotspotOptions, HotspotResult } from "../hotspots.ts";
import type { PointsInput } from "../points.ts";
import type { CubeWeeks, PoolRequest, PoolResponse } from "./analysis-worker.ts";

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Job {
  request: PoolRequest;
  transfer: ArrayBuffer[];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

const slots: Slot[] = [];
const queue: Job[] = [];
const pending = new Map<number, Job>();
let nextId = 1;
let maxWorkers = Math.max(1, Math.min(2, availableParallelism()));

/** Set the pool size (before first use or after {@link closeAnalysisPool}). */
export function configureAnalysisPool(options: { workers: number }): void {
  maxWorkers = Math.max(1, Math.floor(options.workers));
}

function spawn(): Slot {
  const worker = new Worker(new URL("./analysis-worker.ts", import.meta.url));
  const slot: Slot = { worker, busy: false };
  worker.on("message", (msg: PoolResponse) => {
    const job = pending.get(msg.id);
    pending.delete(msg.id);
    slot.busy = false;
    worker.unref();
    if (job) {
      if (msg.ok) job.resolve(msg.result);
      else job.reject(msg.analysisError ? new AnalysisError(msg.message) : new Error(msg.message));
    }
    dispatch();
  });
  worker.on("error", (err) => {
    // A crashed worker fails its job and is replaced on the next dispatch.
    for (const [id, job] of pending) {
      if ((job as Job & { slot?: Slot }).slot === slot) {
        pending.delete(id);
        job.reject(err);
      }
    }
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    dispatch();
  });
  worker.unref();
  slots.push(slot);
  return slot;
}

function dispatch(): void {
  while (queue.length > 0) {
    let slot = slots.find((s) => !s.busy);
    if (!slot && slots.length < maxWorkers) slot = spawn();
    if (!slot) return;
    const job = queue.shift() as Job;
    slot.busy = true;
    slot.worker.ref();
    (job as Job & { slot?: Slot }).slot = slot;
    pending.set(job.request.id, job);
    slot.worker.postMessage(job.request, job.transfer);
  }
}

function submit<T>(request: PoolRequest, transfer: ArrayBuffer[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ request, transfer, resolve: resolve as (v: unknown) => void, reject });
    dispatch();
  });
}

function arraysOf(input: object): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const v of Object.values(input)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  return [...out];
}

/** {@link computeHotspots} in a worker thread. */
export function computeHotspotsInWorker(input: PointsInput, options: HotspotOptions, opts: { transfer?: boolean } = {}): Promise<HotspotResult> {
  return submit<HotspotResult>({ id: nextId++, kind: "hotspots", input, options }, opts.transfer ? arraysOf(input) : []);
}

/** {@link computeEmergingHotspots} in a worker thread. */
export function computeEmergingHotspotsInWorker(input: EmergingInput, options: EmergingOptions, opts: { transfer?: boolean } = {}): Promise<EmergingResult> {
  return submit<EmergingResult>({ id: nextId++, kind: "emerging", input, options }, opts.transfer ? arraysOf(input) : []);
}

/** {@link hotspotsFromCells} (incidents already binned, e.g. by a database) in a worker thread. */
export function hotspotsFromCellsInWorker(cells: GridCells, options: HotspotOptions): Promise<HotspotResult> {
  return submit<HotspotResult>({ id: nextId++, kind: "hotspotsFromCells", cells, options }, []);
}

/**
 * Emerging hot spots of incidents already binned per cell and week, over exactly the weeks
 * `firstWeek … firstWeek + weeks − 1` ({@link spaceTimeCubeFromCounts} then
 * {@link emergingHotspotsFromCube}), in a worker thread.
 */
export function emergingFromCountsInWorker(binned: BinnedCellWeeks, weeks: CubeWeeks, options: EmergingOptions): Promise<EmergingResult> {
  return submit<EmergingResult>({ id: nextId++, kind: "emergingFromCounts", binned, weeks, options }, []);
}

/** Terminate the pool's workers (pending jobs are rejected). */
export async function closeAnalysisPool(): Promise<void> {
  for (const job of queue.splice(0)) job.reject(new Error("analyspoolen stängdes"));
  for (const [id, job] of pending) {
    pending.delete(id);
    job.reject(new Error("analyspoolen stängdes"));
  }
  const all = slots.splice(0);
  await Promise.all(all.map((s) => s.worker.terminate()));
}
