// Partner reports: report (the phone form), the list, one report (its correction, the
// coordinator's review, merge and history) and the CSV upload.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor.ts";
import { HttpError, refusal } from "../../../platform/http/errors.ts";
import { type FieldErrors, field, fields } from "../../../platform/http/forms.ts";
import { html, jsonForScript, type SafeHtml } from "../../../platform/http/html.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { getTenantBoundary, listOrganisations, listPlaces, type PlaceRow } from "../../tenants/index.ts";
import { rangeOf } from "../domain/report-rules.ts";
import { localInputValue, parseWeek, weekDays } from "../domain/time.ts";
import { errorsOf, estBase } from "../pages/common.ts";
import { csvPage, type ReportFormInput, reportFormPage, reportListPage, reportPage, type ReportPageInput } from "../pages/reports.ts";
import { can } from "../policy.ts";
import { findNearbyReports, findReport, listMergedInto, listReportEvents, listReports, type ReportView } from "../repo/reports.ts";
import { RecategoriseInput, ReportInput } from "../schema.ts";
import { importReportsCsv, MAX_CSV_BYTES } from "../service/csv-import.ts";
import {
  correctReport,
  createReport,
  mergeReport,
  type ReportOutcome,
  recategoriseReport,
  reportFacts,
  reviewReport,
  unmergeReport,
} from "../service/reports.ts";
import { estSettings } from "../settings.ts";
import type { EstAccess } from "./access.ts";
import { visibility } from "./api.ts";

const TenantParams = z.object({ tenant: z.string() });
const ReportParams = z.object({ tenant: z.string(), reportId: z.string() });
const ListQuery = z.object({
  vecka: z.string().optional(),
  kategori: z.string().optional(),
  status: z.string().optional(),
  mina: z.string().optional(),
  sida: z.string().optional(),
  lang: z.string().optional(),
});
const tags = ["EST (sidor för personal)"];
const PAGE_SIZE = 50;

/** The form's fields as the report schema's input ("till" filled → a span). */
export function reportFormInput(body: unknown): Record<string, unknown> {
  const at = field(body, "occurred_at");
  const to = field(body, "occurred_to");
  const opt = (name: string) => field(body, name) || undefined;
  return {
    when: to ? "period" : "tid",
    occurred_at: at,
    occurred_from: at,
    occurred_to: to,
    place_id: field(body, "place_id"),
    lat: field(body, "lat"),
    lon: field(body, "lon"),
    setting: opt("setting"),
    category: field(body, "category"),
    description: field(body, "description"),
    assessment: opt("assessment"),
    people: field(body, "people"),
    confirm_not_names: fields(body, "confirm_not_names"),
  };
}

const FORM_FIELDS = ["occurred_at", "occurred_to", "place_id", "lat", "lon", "setting", "category", "description", "assessment", "people"];
/** Problems of the use case named after the form's fields. */
const RENAME = { occurred_from: "occurred_at" };

function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FORM_FIELDS) out[k] = field(body, k);
  return out;
}

/** The point-picker map of the report form (an island; the form works without it). */
export function pickMap(ctx: PageContext, places: PlaceRow[], boundary: unknown, tileUrl: string, attribution: string): SafeHtml {
  return html`<div class="map-island">
  <div id="pick-map" class="map map--pick" data-pick-source="pick-map-data" role="region" aria-label="${ctx.t("est.report.mapLabel")}"></div>
  <script type="application/json" id="pick-map-data">${jsonForScript({ boundary, places: places.map((p) => ({ id: p.id, name: p.name, lat: p.lat, lon: p.lon })), tileUrl, attribution })}</script>
  <p class="map-note">${ctx.t("est.report.mapNote")}</p>
</div>`;
}

type Rendered = Omit<ReportFormInput, "map" | "places" | "categories">;

