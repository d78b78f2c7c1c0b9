// The reports settings of a tenant (tenants.settings.reports, platform/tenancy/settings.ts):
// the category list, the privacy threshold and grid, response times and mail timings. A tenant
// that never saved anything gets the defaults below; per-tenant differences are data.
import { z } from "zod";
import { settingsOf } from "../../platform/tenancy/settings.ts";

export const SETTINGS_KEY = "reports";

const Text2 = z.object({ sv: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) });
const Long2 = z.object({ sv: z.string().trim().max(500).default(""), en: z.string().trim().max(500).default("") });

export const CATEGORY_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const Category = z.object({
  code: z.string().regex(CATEGORY_CODE),
  name: Text2,
  description: Long2.default({ sv: "", en: "" }),
  /**
   * place: shown at its position on public maps (belysning, klotter …); person: about people's
   * behaviour (narkotika, ordningsstörning …) — on public outputs only as counts per grid cell or
   * area, small numbers left out.
   */
  kind: z.enum(["place", "person"]),
  /** A group for Open311's `group` and for the form (miljo, trafik, ordning). */
  group: z.string().trim().max(40).default(""),
  /** Words that help find the category (Open311 `keywords`). */
  keywords: z.string().trim().max(200).default(""),
  active: z.boolean().default(true),
  /** Reports wait for staff review before anything of them is public (Open311 type "batch"). */
  review: z.boolean().default(false),
});
export type Category = z.infer<typeof Category>;

export const DEFAULT_CATEGORIES: Category[] = [
  {
    code: "belysning",
    name: { sv: "Mörk plats / belysning", en: "Dark place / lighting" },
    description: { sv: "Trasig eller saknad belysning, mörka gångvägar.", en: "Broken or missing lighting, dark footpaths." },
    kind: "place",
    group: "miljo",
    keywords: "lampa, gatubelysning, mörker, gångväg",
    active: true,
    review: false,
  },
  {
    code: "vaxtlighet",
    name: { sv: "Skymmande växtlighet", en: "Overgrown vegetation" },
    description: {
      sv: "Buskar och träd som skymmer sikten eller gör platsen ödslig.",
      en: "Bushes and trees that block the view or make a place feel deserted.",
    },
    kind: "place",
    group: "miljo",
    keywords: "buskar, träd, sikt",
    active: true,
    review: false,
  },
  {
    code: "klotter",
    name: { sv: "Skadegörelse / klotter", en: "Vandalism / graffiti" },
    description: { sv: "Klotter, krossade rutor, trasig utrustning.", en: "Graffiti, broken windows, damaged equipment." },
    kind: "place",
    group: "miljo",
    keywords: "skadegörelse, klotter, sönder, trasig",
    active: true,
    review: false,
  },
  {
    code: "nedskrapning",
    name: { sv: "Nedskräpning", en: "Littering" },
    description: { sv: "Skräp, dumpade sopor, glas på marken.", en: "Litter, dumped rubbish, glass on the ground." },
    kind: "place",
    group: "miljo",
    keywords: "skräp, sopor, glas",
    active: true,
    review: false,
  },
  {
    code: "trafik",
    name: { sv: "Trafik / fortkörning", en: "Traffic / speeding" },
    description: { sv: "Farliga korsningar, fortkörning, brist på övergångsställen.", en: "Dangerous junctions, speeding, missing crossings." },
    kind: "place",
    group: "trafik",
    keywords: "fortkörning, bilar, korsning, övergångsställe",
    active: true,
    review: false,
  },
  {
    code: "buskorning",
    name: { sv: "Buskörning", en: "Reckless driving (mopeds, A-tractors)" },
    description: { sv: "Buskörning med moped, A-traktor eller bil.", en: "Reckless driving with mopeds, A-tractors or cars." },
    kind: "person",
    group: "trafik",
    keywords: "moped, a-traktor, epa, buskörning",
    active: true,
    review: false,
  },
  {
    code: "narkotika",
    name: { sv: "Narkotika", en: "Drugs" },
    description: { sv: "Misstänkt narkotikahandel eller narkotikabruk på en plats.", en: "Suspected drug dealing or drug use at a place." },
    kind: "person",
    group: "ordning",
    keywords: "droger, knark, langning",
    active: true,
    review: false,
  },
  {
    code: "ordningsstorning",
    name: { sv: "Ordningsstörning / otrygg samling", en: "Public disorder / intimidating gatherings" },
    description: { sv: "Bråk, störningar eller samlingar som gör platsen otrygg.", en: "Fights, disturbances or gatherings that make a place feel unsafe." },
    kind: "person",
    group: "ordning",
    keywords: "bråk, stök, häng, samling",
    active: true,
    review: false,
  },
  {
    code: "annat",
    name: { sv: "Annat", en: "Other" },
    description: {
      sv: "Något annat som gör platsen otrygg. Granskas innan det visas.",
      en: "Something else that makes the place feel unsafe. Reviewed before it is shown.",
    },
    kind: "place",
    group: "ovrigt",
    keywords: "övrigt",
    active: true,
    review: true,
  },
];

