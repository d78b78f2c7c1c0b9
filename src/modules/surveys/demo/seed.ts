// The surveys module's part of the Osby demo (outside production only). Idempotent: a tenant that
// already has survey definitions is left alone. What is real and what is invented is listed in
// PROVENANCE.md and said on every demo round's title and import source.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listAreas } from "../../tenants/index.ts";
import { listPromiseChoices } from "../../promises/index.ts";
import { answerRows } from "../domain/answers.ts";
import { DefinitionContent, findItem } from "../domain/definition.ts";
import { todayInStockholm } from "../domain/dates.ts";
import { surveyTemplate } from "../domain/template.ts";
import { insertAnswerRows } from "../repo/responses.ts";
import { refreshStatistics, storeAggregate } from "../repo/results.ts";
import { osbyFacts } from "./facts.ts";
import { type DemoRespondent, demoRespondents, type RoundPlan } from "./generate.ts";

/** Fixed ids of the demo, so pages and tests can address them. */
export const DEMO_SURVEY_IDS = {
  definition: "5a000000-0000-4000-8000-000000000001",
  nextDefinition: "5a000000-0000-4000-8000-000000000002",
  open: "5a000000-0000-4000-8000-000000002026",
  next: "5a000000-0000-4000-8000-000000002027",
  rounds: {
    2019: "5a000000-0000-4000-8000-000000002019",
    2020: "5a000000-0000-4000-8000-000000002020",
    2021: "5a000000-0000-4000-8000-000000002021",
    2022: "5a000000-0000-4000-8000-000000002022",
    2023: "5a000000-0000-4000-8000-000000002023",
    2024: "5a000000-0000-4000-8000-000000002024",
    2025: "5a000000-0000-4000-8000-000000002025",
  } as Record<number, string>,
};

/** Demo translations of the answering page's interface (Arabic, Persian, Finnish); Somali is left empty to show the fallback. */
const DEMO_UI: DefinitionContent["ui"] = {
  heading: { ar: "استبيان الأمان {year}", fa: "نظرسنجی امنیت {year}", fi: "Turvallisuuskysely {year}" },
  languageLabel: { ar: "اللغة", fa: "زبان", fi: "Kieli" },
  start: { ar: "ابدأ الإجابة", fa: "شروع پاسخ‌دادن", fi: "Aloita vastaaminen" },
  next: { ar: "التالي", fa: "بعدی", fi: "Seuraava" },
  back: { ar: "السابق", fa: "قبلی", fi: "Edellinen" },
  submit: { ar: "أرسل إجاباتك", fa: "ارسال پاسخ‌ها", fi: "Lähetä vastaukset" },
  yes: { ar: "نعم", fa: "بله", fi: "Kyllä" },
  no: { ar: "لا", fa: "خیر", fi: "Ei" },
  progress: { ar: "الصفحة {n} من {m}", fa: "صفحه {n} از {m}", fi: "Sivu {n}/{m}" },
  thanksTitle: { ar: "شكراً على إجاباتك!", fa: "از پاسخ‌های شما متشکریم!", fi: "Kiitos vastauksistasi!" },
  optional: {
    ar: "يمكنك تخطي الأسئلة التي لا تريد الإجابة عنها.",
    fa: "می‌توانید از سؤال‌هایی که نمی‌خواهید پاسخ دهید بگذرید.",
    fi: "Voit ohittaa kysymykset, joihin et halua vastata.",
  },
};

/** Demo translations of some item texts into Arabic (the rest falls back to Swedish, visibly). */
function withDemoTranslations(content: DefinitionContent): DefinitionContent {
  const ar: Record<string, string> = {
    omrade: "في أي منطقة تسكن؟",
    otrygg_kvall: "ما مدى شعورك بالأمان أو عدم الأمان إذا خرجت وحدك في وقت متأخر من المساء في منطقتك السكنية؟",
    fortkorning: "سيارات تسير بسرعة زائدة",
  };
  return {
    ...content,
    intro: { ...content.intro, ar: "تريد البلدية والشرطة أن تعرفا مدى شعورك بالأمان حيث تسكن. تستغرق الإجابة حوالي عشر دقائق." },
    items: content.items.map((i) => (ar[i.key] ? { ...i, text: { ...i.text, ar: ar[i.key]! } } : i)),
    ui: DEMO_UI,
  };
}

const DEMO_TITLE = (year: number) => `Trygghetsmätning ${year} (demo: simulerade svar)`;

