import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SESSION_COOKIE } from "../../platform/auth/session.ts";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser, TEST_PASSWORD } from "../../platform/testing/factories.ts";
import { settlePasswordMail } from "./routes/password.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { latestMailTo, signInWithForm, submitForm } from "./testing.ts";

const NEW_PASSWORD = "en ny och lång fras på svenska";

describe("password reset through the mail outbox", () => {
  let t: TestApp;
  let ipSeq = 1;
  const ip = () => `10.1.0.${ipSeq++}`;
  before(async () => {
    t = await createTestApp({ config: { LOGIN_MAX_FAILURES: "2", BASE_URL: "http://trygg.test" } });
  });
  after(async () => t.close());

  async function outboxCount() {
    await settlePasswordMail();
    const r = await t.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it("answers the same for known and unknown addresses, and mails a link only to a known one", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    const before = await outboxCount();
    const unknown = await submitForm(t.app, "/glomt-losenord", "/glomt-losenord", { email: "finns.inte@test.example" }, { remoteAddress: ip() });
    assert.equal(await outboxCount(), before, "no mail for an unknown address");
    const known = await submitForm(t.app, "/glomt-losenord", "/glomt-losenord", { email: user.email }, { remoteAddress: ip() });
    assert.equal(unknown.statusCode, 200);
    assert.equal(known.statusCode, 200);
    const strip = (b: string) => b.replace(/name="_csrf" value="[^"]+"/g, "");
    assert.equal(strip(unknown.body), strip(known.body), "identical pages");
    assert.match(known.body, /Om adressen finns hos oss har vi skickat en länk/);
    const { mail, link, token } = await latestMailTo(t.db, user.email);
    assert.ok(mail && link && token, "a mail with a reset link");
    assert.equal(mail.subject, "Välj nytt lösenord i Trygg");
    assert.ok(link.startsWith("http://trygg.test/aterstall-losenord?token="), link);
    assert.match(mail.body_text, /gäller i 1 timme/);
    const stored = await t.db.selectFrom("password_resets").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, "only the token's hash is stored");
    const hours = (new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()) / 3600_000;
    assert.ok(Math.abs(hours - 1) < 0.01, `1 h expiry (got ${hours})`);
  });

  it("validates the address field", async () => {
    const res = await submitForm(t.app, "/glomt-losenord", "/glomt-losenord", { email: "inte-en-adress" }, { remoteAddress: ip() });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Ange en giltig e-postadress/);
    assert.ok(res.body.includes('value="inte-en-adress"'));
  });

  it("resets end to end: link from the outbox, rules, sessions ended, lockout lifted, single use", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "polis");
    const otherBrowser = await sessionCookie(t.db, user.id);
    // Lock the account first.
    for (let i = 0; i < 2; i++) await signInWithForm(t.app, user.email, "fel-lösenord-igen", { remoteAddress: ip() });
    assert.ok((await t.db.selectFrom("users").select("locked_until").where("id", "=", user.id).executeTakeFirstOrThrow()).locked_until);

    await submitForm(t.app, "/glomt-losenord", "/glomt-losenord", { email: user.email }, { remoteAddress: ip() });
    const { path, token } = await latestMailTo(t.db, user.email);
    assert.ok(path && token);

    const form = await t.app.inject({ method: "GET", url: path });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1>Välj nytt lösenord<\/h1>/);
    assert.match(form.body, /id="f-password" name="password" type="password"[^>]*autocomplete="new-password"/);
    assert.match(form.body, /id="f-password_repeat" name="password_repeat" type="password"[^>]*autocomplete="new-password"/);
    assert.match(form.body, /autocomplete="username"/);

    // Too short, then not repeated: errors, and the link keeps working.
    const short = await submitForm(t.app, path, "/aterstall-losenord", { token, password: "kort", password_repeat: "kort" }, { remoteAddress: ip() });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /Lösenordet måste ha minst 10 tecken/);
    assert.match(short.body, /aria-invalid="true"/);
    const mismatch = await submitForm(
      t.app,
      path,
      "/aterstall-losenord",
      { token, password: NEW_PASSWORD, password_repeat: `${NEW_PASSWORD}!` },
      { remoteAddress: ip() },
    );
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /Lösenorden är inte likadana/);
    assert.ok(!mismatch.body.includes(NEW_PASSWORD), "passwords are never echoed");

    const done = await submitForm(
      t.app,
      path,
      "/aterstall-losenord",
      { token, password: NEW_PASSWORD, password_repeat: NEW_PASSWORD },
      { remoteAddress: ip() },
    );
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, "/logga-in");
    const loginPage = await t.app.inject({ method: "GET", url: "/logga-in", cookies: done.jar });
    assert.match(loginPage.body, /Lösenordet är sparat/);

    // Every session ended, lockout lifted.
    assert.equal((await t.app.inject({ method: "GET", url: "/api/me", cookies: otherBrowser })).statusCode, 401);
    const row = await t.db.selectFrom("users").select(["locked_until", "failed_logins"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    assert.equal(row.locked_until, null);
    assert.equal(row.failed_logins, 0);

    // Old password no longer works; the new one does.
    assert.equal((await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() })).statusCode, 401);
    assert.equal((await signInWithForm(t.app, user.email, NEW_PASSWORD, { remoteAddress: ip() })).statusCode, 303);

    // Single use.
    const reuse = await t.app.inject({ method: "GET", url: path });
    assert.equal(reuse.statusCode, 400);
    assert.match(reuse.body, /Länken är ogiltig, redan använd eller har gått ut/);
    const repost = await submitForm(
      t.app,
      "/glomt-losenord",
      "/aterstall-losenord",
      { token, password: "ett annat långt lösen", password_repeat: "ett annat långt lösen" },
      { remoteAddress: ip() },
    );
    assert.equal(repost.statusCode, 400);
    assert.equal((await signInWithForm(t.app, user.email, NEW_PASSWORD, { remoteAddress: ip() })).statusCode, 303);
  });

  it("refuses expired and made-up tokens", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "lasare");
    await submitForm(t.app, "/glomt-losenord", "/glomt-losenord", { email: user.email }, { remoteAddress: ip() });
    const { path, token } = await latestMailTo(t.db, user.email);
    await t.db
      .updateTable("password_resets")
      .set({ expires_at: new Date("2020-01-01T00:00:00Z") }) // long expired
      .where("user_id", "=", user.id)
      .execute();
    assert.equal((await t.app.inject({ method: "GET", url: path! })).statusCode, 400);
    const post = await submitForm(
      t.app,
      "/glomt-losenord",
      "/aterstall-losenord",
      { token: token!, password: NEW_PASSWORD, password_repeat: NEW_PASSWORD },
      { remoteAddress: ip() },
    );
    assert.equal(post.statusCode, 400);
    assert.equal((await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() })).statusCode, 303, "password unchanged");
    for (const bad of ["", "abc", "A".repeat(43), "<script>"]) {
      const res = await t.app.inject({ method: "GET", url: `/aterstall-losenord?token=${encodeURIComponent(bad)}` });
      assert.equal(res.statusCode, 400);
      assert.ok(!res.body.includes("<script>"));
    }
  });

  it("keeps this browser signed out after resetting its own account", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "lasare");
    const login = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
    await submitForm(t.app, "/glomt-losenord", "/glomt-losenord", { email: user.email }, { cookies: login.jar, remoteAddress: ip() });
    const { path, token } = await latestMailTo(t.db, user.email);
    const done = await submitForm(
      t.app,
      path!,
      "/aterstall-losenord",
      { token: token!, password: NEW_PASSWORD, password_repeat: NEW_PASSWORD },
      { cookies: login.jar, remoteAddress: ip() },
    );
    assert.equal(done.statusCode, 303);
    assert.equal(done.jar[SESSION_COOKIE], undefined);
  });
});
