// The Atom feed of new reports and public updates (/t/{slug}/rapporter/flode.atom, filtered by
// ?kategori= and ?omrade=) and the statistics page (/t/{slug}/rapporter/statistik). Both follow
// the public rule: no person-related report ever appears on its own in the feed.
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { htmlResponses, sendPageAsync } from "../../../platform/http/page.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { App } from "../../../platform/http/types.ts";
import { displayRef } from "../domain/codes.ts";
import { xmlAttr, xmlText } from "../domain/open311-format.ts";
import { statsPage } from "../pages/stats.ts";
import { feedEvents } from "../repo/public.ts";
import { tenantGeo } from "../service/geo.ts";
import { reportStats, statsPeriod } from "../service/stats.ts";
import { categoryName, findCategory, personCategoryCodes, reportsSettings } from "../settings.ts";
import type { ReportsPipelines } from "./access.ts";

const TenantParams = z.object({ tenant: z.string() });
const tags = ["medborgardialog"];

function q(query: unknown, name: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
}

export async function registerFeedAndStatsRoutes(app: App, p: ReportsPipelines): Promise<void> {
  const { config } = app.deps;

  app.get(
    "/t/:tenant/rapporter/flode.atom",
    {
      schema: { tags, summary: "Atom-flöde med nya rapporter och offentliga uppdateringar (?kategori=, ?omrade=)", params: TenantParams },
      ...p.cachedFile.options,
    },
    async (req, reply) => {
      const { tenant } = p.cachedFile.of(req);
      const settings = reportsSettings(tenant);
      const g = await tenantGeo(app.db, tenant.id);
      const kategori = q(req.query, "kategori");
      const omrade = q(req.query, "omrade");
      if (kategori && !findCategory(settings, kategori)) throw HttpError.of(404);
      if (omrade && !g.areas.some((a) => a.id === omrade)) throw HttpError.of(404);
      const events = await feedEvents(app.db, tenant.id, {
        categories: kategori ? [kategori] : undefined,
        areaId: omrade || undefined,
        personCodes: personCategoryCodes(settings),
        limit: 100,
      });
      const base = `${config.baseUrl}/t/${tenant.slug}/rapporter`;
      // The feed's own address from its filters alone (not the request's raw query), so the
      // answer is the same for every address the public-answer cache files under one key.
      const filters = new URLSearchParams([...(kategori ? [["kategori", kategori]] : []), ...(omrade ? [["omrade", omrade]] : [])]).toString();
      const self = `${base}/flode.atom${filters ? `?${filters}` : ""}`;
      const t = req.t;
      const updated = events[0]?.created_at ?? new Date(0);
      const entries = events.map((e) => {
        const cat = categoryName(settings, e.category, req.locale);
        const title =
          e.kind === "submitted"
            ? t("reports.feed.newReport", { category: cat, ref: displayRef(e.ref) })
            : e.kind === "resident"
              ? t(`reports.resident.${e.text === "fixed" ? "fixed" : "notFixed"}`)
              : e.kind === "status" || e.kind === "reopen"
                ? t("reports.feed.status", { ref: displayRef(e.ref), status: t(`reports.status.${e.status_to ?? e.status}`) })
                : t("reports.feed.update", { category: cat, ref: displayRef(e.ref) });
        const content = e.kind === "submitted" ? e.description : e.kind === "resident" || e.kind === "merge" ? "" : e.text;
        return `  <entry>
    <id>${xmlText(`${base}/${e.ref}#h-${e.update_id}`)}</id>
    <title>${xmlText(title)}</title>
    <updated>${e.created_at.toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${xmlAttr(`${base}/${e.ref}`)}"/>
    ${e.author_label ? `<author><name>${xmlText(e.author_label)}</name></author>` : ""}
    <content type="text">${xmlText(content)}</content>
  </entry>`;
      });
      const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${req.locale}">
  <title>${xmlText(t("reports.feed.title", { tenant: tenant.name }))}</title>
  <id>${xmlText(self)}</id>
  <updated>${updated.toISOString()}</updated>
  <author><name>${xmlText(tenant.name)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xmlAttr(self)}"/>
  <link rel="alternate" type="text/html" href="${xmlAttr(base)}"/>
${entries.join("\n")}
</feed>
`;
      return app.publicCache.send(req, reply, { type: "application/atom+xml; charset=utf-8", body });
    },
  );

  app.get(
    "/t/:tenant/rapporter/statistik",
    {
      schema: {
        tags,
        summary:
          "Statistik för lägesbilden och medborgarlöftet: per kategori, område, status, månad och tid på dygnet; mediantider (?fran=ÅÅÅÅ-MM&till=ÅÅÅÅ-MM)",
        params: TenantParams,
        response: htmlResponses,
      },
      ...p.cachedPage.options,
    },
    async (req, reply) => {
      const { tenant } = p.cachedPage.of(req);
      const settings = reportsSettings(tenant);
      const fran = q(req.query, "fran");
      const till = q(req.query, "till");
      let period = statsPeriod(fran || undefined, till || undefined);
      const error = period ? null : req.t("reports.stats.badPeriod");
      period ??= statsPeriod(undefined, undefined)!;
      const stats = await reportStats(app.db, tenant.id, settings, period);
      const query = new URLSearchParams({ fran: stats.from, till: stats.to }).toString();
      const build = async (ctx: PageContext) =>
        statsPage(ctx, stats, {
          min: settings.minCount,
          url: `${config.baseUrl}/t/${tenant.slug}/rapporter/statistik?${query}`,
          csvUrl: `/t/${tenant.slug}/rapporter/statistik.csv?${query}`,
          error,
          fran: fran || stats.from,
          till: till || stats.to,
        });
      // A bad period is answered (400) but never kept; the rest once per change (decision 0015).
      if (error) return sendPageAsync(req, reply, build, 400);
      return app.publicCache.sendPage(req, reply, build);
    },
  );
}
