// Account security beyond the sign-in form's own tests (login.int, enumeration.int,
// password-reset.int, csrf.int): a session id planted before sign-in is never the one after, and
// asking for a password link does no account-dependent work before answering (same answer, same
// work, whether or not the address has an account).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SESSION_COOKIE } from "../../platform/auth/session.ts";
import { makeTenant, makeUser, TEST_PASSWORD } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { submitForm } from "./testing.ts";

describe("account security", () => {
  let t: TestApp;
  let ipSeq = 1;
  const ip = () => `10.7.0.${ipSeq++}`;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it("never keeps a session id planted before sign-in (session fixation)", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    const planted = "angriparens-valda-sessions-id-0123456789abcdefghij";
    const res = await submitForm(
      t.app,
      "/logga-in",
      "/logga-in",
      { email: user.email, password: TEST_PASSWORD },
      {
        cookies: { [SESSION_COOKIE]: planted },
        remoteAddress: ip(),
      },
    );
    assert.equal(res.statusCode, 303);
    const now = res.jar[SESSION_COOKIE];
    assert.ok(now && now !== planted, "a fresh session id is issued");
    assert.equal((await t.app.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: planted } })).statusCode, 401);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: now } })).statusCode, 200);
  });

  it("answers a password request before any work that depends on whether the account exists", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "lasare");
    const mailer = t.app.deps.mailer;
    const send = mailer.send.bind(mailer);
    const events: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The mail waits until the answer has left (or, if the handler waits for it, until the fallback).
    const fallback = setTimeout(() => release(), 3000);
    mailer.send = (async (...args: Parameters<typeof send>) => {
      await gate;
      const r = await send(...args);
      events.push("mailed");
      return r;
    }) as typeof mailer.send;
    try {
      const res = await submitForm(t.app, "/glomt-losenord", "/glomt-losenord", { email: user.email }, { remoteAddress: ip() });
      events.push("answered");
      release();
      assert.equal(res.statusCode, 200);
      for (let i = 0; i < 100 && !events.includes("mailed"); i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(events, ["answered", "mailed"], "the link is mailed after the answer, so known and unknown addresses take the same path until then");
    } finally {
      clearTimeout(fallback);
      mailer.send = send;
    }
  });
});
