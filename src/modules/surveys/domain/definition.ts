// A survey definition: its items (question types, options, skip conditions, the share each item
// measures, background roles for weighting) and every text in up to six languages. Pure rules,
// validated by one zod schema that the forms, the API and the database content share.
//
// Item types:
//   scale   single choice on an ordinal scale (options in order), optionally with "vet ej"
//   choice  single choice, nominal (sex; age groups)
//   multi   multiple choice: counted per option, never per combination
//   yesno   yes/no (option keys "ja" and "nej")
//   text    free text (screened for personal data before it is stored)
//   number  a whole or decimal number within [min, max]
//   area    the tenant's survey areas (options come from the areas table)
//
// A condition shows an item only when an earlier item was answered with one of some options.
// Conditions refer to items on EARLIER pages, so the survey works without JavaScript: every page
// is decided by what was saved before it.
import { z } from "zod";

export const LANGS = ["sv", "en", "ar", "so", "fi", "fa"] as const;
export type Lang = (typeof LANGS)[number];
/** Languages written right to left. */
export const RTL_LANGS: readonly Lang[] = ["ar", "fa"];
/** Each language's name in itself (for the language chooser). */
export const LANG_NAMES: Record<Lang, string> = { sv: "Svenska", en: "English", ar: "العربية", so: "Soomaali", fi: "Suomi", fa: "فارسی" };
/** Languages whose texts staff fill in (Swedish is the source, English ships with the template). */
export const TRANSLATION_LANGS: readonly Lang[] = ["en", "ar", "so", "fi", "fa"];

export function isLang(v: unknown): v is Lang {
  return typeof v === "string" && (LANGS as readonly string[]).includes(v);
}

export function dirOf(lang: Lang): "ltr" | "rtl" {
  return RTL_LANGS.includes(lang) ? "rtl" : "ltr";
}

export const ITEM_TYPES = ["scale", "choice", "multi", "yesno", "text", "number", "area"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The police's local survey themes, plus background and other. */
export const THEMES = ["bakgrund", "problem", "otrygghet", "avstatt", "oro", "utsatthet", "polisen", "ovrigt"] as const;
export type Theme = (typeof THEMES)[number];

/** What an item's share measures: the share of respondents who chose the measure's options. */
export const MEASURES = ["problem", "unsafe", "refrained", "worried", "victim", "trust", "share"] as const;
export type MeasureKind = (typeof MEASURES)[number];

export const ROLES = ["age", "sex"] as const;
export type BackgroundRole = (typeof ROLES)[number];

/** Item keys start with a letter; option keys may start with a digit ("16_24"). */
export const KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const OPTION_KEY = /^[a-z0-9][a-z0-9_]{0,39}$/;
export const YES_NO_OPTIONS = ["ja", "nej"] as const;

/** An optional text: empty or whitespace counts as missing (the key is left out). */
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined))
    .optional();

/** A text in the survey's languages: Swedish required, the others optional (empty = missing). */
export const Text = z.object({
  sv: z.string().trim().min(1, "surveys.error.svTextRequired").max(1000),
  en: optional(1000),
  ar: optional(1000),
  so: optional(1000),
  fi: optional(1000),
  fa: optional(1000),
});
export type Text = z.output<typeof Text>;

export const OptionDef = z.object({
  key: z.string().regex(OPTION_KEY, "surveys.error.key"),
  text: Text,
  dontKnow: z.boolean().optional(),
});
export type OptionDef = z.output<typeof OptionDef>;

