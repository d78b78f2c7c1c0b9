// Answering, anonymously: start (with a one-time code when the round has them — the code is
// burnt and nothing links it to the response), save page by page (partial answers are kept),
// submit. The respondent holds a random continuation token (a cookie); the database keeps only
// its hash, cleared on submit. Free text is screened for personal data before it is stored; the
// respondent is asked to rephrase. Staff key in paper questionnaires through the same rules.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { certainFindings, screenText } from "../../../platform/privacy/screen.ts";
import { type AnswerValue, type AreaOption, answerRows, chosenOf, type ItemErrors, readPaper, readWebPage, withoutHidden } from "../domain/answers.ts";
import { hashCode, normaliseCode } from "../domain/codes.ts";
import { answerState } from "../domain/dates.ts";
import { type DefinitionContent, type ItemDef, type Lang, shownItems, shownPages } from "../domain/definition.ts";
import { surveyAllows } from "../domain/lifecycle.ts";
import {
  answersOf,
  burnCode,
  type CodeStratum,
  findResumable,
  insertResponse,
  replaceAnswers,
  type ResponseRow,
  syncAnswerStrata,
  updateResponse,
} from "../repo/responses.ts";
import type { SurveyRow } from "../repo/surveys.ts";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type CodeRefusal = { kind: "codeMissing" } | { kind: "codeUnknown" } | { kind: "codeUsed" };
export type Closed = { kind: "closed" } | { kind: "notYet"; from: string };

/** Burn a one-time code (when the round needs one): its stratum, or why not. */
async function useCode(db: Kysely<DB>, tenantId: string, survey: SurveyRow, code: string): Promise<{ kind: "ok"; stratum: CodeStratum } | CodeRefusal> {
  const empty = { area_id: null, age_group: null, sex: null };
  if (!survey.requires_code && !code.trim()) return { kind: "ok", stratum: empty };
  if (!code.trim()) return { kind: "codeMissing" };
  const canonical = normaliseCode(code);
  if (!canonical) return { kind: "codeUnknown" };
  const r = await burnCode(db, tenantId, survey.id, hashCode(survey.id, canonical));
  if (r.kind === "used") return { kind: "codeUsed" };
  if (r.kind === "unknown") return { kind: "codeUnknown" };
  return r;
}

export type StartOutcome = { kind: "ok"; token: string; firstPage: number } | CodeRefusal | Closed;

export async function startResponse(
  db: Kysely<DB>,
  tenantId: string,
  survey: SurveyRow,
  content: DefinitionContent,
  input: { lang: Lang; code: string },
  today: string,
): Promise<StartOutcome> {
  const state = answerState(survey, today);
  if (state === "notYet") return { kind: "notYet", from: survey.field_from };
  if (state !== "open") return { kind: "closed" };
  return db.transaction().execute(async (trx) => {
    const code = await useCode(trx, tenantId, survey, input.code);
    if (code.kind !== "ok") return code;
    const token = randomBytes(32).toString("base64url");
    await insertResponse(trx, tenantId, {
      surveyId: survey.id,
      lang: input.lang,
      channel: "webb",
      resumeHash: hashToken(token),
      answeredOn: today,
      complete: false,
      fromFrame: hasStratum(code.stratum),
      ...code.stratum,
    });
    return { kind: "ok" as const, token, firstPage: shownPages(content, new Map())[0] ?? 1 };
  });
}

export type Progress = {
  response: ResponseRow;
  /** Saved answers per item. */
  saved: Map<string, AnswerValue>;
  chosen: Map<string, string[]>;
  pages: number[];
};

function savedAnswers(
  rows: ReadonlyArray<{ item_key: string; option_key: string | null; value_num: number | null; value_text: string | null }>,
): Map<string, AnswerValue> {
  const m = new Map<string, AnswerValue>();
  for (const r of rows) {
    const a = m.get(r.item_key) ?? { itemKey: r.item_key, options: [], num: null, text: null };
    if (r.option_key !== null) a.options.push(r.option_key);
    else if (r.value_text !== null) a.text = r.value_text;
    else if (r.value_num !== null) a.num = r.value_num;
    m.set(r.item_key, a);
  }
  // The marker row of a multiple-choice item carries the count, not an answer.
  for (const a of m.values()) if (a.options.length) a.num = null;
  return m;
}

