// A coordinator runs a survey from the template to published results through the forms:
// create a round, translate, open (the questions lock), watch live counts, key in paper
// questionnaires, close (the aggregate is stored), publish — and residents read the results with
// intervals and suppression on the page, in the API and in the PDF. Bad input gets a Swedish
// message and loses nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { readPdf } from "../../platform/testing/pdf.ts";
import { todayInStockholm } from "./domain/dates.ts";
import { DefinitionContent } from "./domain/definition.ts";
import { surveysModule } from "./index.ts";
import { addResponses, makeArea, shiftDays } from "./testing.ts";

type Injected = { statusCode: number; body: string; headers: Record<string, unknown>; cookies: Array<{ name: string; value: string }>; rawPayload: Buffer };

describe("a survey round from template to published results", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let coordinator: Record<string, string>;
  let reader: Record<string, string>;
  let areas: Array<{ id: string; name: string; slug: string }>;
  let base: string;
  let surveyId: string;
  let definitionId: string;
  const year = 2024;

  async function post(pageUrl: string, action: string, fields: Record<string, string>, cookies = coordinator): Promise<Injected> {
    const page = await t.app.inject({ method: "GET", url: pageUrl, cookies });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token, `ingen CSRF-token på ${pageUrl} (${page.statusCode})`);
    const jar = { ...cookies, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
    return (await t.app.inject({
      method: "POST",
      url: action,
      cookies: jar,
      payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    })) as unknown as Injected;
  }

  const version = async () => (await t.db.selectFrom("surveys").select("version").where("id", "=", surveyId).executeTakeFirstOrThrow()).version;
  const roundUrl = () => `${base}/${surveyId}`;

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    areas = [
      await makeArea(t.db, tenant.id, "Osby tätort", "osby-tatort", 1),
      await makeArea(t.db, tenant.id, "Lönsboda", "lonsboda", 2),
      await makeArea(t.db, tenant.id, "Osby landsbygd", "osby-landsbygd", 3),
    ];
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    reader = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "lasare")).id);
    base = `/t/${tenant.slug}/arbete/trygghetsmatning`;
  });
  after(async () => t?.close());

  it("refuses a round with a bad period or year, in Swedish, with the input kept", async () => {
    const res = await post(`${base}/ny`, base, {
      title: "Trygghetsmätning 2024",
      year: "24",
      field_from: "2024-10-05",
      field_to: "2024-08-15",
      definition: "template",
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Ange ett år mellan 1990 och 2100/);
    assert.match(res.body, /Sista dagen kan inte vara före första dagen/);
    assert.match(res.body, /value="Trygghetsmätning 2024"/);
    assert.equal((await t.db.selectFrom("surveys").select("id").where("tenant_id", "=", tenant.id).execute()).length, 0);
  });

  it("creates a round from the template", async () => {
    const today = todayInStockholm();
    const res = await post(`${base}/ny`, base, {
      title: `Trygghetsmätning ${year}`,
      year: String(year),
      field_from: shiftDays(today, -5),
      field_to: shiftDays(today, 20),
      definition: "template",
    });
    assert.equal(res.statusCode, 303);
    surveyId = String(res.headers.location).split("/").at(-1)!;
    const s = await t.db.selectFrom("surveys").selectAll().where("id", "=", surveyId).executeTakeFirstOrThrow();
    assert.equal(s.status, "utkast");
    definitionId = s.definition_id;
    const page = await t.app.inject({ method: "GET", url: roundUrl(), cookies: reader });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Utkast/);
    assert.doesNotMatch(page.body, /Öppna för svar/, "a reader is not offered the lifecycle");
  });

  it("translates the answering page, refusing a translation that loses a placeholder", async () => {
    const url = `${base}/definitioner/${definitionId}/oversattning/ar`;
    const form = await t.app.inject({ method: "GET", url, cookies: coordinator });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /lang="ar" dir="rtl"/);
    const v = (await t.db.selectFrom("survey_definitions").select("version").where("id", "=", definitionId).executeTakeFirstOrThrow()).version;
    const bad = await post(url, url, { version: String(v), "ui.progress": "الصفحة {n}", "ui.next": "التالي" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /samma platshållare/);
    assert.match(bad.body, /التالي/, "the other translations stay in the form");
    const ok = await post(url, url, {
      version: String(v),
      "ui.progress": "الصفحة {n} من {m}",
      "ui.next": "التالي",
      "t.items.fortkorning.text": "سيارات تسير بسرعة زائدة",
    });
    assert.equal(ok.statusCode, 303);
    const d = await t.db.selectFrom("survey_definitions").select("content").where("id", "=", definitionId).executeTakeFirstOrThrow();
    const content = DefinitionContent.parse(d.content);
    assert.equal(content.ui.next?.ar, "التالي");
    assert.equal(content.items.find((i) => i.key === "fortkorning")!.text.ar, "سيارات تسير بسرعة زائدة");
  });

  it("opens the round, which locks the questions but not the translations", async () => {
    const res = await post(roundUrl(), `${roundUrl()}/oppna`, { version: String(await version()) });
    assert.equal(res.statusCode, 303);
    const d = await t.db.selectFrom("survey_definitions").select(["locked", "version"]).where("id", "=", definitionId).executeTakeFirstOrThrow();
    assert.equal(d.locked, true);
    const edit = await post(`${base}/definitioner/${definitionId}/fraga/fortkorning`, `${base}/definitioner/${definitionId}/fraga/fortkorning`, {
      version: String(d.version),
      key: "fortkorning",
      type: "scale",
      page: "2",
      theme: "problem",
      text_sv: "Bilar som kör fort",
      text_en: "",
      help_sv: "",
      help_en: "",
      options: "a | A\nb | B",
      measure_kind: "",
      measure_options: "",
      condition_item: "",
      condition_options: "",
      role: "",
      min: "",
      max: "",
    });
    assert.equal(edit.statusCode, 409);
    assert.match(edit.body, /frågor är låsta/);
    assert.match(edit.body, /Bilar som kör fort/, "the input is shown again");
  });

  it("refuses a stale version with an explanation", async () => {
    const res = await post(roundUrl(), `${roundUrl()}/stang`, { version: "1" });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /Någon annan har ändrat/);
  });

  it("shows staff live counts while the round runs, with small groups hidden", async () => {
    const d = await t.db.selectFrom("survey_definitions").select("content").where("id", "=", definitionId).executeTakeFirstOrThrow();
    const content = DefinitionContent.parse(d.content);
    const many = (area: string, n: number, unsafe: number) =>
      Array.from({ length: n }, (_, i) => ({
        area,
        values: { omrade: area, otrygg_kvall: i < unsafe ? "mycket_otrygg" : "ganska_trygg", fortkorning: i % 2 ? "mycket_stort" : "inget" },
      }));
    // Osby landsbygd: six answers about speeding, only three about insecurity.
    const landsbygd = many(areas[2]!.id, 6, 3).map((r, i) => (i < 3 ? r : { ...r, values: { omrade: r.area, fortkorning: r.values.fortkorning } }));
    await addResponses(t.db, tenant.id, { id: surveyId }, content, [...many(areas[0]!.id, 40, 10), ...many(areas[1]!.id, 20, 8), ...landsbygd]);
    const page = await t.app.inject({ method: "GET", url: roundUrl(), cookies: reader });
    assert.match(page.body, /Svar hittills/);
    assert.match(page.body, /Räknat nu från svaren hittills/);
    // 10 of 40 unsafe in Osby tätort: 25 % (14–40 %)
    assert.match(page.body, /25 % \(14–40 %\)/);
    assert.match(page.body, /Färre än 5 svar – visas inte/);
  });

  it("lets the coordinator key in paper questionnaires quickly, refusing wrong codes with the input kept", async () => {
    const url = `${roundUrl()}/pappersenkat`;
    const form = await t.app.inject({ method: "GET", url, cookies: coordinator });
    assert.match(form.body, /1 = Inget problem alls, 2 = Ganska litet problem, 3 = Ganska stort problem, 4 = Mycket stort problem, 9 = Vet ej/);
    const bad = await post(url, url, { "p.omrade": "1", "p.fortkorning": "7", "p.ar_i_omradet": "5" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Skriv en av siffrorna i hjälptexten/);
    assert.match(bad.body, /value="7"/);
    const ok = await post(url, url, { "p.omrade": "2", "p.fortkorning": "4", "p.avstatt": "2", "p.avstatt_vad": "1", "p.ar_i_omradet": "5" });
    assert.equal(ok.statusCode, 303);
    const paper = await t.db
      .selectFrom("survey_responses")
      .selectAll()
      .where("survey_id", "=", surveyId)
      .where("channel", "=", "papper")
      .executeTakeFirstOrThrow();
    assert.equal(paper.area_id, areas[1]!.id);
    assert.equal(paper.complete, true);
    const dropped = await t.db
      .selectFrom("survey_answers")
      .select("item_key")
      .where("response_id", "=", paper.id)
      .where("item_key", "=", "avstatt_vad")
      .execute();
    assert.deepEqual(dropped, [], "an answer to a question the respondent should have skipped is not stored");
  });

  it("closes the round (the aggregate is stored) and publishes it", async () => {
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}` })).statusCode, 404);
    const closed = await post(roundUrl(), `${roundUrl()}/stang`, { version: String(await version()) });
    assert.equal(closed.statusCode, 303);
    const cells = await t.db.selectFrom("survey_result_cells").select("n").where("survey_id", "=", surveyId).execute();
    assert.ok(cells.length > 5);
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}` })).statusCode, 404, "closed is not published");
    // Publishing asks first, saying what becomes public; the first post changes nothing.
    const asked = await post(roundUrl(), `${roundUrl()}/publicera`, { version: String(await version()) });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, new RegExp(`<h1>Publicera resultaten för ${year}\\?</h1>`));
    assert.match(asked.body, /blir offentliga/);
    assert.match(asked.body, /<input type="hidden" name="confirm" value="ja">/);
    assert.match(asked.body, new RegExp(`<a href="${roundUrl()}">Avbryt – ändra ingenting</a>`));
    assert.equal((await t.db.selectFrom("surveys").select("status").where("id", "=", surveyId).executeTakeFirstOrThrow()).status, "stangd");
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}` })).statusCode, 404, "asked is not published");
    const published = await post(roundUrl(), `${roundUrl()}/publicera`, { version: String(await version()), confirm: "ja" });
    assert.equal(published.statusCode, 303);
  });

  it("shows residents the results with intervals, hiding small groups so they cannot be worked out", async () => {
    const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /25 % \(14–40 %\)/);
    // 11 of 21 in Lönsboda see speeding as a problem (10 from the web + 1 on paper)
    assert.match(res.body, /id="fortkorning--lonsboda"><strong>52 % \(32–72 %\)<\/strong> <span class="survey-n">21 svar/);
    // Osby landsbygd has 3 answers: hidden; and so is Lönsboda's insecurity, the smallest other, so the total does not give it away.
    assert.match(res.body, /id="otrygg_kvall--osby-landsbygd"><span class="survey-suppressed">Färre än 5 svar/);
    assert.match(res.body, /id="otrygg_kvall--lonsboda"><span class="survey-suppressed">Färre än 5 svar/);
    assert.doesNotMatch(res.body, /Ring mig/);

    const api = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/surveys/results/${year}` });
    assert.equal(api.statusCode, 200);
    const json = api.json() as {
      items: Array<{
        key: string;
        cells: Array<{
          area: string;
          suppressed: boolean;
          answered: number | null;
          distribution: unknown;
          share: { percent: number; lo: number; hi: number } | null;
        }>;
      }>;
    };
    const unsafe = json.items.find((i) => i.key === "otrygg_kvall")!;
    const landsbygd = unsafe.cells.find((c) => c.area === "osby-landsbygd")!;
    assert.deepEqual(
      [landsbygd.suppressed, landsbygd.answered, landsbygd.distribution, landsbygd.share],
      [true, null, null, null],
      "no counts leave for a hidden cell",
    );
    assert.deepEqual(unsafe.cells.find((c) => c.area === "osby-tatort")!.share, { percent: 25, lo: 14.2, hi: 40.2, k: 10, base: 40 });

    const pdf = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}.pdf` });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    const read = await readPdf(pdf.rawPayload);
    assert.ok(read.find("H1", `Trygghetsmätning ${year}`).length);
    assert.ok(read.find("Table").length >= 2);
    assert.ok(
      read.pages.every((p) => p.untagged.trim() === ""),
      "everything is in the structure tree",
    );
    const text = read.pages.map((p) => p.text).join(" ");
    assert.match(text, /25 % \(14–\s*40\), n=40/);
    assert.doesNotMatch(text, /n=3\b/);

    const csv = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}.csv` });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers["content-type"]), /^text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    assert.equal(
      lines[0],
      "år,källa,område,fråga,frågetext,svarsalternativ,svarsalternativ_text,antal,procent_av_svaren,antal_svarande,vet_ej,andel_som_mäts,andel_procent,ki95_låg_procent,ki95_hög_procent,andel_bas,viktad_andel_procent,medelvärde,index_ej_officiell_beräkning,index_officiellt,färg_officiell,dolt_för_få_svar",
    );
    assert.ok(
      lines.includes(
        `${year},egen,osby-tatort,otrygg_kvall,Hur trygg eller otrygg skulle du känna dig om du gick ut ensam sent en kväll i ditt bostadsområde?,mycket_otrygg,Mycket otrygg,10,25,40,0,Andel otrygga,25,14.2,40.2,40,,,,,,`,
      ),
    );
    // A hidden cell is a row that says so, with no figures.
    assert.ok(
      lines.includes(
        `${year},egen,osby-landsbygd,otrygg_kvall,Hur trygg eller otrygg skulle du känna dig om du gick ut ensam sent en kväll i ditt bostadsområde?,,,,,,,Andel otrygga,,,,,,,,,,Ja`,
      ),
    );
    assert.ok(!lines.some((l) => l.startsWith(`${year},egen,osby-landsbygd,otrygg_kvall,`) && /,mycket_otrygg,/.test(l)));
    const excel = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}.csv?format=excel` });
    assert.ok(excel.body.startsWith("\ufeffår;källa;"), "Excel: BOM and semicolons");
    assert.match(excel.body, /;14,2;40,2;/, "Excel: decimal comma");

    const trend = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/fraga/otrygg_kvall` });
    assert.equal(trend.statusCode, 200);
    assert.match(trend.body, /<svg viewBox/);
    assert.match(trend.body, /<caption id="trend-caption">/, "the chart has a table beside it");
  });

  it("weights by area × age × sex when asked, labelled as weighted", async () => {
    // Withdraw, weight, publish again.
    const asked = await post(roundUrl(), `${roundUrl()}/avpublicera`, { version: String(await version()) });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, new RegExp(`<h1>Dra tillbaka resultaten för ${year}\\?</h1>`));
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}` })).statusCode, 200, "asked is still public");
    assert.equal((await post(roundUrl(), `${roundUrl()}/avpublicera`, { version: String(await version()), confirm: "ja" })).statusCode, 303);
    const url = `${roundUrl()}/viktning`;
    const bad = await post(url, url, { version: String(await version()), enabled: "on", population: "område;åldersgrupp;kön;antal\nHökön;;;100\n" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Rad 2: Okänt område ”Hökön”/);
    const ok = await post(url, url, {
      version: String(await version()),
      enabled: "on",
      population: "område;åldersgrupp;kön;antal\nOsby tätort;;;3000\nLönsboda;;;1500\nOsby landsbygd;;;3500\n",
    });
    assert.equal(ok.statusCode, 303);
    await post(roundUrl(), `${roundUrl()}/publicera`, { version: String(await version()), confirm: "ja" });
    const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/${year}` });
    assert.match(res.body, /Viktat:/);
    assert.match(res.body, /viktat \d+ %/);
  });

  it("refuses to publish a second round for the same year", async () => {
    const d = await t.db.selectFrom("surveys").select(["definition_id"]).where("id", "=", surveyId).executeTakeFirstOrThrow();
    const other = await t.db
      .insertInto("surveys")
      .values({
        tenant_id: tenant.id,
        definition_id: d.definition_id,
        year,
        title: "Extra",
        status: "stangd",
        field_from: "2024-01-01",
        field_to: "2024-01-31",
      })
      .returning(["id", "version"])
      .executeTakeFirstOrThrow();
    const res = await post(`${base}/${other.id}`, `${base}/${other.id}/publicera`, { version: String(other.version), confirm: "ja" });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /Det finns redan publicerade resultat för 2024/);
  });

  it("closes rounds whose field period has ended, every night, and compiles their results", async () => {
    const d = await t.db.selectFrom("surveys").select("definition_id").where("id", "=", surveyId).executeTakeFirstOrThrow();
    const ended = await t.db
      .insertInto("surveys")
      .values({
        tenant_id: tenant.id,
        definition_id: d.definition_id,
        year: 2023,
        title: "Slut",
        status: "oppen",
        field_from: "2023-08-01",
        field_to: "2023-10-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const running = await t.db
      .insertInto("surveys")
      .values({
        tenant_id: tenant.id,
        definition_id: d.definition_id,
        year: 2099,
        title: "Pågår",
        status: "oppen",
        field_from: "2020-01-01",
        field_to: "2099-12-31",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const job = surveysModule.jobs!.find((j) => j.name === "surveys.close-ended")!;
    await job.run({}, { database: t.database } as never);
    const statuses = await t.db.selectFrom("surveys").select(["id", "status", "aggregated_at"]).where("id", "in", [ended.id, running.id]).execute();
    assert.equal(statuses.find((x) => x.id === ended.id)!.status, "stangd");
    assert.ok(statuses.find((x) => x.id === ended.id)!.aggregated_at);
    assert.equal(statuses.find((x) => x.id === running.id)!.status, "oppen");
    const history = await t.db.selectFrom("survey_document_events").select(["action", "actor_name"]).where("document_id", "=", ended.id).execute();
    assert.deepEqual(history, [{ action: "close", actor_name: "Trygg" }]);
  });
  it("deletes a draft round only after asking, and never one that has opened", async () => {
    const d = await t.db.selectFrom("surveys").select("definition_id").where("id", "=", surveyId).executeTakeFirstOrThrow();
    const draft = await t.db
      .insertInto("surveys")
      .values({
        tenant_id: tenant.id,
        definition_id: d.definition_id,
        year: 2030,
        title: "Utkast att ta bort",
        field_from: "2030-09-01",
        field_to: "2030-10-01",
      })
      .returning(["id", "version"])
      .executeTakeFirstOrThrow();
    const url = `${base}/${draft.id}`;
    const asked = await post(url, `${url}/ta-bort`, { version: String(draft.version) });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /<h1>Ta bort omgången ”Utkast att ta bort”\?<\/h1>/);
    assert.match(asked.body, /Det går inte att ångra/);
    assert.ok(await t.db.selectFrom("surveys").select("id").where("id", "=", draft.id).executeTakeFirst(), "asked, nothing removed");
    const removed = await post(url, `${url}/ta-bort`, { version: String(draft.version), confirm: "ja" });
    assert.equal(removed.statusCode, 303);
    assert.equal(await t.db.selectFrom("surveys").select("id").where("id", "=", draft.id).executeTakeFirst(), undefined);
    // A round that has opened is refused before anything is asked.
    const refused = await post(roundUrl(), `${roundUrl()}/ta-bort`, { version: String(await version()) });
    assert.equal(refused.statusCode, 409);
    assert.doesNotMatch(refused.body, /name="confirm"/);
  });
});
