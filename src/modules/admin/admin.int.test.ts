import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser, NASTY } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";

describe("outbox viewer", () => {
  let t: TestApp;
  let sysadminCookies: Record<string, string>;
  let mailId: string;
  before(async () => {
    t = await createTestApp();
    const sysadmin = await makeUser(t.db, null, null, { isSystemAdmin: true });
    sysadminCookies = await sessionCookie(t.db, sysadmin.id);
    const tenant = await makeTenant(t.db);
    mailId = (
      await t.app.deps.mailer.send(t.db, {
        tenantId: tenant.id,
        to: "mottagare@test.example",
        subject: `Ämne ${NASTY}`,
        text: `Hej ${NASTY}\nÖppna http://127.0.0.1/aterstall-losenord?token=abc eller javascript:alert(1)`,
        html: `<p onclick="x()">Hej</p><script>alert(1)</script>`,
      })
    ).id;
  });
  after(async () => t.close());

  it("is for system administrators only", async () => {
    const anon = await t.app.inject({ method: "GET", url: "/admin/outbox" });
    assert.equal(anon.statusCode, 303);
    assert.equal(anon.headers.location, "/logga-in?next=%2Fadmin%2Foutbox");
    const tenant = await makeTenant(t.db);
    const tenantAdmin = await makeUser(t.db, tenant.id, "admin");
    const cookies = await sessionCookie(t.db, tenantAdmin.id);
    assert.equal((await t.app.inject({ method: "GET", url: "/admin/outbox", cookies })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `/admin/outbox/${mailId}`, cookies })).statusCode, 404);
    // The staff start page links system administrators to it, and only them.
    const staff = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete`, cookies });
    assert.ok(!staff.body.includes('href="/admin/outbox"'));
    const staffSys = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete`, cookies: sysadminCookies });
    assert.ok(staffSys.body.includes('href="/admin/outbox"'));
  });

  it("lists stored mail, escaped, newest first", async () => {
    const res = await t.app.inject({ method: "GET", url: "/admin/outbox", cookies: sysadminCookies });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes("mottagare@test.example"));
    assert.ok(res.body.includes(`href="/admin/outbox/${mailId}"`));
    assert.ok(!res.body.includes(NASTY));
    assert.match(res.body, /Ämne &lt;script&gt;/);
    assert.match(res.body, /Sparat, skickas inte/);
    const en = await t.app.inject({ method: "GET", url: "/admin/outbox?lang=en", cookies: sysadminCookies });
    assert.match(en.body, /Mail outbox/);
  });

  it("shows one message as text, with its http links clickable and its HTML only as source", async () => {
    const res = await t.app.inject({ method: "GET", url: `/admin/outbox/${mailId}`, cookies: sysadminCookies });
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes(NASTY));
    assert.ok(!res.body.includes("<script>alert(1)</script>"));
    assert.ok(!res.body.includes('<p onclick="x()">'));
    assert.match(res.body, /&lt;p onclick=&quot;x\(\)&quot;&gt;/);
    assert.match(res.body, /<a href="http:\/\/127\.0\.0\.1\/aterstall-losenord\?token=abc" rel="noreferrer noopener">/);
    assert.ok(!res.body.includes('href="javascript:'));
    assert.equal((await t.app.inject({ method: "GET", url: "/admin/outbox/inte-ett-id", cookies: sysadminCookies })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: "/admin/outbox/00000000-0000-4000-8000-000000000000", cookies: sysadminCookies })).statusCode, 404);
  });

  it("pages through many messages", async () => {
    await t.db
      .insertInto("outbox")
      .values(Array.from({ length: 60 }, (_, i) => ({ to_address: `m${i}@test.example`, subject: `Massutskick ${i}`, body_text: "x" })))
      .execute();
    const first = await t.app.inject({ method: "GET", url: "/admin/outbox", cookies: sysadminCookies });
    assert.match(first.body, /Sida 1 av 2/);
    assert.ok(first.body.includes('href="/admin/outbox?sida=2"'));
    const second = await t.app.inject({ method: "GET", url: "/admin/outbox?sida=2", cookies: sysadminCookies });
    assert.match(second.body, /Sida 2 av 2/);
    assert.equal((await t.app.inject({ method: "GET", url: "/admin/outbox?sida=99", cookies: sysadminCookies })).statusCode, 200);
  });
});
