// Worker thread of the analysis pool (worker-pool.ts): runs one computation per message and posts
// the result back, transferring its typed arrays.
import { parentPort } from "node:worker_threads";
import { computeEmergingHotspots, type EmergingInput, type EmergingOptions } from "../emerging.ts";
import { AnalysisError } from "../errors.ts";
import { computeHotspots, type HotspotOptions } from "../hotspots.ts";
import type { PointsInput } from "../points.ts";

export type PoolRequest =
  | { id: number; kind: "hotspots"; input: PointsInput; options: HotspotOptions }
  | { id: number; kind: "emerging"; input: EmergingInput; options: EmergingOptions };

export type PoolResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; analysisError: boolean; message: string };

/** ArrayBuffers of every typed array directly inside `value` (one level, plus arrays of objects). */
function buffersOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) {
      if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    }
  }
  return [...out];
}

parentPort?.on("message", (req: PoolRequest) => {
  try {
    const result = req.kind === "hotspots" ? computeHotspots(req.input, req.options) : computeEmergingHotspots(req.input, req.options);
    const msg: PoolResponse = { id: req.id, ok: true, result };
    parentPort?.postMessage(msg, buffersOf(result));
  } catch (e) {
    const msg: PoolResponse = {
      id: req.id,
      ok: false,
      analysisError: e instanceof AnalysisError,
      message: e instanceof Error ? e.message : String(e),
    };
    parentPort?.postMessage(msg);
  }
});