/** Field periods follow the police's rhythm (mid-August to early October). */
const PLANS = (): RoundPlan[] => {
  const f = osbyFacts();
  return [
    // 600 questionnaires in 2019, about half came back; 83 % had not been victims of any crime.
    { year: 2019, respondents: Math.round(f.sent2019.value / 2), from: "2019-08-19", to: "2019-10-04", notVictimShare: f.notVictim2019.value / 100 },
    { year: 2020, respondents: 280, from: "2020-08-17", to: "2020-10-02" },
    { year: 2021, respondents: 290, from: "2021-08-16", to: "2021-10-01" },
    // 900 questionnaires in 2022, about half came back; 75 % were worried about some crime.
    { year: 2022, respondents: Math.round(f.sent2022.value / 2), from: "2022-08-15", to: "2022-10-07", worriedShare: f.worried2022.value / 100 },
    { year: 2023, respondents: 420, from: "2023-08-14", to: "2023-10-06" },
    { year: 2024, respondents: 430, from: "2024-08-19", to: "2024-10-04" },
    { year: 2025, respondents: 440, from: "2025-08-18", to: "2025-10-03" },
  ];
};

function shift(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function insertRespondents(
  db: Kysely<DB>,
  tenantId: string,
  surveyId: string,
  content: DefinitionContent,
  people: DemoRespondent[],
  areaIds: Map<string, string>,
) {
  for (let i = 0; i < people.length; i += 400) {
    const batch = people.slice(i, i + 400);
    const stratum = (p: DemoRespondent, key: "alder" | "kon") => p.values.find((v) => v.itemKey === key)?.options[0] ?? null;
    const ids = await db
      .insertInto("survey_responses")
      .values(
        batch.map((p) => ({
          tenant_id: tenantId,
          survey_id: surveyId,
          area_id: areaIds.get(p.area) ?? null,
          age_group: stratum(p, "alder"),
          sex: stratum(p, "kon"),
          lang: p.lang,
          channel: p.channel,
          complete: p.complete,
          answered_on: p.day,
          created_at: p.day,
          updated_at: p.day,
        })),
      )
      .returning("id")
      .execute();
    const rows = batch.flatMap((p, j) =>
      p.values.flatMap((v) => {
        const item = findItem(content, v.itemKey)!;
        const value = item.type === "area" ? { ...v, options: [areaIds.get(p.area)!] } : v;
        return answerRows(item, value).map((r) => ({
          tenant_id: tenantId,
          survey_id: surveyId,
          response_id: ids[j]!.id,
          area_id: areaIds.get(p.area) ?? null,
          age_group: stratum(p, "alder"),
          sex: stratum(p, "kon"),
          ...r,
          created_at: p.day,
        }));
      }),
    );
    await insertAnswerRows(db, rows);
  }
}

export async function seedSurveysDemo(db: Kysely<DB>, tenantId: string): Promise<void> {
  const existing = await db.selectFrom("survey_definitions").select("id").where("tenant_id", "=", tenantId).limit(1).executeTakeFirst();
  if (existing) return;
  const areas = await listAreas(db, tenantId);
  const areaIds = new Map(areas.map((a) => [a.slug, a.id]));
  const coordinator = await db.selectFrom("users").select(["id", "name"]).where("email", "=", "samordnare@osby.demo").executeTakeFirst();
  const by = coordinator?.id ?? null;
  const facts = osbyFacts();
  const content = DefinitionContent.parse(withDemoTranslations(surveyTemplate()));
  const ids = DEMO_SURVEY_IDS;

  await db.transaction().execute(async (trx) => {
    const seriesId = "5a000000-0000-4000-8000-0000000000aa";
    await trx
      .insertInto("survey_definitions")
      .values({
        id: ids.definition,
        tenant_id: tenantId,
        series_id: seriesId,
        revision: 1,
        name: "Trygghetsmätning Osby",
        content: JSON.stringify(content),
        locked: true,
        created_by: by,
      })
      .execute();
    await trx
      .insertInto("survey_definitions")
      .values({
        id: ids.nextDefinition,
        tenant_id: tenantId,
        series_id: seriesId,
        revision: 2,
        supersedes_id: ids.definition,
        name: "Trygghetsmätning Osby",
        content: JSON.stringify(content),
        created_by: by,
      })
      .execute();

    const event = (surveyId: string, action: string, at: string) =>
      trx
        .insertInto("survey_document_events")
        .values({
          tenant_id: tenantId,
          document_id: surveyId,
          action,
          actor_id: by,
          actor_name: coordinator?.name ?? null,
          created_at: new Date(`${at}T10:00:00Z`),
        })
        .execute();

    for (const plan of PLANS()) {
      const id = ids.rounds[plan.year]!;
      await trx
        .insertInto("surveys")
        .values({
          id,
          tenant_id: tenantId,
          definition_id: ids.definition,
          year: plan.year,
          title: DEMO_TITLE(plan.year),
          status: "stangd",
          field_from: plan.from,
          field_to: plan.to,
          created_by: by,
        })
        .execute();
      await insertRespondents(trx, tenantId, id, content, demoRespondents(plan), areaIds);
      const published = `${plan.year}-11-20`;
      await trx
        .updateTable("surveys")
        .set({ status: "publicerad", published_at: new Date(`${published}T10:00:00Z`), aggregated_at: new Date(`${shift(plan.to, 1)}T10:00:00Z`) })
        .where("id", "=", id)
        .execute();
      await event(id, "created", shift(plan.from, -30));
      await event(id, "open", plan.from);
      await event(id, "close", shift(plan.to, 1));
      await event(id, "publish", published);
    }

    // The stored aggregates of the published rounds (with fresh planner statistics first).
    await refreshStatistics(trx);
    for (const plan of PLANS()) await storeAggregate(trx, tenantId, ids.rounds[plan.year]!);

    // This year's round is open now (the demo always has one open survey), with the first answers.
    const today = todayInStockholm();
    const year = Number(today.slice(0, 4));
    const open = { year, respondents: 96, from: shift(today, -12), to: shift(today, 40) };
    await trx
      .insertInto("surveys")
      .values({
        id: ids.open,
        tenant_id: tenantId,
        definition_id: ids.definition,
        year,
        title: DEMO_TITLE(year),
        status: "oppen",
        field_from: open.from,
        field_to: open.to,
        created_by: by,
      })
      .execute();
    const sofar = demoRespondents({ ...open, to: today }).map((p) => ({ ...p, day: [p.day, today].sort()[0]! }));
    await insertRespondents(trx, tenantId, ids.open, content, sofar, areaIds);
    await event(ids.open, "created", shift(open.from, -20));
    await event(ids.open, "open", open.from);

    // Next year's round is being prepared on a new version of the survey.
    await trx
      .insertInto("surveys")
      .values({
        id: ids.next,
        tenant_id: tenantId,
        definition_id: ids.nextDefinition,
        year: year + 1,
        title: `Trygghetsmätning ${year + 1} (demo)`,
        field_from: `${year + 1}-08-17`,
        field_to: `${year + 1}-10-02`,
        requires_code: true,
        created_by: by,
      })
      .execute();
    await event(ids.next, "created", today);

    // The police's published index for speeding in Lönsboda (real: red 5 → green 2).
    const [s2021, s2022] = facts.speedingLonsboda;
    const official = await trx
      .insertInto("survey_imports")
      .values({ tenant_id: tenantId, kind: "officiella", filename: "osby.se 2022-12-09 (utdrag)", source: s2022!.source, row_count: 2, created_by: by })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [f, colour] of [
      [s2021!, "rod"],
      [s2022!, "gron"],
    ] as const)
      await trx
        .insertInto("survey_official_results")
        .values({
          tenant_id: tenantId,
          import_id: official.id,
          year: f.year,
          area_id: areaIds.get("lonsboda") ?? null,
          item_key: "fortkorning",
          index_value: f.value,
          colour,
        })
        .execute();

    // Reported crime: the real Brå figures for 2016–2017, and invented totals for 2019–2025.
    const real = await trx
      .insertInto("survey_imports")
      .values({
        tenant_id: tenantId,
        kind: "brottsstatistik",
        filename: "Brå via Newsworthy (utdrag)",
        source: facts.reported[0]?.source ?? "",
        row_count: facts.reported.length,
        created_by: by,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const f of facts.reported)
      await trx
        .insertInto("survey_crime_stats")
        .values({
          tenant_id: tenantId,
          import_id: real.id,
          year: f.year,
          area_id: null,
          category: f.metric === "anmälda våldsbrott" ? "Våldsbrott" : "Sexualbrott",
          count: f.value,
        })
        .execute();
    const invented: Array<[number, number]> = [
      [2019, 1050],
      [2020, 1110],
      [2021, 960],
      [2022, 930],
      [2023, 985],
      [2024, 840],
      [2025, 880],
    ];
    const demo = await trx
      .insertInto("survey_imports")
      .values({
        tenant_id: tenantId,
        kind: "brottsstatistik",
        filename: "demo-anmalda-brott.csv",
        source: "Trygg-demo: påhittade siffror, inte Brås statistik",
        row_count: invented.length,
        created_by: by,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [y, count] of invented)
      await trx
        .insertInto("survey_crime_stats")
        .values({ tenant_id: tenantId, import_id: demo.id, year: y, area_id: null, category: "Samtliga brott (demo, påhittade)", count })
        .execute();

    // The police's traffic promise names speeding in Lönsboda as its indicator.
    const traffic = (await listPromiseChoices(trx, tenantId)).find((p) => /trafik/i.test(p.text));
    if (traffic)
      await trx
        .insertInto("survey_indicators")
        .values({
          tenant_id: tenantId,
          promise_lineage_id: traffic.lineageId,
          item_key: "fortkorning",
          area_id: areaIds.get("lonsboda") ?? null,
          created_by: by,
        })
        .execute();
  });
}
