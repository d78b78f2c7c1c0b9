// The survey module's routes, registered from the module object.
import type { App } from "../../../platform/http/types.ts";
import { registerAnswerRoutes } from "./answer.ts";
import { registerApiRoutes } from "./api.ts";
import { registerCiteRoutes } from "./cite.ts";
import { registerDefinitionRoutes } from "./definitions.ts";
import { registerImportRoutes } from "./imports.ts";
import { registerPublicRoutes } from "./public.ts";
import { registerStaffRoutes } from "./staff.ts";

export async function registerSurveyRoutes(app: App): Promise<void> {
  await registerPublicRoutes(app);
  await registerAnswerRoutes(app);
  await registerStaffRoutes(app);
  await registerDefinitionRoutes(app);
  await registerImportRoutes(app);
  await registerCiteRoutes(app);
  await registerApiRoutes(app);
}
