// Users: accounts, roles per tenant, login/logout, password reset, lockout, OIDC sign-in.
import { html } from "../../platform/http/html.ts";
import type { App } from "../../platform/http/types.ts";
import { registerStaffWidget } from "../../platform/http/widgets.ts";
import { registerMessages } from "../../platform/i18n/i18n.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { canManageUsers } from "./policy.ts";
import { registerApiRoutes } from "./routes/api.ts";
import { registerLoginRoutes } from "./routes/login.ts";
import { registerMemberRoutes } from "./routes/members.ts";
import { registerOidcRoutes } from "./routes/oidc.ts";
import { registerPasswordRoutes } from "./routes/password.ts";

export const name = "users";
registerMessages({ sv, en });

export async function register(app: App): Promise<void> {
  await registerLoginRoutes(app);
  await registerPasswordRoutes(app);
  await registerOidcRoutes(app);
  await registerMemberRoutes(app);
  await registerApiRoutes(app);
}

// Admins find the people-and-roles page from the staff start page.
registerStaffWidget({
  order: 900,
  async render(req, ctx, tenantId) {
    if (!canManageUsers(req.actor, tenantId) || !ctx.tenant) return null;
    return html`<section aria-labelledby="users-admin-heading">
  <h2 id="users-admin-heading">${ctx.t("users.widget.heading")}</h2>
  <p><a href="/t/${ctx.tenant.slug}/admin/anvandare">${ctx.t("users.widget.link")}</a></p>
</section>`;
  },
});

export { addUser } from "./service.ts";
export { canManageUsers } from "./policy.ts";
