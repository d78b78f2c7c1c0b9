// All routes of the walks module, in one place.
import type { App } from "../../../platform/http/types.ts";
import { registerApiRoutes } from "./api.ts";
import { registerPublicRoutes } from "./public.ts";
import { registerStaffActionRoutes } from "./staff-actions.ts";
import { registerStaffCaptureRoutes } from "./staff-capture.ts";
import { registerStaffWalkRoutes } from "./staff-walks.ts";

export async function registerWalksRoutes(app: App): Promise<void> {
  await registerPublicRoutes(app);
  await registerStaffActionRoutes(app);
  await registerStaffCaptureRoutes(app);
  await registerStaffWalkRoutes(app);
  await registerApiRoutes(app);
}