/** Where a respondent is: the response their token opens and what they have saved. */
export async function loadProgress(
  db: Kysely<DB>,
  tenantId: string,
  survey: SurveyRow,
  content: DefinitionContent,
  token: string | undefined,
): Promise<Progress | null> {
  if (!token) return null;
  const response = await findResumable(db, tenantId, survey.id, hashToken(token));
  if (!response) return null;
  const saved = savedAnswers(await answersOf(db, tenantId, response.id));
  const chosen = chosenOf([...saved.values()]);
  return { response, saved, chosen, pages: shownPages(content, chosen) };
}

/** Problems in free text: certain personal data must go; likely names may be confirmed as not people. */
export type TextProblem = { found: string[]; names: string[] };

export function screenAnswers(
  items: readonly ItemDef[],
  answers: readonly AnswerValue[],
  confirmed: (itemKey: string) => string[],
  ignoreWords: readonly string[],
): Record<string, TextProblem> {
  const out: Record<string, TextProblem> = {};
  for (const a of answers) {
    const item = items.find((i) => i.key === a.itemKey);
    if (item?.type !== "text" || !a.text) continue;
    const findings = screenText(a.text, { ignoreWords, confirmedNotNames: confirmed(a.itemKey) });
    if (!findings.length) continue;
    const certain = certainFindings(findings);
    out[a.itemKey] = { found: certain.map((f) => f.text), names: findings.filter((f) => !f.certain).map((f) => f.text) };
  }
  return out;
}

export type SaveOutcome =
  | { kind: "ok"; next: number | null }
  | { kind: "invalid"; errors: ItemErrors; text: Record<string, TextProblem> }
  | { kind: "lost" }
  | Closed;

/**
 * Save one page (its shown items replace what was saved for them; answers to items whose
 * condition no longer holds are removed), then say which page comes next (null: the last page
 * was saved). `submit` completes the response when there is no later page.
 */
export async function savePage(
  db: Kysely<DB>,
  tenantId: string,
  survey: SurveyRow,
  content: DefinitionContent,
  input: { token: string | undefined; page: number; body: Record<string, unknown>; lang: Lang; submit: boolean; back: boolean },
  areas: readonly AreaOption[],
  ignoreWords: readonly string[],
  today: string,
): Promise<SaveOutcome> {
  const state = answerState(survey, today);
  if (state === "notYet") return { kind: "notYet", from: survey.field_from };
  if (state !== "open") return { kind: "closed" };
  const progress = await loadProgress(db, tenantId, survey, content, input.token);
  if (!progress) return { kind: "lost" };
  const items = shownItems(content, input.page, progress.chosen);
  const { answers, errors } = readWebPage(items, input.body, areas);
  const confirmed = (key: string) => {
    const v = input.body[`confirm.${key}`];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];
  };
  const text = screenAnswers(items, answers, confirmed, ignoreWords);
  if (Object.keys(errors).length || Object.keys(text).length) return { kind: "invalid", errors, text };

  const merged = new Map(progress.saved);
  for (const item of content.items.filter((i) => i.page === input.page)) merged.delete(item.key);
  for (const a of answers) merged.set(a.itemKey, a);
  const chosen = chosenOf([...merged.values()]);
  const kept = withoutHidden(content.items, [...merged.values()], chosen);
  const keptKeys = new Set(kept.map((a) => a.itemKey));
  const removed = [...merged.keys()].filter((k) => !keptKeys.has(k));

  const pages = shownPages(content, chosenOf(kept));
  const later = pages.filter((p) => (input.back ? p < input.page : p > input.page));
  const next = input.back ? (later.at(-1) ?? pages[0] ?? input.page) : (later[0] ?? null);

  await db.transaction().execute(async (trx) => {
    const pageKeys = content.items.filter((i) => i.page === input.page).map((i) => i.key);
    const rows = kept
      .filter((a) => pageKeys.includes(a.itemKey))
      .flatMap((a) => {
        const item = content.items.find((i) => i.key === a.itemKey)!;
        return answerRows(item, a);
      });
    await replaceAnswers(trx, tenantId, survey.id, progress.response.id, [...pageKeys, ...removed], rows, today);
    await updateResponse(trx, tenantId, progress.response.id, {
      ...derivedStratum(content, kept, progress.response.from_frame),
      lang: input.lang,
      updated_at: today,
      ...(input.submit && next === null ? { complete: true, resume_hash: null } : {}),
    });
    await syncAnswerStrata(trx, tenantId, progress.response.id);
  });
  return { kind: "ok", next };
}

