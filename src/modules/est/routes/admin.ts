// The deliberate export of incidents (logged) and the tenant's EST settings.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { type FieldErrors, field, fields } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { saveSettings } from "../../../platform/tenancy/settings.ts";
import { isoDate, today } from "../domain/time.ts";
import { errorsOf, estBase } from "../pages/common.ts";
import { exportPage, settingsPage } from "../pages/admin.ts";
import { ExportInput } from "../schema.ts";
import { exportIncidents, listExports } from "../service/exports.ts";
import { CATEGORY_KEY, type Category, EstSettings, estSettings } from "../settings.ts";
import type { EstAccess } from "./access.ts";
import { sendCsvTable } from "./csv.ts";

const TenantParams = z.object({ tenant: z.string() });
const tags = ["EST (sidor för personal)"];

/** The settings form's body as the settings (categories from the table rows plus a new one). */
export function settingsFromForm(body: unknown, current: EstSettings): { value: unknown; newCategoryProblem: string | null } {
  const keys = fields(body, "cat_key");
  const svs = fields(body, "cat_sv");
  const ens = fields(body, "cat_en");
  const person = new Set(fields(body, "cat_person"));
  const active = new Set(fields(body, "cat_active"));
  const categories: Array<Partial<Category>> = keys.map((key, i) => ({
    key,
    sv: svs[i] ?? "",
    en: ens[i] ?? "",
    personRelated: person.has(key),
    active: active.has(key),
  }));
  // A category that existed stays (history): the form can deactivate it, never remove it.
  for (const c of current.categories) if (!keys.includes(c.key)) categories.push(c);
  let newCategoryProblem: string | null = null;
  const newKey = field(body, "new_key").trim().toLowerCase();
  if (newKey || field(body, "new_sv").trim() || field(body, "new_en").trim()) {
    if (!CATEGORY_KEY.test(newKey)) newCategoryProblem = "est.settings.error.newKey";
    else if (categories.some((c) => c.key === newKey)) newCategoryProblem = "est.settings.error.duplicateKey";
    else if (!field(body, "new_sv").trim() || !field(body, "new_en").trim()) newCategoryProblem = "est.settings.error.newLabels";
    else
      categories.push({
        key: newKey,
        sv: field(body, "new_sv").trim(),
        en: field(body, "new_en").trim(),
        personRelated: field(body, "new_person") === "on",
        active: true,
      });
  }
  const num = (k: string) => {
    const v = field(body, k).trim();
    return v === "" ? undefined : Number(v.replace(",", "."));
  };
  return {
    value: {
      categories,
      reportersSeeAll: field(body, "reportersSeeAll") === "on",
      policeFetch: field(body, "policeFetch") === "on",
      analysisPeriod: field(body, "analysisPeriod") || current.analysisPeriod,
      cellSize: num("cellSize"),
      band: num("band"),
      hotspotWeeks: num("hotspotWeeks"),
      emergingWeeks: num("emergingWeeks"),
      mapCellSize: num("mapCellSize"),
      minCellCount: num("minCellCount"),
      evaluationMinDays: num("evaluationMinDays"),
    },
    newCategoryProblem,
  };
}

