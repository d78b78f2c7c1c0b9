// Staff routes for imports (official results, reported crime) and the tenant's survey settings.
// A file comes as an upload or pasted text; a bad file is rejected whole with its offending rows.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { apiErrors, fieldIssue, HttpError } from "../../../platform/http/errors.ts";
import { type FieldErrors, isConfirmed } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { saveSettings } from "../../../platform/tenancy/settings.ts";
import { listAreas } from "../../tenants/index.ts";
import { can } from "../policy.ts";
import { importPage, settingsPage } from "../pages/imports.ts";
import { confirmStepPage } from "../pages/staff.ts";
import { staffBase } from "../pages/urls.ts";
import { findImport, listImports } from "../repo/imports.ts";
import { ImportInput, ImportOut, SETTINGS_KEY, SurveySettings } from "../schema.ts";
import { importableItems, importCrime, importOfficial, removeImport } from "../service/imports.ts";
import type { ImportKind } from "../tables.ts";
import { bodyOf, settingsFor, who } from "./common.ts";

const tags = ["trygghetsmätning (import)"];
const TenantParams = z.object({ tenant: z.string() });
const ImportParams = z.object({ tenant: z.string(), importId: z.string() });
const str = (body: Record<string, unknown>, k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");

const MAX_FILE = 2 * 1024 * 1024;

export async function registerImportRoutes(app: App): Promise<void> {
  const read = pipeline({ tenant: "path", access: "staff", present: "page" });
  const write = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    can: ({ actor, tenant }) => can(actor, "results.import", { tenant_id: tenant.id }),
    multipart: { fileSize: MAX_FILE, files: 1 },
  });
  const remove = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { imp: { param: "importId", load: (db, tenantId, id) => (tenantId ? findImport(db, tenantId, id) : Promise.resolve(undefined)) } },
    can: ({ actor, tenant }) => can(actor, "results.import", { tenant_id: tenant.id }),
  });
  const settingsRead = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    can: ({ actor, tenant }) => can(actor, "settings.edit", { tenant_id: tenant.id }),
  });
  const apiImport = pipeline({
    tenant: "path",
    access: "staff",
    present: "json",
    can: ({ actor, tenant }) => can(actor, "results.import", { tenant_id: tenant.id }),
  });

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    tenant: TenantRow,
    kind: ImportKind,
    extra: { values?: Record<string, string>; errors?: FieldErrors; rowErrors?: Parameters<typeof importPage>[1]["rowErrors"] },
    status = 200,
  ) {
    const [imports, items, areas] = await Promise.all([listImports(app.db, tenant.id, kind), importableItems(app.db, tenant.id), listAreas(app.db, tenant.id)]);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        importPage(ctx, {
          kind,
          imports,
          items: [...items].sort(),
          areas: [...areas.map((a) => a.name), tenant.name],
          mayImport: can(req.actor, "results.import", { tenant_id: tenant.id }),
          values: extra.values ?? {},
          errors: extra.errors,
          rowErrors: extra.rowErrors,
        }),
      status,
    );
  }

  for (const kind of ["officiella", "brottsstatistik"] as const) {
    const path = `/t/:tenant/arbete/trygghetsmatning/${kind === "officiella" ? "import" : "brottsstatistik"}`;
    const what = kind === "officiella" ? "polisens officiella resultat" : "anmälda brott (Brå)";
    app.get(path, { schema: { tags, summary: `Importera ${what}`, params: TenantParams, response: htmlResponses }, ...read.options }, async (req, reply) =>
      show(req, reply, read.of(req).tenant, kind, {}),
    );

    app.post(
      path,
      { schema: { tags, summary: `Importera en CSV-fil med ${what}`, params: TenantParams, response: htmlResponses }, ...write.options },
      async (req, reply) => {
        const { tenant, actor, files } = write.of(req);
        const body = bodyOf(req);
        const file = files.find((f) => f.field === "file");
        const values = { csv: str(body, "csv"), source: str(body, "source") };
        if (file?.truncated) return show(req, reply, tenant, kind, { values, errors: { file: req.t("surveys.import.error.tooLarge", { mb: 2 }) } }, 413);
        const text = file ? file.data.toString("utf8") : values.csv;
        if (!text.trim()) return show(req, reply, tenant, kind, { values, errors: { file: req.t("surveys.import.error.noFile") } }, 400);
        const input = { filename: file?.filename ?? req.t("surveys.import.pasted"), source: values.source.slice(0, 500), text };
        const r =
          kind === "officiella"
            ? await importOfficial(app.db, tenant.id, tenant.name, who(actor), input)
            : await importCrime(app.db, tenant.id, tenant.name, who(actor), input);
        if (r.kind === "invalid") return show(req, reply, tenant, kind, { values, rowErrors: r.errors }, 400);
        return redirectWithFlash(
          reply,
          `${staffBase(tenant.slug)}/${kind === "officiella" ? "import" : "brottsstatistik"}`,
          req.t("surveys.flash.imported", { count: r.rows }),
        );
      },
    );

    app.post(
      `${path}/:importId/ta-bort`,
      {
        schema: { tags, summary: `Ta bort en import (${what}) och dess värden`, params: ImportParams, body: FormBody, response: htmlResponses },
        ...remove.options,
      },
      async (req, reply) => {
        const { tenant, loaded } = remove.of(req);
        const back = `${staffBase(tenant.slug)}/${kind === "officiella" ? "import" : "brottsstatistik"}`;
        if (!isConfirmed(bodyOf(req))) {
          const imp = loaded.imp;
          return sendPageAsync(req, reply, async (ctx) =>
            confirmStepPage(ctx, {
              heading: req.t("surveys.confirm.deleteImport.heading", { filename: imp.filename }),
              question: req.t("surveys.confirm.deleteImport.question", { count: imp.row_count }),
              action: `${back}/${imp.id}/ta-bort`,
              fields: {},
              confirmLabel: req.t("surveys.confirm.deleteImport.button"),
              cancelHref: back,
              trail: [[req.t(kind === "officiella" ? "surveys.import.officialTitle" : "surveys.import.crimeTitle"), back]],
              danger: true,
            }),
          );
        }
        const r = await removeImport(app.db, tenant.id, loaded.imp.id, kind);
        if (r.kind === "notFound") return reply.callNotFound();
        return redirectWithFlash(
          reply,
          `${staffBase(tenant.slug)}/${kind === "officiella" ? "import" : "brottsstatistik"}`,
          req.t("surveys.flash.importDeleted"),
        );
      },
    );
  }

  // The same imports over the API (JSON with the CSV text), for scripts that fetch the files.
  const en = translator("en");
  const sv = translator("sv");
  for (const kind of ["officiella", "brottsstatistik"] as const) {
    app.post(
      `/api/t/:tenant/surveys/${kind === "officiella" ? "official-results" : "crime-statistics"}`,
      {
        schema: {
          tags: ["trygghetsmätning"],
          summary: kind === "officiella" ? "Importera polisens officiella resultat (CSV i JSON)" : "Importera anmälda brott (Brå, CSV i JSON)",
          security: [{ session: [] }],
          params: TenantParams,
          body: ImportInput,
          response: { 201: ImportOut, ...apiErrors },
        },
        ...apiImport.options,
      },
      async (req, reply) => {
        const { tenant, actor } = apiImport.of(req);
        const input = { filename: req.body.filename, source: req.body.source, text: req.body.csv };
        const r =
          kind === "officiella"
            ? await importOfficial(app.db, tenant.id, tenant.name, who(actor), input)
            : await importCrime(app.db, tenant.id, tenant.name, who(actor), input);
        if (r.kind === "invalid")
          throw new HttpError(400, sv("surveys.import.rejected", { count: r.errors.length }), en("surveys.import.rejected", { count: r.errors.length }), {
            code: "invalid_rows",
            fields: r.errors.map((e) => ({ ...fieldIssue(`rad ${e.line}`, e.key, e.params), field: `row ${e.line}` })),
          });
        return reply.code(201).send({ import_id: r.importId, rows: r.rows });
      },
    );
  }

  // ---- Settings ----
  function settingsValues(s: SurveySettings): Record<string, string> {
    const from = (c: string) => String(s.bands.find((b) => b.colour === c)?.from ?? "");
    return {
      minCell: String(s.minCell),
      indexEnabled: s.index.enabled ? "on" : "",
      indexFactor: String(s.index.factor),
      indexOffset: String(s.index.offset),
      bandYellow: from("gul"),
      bandRed: from("rod"),
      insecurityItem: s.compare.insecurityItem,
      sharePoints: String(s.compare.sharePoints),
      indexPoints: String(s.compare.indexPoints),
      countPercent: String(s.compare.countPercent),
    };
  }

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/installningar",
    { schema: { tags, summary: "Kommunens inställningar för trygghetsmätningen", params: TenantParams, response: htmlResponses }, ...settingsRead.options },
    async (req, reply) => {
      const { tenant } = settingsRead.of(req);
      return sendPageAsync(req, reply, async (ctx) => settingsPage(ctx, { values: settingsValues(settingsFor(tenant)) }));
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/installningar",
    { schema: { tags, summary: "Spara inställningarna", params: TenantParams, body: FormBody, response: htmlResponses }, ...settingsRead.options },
    async (req, reply) => {
      const { tenant } = settingsRead.of(req);
      const body = bodyOf(req);
      const values = Object.fromEntries(
        ["minCell", "indexEnabled", "indexFactor", "indexOffset", "bandYellow", "bandRed", "insecurityItem", "sharePoints", "indexPoints", "countPercent"].map(
          (k) => [k, str(body, k).trim()],
        ),
      );
      const errors: FieldErrors = {};
      const num = (k: string, min: number, max: number, int = false) => {
        const n = Number(values[k]!.replace(",", "."));
        if (values[k] === "" || !Number.isFinite(n) || n < min || n > max || (int && !Number.isInteger(n))) {
          errors[k] = req.t("surveys.settings.error.range", { min, max });
          return 0;
        }
        return n;
      };
      const minCell = num("minCell", 3, 50, true);
      const factor = num("indexFactor", 0, 20);
      const offset = num("indexOffset", -6, 6);
      const yellow = num("bandYellow", 0, 6);
      const red = num("bandRed", 0, 6);
      if (!errors.bandYellow && !errors.bandRed && red <= yellow) errors.bandRed = req.t("surveys.settings.error.bandOrder");
      const sharePoints = num("sharePoints", 0, 50);
      const indexPoints = num("indexPoints", 0, 6);
      const countPercent = num("countPercent", 0, 100);
      if (!/^[a-z][a-z0-9_]{0,39}$/.test(values.insecurityItem!)) errors.insecurityItem = req.t("surveys.settings.error.item");
      if (Object.keys(errors).length) return sendPageAsync(req, reply, async (ctx) => settingsPage(ctx, { values, errors }), 400);
      await saveSettings(app.db, tenant.id, SETTINGS_KEY, SurveySettings, {
        minCell,
        index: { enabled: values.indexEnabled === "on", factor, offset },
        bands: [
          { from: 0, colour: "gron" },
          { from: yellow, colour: "gul" },
          { from: red, colour: "rod" },
        ],
        compare: { insecurityItem: values.insecurityItem, sharePoints, indexPoints, countPercent },
      });
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/installningar`, req.t("surveys.flash.settings"));
    },
  );
}
