// Users: accounts, roles per tenant, login/logout, password reset, lockout, OIDC sign-in.
import { html } from "../../platform/http/html.ts";
import type { App } from "../../platform/http/types.ts";
import type { TryggModule } from "../../platform/module.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { canManageUsers } from "./policy.ts";
import { pruneLoginFailures } from "./repo.ts";
import { registerApiRoutes } from "./routes/api.ts";
import { registerLoginRoutes } from "./routes/login.ts";
import { registerMemberRoutes } from "./routes/members.ts";
import { registerOidcRoutes } from "./routes/oidc.ts";
import { registerPasswordRoutes } from "./routes/password.ts";

async function routes(app: App): Promise<void> {
  await registerLoginRoutes(app);
  await registerPasswordRoutes(app);
  await registerOidcRoutes(app);
  await registerMemberRoutes(app);
  await registerApiRoutes(app);
}

export const usersModule: TryggModule = {
  name: "users",
  messages: { sv, en },
  routes,
  // Admins find the people-and-roles page from the staff start page.
  staffWidgets: [
    {
      order: 900,
      async render(req, ctx, tenantId) {
        if (!canManageUsers(req.actor, tenantId) || !ctx.tenant) return null;
        return html`<section aria-labelledby="users-admin-heading">
  <h2 id="users-admin-heading">${ctx.t("users.widget.heading")}</h2>
  <p><a href="/t/${ctx.tenant.slug}/admin/anvandare">${ctx.t("users.widget.link")}</a></p>
</section>`;
      },
    },
  ],
  jobs: [
    // Failed sign-ins per address are kept a day after their last use (login.ts).
    { name: "users.prune-login-failures", cron: "17 3 * * *", run: async (_data, deps) => void (await pruneLoginFailures(deps.database.db, new Date())) },
  ],
  testing: () => import("./testing.ts"),
};

export { addUser } from "./service.ts";
export { canManageUsers } from "./policy.ts";