export const ItemDef = z.object({
  key: z.string().regex(KEY, "surveys.error.key"),
  type: z.enum(ITEM_TYPES),
  page: z.number().int().min(1).max(30),
  theme: z.enum(THEMES),
  text: Text,
  help: Text.optional(),
  options: z.array(OptionDef).max(30).default([]),
  condition: z
    .object({ item: z.string().regex(KEY, "surveys.error.key"), anyOf: z.array(z.string().regex(OPTION_KEY, "surveys.error.key")).min(1).max(30) })
    .optional(),
  measure: z.object({ kind: z.enum(MEASURES), options: z.array(z.string().regex(OPTION_KEY, "surveys.error.key")).min(1).max(30) }).optional(),
  role: z.enum(ROLES).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type ItemDef = z.output<typeof ItemDef>;

/** Answering-page interface texts translated by staff (ar, so, fi, fa; Swedish and English are in the catalogs). */
export const UiTexts = z.record(z.string(), z.object({ ar: optional(500), so: optional(500), fi: optional(500), fa: optional(500) }));

const ContentShape = z.object({
  intro: Text,
  items: z.array(ItemDef).min(1, "surveys.error.noItems").max(200),
  ui: UiTexts.default({}),
});

/** The structural rules of a definition, each with the path of what is wrong. */
function contentRules(c: z.output<typeof ContentShape>, ctx: z.core.$RefinementCtx): void {
  const byKey = new Map<string, { item: ItemDef; index: number }>();
  c.items.forEach((item, i) => {
    if (byKey.has(item.key)) ctx.addIssue({ code: "custom", path: ["items", i, "key"], message: "surveys.error.duplicateItemKey" });
    else byKey.set(item.key, { item, index: i });
  });
  for (const role of ROLES) {
    if (c.items.filter((i) => i.role === role).length > 1) ctx.addIssue({ code: "custom", path: ["items"], message: "surveys.error.duplicateRole" });
  }
  if (c.items.filter((i) => i.type === "area").length > 1) ctx.addIssue({ code: "custom", path: ["items"], message: "surveys.error.twoAreaItems" });
  c.items.forEach((item, i) => {
    for (const issue of itemIssues(item, byKey)) ctx.addIssue({ code: "custom", path: ["items", i, ...issue.path], message: issue.message });
  });
}

/** What is wrong with one item (given the other items by key): [{ path, message key }]. */
export function itemIssues(item: ItemDef, byKey: ReadonlyMap<string, { item: ItemDef }>): Array<{ path: string[]; message: string }> {
  const out: Array<{ path: string[]; message: string }> = [];
  const choices = item.type === "scale" || item.type === "choice" || item.type === "multi";
  if (choices) {
    const real = item.options.filter((o) => !o.dontKnow);
    if (real.length < 2) out.push({ path: ["options"], message: "surveys.error.tooFewOptions" });
    const keys = item.options.map((o) => o.key);
    if (new Set(keys).size !== keys.length) out.push({ path: ["options"], message: "surveys.error.duplicateOptionKey" });
    if (item.options.filter((o) => o.dontKnow).length > 1) out.push({ path: ["options"], message: "surveys.error.twoDontKnow" });
    if (item.type === "multi" && item.options.some((o) => o.dontKnow)) out.push({ path: ["options"], message: "surveys.error.multiDontKnow" });
  } else if (item.options.length > 0) {
    out.push({ path: ["options"], message: "surveys.error.optionsNotAllowed" });
  }
  if (item.role && item.type !== "choice") out.push({ path: ["role"], message: "surveys.error.roleNeedsChoice" });
  if (item.measure) {
    if (item.type !== "scale" && item.type !== "choice" && item.type !== "yesno") out.push({ path: ["measure"], message: "surveys.error.measureType" });
    else {
      const allowed = optionKeys(item).filter((k) => !isDontKnow(item, k));
      if (item.measure.options.some((o) => !allowed.includes(o))) out.push({ path: ["measure"], message: "surveys.error.measureOptions" });
    }
  }
  if (item.condition) {
    const target = byKey.get(item.condition.item)?.item;
    if (!target || target.key === item.key) out.push({ path: ["condition"], message: "surveys.error.conditionUnknownItem" });
    else if (target.page >= item.page) out.push({ path: ["condition"], message: "surveys.error.conditionLaterPage" });
    else if (target.type === "text" || target.type === "number" || target.type === "area")
      out.push({ path: ["condition"], message: "surveys.error.conditionType" });
    else if (item.condition.anyOf.some((o) => !optionKeys(target).includes(o))) out.push({ path: ["condition"], message: "surveys.error.conditionOptions" });
  }
  if (item.type === "number") {
    if (item.min === undefined || item.max === undefined) out.push({ path: ["min"], message: "surveys.error.numberBounds" });
    else if (item.min > item.max) out.push({ path: ["max"], message: "surveys.error.numberBounds" });
  }
  return out;
}

export const DefinitionContent = ContentShape.superRefine(contentRules);
export type DefinitionContent = z.output<typeof DefinitionContent>;

/** The option keys of an item (yes/no has fixed ones; an area item's come from the areas table). */
export function optionKeys(item: ItemDef): string[] {
  if (item.type === "yesno") return [...YES_NO_OPTIONS];
  return item.options.map((o) => o.key);
}

export function isDontKnow(item: ItemDef, optionKey: string): boolean {
  return item.options.some((o) => o.key === optionKey && o.dontKnow === true);
}

/** A text in a language, with the language it is really in (Swedish when a translation is missing). */
export type Localised = { text: string; lang: Lang; fallback: boolean };

export function localise(text: Text, lang: Lang): Localised {
  const own = text[lang];
  if (own) return { text: own, lang, fallback: false };
  return { text: text.sv, lang: "sv", fallback: lang !== "sv" };
}

/** The pages of a definition in order (numbers as used by the items, possibly with gaps). */
export function pagesOf(content: DefinitionContent): number[] {
  return [...new Set(content.items.map((i) => i.page))].sort((a, b) => a - b);
}

/** The saved answers of a response, as the conditions read them: item key → chosen option keys. */
export type ChosenOptions = ReadonlyMap<string, readonly string[]>;

/** Whether an item is shown, given what was answered on earlier pages. */
export function isShown(item: ItemDef, chosen: ChosenOptions): boolean {
  if (!item.condition) return true;
  const picked = chosen.get(item.condition.item) ?? [];
  return picked.some((o) => item.condition!.anyOf.includes(o));
}

/** The items of one page that are shown, in definition order. */
export function shownItems(content: DefinitionContent, page: number, chosen: ChosenOptions): ItemDef[] {
  return content.items.filter((i) => i.page === page && isShown(i, chosen));
}

/** The pages that have at least one shown item. */
export function shownPages(content: DefinitionContent, chosen: ChosenOptions): number[] {
  return pagesOf(content).filter((p) => shownItems(content, p, chosen).length > 0);
}

export function findItem(content: DefinitionContent, key: string): ItemDef | undefined {
  return content.items.find((i) => i.key === key);
}

/** Every translatable text of a definition, in order, with a stable path (for the translation form). */
export function translatableTexts(content: DefinitionContent): Array<{ path: string; text: Text }> {
  const out: Array<{ path: string; text: Text }> = [{ path: "intro", text: content.intro }];
  for (const item of content.items) {
    out.push({ path: `items.${item.key}.text`, text: item.text });
    if (item.help) out.push({ path: `items.${item.key}.help`, text: item.help });
    for (const o of item.options) out.push({ path: `items.${item.key}.options.${o.key}`, text: o.text });
  }
  return out;
}

/** Set the translation of one text (by the path of translatableTexts) in a language; "" removes it. */
export function withTranslation(content: DefinitionContent, path: string, lang: Exclude<Lang, "sv">, value: string): DefinitionContent {
  const v = value.trim();
  const set = (t: Text): Text => {
    const next = { ...t };
    if (v) next[lang] = v;
    else delete next[lang];
    return next;
  };
  if (path === "intro") return { ...content, intro: set(content.intro) };
  const m = /^items\.([a-z0-9_]+)\.(text|help|options\.([a-z0-9_]+))$/.exec(path);
  if (!m) return content;
  const [, key, part, optionKey] = m;
  return {
    ...content,
    items: content.items.map((item) => {
      if (item.key !== key) return item;
      if (part === "text") return { ...item, text: set(item.text) };
      if (part === "help") return item.help ? { ...item, help: set(item.help) } : item;
      return { ...item, options: item.options.map((o) => (o.key === optionKey ? { ...o, text: set(o.text) } : o)) };
    }),
  };
}

/** How complete a language is: translated texts of all texts (items, options, intro and interface texts). */
export function translationCoverage(content: DefinitionContent, lang: Lang, uiKeys: readonly string[]): { done: number; total: number } {
  if (lang === "sv") return { done: 1, total: 1 };
  const texts = translatableTexts(content);
  let done = texts.filter((t) => t.text[lang]).length;
  let total = texts.length;
  if (lang !== "en") {
    total += uiKeys.length;
    done += uiKeys.filter((k) => content.ui[k]?.[lang]).length;
  }
  return { done, total };
}
