// Open data: every published medborgarlöfte of the tenant with its promises, targets, measured
// progress, follow-up verdicts and activities, as JSON and as CSV (one row per promise; RFC 4180,
// or the Swedish Excel dialect with ?format=excel — both written by platform/csv.ts, which
// guards against formula injection). Only published documents; no attachments, no staff names.
// Both are built once per change of the tenant's public data (the public-answer cache, decision 0015).
import { z } from "zod";
import { CSV_CONTENT_TYPE, CSV_DIALECTS, type CsvDialect, type CsvValue, csvDialectOf, csvFilename, writeCsv } from "../../../platform/csv.ts";
import { apiErrors } from "../../../platform/http/errors.ts";
import type { App } from "../../../platform/http/types.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { todayInStockholm } from "../domain/progress.ts";
import { ownerLabel, targetText } from "../pages/format.ts";
import { publicDocUrl } from "../pages/public.ts";
import { IsoDate } from "../schema.ts";
import { type DocumentView, loadDocumentViews, loadPublished } from "../service/views.ts";
import { DOCUMENT_STATUSES, FINDING_SOURCES, PROMISE_STATUSES, TARGET_PERIODS, VERDICTS } from "../tables.ts";
import { openDataApi, publicTenantFile } from "./access.ts";
import { progressOut } from "./present.ts";

const TenantParams = z.object({ tenant: z.string() });
const CsvQuery = z.object({
  format: z.enum(CSV_DIALECTS).optional().describe("rfc4180 (standard) eller excel (svenska Excel-inställningar: semikolon, decimalkomma)"),
});
const tags = ["medborgarlöften", "öppna data"];
const sv = translator("sv");

const OpenPromise = z.object({
  number: z.number().int(),
  text: z.string(),
  owner: z.string(),
  owner_label: z.string(),
  focus_area: z.string().nullable(),
  responsible_organisations: z.array(z.string()),
  target: z.object({ quantity: z.number(), unit: z.string(), period: z.enum(TARGET_PERIODS), metric: z.string().nullable(), text: z.string() }).nullable(),
  status: z.enum(PROMISE_STATUSES),
  achieved_total: z.number(),
  periods_met: z.number().int(),
  periods_evaluated: z.number().int(),
  verdict: z.enum(VERDICTS).nullable(),
  verdict_reason: z.string().nullable(),
  activities: z.array(
    z.object({
      occurred_on: IsoDate,
      title: z.string(),
      place_name: z.string().nullable(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      outcomes: z.array(z.object({ label: z.string(), value: z.number() })),
    }),
  ),
});

const OpenDocument = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  revision: z.number().int(),
  superseded_by_id: z.uuid().nullable(),
  valid_from: IsoDate,
  valid_to: IsoDate,
  signed_on: IsoDate.nullable(),
  signing_place: z.string().nullable(),
  parties: z.array(z.object({ key: z.string(), name: z.string() })),
  signatories: z.array(z.object({ name: z.string(), title: z.string(), organisation: z.string(), party: z.string(), signed_on: IsoDate.nullable() })),
  focus_areas: z.array(z.string()),
  findings: z.array(z.object({ text: z.string(), source: z.enum(FINDING_SOURCES), ref_url: z.string().nullable() })),
  stated_promise_count: z.number().int().nullable(),
  followup_summary: z.string().nullable(),
  url: z.string(),
  pdf_url: z.string(),
  promises: z.array(OpenPromise),
});

const OpenData = z
  .object({
    tenant: z.object({ slug: z.string(), name: z.string(), kommunkod: z.string() }),
    generated_on: IsoDate,
    current_id: z.uuid().nullable().describe("Medborgarlöftet vars giltighetsperiod omfattar generated_on; null när inget gör det"),
    latest_id: z.uuid().nullable().describe("Det senaste publicerade medborgarlöftet, även när dess period har slutat"),
    documents: z.array(OpenDocument),
  })
  .meta({ id: "PromisesOpenData" });

function openDocument(baseUrl: string, slug: string, v: DocumentView): z.infer<typeof OpenDocument> {
  const d = v.doc;
  return {
    id: d.id,
    title: d.title,
    status: d.status,
    revision: d.revision,
    superseded_by_id: d.superseded_by_id,
    valid_from: d.valid_from,
    valid_to: d.valid_to,
    signed_on: d.signed_on,
    signing_place: d.signing_place,
    parties: d.parties,
    signatories: d.signatories,
    focus_areas: d.focus_areas,
    findings: d.findings,
    stated_promise_count: d.stated_promise_count,
    followup_summary: d.followup_summary,
    url: `${baseUrl}${publicDocUrl(slug, d.id)}`,
    pdf_url: `${baseUrl}${publicDocUrl(slug, d.id)}.pdf`,
    promises: v.promises.map((p) => {
      const pr = progressOut(p.progress);
      return {
        number: p.number,
        text: p.text,
        owner: p.owner,
        owner_label: ownerLabel(sv, p.owner, d.parties),
        focus_area: p.focus_area,
        responsible_organisations: p.responsibles.map((o) => o.name),
        target: p.target ? { ...p.target, text: targetText(sv, p.target) ?? "" } : null,
        status: p.status,
        achieved_total: p.progress.kind === "target" ? p.progress.totalAchieved : p.activities.length,
        periods_met: pr.periods_met,
        periods_evaluated: pr.periods_evaluated,
        verdict: p.verdict,
        verdict_reason: p.verdict_reason,
        activities: p.activities.map((a) => ({
          occurred_on: a.occurred_on,
          title: a.title,
          place_name: a.place_name,
          lat: a.lat,
          lon: a.lon,
          outcomes: a.outcomes,
        })),
      };
    }),
  };
}

