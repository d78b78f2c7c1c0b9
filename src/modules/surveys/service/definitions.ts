// Use cases for survey definitions: start from the template, edit items while the definition is
// unlocked, translate at any time, and make a new revision of a locked one. Named outcomes.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { DefinitionContent, type ItemDef, type Lang, withTranslation } from "../domain/definition.ts";
import { surveyTemplate } from "../domain/template.ts";
import { placeholders, type UiKey, uiMessageKey } from "../domain/ui-texts.ts";
import { type DefinitionRow, findDefinition, insertDefinition, latestRevision, updateDefinitionContent } from "../repo/definitions.ts";

export type Who = { userId: string | null; name: string | null };

export type Conflict = { kind: "conflict"; current: DefinitionRow };
export type Locked = { kind: "locked" };
export type NotFound = { kind: "notFound" };
export type Invalid = { kind: "invalid"; issues: Array<{ path: string; message: string }> };

export async function createFromTemplate(db: Kysely<DB>, tenantId: string, who: Who, name: string): Promise<DefinitionRow> {
  return insertDefinition(db, tenantId, { seriesId: randomUUID(), revision: 1, supersedesId: null, name, content: surveyTemplate(), createdBy: who.userId });
}

/** A new, unlocked revision of a definition (the next in its series) with the same content. */
export async function newRevision(db: Kysely<DB>, tenantId: string, who: Who, id: string): Promise<{ kind: "ok"; definition: DefinitionRow } | NotFound> {
  return db.transaction().execute(async (trx) => {
    const d = await findDefinition(trx, tenantId, id);
    if (!d) return { kind: "notFound" as const };
    const revision = (await latestRevision(trx, tenantId, d.series_id)) + 1;
    const definition = await insertDefinition(trx, tenantId, {
      seriesId: d.series_id,
      revision,
      supersedesId: d.id,
      name: d.name,
      content: d.content,
      createdBy: who.userId,
    });
    return { kind: "ok" as const, definition };
  });
}

function validate(content: unknown): { kind: "ok"; content: DefinitionContent } | Invalid {
  const r = DefinitionContent.safeParse(content);
  if (r.success) return { kind: "ok", content: r.data };
  return { kind: "invalid", issues: r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) };
}

async function saveContent(
  db: Kysely<DB>,
  tenantId: string,
  d: DefinitionRow,
  version: number,
  next: unknown,
  opts: { requireUnlocked: boolean },
): Promise<{ kind: "ok"; definition: DefinitionRow } | Conflict | Locked | Invalid | NotFound> {
  if (opts.requireUnlocked && d.locked) return { kind: "locked" };
  const v = validate(next);
  if (v.kind !== "ok") return v;
  const saved = await updateDefinitionContent(db, tenantId, d.id, version, v.content, opts);
  if (saved) return { kind: "ok", definition: saved };
  const current = await findDefinition(db, tenantId, d.id);
  if (!current) return { kind: "notFound" };
  if (opts.requireUnlocked && current.locked) return { kind: "locked" };
  return { kind: "conflict", current };
}

/** Add an item (originalKey null) or replace one; the whole definition is validated again. */
export async function saveItem(db: Kysely<DB>, tenantId: string, d: DefinitionRow, version: number, originalKey: string | null, item: ItemDef) {
  const items = d.content.items;
  let next: ItemDef[];
  if (originalKey === null) {
    next = [...items, item];
  } else {
    if (!items.some((i) => i.key === originalKey)) return { kind: "notFound" as const };
    next = items.map((i) => (i.key === originalKey ? item : i));
    // A renamed item keeps the conditions that point at it.
    if (item.key !== originalKey) next = next.map((i) => (i.condition?.item === originalKey ? { ...i, condition: { ...i.condition, item: item.key } } : i));
  }
  return saveContent(db, tenantId, d, version, { ...d.content, items: next }, { requireUnlocked: true });
}

export async function removeItem(db: Kysely<DB>, tenantId: string, d: DefinitionRow, version: number, key: string) {
  if (!d.content.items.some((i) => i.key === key)) return { kind: "notFound" as const };
  return saveContent(db, tenantId, d, version, { ...d.content, items: d.content.items.filter((i) => i.key !== key) }, { requireUnlocked: true });
}

/** Move an item one place up or down among the items of its page. */
export async function moveItem(db: Kysely<DB>, tenantId: string, d: DefinitionRow, version: number, key: string, direction: "up" | "down") {
  const items = [...d.content.items];
  const i = items.findIndex((x) => x.key === key);
  if (i < 0) return { kind: "notFound" as const };
  const page = items[i]!.page;
  const step = direction === "up" ? -1 : 1;
  let j = i + step;
  while (j >= 0 && j < items.length && items[j]!.page !== page) j += step;
  if (j >= 0 && j < items.length) [items[i], items[j]] = [items[j]!, items[i]!];
  return saveContent(db, tenantId, d, version, { ...d.content, items }, { requireUnlocked: true });
}

export async function saveIntro(db: Kysely<DB>, tenantId: string, d: DefinitionRow, version: number, intro: { sv: string; en?: string }, name: string) {
  const r = await saveContent(
    db,
    tenantId,
    d,
    version,
    { ...d.content, intro: { ...d.content.intro, sv: intro.sv, en: intro.en } },
    { requireUnlocked: false },
  );
  if (r.kind !== "ok" || r.definition.name === name) return r;
  await db.updateTable("survey_definitions").set({ name, updated_at: new Date() }).where("tenant_id", "=", tenantId).where("id", "=", d.id).execute();
  return { ...r, definition: { ...r.definition, name } };
}

/**
 * Save the translations of a language: texts by path, interface texts by key. Allowed on locked
 * definitions (wording, not structure). A translated interface text must keep the Swedish text's
 * placeholders ({date}, {n} …).
 */
export async function saveTranslations(
  db: Kysely<DB>,
  tenantId: string,
  d: DefinitionRow,
  version: number,
  lang: Exclude<Lang, "sv">,
  texts: Record<string, string>,
  ui: Partial<Record<UiKey, string>>,
  svCatalog: (key: string) => string,
): Promise<{ kind: "ok"; definition: DefinitionRow } | Conflict | Locked | Invalid | NotFound> {
  let content = d.content;
  for (const [path, value] of Object.entries(texts)) content = withTranslation(content, path, lang, value);
  const issues: Array<{ path: string; message: string }> = [];
  if (lang !== "en") {
    const nextUi = { ...content.ui };
    for (const [key, value] of Object.entries(ui) as Array<[UiKey, string]>) {
      const v = value.trim();
      if (v && placeholders(v).join() !== placeholders(svCatalog(uiMessageKey(key))).join())
        issues.push({ path: `ui.${key}`, message: "surveys.error.placeholders" });
      const entry = { ...(nextUi[key] ?? {}) };
      if (v) entry[lang] = v.slice(0, 500);
      else delete entry[lang];
      nextUi[key] = entry;
    }
    content = { ...content, ui: nextUi };
  }
  if (issues.length) return { kind: "invalid", issues };
  return saveContent(db, tenantId, d, version, content, { requireUnlocked: false });
}
