import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { csrfFor, sessionCookie } from "../../platform/testing/auth.ts";
import { makeUser, NASTY } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { addTenant } from "./service.ts";

describe("named places", () => {
  let t: TestApp;
  let slug: string;
  let samordnare: Record<string, string>;
  let rapportor: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    const r = await addTenant(t.db, { kommunkod: "1273", slug: "osby" });
    assert.equal(r.kind, "ok");
    if (r.kind !== "ok") return;
    slug = r.tenant.slug;
    samordnare = await sessionCookie(t.db, (await makeUser(t.db, r.tenant.id, "samordnare")).id);
    rapportor = await sessionCookie(t.db, (await makeUser(t.db, r.tenant.id, "rapportor")).id);
  });
  after(async () => t?.close());

  async function post(cookies: Record<string, string>, url: string, fields: Record<string, string>) {
    const { token, cookies: jar } = await csrfFor(t.app, `/t/${slug}/arbete/platser`, cookies);
    return t.app.inject({
      method: "POST",
      url,
      cookies: jar,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
  }

  it("lets a coordinator add a place typed with Swedish decimal commas, and shows it to all staff and in the API", async () => {
    const res = await post(samordnare, `/t/${slug}/arbete/platser`, { name: `Stationen ${NASTY}`, kind: "station", lat: "56,3797", lon: "13,9953" });
    assert.equal(res.statusCode, 303);
    const page = await t.app.inject({ method: "GET", url: `/t/${slug}/arbete/platser`, cookies: rapportor });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes("Stationen &lt;script&gt;"));
    assert.ok(!page.body.includes(`action="/t/${slug}/arbete/platser" novalidate`), "rapportören får inget formulär");
    const api = (await t.app.inject({ method: "GET", url: `/api/t/${slug}/places` })).json();
    assert.equal(api.places.length, 1);
    assert.equal(api.places[0].lat, 56.3797);
  });

  it("says what is wrong: missing fields, a taken name, a position in another municipality", async () => {
    const empty = await post(samordnare, `/t/${slug}/arbete/platser`, { name: "", lat: "", lon: "abc" });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /error-summary/);
    const taken = await post(samordnare, `/t/${slug}/arbete/platser`, { name: `Stationen ${NASTY}`, kind: "station", lat: "56.38", lon: "13.99" });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /finns redan en plats/);
    const hassleholm = await post(samordnare, `/t/${slug}/arbete/platser`, { name: "Hässleholm C", kind: "station", lat: "56.1589", lon: "13.7664" });
    assert.equal(hassleholm.statusCode, 400);
    assert.match(hassleholm.body, /Den ligger i Hässleholms kommun/);
    assert.equal((await t.app.inject({ method: "GET", url: `/api/t/${slug}/places` })).json().places.length, 1);
  });

  it("lets only admins and coordinators change places, and removes one only when confirmed", async () => {
    const place = (await t.app.inject({ method: "GET", url: `/api/t/${slug}/places` })).json().places[0];
    assert.equal((await post(rapportor, `/t/${slug}/arbete/platser`, { name: "X", lat: "56.38", lon: "13.99" })).statusCode, 403);
    assert.equal((await post(rapportor, `/t/${slug}/arbete/platser/${place.id}/ta-bort`, { confirm: "on" })).statusCode, 403);
    const unconfirmed = await post(samordnare, `/t/${slug}/arbete/platser/${place.id}/ta-bort`, {});
    assert.equal(unconfirmed.statusCode, 400);
    assert.equal((await t.app.inject({ method: "GET", url: `/api/t/${slug}/places` })).json().places.length, 1);
    assert.equal((await post(samordnare, `/t/${slug}/arbete/platser/${place.id}/ta-bort`, { confirm: "on" })).statusCode, 303);
    assert.equal((await t.app.inject({ method: "GET", url: `/api/t/${slug}/places` })).json().places.length, 0);
  });

  it("adds through the API with bilingual errors", async () => {
    const ok = await t.app.inject({
      method: "POST",
      url: `/api/t/${slug}/places`,
      cookies: samordnare,
      payload: { name: "Lönsboda centrum", kind: "centrum", lat: 56.398, lon: 14.319 },
    });
    assert.equal(ok.statusCode, 201);
    const bad = await t.app.inject({ method: "POST", url: `/api/t/${slug}/places`, cookies: samordnare, payload: { name: "Malmö C", lat: 55.609, lon: 13.0 } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /inte i Osby kommun/);
    assert.match(bad.json().error.message_en, /not in Osby kommun/);
  });
});
