// System administration: the mail outbox viewer.
import { html } from "../../platform/http/html.ts";
import type { App } from "../../platform/http/types.ts";
import { registerStaffWidget } from "../../platform/http/widgets.ts";
import { registerMessages } from "../../platform/i18n/i18n.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { canViewOutbox } from "./policy.ts";
import { registerOutboxRoutes } from "./routes.ts";

export const name = "admin";
registerMessages({ sv, en });

export async function register(app: App): Promise<void> {
  await registerOutboxRoutes(app);
}

// System administrators find the outbox from any staff start page.
registerStaffWidget({
  order: 950,
  async render(req, ctx) {
    if (!canViewOutbox(req.actor)) return null;
    return html`<section aria-labelledby="admin-outbox-heading">
  <h2 id="admin-outbox-heading">${ctx.t("admin.widget.heading")}</h2>
  <p><a href="/admin/outbox">${ctx.t("admin.widget.outbox")}</a></p>
</section>`;
  },
});

export { canViewOutbox } from "./policy.ts";
