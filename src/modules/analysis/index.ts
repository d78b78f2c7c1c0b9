// Hot spot analysis for the lägesbild and EST: upload incidents (CSV) or post points (API), get
// Getis-Ord Gi* hot and cold spots (and emerging hot spots over ISO weeks) from the analysis
// engine, computed in a worker thread so the web server keeps answering. Runs are stored per
// tenant and can be reopened, mapped, read as a table and downloaded as CSV. Staff only.
import { processing } from "./processing.ts";
import { closeAnalysisPool } from "../../analysis/index.ts";
import type { TryggModule } from "../../platform/module.ts";
import { seedAnalysisDemo } from "./demo/seed.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerAnalysisRoutes } from "./routes/index.ts";
import { startRunSweeper, stopRunSweeper } from "./stale.ts";
import { latestRunWidget } from "./widgets.ts";

export const analysisModule: TryggModule = {
  name: "analysis",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerAnalysisRoutes,
  staffWidgets: [latestRunWidget],
  styles: [new URL("./web/analysis.css", import.meta.url)],
  demo: seedAnalysisDemo,
  // Runs left 'running' by a process that died are marked failed (stale.ts): at start, and on
  // PostgreSQL every minute after.
  onStart: async (deps, log) => startRunSweeper(deps.database, (ids) => log.warn({ runs: ids }, "analyser som avbröts markerades som misslyckade")),
  // The worker pool is per process; its idle workers never keep the process alive, and closing
  // the app (graceful shutdown, end of a test) terminates them.
  onClose: async () => {
    stopRunSweeper();
    await closeAnalysisPool();
  },
  processing,
  testing: () => import("./testing.ts"),
};

export { DEMO_RUN_ID } from "./demo/seed.ts";
export { areaText, type DescribePlace, describePlace, type PlaceDescription, placeDescriber, placeText } from "./places.ts";
export { analysisEvents } from "./service.ts";
// For other pictures of hot spots (the EST lägesbild): the class and pattern styles of the maps,
// the cell polygons, the rules for what may be shown to people (assessment.ts), and the CSV
// reader of incident files.
export { CLASS_STYLE, cellRing, classKey, patternStyle } from "./present.ts";
export { assessHotspots, MIN_CELLS_WITH_EVENTS, MIN_EVENTS_PER_CELL, sparseReason } from "./assessment.ts";
export type { SparseReason } from "./tables.ts";
export { type CsvHeaderInfo, type ParsedIncidents, parseIncidents, readHeader } from "./csv.ts";
