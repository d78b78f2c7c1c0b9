// All routes of the analysis module, in one place.
import type { App } from "../../../platform/http/types.ts";
import { registerApiRoutes } from "./api.ts";
import { registerPageRoutes } from "./pages.ts";

export async function registerAnalysisRoutes(app: App): Promise<void> {
  await registerPageRoutes(app);
  await registerApiRoutes(app);
}
