// Test factories of the surveys module, and what the sweeps need: rows for the isolation sweep
// (with the ids and keys that fill route parameters) and the pages of the accessibility sweep.
import { randomBytes, randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import { ROLES } from "../../platform/db/schema.ts";
import type { ModuleTesting } from "../../platform/module.ts";
import { acrossTenants } from "../../platform/db/across-tenants.ts";
import { type AnswerValue, answerRows } from "./domain/answers.ts";
import { todayInStockholm } from "./domain/dates.ts";
import type { DefinitionContent, ItemDef } from "./domain/definition.ts";
import { surveyTemplate } from "./domain/template.ts";
import { DEMO_SURVEY_IDS } from "./demo/seed.ts";
import { insertDefinition } from "./repo/definitions.ts";
import { insertImport, upsertCrime, upsertOfficial } from "./repo/imports.ts";
import { setIndicator } from "./repo/indicators.ts";
import { insertResponse, replaceAnswers, syncAnswerStrata } from "./repo/responses.ts";
import { storeAggregate } from "./repo/results.ts";
import { insertSurvey, type SurveyRow } from "./repo/surveys.ts";
import type { SurveyStatus } from "./tables.ts";

/** An area of a test tenant (the test tenants have none). */
export async function makeArea(db: Kysely<DB>, tenantId: string, name: string, slug = `omr-${randomBytes(3).toString("hex")}`, sortOrder = 1) {
  return db
    .insertInto("areas")
    .values({ tenant_id: tenantId, slug, name, kind: "survey", sort_order: sortOrder })
    .returning(["id", "name", "slug"])
    .executeTakeFirstOrThrow();
}

/** A definition from the template (optionally with extra items and changes). */
export async function makeDefinition(db: Kysely<DB>, tenantId: string, over: { extraItems?: ItemDef[]; content?: DefinitionContent; locked?: boolean } = {}) {
  const base = over.content ?? surveyTemplate();
  const content = { ...base, items: [...base.items, ...(over.extraItems ?? [])] };
  const d = await insertDefinition(db, tenantId, {
    seriesId: randomUUID(),
    revision: 1,
    supersedesId: null,
    name: "Trygghetsmätning (test) <script>",
    content,
    createdBy: null,
  });
  if (over.locked) await db.updateTable("survey_definitions").set({ locked: true }).where("id", "=", d.id).execute();
  return d;
}

/** A round in a status, with a field period around today when open. */
export async function makeSurvey(
  db: Kysely<DB>,
  tenantId: string,
  definitionId: string,
  over: { year?: number; status?: SurveyStatus; fieldFrom?: string; fieldTo?: string; requiresCode?: boolean; title?: string } = {},
): Promise<SurveyRow> {
  const today = todayInStockholm();
  const year = over.year ?? Number(today.slice(0, 4));
  const s = await insertSurvey(db, tenantId, {
    definitionId,
    year,
    title: over.title ?? `Trygghetsmätning ${year} <script>alert(1)</script> Åsa`,
    fieldFrom: over.fieldFrom ?? shiftDays(today, -10),
    fieldTo: over.fieldTo ?? shiftDays(today, 30),
    requiresCode: over.requiresCode ?? false,
    createdBy: null,
  });
  if (over.status && over.status !== "utkast") {
    await db
      .updateTable("surveys")
      .set({ status: over.status, published_at: over.status === "publicerad" ? new Date() : null })
      .where("id", "=", s.id)
      .execute();
    if (over.status !== "oppen") {
      await storeAggregate(db, tenantId, s.id);
      await db.updateTable("surveys").set({ aggregated_at: new Date() }).where("id", "=", s.id).execute();
    }
    await db.updateTable("survey_definitions").set({ locked: true }).where("id", "=", definitionId).execute();
  }
  return (await db.selectFrom("surveys").selectAll().where("id", "=", s.id).executeTakeFirstOrThrow()) as SurveyRow;
}

export function shiftDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Complete responses with the given answers (item key → option keys, a number or a text). */
export async function addResponses(
  db: Kysely<DB>,
  tenantId: string,
  survey: { id: string },
  content: DefinitionContent,
  answers: ReadonlyArray<{ area?: string | null; values: Record<string, string | string[] | number> }>,
) {
  for (const a of answers) {
    const areaKey = content.items.find((i) => i.type === "area")?.key;
    const ageKey = content.items.find((i) => i.role === "age")?.key;
    const sexKey = content.items.find((i) => i.role === "sex")?.key;
    const first = (k: string | undefined) => (k && typeof a.values[k] === "string" ? (a.values[k] as string) : null);
    const r = await insertResponse(db, tenantId, {
      surveyId: survey.id,
      lang: "sv",
      channel: "webb",
      resumeHash: null,
      answeredOn: todayInStockholm(),
      complete: true,
      fromFrame: false,
      area_id: a.area ?? first(areaKey),
      age_group: first(ageKey),
      sex: first(sexKey),
    });
    const rows = Object.entries(a.values).flatMap(([key, v]) => {
      const item = content.items.find((i) => i.key === key);
      if (!item) throw new Error(`okänd fråga ${key}`);
      const value: AnswerValue = {
        itemKey: key,
        options: typeof v === "number" || item.type === "text" ? [] : Array.isArray(v) ? v : [v],
        num: typeof v === "number" ? v : null,
        text: item.type === "text" ? String(v) : null,
      };
      return answerRows(item, value);
    });
    await replaceAnswers(db, tenantId, survey.id, r.id, [], rows, todayInStockholm());
    await syncAnswerStrata(db, tenantId, r.id);
  }
}

/**
 * One of everything, for the isolation sweep: an area, a definition with an item of its own, a
 * published round with answers (its year unique across tenants, so another tenant's year is not
 * this tenant's), an open round, imports and an indicator.
 */
export async function isolationFixtures(db: Kysely<DB>, tenantId: string): Promise<Record<string, string>> {
  const area = await makeArea(db, tenantId, "Isolationsområde", `iso-${randomBytes(4).toString("hex")}`);
  const itemKey = `iso_${randomBytes(4).toString("hex")}`;
  const definition = await makeDefinition(db, tenantId, {
    extraItems: [
      {
        key: itemKey,
        type: "yesno",
        page: 7,
        theme: "ovrigt",
        text: { sv: "Isolationsfråga <script>" },
        options: [],
        measure: { kind: "share", options: ["ja"] },
      },
    ],
  });
  const used = await sql<{ max: number | null }>`select max(year) as max from surveys`.execute(acrossTenants(db));
  const year = Math.max(2001, Number(used.rows[0]?.max ?? 2000) + 1);
  const published = await makeSurvey(db, tenantId, definition.id, { year, status: "stangd" });
  await addResponses(
    db,
    tenantId,
    published,
    definition.content,
    Array.from({ length: 6 }, () => ({ area: area.id, values: { [itemKey]: "ja", fortkorning: "mycket_stort" } })),
  );
  await storeAggregate(db, tenantId, published.id);
  await db.updateTable("surveys").set({ status: "publicerad", published_at: new Date(), aggregated_at: new Date() }).where("id", "=", published.id).execute();
  const draftDefinition = await makeDefinition(db, tenantId);
  const open = await makeSurvey(db, tenantId, draftDefinition.id, { year, status: "oppen" });
  // The open round keeps its definition locked; a third, unlocked definition serves the item form.
  const editable = await makeDefinition(db, tenantId, {
    extraItems: [
      { key: itemKey, type: "yesno", page: 7, theme: "ovrigt", text: { sv: "Isolationsfråga" }, options: [], measure: { kind: "share", options: ["ja"] } },
    ],
  });
  const official = await insertImport(db, tenantId, { kind: "officiella", filename: "iso.csv", source: "", rowCount: 1, createdBy: null });
  await upsertOfficial(db, tenantId, official.id, [{ line: 2, year, areaId: area.id, itemKey: "fortkorning", index: 2, share: null, n: 40, colour: "gron" }]);
  const crime = await insertImport(db, tenantId, { kind: "brottsstatistik", filename: "bra.csv", source: "", rowCount: 1, createdBy: null });
  await upsertCrime(db, tenantId, crime.id, [{ line: 2, year, areaId: null, category: "Samtliga brott", count: 100, per100k: null }]);
  const indicator = await setIndicator(db, tenantId, { lineageId: randomUUID(), itemKey: "fortkorning", areaId: area.id, createdBy: null });
  return {
    surveyId: published.id,
    "surveyId@/t/:tenant/enkat": open.id,
    "page@/t/:tenant/enkat": "1",
    definitionId: editable.id,
    itemKey,
    "lang@/t/:tenant/arbete/trygghetsmatning": "ar",
    "year@/t/:tenant/trygghetsmatning": String(year),
    "year@/api/t/:tenant/surveys": String(year),
    areaSlug: area.slug,
    "importId@/t/:tenant/arbete/trygghetsmatning/import": official.id,
    "importId@/t/:tenant/arbete/trygghetsmatning/brottsstatistik": crime.id,
    indicatorId: indicator.id,
  };
}

export const requestOverrides: NonNullable<ModuleTesting["requestOverrides"]> = {
  "POST /api/t/:tenant/surveys/official-results": () => ({ body: { csv: "år;fråga;index\n2020;problemindex;1\n" }, json: true }),
  "POST /api/t/:tenant/surveys/crime-statistics": () => ({ body: { csv: "år;brottskategori;antal\n2020;Samtliga brott;10\n" }, json: true }),
};

const D = DEMO_SURVEY_IDS;

export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "trygghetsmätningen (publik)", path: "/t/osby/trygghetsmatning", viewers: ["public"] },
  { name: "trygghetsmätningen 2022", path: "/t/osby/trygghetsmatning/2022", viewers: ["public", "samordnare"] },
  { name: "en fråga över åren", path: "/t/osby/trygghetsmatning/fraga/fortkorning", viewers: ["public"] },
  { name: "upplevt och anmält, hela kommunen", path: "/t/osby/trygghetsmatning/jamforelse", viewers: ["public"] },
  { name: "upplevt och anmält, Lönsboda", path: "/t/osby/trygghetsmatning/jamforelse/lonsboda", viewers: ["public", "samordnare"] },
  { name: "enkäten (start)", path: `/t/osby/enkat/${D.open}`, viewers: ["public"] },
  { name: "enkäten på arabiska", path: `/t/osby/enkat/${D.open}?lang=ar`, viewers: ["public"] },
  { name: "enkäten på somaliska (utan översättning)", path: `/t/osby/enkat/${D.open}?lang=so`, viewers: ["public"] },
  { name: "enkäten, tack", path: `/t/osby/enkat/${D.open}/tack?lang=fa`, viewers: ["public"] },
  { name: "enkät som är stängd", path: `/t/osby/enkat/${D.rounds[2022]}`, viewers: ["public"] },
  { name: "trygghetsmätning (personal)", path: "/t/osby/arbete/trygghetsmatning", viewers: [...ROLES] },
  { name: "ny omgång", path: "/t/osby/arbete/trygghetsmatning/ny", viewers: ["samordnare"] },
  { name: "öppen omgång (personal)", path: `/t/osby/arbete/trygghetsmatning/${D.open}`, viewers: [...ROLES] },
  { name: "publicerad omgång (personal)", path: `/t/osby/arbete/trygghetsmatning/${D.rounds[2022]}`, viewers: ["samordnare", "lasare"] },
  { name: "engångskoder", path: `/t/osby/arbete/trygghetsmatning/${D.next}/koder`, viewers: ["samordnare"] },
  { name: "viktning", path: `/t/osby/arbete/trygghetsmatning/${D.open}/viktning`, viewers: ["samordnare"] },
  { name: "pappersenkät", path: `/t/osby/arbete/trygghetsmatning/${D.open}/pappersenkat`, viewers: ["samordnare"] },
  { name: "till medborgarlöftet", path: `/t/osby/arbete/trygghetsmatning/${D.rounds[2022]}/citera`, viewers: ["samordnare", "polis"] },
  {
    name: "till medborgarlöftet, vald fråga",
    path: `/t/osby/arbete/trygghetsmatning/${D.rounds[2022]}/citera?fraga=fortkorning&omrade=lonsboda`,
    viewers: ["samordnare"],
  },
  { name: "enkäten (frågor)", path: `/t/osby/arbete/trygghetsmatning/definitioner/${D.definition}`, viewers: ["samordnare", "lasare"] },
  { name: "nästa års enkät (utkast)", path: `/t/osby/arbete/trygghetsmatning/definitioner/${D.nextDefinition}`, viewers: ["samordnare"] },
  { name: "ny fråga", path: `/t/osby/arbete/trygghetsmatning/definitioner/${D.nextDefinition}/fraga`, viewers: ["samordnare"] },
  { name: "ändra en fråga", path: `/t/osby/arbete/trygghetsmatning/definitioner/${D.nextDefinition}/fraga/fortkorning`, viewers: ["samordnare"] },
  { name: "översätt till arabiska", path: `/t/osby/arbete/trygghetsmatning/definitioner/${D.definition}/oversattning/ar`, viewers: ["samordnare"] },
  { name: "importera polisens resultat", path: "/t/osby/arbete/trygghetsmatning/import", viewers: ["samordnare", "polis", "lasare"] },
  { name: "importera anmälda brott", path: "/t/osby/arbete/trygghetsmatning/brottsstatistik", viewers: ["samordnare"] },
  { name: "inställningar för trygghetsmätningen", path: "/t/osby/arbete/trygghetsmatning/installningar", viewers: ["samordnare"] },
];

export const sweepExemptions: NonNullable<ModuleTesting["sweepExemptions"]> = {
  "GET /t/:tenant/enkat/:surveyId/sida/:page":
    "needs the respondent's continuation cookie (without it the page redirects to the start); visited with axe in test/e2e/surveys.e2e.test.ts, in Swedish and in Arabic",
};
