// System administration: the mail outbox viewer.
import { personalData, processing, retention } from "./processing.ts";
import { html } from "../../platform/http/html.ts";
import type { TryggModule } from "../../platform/module.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { canViewOutbox } from "./policy.ts";
import { registerOutboxRoutes } from "./routes.ts";

export const adminModule: TryggModule = {
  name: "admin",
  messages: { sv, en },
  routes: registerOutboxRoutes,
  // System administrators find the outbox from any staff start page.
  staffWidgets: [
    {
      order: 950,
      async render(req, ctx) {
        if (!canViewOutbox(req.actor)) return null;
        return html`<section aria-labelledby="admin-outbox-heading">
  <h2 id="admin-outbox-heading">${ctx.t("admin.widget.heading")}</h2>
  <p><a href="/admin/outbox">${ctx.t("admin.widget.outbox")}</a></p>
</section>`;
      },
    },
  ],
  processing,
  retention,
  personalData,
  testing: () => import("./testing.ts"),
};

export { canViewOutbox } from "./policy.ts";