export async function registerAdminRoutes(app: App, access: EstAccess): Promise<void> {
  async function renderExport(
    req: FastifyRequest,
    reply: FastifyReply,
    tenant: TenantRow,
    values: Record<string, string | string[]>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const log = await listExports(app.db, tenant.id);
    return sendPageAsync(req, reply, async (ctx) => exportPage(ctx, { values, log, ...(errors ? { errors } : {}) }), status);
  }

  app.get(
    "/t/:tenant/arbete/est/export",
    { schema: { tags, summary: "Exportera händelser (medvetet och loggat)", params: TenantParams, response: htmlResponses }, ...access.exportForm.options },
    async (req, reply) => {
      const { tenant } = access.exportForm.of(req);
      return renderExport(req, reply, tenant, { from: isoDate(today() - 90), to: isoDate(today()), format: "csv", sources: ["est", "polisen", "walks"] });
    },
  );

  app.post(
    "/t/:tenant/arbete/est/export",
    {
      schema: {
        tags,
        summary: "Hämta händelserna som CSV eller GeoJSON (loggas med syfte)",
        params: TenantParams,
        body: FormBody,
        response: { ...htmlResponses, 200: z.string().describe("CSV, GeoJSON eller formuläret igen") },
      },
      ...access.exportForm.options,
    },
    async (req, reply) => {
      const { tenant, actor } = access.exportForm.of(req);
      const values = {
        from: field(req.body, "from"),
        to: field(req.body, "to"),
        format: field(req.body, "format"),
        purpose: field(req.body, "purpose"),
        sources: fields(req.body, "sources"),
      };
      const parsed = validateBilingual(ExportInput, { ...values, format: values.format === "excel" ? "csv" : values.format });
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[i.field.split(".")[0]!] ??= req.locale === "en" ? i.message_en : i.message;
        return renderExport(req, reply, tenant, values, errors, 400);
      }
      const format = values.format === "excel" ? "excel" : parsed.value.format;
      const r = await exportIncidents(app.db, tenant, actor, { ...parsed.value, format }, req.locale);
      if (r.kind === "forbidden") throw HttpError.of(403, "est.error.forbidden");
      if (r.kind === "invalid") return renderExport(req, reply, tenant, values, errorsOf(req, r.problems), 400);
      if (format === "geojson")
        return reply
          .type("application/geo+json; charset=utf-8")
          .header("content-disposition", `attachment; filename="${r.filename}"`)
          .header("cache-control", "private, no-store")
          .send(JSON.stringify(r.geojson));
      return sendCsvTable(reply, r.table, r.filename, format);
    },
  );

  async function renderSettings(
    req: FastifyRequest,
    reply: FastifyReply,
    tenant: TenantRow,
    extra: { values?: Record<string, string | string[]>; errors?: FieldErrors; formError?: string; categories?: Category[] } = {},
    status = 200,
  ) {
    const { categories, ...rest } = extra;
    // The person's edits of the category table are shown again, not the stored ones.
    const settings = categories ? { ...estSettings(tenant), categories } : estSettings(tenant);
    return sendPageAsync(req, reply, async (ctx) => settingsPage(ctx, { settings, ...rest }), status);
  }

  app.get(
    "/t/:tenant/arbete/est/installningar",
    { schema: { tags, summary: "Kommunens EST-inställningar (samordnare)", params: TenantParams, response: htmlResponses }, ...access.settings.options },
    async (req, reply) => renderSettings(req, reply, access.settings.of(req).tenant),
  );

  app.post(
    "/t/:tenant/arbete/est/installningar",
    { schema: { tags, summary: "Spara EST-inställningarna", params: TenantParams, body: FormBody, response: htmlResponses }, ...access.settings.options },
    async (req, reply) => {
      const { tenant } = access.settings.of(req);
      const current = estSettings(tenant);
      const values: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, string | string[]>)) if (k !== "_csrf") values[k] = v;
      const { value, newCategoryProblem } = settingsFromForm(req.body, current);
      const edited = ((value as { categories: Array<Partial<Category>> }).categories ?? []).map((c) => ({
        key: c.key ?? "",
        sv: c.sv ?? "",
        en: c.en ?? "",
        personRelated: c.personRelated ?? true,
        active: c.active ?? true,
      }));
      if (newCategoryProblem) return renderSettings(req, reply, tenant, { values, errors: { new_key: req.t(newCategoryProblem) }, categories: edited }, 400);
      const parsed = validateBilingual(EstSettings, value);
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        let formError: string | undefined;
        for (const i of parsed.issues) {
          const message = req.locale === "en" ? i.message_en : i.message;
          // A category row: name the row's key (the table has no field of its own per message).
          if (i.field.startsWith("categories"))
            formError ??= req.t("est.settings.error.category", { key: edited[Number(i.field.split(".")[1])]?.key ?? "", message });
          else errors[i.field] ??= message;
        }
        return renderSettings(req, reply, tenant, { values, errors, categories: edited, ...(formError ? { formError } : {}) }, 400);
      }
      await saveSettings(app.db, tenant.id, "est", EstSettings, parsed.value);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/installningar`, req.t("est.flash.settingsSaved"));
    },
  );
}
