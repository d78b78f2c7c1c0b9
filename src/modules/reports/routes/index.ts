// All routes of the reports module, in one place.
import type { App } from "../../../platform/http/types.ts";
import { reportsPipelines } from "./access.ts";
import { registerAdminRoutes } from "./admin.ts";
import { registerCsvRoutes } from "./csv.ts";
import { registerFeedAndStatsRoutes } from "./feed-stats.ts";
import { registerOpen311Routes } from "./open311.ts";
import { registerPublicRoutes } from "./public.ts";
import { registerStaffRoutes } from "./staff.ts";

export async function registerReportsRoutes(app: App): Promise<void> {
  const p = reportsPipelines(app.deps.config, () => app.db);
  await registerPublicRoutes(app, p);
  await registerFeedAndStatsRoutes(app, p);
  await registerStaffRoutes(app, p);
  await registerAdminRoutes(app, p);
  await registerCsvRoutes(app, p);
  await registerOpen311Routes(app);
}
