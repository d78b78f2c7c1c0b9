// The audit log viewer (granskningslogg): a tenant's admins read their tenant's log, system
// administrators every tenant's. Writing to the log is the platform's (src/platform/audit.ts).
import { processing, retention } from "./processing.ts";
import { html } from "../../platform/http/html.ts";
import type { TryggModule } from "../../platform/module.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { canViewAudit } from "./policy.ts";
import { registerAuditRoutes } from "./routes.ts";

export const auditModule: TryggModule = {
  name: "audit",
  messages: { sv, en },
  routes: registerAuditRoutes,
  styles: [new URL("./web/audit.css", import.meta.url)],
  staffWidgets: [
    {
      order: 910,
      async render(req, ctx, tenantId) {
        if (!canViewAudit(req.actor, tenantId) || !ctx.tenant) return null;
        return html`<section aria-labelledby="audit-heading">
  <h2 id="audit-heading">${ctx.t("audit.widget.heading")}</h2>
  <p><a href="/t/${ctx.tenant.slug}/admin/logg">${ctx.t("audit.widget.link")}</a></p>
</section>`;
      },
    },
  ],
  processing,
  retention,
  testing: () => import("./testing.ts"),
};

export { canViewAudit } from "./policy.ts";
