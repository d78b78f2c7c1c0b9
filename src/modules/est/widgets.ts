// The EST section of the staff start page: report an incident (reporters), this week's and last
// week's lägesbild, reports waiting for review (coordinators), and insatser the person's
// organisation has under way.
import { html } from "../../platform/http/html.ts";
import type { StaffWidget } from "../../platform/module.ts";
import { currentWeek, weekLabel } from "./domain/time.ts";
import { estBase } from "./pages/common.ts";
import { can } from "./policy.ts";

export const estWidget: StaffWidget = {
  order: 20,
  async render(req, ctx, tenantId) {
    if (!can(req.actor, "est.read", { tenant_id: tenantId }) || !ctx.tenant) return null;
    const t = ctx.t;
    const base = estBase(ctx.tenant.slug);
    const db = req.server.db;
    const review = can(req.actor, "report.review", { tenant_id: tenantId });
    const waiting = review
      ? Number(
          (
            await db
              .selectFrom("est_reports")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("tenant_id", "=", tenantId)
              .where("status", "=", "ny")
              .executeTakeFirstOrThrow()
          ).n,
        )
      : 0;
    const org = req.actor?.organisations.get(tenantId) ?? null;
    const ours = org
      ? Number(
          (
            await db
              .selectFrom("est_insatser")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("tenant_id", "=", tenantId)
              .where("organisation_id", "=", org)
              .where("status", "in", ["beslutad", "pagar"])
              .executeTakeFirstOrThrow()
          ).n,
        )
      : 0;
    const last = weekLabel(currentWeek() - 1);
    return html`<section aria-labelledby="est-widget">
  <h2 id="est-widget">${t("est.widget.title")}</h2>
  <ul>
    ${can(req.actor, "report.create", { tenant_id: tenantId }) ? html`<li><a href="${base}/rapportera">${t("est.report.new")}</a></li>` : ""}
    <li><a href="${base}?vecka=${last}">${t("est.widget.lastWeek", { week: last })}</a></li>
    ${review ? html`<li><a href="${base}/rapporter?status=ny">${t("est.widget.toReview", { count: waiting })}</a></li>` : ""}
    ${org ? html`<li><a href="${base}/insatser?status=pagar">${t("est.widget.ours", { count: ours })}</a></li>` : ""}
  </ul>
</section>`;
  },
};
