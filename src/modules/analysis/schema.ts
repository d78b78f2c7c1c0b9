// zod schemas of the analysis module: the hot spot parameters (shared by the form and the API),
// the API's request body and its responses. Custom messages are catalog keys (translated into
// Swedish and English by the validator).
import { z } from "zod";

/** Points accepted by the API in one request. */
export const MAX_API_POINTS = 200_000;
/** JSON body limit of the API route: 200 000 points with weight and timestamp fit. */
export const API_BODY_LIMIT = 32 * 1024 * 1024;

const cellSize = z
  .number({ error: "analysis.error.cellNumber" })
  .positive("analysis.error.cellPositive")
  .max(10_000, "analysis.error.cellMax")
  .describe("Cellstorlek i meter (SWEREF 99 TM), > 0");
const band = z
  .number({ error: "analysis.error.bandNumber" })
  .positive("analysis.error.bandPositive")
  .max(50_000, "analysis.error.bandMax")
  .describe("Avståndsband i meter mellan cellernas mittpunkter, ≥ cellstorleken");

/** band ≥ cell and at most 200 cells wide (the engine's neighbourhood limit). */
function checkBand(v: { cellSize: number; band: number }, ctx: z.RefinementCtx, path: string): void {
  if (!(v.cellSize > 0) || !(v.band > 0)) return; // already reported on the field itself
  if (v.band < v.cellSize) ctx.addIssue({ code: "custom", path: [path], message: "analysis.error.bandBelowCell" });
  else if (v.band / v.cellSize > 200) ctx.addIssue({ code: "custom", path: [path], message: "analysis.error.bandTooWide" });
}

/** The form, after form-input.ts has turned its fields into values. */
export const HotspotForm = z
  .object({
    cell_size: cellSize,
    band,
    boundary_only: z.boolean(),
    emerging: z.boolean(),
    categories: z.array(z.string().max(100, "analysis.error.categoryLong")).max(20, "analysis.error.categoryMany"),
  })
  .superRefine((v, ctx) => checkBand({ cellSize: v.cell_size, band: v.band }, ctx, "band"));
export type HotspotForm = z.infer<typeof HotspotForm>;

const ApiPoint = z.object({
  lat: z.number().describe("Latitud, WGS84 grader"),
  lon: z.number().describe("Longitud, WGS84 grader"),
  weight: z.number().optional().describe("Vikt (standard 1)"),
  ts: z.string().max(40).optional().describe("Tidpunkt, ISO 8601 (för framväxande hot spots)"),
});

export const HotspotApiBody = z
  .object({
    points: z.array(ApiPoint).min(1, "analysis.error.noPoints").max(MAX_API_POINTS, "analysis.error.tooManyPoints"),
    cellSize,
    band,
    boundaryOnly: z.boolean().optional().describe("Analysera alla celler inom kommungränsen (nollor inräknade)"),
    emerging: z.boolean().optional().describe("Även framväxande hot spots (kräver ts på punkterna)"),
    label: z.string().max(200).optional().describe("Egen beteckning på körningen"),
  })
  .superRefine((v, ctx) => checkBand(v, ctx, "band"))
  .meta({ id: "HotspotRequest" });
export type HotspotApiBody = z.infer<typeof HotspotApiBody>;

const HotspotClassKey = z.enum(["hot99", "hot95", "hot90", "ns", "cold90", "cold95", "cold99"]);

export const CellOut = z.object({
  id: z.string().describe("Cellens id ix_iy (SWEREF 99 TM, cell = ⌊E/cellSize⌋_⌊N/cellSize⌋)"),
  ix: z.number().int(),
  iy: z.number().int(),
  lat: z.number().describe("Cellens mittpunkt, latitud"),
  lon: z.number().describe("Cellens mittpunkt, longitud"),
  count: z.number().int(),
  z: z.number().describe("Gi* z-värde"),
  p: z.number(),
  q: z.number().describe("Benjamini–Hochberg-justerat p"),
  class: HotspotClassKey,
  classLabel: z.string(),
});

export const EmergingCellOut = z.object({
  id: z.string(),
  lat: z.number(),
  lon: z.number(),
  count: z.number().int(),
  pattern: z.string(),
  patternLabel: z.string(),
  hotWeeks: z.number().int(),
  coldWeeks: z.number().int(),
  trendTau: z.number(),
  trendP: z.number(),
});

export const RunOut = z
  .object({
    id: z.uuid(),
    status: z.enum(["running", "done", "failed"]),
    source: z.enum(["upload", "dataset", "api"]),
    label: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    createdBy: z.string().nullable(),
    parameters: z.object({
      cellSize: z.number(),
      band: z.number(),
      boundaryOnly: z.boolean(),
      categories: z.array(z.string()),
      emerging: z.boolean(),
      statistic: z.string(),
      classifyBy: z.string(),
    }),
    input: z.object({
      rows: z.number().int(),
      used: z.number().int(),
      filtered: z.number().int(),
      outside: z.number().int(),
      skipped: z.object({
        count: z.number().int(),
        first: z.array(z.number().int()).describe("Första radnumren (CSV) eller punktindexen (API)"),
        badRows: z.number().int(),
        badCoordinates: z.number().int(),
        badTimestamps: z.number().int(),
      }),
    }),
    counts: z.record(z.string(), z.number()).nullable(),
    timings: z.record(z.string(), z.union([z.number(), z.string()])),
    cells: z.array(CellOut).describe("Signifikanta celler (hot och cold spots)"),
    cellsTruncated: z.boolean(),
    emerging: z
      .object({
        weeks: z.number().int(),
        firstWeek: z.string(),
        lastWeek: z.string(),
        locations: z.number().int(),
        cells: z.array(EmergingCellOut),
        truncated: z.boolean(),
      })
      .nullable(),
    error: z.string().nullable(),
    links: z.object({ page: z.string(), csv: z.string(), csvExcel: z.string() }),
  })
  .meta({ id: "HotspotRun" });
export type RunOut = z.infer<typeof RunOut>;

export const RunSummaryOut = RunOut.omit({ cells: true, emerging: true }).meta({ id: "HotspotRunSummary" });
