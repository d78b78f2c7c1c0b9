// CSRF tokens are bound to the session they were made in: a token (with its cookie) taken from
// one person's session, or from before signing in, is refused in another session — so a token an
// attacker obtains for themselves, or plants before the victim signs in, is worth nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SESSION_COOKIE } from "../auth/session.ts";
import { csrfFor, sessionCookie } from "../testing/auth.ts";
import { makeTenant, makeUser, TEST_PASSWORD } from "../testing/factories.ts";
import { createTestApp, type TestApp } from "../testing/harness.ts";

describe("CSRF tokens bound to the session", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let a: Record<string, string>;
  let b: Record<string, string>;
  let bEmail: string;
  let action: string;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    a = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    const userB = await makeUser(t.db, tenant.id, "samordnare");
    bEmail = userB.email;
    b = await sessionCookie(t.db, userB.id);
    action = `/t/${tenant.slug}/arbete/medborgarloften`;
  });
  after(async () => t?.close());

  const post = (cookies: Record<string, string>, token: string) =>
    t.app.inject({
      method: "POST",
      url: action,
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: token, title: "" }).toString(),
    });

  it("accepts a session's own token (the form is then validated: 400)", async () => {
    const own = await csrfFor(t.app, `/t/${tenant.slug}/arbete`, b);
    assert.equal((await post(own.cookies, own.token)).statusCode, 400);
  });

  it("refuses user A's token, with A's CSRF cookie, in user B's session", async () => {
    const fromA = await csrfFor(t.app, `/t/${tenant.slug}/arbete`, a);
    assert.equal((await post(fromA.cookies, fromA.token)).statusCode, 400, "A's token works for A");
    const planted = { ...fromA.cookies, [SESSION_COOKIE]: b[SESSION_COOKIE]! };
    const res = await post(planted, fromA.token);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /formulär|form/i);
  });

  it("refuses a token from before signing in once signed in", async () => {
    const anon = await csrfFor(t.app, "/logga-in");
    const login = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      cookies: anon.cookies,
      remoteAddress: "10.11.0.1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ email: bEmail, password: TEST_PASSWORD, _csrf: anon.token }).toString(),
    });
    assert.equal(login.statusCode, 303);
    const jar = { ...anon.cookies };
    for (const c of login.cookies) jar[c.name] = c.value;
    assert.ok(jar[SESSION_COOKIE]);
    assert.equal((await post(jar, anon.token)).statusCode, 403, "the pre-sign-in token is dead");
    const fresh = await csrfFor(t.app, `/t/${tenant.slug}/arbete`, jar);
    assert.equal((await post(fresh.cookies, fresh.token)).statusCode, 400, "a token from the new session works");
  });
});
