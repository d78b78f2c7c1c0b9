// Progress that tells the truth (what residents and staff found): missed periods make a promise
// behind and are named wherever progress is shown; a finished follow-up is dated at the end of
// its period; a verdict against the measurement needs a confirmation; a promise whose period has
// ended is not "current"; residents see no provenance notes. Dates: the real today (the tests
// place documents before, around and after it) and fixed past years.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { pdfText } from "../../platform/testing/pdf-text.ts";
import { dayNumber, isoFromDay, todayInStockholm } from "./domain/progress.ts";
import { insertActivity } from "./repo/activities.ts";
import { makePromiseDocument, postForm } from "./testing.ts";

describe("promises: progress that tells the truth", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let coordinator: Record<string, string>;
  let base: string;
  let api: string;

  const json = (method: "PUT" | "POST", url: string, who: Record<string, string>, body: unknown) =>
    t.app.inject({ method, url, cookies: who, headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ");

  async function activity(promise: { id: string; lineage_id: string }, occurredOn: string) {
    await insertActivity(t.db, tenant.id, {
      promiseId: promise.id,
      lineageId: promise.lineage_id,
      title: "Riktad trafikkontroll",
      description: "",
      occurredOn,
      placeName: null,
      lat: null,
      lon: null,
      outcomes: [],
      createdBy: null,
    });
  }

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    base = `/t/${tenant.slug}/arbete/medborgarloften`;
    api = `/api/t/${tenant.slug}`;
  });
  after(async () => t?.close());

  describe("a monthly target met only in December", () => {
    let docId: string;
    let promise: { id: string; lineage_id: string };

    before(async () => {
      const made = await makePromiseDocument(t.db, tenant.id, {
        status: "publicerat",
        content: { valid_from: "2021-01-01", valid_to: "2021-12-31", signed_on: "2021-01-01", source_note: "Källnotis: utdrag, demodata." },
      });
      docId = made.doc.id;
      promise = made.promise;
      await activity(promise, "2021-12-03");
      await activity(promise, "2021-12-17");
    });

    it("is behind on the staff dashboard, with the missed months named", async () => {
      const res = await t.app.inject({ method: "GET", url: base, cookies: coordinator });
      assert.equal(res.statusCode, 200);
      const behind = text(/<section aria-labelledby="efter">[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? "");
      assert.match(behind, /1 av 12 månader uppfyllda/);
      assert.match(behind, /11 av 12 månader missade: jan–nov 2021/);
      const table = text(/<section aria-labelledby="alla">[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? "");
      assert.match(table, /Ligger efter/);
      assert.doesNotMatch(table, /Enligt plan/);
    });

    it("is behind in the staff start page's widget", async () => {
      const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete`, cookies: coordinator });
      assert.equal(res.statusCode, 200);
      assert.match(text(res.body), /Medborgarlöften som ligger efter.*11 av 12 månader missade: jan–nov 2021/);
      assert.doesNotMatch(res.body, /Inga löften ligger efter just nu/);
    });

    it("names the missed months on the public page, the staff page and in the API", async () => {
      const pub = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${docId}` });
      assert.match(text(pub.body), /11 av 12 månader missade: jan–nov 2021/);
      assert.match(text(pub.body), /Ligger efter/);
      const staff = await t.app.inject({ method: "GET", url: `${base}/${docId}`, cookies: coordinator });
      assert.match(text(staff.body), /11 av 12 månader missade: jan–nov 2021/);
      const dash = (await t.app.inject({ method: "GET", url: `${api}/promises/dashboard`, cookies: coordinator })).json();
      const p = dash.promises.find((x: { id: string }) => x.id === promise.id);
      assert.equal(p.progress.behind, true);
      assert.equal(p.progress.periods_met, 1);
      assert.equal(p.progress.periods_missed, 11);
      assert.deepEqual(p.progress.missed_periods.slice(0, 2), ["2021-01", "2021-02"]);
      assert.equal(p.progress.missed_periods.length, 11);
      const doc = (await t.app.inject({ method: "GET", url: `${api}/promise-documents/${docId}` })).json();
      assert.equal(doc.promises[0].progress.periods_missed, 11);
    });

    it("dates the finished follow-up at the end of its period: page, API and PDF", async () => {
      const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${docId}/uppfoljning` });
      assert.equal(page.statusCode, 200);
      assert.match(text(page.body), /Utfall per 31 december 2021/);
      assert.match(text(page.body), /11 av 12 månader missade: jan–nov 2021/);
      const report = (await t.app.inject({ method: "GET", url: `${api}/promise-documents/${docId}/follow-up-report` })).json();
      assert.equal(report.as_of, "2021-12-31");
      assert.equal(report.promises[0].missed, "11 av 12 månader missade: jan–nov 2021");
      const pdf = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${docId}/uppfoljning.pdf` });
      assert.equal(pdf.statusCode, 200);
      const said = pdfText(pdf.rawPayload);
      assert.match(said, /Utfall per 31 december 2021\./);
      assert.doesNotMatch(said, new RegExp(`Utfall per .*${todayInStockholm().slice(0, 4)}`));
    });

    it("asks for a confirmation before a verdict against the measurement, showing both (form and API)", async () => {
      const url = `${base}/${docId}/uppfoljning`;
      const form = await t.app.inject({ method: "GET", url, cookies: coordinator });
      const version = /name="version\.[0-9a-f-]+" value="(\d+)"/.exec(form.body)?.[1] ?? "1";
      const docVersion = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? "1";
      const fields = {
        version: docVersion,
        [`version.${promise.id}`]: version,
        [`verdict.${promise.id}`]: "uppfyllt",
        [`reason.${promise.id}`]: "Vi gjorde vårt bästa.",
        followup_summary: "",
      };
      const refused = await postForm(t.app, url, url, fields, coordinator);
      assert.equal(refused.statusCode, 400);
      const said = text(refused.body);
      assert.match(
        said,
        /Du har valt ”Uppfyllt”, men det uppmätta utfallet \(1 av 12 månader uppfyllda · totalt 2 riktade trafikkontroller\) ger förslaget ”Delvis uppfyllt”/,
      );
      assert.match(refused.body, new RegExp(`type="checkbox" name="confirm\\.${promise.id}" value="ja"`));
      assert.equal((await t.db.selectFrom("promises").select("verdict").where("id", "=", promise.id).executeTakeFirstOrThrow()).verdict, null);

      const apiRefused = await json("PUT", `${api}/promise-documents/${docId}/promises/${promise.id}/verdict`, coordinator, {
        verdict: "uppfyllt",
        reason: "Vi gjorde vårt bästa.",
        version: Number(version),
      });
      assert.equal(apiRefused.statusCode, 409);
      assert.equal(apiRefused.json().error.code, "against_measurement");
      assert.match(apiRefused.json().error.message, /Delvis uppfyllt/);

      const confirmed = await postForm(t.app, url, url, { ...fields, [`confirm.${promise.id}`]: "ja" }, coordinator);
      assert.equal(confirmed.statusCode, 303);
      const row = await t.db.selectFrom("promises").select(["verdict", "verdict_suggested"]).where("id", "=", promise.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { verdict: "uppfyllt", verdict_suggested: "delvis" });
    });
  });

  it("does not let a promise without activities be marked uppfyllt without a confirmation", async () => {
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id, {
      status: "publicerat",
      content: { valid_from: "2020-01-01", valid_to: "2020-12-31", signed_on: "2020-01-01" },
      promise: { target_quantity: null, target_unit: null, target_period: null },
    });
    const url = `${api}/promise-documents/${doc.id}/promises/${promise.id}/verdict`;
    const refused = await json("PUT", url, coordinator, { verdict: "uppfyllt", reason: "Klart.", version: promise.version });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, "against_measurement");
    assert.match(refused.json().error.message, /inga aktiviteter/);
    const ok = await json("PUT", url, coordinator, { verdict: "uppfyllt", reason: "Klart.", version: promise.version, confirm_against_measurement: true });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().verdict, "uppfyllt");
    // Saying that nothing was fulfilled agrees with no activities: no confirmation needed.
    const other = await makePromiseDocument(t.db, tenant.id, { status: "publicerat", content: { valid_from: "2020-01-01", valid_to: "2020-12-31" } });
    const agreed = await json("PUT", `${api}/promise-documents/${other.doc.id}/promises/${other.promise.id}/verdict`, coordinator, {
      verdict: "ej_uppfyllt",
      reason: "Inget gjordes.",
      version: other.promise.version,
    });
    assert.equal(agreed.statusCode, 200);
  });

  it("dates a running follow-up today", async () => {
    const today = todayInStockholm();
    const { doc } = await makePromiseDocument(t.db, tenant.id, {
      status: "publicerat",
      content: { valid_from: isoFromDay(dayNumber(today) - 30), valid_to: isoFromDay(dayNumber(today) + 30), signed_on: null },
    });
    const report = (await t.app.inject({ method: "GET", url: `${api}/promise-documents/${doc.id}/follow-up-report` })).json();
    assert.equal(report.as_of, today);
  });

  describe("the current promise", () => {
    it("is none when the latest period has ended: the page says so and when, the API gives the latest separately", async () => {
      const lone = await makeTenant(t.db);
      const { doc } = await makePromiseDocument(t.db, lone.id, { status: "publicerat", content: { valid_from: "2021-01-01", valid_to: "2021-12-31" } });
      const page = await t.app.inject({ method: "GET", url: `/t/${lone.slug}/medborgarlofte` });
      assert.equal(page.statusCode, 200);
      const said = text(page.body);
      assert.doesNotMatch(said, /just nu/);
      assert.match(said, /Medborgarlöftets period slutade 31 december 2021\. Något nyare medborgarlöfte är inte publicerat ännu\./);
      const list = (await t.app.inject({ method: "GET", url: `/api/t/${lone.slug}/promise-documents` })).json();
      assert.equal(list.current_id, null);
      assert.equal(list.latest_id, doc.id);
      const current = await t.app.inject({ method: "GET", url: `/api/t/${lone.slug}/promise-documents/current` });
      assert.equal(current.statusCode, 404);
      assert.equal(current.json().error.code, "no_current");
      assert.match(current.json().error.message, /gällde till och med 2021-12-31/);
      const open = (await t.app.inject({ method: "GET", url: `/api/t/${lone.slug}/promises/open-data.json` })).json();
      assert.equal(open.current_id, null);
      assert.equal(open.latest_id, doc.id);
    });

    it("is the one whose period contains today", async () => {
      const live = await makeTenant(t.db);
      const today = todayInStockholm();
      await makePromiseDocument(t.db, live.id, { status: "publicerat", content: { valid_from: "2021-01-01", valid_to: "2021-12-31" } });
      const { doc } = await makePromiseDocument(t.db, live.id, {
        status: "publicerat",
        content: { valid_from: isoFromDay(dayNumber(today) - 10), valid_to: isoFromDay(dayNumber(today) + 300), signed_on: null },
      });
      const page = await t.app.inject({ method: "GET", url: `/t/${live.slug}/medborgarlofte` });
      assert.match(text(page.body), /lovar kommunen och polisen just nu/);
      assert.doesNotMatch(text(page.body), /period slutade/);
      const list = (await t.app.inject({ method: "GET", url: `/api/t/${live.slug}/promise-documents` })).json();
      assert.equal(list.current_id, doc.id);
      assert.equal(list.latest_id, doc.id);
    });
  });

  it("keeps provenance notes off residents' pages and PDF, and on the staff pages", async () => {
    const note = "Trygg-demo: utdrag ur källan, perioden vald av demot.";
    const { doc } = await makePromiseDocument(t.db, tenant.id, {
      status: "uppfoljt",
      content: {
        valid_from: "2019-01-01",
        valid_to: "2019-12-31",
        signed_on: "2019-01-10",
        source_note: note,
        signatories: [
          { name: "", title: "företrädare för kommunen", organisation: "Testkommun", party: "kommunen", signed_on: null },
          { name: "Veronica Gustafsson", title: "kommunpolis", organisation: "Polisen", party: "polisen", signed_on: null },
        ],
      },
    });
    for (const url of [`/t/${tenant.slug}/medborgarlofte/${doc.id}`, `/t/${tenant.slug}/medborgarlofte/${doc.id}/uppfoljning`]) {
      const res = await t.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /Om källan|Trygg-demo|namn ej angivet/, url);
    }
    const pub = text((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${doc.id}` })).body);
    assert.match(pub, /Medborgarlöftets period slutade 31 december 2019\./);
    assert.doesNotMatch(pub, /Något nyare medborgarlöfte/, "newer ones are published");
    assert.match(pub, /Underskrifter .*? företrädare för kommunen, Testkommun\s+Veronica Gustafsson , kommunpolis, Polisen/);
    const pdf = pdfText((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${doc.id}.pdf` })).rawPayload);
    assert.match(pdf, /företrädare för kommunen, Testkommun/);
    assert.doesNotMatch(pdf, /Trygg-demo|namn ej angivet/);
    const staff = await t.app.inject({ method: "GET", url: `${base}/${doc.id}`, cookies: coordinator });
    assert.match(staff.body, /<h2 id="kalla">Om källan<\/h2>/);
    assert.match(staff.body, /Trygg-demo: utdrag ur källan/);
    assert.match(staff.body, /\(namn ej angivet i källan\), företrädare för kommunen/);
  });
});
