// The public promise pages, their PDFs and open data are rendered once per change and then
// answered from the public-answer cache (decision 0015). What must hold: a stored answer is
// served (with an ETag, 304 when the browser has it), and ANY change — an activity logged, a
// document published, a verdict given — is visible on the very next request, also through a
// second instance of the app on the same database. Signed-in people never get the stored page.
import assert from "node:assert/strict";
import { after, before, describe, it, mock } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeOrganisation, makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createSecondInstance, createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import type { App } from "../../platform/http/types.ts";
import { todayInStockholm } from "./domain/progress.ts";
import type { DocumentRow } from "./repo/documents.ts";
import { makePromiseDocument } from "./testing.ts";

type Res = Awaited<ReturnType<App["inject"]>>;

describe("public promise pages are rendered once per change and never served stale", () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  let slug: string;
  let police: Record<string, string>;
  let coordinator: Record<string, string>;
  let policeName: string;
  let current: { doc: DocumentRow; promise: { id: string } };
  let signed: { doc: DocumentRow };
  const today = todayInStockholm();
  const year = Number(today.slice(0, 4));

  const get = (app: App, url: string, headers: Record<string, string> = {}, cookies?: Record<string, string>): Promise<Res> =>
    app.inject({ method: "GET", url, headers: { "accept-language": "sv", ...headers }, ...(cookies ? { cookies } : {}) });

  async function logActivity(app: App, title: string): Promise<void> {
    const res = await app.inject({
      method: "POST",
      url: `/api/t/${slug}/promise-activities`,
      cookies: police,
      payload: { promise_id: current.promise.id, title, occurred_on: today, outcomes: [] },
    });
    assert.equal(res.statusCode, 201, res.body);
  }

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    second = await createSecondInstance(t);
    const tenant = await makeTenant(t.db);
    slug = tenant.slug;
    const org = await makeOrganisation(t.db, tenant.id, "Polisen LPO");
    const policeUser = await makeUser(t.db, tenant.id, "polis", { organisationId: org.id, name: "Petra Polis" });
    policeName = policeUser.name;
    police = await sessionCookie(t.db, policeUser.id);
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    // The current promise covers today; a signed (not yet published) newer one will replace it.
    current = await makePromiseDocument(t.db, tenant.id, {
      status: "publicerat",
      content: { title: "Medborgarlöftet som gäller", valid_from: `${year - 1}-01-01`, valid_to: `${year + 1}-12-31` },
    });
    signed = await makePromiseDocument(t.db, tenant.id, {
      status: "signerat",
      content: { title: "Det nya medborgarlöftet", valid_from: `${year}-01-01`, valid_to: `${year + 1}-12-31` },
    });
  });
  after(async () => {
    await second?.close();
    await t?.close();
  });

  it("stores the page for anonymous visitors: the same bytes again, an ETag, and 304 when the browser has it", async () => {
    const url = `/t/${slug}/medborgarlofte`;
    const before = t.app.publicCache.stats();
    const first = await get(t.app, url);
    const again = await get(t.app, url);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Medborgarlöftet som gäller/);
    assert.equal(again.body, first.body);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(again.headers.etag, etag);
    assert.equal(first.headers["cache-control"], "no-cache");
    assert.equal(t.app.publicCache.stats().hits, before.hits + 1, "the second request is answered from the cache");
    const revalidated = await get(t.app, url, { "if-none-match": etag });
    assert.equal(revalidated.statusCode, 304);
    assert.equal(revalidated.body, "");
    // Nothing of a visitor's session goes into a stored page (no CSRF cookie, no token).
    assert.equal(first.cookies.length, 0);
    assert.doesNotMatch(first.body, /name="_csrf"/);
  });

  it("stores PDFs and open data too", async () => {
    for (const url of [
      `/t/${slug}/medborgarlofte.pdf`,
      `/t/${slug}/medborgarlofte/${current.doc.id}.pdf`,
      `/api/t/${slug}/promises/open-data.json`,
      `/api/t/${slug}/promises/open-data.csv`,
    ]) {
      const before = t.app.publicCache.stats().hits;
      const a = await get(t.app, url);
      const b = await get(t.app, url);
      assert.equal(a.statusCode, 200, url);
      assert.ok(a.rawPayload.equals(b.rawPayload), url);
      assert.equal(t.app.publicCache.stats().hits, before + 1, `${url} from the cache`);
    }
    const json = await get(t.app, `/api/t/${slug}/promises/open-data.json`);
    assert.match(String(json.headers["content-type"]), /^application\/json/);
    assert.equal(JSON.parse(json.body).current_id, current.doc.id);
  });

  it("keys by locale: Swedish and English are stored apart", async () => {
    const sv = await get(t.app, `/t/${slug}/medborgarlofte`);
    const en = await get(t.app, `/t/${slug}/medborgarlofte?lang=en`);
    assert.match(sv.body, /<html lang="sv">/);
    assert.match(en.body, /<html lang="en">/);
    assert.notEqual(sv.headers.etag, en.headers.etag);
  });

  it("shows a logged activity on the next request: pages, PDFs and open data are rendered anew", async () => {
    const urls = {
      page: `/t/${slug}/medborgarlofte`,
      doc: `/t/${slug}/medborgarlofte/${current.doc.id}`,
      followUp: `/t/${slug}/medborgarlofte/${current.doc.id}/uppfoljning`,
      pdf: `/t/${slug}/medborgarlofte/${current.doc.id}.pdf`,
      followUpPdf: `/t/${slug}/medborgarlofte/${current.doc.id}/uppfoljning.pdf`,
      json: `/api/t/${slug}/promises/open-data.json`,
      csv: `/api/t/${slug}/promises/open-data.csv`,
    };
    const before: Record<string, Res> = {};
    for (const [k, u] of Object.entries(urls)) {
      await get(t.app, u);
      before[k] = await get(t.app, u); // now stored
    }
    const title = "Trafikkontroll vid skolan 7f3a";
    await logActivity(t.app, title);
    for (const u of Object.values(urls)) {
      const misses = t.app.publicCache.stats().misses;
      assert.equal((await get(t.app, u)).statusCode, 200, u);
      assert.equal(t.app.publicCache.stats().misses, misses + 1, `${u} is rendered anew`);
    }
    for (const k of ["page", "doc", "json"] as const) {
      const now = await get(t.app, urls[k]);
      assert.match(now.body, new RegExp(title), urls[k]);
      assert.notEqual(now.headers.etag, before[k]!.headers.etag, urls[k]);
    }
    // The CSV and the follow-up count activities.
    for (const k of ["csv", "followUp"] as const) assert.notEqual((await get(t.app, urls[k])).headers.etag, before[k]!.headers.etag, urls[k]);
  });

  it("shows a verdict on the next request", async () => {
    const url = `/t/${slug}/medborgarlofte/${current.doc.id}/uppfoljning`;
    await get(t.app, url);
    assert.doesNotMatch((await get(t.app, url)).body, /Målet nåddes med god marginal/);
    const promise = await t.db.selectFrom("promises").select(["id", "version"]).where("id", "=", current.promise.id).executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/t/${slug}/promise-documents/${current.doc.id}/promises/${promise.id}/verdict`,
      cookies: coordinator,
      payload: { verdict: "uppfyllt", reason: "Målet nåddes med god marginal", version: promise.version, confirm_against_measurement: true },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match((await get(t.app, url)).body, /Målet nåddes med god marginal/);
  });

  it("shows a newly published promise on the next request (and answered 404 before, uncached)", async () => {
    const url = `/t/${slug}/medborgarlofte/${signed.doc.id}`;
    assert.equal((await get(t.app, url)).statusCode, 404);
    assert.equal((await get(t.app, url)).statusCode, 404);
    await get(t.app, `/t/${slug}/medborgarlofte`);
    assert.match((await get(t.app, `/t/${slug}/medborgarlofte`)).body, /Medborgarlöftet som gäller/);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/t/${slug}/promise-documents/${signed.doc.id}/publish`,
      cookies: coordinator,
      payload: { version: signed.doc.version },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await get(t.app, url)).statusCode, 200);
    const page = await get(t.app, `/t/${slug}/medborgarlofte`);
    assert.match(page.body, /<h1[^>]*>[^<]*Det nya medborgarlöftet/, "the newer promise is now the current one");
  });

  it("never serves a stale answer from one instance after a change through another", async () => {
    // The document the activities are logged on (no longer the current one: a newer one was published above).
    const page = `/t/${slug}/medborgarlofte/${current.doc.id}`;
    const json = `/api/t/${slug}/promises/open-data.json`;
    for (const [writer, reader, title] of [
      [t.app, second.app, "Aktivitet via instans A 91c2"],
      [second.app, t.app, "Aktivitet via instans B 5d7e"],
    ] as const) {
      // The reader has the page and the open data stored.
      await get(reader, page);
      await get(reader, json);
      const hits = reader.publicCache.stats().hits;
      assert.doesNotMatch((await get(reader, page)).body, new RegExp(title));
      assert.doesNotMatch((await get(reader, json)).body, new RegExp(title));
      assert.equal(reader.publicCache.stats().hits, hits + 2);
      await logActivity(writer, title);
      assert.match((await get(reader, page)).body, new RegExp(title));
      assert.match((await get(reader, json)).body, new RegExp(title));
    }
  });

  it("sees a change made straight in the database (the version is bumped by triggers, not by the code)", async () => {
    const url = `/t/${slug}/medborgarlofte/${current.doc.id}`;
    await get(second.app, url);
    await get(second.app, url);
    await t.db.updateTable("promises").set({ text: "Ändrad direkt i databasen 44b1" }).where("id", "=", current.promise.id).execute();
    assert.match((await get(second.app, url)).body, /Ändrad direkt i databasen 44b1/);
    await t.db.updateTable("tenants").set({ name: "Nytt namn på kommunen 0e9d" }).where("slug", "=", slug).execute();
    assert.match((await get(second.app, url)).body, /Nytt namn på kommunen 0e9d/);
  });

  it("gives signed-in people a page of their own, never the stored one", async () => {
    const url = `/t/${slug}/medborgarlofte`;
    await get(t.app, url);
    const anonymous = await get(t.app, url);
    const signedIn = await get(t.app, url, {}, police);
    assert.equal(signedIn.statusCode, 200);
    assert.ok(signedIn.body.includes(policeName), "the header names the signed-in person");
    assert.ok(!anonymous.body.includes(policeName));
    assert.equal(signedIn.headers.etag, undefined);
    assert.match(String(signedIn.headers["cache-control"]), /no-store/);
  });

  it("puts the date in the key: progress and the current promise are as of today", async () => {
    const url = `/t/${slug}/medborgarlofte`;
    await get(t.app, url);
    const misses = t.app.publicCache.stats().misses;
    await get(t.app, url);
    assert.equal(t.app.publicCache.stats().misses, misses, "stored today");
    mock.timers.enable({ apis: ["Date"], now: Date.now() + 86_400_000 });
    try {
      await get(t.app, url);
      assert.equal(t.app.publicCache.stats().misses, misses + 1, "tomorrow is rendered anew");
    } finally {
      mock.timers.reset();
    }
  });

  it("answers an unknown municipality with 404 as before", async () => {
    assert.equal((await get(t.app, "/t/finns-inte/medborgarlofte")).statusCode, 404);
    assert.equal((await get(t.app, "/t/finns-inte/medborgarlofte.pdf")).statusCode, 404);
  });
});
