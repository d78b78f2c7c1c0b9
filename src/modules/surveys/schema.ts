// zod schemas of the surveys module: the tenant's settings (typed, with defaults), form and API
// inputs, and API responses (unknown keys stripped, so internal columns never leak; suppressed
// cells carry no counts).
import { z } from "zod";
import { INSECURITY_ITEM } from "./domain/template.ts";
import { COLOURS } from "./tables.ts";

export const IsoDate = z.iso.date().describe("Datum ÅÅÅÅ-MM-DD");

const Bands = z
  .array(z.object({ from: z.number().min(0).max(6), colour: z.enum(COLOURS) }))
  .min(1)
  .max(6);

/** The tenant's settings (tenants.settings.surveys); every value has a default. */
export const SurveySettings = z.object({
  /** Cells with fewer answers than this are suppressed everywhere (pages, PDF, CSV, API). */
  minCell: z.number().int().min(3).max(50).default(5),
  /** The tenant's own conversion from a share to the 0–6 scale ("ej officiell beräkning"). */
  index: z
    .object({ enabled: z.boolean().default(false), factor: z.number().min(0).max(20).default(6), offset: z.number().min(-6).max(6).default(0) })
    .default({ enabled: false, factor: 6, offset: 0 }),
  /** Colour bands on the 0–6 scale (the police's thresholds are not public). */
  bands: Bands.default([
    { from: 0, colour: "gron" },
    { from: 2.5, colour: "gul" },
    { from: 4, colour: "rod" },
  ]),
  /** The perceived-and-reported comparison: which item is "insecurity", and what counts as a change. */
  compare: z
    .object({
      insecurityItem: z.string().default(INSECURITY_ITEM),
      sharePoints: z.number().min(0).max(50).default(3),
      indexPoints: z.number().min(0).max(6).default(0.2),
      countPercent: z.number().min(0).max(100).default(10),
    })
    .default({ insecurityItem: INSECURITY_ITEM, sharePoints: 3, indexPoints: 0.2, countPercent: 10 }),
});
export type SurveySettings = z.output<typeof SurveySettings>;
export const SETTINGS_KEY = "surveys";

export const SurveyInput = z
  .object({
    title: z.string().trim().min(3).max(200),
    year: z.number({ error: "surveys.error.year" }).int().min(1990, "surveys.error.year").max(2100, "surveys.error.year"),
    field_from: IsoDate,
    field_to: IsoDate,
    requires_code: z.boolean().default(false),
    /** "template" for a new definition from the template, or the id of an existing definition. */
    definition: z.union([z.literal("template"), z.uuid()]),
  })
  .superRefine((s, ctx) => {
    if (s.field_to < s.field_from) ctx.addIssue({ code: "custom", path: ["field_to"], message: "surveys.error.periodOrder" });
  });
export type SurveyInput = z.output<typeof SurveyInput>;

export const SurveyUpdate = z
  .object({
    title: z.string().trim().min(3).max(200),
    field_from: IsoDate,
    field_to: IsoDate,
    requires_code: z.boolean().default(false),
    version: z.number({ error: "surveys.error.version" }).int().min(1),
  })
  .superRefine((s, ctx) => {
    if (s.field_to < s.field_from) ctx.addIssue({ code: "custom", path: ["field_to"], message: "surveys.error.periodOrder" });
  });
export type SurveyUpdate = z.output<typeof SurveyUpdate>;

export const ImportInput = z.object({
  filename: z.string().trim().min(1).max(200).default("api.csv"),
  source: z.string().trim().max(500).default(""),
  csv: z.string().min(1).max(2_000_000),
});

// ---- API responses ----

const Interval = z.object({ percent: z.number(), lo: z.number(), hi: z.number() });

