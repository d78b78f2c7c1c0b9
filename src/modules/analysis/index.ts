// Hot spot analysis for the lägesbild and EST: upload incidents (CSV) or post points (API), get
// Getis-Ord Gi* hot and cold spots (and emerging hot spots over ISO weeks) from the analysis
// engine, computed in a worker thread so the web server keeps answering. Runs are stored per
// tenant and can be reopened, mapped, read as a table and downloaded as CSV. Staff only.
import { closeAnalysisPool } from "../../analysis/index.ts";
import type { App } from "../../platform/http/types.ts";
import { registerMessages } from "../../platform/i18n/i18n.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerAnalysisRoutes } from "./routes/index.ts";
import { registerAnalysisWidgets } from "./widgets.ts";

export const name = "analysis";
registerMessages({ sv, en });
registerAnalysisWidgets();

export async function register(app: App): Promise<void> {
  await registerAnalysisRoutes(app);
  // The worker pool is per process; its idle workers never keep the process alive, and closing
  // the app (graceful shutdown, end of a test) terminates them.
  app.addHook("onClose", async () => closeAnalysisPool());
}

export { seedAnalysisDemo, DEMO_RUN_ID } from "./demo.ts";
export { analysisEvents } from "./service.ts";
