// What the surveys module shows on shared pages: the public navigation link, a card and — while a
// round is open — an invitation on the tenant's start page, the staff start page's section, and
// reported crime (Brå) as an incident source for comparison pages.
import { html, sv } from "../../platform/http/html.ts";
import type { NavLink, PromiseIndicatorSource, PublicLink, PublicNotice, StaffWidget } from "../../platform/module.ts";
import { settingsOf } from "../../platform/tenancy/settings.ts";
import { can } from "./policy.ts";
import { todayInStockholm } from "./domain/dates.ts";
import { openSurveyNotice } from "./pages/public.ts";
import { staffBase, surveyStaffUrl } from "./pages/urls.ts";
import { listAnswerable, listSurveys } from "./repo/surveys.ts";
import { indicatorViews } from "./service/cite.ts";
import { surveyAreas } from "./service/results.ts";
import { SETTINGS_KEY, SurveySettings } from "./schema.ts";
import { statusBadge } from "./pages/format.ts";

export const navigation: NavLink[] = [{ label: "surveys.nav", path: "/trygghetsmatning", order: 30 }];

export const publicLinks: PublicLink[] = [{ order: 30, label: "surveys.nav", description: "surveys.publicLink.description", path: "/trygghetsmatning" }];

export const openSurveyNoticeOnStart: PublicNotice = {
  order: 10,
  async render(req, ctx, tenantId) {
    const open = await listAnswerable(req.server.db, tenantId, todayInStockholm());
    return open.length && ctx.tenant ? openSurveyNotice(ctx, ctx.tenant.slug, open, "start-open-survey") : null;
  },
};

export const staffWidget: StaffWidget = {
  order: 300,
  async render(req, ctx, tenantId) {
    if (!can(req.actor, "surveys.readStaff", { tenant_id: tenantId }) || !ctx.tenant) return null;
    const rounds = (await listSurveys(req.server.db, tenantId)).filter((s) => s.status === "oppen" || s.status === "stangd").slice(0, 5);
    return html`<section aria-labelledby="surveys-widget">
<h2 id="surveys-widget">${ctx.t("surveys.widget.heading")}</h2>
${
  rounds.length
    ? html`<ul>${rounds.map((s) => html`<li><a href="${surveyStaffUrl(ctx.tenant!.slug, s.id)}">${sv(ctx, s.title)}</a> ${statusBadge(ctx.t, s.status)}</li>`)}</ul>`
    : html`<p>${ctx.t("surveys.widget.none")}</p>`
}
<p><a href="${staffBase(ctx.tenant.slug)}">${ctx.t("surveys.staff.title")}</a></p>
</section>`;
  },
};

/** Survey items named as promises' indicators, for the promise pages (with the latest value). */
export const surveyIndicators: PromiseIndicatorSource = {
  async indicators(db, tenant, lineageIds, locale) {
    if (!lineageIds.length) return [];
    const settings = settingsOf(tenant, SETTINGS_KEY, SurveySettings);
    const areas = await surveyAreas(db, tenant.id);
    const views = await indicatorViews(db, tenant.id, tenant.slug, areas, settings, { lineageIds, locale });
    return views.map((v) => ({ lineageId: v.lineageId, label: v.label, href: v.href, latest: v.latest ? `${v.latest.year}: ${v.latest.text}` : null }));
  },
};
