// The Osby demo of the survey: Osby's three areas with several years of results that reproduce
// the public facts where they exist (speeding in Lönsboda from red 5 to green 2 in the police's
// index; 600 and 900 questionnaires with about half returned; 83 % not victimised in 2019; 75 %
// worried in 2022), one survey open now, and everything invented labelled as demo.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { seedOsby } from "../seed.ts";
import { DEMO_SURVEY_IDS } from "./demo/seed.ts";

describe("surveys: the Osby demo", () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    await seedOsby(t.db);
  });
  after(async () => t?.close());

  it("keeps the facts file byte for byte", () => {
    const copy = readFileSync(new URL("./demo/osby-crime-and-safety-facts.csv", import.meta.url));
    const original = readFileSync(new URL("../../../test/fixtures/shared/osby-crime-and-safety-facts.csv", import.meta.url));
    assert.ok(copy.equals(original), "src/modules/surveys/demo/osby-crime-and-safety-facts.csv differs from its source");
  });

  /** Share of a round's respondents (who reached the items) with at least one of `options` on any of `items`. */
  async function anyShare(year: number, items: string[], options: string[]): Promise<{ share: number; n: number }> {
    const id = DEMO_SURVEY_IDS.rounds[year]!;
    const r = await sql<{ n: number; hit: number }>`
      select count(*)::int as n, count(*) filter (where hit)::int as hit from (
        select a.response_id, bool_or(a.option_key in (${sql.join(options)})) as hit
        from survey_answers a where a.survey_id = ${id} and a.item_key in (${sql.join(items)})
        group by a.response_id) x`.execute(t.db);
    return { share: r.rows[0]!.hit / r.rows[0]!.n, n: r.rows[0]!.n };
  }

  it("reproduces the public facts where they exist", async () => {
    const responses = await t.db
      .selectFrom("survey_responses")
      .select(["survey_id"])
      .where("survey_id", "in", [DEMO_SURVEY_IDS.rounds[2019]!, DEMO_SURVEY_IDS.rounds[2022]!])
      .execute();
    assert.equal(responses.filter((r) => r.survey_id === DEMO_SURVEY_IDS.rounds[2019]).length, 300, "600 sent in 2019, about half answered");
    assert.equal(responses.filter((r) => r.survey_id === DEMO_SURVEY_IDS.rounds[2022]).length, 450, "900 sent in 2022, about half answered");
    const victims2019 = await anyShare(2019, ["utsatt_vald", "utsatt_stold", "utsatt_skadegorelse", "utsatt_bedrageri"], ["ja"]);
    assert.ok(Math.abs(1 - victims2019.share - 0.83) < 0.002, `83 % not victimised in 2019 (${(1 - victims2019.share) * 100} % of ${victims2019.n})`);
    const worried2022 = await anyShare(2022, ["oro_inbrott", "oro_fordon", "oro_overfall"], ["ganska", "mycket"]);
    assert.ok(Math.abs(worried2022.share - 0.75) < 0.002, `75 % worried in 2022 (${worried2022.share * 100} % of ${worried2022.n})`);

    const official = await t.db.selectFrom("survey_official_results").select(["year", "item_key", "index_value", "colour"]).orderBy("year").execute();
    assert.deepEqual(official, [
      { year: 2021, item_key: "fortkorning", index_value: 5, colour: "rod" },
      { year: 2022, item_key: "fortkorning", index_value: 2, colour: "gron" },
    ]);
    const api = await t.app.inject({ method: "GET", url: "/api/t/osby/surveys/trend/fortkorning" });
    const series = (api.json() as { series: Array<{ area: string; points: Array<{ year: number; source: string; share_percent: number | null }> }> }).series;
    const own = series.find((s) => s.area === "lonsboda")!.points.filter((p) => p.source === "egen");
    const at = (y: number) => own.find((p) => p.year === y)!.share_percent!;
    assert.ok(at(2021) > 55 && at(2022) < 40, `the survey's own shares follow the index: ${at(2021)} % → ${at(2022)} %`);
  });

  it("has one survey open now, linked from the start page and the results page", async () => {
    const start = await t.app.inject({ method: "GET", url: "/t/osby" });
    assert.match(start.body, new RegExp(`/t/osby/enkat/${DEMO_SURVEY_IDS.open}`));
    const results = await t.app.inject({ method: "GET", url: "/t/osby/trygghetsmatning" });
    assert.equal(results.statusCode, 200);
    assert.match(results.body, new RegExp(`/t/osby/enkat/${DEMO_SURVEY_IDS.open}`));
    assert.match(results.body, /Trygghetsmätning 2025 \(demo: simulerade svar\)/, "invented answers say so");
    const arabic = await t.app.inject({ method: "GET", url: `/t/osby/enkat/${DEMO_SURVEY_IDS.open}?lang=ar` });
    assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
    assert.match(arabic.body, /ابدأ الإجابة/);
  });

  it("shows the paradox in Osby tätort and labels invented crime figures", async () => {
    const page = await t.app.inject({ method: "GET", url: "/t/osby/trygghetsmatning/jamforelse/osby-tatort" });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Otryggheten ökar medan de anmälda brotten \(samtliga brott \(demo, påhittade\)\) minskar \(2020–2021\)/);
    const imports = await t.db.selectFrom("survey_imports").select(["kind", "source"]).execute();
    assert.ok(imports.some((i) => /påhittade/.test(i.source)));
    assert.ok(imports.some((i) => i.kind === "officiella" && i.source.startsWith("https://www.osby.se/")));
  });

  it("is idempotent", async () => {
    const before = await t.db
      .selectFrom("survey_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await seedOsby(t.db);
    const after = await t.db
      .selectFrom("survey_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });
});
