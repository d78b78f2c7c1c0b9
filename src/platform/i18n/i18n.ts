// Message catalogs. Swedish (sv) is the source language, English (en) the second. Keys are
// stable and namespaced per module ("promises.list.title"). Catalogs are plain JSON files in
// each module's messages/ folder; the module objects carry them and buildApp installs them from
// the module list (src/modules/index.ts) with installMessages — nothing registers at import.
// Interpolation: "{name}". Plurals: a key with `.one` / `.other` variants chosen by params.count.
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };

export const LOCALES = ["sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type Catalog = Record<string, string>;
export type MessageBundle = { sv: Catalog; en: Catalog };
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

const catalogs: Record<Locale, Catalog> = { sv: { ...sv }, en: { ...en } };

/**
 * Install the modules' catalogs beside the platform's (idempotent: the same list twice gives the
 * same catalogs). A key defined twice is a mistake worth stopping for.
 */
export function installMessages(bundles: readonly MessageBundle[]): void {
  const next: Record<Locale, Catalog> = { sv: { ...sv }, en: { ...en } };
  for (const b of bundles) {
    for (const locale of LOCALES) {
      for (const [k, v] of Object.entries(b[locale])) {
        if (k in next[locale] && next[locale][k] !== v) throw new Error(`meddelandenyckeln "${k}" finns i två kataloger`);
        next[locale][k] = v;
      }
    }
  }
  // Keep the catalog objects (translators hold them); replace their contents.
  for (const locale of LOCALES) {
    for (const k of Object.keys(catalogs[locale])) delete catalogs[locale][k];
    Object.assign(catalogs[locale], next[locale]);
  }
}

export function allCatalogs(): Readonly<Record<Locale, Catalog>> {
  return catalogs;
}

export function isLocale(v: unknown): v is Locale {
  return v === "sv" || v === "en";
}

export function hasMessage(key: string): boolean {
  return key in catalogs.sv;
}

function format(template: string, locale: Locale, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === "number" ? formatNumber(v, locale, 3) : v;
  });
}

const translators = new Map<Locale, Translate>();

/** The translator of a locale (one per locale: it reads the installed catalogs, which are kept in place). */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = makeTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

function makeTranslator(locale: Locale): Translate {
  const primary = catalogs[locale];
  const fallback = catalogs.sv;
  const plural = new Intl.PluralRules(locale);
  return (key, params) => {
    let k = key;
    if (params && typeof params.count === "number") {
      const form = `${key}.${plural.select(params.count)}`;
      if (form in primary || form in fallback) k = form;
      else if (`${key}.other` in primary || `${key}.other` in fallback) k = `${key}.other`;
    }
    const template = primary[k] ?? fallback[k];
    if (template === undefined) {
      // A missing key is a bug the message check catches; show the key rather than crash.
      return key;
    }
    return format(template, locale, params);
  };
}

/** Pick a locale from ?lang=, the `lang` cookie and Accept-Language, defaulting to Swedish. */
export function negotiateLocale(query: unknown, cookie: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(query)) return query;
  if (isLocale(cookie)) return cookie;
  if (acceptLanguage) {
    for (const part of acceptLanguage.split(",")) {
      const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
      if (tag.startsWith("sv")) return "sv";
      if (tag.startsWith("en")) return "en";
    }
  }
  return "sv";
}

// Intl formatters are costly to create (about 0.1 ms each) and a page of figures formats thousands
// of numbers: one formatter per locale and option set, made once.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatDate(d: Date | string, locale: Locale, withTime = false): string {
  const date = typeof d === "string" ? new Date(d.length === 10 ? `${d}T12:00:00Z` : d) : d;
  const key = `${locale}:${withTime}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
      timeZone: "Europe/Stockholm",
      dateStyle: "long",
      ...(withTime ? { timeStyle: "short" } : {}),
    });
    dateFormats.set(key, f);
  }
  return f.format(date);
}

export function formatNumber(n: number, locale: Locale, digits = 0): string {
  const key = `${locale}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f.format(n);
}
