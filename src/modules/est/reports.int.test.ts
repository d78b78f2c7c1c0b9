// Partner reports through the pages and the API: the phone form, every refusal with its message
// (nothing stored), personal-data screening, who sees whose reports, corrections within 7 days,
// the coordinator's review with its history, duplicates, and the CSV upload.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { csrfFor } from "../../platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { localInputValue } from "./domain/time.ts";
import { estWorld, makeReport, type TestPerson } from "./testing.ts";
import { msAgo, msFromNow } from "../../platform/testing/clock.ts";

type World = Awaited<ReturnType<typeof estWorld>>;

describe("EST reports", () => {
  let t: TestApp;
  let w: World;
  let base: string;

  before(async () => {
    t = await createTestApp();
    w = await estWorld(t.db);
    base = `/t/${w.tenant.slug}/arbete/est`;
  });
  after(async () => t?.close());

  async function post(url: string, who: TestPerson, fields: Record<string, string | string[]>, page = `${base}/rapportera`) {
    const { token, cookies } = await csrfFor(t.app, page, who.cookies);
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    form.set("_csrf", token);
    return t.app.inject({ method: "POST", url, cookies, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: form.toString() });
  }

  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("est_reports")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("tenant_id", "=", w.tenant.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  function report(over: Record<string, string> = {}) {
    return {
      occurred_at: localInputValue(msAgo(2 * 3_600_000)),
      place_id: w.places.park.id,
      setting: "utomhus",
      category: "klotter",
      description: "Nytt klotter på elskåpet vid gångvägen.",
      assessment: "ja",
      people: "",
      ...over,
    };
  }

  it("stores a report from the phone form with its SWEREF 99 TM coordinates and history", async () => {
    const before = await count();
    const res = await post(`${base}/rapportera`, w.people.rapportorA, report());
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(await count(), before + 1);
    const row = await t.db.selectFrom("est_reports").selectAll().where("tenant_id", "=", w.tenant.id).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    assert.equal(row.organisation_id, w.orgA.id);
    assert.equal(row.reporter_id, w.people.rapportorA.id);
    assert.equal(row.place_name, "Testparken");
    assert.ok(row.n > 6_200_000 && row.n < 6_300_000 && row.e > 430_000 && row.e < 460_000, `${row.n}, ${row.e}`);
    assert.equal(res.headers.location, `${base}/rapporter/${row.id}`);
    const events = await t.db.selectFrom("est_report_events").select("action").where("document_id", "=", row.id).execute();
    assert.deepEqual(
      events.map((e) => e.action),
      ["created"],
    );
  });

  it("a pin without a named place is described by the nearest place; a span is stored as from–to", async () => {
    const from = msAgo(5 * 3_600_000);
    const res = await post(
      `${base}/rapportera`,
      w.people.rapportorA,
      report({
        place_id: "",
        lat: String(w.centre.lat + 0.0031),
        lon: String(w.centre.lon + 0.0041),
        occurred_at: localInputValue(from),
        occurred_to: localInputValue(new Date(from.getTime() + 3_600_000)),
      }),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const row = await t.db.selectFrom("est_reports").selectAll().where("tenant_id", "=", w.tenant.id).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    assert.equal(row.place_id, null);
    assert.match(row.place_name ?? "", /Testparken/);
    assert.ok(row.occurred_to);
  });

  const refusals: Array<[string, Record<string, string>, RegExp]> = [
    ["a time in the future", { occurred_at: localInputValue(msFromNow(3 * 3_600_000)) }, /Tiden ligger i framtiden/],
    ["an end before the start", { occurred_to: localInputValue(msAgo(5 * 3_600_000)) }, /Sluttiden ligger före starttiden/],
    ["a time that cannot be read", { occurred_at: "igår kväll" }, /Tiden går inte att läsa/],
    ["no time at all", { occurred_at: "" }, /Ange när det hände/],
    ["a pin in another municipality", { place_id: "", lat: "56.1438", lon: "13.7589" }, /utanför Osby kommun, i Hässleholms kommun/],
    ["a pin outside Sweden", { place_id: "", lat: "55.6761", lon: "12.5683" }, /inte i Sverige/],
    ["no place", { place_id: "", lat: "", lon: "" }, /Välj en plats eller ange var det hände/],
    ["an unknown category", { category: "ufo" }, /Kategorin ”ufo” finns inte i kommunens EST-lista/],
    ["no setting", { setting: "" }, /Välj utomhus eller gemensamt utrymme/],
    ["an unknown place id", { place_id: "6f1c2b7e-8d4a-4e0b-9c3f-1a2b3c4d5e6f" }, /Platsen finns inte i kommunen/],
    ["a phone number in the text", { description: "Ring mig på 070-123 45 67 om det händer igen." }, /<li>070-123 45 67: telefonnummer<\/li>/],
    [
      "a personnummer in the text",
      { description: "Det var 19811218-9876 som gjorde det." },
      /<mark>19811218-9876<\/mark>[\s\S]*<li>19811218-9876: personnummer<\/li>/,
    ],
    ["an e-mail address", { description: "Mejla kalle@example.com" }, /<li>kalle@example.com: e-postadress<\/li>/],
  ];
  for (const [what, over, message] of refusals) {
    it(`refuses ${what} with a clear Swedish message, and stores nothing`, async () => {
      const before = await count();
      const res = await post(`${base}/rapportera`, w.people.rapportorA, report(over));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, message);
      assert.match(res.body, /class="error-summary"/);
      assert.equal(await count(), before);
      // The person's input is still in the form.
      if (over.description) assert.ok(res.body.includes(over.description.slice(0, 12)));
    });
  }

  it("a likely name can be confirmed as not a person; a certain finding cannot", async () => {
    const text = "Gänget vid Anna Lindqvist hänger kvar sent.";
    const first = await post(`${base}/rapportera`, w.people.rapportorA, report({ description: text }));
    assert.equal(first.statusCode, 400);
    assert.match(first.body, /kan vara namn på personer/);
    // The checkbox is sent with the report form (it sits inside it).
    assert.match(first.body, /<form method="post" action="[^"]*\/rapportera"(?:(?!<\/form>)[\s\S])*name="confirm_not_names" value="Anna Lindqvist"/);
    const before = await count();
    const again = await post(`${base}/rapportera`, w.people.rapportorA, { ...report({ description: text }), confirm_not_names: "Anna Lindqvist" });
    assert.equal(again.statusCode, 303, again.body.slice(0, 300));
    assert.equal(await count(), before + 1);

    // A correction does not ask again about the name the saved text has; a new likely name is asked about.
    const url = again.headers.location as string;
    const saved = await t.db
      .selectFrom("est_reports")
      .select("version")
      .where("id", "=", url.split("/").at(-1) as string)
      .executeTakeFirstOrThrow();
    const corrected = await post(url, w.people.rapportorA, { ...report({ description: text, people: "2-4" }), version: String(saved.version) }, url);
    assert.equal(corrected.statusCode, 303, corrected.body.slice(0, 300));
    const newName = await post(
      url,
      w.people.rapportorA,
      { ...report({ description: `${text} Sen kom Erik Johansson dit.` }), version: String(saved.version + 1) },
      url,
    );
    assert.equal(newName.statusCode, 400);
    assert.match(newName.body, /value="Erik Johansson"/);
    assert.doesNotMatch(newName.body, /value="Anna Lindqvist"/);
  });

  it("the API takes the same report as JSON and refuses personal data with 422", async () => {
    const { token, cookies } = await csrfFor(t.app, `${base}/rapportera`, w.people.rapportorB.cookies);
    void token;
    const ok = await t.app.inject({
      method: "POST",
      url: `/api/t/${w.tenant.slug}/est/reports`,
      cookies,
      payload: { ...report({ occurred_at: msAgo(3_600_000).toISOString() }), place_id: w.places.school.id },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().place_name, "Testskolan");
    const bad = await t.app.inject({
      method: "POST",
      url: `/api/t/${w.tenant.slug}/est/reports`,
      cookies,
      payload: { ...report(), description: "ring 0701234567" },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.code, "personal_data");
    assert.match(bad.json().error.message, /telefonnummer/);
    assert.match(bad.json().error.message_en, /phone number/);
    const future = await t.app.inject({
      method: "POST",
      url: `/api/t/${w.tenant.slug}/est/reports`,
      cookies,
      payload: { ...report(), occurred_at: msFromNow(86_400_000).toISOString() },
    });
    assert.equal(future.statusCode, 400);
    assert.match(JSON.stringify(future.json().error.fields), /framtiden/);
  });

  it("a reporter sees their own organisation's reports only; another organisation's report does not exist for them", async () => {
    const other = await makeReport(t.db, w.tenant.id, {
      organisationId: w.orgB.id,
      reporterId: w.people.rapportorB.id,
      description: "Organisation B:s rapport",
    });
    const own = await makeReport(t.db, w.tenant.id, {
      organisationId: w.orgA.id,
      reporterId: w.people.rapportorA2.id,
      description: "Organisation A:s rapport",
    });
    assert.equal((await t.app.inject({ method: "GET", url: `${base}/rapporter/${other.id}`, cookies: w.people.rapportorA.cookies })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `${base}/rapporter/${own.id}`, cookies: w.people.rapportorA.cookies })).statusCode, 200);
    const list = await t.app.inject({ method: "GET", url: `${base}/rapporter`, cookies: w.people.rapportorA.cookies });
    assert.match(list.body, /Du ser din organisations rapporter och dina egna/);
    assert.ok(list.body.includes(own.id) && !list.body.includes(other.id));
    const api = await t.app.inject({ method: "GET", url: `/api/t/${w.tenant.slug}/est/reports`, cookies: w.people.rapportorA.cookies });
    assert.ok(!api.body.includes(other.id));
    // Coordinators, the police and readers see all.
    for (const p of [w.people.samordnare, w.people.polis, w.people.lasare])
      assert.equal((await t.app.inject({ method: "GET", url: `${base}/rapporter/${other.id}`, cookies: p.cookies })).statusCode, 200);
    // The tenant may let reporters see every organisation's reports.
    const { saveSettings } = await import("../../platform/tenancy/settings.ts");
    const { EstSettings } = await import("./settings.ts");
    await saveSettings(t.db, w.tenant.id, "est", EstSettings, { reportersSeeAll: true });
    assert.equal((await t.app.inject({ method: "GET", url: `${base}/rapporter/${other.id}`, cookies: w.people.rapportorA.cookies })).statusCode, 200);
    await saveSettings(t.db, w.tenant.id, "est", EstSettings, { reportersSeeAll: false });
  });

  it("the reporter corrects their own report within 7 days; the change is in the history; after 7 days it is refused", async () => {
    const r = await makeReport(t.db, w.tenant.id, { organisationId: w.orgA.id, reporterId: w.people.rapportorA.id, at: msAgo(3_600_000) });
    const url = `${base}/rapporter/${r.id}`;
    const res = await post(
      url,
      w.people.rapportorA,
      { ...report({ category: "skadegorelse", description: "Rättat: sönderslagen ruta." }), version: String(r.version) },
      url,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const page = await t.app.inject({ method: "GET", url, cookies: w.people.rapportorA.cookies });
    assert.match(page.body, /Rättad/);
    assert.match(page.body, /kategori: Klotter → Skadegörelse/);
    // A stale version: the person's input is kept and nothing is saved.
    const stale = await post(url, w.people.rapportorA, { ...report({ description: "Gammal version" }), version: String(r.version) }, url);
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Någon annan har ändrat detta/);
    assert.ok(stale.body.includes("Gammal version"));
    // Another reporter of the same organisation may read but not correct it.
    const someoneElse = await post(url, w.people.rapportorA2, { ...report(), version: "2" }, url);
    assert.equal(someoneElse.statusCode, 403);
    // Older than 7 days: no longer the reporter's to correct.
    await t.db
      .updateTable("est_reports")
      .set({ created_at: msAgo(8 * 86_400_000) })
      .where("id", "=", r.id)
      .execute();
    const late = await post(url, w.people.rapportorA, { ...report(), version: "2" }, `${base}/rapportera`);
    assert.equal(late.statusCode, 403);
    assert.match(late.body, /inte behörighet/);
  });

  it("the coordinator reviews, recategorises with a reason, merges a duplicate and undoes it — each in the history", async () => {
    const a = await makeReport(t.db, w.tenant.id, { organisationId: w.orgA.id, category: "klotter" });
    const b = await makeReport(t.db, w.tenant.id, { organisationId: w.orgB.id, category: "klotter", lat: 56.38065, lon: 13.99345 });
    const url = `${base}/rapporter/${b.id}`;
    const page = await t.app.inject({ method: "GET", url, cookies: w.people.samordnare.cookies });
    assert.ok(page.body.includes(`value="${a.id}"`), "the nearby report is offered as the original");
    assert.equal((await post(`${url}/granska`, w.people.samordnare, { version: "1" }, url)).statusCode, 303);
    const noReason = await post(`${url}/kategori`, w.people.samordnare, { category: "skadegorelse", reason: "", version: "2" }, url);
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Skriv en motivering/);
    assert.equal(
      (await post(`${url}/kategori`, w.people.samordnare, { category: "skadegorelse", reason: "Fönster krossat, inte klotter.", version: "2" }, url))
        .statusCode,
      303,
    );
    assert.equal((await post(`${url}/sammanfoga`, w.people.samordnare, { into: a.id, version: "3" }, url)).statusCode, 303);
    const merged = await t.db.selectFrom("est_reports").select(["status", "merged_into_id", "category"]).where("id", "=", b.id).executeTakeFirstOrThrow();
    assert.deepEqual(merged, { status: "sammanslagen", merged_into_id: a.id, category: "skadegorelse" });
    const history = await t.app.inject({ method: "GET", url, cookies: w.people.samordnare.cookies });
    for (const s of ["Granskad", "Ny kategori", "Fönster krossat, inte klotter.", "Sammanslagen som dubblett"]) assert.ok(history.body.includes(s), s);
    const original = await t.app.inject({ method: "GET", url: `${base}/rapporter/${a.id}`, cookies: w.people.samordnare.cookies });
    assert.match(original.body, /Dubbletter sammanslagna med denna rapport/);
    // A reporter cannot review.
    assert.equal((await post(`${url}/dela`, w.people.rapportorB, { version: "4" }, `${base}/rapportera`)).statusCode, 403);
    assert.equal((await post(`${url}/dela`, w.people.samordnare, { version: "4" }, url)).statusCode, 303);
    assert.equal((await t.db.selectFrom("est_reports").select("status").where("id", "=", b.id).executeTakeFirstOrThrow()).status, "ny");
  });

  describe("CSV upload", () => {
    async function upload(text: string, organisationId: string, filename = "rapporter.csv") {
      const page = `${base}/rapporter/importera`;
      const { token, cookies } = await csrfFor(t.app, page, w.people.samordnare.cookies);
      const boundary = "----est-test";
      const body = [
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="organisation_id"\r\n\r\n${organisationId}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n`,
        `--${boundary}--\r\n`,
      ].join("");
      return t.app.inject({ method: "POST", url: page, cookies, headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, payload: body });
    }

    it("reads a partner's file with the analysis module's reader: categories by key or name, one report per row", async () => {
      const before = await count();
      const csv = "lat;lon;datum;kategori\n56,3801;13,9950;2024-05-28;Klotter\n56,3811;13,9960;2024-05-29;nedskrapning\n56,3790;13,9940;2024-05-30;Graffiti\n";
      const res = await upload(csv, w.orgB.id);
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      assert.equal(await count(), before + 3);
      const rows = await t.db
        .selectFrom("est_reports")
        .select(["category", "origin", "organisation_id", "assessment"])
        .where("origin", "=", "csv")
        .orderBy("day")
        .execute();
      assert.deepEqual(
        rows.map((r) => r.category),
        ["klotter", "nedskrapning", "klotter"],
      );
      assert.ok(rows.every((r) => r.organisation_id === w.orgB.id && r.assessment === "osakert"));
      // The same file again is refused.
      const again = await upload(csv, w.orgB.id);
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /Samma fil lästes in redan/);
      assert.equal(await count(), before + 3);
    });

    it("all or nothing: a file with bad rows stores nothing and names each row's problem", async () => {
      const before = await count();
      const csv = [
        "lat,lon,ts,category",
        "56.3801,13.9950,2024-05-28T21:00,klotter",
        "56.1438,13.7589,2024-05-28,klotter",
        "56.3801,13.9950,2099-01-01,klotter",
        "56.3801,13.9950,2024-05-28,ufo",
        "x,13.99,2024-05-28,klotter",
        "56.3801,13.9950,,klotter",
      ].join("\n");
      const res = await upload(csv, w.orgA.id, "fel.csv");
      assert.equal(res.statusCode, 400);
      for (const s of [
        "Rad 3: platsen ligger utanför Osby kommun",
        "Rad 4: datumet 2099-01-01 ligger i framtiden",
        "Rad 5: okänd kategori ”ufo”",
        "Rad 6: latitud eller longitud saknas",
        "Rad 7: datum saknas",
      ])
        assert.ok(res.body.includes(s), s);
      assert.equal(await count(), before);
    });

    it("refuses a file without the needed columns, a file that is not text, and no organisation", async () => {
      const noCat = await upload("lat,lon,datum\n56.38,13.99,2024-05-28\n", w.orgA.id, "x.csv");
      assert.equal(noCat.statusCode, 400);
      assert.match(noCat.body, /Kolumner saknas: kategori/);
      const binary = await upload("\u0000\u0001PNG", w.orgA.id, "bild.csv");
      assert.equal(binary.statusCode, 400);
      assert.match(binary.body, /inte en textfil/);
      const noOrg = await upload("lat,lon,datum,kategori\n56.38,13.99,2024-05-28,klotter\n", "");
      assert.equal(noOrg.statusCode, 400);
      assert.match(noOrg.body, /Välj vilken organisations rapporter/);
    });

    it("only coordinators upload", async () => {
      const res = await t.app.inject({ method: "GET", url: `${base}/rapporter/importera`, cookies: w.people.rapportorA.cookies });
      assert.equal(res.statusCode, 403);
    });
  });
});
