// All routes of the promises module, in one place.
import type { App } from "../../../platform/http/types.ts";
import { registerApiDocumentRoutes } from "./api-documents.ts";
import { registerApiWorkRoutes } from "./api-work.ts";
import { registerOpenDataRoutes } from "./open-data.ts";
import { registerPublicRoutes } from "./public.ts";
import { registerStaffActivityRoutes } from "./staff-activities.ts";
import { registerStaffDocumentRoutes } from "./staff-documents.ts";
import { registerStaffLifecycleRoutes } from "./staff-lifecycle.ts";
import { registerStaffPromiseRoutes } from "./staff-promises.ts";

export async function registerPromiseRoutes(app: App): Promise<void> {
  await registerPublicRoutes(app);
  await registerStaffDocumentRoutes(app);
  await registerStaffLifecycleRoutes(app);
  await registerStaffPromiseRoutes(app);
  await registerStaffActivityRoutes(app);
  await registerApiDocumentRoutes(app);
  await registerApiWorkRoutes(app);
  await registerOpenDataRoutes(app);
}
