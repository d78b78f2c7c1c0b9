// CSV downloads, written by the platform's one CSV writer (src/platform/csv.ts: RFC 4180, or the
// Swedish Excel dialect with ?format=excel; formula injection guarded):
//   /t/{slug}/rapporter/statistik.csv          the public figures, under the same suppression as
//                                              the statistics page (a left-out count is an empty
//                                              cell and a note, never a number)
//   /t/{slug}/arbete/rapporter/export.csv      the inbox's selection for staff (coordinators and the
//                                              police): deliberate and logged (audit_log), and
//                                              without the reporters' names and addresses
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { CSV_CONTENT_TYPE, type CsvValue, csvDialectOf, csvFilename, writeCsv } from "../../../platform/csv.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import type { App } from "../../../platform/http/types.ts";
import { plain } from "../../../platform/i18n/content.ts";
import { listForExport, supportCounts } from "../repo/reports.ts";
import { tenantGeo } from "../service/geo.ts";
import { organisationsById } from "../service/handle.ts";
import { placeText } from "../service/public-view.ts";
import { reportStats, statsPeriod } from "../service/stats.ts";
import { categoryName, isPersonRelated, reportsSettings } from "../settings.ts";
import { UNSAFE_TIMES } from "../tables.ts";
import type { ReportsPipelines } from "./access.ts";
import { inboxFilter } from "./staff.ts";

const TenantParams = z.object({ tenant: z.string() });
const CsvResponse = { 200: z.string().describe("CSV (text/csv; charset=utf-8); ?format=excel för svenska Excel") };

/** Most rows one staff export carries; narrow the selection for more. */
export const MAX_EXPORT_ROWS = 20_000;

function sendCsv(reply: FastifyReply, body: string, filename: string, cache: string): FastifyReply {
  return reply.type(CSV_CONTENT_TYPE).header("content-disposition", `attachment; filename="${filename}"`).header("cache-control", cache).send(body);
}

