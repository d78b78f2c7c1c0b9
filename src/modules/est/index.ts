// EST – Effektiv Samordning för Trygghet: partner organisations' reporters report incidents from
// a phone, the police's open events come in by themselves, the coordinator compiles the weekly
// lägesbild (figures, map, significant and emerging hot spots from the analysis engine), the
// weekly meeting records focus areas and targeted places and decides insatser (logged on the
// promise they serve), owners report them done, and every insats is evaluated before/after
// against a comparison area. Staff only; addresses under /t/{slug}/arbete/est.
import type { TryggModule } from "../../platform/module.ts";
import { seedEstDemo } from "./demo/seed.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { policeFetchJob } from "./polisen/job.ts";
import { registerEstRoutes } from "./routes/index.ts";
import { partnerReportsSource, policeEventsSource } from "./sources.ts";
import { walksIncidentSource } from "../walks/index.ts";
import { estWidget } from "./widgets.ts";

export const estModule: TryggModule = {
  name: "est",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerEstRoutes,
  staffWidgets: [estWidget],
  styles: [new URL("./web/est.css", import.meta.url)],
  jobs: [policeFetchJob],
  // The walks module's observations are one more source of the lägesbild (its public index offers
  // the source; it does not list it itself). Should walks list it in its own module object one
  // day, remove it here: checkModules refuses a source key listed by two modules.
  // Its label here counts observations ("8 observationer från trygghetsvandringar", not "8 walks").
  incidentSources: [partnerReportsSource, policeEventsSource, { ...walksIncidentSource, label: "est.source.walks" }],
  demo: seedEstDemo,
  testing: () => import("./testing.ts"),
};

// For the `trygg import polisen` command (src/cli/import.ts).
export { clearGone, describeOutcome, fetchPayload, type PayloadOutcome, readPayloadFile, userAgentOf } from "./polisen/feed.ts";
export { type ImportCounts, importPoliceEvents } from "./polisen/import.ts";
export { DEMO_IDS } from "./demo/seed.ts";
