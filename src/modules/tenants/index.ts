// Tenants: municipalities, their areas and organisations; the list of municipalities, each
// tenant's public start page, the staff start page and the accessibility statement.
import type { TryggModule } from "../../platform/module.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerTenantRoutes } from "./routes.ts";

export const tenantsModule: TryggModule = {
  name: "tenants",
  messages: { sv, en },
  routes: registerTenantRoutes,
  testing: () => import("./testing.ts"),
};

export { addTenant } from "./service.ts";
export { listAreas, listOrganisations } from "./repo.ts";