export async function registerCsvRoutes(app: App, p: ReportsPipelines): Promise<void> {
  app.get(
    "/t/:tenant/rapporter/statistik.csv",
    {
      schema: {
        tags: ["medborgardialog"],
        summary: "Statistiken som CSV (samma urval och samma undertryckning som sidan; ?fran=ÅÅÅÅ-MM&till=ÅÅÅÅ-MM, ?format=excel)",
        params: TenantParams,
        response: CsvResponse,
      },
      ...p.publicFile.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicFile.of(req);
      const q = (req.query ?? {}) as Record<string, unknown>;
      const period = statsPeriod(typeof q.fran === "string" && q.fran ? q.fran : undefined, typeof q.till === "string" && q.till ? q.till : undefined);
      if (!period) throw HttpError.of(400, "reports.stats.badPeriod", undefined, { code: "period" });
      const settings = reportsSettings(tenant);
      const s = await reportStats(app.db, tenant.id, settings, period);
      const t = req.t;
      const note = t("reports.stats.suppressed", { min: settings.minCount });
      const rows: CsvValue[][] = [];
      const push = (c: (typeof s.categories)[number], dimension: string, key: string, count: number | null) =>
        rows.push([c.code, c.name[req.locale], c.person ? t("reports.csv.person") : t("reports.csv.place"), dimension, key, count, count === null ? note : ""]);
      for (const c of s.categories) {
        push(c, t("reports.stats.total"), "", c.total);
        for (const x of c.byStatus) push(c, t("reports.filter.status"), t(`reports.status.${x.key}`), x.count);
        for (const x of c.byArea) push(c, t("reports.filter.area"), s.areas.find((a) => a.key === x.key)?.name || t("reports.stats.noArea"), x.count);
        for (const x of c.byMonth) push(c, t("reports.csv.month"), x.key, x.count);
        for (const x of c.byTime) push(c, t("reports.form.when"), t(`reports.time.${x.key}`), x.count);
      }
      const dialect = csvDialectOf(q.format);
      const header = [
        t("reports.csv.code"),
        t("reports.col.category"),
        t("reports.csv.kind"),
        t("reports.csv.dimension"),
        t("reports.csv.value"),
        t("reports.col.count"),
        t("reports.csv.note"),
      ];
      return sendCsv(reply, writeCsv(header, rows, dialect), csvFilename(`rapporter-${s.from}-${s.to}.csv`, dialect), "public, max-age=300");
    },
  );

  app.get(
    "/t/:tenant/arbete/rapporter/export.csv",
    {
      schema: {
        tags: ["medborgardialog (personal)"],
        summary: "Inkorgens urval som CSV för samordnare och polis (loggas; utan namn och e-post på dem som rapporterat; ?format=excel)",
        params: TenantParams,
        response: CsvResponse,
      },
      ...p.exportCsv.options,
    },
    async (req, reply) => {
      const { tenant, actor } = p.exportCsv.of(req);
      const settings = reportsSettings(tenant);
      const [g, orgs] = await Promise.all([tenantGeo(app.db, tenant.id), organisationsById(app.db, tenant.id)]);
      const { filter, repo } = inboxFilter(req, settings, g.areas, orgs);
      const reports = await listForExport(app.db, tenant.id, repo, MAX_EXPORT_ROWS);
      const counts = await supportCounts(
        app.db,
        tenant.id,
        reports.map((r) => r.id),
      );
      // Exports of public records are deliberate and logged: who, when, which selection, how many rows.
      await app.db
        .insertInto("audit_log")
        .values({
          tenant_id: tenant.id,
          actor_id: actor.userId,
          action: "reports.export",
          entity: "reports",
          entity_id: null,
          data: JSON.stringify({ filter, rows: reports.length }),
        })
        .execute();
      const t = req.t;
      const header = [
        t("reports.col.ref"),
        t("reports.col.category"),
        t("reports.csv.kind"),
        t("reports.col.status"),
        t("reports.filter.visibility"),
        t("reports.col.created"),
        t("reports.csv.firstResponse"),
        t("reports.csv.closed"),
        t("reports.col.area"),
        t("reports.col.where"),
        t("reports.csv.lat"),
        t("reports.csv.lon"),
        t("reports.col.routed"),
        t("reports.report.description"),
        t("reports.form.locationText"),
        t("reports.staff.reason"),
        t("reports.staff.authority"),
        t("reports.form.unsafe"),
        ...UNSAFE_TIMES.map((k) => t(`reports.time.${k}`)),
        t("reports.col.supports"),
      ];
      const rows = reports.map((r): CsvValue[] => {
        const where = placeText(r, g.places, g.areas, t, req.locale);
        return [
          r.ref,
          categoryName(settings, r.category, req.locale),
          isPersonRelated(settings, r) ? t("reports.csv.person") : t("reports.csv.place"),
          t(`reports.status.${r.status}`),
          t(`reports.visibility.${r.visibility}`),
          r.created_at.toISOString(),
          r.first_response_at?.toISOString() ?? "",
          r.closed_at?.toISOString() ?? "",
          g.areas.find((a) => a.id === r.area_id)?.name ?? "",
          where === null ? "" : plain(where),
          r.lat,
          r.lon,
          r.organisation_id ? (orgs.get(r.organisation_id)?.name ?? "") : "",
          r.description,
          r.location_text,
          r.status_reason ?? "",
          r.other_authority ?? "",
          r.feels_unsafe === null ? "" : t(r.feels_unsafe ? "reports.form.unsafe.yes" : "reports.form.unsafe.no"),
          ...UNSAFE_TIMES.map((k) => (r.unsafe_times.includes(k) ? 1 : 0)),
          counts.get(r.id) ?? 0,
        ];
      });
      const dialect = csvDialectOf((req.query as Record<string, unknown> | undefined)?.format);
      return sendCsv(reply, writeCsv(header, rows, dialect), csvFilename(`rapporter-${tenant.slug}.csv`, dialect), "private, no-store");
    },
  );
}
