// The EST settings of a tenant (tenants.settings.est, typed with defaults; per-tenant
// differences are data, never code): the category list reporters choose from, who sees whose
// reports, the scheduled police import, the lägesbild's grid and hot spot windows, the small
// counts left out of maps, the analysis period and the evaluation window of insatser.
import { z } from "zod";
import { settingsOf } from "../../platform/tenancy/settings.ts";

export const CATEGORY_KEY = /^[a-z0-9_]{1,40}$/;

export const Category = z.object({
  key: z.string().regex(CATEGORY_KEY),
  sv: z.string().trim().min(1).max(80),
  en: z.string().trim().min(1).max(80),
  /** Shown only as counted cells on maps, never as points (about people's behaviour, not a place's state). */
  personRelated: z.boolean(),
  /** Inactive categories are kept for the history but not offered to reporters. */
  active: z.boolean().default(true),
});
export type Category = z.infer<typeof Category>;

/**
 * The categories seen in Swedish EST set-ups (docs: BRIEF §2), the default list of every tenant.
 * Person-related: the category describes what people do (gatherings, drugs, violence, threats,
 * break-ins, rumours) — a point would point at someone; place-related ones describe the place.
 * "Övrigt" can be anything, so it is treated as person-related.
 */
export const DEFAULT_CATEGORIES: Category[] = [
  { key: "skadegorelse", sv: "Skadegörelse", en: "Vandalism", personRelated: false, active: true },
  { key: "klotter", sv: "Klotter", en: "Graffiti", personRelated: false, active: true },
  { key: "nedskrapning", sv: "Nedskräpning", en: "Littering", personRelated: false, active: true },
  { key: "otrygg_plats", sv: "Otrygg plats (mörk/ödslig)", en: "Unsafe place (dark/deserted)", personRelated: false, active: true },
  { key: "otrygghetsskapande_samling", sv: "Otrygghetsskapande samling", en: "Gathering that creates insecurity", personRelated: true, active: true },
  { key: "ungdomar_stor", sv: "Ungdomar som stör ordningen", en: "Young people disturbing public order", personRelated: true, active: true },
  { key: "narkotika", sv: "Misstänkt narkotikahantering", en: "Suspected drug dealing", personRelated: true, active: true },
  { key: "paverkade_personer", sv: "Påverkade personer", en: "Intoxicated people", personRelated: true, active: true },
  { key: "brak_vald", sv: "Bråk/våld", en: "Fighting/violence", personRelated: true, active: true },
  { key: "hot_mot_personal", sv: "Hot mot personal", en: "Threats against staff", personRelated: true, active: true },
  { key: "inbrott", sv: "Inbrott", en: "Burglary", personRelated: true, active: true },
  { key: "brand", sv: "Brand", en: "Fire", personRelated: false, active: true },
  { key: "buskorning", sv: "Buskörning (moped/A-traktor)", en: "Reckless riding (moped/A-tractor)", personRelated: false, active: true },
  { key: "fortkorning", sv: "Fortkörning", en: "Speeding", personRelated: false, active: true },
  { key: "ryktesspridning", sv: "Ryktesspridning i sociala medier", en: "Rumours on social media", personRelated: true, active: true },
  { key: "arrangemang", sv: "Arrangemang", en: "Event", personRelated: false, active: true },
  { key: "ovrigt", sv: "Övrigt", en: "Other", personRelated: true, active: true },
];

export const EstSettings = z
  .object({
    categories: z
      .array(Category)
      .min(1)
      .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, "est.settings.error.duplicateKey")
      .default(DEFAULT_CATEGORIES),
    /** Reporters see the reports of every organisation (default: their own organisation's only). */
    reportersSeeAll: z.boolean().default(false),
    /** The scheduled fetch imports the police's open events of the tenant's municipality. */
    policeFetch: z.boolean().default(true),
    /** Period of the regular analysis pages: tertial (4 months) or kvartal (3 months). */
    analysisPeriod: z.enum(["tertial", "kvartal"]).default("tertial"),
    /** Grid cell of the lägesbild's hot spots, metres (SWEREF 99 TM). */
    cellSize: z.number().int().min(50).max(2000).default(200),
    /** Distance band of Gi*, metres (≥ the cell). */
    band: z.number().int().min(50).max(10000).default(400),
    /** Weeks of the hot spot (Gi*) window, ending with the lägesbild's week. */
    hotspotWeeks: z.number().int().min(1).max(26).default(4),
    /** Weeks of the emerging hot spot cube, ending with the lägesbild's week. */
    emergingWeeks: z.number().int().min(6).max(52).default(12),
    /** Grid cell of person-related categories on the week's map, metres (as on public maps). */
    mapCellSize: z.number().int().min(100).max(2000).default(250),
    /** Map cells of person-related categories with fewer incidents are left out. */
    minCellCount: z.number().int().min(1).max(20).default(3),
    /** Shortest before/after window of an insats evaluation, days (longer insatser use their own length). */
    evaluationMinDays: z.number().int().min(7).max(365).default(28),
  })
  .refine((s) => s.band >= s.cellSize, { message: "est.settings.error.bandSmallerThanCell", path: ["band"] });
export type EstSettings = z.infer<typeof EstSettings>;

/** The tenant's EST settings (defaults where nothing valid is stored). */
export function estSettings(tenant: { settings: Record<string, unknown> }): EstSettings {
  return settingsOf(tenant, "est", EstSettings);
}

/** The tenant's category by key, or undefined. */
export function findCategory(settings: EstSettings, key: string): Category | undefined {
  return settings.categories.find((c) => c.key === key);
}

/** A category's label in the reader's language (the key itself for one no longer listed). */
export function categoryLabel(settings: EstSettings, key: string, locale: "sv" | "en"): string {
  const c = findCategory(settings, key);
  return c ? c[locale] : key;
}

/**
 * The category a typed text names: a key, or a label in Swedish or English, any case and spacing
 * ("Klotter", "klotter", "graffiti", "otrygg plats (mörk/ödslig)"). Used by the CSV import.
 */
export function categoryFromText(settings: EstSettings, text: string): Category | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (!t) return undefined;
  return settings.categories.find((c) => c.key === t || c.sv.toLowerCase() === t || c.en.toLowerCase() === t);
}
