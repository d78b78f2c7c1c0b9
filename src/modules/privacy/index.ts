// Data protection (dataskydd): retention per kind of data with a daily job, a resident's extract
// and erasure by e-mail address through each module's `personalData`, and the register of
// processing activities rendered from each module's `processing` (docs/register-of-processing.md).
import { html } from "../../platform/http/html.ts";
import type { TryggModule } from "../../platform/module.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { canManagePrivacy } from "./policy.ts";
import { runRetention } from "./retention.ts";
import { registerPrivacyRoutes } from "./routes.ts";

export const privacyModule: TryggModule = {
  name: "privacy",
  messages: { sv, en },
  routes: registerPrivacyRoutes,
  staffWidgets: [
    {
      order: 920,
      async render(req, ctx, tenantId) {
        if (!canManagePrivacy(req.actor, tenantId) || !ctx.tenant) return null;
        return html`<section aria-labelledby="privacy-heading">
  <h2 id="privacy-heading">${ctx.t("privacy.widget.heading")}</h2>
  <ul>
    <li><a href="/t/${ctx.tenant.slug}/admin/gallring">${ctx.t("privacy.widget.retention")}</a></li>
    <li><a href="/t/${ctx.tenant.slug}/admin/personuppgifter">${ctx.t("privacy.widget.subject")}</a></li>
  </ul>
</section>`;
      },
    },
  ],
  jobs: [
    {
      name: "privacy.retention",
      // Every night at 03:15 (Europe/Stockholm); nothing leaves the machine, so it runs everywhere.
      cron: "15 3 * * *",
      async run(_data, deps) {
        const { modules } = await import("../index.ts");
        await runRetention(deps.database.db, modules);
      },
    },
  ],
  testing: () => import("./testing.ts"),
};

export { runRetention } from "./retention.ts";
