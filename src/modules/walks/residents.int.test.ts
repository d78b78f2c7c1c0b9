// Residents' writes without an account: sign-ups and förmöte viewpoints are public writes,
// limited per address (a clear Swedish answer when it is too many), closed when the walk no
// longer takes them, and never make a draft walk visible.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeTenant } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { makeWalk } from "./testing.ts";

describe("residents' sign-ups and viewpoints", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };

  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "3" } });
    tenant = await makeTenant(t.db);
  });
  after(async () => t?.close());

  const post = (url: string, payload: unknown, ip = "203.0.113.9") =>
    t.app.inject({ method: "POST", url, payload: JSON.stringify(payload), headers: { "content-type": "application/json" }, remoteAddress: ip });

  it("limits public writes per address, with a message in Swedish and English", async () => {
    const { walk } = await makeWalk(t.db, tenant.id, { status: "inbjudan", cap: 50 });
    const url = `/api/t/${tenant.slug}/walks/${walk.id}/viewpoints`;
    for (let i = 0; i < 3; i++) assert.equal((await post(url, { lat: 56.4, lon: 14.3, body: `Mörkt vid torget ${i}` })).statusCode, 201);
    const limited = await post(url, { lat: 56.4, lon: 14.3, body: "En till" });
    assert.equal(limited.statusCode, 429);
    assert.match(JSON.parse(limited.body).error.message, /För många förfrågningar/);
    assert.equal((await post(url, { lat: 56.4, lon: 14.3, body: "Från en annan adress" }, "203.0.113.10")).statusCode, 201);
    assert.equal((await t.db.selectFrom("walk_viewpoints").select("id").where("walk_id", "=", walk.id).execute()).length, 4);
  });

  it("closes viewpoints when the walk has started and sign-ups when it is over", async () => {
    const { walk } = await makeWalk(t.db, tenant.id, { status: "inbjudan", daysFromNow: -1 });
    const vp = await post(`/api/t/${tenant.slug}/walks/${walk.id}/viewpoints`, { lat: 56.4, lon: 14.3, body: "För sent" }, "198.51.100.1");
    assert.equal(vp.statusCode, 409);
    assert.match(JSON.parse(vp.body).error.message, /inte längre att skicka synpunkter/);
    const su = await post(`/api/t/${tenant.slug}/walks/${walk.id}/signups`, {}, "198.51.100.2");
    assert.equal(su.statusCode, 409);
    assert.equal(JSON.parse(su.body).error.code, "signup_closed");
  });

  it("keeps a draft walk invisible to residents (page, PDF, API, writes)", async () => {
    const { walk } = await makeWalk(t.db, tenant.id, { status: "utkast" });
    for (const url of [`/t/${tenant.slug}/vandringar/${walk.id}`, `/t/${tenant.slug}/vandringar/${walk.id}.pdf`, `/api/t/${tenant.slug}/walks/${walk.id}`])
      assert.equal((await t.app.inject({ method: "GET", url })).statusCode, 404, url);
    assert.equal((await post(`/api/t/${tenant.slug}/walks/${walk.id}/signups`, {}, "198.51.100.3")).statusCode, 404);
    const list = JSON.parse((await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/walks` })).body);
    assert.ok(!list.walks.some((w: { id: string }) => w.id === walk.id));
  });

  it("has no PDF before the protocol is published", async () => {
    const { walk } = await makeWalk(t.db, tenant.id, { status: "genomford", daysFromNow: -1 });
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${walk.id}.pdf` })).statusCode, 404);
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${walk.id}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Protokollet med åtgärdslistan publiceras här när det är klart/);
  });
});
