// The reports card on the staff start page: what waits, what is late.
import { html } from "../../platform/http/html.ts";
import { formatNumber } from "../../platform/i18n/i18n.ts";
import type { StaffWidget } from "../../platform/module.ts";
import { overdue } from "./domain/stats.ts";
import { can } from "./policy.ts";
import { COUNT_CAP, countByStatus, listOpenOlderThan } from "./repo/reports.ts";
import { reportsSettings } from "./settings.ts";

export const inboxWidget: StaffWidget = {
  order: 20,
  async render(req, ctx, tenantId) {
    if (!can(req.actor, "reports.readStaff", { tenant_id: tenantId }) || !ctx.tenant || !req.tenant) return null;
    const settings = reportsSettings(req.tenant);
    const counts = await countByStatus(req.server.db, tenantId, { status: ["mottagen", "under_utredning"] });
    const pending = await countByStatus(req.server.db, tenantId, { visibility: ["pending"] });
    const open = (counts.get("mottagen") ?? 0) + (counts.get("under_utredning") ?? 0);
    const now = new Date();
    const old = await listOpenOlderThan(
      req.server.db,
      tenantId,
      new Date(now.getTime() - Math.min(settings.firstResponseDays, settings.closureDays) * 86_400_000),
      500,
    );
    const late = old.filter((r) => {
      const o = overdue({ status_open: true, created_at: r.created_at, first_response_at: r.first_response_at }, now, settings);
      return o.firstResponse || o.closure;
    }).length;
    const waiting = [...pending.values()].reduce((s, n) => s + n, 0);
    const base = `/t/${ctx.tenant.slug}/arbete/rapporter`;
    return html`<section aria-labelledby="reports-widget">
  <h2 id="reports-widget">${ctx.t("reports.widget.title")}</h2>
  <ul>
    <li><a href="${base}">${open > COUNT_CAP ? ctx.t("reports.widget.openMany", { count: formatNumber(COUNT_CAP, ctx.locale) }) : ctx.t("reports.widget.open", { count: open })}</a></li>
    <li><a href="${base}/forsenade">${ctx.t("reports.widget.late", { count: late })}</a></li>
    ${waiting ? html`<li><a href="${base}?status=alla&amp;synlighet=pending">${ctx.t("reports.widget.pending", { count: waiting })}</a></li>` : ""}
  </ul>
</section>`;
  },
};
