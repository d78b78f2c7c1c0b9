// The answering page's own interface texts (buttons, hints, messages). Swedish and English live
// in the message catalogs (surveys.answer.*); Arabic, Somali, Finnish and Persian are survey
// texts staff translate with the items (definition.ui). A missing translation falls back to
// Swedish, marked as such (never to a key).
import type { DefinitionContent, Lang, Localised } from "./definition.ts";

export const UI_KEYS = [
  "heading",
  "languageLabel",
  "anonymous",
  "cookieNote",
  "optional",
  "start",
  "code",
  "codeHint",
  "next",
  "back",
  "submit",
  "progress",
  "yes",
  "no",
  "multiHint",
  "numberHint",
  "saved",
  "thanksTitle",
  "thanksText",
  "resultsLink",
  "closed",
  "notOpen",
  "codeUsed",
  "codeUnknown",
  "codeMissing",
  "alreadySubmitted",
  "sessionLost",
  "errorTitle",
  "errorNumber",
  "errorOption",
  "errorPersonal",
  "confirmNotName",
  "fallback",
  "fallbackNotice",
] as const;
export type UiKey = (typeof UI_KEYS)[number];

/** The catalog message key of an interface text. */
export function uiMessageKey(key: UiKey): string {
  return `surveys.answer.${key}`;
}

type Catalog = (lang: "sv" | "en", key: string, params?: Record<string, string | number>) => string;

/** Placeholders of a text ("{date}", "{n}"): a translation must keep them. */
export function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

/** An interface text in a language (Swedish, marked as fallback, when the translation is missing). */
export function uiText(content: DefinitionContent, lang: Lang, key: UiKey, catalog: Catalog, params?: Record<string, string | number>): Localised {
  if (lang === "sv" || lang === "en") return { text: catalog(lang, uiMessageKey(key), params), lang, fallback: false };
  const own = content.ui[key]?.[lang];
  if (own) return { text: fill(own, params), lang, fallback: false };
  return { text: catalog("sv", uiMessageKey(key), params), lang: "sv", fallback: true };
}
