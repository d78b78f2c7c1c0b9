// What the promises module shows elsewhere: the staff start page section "promises behind
// schedule", the card on the tenant's public start page and the public navigation entry.
import { html } from "../../platform/http/html.ts";
import type { NavLink, PublicLink, StaffWidget } from "../../platform/module.ts";
import { todayInStockholm } from "./domain/progress.ts";
import { behindList, staffBase } from "./pages/staff.ts";
import { can } from "./policy.ts";
import { loadActiveViews } from "./service/views.ts";

export const navigation: NavLink[] = [{ label: "promises.nav", path: "/medborgarlofte", order: 10 }];

export const publicLinks: PublicLink[] = [
  { order: 10, label: "promises.publicLink.label", description: "promises.publicLink.description", path: "/medborgarlofte" },
];

export const behindWidget: StaffWidget = {
  order: 10,
  async render(req, ctx, tenantId) {
    if (!can(req.actor, "promises.readStaff", { tenant_id: tenantId })) return null;
    const views = await loadActiveViews(req.server.db, tenantId, todayInStockholm());
    if (views.length === 0) return null;
    const behind = views.flatMap((v) => v.promises.filter((p) => p.progress.behind).map((promise) => ({ doc: v.doc, promise })));
    const t = ctx.t;
    return html`<section aria-labelledby="promises-widget">
  <h2 id="promises-widget">${t("promises.widget.title")}</h2>
  ${behindList(ctx, behind)}
  <p><a href="${staffBase(ctx.tenant!.slug)}">${t("promises.widget.all")}</a></p>
</section>`;
  },
};
