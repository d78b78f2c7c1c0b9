// Worker thread of the analysis pool (worker-pool.ts): runs one computation per message and posts
// the result back, transferring its typed arrays.
import { parentPort } from "node:worker_threads";
import {
  type BinnedCellWeeks,
  computeEmergingHotspots,
  type EmergingInput,
  type EmergingOptions,
  emergingHotspotsFromCube,
  spaceTimeCubeFromCounts,
} from "../emerging.ts";
import { AnalysisError } from "../errors.ts";
import type { GridCells } from "../grid.ts";
import { computeHotspots, type HotspotOptions, hotspotsFromCells } from "../hotspots.ts";
import type { PointsInput } from "../points.ts";

export type CubeWeeks = { firstWeek: number; weeks: number };

export type PoolRequest =
  | { id: number; kind: "hotspots"; input: PointsInput; options: HotspotOptions }
  | { id: number; kind: "emerging"; input: EmergingInput; options: EmergingOptions }
  | { id: number; kind: "hotspotsFromCells"; cells: GridCells; options: HotspotOptions }
  | { id: number; kind: "emergingFromCounts"; binned: BinnedCellWeeks; weeks: CubeWeeks; options: EmergingOptions };

function compute(req: PoolRequest): unknown {
  switch (req.kind) {
    case "hotspots":
      return computeHotspots(req.input, req.options);
    case "emerging":
      return computeEmergingHotspots(req.input, req.options);
    case "hotspotsFromCells": {
      let points = 0;
      for (let i = 0; i < req.cells.count.length; i++) points += req.cells.count[i];
      return hotspotsFromCells(req.cells, req.options, { points, skipped: { count: 0, first: [] } });
    }
    case "emergingFromCounts": {
      const { boundary, boundaryCells, cellSize } = req.options;
      const cube = spaceTimeCubeFromCounts(req.binned, {
        cellSize,
        ...req.weeks,
        ...(boundary ? { boundary } : {}),
        ...(boundaryCells ? { boundaryCells } : {}),
      });
      return emergingHotspotsFromCube(cube, req.options);
    }
  }
}

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
    const result = compute(req);
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
