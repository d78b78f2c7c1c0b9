// A resident answers, as a browser without JavaScript would: chooses a language (Arabic, right to
// left), starts, answers page by page (partial answers are kept), is asked to rephrase free text
// with personal data, and sends. One-time codes are burnt and never stored with the answer; a
// used code is refused kindly; a closed survey says so. Nothing finer than the day is stored.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { todayInStockholm } from "./domain/dates.ts";
import { addResponses, makeArea, makeDefinition, makeSurvey, shiftDays } from "./testing.ts";

type Res = {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  cookies: Array<{ name: string; value: string; path?: string; maxAge?: number }>;
};

/** A cookie jar and form posting, like a browser without JavaScript. */
class Resident {
  jar: Record<string, string> = {};
  last: Res | null = null;
  readonly t: TestApp;
  constructor(t: TestApp) {
    this.t = t;
  }
  /** The CSRF token of the last page that had a form (a browser posts the form it shows). */
  token = "";
  private keep(res: Res) {
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body ?? "")?.[1];
    if (token) this.token = token;
    for (const c of res.cookies) {
      if (c.maxAge === 0 || c.value === "") delete this.jar[c.name];
      else this.jar[c.name] = c.value;
    }
    this.last = res;
    return res;
  }
  async get(url: string): Promise<Res> {
    return this.keep((await this.t.app.inject({ method: "GET", url, cookies: this.jar })) as unknown as Res);
  }
  async post(url: string, fields: Record<string, string | string[]>): Promise<Res> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    body.set("_csrf", this.token);
    return this.keep(
      (await this.t.app.inject({
        method: "POST",
        url,
        cookies: this.jar,
        payload: body.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      })) as unknown as Res,
    );
  }
}

