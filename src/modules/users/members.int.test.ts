import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeOrganisation, makeTenant, makeUser, NASTY, TEST_PASSWORD } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { latestMailTo, signInWithForm, submitForm } from "./testing.ts";

describe("people and roles of a tenant", () => {
  let t: TestApp;
  let ipSeq = 1;
  const ip = () => `10.2.0.${ipSeq++}`;
  before(async () => {
    t = await createTestApp({ config: { BASE_URL: "http://trygg.test" } });
  });
  after(async () => t.close());

  async function setup() {
    const tenant = await makeTenant(t.db);
    const other = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant.id, "admin", { name: "Alva Admin" });
    const otherAdmin = await makeUser(t.db, other.id, "admin");
    return { tenant, other, admin, otherAdmin, adminCookies: await sessionCookie(t.db, admin.id), otherCookies: await sessionCookie(t.db, otherAdmin.id) };
  }

  async function roles(tenantId: string, userId: string) {
    return (await t.db.selectFrom("memberships").select("role").where("tenant_id", "=", tenantId).where("user_id", "=", userId).execute())
      .map((r) => r.role)
      .sort();
  }

  it("shows the members page to the tenant's admin and to system admins only", async () => {
    const { tenant, adminCookies, otherCookies } = await setup();
    const member = await makeUser(t.db, tenant.id, "samordnare");
    const url = `/t/${tenant.slug}/admin/anvandare`;
    const page = await t.app.inject({ method: "GET", url, cookies: adminCookies });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(member.email));
    assert.match(page.body, /Trygghetssamordnare/);
    assert.ok(!page.body.includes(NASTY), "names are escaped");
    assert.match(page.body, /&lt;script&gt;/);
    assert.match(page.body, /<label for="f-email">E-postadress<\/label>/);
    assert.match(page.body, /<label for="f-role">Roll<\/label>/);
    assert.match(page.body, /<label for="f-organisation_id">Organisation<\/label>/);
    const sysadmin = await makeUser(t.db, null, null, { isSystemAdmin: true });
    assert.equal((await t.app.inject({ method: "GET", url, cookies: await sessionCookie(t.db, sysadmin.id) })).statusCode, 200);
    // Staff without the admin role, and another tenant's admin: 404. Anonymous: to the login.
    assert.equal((await t.app.inject({ method: "GET", url, cookies: await sessionCookie(t.db, member.id) })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url, cookies: otherCookies })).statusCode, 404);
    const anon = await t.app.inject({ method: "GET", url });
    assert.equal(anon.statusCode, 303);
    assert.equal(anon.headers.location, `/logga-in?tenant=${tenant.slug}&next=${encodeURIComponent(url)}`);
    // The staff start page links admins here.
    const staff = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete`, cookies: adminCookies });
    assert.ok(staff.body.includes(`href="${url}"`));
    const staffOfMember = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete`, cookies: await sessionCookie(t.db, member.id) });
    assert.ok(!staffOfMember.body.includes(`href="${url}"`));
  });

  it("invites a new person: account without password, invitation mailed, password chosen from the link", async () => {
    const { tenant, adminCookies } = await setup();
    const org = await makeOrganisation(t.db, tenant.id, "Fastighetsbolaget");
    const url = `/t/${tenant.slug}/admin/anvandare`;
    const email = `ny.person.${ipSeq}@test.example`;
    const res = await submitForm(t.app, url, url, { email, name: "Åsa Öberg", role: "rapportor", organisation_id: org.id }, { cookies: adminCookies });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, url);
    const user = await t.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    assert.equal(user.password_hash, null);
    assert.equal(user.name, "Åsa Öberg");
    const membership = await t.db.selectFrom("memberships").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    assert.equal(membership.tenant_id, tenant.id);
    assert.equal(membership.role, "rapportor");
    assert.equal(membership.organisation_id, org.id);
    const list = await t.app.inject({ method: "GET", url, cookies: res.jar });
    assert.match(list.body, /har lagts till med rollen Rapportör/);
    assert.match(list.body, /Inbjuden, har inte loggat in än/);
    assert.match(list.body, /Fastighetsbolaget/);

    const { mail, path, token } = await latestMailTo(t.db, email);
    assert.ok(mail && path && token);
    assert.equal(mail.tenant_id, tenant.id);
    assert.match(mail.subject, /Du är inbjuden till Trygg/);
    assert.match(mail.body_text, /Alva Admin har lagt till dig/);
    assert.match(mail.body_text, /rollen Rapportör/);
    assert.match(mail.body_text, /gäller i 72 timmar/);
    const form = await t.app.inject({ method: "GET", url: path });
    assert.match(form.body, /<h1>Välj lösenord<\/h1>/);
    const pw = "mitt första lösenord";
    const set = await submitForm(t.app, path, "/aterstall-losenord", { token, password: pw, password_repeat: pw }, { remoteAddress: ip() });
    assert.equal(set.statusCode, 303);
    const login = await signInWithForm(t.app, email, pw, { remoteAddress: ip() });
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, `/t/${tenant.slug}/arbete`);
  });

  it("adds a role to an existing account, tells them by mail, and refuses duplicates and foreign organisations", async () => {
    const { tenant, other, adminCookies } = await setup();
    const existing = await makeUser(t.db, other.id, "polis");
    const url = `/t/${tenant.slug}/admin/anvandare`;
    const res = await submitForm(
      t.app,
      url,
      url,
      { email: existing.email.toUpperCase(), name: "Ignoreras", role: "polis", organisation_id: "" },
      { cookies: adminCookies },
    );
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await roles(tenant.id, existing.id), ["polis"]);
    assert.deepEqual(await roles(other.id, existing.id), ["polis"], "the other tenant is untouched");
    const { mail, token } = await latestMailTo(t.db, existing.email);
    assert.match(mail!.subject, /ny roll/);
    assert.equal(token, undefined, "no password link for someone who has a password");
    assert.equal((await t.db.selectFrom("users").select("name").where("id", "=", existing.id).executeTakeFirstOrThrow()).name, existing.name);

    const dup = await submitForm(t.app, url, url, { email: existing.email, name: "X", role: "polis", organisation_id: "" }, { cookies: adminCookies });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /har redan rollen Polis/);

    const foreignOrg = await makeOrganisation(t.db, other.id);
    const bad = await submitForm(
      t.app,
      url,
      url,
      { email: "x.y@test.example", name: "X Y", role: "lasare", organisation_id: foreignOrg.id },
      { cookies: adminCookies },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Välj en organisation som finns i kommunens lista/);
    assert.ok(bad.body.includes('value="x.y@test.example"'), "the form keeps what was typed");
    assert.equal(await t.db.selectFrom("users").select("id").where("email", "=", "x.y@test.example").executeTakeFirst(), undefined);

    const invalid = await submitForm(t.app, url, url, { email: "inte-en-adress", name: "", role: "kung", organisation_id: "" }, { cookies: adminCookies });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Ange en giltig e-postadress/);
    assert.match(invalid.body, /Ange personens namn/);
    assert.match(invalid.body, /Välj en roll/);
    const en = await submitForm(t.app, `${url}?lang=en`, `${url}?lang=en`, { email: "", name: "", role: "", organisation_id: "" }, { cookies: adminCookies });
    assert.match(en.body, /Enter an e-mail address/);
  });

  it("removes a role, but never the tenant's last admin role", async () => {
    const { tenant, admin, adminCookies } = await setup();
    const member = await makeUser(t.db, tenant.id, "samordnare");
    await t.db.insertInto("memberships").values({ tenant_id: tenant.id, user_id: member.id, role: "lasare" }).execute();
    const url = `/t/${tenant.slug}/admin/anvandare`;
    const res = await submitForm(t.app, url, `${url}/${member.id}/ta-bort-roll`, { role: "lasare" }, { cookies: adminCookies });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await roles(tenant.id, member.id), ["samordnare"]);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("tenant_id", "=", tenant.id).where("action", "=", "membership.remove").execute();
    assert.equal(audit.length, 1);

    const last = await submitForm(t.app, url, `${url}/${admin.id}/ta-bort-roll`, { role: "admin" }, { cookies: adminCookies });
    assert.equal(last.statusCode, 409);
    assert.match(last.body, /sista administratör/);
    assert.deepEqual(await roles(tenant.id, admin.id), ["admin"]);

    const missing = await submitForm(t.app, url, `${url}/${member.id}/ta-bort-roll`, { role: "polis" }, { cookies: adminCookies });
    assert.equal(missing.statusCode, 404);
    assert.equal((await submitForm(t.app, url, `${url}/inte-ett-id/ta-bort-roll`, { role: "polis" }, { cookies: adminCookies })).statusCode, 404);
    // Another tenant's person through this tenant's address: 404, and their role stays.
    const { other } = await setup();
    const stranger = await makeUser(t.db, other.id, "lasare");
    assert.equal((await submitForm(t.app, url, `${url}/${stranger.id}/ta-bort-roll`, { role: "lasare" }, { cookies: adminCookies })).statusCode, 404);
    assert.deepEqual(await roles(other.id, stranger.id), ["lasare"]);
    // Not signed in: the sign-in page before anything else (no CSRF error, no validation).
    const anon = await t.app.inject({
      method: "POST",
      url: `${url}/${member.id}/ta-bort-roll`,
      payload: "role=samordnare",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/logga-in\?tenant=/);
    assert.deepEqual(await roles(tenant.id, member.id), ["samordnare"]);
  });

  it("answers another tenant's admin with 404 and changes nothing", async () => {
    const { tenant, otherAdmin, otherCookies } = await setup();
    const member = await makeUser(t.db, tenant.id, "samordnare");
    const url = `/t/${tenant.slug}/admin/anvandare`;
    // The other admin takes a valid form token from their own tenant's page.
    const ownPage = `/t/${(await t.db.selectFrom("memberships").innerJoin("tenants", "tenants.id", "memberships.tenant_id").select("tenants.slug").where("user_id", "=", otherAdmin.id).executeTakeFirstOrThrow()).slug}/admin/anvandare`;
    const add = await submitForm(
      t.app,
      ownPage,
      url,
      { email: "intrang@test.example", name: "Intrång", role: "admin", organisation_id: "" },
      { cookies: otherCookies },
    );
    assert.equal(add.statusCode, 404);
    assert.equal(await t.db.selectFrom("users").select("id").where("email", "=", "intrang@test.example").executeTakeFirst(), undefined);
    const remove = await submitForm(t.app, ownPage, `${url}/${member.id}/ta-bort-roll`, { role: "samordnare" }, { cookies: otherCookies });
    assert.equal(remove.statusCode, 404);
    assert.deepEqual(await roles(tenant.id, member.id), ["samordnare"]);
    const api = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/users`, cookies: otherCookies });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, "not_found");
  });

  it("adds an address that has an account elsewhere exactly like a new one: neither its name nor its existence shows", async () => {
    const { tenant, other, adminCookies } = await setup();
    const existing = await makeUser(t.db, other.id, "polis", { name: "Hemlig Hemligsson" });
    const fresh = `helt.ny.${ipSeq}@test.example`;
    const url = `/t/${tenant.slug}/admin/anvandare`;
    const flashOf = async (res: { statusCode: number; headers: Record<string, unknown>; jar: Record<string, string> }) => {
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, url);
      const page = await t.app.inject({ method: "GET", url, cookies: res.jar });
      return /<div class="flash"[^>]*>([\s\S]*?)<\/div>/.exec(page.body)?.[1] ?? "";
    };
    const a = await submitForm(t.app, url, url, { email: existing.email, name: "Per Polis", role: "lasare", organisation_id: "" }, { cookies: adminCookies });
    const b = await submitForm(t.app, url, url, { email: fresh, name: "Ny Nysson", role: "lasare", organisation_id: "" }, { cookies: adminCookies });
    assert.equal((await flashOf(a)).replace(existing.email, "EMAIL"), (await flashOf(b)).replace(fresh, "EMAIL"), "the same answer");

    const list = await t.app.inject({ method: "GET", url, cookies: adminCookies });
    assert.ok(!list.body.includes("Hemlig Hemligsson"), "the account's own name is not shown");
    const rowOf = (email: string) =>
      new RegExp(`<tr>\\s*<th scope="row">([^<]*)</th>\\s*<td>${email.replace(/\./g, "\\.")}</td>[\\s\\S]*?<span class="badge ([^"]*)">([^<]*)</span>`).exec(
        list.body,
      );
    const ra = rowOf(existing.email);
    const rb = rowOf(fresh);
    assert.ok(ra && rb, "both are listed");
    assert.equal(ra[1], "Per Polis", "shown as the admin typed it");
    assert.equal(rb[1], "Ny Nysson");
    assert.deepEqual([ra[2], ra[3]], [rb[2], rb[3]], "the same status for both");
    const api = (await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/users`, cookies: adminCookies })).json();
    const pa = api.users.find((u: { email: string }) => u.email === existing.email);
    const pb = api.users.find((u: { email: string }) => u.email === fresh);
    assert.equal(pa.name, "Per Polis");
    assert.equal(pa.status, pb.status);
    // The account keeps its own name, and it is the name it is greeted with.
    assert.equal((await t.db.selectFrom("users").select("name").where("id", "=", existing.id).executeTakeFirstOrThrow()).name, "Hemlig Hemligsson");
    const { mail } = await latestMailTo(t.db, existing.email);
    assert.match(mail!.body_text, /Hej Hemlig Hemligsson!/);

    // Once the person has signed in, they are a member like any other.
    assert.equal((await signInWithForm(t.app, existing.email, TEST_PASSWORD, { remoteAddress: ip() })).statusCode, 303);
    const after = (await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/users`, cookies: adminCookies })).json();
    assert.equal(after.users.find((u: { email: string }) => u.email === existing.email).status, "active");
  });

  it("lists a tenant's people in the API for its admins", async () => {
    const { tenant, adminCookies } = await setup();
    const org = await makeOrganisation(t.db, tenant.id, "Räddningstjänsten");
    const member = await makeUser(t.db, tenant.id, "rapportor", { organisationId: org.id });
    const res = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/users`, cookies: adminCookies });
    assert.equal(res.statusCode, 200);
    const m = res.json().users.find((u: { id: string }) => u.id === member.id);
    assert.deepEqual(m.roles, [{ role: "rapportor", organisation: { id: org.id, name: "Räddningstjänsten" } }]);
    assert.equal(m.status, "active");
    assert.equal(m.password_hash, undefined);
    assert.equal((await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/users` })).statusCode, 401);
    assert.equal((await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/users`, cookies: await sessionCookie(t.db, member.id) })).statusCode, 404);
  });
});

describe("GET /api/me", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it("answers 401 without a session", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/me" });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, "unauthenticated");
  });

  it("tells who I am, my roles per tenant slug and my abilities", async () => {
    const a = await makeTenant(t.db);
    const b = await makeTenant(t.db);
    const user = await makeUser(t.db, a.id, "admin");
    await t.db.insertInto("memberships").values({ tenant_id: b.id, user_id: user.id, role: "lasare" }).execute();
    const login = await signInWithForm(t.app, user.email, TEST_PASSWORD);
    const res = await t.app.inject({ method: "GET", url: "/api/me", cookies: login.jar });
    assert.equal(res.statusCode, 200);
    const me = res.json();
    assert.equal(me.user.id, user.id);
    assert.equal(me.user.email, user.email);
    assert.equal(me.user.isSystemAdmin, false);
    assert.equal(me.user.password_hash, undefined);
    const bySlug = Object.fromEntries(me.tenants.map((x: { slug: string }) => [x.slug, x]));
    assert.deepEqual(bySlug[a.slug].roles, ["admin"]);
    assert.deepEqual(bySlug[a.slug].abilities, { staff: true, manageUsers: true });
    assert.deepEqual(bySlug[b.slug].roles, ["lasare"]);
    assert.deepEqual(bySlug[b.slug].abilities, { staff: true, manageUsers: false });
    assert.deepEqual(me.abilities, { viewOutbox: false });
  });

  it("gives system administrators every tenant and the outbox", async () => {
    const a = await makeTenant(t.db);
    const sysadmin = await makeUser(t.db, null, null, { isSystemAdmin: true });
    const res = await t.app.inject({ method: "GET", url: "/api/me", cookies: await sessionCookie(t.db, sysadmin.id) });
    const me = res.json();
    assert.equal(me.user.isSystemAdmin, true);
    assert.deepEqual(me.abilities, { viewOutbox: true });
    const ta = me.tenants.find((x: { slug: string }) => x.slug === a.slug);
    assert.deepEqual(ta.roles, []);
    assert.deepEqual(ta.abilities, { staff: true, manageUsers: true });
  });
});
