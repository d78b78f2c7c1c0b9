// What the walks module shows elsewhere: the public navigation entry, the card on the tenant's
// start page, and the staff start page's section (the next walk, and open actions of one's own).
import { html, sv } from "../../platform/http/html.ts";
import type { NavLink, PublicLink, StaffWidget } from "../../platform/module.ts";
import { publicBase, staffBase, whenText } from "./pages/format.ts";
import { can } from "./policy.ts";
import { listWalks } from "./repo/walks.ts";
import { listMyActions } from "./service/actions.ts";

export const navigation: NavLink[] = [{ label: "walks.nav", path: "/vandringar", order: 30 }];

export const publicLinks: PublicLink[] = [{ order: 30, label: "walks.publicLink.label", description: "walks.publicLink.description", path: "/vandringar" }];

export const walksWidget: StaffWidget = {
  order: 30,
  async render(req, ctx, tenantId) {
    const actor = req.actor;
    if (!actor || !can(actor, "walks.readStaff", { tenant_id: tenantId }) || !ctx.tenant) return null;
    const db = req.server.db;
    const now = Date.now();
    const next = (await listWalks(db, tenantId, ["utkast", "inbjudan"])).filter((w) => new Date(w.ends_at).getTime() >= now).at(-1);
    const mine = await listMyActions(db, tenantId, actor, { openOnly: true });
    const t = ctx.t;
    return html`<section aria-labelledby="walks-widget">
  <h2 id="walks-widget">${t("walks.widget.title")}</h2>
  ${next ? html`<p>${t("walks.widget.next")} <a href="${staffBase(ctx.tenant.slug)}/${next.id}">${sv(ctx, next.title)}</a>, ${whenText(next, ctx.locale)}.</p>` : html`<p>${t("walks.widget.noNext")}</p>`}
  ${mine.scope !== "none" ? html`<p><a href="${staffBase(ctx.tenant.slug)}/mina-atgarder">${t("walks.widget.openActions", { count: mine.actions.length })}</a></p>` : ""}
  <p><a href="${staffBase(ctx.tenant.slug)}">${t("walks.staff.title")}</a> · <a href="${publicBase(ctx.tenant.slug)}">${t("walks.staff.publicPage")}</a></p>
</section>`;
  },
};