export async function registerReportRoutes(app: App, access: EstAccess): Promise<void> {
  const { config } = app.deps;

  async function formParts(tenant: TenantRow) {
    const [places, boundary] = await Promise.all([listPlaces(app.db, tenant.id), getTenantBoundary(app.db, tenant.id)]);
    return { places, boundary, categories: estSettings(tenant).categories.filter((c) => c.active) };
  }

  async function renderForm(req: FastifyRequest, reply: FastifyReply, tenant: TenantRow, p: Rendered, status = 200) {
    const parts = await formParts(tenant);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        reportFormPage(ctx, {
          ...p,
          places: parts.places,
          categories: parts.categories,
          map: pickMap(ctx, parts.places, parts.boundary, config.MAP_TILE_URL, config.MAP_TILE_ATTRIBUTION),
        }),
      status,
    );
  }

  /** A use case's outcome on a form: the form again with the problems, or null when it went through. */
  function problemsOf(req: FastifyRequest, r: ReportOutcome, text: string): Pick<Rendered, "errors" | "formError" | "personalData"> | null {
    const t = req.t;
    switch (r.kind) {
      case "ok":
        return null;
      case "invalid":
        return { errors: errorsOf(req, r.problems, RENAME) };
      case "personalData":
        return {
          errors: { [r.field]: t("est.privacy.fieldError") },
          personalData: { field: r.field, fieldLabel: t(`est.field.${r.field}`), text, findings: r.findings, certain: r.certain },
        };
      case "conflict":
        return { formError: t("est.error.conflict") };
      case "forbidden":
        throw HttpError.of(403, "est.error.forbidden");
      case "notFound":
        throw HttpError.of(404);
    }
  }

  app.get(
    "/t/:tenant/arbete/est/rapportera",
    { schema: { tags, summary: "Rapportera en händelse (formulär för mobilen)", params: TenantParams, response: htmlResponses }, ...access.newReport.options },
    async (req, reply) => {
      const { tenant } = access.newReport.of(req);
      return renderForm(req, reply, tenant, { values: { occurred_at: localInputValue(new Date()), setting: "utomhus" } });
    },
  );

  app.post(
    "/t/:tenant/arbete/est/rapportera",
    { schema: { tags, summary: "Spara en rapport", params: TenantParams, body: FormBody, response: htmlResponses }, ...access.newReport.options },
    async (req, reply) => {
      const { tenant, actor } = access.newReport.of(req);
      const values = formValues(req.body);
      const parsed = validateBilingual(ReportInput, reportFormInput(req.body));
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[RENAME[i.field as keyof typeof RENAME] ?? i.field] ??= req.locale === "en" ? i.message_en : i.message;
        return renderForm(req, reply, tenant, { values, errors }, 400);
      }
      const r = await createReport(app.db, tenant, actor, parsed.value, "formular");
      const problems = problemsOf(req, r, values.description ?? "");
      if (problems) return renderForm(req, reply, tenant, { values, ...problems }, 400);
      const report = (r as Extract<ReportOutcome, { kind: "ok" }>).report;
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/rapporter/${report.id}`, req.t("est.flash.reported"));
    },
  );

  app.get(
    "/t/:tenant/arbete/est/rapporter",
    {
      schema: { tags, summary: "Rapporterna (filter: vecka, kategori, status, egna)", params: TenantParams, querystring: ListQuery, response: htmlResponses },
      ...access.reports.options,
    },
    async (req, reply) => {
      const { tenant, actor } = access.reports.of(req);
      const q = req.query;
      const week = q.vecka ? parseWeek(q.vecka) : null;
      if (q.vecka && week === null) throw HttpError.of(400, "est.error.week", { week: q.vecka.slice(0, 20) });
      const page = Math.max(1, Math.min(10_000, Number(q.sida) || 1));
      const settings = estSettings(tenant);
      const status = ["ny", "granskad", "sammanslagen"].includes(q.status ?? "") ? (q.status as "ny") : undefined;
      const category = settings.categories.some((c) => c.key === q.kategori) ? q.kategori : undefined;
      const visibleTo = visibility(actor, tenant);
      const { rows, total } = await listReports(app.db, tenant.id, {
        ...(week !== null ? weekDays(week) : {}),
        ...(category ? { category } : {}),
        ...(status ? { status } : {}),
        ...(q.mina ? { reporterId: actor.userId } : {}),
        ...(visibleTo ? { visibleTo } : {}),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      const organisations = await listOrganisations(app.db, tenant.id);
      return sendPageAsync(req, reply, async (ctx) =>
        reportListPage(ctx, {
          rows,
          total,
          page,
          pageSize: PAGE_SIZE,
          settings,
          filters: { vecka: q.vecka ?? "", kategori: category ?? "", status: status ?? "", mina: Boolean(q.mina) },
          organisations,
          restricted: visibleTo !== undefined,
          mayUpload: can(actor, "reports.upload", { tenant_id: tenant.id }),
          mayReport: can(actor, "report.create", { tenant_id: tenant.id }),
        }),
      );
    },
  );

  // ── CSV upload (before /rapporter/:reportId) ────────────────────────────────────────────

  async function renderCsv(req: FastifyRequest, reply: FastifyReply, tenant: TenantRow, p: Omit<Parameters<typeof csvPage>[1], "organisations">, status = 200) {
    const organisations = await listOrganisations(app.db, tenant.id);
    return sendPageAsync(req, reply, async (ctx) => csvPage(ctx, { ...p, organisations }), status);
  }

  app.get(
    "/t/:tenant/arbete/est/rapporter/importera",
    { schema: { tags, summary: "Läs in rapporter från en CSV-fil (samordnare)", params: TenantParams, response: htmlResponses }, ...access.upload.options },
    async (req, reply) => renderCsv(req, reply, access.upload.of(req).tenant, { values: {} }),
  );

  app.post(
    "/t/:tenant/arbete/est/rapporter/importera",
    {
      schema: {
        tags,
        summary: "Läs in en CSV-fil med rapporter (allt eller inget)",
        params: TenantParams,
        body: FormBody,
        consumes: ["multipart/form-data"],
        response: htmlResponses,
      },
      ...access.uploadFile.options,
    },
    async (req, reply) => {
      const { tenant, actor, files } = access.uploadFile.of(req);
      const values = { organisation_id: field(req.body, "organisation_id") };
      const t = req.t;
      const file = files.find((f) => f.field === "file");
      if (!values.organisation_id) return renderCsv(req, reply, tenant, { values, errors: { organisation_id: t("est.csv.error.organisation") } }, 400);
      if (!file) return renderCsv(req, reply, tenant, { values, errors: { file: t("est.csv.error.noFile") } }, 400);
      const r = await importReportsCsv(app.db, tenant, actor, {
        filename: file.filename,
        data: file.data,
        truncated: file.truncated,
        organisationId: values.organisation_id,
      });
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, `${estBase(tenant.slug)}/rapporter`, t("est.flash.imported", { count: r.rows }));
        case "forbidden":
          throw HttpError.of(403, "est.error.forbidden");
        case "unknownOrganisation":
          return renderCsv(req, reply, tenant, { values, errors: { organisation_id: t("est.csv.error.organisation") } }, 400);
        case "tooLarge":
          return renderCsv(req, reply, tenant, { values, errors: { file: t("est.csv.error.tooLarge", { mb: MAX_CSV_BYTES / 1024 / 1024 }) } }, 400);
        case "empty":
          return renderCsv(req, reply, tenant, { values, errors: { file: t("est.csv.error.empty") } }, 400);
        case "notText":
          return renderCsv(req, reply, tenant, { values, errors: { file: t("est.csv.error.notText") } }, 400);
        case "missingColumns":
          return renderCsv(
            req,
            reply,
            tenant,
            { values, errors: { file: t("est.csv.error.columns", { missing: r.missing.join(", "), found: r.found.join(", ") || "–" }) } },
            400,
          );
        case "tooManyRows":
          return renderCsv(req, reply, tenant, { values, errors: { file: t("est.csv.error.tooManyRows", { rows: r.rows, max: 20_000 }) } }, 400);
        case "duplicateFile":
          return renderCsv(
            req,
            reply,
            tenant,
            { values, errors: { file: t("est.csv.error.duplicate", { filename: r.filename, date: r.at.toISOString().slice(0, 10) }) } },
            409,
          );
        case "rowProblems":
          return renderCsv(req, reply, tenant, { values, problems: { list: r.problems, total: r.total, rows: r.rows } }, 400);
      }
    },
  );

  // ── One report ───────────────────────────────────────────────────────────────────────────

  async function renderReport(
    req: FastifyRequest,
    reply: FastifyReply,
    tenant: TenantRow,
    actor: Actor,
    report: ReportView,
    extra: Partial<Pick<ReportPageInput, "review" | "conflict">> & { correction?: Rendered } = {},
    status = 200,
  ) {
    const settings = estSettings(tenant);
    const facts = await reportFacts(app.db, tenant, actor, report);
    const may = { correct: can(actor, "report.correct", facts), review: can(actor, "report.review", report) };
    const [history, merged, mergedInto, nearby, parts] = await Promise.all([
      listReportEvents(app.db, tenant.id, report.id),
      listMergedInto(app.db, tenant.id, report.id),
      report.merged_into_id ? findReport(app.db, tenant.id, report.merged_into_id) : Promise.resolve(undefined),
      may.review && report.status !== "sammanslagen" ? findNearbyReports(app.db, tenant.id, report, 300, 3) : Promise.resolve([]),
      formParts(tenant),
    ]);
    const values = extra.correction?.values ?? {
      occurred_at: localInputValue(report.occurred_from),
      occurred_to: report.occurred_to ? localInputValue(report.occurred_to) : "",
      place_id: report.place_id ?? "",
      lat: report.place_id ? "" : String(report.lat),
      lon: report.place_id ? "" : String(report.lon),
      setting: report.setting,
      category: report.category,
      description: report.description,
      assessment: report.assessment,
      people: rangeOf(report.people_min, report.people_max),
    };
    // A category no longer offered stays selectable on its own report.
    const categories = settings.categories.filter((c) => c.active || c.key === report.category);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        reportPage(ctx, {
          report,
          settings,
          history,
          merged,
          mergedInto: mergedInto ?? null,
          nearby: nearby.filter((n) => !merged.some((m) => m.id === n.id)),
          may,
          ...(may.correct
            ? {
                correction: {
                  ...(extra.correction ?? {}),
                  values,
                  places: parts.places,
                  categories,
                  map: pickMap(ctx, parts.places, parts.boundary, config.MAP_TILE_URL, config.MAP_TILE_ATTRIBUTION),
                },
              }
            : {}),
          ...(extra.review ? { review: extra.review } : {}),
          ...(extra.conflict ? { conflict: true } : {}),
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/est/rapporter/:reportId",
    {
      schema: { tags, summary: "En rapport: uppgifter, rättelse, granskning och historik", params: ReportParams, response: htmlResponses },
      ...access.report.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.report.of(req);
      return renderReport(req, reply, tenant, actor, loaded.report);
    },
  );

  app.post(
    "/t/:tenant/arbete/est/rapporter/:reportId",
    {
      schema: { tags, summary: "Rätta en rapport (rapportören inom 7 dagar, samordnaren)", params: ReportParams, body: FormBody, response: htmlResponses },
      ...access.report.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.report.of(req);
      const values = formValues(req.body);
      const version = Number(field(req.body, "version"));
      const parsed = validateBilingual(ReportInput, reportFormInput(req.body));
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[RENAME[i.field as keyof typeof RENAME] ?? i.field] ??= req.locale === "en" ? i.message_en : i.message;
        if (!can(actor, "report.correct", await reportFacts(app.db, tenant, actor, loaded.report))) throw HttpError.of(403, "est.error.forbidden");
        return renderReport(req, reply, tenant, actor, loaded.report, { correction: { values, errors } }, 400);
      }
      const r = await correctReport(app.db, tenant, actor, loaded.report.id, version, parsed.value);
      if (r.kind === "conflict") return renderReport(req, reply, tenant, actor, r.current, { correction: { values }, conflict: true }, 409);
      const problems = problemsOf(req, r, values.description ?? "");
      if (problems) return renderReport(req, reply, tenant, actor, loaded.report, { correction: { values, ...problems } }, 400);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/rapporter/${loaded.report.id}`, req.t("est.flash.corrected"));
    },
  );

  /** A review action's outcome: back to the report, or the report with the problem. */
  async function afterReview(req: FastifyRequest, reply: FastifyReply, r: ReportOutcome, values: Record<string, string>, flash: string, text = "") {
    const { tenant, actor, loaded } = access.reviewReport.of(req);
    if (r.kind === "ok") return redirectWithFlash(reply, `${estBase(tenant.slug)}/rapporter/${loaded.report.id}`, flash);
    if (r.kind === "conflict") return renderReport(req, reply, tenant, actor, r.current, { conflict: true }, 409);
    if (r.kind === "forbidden" || r.kind === "notFound") throw refusal(r, { forbidden: () => HttpError.of(403, "est.error.forbidden") });
    const problems = problemsOf(req, r, text) ?? {};
    return renderReport(req, reply, tenant, actor, loaded.report, { review: { values, ...problems } }, 400);
  }

  app.post(
    "/t/:tenant/arbete/est/rapporter/:reportId/granska",
    {
      schema: { tags, summary: "Markera en rapport som granskad (samordnare)", params: ReportParams, body: FormBody, response: htmlResponses },
      ...access.reviewReport.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.reviewReport.of(req);
      const r = await reviewReport(app.db, tenant, actor, loaded.report.id, Number(field(req.body, "version")));
      return afterReview(req, reply, r, {}, req.t("est.flash.reviewed"));
    },
  );

  app.post(
    "/t/:tenant/arbete/est/rapporter/:reportId/kategori",
    {
      schema: { tags, summary: "Byt kategori med motivering (samordnare)", params: ReportParams, body: FormBody, response: htmlResponses },
      ...access.reviewReport.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.reviewReport.of(req);
      const values = { category: field(req.body, "category"), reason: field(req.body, "reason") };
      const parsed = validateBilingual(RecategoriseInput, { ...values, version: field(req.body, "version") });
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[i.field] ??= req.locale === "en" ? i.message_en : i.message;
        return renderReport(req, reply, tenant, actor, loaded.report, { review: { values, errors } }, 400);
      }
      const r = await recategoriseReport(app.db, tenant, actor, loaded.report.id, parsed.value);
      return afterReview(req, reply, r, values, req.t("est.flash.recategorised"), values.reason);
    },
  );

  app.post(
    "/t/:tenant/arbete/est/rapporter/:reportId/sammanfoga",
    {
      schema: {
        tags,
        summary: "Slå samman en dubblett med rapporten den upprepar (samordnare)",
        params: ReportParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...access.reviewReport.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.reviewReport.of(req);
      const values = { into: field(req.body, "into") };
      if (!values.into)
        return renderReport(req, reply, tenant, actor, loaded.report, { review: { values, errors: { into: req.t("est.review.error.mergeTarget") } } }, 400);
      const r = await mergeReport(app.db, tenant, actor, loaded.report.id, { into: values.into, version: Number(field(req.body, "version")) });
      return afterReview(req, reply, r, values, req.t("est.flash.merged"));
    },
  );

  app.post(
    "/t/:tenant/arbete/est/rapporter/:reportId/dela",
    {
      schema: { tags, summary: "Ångra en sammanslagning (samordnare)", params: ReportParams, body: FormBody, response: htmlResponses },
      ...access.reviewReport.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.reviewReport.of(req);
      const r = await unmergeReport(app.db, tenant, actor, loaded.report.id, Number(field(req.body, "version")));
      return afterReview(req, reply, r, {}, req.t("est.flash.unmerged"));
    },
  );
}
