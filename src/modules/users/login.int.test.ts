import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SESSION_COOKIE } from "../../platform/auth/session.ts";
import { makeTenant, makeUser, TEST_PASSWORD } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { signInWithForm, submitForm } from "./testing.ts";

const MAX_FAILURES = 3;

describe("sign in and out", () => {
  let t: TestApp;
  let ipSeq = 1;
  // Each test signs in from its own address so the per-IP rate limit only bites where tested.
  const ip = () => `10.0.0.${ipSeq++}`;
  before(async () => {
    t = await createTestApp({ config: { LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCK_MINUTES: "15", SESSION_HOURS: "8" } });
  });
  after(async () => t.close());

  it("renders an accessible login form with the right autocomplete attributes", async () => {
    const res = await t.app.inject({ method: "GET", url: "/logga-in?tenant=finns-inte&next=/t/x/arbete" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<label for="f-email">E-postadress<\/label>/);
    assert.match(res.body, /<input id="f-email" name="email" type="email"[^>]*autocomplete="email"/);
    assert.match(res.body, /<input id="f-password" name="password" type="password"[^>]*autocomplete="current-password"/);
    assert.match(res.body, /name="next" value="\/t\/x\/arbete"/);
    assert.match(res.body, /href="\/glomt-losenord"/);
    assert.doesNotMatch(res.body, /kommunens inloggning/); // OIDC not configured here
    const en = await t.app.inject({ method: "GET", url: "/logga-in?lang=en" });
    assert.match(en.body, /<label for="f-email">E-mail address<\/label>/);
  });

  it("signs in, sets a safe session cookie and lands on the only tenant's staff page", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    const sentAt = Date.now();
    const res = await signInWithForm(t.app, user.email.toUpperCase(), TEST_PASSWORD, { remoteAddress: ip() });
    const answeredAt = Date.now();
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/t/${tenant.slug}/arbete`);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    assert.ok(cookie, "session cookie set");
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Lax");
    assert.equal(cookie.path, "/");
    assert.ok(!cookie.secure, "not Secure on http");
    // The session ends SESSION_HOURS (8) after the sign-in, which happened between sentAt and
    // answeredAt; the cookie's Expires has whole seconds.
    const expires = (cookie.expires as Date).getTime();
    const hours8 = 8 * 3600_000;
    assert.ok(expires >= Math.floor((sentAt + hours8) / 1000) * 1000 && expires <= answeredAt + hours8, `expires after SESSION_HOURS (got ${cookie.expires})`);
    const rows = await t.db.selectFrom("sessions").selectAll().where("user_id", "=", user.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.auth_method, "password");
    assert.notEqual(rows[0]!.id_hash, cookie.value, "only the hash is stored");
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete`, cookies: res.jar });
    assert.equal(page.statusCode, 200);
  });

  it("returns to a relative next path but never to another site", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "polis");
    const ok = await signInWithForm(t.app, user.email, TEST_PASSWORD, { next: `/t/${tenant.slug}?x=1`, remoteAddress: ip() });
    assert.equal(ok.headers.location, `/t/${tenant.slug}?x=1`);
    for (const evil of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "\t/evil", "/logga-ut"]) {
      const res = await signInWithForm(t.app, user.email, TEST_PASSWORD, { next: evil, remoteAddress: ip() });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/t/${tenant.slug}/arbete`, `next=${JSON.stringify(evil)} is ignored`);
    }
    const crlf = await signInWithForm(t.app, user.email, TEST_PASSWORD, { next: "/%0d%0aSet-Cookie:x", remoteAddress: ip() });
    assert.equal(crlf.headers.location, "/%0d%0aSet-Cookie:x", "stays an encoded path");
  });

  it("never redirects to another site through a path the URL parser normalises to //host", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "polis");
    const tricky = ["/.//evil.example/x", "/..//evil.example/x", "/%2F/evil.example", "/%5C%5Cevil.example", "/\t/evil.example", "/.%2F/evil.example"];
    const signedIn = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
    for (const evil of tricky) {
      const posted = await signInWithForm(t.app, user.email, TEST_PASSWORD, { next: evil, remoteAddress: ip() });
      assert.equal(posted.statusCode, 303);
      assert.equal(posted.headers.location, `/t/${tenant.slug}/arbete`, `POST next=${JSON.stringify(evil)} is ignored`);
      // Already signed in: GET /logga-in?next=… sends the person on at once.
      const got = await t.app.inject({ method: "GET", url: `/logga-in?next=${encodeURIComponent(evil)}`, cookies: signedIn.jar });
      assert.equal(got.statusCode, 303);
      assert.equal(got.headers.location, `/t/${tenant.slug}/arbete`, `GET next=${JSON.stringify(evil)} is ignored`);
      // The sign-in page does not carry it in its form either.
      const page = await t.app.inject({ method: "GET", url: `/logga-in?next=${encodeURIComponent(evil)}` });
      assert.doesNotMatch(page.body, /name="next"/, `no hidden next for ${JSON.stringify(evil)}`);
    }
  });

  it("offers a tenant chooser to people with roles in several tenants, or honours ?tenant", async () => {
    const a = await makeTenant(t.db);
    const b = await makeTenant(t.db);
    const user = await makeUser(t.db, a.id, "samordnare");
    await t.db.insertInto("memberships").values({ tenant_id: b.id, user_id: user.id, role: "lasare" }).execute();
    const res = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
    assert.equal(res.headers.location, "/valj-kommun");
    const chooser = await t.app.inject({ method: "GET", url: "/valj-kommun", cookies: res.jar });
    assert.equal(chooser.statusCode, 200);
    assert.ok(chooser.body.includes(`href="/t/${a.slug}/arbete"`));
    assert.ok(chooser.body.includes(`href="/t/${b.slug}/arbete"`));
    assert.match(chooser.body, /Trygghetssamordnare/);
    const direct = await signInWithForm(t.app, user.email, TEST_PASSWORD, { tenant: b.slug, remoteAddress: ip() });
    assert.equal(direct.headers.location, `/t/${b.slug}/arbete`);
    // Already signed in: the login page sends you on.
    const again = await t.app.inject({ method: "GET", url: `/logga-in?tenant=${a.slug}`, cookies: res.jar });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `/t/${a.slug}/arbete`);
    assert.equal((await t.app.inject({ method: "GET", url: "/valj-kommun" })).statusCode, 303);
  });

  it("gives the same generic message for an unknown address and a wrong password, and keeps the e-mail", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "lasare");
    const unknown = await signInWithForm(t.app, "ingen.alls@test.example", "whatever-password", { remoteAddress: ip() });
    const wrong = await signInWithForm(t.app, user.email, "fel-lösenord-här", { remoteAddress: ip() });
    for (const res of [unknown, wrong]) {
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /Fel e-postadress eller lösenord\./);
      assert.match(res.body, /class="error-summary" role="alert"/);
      assert.ok(!res.cookies.some((c) => c.name === SESSION_COOKIE && c.value));
    }
    assert.ok(unknown.body.includes('value="ingen.alls@test.example"'));
    assert.ok(!wrong.body.includes("fel-lösenord-här"), "the password is never echoed");
    const empty = await signInWithForm(t.app, "", "", { remoteAddress: ip() });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Ange en e-postadress\./);
    assert.match(empty.body, /Ange ditt lösenord\./);
    assert.match(empty.body, /href="#f-email"/);
    assert.match(empty.body, /aria-invalid="true"/);
    const en = await signInWithForm(t.app, "ingen.alls@test.example", "whatever-password", { remoteAddress: ip() });
    assert.equal(en.statusCode, 401);
  });

  it("locks the account after consecutive failures, even for the right password, and unlocks after the time", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "rapportor");
    for (let i = 1; i < MAX_FAILURES; i++) {
      const res = await signInWithForm(t.app, user.email, `fel-${i}-lösenord`, { remoteAddress: ip() });
      assert.match(res.body, /Fel e-postadress eller lösenord/);
    }
    // Locking says nothing more than a wrong password (enumeration.int.test.ts compares the pages).
    const sentAt = Date.now();
    const locking = await signInWithForm(t.app, user.email, "fel-igen-lösenord", { remoteAddress: ip() });
    const answeredAt = Date.now();
    assert.equal(locking.statusCode, 401);
    assert.match(locking.body, /Fel e-postadress eller lösenord/);
    const right = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
    assert.equal(right.statusCode, 401);
    assert.match(right.body, /Fel e-postadress eller lösenord/);
    const row = await t.db.selectFrom("users").select(["locked_until", "failed_logins"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    // Locked for LOGIN_LOCK_MINUTES (15) from the failure that locked it.
    const lockedUntil = new Date(row.locked_until!).getTime();
    const minutes15 = 15 * 60_000;
    assert.ok(lockedUntil >= sentAt + minutes15 && lockedUntil <= answeredAt + minutes15, `locked for LOGIN_LOCK_MINUTES (until ${row.locked_until})`);
    // Time passes: the lock has run out.
    await t.db
      .updateTable("users")
      .set({ locked_until: new Date("2020-01-01T00:00:00Z") })
      .where("id", "=", user.id)
      .execute();
    const later = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
    assert.equal(later.statusCode, 303);
    const cleared = await t.db.selectFrom("users").select(["locked_until", "failed_logins"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    assert.equal(cleared.failed_logins, 0);
    assert.equal(cleared.locked_until, null);
  });

  it("resets the failure counter on a successful sign-in", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "lasare");
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i < MAX_FAILURES; i++) await signInWithForm(t.app, user.email, "fel-lösenord-x", { remoteAddress: ip() });
      const ok = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
      assert.equal(ok.statusCode, 303, `round ${round}: never locked, the counter restarts`);
    }
  });

  it("tells unknown addresses nothing even after many attempts, and ignores accounts without password", async () => {
    const tenant = await makeTenant(t.db);
    const invited = await makeUser(t.db, tenant.id, "lasare");
    await t.db.updateTable("users").set({ password_hash: null }).where("id", "=", invited.id).execute();
    const res = await signInWithForm(t.app, invited.email, "", { remoteAddress: ip() });
    assert.equal(res.statusCode, 400);
    const res2 = await signInWithForm(t.app, invited.email, "något-lösenord", { remoteAddress: ip() });
    assert.equal(res2.statusCode, 401);
    assert.match(res2.body, /Fel e-postadress eller lösenord/);
    for (let i = 0; i < MAX_FAILURES + 1; i++) {
      const u = await signInWithForm(t.app, "okand@test.example", "fel-lösenord", { remoteAddress: ip() });
      assert.match(u.body, /Fel e-postadress eller lösenord/);
    }
  });

  it("signs out: the session row is gone, the cookie cleared, and the old token no longer works", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    const login = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
    const token = login.jar[SESSION_COOKIE]!;
    assert.equal((await t.app.inject({ method: "GET", url: "/api/me", cookies: login.jar })).statusCode, 200);
    const out = await submitForm(t.app, `/t/${tenant.slug}/arbete`, "/logga-ut", {}, { cookies: login.jar });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, "/");
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    assert.ok(cleared && cleared.value === "", "cookie cleared");
    assert.equal((await t.db.selectFrom("sessions").select("id_hash").where("user_id", "=", user.id).execute()).length, 0);
    const me = await t.app.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: token } });
    assert.equal(me.statusCode, 401);
    const start = await t.app.inject({ method: "GET", url: "/", cookies: out.jar });
    assert.match(start.body, /Du är utloggad\./);
  });

  it("replaces an existing session on a new sign-in (no session fixation)", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    const first = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
    const oldToken = first.jar[SESSION_COOKIE]!;
    // The login page itself redirects a signed-in person, so take the form token from another page.
    const second = await submitForm(
      t.app,
      "/glomt-losenord",
      "/logga-in",
      { email: user.email, password: TEST_PASSWORD },
      { cookies: first.jar, remoteAddress: ip() },
    );
    assert.equal(second.statusCode, 303);
    assert.notEqual(second.jar[SESSION_COOKIE], oldToken);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: oldToken } })).statusCode, 401);
  });

  it("refuses a login form without its CSRF token", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      payload: "email=a%40b.se&password=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      remoteAddress: ip(),
    });
    assert.equal(res.statusCode, 403);
  });
});

describe("sign-in rate limit and secure cookies", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "3", BASE_URL: "https://trygg.example" } });
  });
  after(async () => t.close());

  it("limits sign-in attempts per address per minute", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signInWithForm(t.app, "x@test.example", "fel-lösenord", { remoteAddress: "10.9.9.9" })).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const limited = await signInWithForm(t.app, "x@test.example", "fel-lösenord", { remoteAddress: "10.9.9.9" });
    assert.match(limited.body, /För många försök/);
    // Another address is not affected.
    assert.equal((await signInWithForm(t.app, "x@test.example", "fel-lösenord", { remoteAddress: "10.9.9.10" })).statusCode, 401);
  });

  it("marks the session cookie Secure when the base URL is https", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    const res = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: "10.9.9.20" });
    assert.equal(res.statusCode, 303);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    assert.equal(cookie?.secure, true);
  });
});