describe("answering the survey", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let areas: Array<{ id: string; name: string; slug: string }>;
  let openUrl: string;
  let surveyId: string;

  before(async () => {
    // The log is captured at the production level (info) to see what it keeps of residents' requests.
    t = await createTestApp({ captureLogs: "info" });
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    areas = [await makeArea(t.db, tenant.id, "Osby tätort", "osby-tatort"), await makeArea(t.db, tenant.id, "Lönsboda", "lonsboda")];
    const d = await makeDefinition(t.db, tenant.id);
    // Arabic: the start button and the area question are translated; the rest falls back.
    const content = { ...d.content, ui: { start: { ar: "ابدأ الإجابة" }, next: { ar: "التالي" } } };
    content.items = content.items.map((i) => (i.key === "omrade" ? { ...i, text: { ...i.text, ar: "في أي منطقة تسكن؟" } } : i));
    await t.db
      .updateTable("survey_definitions")
      .set({ content: JSON.stringify(content) })
      .where("id", "=", d.id)
      .execute();
    const s = await makeSurvey(t.db, tenant.id, d.id, { status: "oppen" });
    surveyId = s.id;
    openUrl = `/t/${tenant.slug}/enkat/${s.id}`;
  });
  after(async () => t?.close());

  it("shows the start page in Arabic, right to left, with untranslated texts visibly in Swedish", async () => {
    const r = new Resident(t);
    const res = await r.get(`${openUrl}?lang=ar`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    assert.match(res.body, /<header class="site-header" lang="sv">/, "the frame stays Swedish and says so");
    assert.match(res.body, /ابدأ الإجابة/);
    // The introduction has no Arabic: Swedish, marked and flagged, never a key.
    assert.match(res.body, /<span class="survey-fallback" lang="sv" dir="ltr">Kommunen och Polisen vill veta/);
    assert.match(res.body, /class="survey-fallback-notice"/);
    assert.doesNotMatch(res.body, /surveys\.answer\./);
    // Every language is offered, each link in its own language and direction.
    for (const [l, name] of [
      ["so", "Soomaali"],
      ["fa", "فارسی"],
      ["fi", "Suomi"],
    ])
      assert.match(res.body, new RegExp(`lang="${l}" hreflang="${l}" dir="(ltr|rtl)"[^>]*>${name}<`));
  });

  it("keeps answers page by page, refuses bad input with the input kept, and sends", async () => {
    const r = new Resident(t);
    await r.get(`${openUrl}?lang=ar`);
    const start = await r.post(`${openUrl}/start`, { lang: "ar" });
    assert.equal(start.statusCode, 303);
    assert.equal(start.headers.location, `${openUrl}/sida/1?lang=ar`);
    assert.ok(r.jar.trygg_enkat, "the continuation cookie is set");
    const page1 = await r.get(`${openUrl}/sida/1?lang=ar`);
    assert.equal(page1.statusCode, 200);
    assert.match(page1.body, /<html lang="ar" dir="rtl">/);
    assert.match(page1.body, /في أي منطقة تسكن؟/);
    assert.match(page1.body, new RegExp(`value="${areas[1]!.id}"`), "the tenant's areas are the area question");

    // A number out of range: 400, the page again with the choices kept, nothing stored for the page.
    const bad = await r.post(`${openUrl}/sida/1`, { lang: "ar", "q.omrade": areas[1]!.id, "q.kon": "kvinna", "q.ar_i_omradet": "200", action: "next" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /Skriv ett tal mellan 0 och 99/);
    assert.match(bad.body, new RegExp(`value="${areas[1]!.id}" checked`));
    assert.match(bad.body, /value="200"/);
    const stored0 = await t.db.selectFrom("survey_answers").select("item_key").where("survey_id", "=", surveyId).execute();
    assert.equal(stored0.length, 0);

    const ok = await r.post(`${openUrl}/sida/1`, { lang: "ar", "q.omrade": areas[1]!.id, "q.kon": "kvinna", "q.ar_i_omradet": "12", action: "next" });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `${openUrl}/sida/2?lang=ar`);
    const response = await t.db.selectFrom("survey_responses").selectAll().where("survey_id", "=", surveyId).executeTakeFirstOrThrow();
    assert.equal(response.area_id, areas[1]!.id, "the area answer sets the response's area");
    assert.equal(response.sex, "kvinna");
    assert.equal(response.complete, false, "a partial answer is kept as partial");
    assert.equal(response.answered_on, todayInStockholm());
    assert.equal(response.lang, "ar");

    await r.post(`${openUrl}/sida/2`, { lang: "ar", "q.fortkorning": "mycket_stort", "q.nedskrapning": "vet_ej", action: "next" });
    // Page 3: refraining "ja" makes the conditional question appear on page 4.
    const p3 = await r.post(`${openUrl}/sida/3`, { lang: "ar", "q.otrygg_kvall": "ganska_otrygg", "q.avstatt": "ja", action: "next" });
    assert.equal(p3.headers.location, `${openUrl}/sida/4?lang=ar`);
    const p4 = await r.get(`${openUrl}/sida/4?lang=ar`);
    assert.match(p4.body, /name="q\.avstatt_vad"/);
    await r.post(`${openUrl}/sida/4`, { lang: "ar", "q.avstatt_vad": ["promenad", "noje"], "q.oro_inbrott": "mycket", action: "next" });
    // Back to page 3, change the answer: the conditional answers go away.
    await r.post(`${openUrl}/sida/5`, { lang: "ar", action: "back" });
    const changed = await r.post(`${openUrl}/sida/3`, { lang: "ar", "q.otrygg_kvall": "ganska_otrygg", "q.avstatt": "nej", action: "next" });
    assert.equal(changed.headers.location, `${openUrl}/sida/4?lang=ar`);
    const multi = await t.db
      .selectFrom("survey_answers")
      .select("option_key")
      .where("survey_id", "=", surveyId)
      .where("item_key", "=", "avstatt_vad")
      .execute();
    assert.deepEqual(multi, [], "answers to a question that is no longer shown are removed");
    const p4b = await r.get(`${openUrl}/sida/4?lang=ar`);
    assert.doesNotMatch(p4b.body, /name="q\.avstatt_vad"/);
    await r.post(`${openUrl}/sida/4`, { lang: "ar", "q.oro_inbrott": "mycket", action: "next" });
    await r.post(`${openUrl}/sida/5`, { lang: "ar", "q.utsatt_stold": "ja", action: "next" });
    await r.post(`${openUrl}/sida/6`, { lang: "ar", "q.polis_synlig": "inte_alls", action: "next" });

    // Free text with a phone number: asked to rephrase, the text kept, nothing stored.
    const phone = await r.post(`${openUrl}/sida/7`, { lang: "ar", "q.fritext": "Ring mig på 070-123 45 67 om belysningen", action: "submit" });
    assert.equal(phone.statusCode, 400);
    assert.match(phone.body, /personuppgifter \(070-123 45 67\)/);
    assert.match(phone.body, /Ring mig på 070-123 45 67 om belysningen<\/textarea>/);
    assert.equal((await t.db.selectFrom("survey_answers").select("item_key").where("item_key", "=", "fritext").execute()).length, 0);

    const sent = await r.post(`${openUrl}/sida/7`, { lang: "ar", "q.fritext": "Mörkt vid stationen på kvällen.", action: "submit" });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `${openUrl}/tack?lang=ar`);
    assert.equal(r.jar.trygg_enkat, undefined, "the continuation cookie is cleared");
    const done = await t.db.selectFrom("survey_responses").selectAll().where("id", "=", response.id).executeTakeFirstOrThrow();
    assert.equal(done.complete, true);
    // Every answer carries the response's stratum (aggregation groups answers without a join).
    const strata = await t.db.selectFrom("survey_answers").select(["area_id", "sex"]).distinct().where("response_id", "=", response.id).execute();
    assert.deepEqual(strata, [{ area_id: areas[1]!.id, sex: "kvinna" }]);
    assert.equal(done.resume_hash, null, "nothing is left that could reopen the response");

    // Sent again (back button): the answers are in, and it says so.
    const again = await r.post(`${openUrl}/sida/7`, { lang: "ar", "q.fritext": "Igen", action: "submit" });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Dina svar är redan inskickade/);
  });

  it("stores no address, no account and no time of day with a response", async () => {
    const columns = await t.db
      .selectFrom("information_schema.columns" as never)
      .select(["table_name" as never, "column_name" as never, "data_type" as never])
      .where("table_name" as never, "in", ["survey_responses", "survey_answers"] as never)
      .execute();
    const cols = columns as unknown as Array<{ table_name: string; column_name: string; data_type: string }>;
    assert.ok(cols.length > 10);
    for (const c of cols) {
      assert.doesNotMatch(c.column_name, /ip|user|actor|created_by|code/i, `${c.table_name}.${c.column_name}`);
      assert.doesNotMatch(c.data_type, /timestamp|time/, `${c.table_name}.${c.column_name} must not hold a time of day`);
    }
  });

  it("refuses a used one-time code kindly, and never links a code to the answer it opened", async () => {
    const d = await makeDefinition(t.db, tenant.id);
    const s = await makeSurvey(t.db, tenant.id, d.id, { status: "utkast", requiresCode: true });
    await t.db.updateTable("surveys").set({ status: "oppen" }).where("id", "=", s.id).execute();
    const admin = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    const staffUrl = `/t/${tenant.slug}/arbete/trygghetsmatning/${s.id}/koder`;
    const form = await t.app.inject({ method: "GET", url: staffUrl, cookies: admin });
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const jar = { ...admin, ...Object.fromEntries(form.cookies.map((c) => [c.name, c.value])) };
    const made = await t.app.inject({
      method: "POST",
      url: staffUrl,
      cookies: jar,
      payload: new URLSearchParams({ _csrf: token, count: "3", frame: "" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(made.statusCode, 200);
    const codes = [...made.body.matchAll(/class="survey-letter__code">([A-Z2-9]{4}-[A-Z2-9]{4})</g)].map((m) => m[1]!);
    assert.equal(codes.length, 3);
    const stored = await t.db.selectFrom("survey_codes").selectAll().where("survey_id", "=", s.id).execute();
    assert.equal(stored.length, 3);
    for (const c of stored) assert.ok(!codes.some((code) => c.code_hash.includes(code.replace("-", ""))), "only hashes are stored");

    const url = `/t/${tenant.slug}/enkat/${s.id}`;
    const r = new Resident(t);
    await r.get(url);
    const missing = await r.post(`${url}/start`, { lang: "sv", code: "" });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Skriv koden från brevet/);
    const wrong = await r.post(`${url}/start`, { lang: "sv", code: "AAAA-BBBB" });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Vi hittar inte koden/);
    const ok = await r.post(`${url}/start`, { lang: "sv", code: codes[0]!.toLowerCase().replace("-", " ") });
    assert.equal(ok.statusCode, 303, "a code is accepted in lower case with a space");
    const burnt = await t.db
      .selectFrom("survey_codes")
      .select(["used", "created_at", "updated_at"])
      .where("survey_id", "=", s.id)
      .where("used", "=", true)
      .execute();
    assert.equal(burnt.length, 1);
    assert.equal(burnt[0]!.updated_at, burnt[0]!.created_at, "burning a code changes no date");

    const twice = new Resident(t);
    await twice.get(url);
    const used = await twice.post(`${url}/start`, { lang: "sv", code: codes[0]! });
    assert.equal(used.statusCode, 409);
    assert.match(used.body, /Koden har redan använts/);
    assert.equal((await t.db.selectFrom("survey_responses").select("id").where("survey_id", "=", s.id).execute()).length, 1, "no second response");

    // The same codes can come as a file for a printing house instead (made anew: shown once).
    const file = await t.app.inject({
      method: "POST",
      url: staffUrl,
      cookies: jar,
      payload: new URLSearchParams({ _csrf: token, count: "2", frame: "", format: "csv" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers["content-disposition"]), /attachment; filename="engangskoder-\d{4}\.csv"/);
    const fileRows = file.body.trim().split("\r\n");
    assert.equal(fileRows.length, 3);
    assert.match(fileRows[1]!, new RegExp(`^[A-Z2-9]{4}-[A-Z2-9]{4},http://[^,]+/enkat/${s.id}\\?kod=[A-Z2-9]{4}-[A-Z2-9]{4},,,$`));
  });

  it("says a closed or not yet open survey is so, and keeps what came in", async () => {
    const d = await makeDefinition(t.db, tenant.id);
    const ended = await makeSurvey(t.db, tenant.id, d.id, {
      status: "oppen",
      fieldFrom: shiftDays(todayInStockholm(), -40),
      fieldTo: shiftDays(todayInStockholm(), -1),
    });
    await addResponses(t.db, tenant.id, ended, d.content, [{ area: areas[0]!.id, values: { fortkorning: "inget" } }]);
    const r = new Resident(t);
    await r.get(openUrl); // a page with a form, as the resident had open before the survey closed
    const page = await r.get(`/t/${tenant.slug}/enkat/${ended.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Enkäten är stängd/);
    assert.doesNotMatch(page.body, /\/start"/, "no form to start");
    const post = await r.post(`/t/${tenant.slug}/enkat/${ended.id}/start`, { lang: "sv" });
    assert.equal(post.statusCode, 409);
    assert.match(post.body, /Enkäten är stängd/);
    assert.equal((await t.db.selectFrom("survey_responses").select("id").where("survey_id", "=", ended.id).execute()).length, 1);

    const later = await makeSurvey(t.db, tenant.id, d.id, {
      status: "oppen",
      fieldFrom: shiftDays(todayInStockholm(), 5),
      fieldTo: shiftDays(todayInStockholm(), 30),
    });
    const soon = await r.get(`/t/${tenant.slug}/enkat/${later.id}?lang=en`);
    assert.match(soon.body, /The survey opens on/);

    const draft = await makeSurvey(t.db, tenant.id, d.id, {});
    assert.equal((await r.get(`/t/${tenant.slug}/enkat/${draft.id}`)).statusCode, 404, "a draft does not exist for residents");
  });

  it("invites residents on the start page and the results page while a survey is open", async () => {
    const start = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}` });
    assert.match(start.body, new RegExp(`href="${openUrl}"`));
    const results = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning` });
    assert.match(results.body, new RegExp(`href="${openUrl}\\?lang=ar" lang="ar"`));
  });
  it("keeps no address or time of a resident's requests in the log (only failures are logged)", async () => {
    const answering = t.logs.filter((l) => JSON.stringify(l).includes("/enkat/"));
    assert.deepEqual(answering, [], "no log line for the answering pages");
    // The capture works: another public page is logged with the client's address.
    await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning`, remoteAddress: "10.11.0.1" });
    assert.ok(t.logs.some((l) => JSON.stringify(l).includes("10.11.0.1")));
  });
});
