// OpenID Connect sign-in against a real provider (panva's oidc-provider) running in this process
// on 127.0.0.1. The person's browser is played by fetch at the provider and app.inject at Trygg.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SESSION_COOKIE } from "../../platform/auth/session.ts";
import { startTestOidcProvider, type TestOidcProvider } from "../../platform/oidc/test-provider.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";

const BASE_URL = "http://trygg.test";
const FLOW_COOKIE = "trygg_oidc";

describe("sign-in through the municipality's OpenID Connect provider", () => {
  let idp: TestOidcProvider;
  let t: TestApp;
  before(async () => {
    idp = await startTestOidcProvider({ redirectUri: `${BASE_URL}/auth/oidc/callback` });
    t = await createTestApp({
      config: { BASE_URL, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret },
    });
  });
  after(async () => {
    await t.close();
    await idp.close();
  });

  /** Start at Trygg, sign in at the provider as `who`, come back to Trygg's callback. */
  async function signIn(who: string | { cancel: true }, start = "/auth/oidc/start") {
    const begin = await t.app.inject({ method: "GET", url: start });
    assert.equal(begin.statusCode, 302, begin.body);
    const location = String(begin.headers.location);
    assert.ok(location.startsWith(`${idp.issuer}/auth?`), location);
    const flow = begin.cookies.find((c) => c.name === FLOW_COOKIE);
    assert.ok(flow, "flow cookie set");
    const back = await idp.signIn(location, who);
    assert.equal(back.origin + back.pathname, `${BASE_URL}/auth/oidc/callback`);
    const callback = await t.app.inject({ method: "GET", url: back.pathname + back.search, cookies: { [FLOW_COOKIE]: flow.value } });
    return { begin, flow, authorizationUrl: new URL(location), back, callback };
  }

  it("shows the button on the login page", async () => {
    const tenant = await makeTenant(t.db);
    const res = await t.app.inject({ method: "GET", url: `/logga-in?tenant=${tenant.slug}&next=/t/${tenant.slug}/arbete` });
    assert.match(res.body, /Logga in via kommunens inloggning/);
    assert.ok(res.body.includes(`href="/auth/oidc/start?tenant=${tenant.slug}&amp;next=%2Ft%2F${tenant.slug}%2Farbete"`));
  });

  it("signs in an existing account by e-mail, with PKCE, state and nonce, and links the identity", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    idp.accounts.set("sub-anna", { sub: "sub-anna", email: user.email.toUpperCase(), name: "Anna" });
    const { flow, authorizationUrl, callback } = await signIn("sub-anna");
    const params = authorizationUrl.searchParams;
    assert.equal(params.get("code_challenge_method"), "S256");
    assert.ok(params.get("code_challenge") && params.get("state") && params.get("nonce"));
    assert.equal(params.get("redirect_uri"), `${BASE_URL}/auth/oidc/callback`);
    assert.equal(flow.httpOnly, true);
    assert.equal(flow.path, "/auth/oidc");
    assert.ok(flow.maxAge && Number(flow.maxAge) <= 600, "short-lived");
    assert.ok(!flow.value.includes(params.get("code_challenge")!), "the challenge, not the verifier, goes to the provider");

    assert.equal(callback.statusCode, 303, callback.body);
    assert.equal(callback.headers.location, `/t/${tenant.slug}/arbete`);
    const session = callback.cookies.find((c) => c.name === SESSION_COOKIE);
    assert.ok(session?.value && session.httpOnly);
    const row = await t.db.selectFrom("sessions").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    assert.equal(row.auth_method, "oidc");
    const me = await t.app.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: session.value } });
    assert.equal(me.json().user.id, user.id);
    const identity = await t.db.selectFrom("oidc_identities").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    assert.equal(identity.issuer, idp.issuer);
    assert.equal(identity.subject, "sub-anna");

    // Later the directory changes her address: the linked identity still finds the account.
    idp.accounts.set("sub-anna", { sub: "sub-anna", email: "anna.nytt.namn@test.example" });
    const again = await signIn("sub-anna");
    assert.equal(again.callback.statusCode, 303);
    assert.equal(again.callback.headers.location, `/t/${tenant.slug}/arbete`);
  });

  it("returns to the page the sign-in started from", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "polis");
    idp.accounts.set("sub-per", { sub: "sub-per", email: user.email });
    const { callback } = await signIn("sub-per", `/auth/oidc/start?next=${encodeURIComponent(`/t/${tenant.slug}?x=1`)}`);
    assert.equal(callback.headers.location, `/t/${tenant.slug}?x=1`);
    const evil = await signIn("sub-per", `/auth/oidc/start?next=${encodeURIComponent("//evil.example/")}`);
    assert.equal(evil.callback.headers.location, `/t/${tenant.slug}/arbete`);
  });

  it("refuses people without an account, with a clear Swedish message and no session", async () => {
    idp.accounts.set("sub-okand", { sub: "sub-okand", email: "okand.person@test.example" });
    const { callback } = await signIn("sub-okand");
    assert.equal(callback.statusCode, 403);
    assert.match(callback.body, /Det finns inget konto i Trygg för okand\.person@test\.example/);
    assert.match(callback.body, /Konton skapas av kommunens administratör/);
    assert.ok(!callback.cookies.some((c) => c.name === SESSION_COOKIE && c.value));
    assert.equal(
      await t.db.selectFrom("users").select("id").where("email", "=", "okand.person@test.example").executeTakeFirst(),
      undefined,
      "no account is created",
    );
    assert.equal(await t.db.selectFrom("oidc_identities").select("subject").where("subject", "=", "sub-okand").executeTakeFirst(), undefined);
  });

  it("refuses a disabled account and a provider without e-mail claim", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "lasare");
    await t.db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", user.id).execute();
    idp.accounts.set("sub-av", { sub: "sub-av", email: user.email });
    const disabled = await signIn("sub-av");
    assert.equal(disabled.callback.statusCode, 403);
    assert.match(disabled.callback.body, /avstängt/);
    idp.accounts.set("sub-utan", { sub: "sub-utan", email: null });
    const noEmail = await signIn("sub-utan");
    assert.equal(noEmail.callback.statusCode, 403);
    assert.match(noEmail.callback.body, /ingen e-postadress/);
  });

  it("handles a cancelled sign-in at the provider", async () => {
    const { callback } = await signIn({ cancel: true });
    assert.equal(callback.statusCode, 401);
    assert.match(callback.body, /Inloggningen avbröts/);
  });

  it("rejects a callback without the flow cookie, with a forged cookie or with a swapped state", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "lasare");
    idp.accounts.set("sub-eva", { sub: "sub-eva", email: user.email });
    // No cookie (e.g. the link was opened in another browser).
    const begin = await t.app.inject({ method: "GET", url: "/auth/oidc/start" });
    const back = await idp.signIn(String(begin.headers.location), "sub-eva");
    const noCookie = await t.app.inject({ method: "GET", url: back.pathname + back.search });
    assert.equal(noCookie.statusCode, 400);
    assert.match(noCookie.body, /Inloggningen tog för lång tid eller startades inte härifrån/);
    // A cookie the server did not sign.
    const flow = begin.cookies.find((c) => c.name === FLOW_COOKIE)!;
    const forged = await t.app.inject({
      method: "GET",
      url: back.pathname + back.search,
      cookies: { [FLOW_COOKIE]: `${flow.value.replace(/\.[^.]+$/, "")}.AAAA` },
    });
    assert.equal(forged.statusCode, 400);
    // Another flow's (valid, signed) cookie: state and PKCE do not match this code.
    const otherBegin = await t.app.inject({ method: "GET", url: "/auth/oidc/start" });
    const otherFlow = otherBegin.cookies.find((c) => c.name === FLOW_COOKIE)!;
    const swapped = await t.app.inject({ method: "GET", url: back.pathname + back.search, cookies: { [FLOW_COOKIE]: otherFlow.value } });
    assert.equal(swapped.statusCode, 400);
    assert.match(swapped.body, /kunde inte verifieras/);
    assert.equal((await t.db.selectFrom("sessions").select("id_hash").where("user_id", "=", user.id).execute()).length, 0);
  });
});

