// Reading answers, pure: a page of the web form (radio buttons, check boxes, number and text
// fields named q.<item>) and a paper questionnaire keyed in by staff (one short code per item:
// option numbers 1, 2, 3 … in the printed order, 9 for "vet ej", several numbers for multiple
// choice). Every item may be skipped; what is given must be valid. The rows to store follow.
import { type ChosenOptions, type ItemDef, optionKeys } from "./definition.ts";

/** One item's answer: chosen options, a number, or a text. */
export type AnswerValue = { itemKey: string; options: string[]; num: number | null; text: string | null };

/** The error of one item (a catalog key of the answering page's interface texts or the staff form). */
export type ItemErrors = Record<string, { key: "errorOption" | "errorNumber"; params?: Record<string, string | number> }>;

export type AreaOption = { id: string; name: string };

function values(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x !== "");
  return typeof v === "string" && v !== "" ? [v] : [];
}

/** The option keys an item accepts (the area item's are the area ids). */
export function acceptedOptions(item: ItemDef, areas: readonly AreaOption[]): string[] {
  return item.type === "area" ? areas.map((a) => a.id) : optionKeys(item);
}

function parseNumber(s: string): number | null {
  const t = s.trim().replace(/\s/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

function numberError(item: ItemDef) {
  return { key: "errorNumber" as const, params: { min: item.min ?? 0, max: item.max ?? 0 } };
}

/** Read the shown items of one web page from the form body (fields q.<key>). */
export function readWebPage(
  items: readonly ItemDef[],
  body: Record<string, unknown>,
  areas: readonly AreaOption[],
): { answers: AnswerValue[]; errors: ItemErrors } {
  const answers: AnswerValue[] = [];
  const errors: ItemErrors = {};
  for (const item of items) {
    const name = `q.${item.key}`;
    const given = values(body, name);
    if (item.type === "text") {
      const text = given[0]?.trim() ?? "";
      answers.push({ itemKey: item.key, options: [], num: null, text: text ? text.slice(0, 4000) : null });
      continue;
    }
    if (item.type === "number") {
      const raw = given[0]?.trim() ?? "";
      if (raw === "") {
        answers.push({ itemKey: item.key, options: [], num: null, text: null });
        continue;
      }
      const n = parseNumber(raw);
      if (n === null || n < (item.min ?? -Infinity) || n > (item.max ?? Infinity)) errors[item.key] = numberError(item);
      else answers.push({ itemKey: item.key, options: [], num: n, text: null });
      continue;
    }
    const accepted = acceptedOptions(item, areas);
    const picked = [...new Set(given)];
    if (picked.some((o) => !accepted.includes(o)) || (item.type !== "multi" && picked.length > 1)) {
      errors[item.key] = { key: "errorOption" };
      continue;
    }
    answers.push({ itemKey: item.key, options: picked, num: null, text: null });
  }
  return { answers, errors };
}

/** The paper code of each option of an item: 1, 2, 3 … in order, 9 for "vet ej" (0 when there are nine or more options). */
export function paperCodes(item: ItemDef, areas: readonly AreaOption[]): Array<{ code: string; option: string }> {
  if (item.type === "area") return areas.map((a, i) => ({ code: String(i + 1), option: a.id }));
  if (item.type === "yesno")
    return [
      { code: "1", option: "ja" },
      { code: "2", option: "nej" },
    ];
  const real = item.options.filter((o) => !o.dontKnow);
  const out = real.map((o, i) => ({ code: String(i + 1), option: o.key }));
  const dk = item.options.find((o) => o.dontKnow);
  if (dk) out.push({ code: real.length >= 9 ? "0" : "9", option: dk.key });
  return out;
}

/** Read a paper questionnaire (fields p.<key>: codes, a number or a text). */
export function readPaper(
  items: readonly ItemDef[],
  body: Record<string, unknown>,
  areas: readonly AreaOption[],
): { answers: AnswerValue[]; errors: ItemErrors } {
  const answers: AnswerValue[] = [];
  const errors: ItemErrors = {};
  for (const item of items) {
    const raw = (values(body, `p.${item.key}`)[0] ?? "").trim();
    if (item.type === "text") {
      answers.push({ itemKey: item.key, options: [], num: null, text: raw ? raw.slice(0, 4000) : null });
      continue;
    }
    if (raw === "") {
      answers.push({ itemKey: item.key, options: [], num: null, text: null });
      continue;
    }
    if (item.type === "number") {
      const n = parseNumber(raw);
      if (n === null || n < (item.min ?? -Infinity) || n > (item.max ?? Infinity)) errors[item.key] = numberError(item);
      else answers.push({ itemKey: item.key, options: [], num: n, text: null });
      continue;
    }
    const codes = paperCodes(item, areas);
    const given = raw.split(/[\s,;]+/).filter(Boolean);
    const options = given.map((c) => codes.find((x) => x.code === c)?.option);
    if (options.some((o) => o === undefined) || (item.type !== "multi" && given.length > 1) || new Set(given).size !== given.length) {
      errors[item.key] = { key: "errorOption" };
      continue;
    }
    answers.push({ itemKey: item.key, options: options as string[], num: null, text: null });
  }
  return { answers, errors };
}

/** What the conditions read: item → chosen options (from stored or new answers). */
export function chosenOf(answers: ReadonlyArray<{ itemKey: string; options: readonly string[] }>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const a of answers) if (a.options.length) m.set(a.itemKey, [...a.options]);
  return m;
}

/** Drop answers to items whose condition is no longer met (after an earlier answer changed). */
export function withoutHidden(items: readonly ItemDef[], answers: readonly AnswerValue[], chosen: ChosenOptions): AnswerValue[] {
  const shown = new Set(
    items.filter((i) => !i.condition || (chosen.get(i.condition.item) ?? []).some((o) => i.condition!.anyOf.includes(o))).map((i) => i.key),
  );
  return answers.filter((a) => shown.has(a.itemKey));
}

export type AnswerRow = { item_key: string; option_key: string | null; value_num: number | null; value_text: string | null };

/** The rows to store for one answer (nothing for a skipped item). */
export function answerRows(item: ItemDef, a: AnswerValue): AnswerRow[] {
  if (item.type === "text") return a.text ? [{ item_key: item.key, option_key: null, value_num: null, value_text: a.text }] : [];
  if (item.type === "number") return a.num === null ? [] : [{ item_key: item.key, option_key: null, value_num: a.num, value_text: null }];
  if (a.options.length === 0) return [];
  if (item.type === "multi") {
    return [
      { item_key: item.key, option_key: null, value_num: a.options.length, value_text: null },
      ...a.options.map((o) => ({ item_key: item.key, option_key: o, value_num: null, value_text: null })),
    ];
  }
  return [{ item_key: item.key, option_key: a.options[0]!, value_num: null, value_text: null }];
}
