// Forms that keep trust (what staff found): the error summary names and links every field and
// comes first; one submit reports every problem, business rules included; a row number in a
// field name never decides how much is rendered; copying needs a chosen source; drafts can be
// deleted; destructive and public steps are confirmed first (without JavaScript); the
// confirmation after saving is not scrolled out of view by a fragment.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeOrganisation, makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { makePromiseDocument, postForm } from "./testing.ts";

describe("promises: forms that keep trust", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let coordinator: Record<string, string>;
  let police: Record<string, string>;
  let base: string;
  let api: string;
  let orgId: string;

  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ");
  const summary = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
  const docStatus = async (id: string) => (await t.db.selectFrom("promise_documents").select("status").where("id", "=", id).executeTakeFirst())?.status;

  /** Every link of the error summary points at an element of the page. */
  function assertSummaryTargetsExist(html: string): string[] {
    const hrefs = [...summary(html).matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(hrefs.length > 0, "the summary links to its fields");
    for (const id of hrefs) assert.ok(html.includes(`id="${id}"`), `the summary links to #${id}, which exists`);
    return hrefs;
  }

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    orgId = (await makeOrganisation(t.db, tenant.id, "Polisen LPO")).id;
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    police = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "polis", { organisationId: orgId })).id);
    base = `/t/${tenant.slug}/arbete/medborgarloften`;
    api = `/api/t/${tenant.slug}`;
  });
  after(async () => t?.close());

  describe("the error summary", () => {
    it("names each field, links to an element that exists (repeated rows too), comes first in main and is focused on load", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id);
      const res = await postForm(
        t.app,
        `${base}/${doc.id}/redigera`,
        `${base}/${doc.id}`,
        {
          version: String(doc.version),
          title: "",
          valid_from: "2021-01-01",
          valid_to: "2021-12-31",
          party_kommunen: "Testkommun",
          party_polisen: "Polisen",
          "findings.3.text": "ab",
          "findings.3.source": "est",
          "signatories.0.name": "X",
          "signatories.0.title": "KSO",
          "signatories.0.organisation": "",
          "signatories.0.party": "kommunen",
        },
        coordinator,
      );
      assert.equal(res.statusCode, 400);
      assert.match(
        res.body,
        /<main id="main" tabindex="-1">\s*<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-focus-on-load>/,
      );
      assert.match(res.body, /<script type="module" src="\/static\/islands\/focus\.js"><\/script>/);
      const said = text(summary(res.body));
      assert.match(said, /Titel: Skriv minst 3 tecken\./);
      assert.match(said, /Iakttagelse 4: Skriv minst 3 tecken\./);
      assert.match(said, /Undertecknare 1: namn: Skriv minst 2 tecken\./);
      assert.match(said, /Undertecknare 1: organisation: Fältet får inte vara tomt\./);
      const hrefs = assertSummaryTargetsExist(res.body);
      assert.ok(hrefs.includes("f-findings.3.text"));
      assert.ok(said.indexOf("Titel") < said.indexOf("Iakttagelse 4"), "in the order of the form");
    });

    it("links a message on a checkbox group to its first checkbox", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id);
      const res = await postForm(
        t.app,
        `${base}/${doc.id}/lofte/nytt`,
        `${base}/${doc.id}/lofte`,
        { text: "patrullera", owner: "polisen", responsible_organisation_ids: "00000000-0000-4000-8000-000000000000" },
        coordinator,
      );
      assert.equal(res.statusCode, 400);
      assert.match(text(summary(res.body)), /Ansvariga organisationer: En av de valda organisationerna finns inte/);
      assert.deepEqual(assertSummaryTargetsExist(res.body), [`org-${orgId}`]);
    });

    it("names the promise of each follow-up field", async () => {
      const { doc, promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
      const url = `${base}/${doc.id}/uppfoljning`;
      const res = await postForm(
        t.app,
        url,
        url,
        { version: String(doc.version), [`version.${promise.id}`]: "1", [`verdict.${promise.id}`]: "ej_uppfyllt", [`reason.${promise.id}`]: "" },
        coordinator,
      );
      assert.equal(res.statusCode, 400);
      assert.match(text(summary(res.body)), /Löfte 1, Motivering: Skriv en motivering/);
      assertSummaryTargetsExist(res.body);
    });
  });

  describe("all problems in one answer", () => {
    it("reports the activity's date outside the period together with the missing title", async () => {
      const { doc, promise } = await makePromiseDocument(t.db, tenant.id, {
        status: "publicerat",
        content: { valid_from: "2021-01-01", valid_to: "2021-12-31" },
        promise: { owner: "polisen" },
      });
      const res = await postForm(
        t.app,
        `${base}/aktivitet?lofte=${promise.id}`,
        `${base}/aktivitet`,
        { promise_id: promise.id, title: "", occurred_on: "2020-05-01" },
        police,
      );
      assert.equal(res.statusCode, 400);
      const said = text(summary(res.body));
      assert.match(said, /Vad gjordes\?: /);
      assert.match(said, /När\?: Datumet måste ligga inom löftets giltighetsperiod, 2021-01-01 – 2021-12-31\./);
      assertSummaryTargetsExist(res.body);
      assert.equal(doc.status, "publicerat");
    });

    it("reports an owner that is not a party together with the schema's messages", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id);
      const res = await postForm(t.app, `${base}/${doc.id}/lofte/nytt`, `${base}/${doc.id}/lofte`, { text: "", owner: "grannarna" }, coordinator);
      assert.equal(res.statusCode, 400);
      const said = text(summary(res.body));
      assert.match(said, /Löftet: /);
      assert.match(said, /Vem lovar: Välj vem som lovar/);
    });

    it("reports a removed party that still owns promises together with the schema's messages", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id, { promise: { owner: "polisen" } });
      const res = await postForm(
        t.app,
        `${base}/${doc.id}/redigera`,
        `${base}/${doc.id}`,
        { version: String(doc.version), title: "x", valid_from: "2021-01-01", valid_to: "2021-12-31", party_kommunen: "Testkommun", party_polisen: "" },
        coordinator,
      );
      assert.equal(res.statusCode, 400);
      const said = text(summary(res.body));
      assert.match(said, /Titel: Skriv minst 3 tecken\./);
      assert.match(said, /Polisen: Löften ägs fortfarande av en part som du tagit bort \(polisen\)/);
    });
  });

  describe("row numbers in field names", () => {
    it("refuses findings.10000000.text with a small answer and a Swedish message, saving nothing", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id);
      const res = await postForm(
        t.app,
        `${base}/${doc.id}/redigera`,
        `${base}/${doc.id}`,
        {
          version: String(doc.version),
          title: "Medborgarlöfte 2021",
          valid_from: "2021-01-01",
          valid_to: "2021-12-31",
          party_kommunen: "Testkommun",
          party_polisen: "Polisen",
          "findings.10000000.text": "abc",
        },
        coordinator,
      );
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.length < 300_000, `a page of ${res.body.length} bytes`);
      assert.match(text(summary(res.body)), /Lägesbild: Formuläret innehåller rader som inte finns under ”Lägesbild” \(högst 50 rader\)/);
      assertSummaryTargetsExist(res.body);
      const after = await t.db.selectFrom("promise_documents").select(["version", "title"]).where("id", "=", doc.id).executeTakeFirstOrThrow();
      assert.equal(after.version, doc.version);
      const fresh = await postForm(
        t.app,
        `${base}/nytt`,
        base,
        { title: "Nytt 2030", valid_from: "2030-01-01", valid_to: "2030-12-31", party_kommunen: "K", "signatories.99999999.name": "x" },
        coordinator,
      );
      assert.equal(fresh.statusCode, 400);
      assert.ok(fresh.body.length < 300_000);
    });

    it("refuses outcomes.10000000.label on the activity form", async () => {
      const { promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat", promise: { owner: "polisen" } });
      const res = await postForm(
        t.app,
        `${base}/aktivitet?lofte=${promise.id}`,
        `${base}/aktivitet`,
        { promise_id: promise.id, title: "Kontroll", occurred_on: "2021-03-01", "outcomes.10000000.label": "fordon", "outcomes.10000000.value": "3" },
        police,
      );
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.length < 300_000);
      assert.match(text(summary(res.body)), /Utfall: Formuläret innehåller rader som inte finns under ”Utfall” \(högst 10 rader\)/);
    });
  });

  describe("copying last period's promise", () => {
    it("preselects no source, and an untouched submit says what to choose and creates nothing", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
      const page = await t.app.inject({ method: "GET", url: `${base}/nytt`, cookies: coordinator });
      const select = /<select id="f-copy-source_id"[\s\S]*?<\/select>/.exec(page.body)?.[0] ?? "";
      assert.match(select, /<option value="">Välj medborgarlöfte att kopiera<\/option>/);
      assert.doesNotMatch(select, /selected/);
      const count = async () =>
        Number(
          (
            await t.db
              .selectFrom("promise_documents")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const untouched = {
        source_id: "",
        title: /id="f-copy-title"[^>]*value="([^"]*)"/.exec(page.body)?.[1] ?? "",
        valid_from: "2027-01-01",
        valid_to: "2027-12-31",
      };
      const res = await postForm(t.app, `${base}/nytt`, `${base}/kopiera`, untouched, coordinator);
      assert.equal(res.statusCode, 400);
      assert.match(text(summary(res.body)), /Kopiera från: Välj ett medborgarlöfte att kopiera\./);
      assert.deepEqual(assertSummaryTargetsExist(res.body), ["f-copy-source_id"]);
      assert.equal(await count(), before);
      const chosen = await postForm(t.app, `${base}/nytt`, `${base}/kopiera`, { ...untouched, source_id: doc.id }, coordinator);
      assert.equal(chosen.statusCode, 303);
      assert.equal(await count(), before + 1);
    });
  });

  describe("deleting a draft", () => {
    it("asks first, then deletes the draft with its promises and records it; only coordinators, only drafts", async () => {
      const { doc, promise } = await makePromiseDocument(t.db, tenant.id);
      const page = await t.app.inject({ method: "GET", url: `${base}/${doc.id}`, cookies: coordinator });
      assert.match(page.body, new RegExp(`<form method="post" action="${base}/${doc.id}/ta-bort"`));
      const asPolice = await t.app.inject({ method: "GET", url: `${base}/${doc.id}`, cookies: police });
      assert.doesNotMatch(asPolice.body, /Ta bort utkastet/);
      assert.equal((await postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/ta-bort`, { version: "1" }, police)).statusCode, 403);

      const ask = await postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/ta-bort`, { version: "1" }, coordinator);
      assert.equal(ask.statusCode, 200);
      assert.match(text(ask.body), /Vill du ta bort utkastet .* och dess 1 löfte\? Det går inte att ångra\./);
      assert.match(ask.body, /<input type="hidden" name="confirm" value="ja">/);
      assert.equal(await docStatus(doc.id), "utkast", "asking changes nothing");

      const done = await postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/ta-bort`, { version: "1", confirm: "ja" }, coordinator);
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, base);
      assert.equal(await docStatus(doc.id), undefined);
      assert.equal((await t.db.selectFrom("promises").select("id").where("id", "=", promise.id).execute()).length, 0);
      // The deletion's own record (the platform also logs each signed-in write request as "write").
      const audit = await t.db.selectFrom("audit_log").selectAll().where("entity_id", "=", doc.id).where("action", "like", "promise_document.%").execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.action, "promise_document.delete");
      assert.equal((audit[0]!.data as { title: string }).title, doc.title);

      const published = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
      const refused = await postForm(t.app, `${base}/${published.doc.id}`, `${base}/${published.doc.id}/ta-bort`, { version: "1", confirm: "ja" }, coordinator);
      assert.equal(refused.statusCode, 409);
      assert.equal(await docStatus(published.doc.id), "publicerat");
    });

    it("deletes through the API with the version, and keeps a draft whose promises have activities", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id);
      const del = (id: string, query: string) =>
        t.app.inject({
          method: "DELETE",
          url: `${api}/promise-documents/${id}${query}`,
          cookies: coordinator,
          headers: { "content-type": "application/json" },
          payload: "{}",
        });
      assert.equal((await del(doc.id, "")).statusCode, 400);
      const stale = await del(doc.id, "?version=7");
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, "version_conflict");
      assert.equal((await del(doc.id, "?version=1")).statusCode, 204);
      assert.equal(await docStatus(doc.id), undefined);
      const used = await makePromiseDocument(t.db, tenant.id, { activity: true });
      const kept = await del(used.doc.id, "?version=1");
      assert.equal(kept.statusCode, 409);
      assert.equal(kept.json().error.code, "has_activities");
      assert.equal(await docStatus(used.doc.id), "utkast");
    });
  });

  describe("confirmation before public and destructive steps", () => {
    it("publishes only after the confirmation page", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id, { status: "signerat" });
      const ask = await postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/publicera`, { version: "1" }, coordinator);
      assert.equal(ask.statusCode, 200);
      assert.match(text(ask.body), /Vill du publicera .* blir synliga för alla/);
      assert.match(ask.body, new RegExp(`<form method="post" action="${base}/${doc.id}/publicera" class="confirm-form">`));
      assert.equal(await docStatus(doc.id), "signerat");
      const done = await postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/publicera`, { version: "1", confirm: "ja" }, coordinator);
      assert.equal(done.statusCode, 303);
      assert.equal(await docStatus(doc.id), "publicerat");
    });

    it("archives only after the confirmation page, and refuses at once what could not happen", async () => {
      const { doc } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
      const ask = await postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/arkivera`, { version: "1" }, coordinator);
      assert.equal(ask.statusCode, 200);
      assert.equal(await docStatus(doc.id), "publicerat");
      const early = await postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/uppfoljd`, { version: "1" }, coordinator);
      assert.equal(early.statusCode, 409, "no confirmation page for a step that would be refused");
      assert.match(text(early.body), /1 löfte saknar bedömning/);
      const done = await postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/arkivera`, { version: "1", confirm: "ja" }, coordinator);
      assert.equal(done.statusCode, 303);
      assert.equal(await docStatus(doc.id), "arkiverat");
    });

    it("removes a promise and an activity only after their confirmation pages", async () => {
      const { doc, promise } = await makePromiseDocument(t.db, tenant.id);
      const url = `${base}/${doc.id}/lofte/${promise.id}/ta-bort`;
      const ask = await postForm(t.app, `${base}/${doc.id}`, url, { version: "1" }, coordinator);
      assert.equal(ask.statusCode, 200);
      assert.match(text(ask.body), /Vill du ta bort löfte 1/);
      assert.equal((await t.db.selectFrom("promises").select("id").where("id", "=", promise.id).execute()).length, 1);
      assert.equal((await postForm(t.app, `${base}/${doc.id}`, url, { version: "1", confirm: "ja" }, coordinator)).statusCode, 303);
      assert.equal((await t.db.selectFrom("promises").select("id").where("id", "=", promise.id).execute()).length, 0);

      const withActivity = await makePromiseDocument(t.db, tenant.id, { status: "publicerat", activity: true });
      const aurl = `${base}/aktivitet/${withActivity.activityId}/ta-bort`;
      const askActivity = await postForm(t.app, `${base}/${withActivity.doc.id}`, aurl, {}, coordinator);
      assert.equal(askActivity.statusCode, 200);
      assert.match(text(askActivity.body), /Vill du ta bort aktiviteten/);
      const count = async () => (await t.db.selectFrom("promise_activities").select("id").where("id", "=", withActivity.activityId!).execute()).length;
      assert.equal(await count(), 1);
      assert.equal((await postForm(t.app, `${base}/${withActivity.doc.id}`, aurl, { confirm: "ja" }, coordinator)).statusCode, 303);
      assert.equal(await count(), 0);
    });
  });

  it("redirects after saving without a fragment, so the confirmation at the top of main is in view", async () => {
    const { promise } = await makePromiseDocument(t.db, tenant.id, {
      status: "publicerat",
      content: { valid_from: "2021-01-01", valid_to: "2021-12-31" },
      promise: { owner: "polisen" },
    });
    const res = await postForm(
      t.app,
      `${base}/aktivitet?lofte=${promise.id}`,
      `${base}/aktivitet`,
      { promise_id: promise.id, title: "Riktad trafikkontroll", occurred_on: "2021-03-05" },
      police,
    );
    assert.equal(res.statusCode, 303);
    assert.doesNotMatch(String(res.headers.location), /#/);
    const draft = await makePromiseDocument(t.db, tenant.id);
    const added = await postForm(
      t.app,
      `${base}/${draft.doc.id}/lofte/nytt`,
      `${base}/${draft.doc.id}/lofte`,
      { text: "patrullera mer", owner: "polisen" },
      coordinator,
    );
    assert.equal(added.statusCode, 303);
    assert.doesNotMatch(String(added.headers.location), /#/);
  });
});