export const CellOut = z.object({
  area: z.string().describe("Områdets slug, ej-angivet eller alla"),
  suppressed: z.boolean().describe("true: för få svar – inga siffror lämnas ut"),
  answered: z.number().int().nullable(),
  dont_know: z.number().int().nullable(),
  distribution: z.array(z.object({ option: z.string(), count: z.number().int(), percent: z.number() })).nullable(),
  share: Interval.extend({ k: z.number().int(), base: z.number().int() }).nullable(),
  weighted_share: Interval.extend({ n_eff: z.number() }).nullable(),
  per_option: z.array(Interval.extend({ option: z.string(), k: z.number().int() })).nullable(),
  mean: z.object({ mean: z.number(), lo: z.number(), hi: z.number(), n: z.number().int() }).nullable(),
  index: z.object({ value: z.number(), colour: z.enum(COLOURS).nullable(), official: z.literal(false) }).nullable(),
});

export const ItemOut = z.object({
  key: z.string(),
  type: z.string(),
  theme: z.string(),
  text: z.object({ sv: z.string(), en: z.string().nullable() }),
  measure: z.string().nullable(),
  cells: z.array(CellOut),
});

export const OfficialOut = z.object({
  year: z.number().int(),
  area: z.string().describe("Områdets slug, eller alla för hela kommunen"),
  item: z.string(),
  index: z.number().nullable(),
  share_percent: z.number().nullable(),
  n: z.number().int().nullable(),
  colour: z.enum(COLOURS).nullable().describe("Färgen enligt polisens publicerade resultat"),
  band_colour: z.enum(COLOURS).nullable().describe("Färg enligt kommunens band – ej officiell beräkning"),
});

export const ResultsOut = z
  .object({
    year: z.number().int(),
    survey: z
      .object({
        id: z.uuid(),
        title: z.string(),
        field_from: z.string(),
        field_to: z.string(),
        responses: z.number().int(),
        complete: z.number().int(),
        published_at: z.string().nullable(),
      })
      .nullable(),
    min_cell: z.number().int(),
    weighting: z.object({ population: z.number(), excluded: z.number().int(), label: z.string() }).nullable(),
    index_label: z.string().nullable().describe("Satt när kommunen räknar om andelar till index: ej officiell beräkning"),
    areas: z.array(z.object({ area: z.string(), name: z.string(), responses: z.number().int().nullable() })),
    items: z.array(ItemOut),
    official: z.array(OfficialOut),
  })
  .meta({ id: "SurveyResults" });

export const TrendOut = z
  .object({
    item: z.string(),
    text: z.object({ sv: z.string(), en: z.string().nullable() }),
    measure: z.string().nullable(),
    series: z.array(
      z.object({
        area: z.string(),
        name: z.string(),
        points: z.array(
          z.object({
            year: z.number().int(),
            source: z.enum(["egen", "officiell"]),
            share_percent: z.number().nullable(),
            lo: z.number().nullable(),
            hi: z.number().nullable(),
            index: z.number().nullable(),
            suppressed: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "SurveyTrend" });

export const SurveySummaryOut = z.object({
  id: z.uuid(),
  year: z.number().int(),
  title: z.string(),
  status: z.string(),
  field_from: z.string(),
  field_to: z.string(),
  open: z.boolean(),
  answer_url: z.string().nullable(),
});

export const ComparisonOut = z
  .object({
    area: z.string(),
    name: z.string(),
    perceived: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        scale: z.enum(["share", "index"]),
        official: z.boolean(),
        points: z.array(z.object({ year: z.number().int(), value: z.number(), lo: z.number().nullable(), hi: z.number().nullable() })),
      }),
    ),
    reported: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        level: z.enum(["area", "kommun"]),
        points: z.array(z.object({ year: z.number().int(), count: z.number() })),
      }),
    ),
    statements: z.array(z.object({ text: z.string(), from: z.number().int(), to: z.number().int(), diverges: z.boolean(), uncertain: z.boolean() })),
  })
  .meta({ id: "SurveyComparison" });

export const ImportOut = z.object({ import_id: z.uuid(), rows: z.number().int() });
