// Users: accounts, roles per tenant, login/logout, password reset, lockout, OIDC sign-in.
import type { App } from "../../platform/http/types.ts";
import { registerMessages } from "../../platform/i18n/i18n.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };

export const name = "users";
registerMessages({ sv, en });

export async function register(_app: App): Promise<void> {}

export { addUser } from "./service.ts";
