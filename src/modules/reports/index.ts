// Medborgardialog (module `reports`): residents report unsafe places on a map (or by a named
// place, without JavaScript), +1 each other's reports, follow their own by a private link and get
// an answer; staff route, handle and answer them; alerts by e-mail and Atom; statistics for the
// lägesbild and the promise; an Open311 GeoReport v2 server per tenant. Privacy before storage:
// free text is screened and photos cleaned before anything is kept, and person-related
// categories are public only as counted cells. Listed once in src/modules/index.ts.
import type { TryggModule } from "../../platform/module.ts";
import { seedReportsDemo } from "./demo/seed.ts";
import { reportsIncidentSource } from "./incidents.ts";
import { personalData, processing } from "./processing.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerReportsRoutes } from "./routes/index.ts";
import { runFixedCheck, runRetention } from "./service/jobs.ts";
import { inboxWidget } from "./widgets.ts";

export const reportsModule: TryggModule = {
  name: "reports",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerReportsRoutes,
  navigation: [{ label: "reports.nav", path: "/rapporter", order: 20 }],
  publicLinks: [
    { order: 20, label: "reports.publicLink.report", description: "reports.publicLink.reportDescription", path: "/rapportera" },
    { order: 21, label: "reports.nav", description: "reports.publicLink.description", path: "/rapporter" },
  ],
  staffWidgets: [inboxWidget],
  // Residents' reports are one source of the weekly lägesbild and of the surveys' comparison.
  incidentSources: [reportsIncidentSource],
  styles: [new URL("./web/reports.css", import.meta.url)],
  jobs: [
    {
      name: "reports.fixedCheck",
      cron: "0 9 * * *",
      run: async (_data, deps) => void (await runFixedCheck(deps.database.db, deps)),
      // Mail leaves the outbox only in production; elsewhere the question is not asked on a schedule.
      enabled: (deps) => deps.config.NODE_ENV === "production",
    },
    { name: "reports.retention", cron: "30 3 * * *", run: async (_data, deps) => void (await runRetention(deps.database.db, deps)) },
  ],
  // The register of processing (GDPR art. 30) and residents' extract and erasure (art. 15, 17);
  // retention is the job above (reports settings), see processing.ts.
  processing,
  personalData,
  demo: seedReportsDemo,
  testing: () => import("./testing.ts"),
};

export { reportStats, statsPeriod } from "./service/stats.ts";