/**
 * The response's area, age group and sex from its answers — unless the sample frame gave them
 * with a one-time code (the frame's register data is kept for weighting).
 */
function derivedStratum(content: DefinitionContent, answers: readonly AnswerValue[], fromFrame: boolean): Partial<CodeStratum> {
  if (fromFrame) return {};
  const value = (pred: (i: ItemDef) => boolean) => {
    const item = content.items.find(pred);
    return item ? (answers.find((a) => a.itemKey === item.key)?.options[0] ?? null) : null;
  };
  return { area_id: value((i) => i.type === "area"), age_group: value((i) => i.role === "age"), sex: value((i) => i.role === "sex") };
}

const hasStratum = (s: CodeStratum) => s.area_id !== null || s.age_group !== null || s.sex !== null;

export type PaperOutcome =
  | { kind: "ok"; dropped: string[] }
  | { kind: "invalid"; errors: ItemErrors; text: Record<string, TextProblem> }
  | CodeRefusal
  | { kind: "wrongStatus" };

/** A paper questionnaire keyed in by staff: a complete response on the day it is keyed in. */
export async function enterPaper(
  db: Kysely<DB>,
  tenantId: string,
  survey: SurveyRow,
  content: DefinitionContent,
  body: Record<string, unknown>,
  areas: readonly AreaOption[],
  ignoreWords: readonly string[],
  today: string,
): Promise<PaperOutcome> {
  if (!surveyAllows(survey.status, "enterPaper")) return { kind: "wrongStatus" };
  const { answers, errors } = readPaper(content.items, body, areas);
  const confirmed = (key: string) => {
    const v = body[`confirm.${key}`];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];
  };
  const text = screenAnswers(content.items, answers, confirmed, ignoreWords);
  if (Object.keys(errors).length || Object.keys(text).length) return { kind: "invalid", errors, text };
  const given = answers.filter((a) => a.options.length || a.num !== null || a.text);
  const kept = withoutHidden(content.items, given, chosenOf(given));
  const dropped = given.filter((a) => !kept.includes(a)).map((a) => a.itemKey);
  const code = typeof body.code === "string" ? body.code : "";
  return db.transaction().execute(async (trx) => {
    const c = code.trim()
      ? await useCode(trx, tenantId, { ...survey, requires_code: true }, code)
      : { kind: "ok" as const, stratum: { area_id: null, age_group: null, sex: null } };
    if (c.kind !== "ok") return c;
    const fromFrame = hasStratum(c.stratum);
    const stratum = fromFrame ? c.stratum : { area_id: null, age_group: null, sex: null, ...derivedStratum(content, kept, false) };
    const response = await insertResponse(trx, tenantId, {
      surveyId: survey.id,
      lang: "sv",
      channel: "papper",
      resumeHash: null,
      answeredOn: today,
      complete: true,
      fromFrame,
      ...stratum,
    });
    const rows = kept.flatMap((a) => answerRows(content.items.find((i) => i.key === a.itemKey)!, a));
    await replaceAnswers(trx, tenantId, survey.id, response.id, [], rows, today);
    await syncAnswerStrata(trx, tenantId, response.id);
    return { kind: "ok" as const, dropped };
  });
}
