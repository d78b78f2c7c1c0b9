// The staff pages: the hot spot form (upload a CSV or pick a stored one, parameters), the run
// page, and the CSV downloads of a run (deliberate exports, logged in the audit log).
import { runLiveness } from "../stale.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CSV_CONTENT_TYPE, CSV_DIALECTS, csvDialectOf, csvFilename } from "../../../platform/csv.ts";
import { z } from "zod";
import { notFound } from "../../../platform/http/errors.ts";
import { type FieldErrors, field } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { DEFAULT_VALUES, type FormValues, hotspotsPage } from "../pages/form.ts";
import { runPage } from "../pages/run.ts";
import { loadGazetteer, placeDescriber } from "../places.ts";
import { abilitiesOf, can } from "../policy.ts";
import { emergingCsv, emergingRows, hotspotCsv, hotspotRows, runPath } from "../present.ts";
import { findBoundary, listDatasets, listRuns, logExport } from "../repo.ts";
import { HotspotForm } from "../schema.ts";
import { csvRunRequest, type DatasetOutcome, loadDataset, MAX_UPLOAD_BYTES, runHotspotAnalysis, saveDataset } from "../service.ts";
import type { RunParameters } from "../tables.ts";
import { readPage, runCsv, runForm, runPage as runPagePipeline } from "./access.ts";

const TenantParams = z.object({ tenant: z.string() });
const RunParams = z.object({ tenant: z.string(), runId: z.string() });
const CsvQuery = z.object({
  format: z.enum(CSV_DIALECTS).optional().describe("rfc4180 (standard) eller excel (svenska Excel-inställningar: semikolon, decimalkomma)"),
});
const CSV_FORMAT_NOTE =
  "RFC 4180 (komma, CRLF, UTF-8, decimalpunkt). Med `?format=excel` för Excel med svenska inställningar: byte order mark, semikolon, decimalkomma.";
const tags = ["analys (sidor för personal)"];

