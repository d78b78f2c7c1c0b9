// The week: the lägesbild page, its PDF and CSV, and the coordinator's summary.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { field, fields } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { getTenantBoundary, mapIsland } from "../../tenants/index.ts";
import { currentWeek, parseWeek, weekDays, weekLabel } from "../domain/time.ts";
import { renderLagesbildPdf } from "../pdf/lagesbild.ts";
import { estBase } from "../pages/common.ts";
import { hotspotLayers, weekPage, type WeekPageInput, weekQuery } from "../pages/week.ts";
import { can } from "../policy.ts";
import { findMeetingOfWeek, listPoliceEvents, saveSummary } from "../repo/meetings.ts";
import { SummaryInput } from "../schema.ts";
import { areaScope, buildLagesbild, type Lagesbild, weekLayer } from "../service/lagesbild.ts";
import { screen, screeningWords } from "../service/reports.ts";
import type { EstAccess } from "./access.ts";
import { sendCsvTable } from "./csv.ts";

const TenantParams = z.object({ tenant: z.string() });
const WeekQuery = z.object({ vecka: z.string().optional(), omrade: z.string().optional(), lang: z.string().optional(), format: z.string().optional() });
const tags = ["EST (sidor för personal)"];

/** The week asked for (?vecka=2024-W22), or the last complete week. */
export function weekOf(text: string | undefined): number {
  if (!text) return currentWeek() - 1;
  const w = parseWeek(text);
  if (w === null) throw HttpError.of(400, "est.error.week", { week: text.slice(0, 20) });
  return w;
}

/** The lägesbild of the request's week and area (404 for an area of another tenant or none). */
export async function lagesbildFor(app: App, tenant: TenantRow, query: { vecka?: string | undefined; omrade?: string | undefined }): Promise<Lagesbild> {
  const week = weekOf(query.vecka);
  const { scope, areas } = await areaScope(app.db, tenant.id, query.omrade ?? "");
  if (!scope) throw HttpError.of(404, "est.error.area");
  return buildLagesbild(app.db, tenant, week, scope, areas, app.ui.incidentSources);
}