export const ReportsSettings = z.object({
  categories: z
    .array(Category)
    .min(1)
    .max(40)
    .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, "reports.settings.error.duplicateCode")
    .default(DEFAULT_CATEGORIES),
  /** Person-related counts below this are left out of every public output. */
  minCount: z.number().int().min(2).max(50).default(3),
  /** Side of the public grid cells for person-related categories, metres. */
  cellSize: z.number().int().min(100).max(5000).default(250),
  /** Days until a report should have a first response from staff (calendar days). */
  firstResponseDays: z.number().int().min(1).max(90).default(5),
  /** Days until a report should be closed (calendar days). */
  closureDays: z.number().int().min(1).max(365).default(30),
  /** Days after submission when a reporter who left an address is asked "är det åtgärdat?". */
  fixedCheckDays: z.number().int().min(1).max(365).default(28),
  /** Days after closure when the reporter's name and e-mail are removed. */
  contactRetentionDays: z.number().int().min(0).max(3650).default(90),
});
export type ReportsSettings = z.infer<typeof ReportsSettings>;

const parsed = new WeakMap<object, ReportsSettings>();

/**
 * The tenant's reports settings, parsed once per tenant row read (keyed by its settings object:
 * a request reads the row afresh, so a saved change is seen by the next request).
 */
export function reportsSettings(tenant: { settings: Record<string, unknown> }): ReportsSettings {
  const known = tenant.settings ? parsed.get(tenant.settings) : undefined;
  if (known) return known;
  const value = settingsOf(tenant, SETTINGS_KEY, ReportsSettings);
  if (typeof tenant.settings === "object" && tenant.settings !== null) parsed.set(tenant.settings, value);
  return value;
}

export function findCategory(settings: ReportsSettings, code: string): Category | undefined {
  return settings.categories.find((c) => c.code === code);
}

/** The categories a resident may choose now. */
export function activeCategories(settings: ReportsSettings): Category[] {
  return settings.categories.filter((c) => c.active);
}

/** Codes of the categories that are person-related now. */
export function personCategoryCodes(settings: ReportsSettings): string[] {
  return settings.categories.filter((c) => c.kind === "person").map((c) => c.code);
}

/**
 * Whether a report may be shown individually (as a point, on its own page, in a feed or in
 * Open311): its category was not person-related when it came in AND is not now.
 */
export function isPersonRelated(settings: ReportsSettings, report: { category: string; person_related: boolean }): boolean {
  return report.person_related || findCategory(settings, report.category)?.kind === "person";
}

export function categoryName(settings: ReportsSettings, code: string, locale: "sv" | "en"): string {
  return findCategory(settings, code)?.name[locale] ?? code;
}
