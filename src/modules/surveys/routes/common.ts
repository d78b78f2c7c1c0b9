// What the survey routes share: loaders for the addressed rows, the tenant's settings, the
// actor as "who", form bodies and their errors, the interface texts of the answering page.
import type { FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { byParam } from "../../../platform/http/pipeline.ts";
import type { TenantRow } from "../../../platform/http/types.ts";
import type { FieldIssue } from "../../../platform/http/validation.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { settingsOf } from "../../../platform/tenancy/settings.ts";
import { listPlaces } from "../../tenants/index.ts";
import type { DefinitionContent, Lang } from "../domain/definition.ts";
import { type UiKey, uiText } from "../domain/ui-texts.ts";
import type { Ui } from "../pages/answer.ts";
import { findDefinition } from "../repo/definitions.ts";
import { findSurvey } from "../repo/surveys.ts";
import { SETTINGS_KEY, SurveySettings } from "../schema.ts";
import type { Who } from "../service/definitions.ts";
import type { App } from "../../../platform/http/types.ts";

export const surveyParam = byParam("surveyId", findSurvey);
export const definitionParam = byParam("definitionId", findDefinition);

export function settingsFor(tenant: { settings: Record<string, unknown> }): SurveySettings {
  return settingsOf(tenant, SETTINGS_KEY, SurveySettings);
}

export function who(actor: Actor | null): Who {
  return { userId: actor?.userId ?? null, name: actor?.name ?? null };
}

export function bodyOf(req: FastifyRequest): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

/** Bilingual field issues → one message per field in the reader's language. */
export function errorsFrom(issues: readonly FieldIssue[], locale: string, rename: (field: string) => string = (f) => f): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const f = rename(i.field);
    if (!(f in out)) out[f] = locale === "en" ? i.message_en : i.message;
  }
  return out;
}

const svT = translator("sv");
const enT = translator("en");

/** The answering page's interface texts in a language (catalog for sv/en, the definition's translations otherwise). */
export function uiFor(content: DefinitionContent, lang: Lang): Ui {
  return (key: UiKey, params?: Record<string, string | number>) => uiText(content, lang, key, (l, k, p) => (l === "en" ? enT(k, p) : svT(k, p)), params);
}

/** Words the personal-data screening must not take for names here: the tenant's area and place names. */
export async function ignoreWordsFor(app: App, tenantId: string, areas: ReadonlyArray<{ name: string }>): Promise<string[]> {
  const places = await listPlaces(app.db, tenantId);
  return [...areas.map((a) => a.name), ...places.map((p) => p.name)].flatMap((n) => [n, ...n.split(/\s+/)]);
}

export function tenantName(tenant: TenantRow): string {
  return tenant.name;
}

/** The survey language of a request: ?lang= (or the form's lang) when it is one of the six, else the interface language. */
export function langOf(value: unknown, fallback: string): Lang {
  const v = typeof value === "string" ? value : "";
  if (["sv", "en", "ar", "so", "fi", "fa"].includes(v)) return v as Lang;
  return fallback === "en" ? "en" : "sv";
}

/** A year in an address (four digits). */
export function yearParam(s: string): number | null {
  return /^\d{4}$/.test(s) ? Number(s) : null;
}
