// The EST module's routes: the week (lägesbild, PDF, CSV, summary), reports, the weekly
// meeting, insatser and the analysis pages, the export and the settings, and the API. Every route
// declares its pipeline (access.ts).
import type { App } from "../../../platform/http/types.ts";
import { estAccess } from "./access.ts";
import { registerAdminRoutes } from "./admin.ts";
import { registerApiRoutes } from "./api.ts";
import { registerInsatsRoutes } from "./insatser.ts";
import { registerMeetingRoutes } from "./meetings.ts";
import { registerReportRoutes } from "./reports.ts";
import { registerWeekRoutes } from "./week.ts";

export async function registerEstRoutes(app: App): Promise<void> {
  const access = estAccess(app.db);
  await registerWeekRoutes(app, access);
  await registerReportRoutes(app, access);
  await registerMeetingRoutes(app, access);
  await registerInsatsRoutes(app, access);
  await registerAdminRoutes(app, access);
  await registerApiRoutes(app, access);
}
