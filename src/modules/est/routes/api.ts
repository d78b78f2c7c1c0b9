// The EST API: report from an app (the same rules and screening as the form), the reports a
// person may see, and the figures of a week's lägesbild.
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor.ts";
import { ApiError, apiErrors, fieldIssue, HttpError } from "../../../platform/http/errors.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { rangeOf } from "../domain/report-rules.ts";
import { currentWeek, parseWeek, weekDays, weekLabel, weekOfDay } from "../domain/time.ts";
import { can } from "../policy.ts";
import { listReports, type ReportRow, type ReportView } from "../repo/reports.ts";
import { ReportInput, ReportOut } from "../schema.ts";
import { createReport } from "../service/reports.ts";
import { categoryLabel, estSettings } from "../settings.ts";
import type { EstAccess } from "./access.ts";
import { lagesbildFor } from "./week.ts";

const TenantParams = z.object({ tenant: z.string() });
const tags = ["EST"];

function out(tenant: TenantRow, r: ReportRow | ReportView, locale: "sv" | "en") {
  return {
    id: r.id,
    category: r.category,
    category_label: categoryLabel(estSettings(tenant), r.category, locale),
    occurred_from: new Date(r.occurred_from).toISOString(),
    occurred_to: r.occurred_to ? new Date(r.occurred_to).toISOString() : null,
    week: weekLabel(weekOfDay(r.day)),
    place_name: r.place_name,
    setting: r.setting,
    lat: r.lat,
    lon: r.lon,
    description: r.description,
    assessment: r.assessment,
    people: rangeOf(r.people_min, r.people_max),
    status: r.status,
    organisation: "organisation_name" in r ? r.organisation_name : null,
    version: r.version,
    created_at: new Date(r.created_at).toISOString(),
  };
}

const Figure = z.object({
  source: z.string(),
  category: z.string(),
  label: z.string(),
  week: z.number(),
  previous_mean: z.number(),
  change: z.number(),
  last_year: z.number(),
});

const LagesbildOut = z
  .object({
    week: z.string(),
    first_date: z.string(),
    last_date: z.string(),
    area: z.string().nullable(),
    totals: z.array(Figure.omit({ category: true, label: true })),
    figures: z.array(Figure),
    hotspots: z.object({
      from_week: z.string(),
      to_week: z.string(),
      cell_size: z.number(),
      band: z.number(),
      sparse: z.string().nullable(),
      cells: z.array(z.object({ class: z.string(), lat: z.number(), lon: z.number(), count: z.number(), z: z.number(), q: z.number() })),
    }),
    emerging: z.object({
      from_week: z.string(),
      to_week: z.string(),
      sparse: z.string().nullable(),
      cells: z.array(z.object({ pattern: z.string(), lat: z.number(), lon: z.number(), count: z.number() })),
    }),
    summary: z.string(),
  })
  .meta({ id: "EstLagesbild" });