export async function registerWeekRoutes(app: App, access: EstAccess): Promise<void> {
  const { config } = app.deps;

  async function renderWeek(req: FastifyRequest, reply: FastifyReply, summary?: WeekPageInput["summary"], status = 200) {
    const { tenant, actor } = access.week.of(req);
    const t0 = performance.now();
    const q = req.query as z.infer<typeof WeekQuery>;
    const l = await lagesbildFor(app, tenant, q);
    const tq = performance.now();
    const [police, meetingOfWeek, boundary] = await Promise.all([
      listPoliceEvents(app.db, tenant.id, weekDays(l.week)),
      findMeetingOfWeek(app.db, tenant.id, l.weekLabel),
      getTenantBoundary(app.db, tenant.id),
    ]);
    const t1 = performance.now();
    // How long the picture took, for the benchmark and for operators (no personal data).
    const db = l.timings.db + (t1 - tq);
    reply.header("server-timing", `db;dur=${db.toFixed(1)}, engine;dur=${l.timings.engine.toFixed(1)}, build;dur=${(t1 - t0).toFixed(1)}`);
    return sendPageAsync(
      req,
      reply,
      async (ctx) => {
        const layer = weekLayer(l, ctx.t, ctx.locale);
        return weekPage(ctx, {
          l,
          layer,
          police,
          meetingOfWeek: meetingOfWeek ?? null,
          map: mapIsland(
            ctx,
            "est-map",
            { boundary, areas: [], layers: hotspotLayers(ctx, l, layer) },
            config.MAP_TILE_URL,
            config.MAP_TILE_ATTRIBUTION,
            ctx.t("est.map.label"),
          ),
          may: {
            editSummary: can(actor, "summary.edit", { tenant_id: tenant.id }),
            report: can(actor, "report.create", { tenant_id: tenant.id }),
            manageMeeting: can(actor, "meeting.manage", { tenant_id: tenant.id }),
            export: can(actor, "est.export", { tenant_id: tenant.id }),
            settings: can(actor, "est.settings", { tenant_id: tenant.id }),
          },
          ...(summary ? { summary } : {}),
        });
      },
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/est",
    {
      schema: {
        tags,
        summary: "Veckans lägesbild (EST): siffror, karta, hot spots, framväxande hot spots, beslut",
        params: TenantParams,
        querystring: WeekQuery,
        response: htmlResponses,
      },
      ...access.week.options,
    },
    async (req, reply) => renderWeek(req, reply),
  );

  app.get(
    "/t/:tenant/arbete/est/lagesbild.pdf",
    {
      schema: {
        tags,
        summary: "Veckans lägesbild som tillgänglig PDF",
        params: TenantParams,
        querystring: WeekQuery,
        response: { 200: z.string().describe("PDF") },
      },
      ...access.weekFile.options,
    },
    async (req, reply) => {
      const { tenant } = access.weekFile.of(req);
      const l = await lagesbildFor(app, tenant, req.query);
      const police = await listPoliceEvents(app.db, tenant.id, weekDays(l.week));
      const publicUrl = `${config.baseUrl}${estBase(tenant.slug)}${weekQuery(l.week, l.area.key)}`;
      const pdf = await renderLagesbildPdf(l, { locale: req.locale, publicUrl, layer: weekLayer(l, req.t, req.locale), police, now: new Date() });
      return (reply as FastifyReply)
        .type("application/pdf")
        .header("content-disposition", `inline; filename="lagesbild-${tenant.slug}-${l.weekLabel}.pdf"`)
        .header("cache-control", "private, no-store")
        .send(pdf);
    },
  );

  app.get(
    "/t/:tenant/arbete/est/lagesbild.csv",
    {
      schema: {
        tags,
        summary: "Veckans lägesbild: siffrorna som CSV (?format=excel för Excel med svenska inställningar)",
        params: TenantParams,
        querystring: WeekQuery,
        response: { 200: z.string().describe("CSV") },
      },
      ...access.weekFile.options,
    },
    async (req, reply) => {
      const { tenant } = access.weekFile.of(req);
      const l = await lagesbildFor(app, tenant, req.query);
      const { lagesbildTable } = await import("../service/exports.ts");
      return sendCsvTable(reply, lagesbildTable(l, req.locale), `lagesbild-${tenant.slug}-${l.weekLabel}.csv`, req.query.format);
    },
  );

  app.post(
    "/t/:tenant/arbete/est/sammanfattning",
    {
      schema: { tags, summary: "Spara veckans sammanfattning (samordnare)", params: TenantParams, body: FormBody, response: htmlResponses },
      ...access.summary.options,
    },
    async (req, reply) => {
      const { tenant, actor } = access.summary.of(req);
      const week = weekOf(field(req.body, "vecka"));
      const areaKey = field(req.body, "omrade");
      (req as { query: unknown }).query = { vecka: weekLabel(week), ...(areaKey ? { omrade: areaKey } : {}) };
      const values = { text: field(req.body, "text"), version: field(req.body, "version") || "0", confirm_not_names: fields(req.body, "confirm_not_names") };
      const parsed = validateBilingual(SummaryInput, values);
      const keep = { text: values.text, version: Number(values.version) || 0 };
      if (!parsed.ok) {
        const errors: Record<string, string> = {};
        for (const i of parsed.issues) errors[i.field] ??= req.locale === "en" ? i.message_en : i.message;
        return renderWeek(req, reply, { ...keep, errors }, 400);
      }
      const found = screen("text", parsed.value.text, await screeningWords(app.db, tenant), parsed.value.confirm_not_names);
      if (found)
        return renderWeek(
          req,
          reply,
          {
            ...keep,
            errors: { text: req.t("est.privacy.fieldError") },
            personalData: { ...found, fieldLabel: req.t("est.summary.text"), text: parsed.value.text },
          },
          400,
        );
      const { scope } = await areaScope(app.db, tenant.id, areaKey);
      if (!scope) throw HttpError.of(404, "est.error.area");
      const saved = await saveSummary(app.db, tenant.id, {
        week: weekLabel(week),
        areaKey: scope.key,
        text: parsed.value.text,
        version: parsed.value.version,
        userId: actor.userId,
      });
      if (!saved) return renderWeek(req, reply, { ...keep, formError: req.t("est.error.conflictSummary") }, 409);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}${weekQuery(week, scope.key)}#sammanfattning`, req.t("est.flash.summarySaved"));
    },
  );
}