describe("OIDC switched off or unreachable", () => {
  it("hides the button and answers 404 when OIDC is not configured", async () => {
    const t = await createTestApp();
    try {
      const page = await t.app.inject({ method: "GET", url: "/logga-in" });
      assert.doesNotMatch(page.body, /kommunens inloggning/);
      assert.equal((await t.app.inject({ method: "GET", url: "/auth/oidc/start" })).statusCode, 404);
      assert.equal((await t.app.inject({ method: "GET", url: "/auth/oidc/callback?code=x&state=y" })).statusCode, 404);
    } finally {
      await t.close();
    }
  });

  it("says so when the provider does not answer", async () => {
    // A port nothing listens on: take one from a provider and close it.
    const gone = await startTestOidcProvider({ redirectUri: `${BASE_URL}/auth/oidc/callback` });
    await gone.close();
    const t = await createTestApp({ config: { BASE_URL, OIDC_ISSUER: gone.issuer, OIDC_CLIENT_ID: "x", OIDC_CLIENT_SECRET: "y" } });
    try {
      const res = await t.app.inject({ method: "GET", url: "/auth/oidc/start" });
      assert.equal(res.statusCode, 503);
      assert.match(res.body, /Kommunens inloggning svarar inte just nu/);
    } finally {
      await t.close();
    }
  });
});