export async function registerApiRoutes(app: App, access: EstAccess): Promise<void> {
  app.post(
    "/api/t/:tenant/est/reports",
    {
      schema: {
        tags,
        summary: "Rapportera en händelse (samma regler och personuppgiftskontroll som formuläret)",
        security: [{ session: [] }],
        params: TenantParams,
        body: ReportInput,
        response: { 201: ReportOut, ...apiErrors, 422: ApiError },
      },
      ...access.apiReports.options,
    },
    async (req, reply) => {
      const { tenant, actor } = access.apiReports.of(req);
      const r = await createReport(app.db, tenant, actor, req.body, "api");
      switch (r.kind) {
        case "ok":
          return reply.code(201).send(out(tenant, r.report, req.locale));
        case "invalid": {
          const fields = Object.entries(r.problems).map(([f, p]) => fieldIssue(f, p.key, p.params));
          throw HttpError.of(400, "est.api.invalid", undefined, { code: "validation", fields });
        }
        case "personalData": {
          const sv = translator("sv");
          const en = translator("en");
          const list = (t: typeof sv) => r.findings.map((f) => `${t(`est.privacy.kind.${f.kind}`)}: ${f.text}`).join("; ");
          throw new HttpError(422, sv("est.api.personalData", { list: list(sv) }), en("est.api.personalData", { list: list(en) }), {
            code: r.certain ? "personal_data" : "possible_names",
            fields: [{ field: r.field, message: sv("est.privacy.fieldError"), message_en: en("est.privacy.fieldError") }],
          });
        }
        default:
          throw HttpError.of(403, "est.error.forbidden");
      }
    },
  );

  app.get(
    "/api/t/:tenant/est/reports",
    {
      schema: {
        tags,
        summary: "Rapporter en vecka som personen får se",
        security: [{ session: [] }],
        params: TenantParams,
        querystring: z.object({ week: z.string().optional() }),
        response: { 200: z.object({ week: z.string(), reports: z.array(ReportOut) }), ...apiErrors },
      },
      ...access.apiRead.options,
    },
    async (req) => {
      const { tenant, actor } = access.apiRead.of(req);
      const week = req.query.week ? parseWeek(req.query.week) : currentWeek();
      if (week === null) throw HttpError.of(400, "est.error.week", { week: String(req.query.week).slice(0, 20) });
      const visibleTo = visibility(actor, tenant);
      const { rows } = await listReports(app.db, tenant.id, { ...weekDays(week), ...(visibleTo ? { visibleTo } : {}), limit: 1000 });
      return { week: weekLabel(week), reports: rows.map((r) => out(tenant, r, req.locale)) };
    },
  );

  app.get(
    "/api/t/:tenant/est/lagesbild",
    {
      schema: {
        tags,
        summary: "Veckans lägesbild: siffror, hot spots och framväxande hot spots",
        security: [{ session: [] }],
        params: TenantParams,
        querystring: z.object({ week: z.string().optional(), area: z.string().optional() }),
        response: { 200: LagesbildOut, ...apiErrors },
      },
      ...access.apiRead.options,
    },
    async (req) => {
      const { tenant } = access.apiRead.of(req);
      const l = await lagesbildFor(app, tenant, { vecka: req.query.week, omrade: req.query.area });
      const CLASS = ["cold99", "cold95", "cold90", "ns", "hot90", "hot95", "hot99"];
      return {
        week: l.weekLabel,
        first_date: l.firstDate,
        last_date: l.lastDate,
        area: l.area.name,
        totals: l.totals.map((x) => ({ source: x.source, week: x.week, previous_mean: x.previousMean, change: x.change, last_year: x.lastYear })),
        figures: l.figures.map((f) => ({
          source: f.source,
          category: f.category.key,
          label: f.category.label[req.locale],
          week: f.week,
          previous_mean: f.previousMean,
          change: f.change,
          last_year: f.lastYear,
        })),
        hotspots: {
          from_week: l.hotspots.fromWeek,
          to_week: l.hotspots.toWeek,
          cell_size: l.hotspots.cellSize,
          band: l.hotspots.band,
          sparse: l.hotspots.sparse,
          cells: l.hotspots.significant.map((c) => ({ class: CLASS[c.cls + 3] as string, lat: c.lat, lon: c.lon, count: c.count, z: c.z, q: c.q })),
        },
        emerging: {
          from_week: l.emerging.fromWeek,
          to_week: l.emerging.toWeek,
          sparse: l.emerging.sparse,
          cells: l.emerging.withPattern.map((c) => ({ pattern: c.pattern, lat: c.lat, lon: c.lon, count: c.count })),
        },
        summary: l.summary.text,
      };
    },
  );
}

/** Whose reports a person may list (undefined: everyone's). */
export function visibility(actor: Actor, tenant: TenantRow): { organisationId: string | null; reporterId: string } | undefined {
  const probe = {
    tenant_id: tenant.id,
    reporter_id: null,
    organisation_id: "\u0000",
    created_at: new Date(),
    status: "ny",
    reportersSeeAll: estSettings(tenant).reportersSeeAll,
    actorOrganisations: [],
    now: new Date(),
  };
  if (can(actor, "report.read", probe)) return undefined;
  return { organisationId: actor.organisations.get(tenant.id) ?? null, reporterId: actor.userId };
}
