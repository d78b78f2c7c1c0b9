import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser, NASTY } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { seedOsby } from "../seed.ts";
import { addTenant } from "./service.ts";

describe("tenants", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it("adds any of the 290 municipalities with name, län and boundary", async () => {
    const r = await addTenant(t.db, { kommunkod: "1293" });
    assert.equal(r.kind, "ok");
    if (r.kind !== "ok") return;
    assert.equal(r.tenant.name, "Hässleholms kommun");
    assert.equal(r.tenant.slug, "hassleholm");
    assert.equal(r.tenant.lan, "Skåne län");
    const again = await addTenant(t.db, { kommunkod: "1293" });
    assert.deepEqual(again, { kind: "exists", slug: "hassleholm" });
    assert.equal((await addTenant(t.db, { kommunkod: "9999" })).kind, "unknownKommunkod");
    const og = await addTenant(t.db, { kommunkod: "1256" });
    assert.equal(og.kind === "ok" && og.tenant.name, "Östra Göinge kommun");
    assert.equal(og.kind === "ok" && og.tenant.slug, "ostra-goinge");
  });

  it("seeds Osby idempotently and serves its public start page", async () => {
    const first = await seedOsby(t.db);
    const second = await seedOsby(t.db);
    assert.equal(first.kind, "seeded");
    assert.equal(second.kind, "alreadySeeded");
    const res = await t.app.inject({ method: "GET", url: "/t/osby" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="sv">/);
    assert.match(res.body, /Osby tätort/);
    assert.match(res.body, /Lönsboda/);
    const en = await t.app.inject({ method: "GET", url: "/t/osby?lang=en" });
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /Safety work in <span lang="sv">Osby kommun<\/span>/);
    const api = await t.app.inject({ method: "GET", url: "/api/t/osby" });
    assert.equal(api.statusCode, 200);
    assert.equal(api.json().areas.length, 3);
    // the regional police LPO serves Osby and (already added) Hässleholm
    const admin = await t.db.selectFrom("users").select("id").where("email", "=", "samordnare@osby.demo").executeTakeFirstOrThrow();
    const orgs = await t.app.inject({ method: "GET", url: "/api/t/osby/organisations", cookies: await sessionCookie(t.db, admin.id) });
    assert.equal(orgs.statusCode, 200);
    const lpo = orgs.json().organisations.find((o: { regional: boolean }) => o.regional);
    assert.equal(lpo?.name, "Polisen, lokalpolisområde Hässleholm");
  });

  it("answers 404 for an unknown tenant, as JSON on the API and as a page for people", async () => {
    const api = await t.app.inject({ method: "GET", url: "/api/t/finns-inte" });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, "not_found");
    assert.match(api.json().error.message_en, /no municipality/);
    const page = await t.app.inject({ method: "GET", url: "/t/finns-inte" });
    assert.equal(page.statusCode, 404);
    assert.match(page.headers["content-type"] as string, /text\/html/);
    assert.match(page.body, /Sidan finns inte/);
  });

  it("escapes tenant names on pages", async () => {
    const tenant = await makeTenant(t.db);
    const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}` });
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes(NASTY));
    assert.match(res.body, /&lt;script&gt;/);
  });

  it("keeps the staff page for staff of the tenant", async () => {
    const a = await makeTenant(t.db);
    const b = await makeTenant(t.db);
    const user = await makeUser(t.db, a.id, "samordnare");
    const cookies = await sessionCookie(t.db, user.id);
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${a.slug}/arbete`, cookies })).statusCode, 200);
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${b.slug}/arbete`, cookies })).statusCode, 404);
    const anon = await t.app.inject({ method: "GET", url: `/t/${a.slug}/arbete` });
    assert.equal(anon.statusCode, 303);
  });

  it("publishes each municipality's accessibility statement with its contact, Digg's report form, the status and the dates", async () => {
    const withMail = await makeTenant(t.db, { name: "Kontaktkommun" });
    await t.db
      .updateTable("tenants")
      .set({ settings: JSON.stringify({ contactEmail: "tillganglighet@kontakt.example" }) })
      .where("id", "=", withMail.id)
      .execute();
    const without = await makeTenant(t.db, { name: "Tystkommun" });

    const own = (await t.app.inject({ method: "GET", url: `/t/${withMail.slug}/tillganglighet` })).body;
    assert.match(own, /<h1>Tillgänglighetsredogörelse<\/h1>/);
    assert.match(own, /Kontaktkommun står bakom Trygg i Kontaktkommun/);
    assert.match(own, /<a href="mailto:tillganglighet@kontakt.example">/);
    assert.match(own, /<a href="https:\/\/www.digg.se\/tdosanmalan">/);
    assert.match(own, /delvis förenlig/);
    assert.match(own, /Innehåll som inte är tillgängligt/);
    assert.match(own, /Kartorna[^<]*tabell eller lista/);
    assert.match(own, /320 pixlars bredd/);
    assert.match(own, /upprättades 25 november 2026 och uppdaterades senast 7 december 2026/);
    // The footer of the municipality's pages links to its own statement.
    assert.match(own, new RegExp(`<li><a href="/t/${withMail.slug}/tillganglighet">Tillgänglighetsredogörelse</a></li>`));

    assert.match((await t.app.inject({ method: "GET", url: `/t/${without.slug}/tillganglighet` })).body, /Tystkommun har inte lagt in någon e-postadress/);
    const en = (await t.app.inject({ method: "GET", url: `/t/${withMail.slug}/tillganglighet?lang=en` })).body;
    assert.match(en, /partially compliant/);

    // The general statement lists every municipality's contact.
    const general = (await t.app.inject({ method: "GET", url: "/tillganglighet" })).body;
    assert.match(general, new RegExp(`<a href="/t/${withMail.slug}/tillganglighet">Kontaktkommun</a>: <a href="mailto:tillganglighet@kontakt.example">`));
    assert.match(general, new RegExp(`<a href="/t/${without.slug}/tillganglighet">Tystkommun</a>: ingen e-postadress angiven`));
    assert.equal((await t.app.inject({ method: "GET", url: "/t/finns-inte/tillganglighet" })).statusCode, 404);
  });
});
