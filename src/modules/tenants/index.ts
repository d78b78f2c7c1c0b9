// Tenants: municipalities, their areas and organisations; public and staff start pages.
import { registerMessages } from "../../platform/i18n/i18n.ts";
import type { App } from "../../platform/http/types.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerTenantRoutes } from "./routes.ts";

export const name = "tenants";
registerMessages({ sv, en });

export async function register(app: App): Promise<void> {
  await registerTenantRoutes(app);
}

export { addTenant } from "./service.ts";
export { listAreas, listOrganisations } from "./repo.ts";
