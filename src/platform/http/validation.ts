// Request validation with zod, with field-level messages in Swedish and English.
// Schema-level messages may be message-catalog keys ("promises.error.targetIncomplete"); they
// are translated into both languages. Other issues get plain-language messages below, falling
// back to zod's own locales.
import type { FastifySchemaCompiler } from "fastify";
import { z } from "zod";
import { en as zodEn, sv as zodSv } from "zod/locales";
import { hasMessage, type Locale, translator } from "../i18n/i18n.ts";

z.config(zodSv());

export type FieldIssue = { field: string; message: string; message_en: string };

type RawIssue = z.core.$ZodRawIssue;

const friendly: Record<Locale, (iss: RawIssue) => string | undefined> = {
  sv(iss) {
    if (iss.code === "invalid_type" && iss.input === undefined) return "Fältet är obligatoriskt.";
    if (iss.code === "too_small" && iss.origin === "string")
      return Number(iss.minimum) <= 1 ? "Fältet får inte vara tomt." : `Skriv minst ${iss.minimum} tecken.`;
    if (iss.code === "too_big" && iss.origin === "string") return `Skriv högst ${iss.maximum} tecken.`;
    if (iss.code === "too_small" && iss.origin === "number") return `Värdet måste vara minst ${iss.minimum}.`;
    if (iss.code === "too_big" && iss.origin === "number") return `Värdet får vara högst ${iss.maximum}.`;
    if (iss.code === "invalid_format" && iss.format === "email") return "Ange en giltig e-postadress.";
    if (iss.code === "invalid_format" && iss.format === "date") return "Ange ett datum som ÅÅÅÅ-MM-DD.";
    if (iss.code === "invalid_format" && iss.format === "uuid") return "Ogiltig identitet.";
    if (iss.code === "invalid_value") return "Välj ett av de tillåtna värdena.";
    if (iss.code === "unrecognized_keys") return `Okända fält: ${iss.keys.join(", ")}.`;
    return undefined;
  },
  en(iss) {
    if (iss.code === "invalid_type" && iss.input === undefined) return "This field is required.";
    if (iss.code === "too_small" && iss.origin === "string")
      return Number(iss.minimum) <= 1 ? "This field must not be empty." : `Write at least ${iss.minimum} characters.`;
    if (iss.code === "too_big" && iss.origin === "string") return `Write at most ${iss.maximum} characters.`;
    if (iss.code === "too_small" && iss.origin === "number") return `The value must be at least ${iss.minimum}.`;
    if (iss.code === "too_big" && iss.origin === "number") return `The value must be at most ${iss.maximum}.`;
    if (iss.code === "invalid_format" && iss.format === "email") return "Enter a valid e-mail address.";
    if (iss.code === "invalid_format" && iss.format === "date") return "Enter a date as YYYY-MM-DD.";
    if (iss.code === "invalid_format" && iss.format === "uuid") return "Invalid identifier.";
    if (iss.code === "invalid_value") return "Choose one of the allowed values.";
    if (iss.code === "unrecognized_keys") return `Unknown fields: ${iss.keys.join(", ")}.`;
    return undefined;
  },
};

const zodLocale = { sv: zodSv().localeError, en: zodEn().localeError };

export function errorMap(locale: Locale): z.core.$ZodErrorMap {
  return (iss) => {
    const m = friendly[locale](iss);
    if (m) return m;
    const r = zodLocale[locale](iss);
    return typeof r === "string" ? r : (r?.message ?? "Ogiltigt värde");
  };
}

const tSv = translator("sv");
const tEn = translator("en");

/** Translate a schema-level message that is a catalog key; leave other text alone. */
export function localiseMessage(message: string, locale: Locale): string {
  return hasMessage(message) ? (locale === "sv" ? tSv(message) : tEn(message)) : message;
}

/** Validate `data` and return issues with both languages (or the parsed value). */
export function validateBilingual<T extends z.ZodType>(schema: T, data: unknown): { ok: true; value: z.output<T> } | { ok: false; issues: FieldIssue[] } {
  const sv = schema.safeParse(data, { error: errorMap("sv") });
  if (sv.success) return { ok: true, value: sv.data };
  const en = schema.safeParse(data, { error: errorMap("en") });
  const enIssues = en.success ? [] : en.error.issues;
  return {
    ok: false,
    issues: sv.error.issues.map((iss, i) => ({
      field: iss.path.map(String).join(".") || "_",
      message: localiseMessage(iss.message, "sv"),
      message_en: localiseMessage(enIssues[i]?.message ?? iss.message, "en"),
    })),
  };
}

/** Fastify validator compiler: zod schemas, bilingual issues attached to the error. */
export const bilingualValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const r = validateBilingual(schema, data);
    if (r.ok) return { value: r.value };
    const err = new Error("validering misslyckades") as Error & { trygg_issues: FieldIssue[] };
    err.trygg_issues = r.issues;
    return { error: err };
  };