/** A number typed by a person ("62,5", " 100 "); empty → undefined; not a number → the text (zod then says so). */
function numberInput(s: string): number | string | undefined {
  const v = s.trim().replace(/\s/g, "").replace(",", ".");
  if (v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : s;
}

function formInput(body: unknown): Record<string, unknown> {
  return {
    cell_size: numberInput(field(body, "cell_size")),
    band: numberInput(field(body, "band")),
    boundary_only: field(body, "boundary_only") === "on",
    emerging: field(body, "emerging") === "on",
    uncorrected: field(body, "uncorrected") === "on",
    categories: field(body, "category")
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  for (const k of Object.keys(DEFAULT_VALUES)) values[k] = field(body, k);
  return values;
}

function datasetError(req: FastifyRequest, d: Exclude<DatasetOutcome, { kind: "ok" }> | { kind: "notFound" } | { kind: "gone" }): string {
  const t = req.t;
  switch (d.kind) {
    case "tooLarge":
      return t("analysis.error.fileTooLarge", { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    case "empty":
      return t("analysis.error.fileEmpty");
    case "notText":
      return t("analysis.error.fileNotText");
    case "missingColumns":
      return t("analysis.error.missingColumns", { found: d.found.join(", ") || "–" });
    case "noRows":
      return t("analysis.error.noRows");
    case "notFound":
      return t("analysis.error.datasetNotFound");
    case "gone":
      return t("analysis.error.datasetGone");
  }
}

export async function registerPageRoutes(app: App): Promise<void> {
  const liveness = runLiveness(app.deps.database);
  const { config } = app.deps;

  async function renderForm(req: FastifyRequest, reply: FastifyReply, values: FormValues, status = 200, errors?: FieldErrors, formError?: string) {
    const tenant = readPage.of(req).tenant;
    const [datasets, runs, boundary] = await Promise.all([listDatasets(app.db, tenant.id), listRuns(app.db, tenant.id), findBoundary(app.db, tenant.id)]);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        hotspotsPage(ctx, {
          abilities: abilitiesOf(req.actor, tenant.id),
          values,
          errors: errors && Object.keys(errors).length ? errors : undefined,
          formError,
          datasets,
          runs,
          hasBoundary: boundary !== null,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/hotspots",
    {
      schema: {
        tags,
        summary: "Hot spots: formulär (CSV med händelser, cellstorlek, avståndsband) och tidigare körningar",
        params: TenantParams,
        response: htmlResponses,
      },
      ...readPage.options,
    },
    async (req, reply) => renderForm(req, reply, { ...DEFAULT_VALUES }),
  );

  app.post(
    "/t/:tenant/arbete/hotspots",
    {
      schema: {
        tags,
        summary:
          "Beräkna hot spots (multipart: filen file ≤ 10 MB eller dataset_id, cell_size, band, boundary_only, category, emerging, uncorrected = klasser från okorrigerade p-värden)",
        params: TenantParams,
        body: FormBody.optional(),
        consumes: ["multipart/form-data", "application/x-www-form-urlencoded"],
        response: htmlResponses,
      },
      ...runForm.options,
    },
    async (req, reply) => {
      const { tenant, actor, files } = runForm.of(req);
      const t = req.t;
      const values = formValues(req.body);
      const errors: FieldErrors = {};
      const checked = validateBilingual(HotspotForm, formInput(req.body));
      if (!checked.ok) {
        for (const i of checked.issues) {
          const name = i.field.startsWith("categories") ? "category" : i.field;
          errors[name] ??= req.locale === "en" ? i.message_en : i.message;
        }
      }

      // The incidents: a new upload (stored, so nothing is lost when something else needs fixing) or a stored set.
      const file = files[0];
      const upload = file ? { filename: file.filename, data: file.data, truncated: file.truncated } : undefined;
      let data: DatasetOutcome | { kind: "notFound" } | { kind: "gone" } | null = null;
      let source: "upload" | "dataset" = "dataset";
      if (upload) {
        source = "upload";
        data = await saveDataset(app.db, app.deps.storage, tenant.id, actor.userId, upload);
        if (data.kind === "ok") values.dataset_id = data.datasetId;
        else errors.file = datasetError(req, data);
      } else if (values.dataset_id) {
        data = await loadDataset(app.db, app.deps.storage, tenant.id, values.dataset_id);
        if (data.kind !== "ok") {
          errors.dataset_id = datasetError(req, data);
          values.dataset_id = "";
        }
      } else {
        errors.file = t("analysis.error.noFile");
      }
      if (!checked.ok || !data || data.kind !== "ok") return renderForm(req, reply, values, 400, errors);

      const form = checked.value;
      if (form.emerging && !data.incidents.hasTs) return renderForm(req, reply, values, 400, { emerging: t("analysis.error.emergingNeedsTs") });
      const parameters: RunParameters = {
        cellSize: form.cell_size,
        band: form.band,
        boundaryOnly: form.boundary_only,
        categories: form.categories,
        emerging: form.emerging,
        statistic: "gistar",
        classifyBy: form.uncorrected ? "p" : "q",
      };
      const built = csvRunRequest(data.incidents, parameters, { source, datasetId: data.datasetId, label: data.filename, parseMs: data.parseMs });
      if (built.kind === "noCategoryColumn") return renderForm(req, reply, values, 400, { category: t("analysis.error.noCategoryColumn") });
      if (built.kind === "noMatchingCategory") {
        return renderForm(req, reply, values, 400, { category: t("analysis.error.noMatchingCategory", { available: built.available.join(", ") || "–" }) });
      }
      const r = await runHotspotAnalysis(app.db, tenant.id, actor.userId, built.request, { liveness });
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, runPath(tenant.slug, r.runId), t("analysis.flash.computed"));
        case "noBoundary":
          return renderForm(req, reply, values, 400, { boundary_only: t("analysis.error.noBoundary") });
        case "boundaryTooFine":
          return renderForm(req, reply, values, 400, { cell_size: t("analysis.error.boundaryTooFine", { min: r.minCellSize }) });
        case "noTimestamps":
          return renderForm(req, reply, values, 400, { emerging: t("analysis.error.emergingNeedsTs") });
        case "noPoints":
          return renderForm(req, reply, values, 400, { file: t("analysis.error.noRows") });
        case "analysisFailed":
          return renderForm(req, reply, values, 400, undefined, t("analysis.error.engine", { message: r.message }));
      }
    },
  );

  app.get(
    "/t/:tenant/arbete/hotspots/:runId",
    {
      schema: {
        tags,
        summary: "En hot spot-körning: platser i ord, karta, tabell, överhoppade rader (och tider för administratörer)",
        params: RunParams,
        response: htmlResponses,
      },
      ...runPagePipeline.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = runPagePipeline.of(req);
      const run = loaded.run;
      const [gazetteer, boundary] = await Promise.all([loadGazetteer(app.db, tenant.id), findBoundary(app.db, tenant.id)]);
      return sendPageAsync(req, reply, async (ctx) =>
        runPage(ctx, {
          run,
          tileUrl: config.MAP_TILE_URL,
          attribution: config.MAP_TILE_ATTRIBUTION,
          boundary,
          gazetteer,
          showTimings: can(actor, "run.timings", run),
        }),
      );
    },
  );

  const Csv = { 200: z.string().describe("CSV (text/csv)"), 404: z.string() };

  function sendCsv(reply: FastifyReply, filename: string, text: string): FastifyReply {
    return reply
      .type(CSV_CONTENT_TYPE)
      .header("content-disposition", `attachment; filename="${filename}"`)
      .header("cache-control", "private, no-store")
      .send(text);
  }

  app.get(
    "/t/:tenant/arbete/hotspots/:runId/resultat.csv",
    {
      schema: {
        tags,
        summary: "Körningens hot och cold spots som CSV (exporten loggas)",
        description: CSV_FORMAT_NOTE,
        params: RunParams,
        querystring: CsvQuery,
        response: Csv,
      },
      ...runCsv.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = runCsv.of(req);
      const run = loaded.run;
      if (run.status !== "done") throw notFound();
      const dialect = csvDialectOf(req.query.format);
      await logExport(app.db, tenant.id, actor.userId, run.id, "hotspots.csv");
      const describe = await placeDescriber(app.db, tenant.id);
      const classifyBy = run.parameters.classifyBy === "p" ? "p" : "q";
      return sendCsv(
        reply,
        csvFilename(`hotspots-${run.id.slice(0, 8)}`, dialect),
        hotspotCsv(hotspotRows(run.results, run.parameters.cellSize), run.parameters.cellSize, { t: req.t, locale: req.locale, classifyBy, describe }, dialect),
      );
    },
  );

  app.get(
    "/t/:tenant/arbete/hotspots/:runId/framvaxande.csv",
    {
      schema: {
        tags,
        summary: "Körningens framväxande hot spots (mönster per cell) som CSV (exporten loggas)",
        description: CSV_FORMAT_NOTE,
        params: RunParams,
        querystring: CsvQuery,
        response: Csv,
      },
      ...runCsv.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = runCsv.of(req);
      const run = loaded.run;
      if (run.status !== "done" || !run.emerging) throw notFound();
      const dialect = csvDialectOf(req.query.format);
      await logExport(app.db, tenant.id, actor.userId, run.id, "emerging.csv");
      const describe = await placeDescriber(app.db, tenant.id);
      return sendCsv(
        reply,
        csvFilename(`framvaxande-${run.id.slice(0, 8)}`, dialect),
        emergingCsv(emergingRows(run.emerging, run.parameters.cellSize), run.parameters.cellSize, { t: req.t, locale: req.locale, describe }, dialect),
      );
    },
  );
}
