// What the analysis module shows elsewhere: a section on the staff start page with the latest
// run and the way to a new one (only for roles that may read analyses).
import { html } from "../../platform/http/html.ts";
import { formatDate } from "../../platform/i18n/i18n.ts";
import type { StaffWidget } from "../../platform/module.ts";
import { hotspotsBase } from "./pages/common.ts";
import { can } from "./policy.ts";
import { runPath } from "./present.ts";
import { listRuns } from "./repo.ts";

export const latestRunWidget: StaffWidget = {
  order: 40,
  async render(req, ctx, tenantId) {
    if (!can(req.actor, "analysis.read", { tenant_id: tenantId })) return null;
    const [latest] = await listRuns(req.server.db, tenantId, 1);
    const t = ctx.t;
    const slug = ctx.tenant!.slug;
    return html`<section aria-labelledby="analysis-widget">
  <h2 id="analysis-widget">${t("analysis.widget.title")}</h2>
  <p>${t("analysis.widget.text")}</p>
  ${latest ? html`<p>${t("analysis.widget.latest")} <a href="${runPath(slug, latest.id)}">${formatDate(latest.created_at, ctx.locale, true)}</a></p>` : ""}
  <p><a href="${hotspotsBase(slug)}">${t("analysis.widget.open")}</a></p>
</section>`;
  },
};