const CSV_COLUMNS = [
  "document_id",
  "document_title",
  "document_status",
  "valid_from",
  "valid_to",
  "number",
  "owner",
  "promise",
  "focus_area",
  "target_quantity",
  "target_unit",
  "target_period",
  "target_metric",
  "achieved_total",
  "periods_met",
  "periods_evaluated",
  "activity_count",
  "verdict",
  "verdict_reason",
  "url",
] as const;

/** The CSV of the open data (one row per promise), in RFC 4180 or the Swedish Excel dialect. */
export function openDataCsv(data: z.infer<typeof OpenData>, dialect: CsvDialect = "rfc4180"): string {
  const rows: CsvValue[][] = [];
  for (const d of data.documents) {
    for (const p of d.promises) {
      const cells: Record<(typeof CSV_COLUMNS)[number], CsvValue> = {
        document_id: d.id,
        document_title: d.title,
        document_status: d.status,
        valid_from: d.valid_from,
        valid_to: d.valid_to,
        number: p.number,
        owner: p.owner,
        promise: p.text,
        focus_area: p.focus_area,
        target_quantity: p.target?.quantity,
        target_unit: p.target?.unit,
        target_period: p.target?.period,
        target_metric: p.target?.metric,
        achieved_total: p.achieved_total,
        periods_met: p.target ? p.periods_met : null,
        periods_evaluated: p.target ? p.periods_evaluated : null,
        activity_count: p.activities.length,
        verdict: p.verdict,
        verdict_reason: p.verdict_reason,
        url: d.url,
      };
      rows.push(CSV_COLUMNS.map((c) => cells[c]));
    }
  }
  return writeCsv(CSV_COLUMNS, rows, dialect);
}

export async function registerOpenDataRoutes(app: App): Promise<void> {
  async function build(tenant: { id: string; slug: string; name: string; kommunkod: string }): Promise<z.infer<typeof OpenData>> {
    const today = todayInStockholm();
    const { documents, current, latest } = await loadPublished(app.db, tenant.id, today);
    const views = await loadDocumentViews(app.db, tenant.id, documents, { asOf: today });
    return {
      tenant: { slug: tenant.slug, name: tenant.name, kommunkod: tenant.kommunkod },
      generated_on: today,
      current_id: current?.id ?? null,
      latest_id: latest?.id ?? null,
      documents: views.map((v) => openDocument(app.deps.config.baseUrl, tenant.slug, v)),
    };
  }

  app.get(
    "/api/t/:tenant/promises/open-data.json",
    {
      schema: {
        tags,
        summary: "Öppna data: publicerade medborgarlöften med utfall och uppföljning (JSON)",
        params: TenantParams,
        response: { 200: OpenData, ...apiErrors },
      },
      ...openDataApi.options,
    },
    async (req, reply) => {
      const { tenant } = openDataApi.of(req);
      // Encoded through the response schema here (unknown keys stripped, as Fastify's serializer
      // does), so the bytes can be stored.
      const json = JSON.stringify(z.encode(OpenData, await build(tenant)));
      return app.publicCache.send(req, reply, {
        type: "application/json; charset=utf-8",
        body: json,
        headers: { "content-disposition": `inline; filename="medborgarloften-${tenant.slug}.json"` },
      });
    },
  );

  app.get(
    "/api/t/:tenant/promises/open-data.csv",
    {
      schema: {
        tags,
        summary: "Öppna data: ett löfte per rad med mål, utfall och bedömning (CSV, UTF-8)",
        description:
          "RFC 4180 (komma, CRLF, UTF-8). Med `?format=excel` samma data för Excel med svenska inställningar: byte order mark, semikolon, decimalkomma. Text som ett kalkylprogram kunde läsa som en formel (börjar med = + - @, tabb eller CR) får en inledande apostrof.",
        params: TenantParams,
        querystring: CsvQuery,
        response: { 200: z.string().describe("text/csv"), ...apiErrors },
      },
      ...publicTenantFile.options,
    },
    async (req, reply) => {
      const { tenant } = publicTenantFile.of(req);
      const dialect = csvDialectOf(req.query.format);
      const csv = openDataCsv(await build(tenant), dialect);
      return app.publicCache.send(req, reply, {
        type: CSV_CONTENT_TYPE,
        body: csv,
        headers: { "content-disposition": `attachment; filename="${csvFilename(`medborgarloften-${tenant.slug}`, dialect)}"` },
      });
    },
  );
}
