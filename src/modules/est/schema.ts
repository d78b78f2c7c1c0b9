// zod schemas of the EST module: the same schema validates a form, an API request and shapes an
// API response (unknown keys stripped, so internal columns never leak). Messages are catalog keys.
import { z } from "zod";
import { PEOPLE_RANGES } from "./domain/report-rules.ts";
import { ASSESSMENTS, INSATS_STATUSES, REPORT_STATUSES, SETTINGS_KINDS } from "./tables.ts";

/** A decimal typed by a person ("56,38", " 14.1 "); empty → undefined. */
const decimal = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
  z.number({ error: "est.error.number" }).finite().optional(),
);

const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().optional());

export const ReportInput = z.object({
  /** A point in time ("tid") or a span ("period"). */
  when: z.enum(["tid", "period"]).default("tid"),
  /** datetime-local ("2024-05-31T22:15", Stockholm time) or ISO 8601 with an offset. */
  occurred_at: optionalText,
  occurred_from: optionalText,
  occurred_to: optionalText,
  /** A named place of the tenant; without one the pin (lat, lon) is the position. */
  place_id: optionalText,
  lat: decimal,
  lon: decimal,
  setting: z.enum(SETTINGS_KINDS, { error: "est.report.error.setting" }),
  category: z.string({ error: "est.report.error.category" }).trim().min(1, "est.report.error.category"),
  description: z.string().trim().max(500).default(""),
  assessment: z.enum(ASSESSMENTS, { error: "est.report.error.assessment" }),
  people: z.enum(["", ...PEOPLE_RANGES]).default(""),
  /** Likely names the writer confirmed are not people (their exact text). */
  confirm_not_names: z.array(z.string().max(200)).max(20).default([]),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const ReportOut = z
  .object({
    id: z.uuid(),
    category: z.string(),
    category_label: z.string(),
    occurred_from: z.string(),
    occurred_to: z.string().nullable(),
    week: z.string(),
    place_name: z.string().nullable(),
    setting: z.enum(SETTINGS_KINDS),
    lat: z.number(),
    lon: z.number(),
    description: z.string(),
    assessment: z.enum(ASSESSMENTS),
    people: z.string(),
    status: z.enum(REPORT_STATUSES),
    organisation: z.string().nullable(),
    version: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: "EstReport" });

export const RecategoriseInput = z.object({
  category: z.string().trim().min(1, "est.report.error.category"),
  reason: z.string().trim().min(3, "est.review.error.reason").max(500),
  version: z.coerce.number().int(),
});

export const MergeInput = z.object({
  into: z.string().trim().min(1, "est.review.error.mergeTarget"),
  version: z.coerce.number().int(),
});

export const MeetingInput = z.object({
  week: z
    .string()
    .trim()
    .regex(/^\d{4}-[Ww]\d{2}$/, "est.meeting.error.week"),
  held_on: z.iso.date({ error: "est.meeting.error.heldOn" }),
});

export const FocusInput = z.object({
  focus_areas: z.array(z.string().trim().min(1).max(120)).max(10),
  notes: z.string().trim().max(4000).default(""),
  version: z.coerce.number().int(),
});

export const TargetInput = z.object({
  organisation_id: z.string().trim().min(1, "est.meeting.error.organisation"),
  place_id: optionalText,
  place_name: optionalText,
  note: z.string().trim().max(500).default(""),
});

export const InsatsInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(""),
  place_id: z.string({ error: "est.insats.error.place" }).trim().min(1, "est.insats.error.place"),
  radius_m: z.preprocess((v) => (v === "" || v === undefined ? 250 : Number(v)), z.number().int().min(50).max(5000)),
  categories: z.array(z.string()).max(30).default([]),
  organisation_id: z.string({ error: "est.insats.error.organisation" }).trim().min(1, "est.insats.error.organisation"),
  starts_on: z.iso.date(),
  ends_on: z.iso.date(),
  promise_id: optionalText,
  comparison_place_id: optionalText,
});
export type InsatsInput = z.infer<typeof InsatsInput>;

export const InsatsStatusInput = z.object({
  status: z.enum(INSATS_STATUSES),
  outcome: z.string().trim().max(2000).default(""),
  done_on: optionalText,
  version: z.coerce.number().int(),
});

export const ComparisonInput = z.object({
  comparison_place_id: optionalText,
  version: z.coerce.number().int(),
});

export const SummaryInput = z.object({
  text: z.string().trim().min(1).max(4000),
  version: z.coerce.number().int().min(0),
  confirm_not_names: z.array(z.string().max(200)).max(20).default([]),
});

export const ExportInput = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  format: z.enum(["csv", "geojson"]),
  purpose: z.string().trim().min(5, "est.export.error.purpose").max(300),
  sources: z
    .array(z.enum(["est", "polisen", "walks"]))
    .min(1, "est.export.error.sources")
    .default(["est", "polisen", "walks"]),
});
