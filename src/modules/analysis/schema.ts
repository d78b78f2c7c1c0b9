// zod schemas of the analysis module: the hot spot parameters (shared by the form and the API),
// the API's request body and its responses. Custom messages are catalog keys (translated into
// Swedish and English by the validator).
import { z } from "zod";
import { CLASSIFY_BY, SPARSE_REASONS } from "./tables.ts";

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
    uncorrected: z.boolean(),
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
    classifyBy: z
      .enum(CLASSIFY_BY)
      .optional()
      .describe(
        "Klass från FDR-korrigerade q-värden (q, standard: Benjamini–Hochberg över de analyserade cellerna) eller från okorrigerade p-värden (p, som ArcGIS utan FDR – bara för jämförelse)",
      ),
    label: z.string().max(200).optional().describe("Egen beteckning på körningen"),
  })
  .superRefine((v, ctx) => checkBand(v, ctx, "band"))
  .meta({ id: "HotspotRequest" });
export type HotspotApiBody = z.infer<typeof HotspotApiBody>;

const HotspotClassKey = z.enum(["hot99", "hot95", "hot90", "ns", "cold90", "cold95", "cold99"]);

const place = z.string().describe("Platsen i ord: ”250 m sydost om centrala Osby”, ”centrala Lönsboda” eller koordinater");
const area = z.string().nullable().describe("Kommunens område som platsen ligger inom, eller null");

export const CellOut = z.object({
  id: z.string().describe("Cellens id ix_iy (SWEREF 99 TM, cell = ⌊E/cellSize⌋_⌊N/cellSize⌋)"),
  ix: z.number().int(),
  iy: z.number().int(),
  lat: z.number().describe("Cellens mittpunkt, latitud"),
  lon: z.number().describe("Cellens mittpunkt, longitud"),
  place,
  area,
  count: z.number().int(),
  z: z.number().describe("Gi* z-värde"),
  p: z.number(),
  q: z.number().describe("Benjamini–Hochberg-justerat p"),
  class: HotspotClassKey,
  classLabel: z.string().describe("Klassen i ord, t.ex. ”Signifikant koncentration (99 % säkerhet, efter korrektion för många test)”"),
});

export const PlaceOut = z.object({
  place,
  area,
  lat: z.number().describe("Platsens mitt (händelseviktad), latitud"),
  lon: z.number().describe("Platsens mitt (händelseviktad), longitud"),
  class: HotspotClassKey.describe("Den starkaste klassen bland platsens celler"),
  classLabel: z.string(),
  cells: z.number().int().describe("Antal signifikanta celler som hänger ihop (sida eller hörn)"),
  events: z.number().int(),
  cellIds: z.array(z.string()),
});

export const AssessmentOut = z
  .object({
    events: z.number().int().describe("Händelser i de analyserade cellerna"),
    cellsWithEvents: z.number().int(),
    eventsPerCell: z.number().describe("Händelser per cell med minst en händelse"),
    emptyNearHot: z.number().int().describe("Celler utan händelser som Gi* räknade som hot spots (visas inte)"),
    emptyCold: z.number().int().describe("Celler utan händelser som Gi* räknade som cold spots (visas inte)"),
    sparse: z
      .enum(SPARSE_REASONS)
      .nullable()
      .describe("Varför inga celler klassades (för få celler med händelser, för få händelser per cell, ingen variation), eller null"),
  })
  .nullable();

export const EmergingCellOut = z.object({
  id: z.string(),
  lat: z.number(),
  lon: z.number(),
  place,
  area,
  count: z.number().int(),
  pattern: z.string(),
  patternLabel: z.string(),
  patternHelp: z.string().describe("Mönstret förklarat i ord"),
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
      classifyBy: z.enum(CLASSIFY_BY),
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
    assessment: AssessmentOut,
    timings: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .nullable()
      .describe("Tider per steg i ms (bara för administratörer)"),
    places: z.array(PlaceOut).describe("Signifikanta celler som hänger ihop, som platser: hot före cold, starkast först"),
    cells: z.array(CellOut).describe("Signifikanta celler (hot och cold spots); celler utan händelser är aldrig med"),
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

export const RunSummaryOut = RunOut.omit({ cells: true, places: true, emerging: true }).meta({ id: "HotspotRunSummary" });
