import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { audit } from "../../platform/audit.ts";
import { csrfFor, sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser, NASTY, TEST_PASSWORD } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { signInWithForm } from "../users/testing.ts";

describe("audit log", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let other: { id: string; slug: string };
  let adminCookies: Record<string, string>;
  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    other = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant.id, "admin");
    adminCookies = await sessionCookie(t.db, admin.id);
  });
  after(async () => t.close());

  const rows = (where: { tenantId?: string | null; action?: string }) => {
    let q = t.db.selectFrom("audit_log").selectAll().orderBy("id");
    if (where.tenantId !== undefined) q = where.tenantId === null ? q.where("tenant_id", "is", null) : q.where("tenant_id", "=", where.tenantId);
    if (where.action) q = q.where("action", "=", where.action);
    return q.execute();
  };

  it("refuses UPDATE, DELETE and TRUNCATE on the audit log, whoever asks", async () => {
    await audit(t.db, { tenantId: tenant.id, actorId: null, action: "test.append", entity: "test", entityId: "1" });
    await assert.rejects(sql`update audit_log set action = 'rewritten'`.execute(t.db), /bara emot nya rader/);
    await assert.rejects(sql`delete from audit_log where action = 'test.append'`.execute(t.db), /bara emot nya rader/);
    await assert.rejects(sql`truncate audit_log`.execute(t.db), /bara emot nya rader/);
    assert.equal((await rows({ action: "test.append" })).length, 1);
  });

  it("lets only the retention exception delete, inside its own transaction, and a deleted tenant take its rows", async () => {
    const gone = await makeTenant(t.db);
    await audit(t.db, { tenantId: gone.id, actorId: null, action: "test.gone", entity: "test" });
    await audit(t.db, { tenantId: tenant.id, actorId: null, action: "test.retention", entity: "test" });
    await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('trygg.audit_retention', 'on', true)`.execute(trx);
      await sql`delete from audit_log where action = 'test.retention'`.execute(trx);
    });
    assert.equal((await rows({ action: "test.retention" })).length, 0);
    // The setting was local to that transaction.
    await assert.rejects(sql`delete from audit_log where action = 'test.append'`.execute(t.db), /bara emot nya rader/);
    await t.db.deleteFrom("tenants").where("id", "=", gone.id).execute();
    assert.equal((await rows({ action: "test.gone" })).length, 0);
  });

  it("logs sign-ins, failed ones too, without the password or the typed address", async () => {
    const user = await makeUser(t.db, tenant.id, "lasare");
    const ok = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: "10.9.0.1" });
    assert.equal(ok.statusCode, 303);
    const bad = await signInWithForm(t.app, user.email, "fel-lösenord-här", { remoteAddress: "10.9.0.2" });
    assert.equal(bad.statusCode, 401);
    const unknown = await signInWithForm(t.app, "ingen-alls@test.example", "fel-lösenord-här", { remoteAddress: "10.9.0.3" });
    assert.equal(unknown.statusCode, 401);
    const success = await rows({ action: "signin.success" });
    assert.ok(success.some((r) => r.actor_id === user.id && r.entity_id === user.id && r.tenant_id === null));
    const failures = await rows({ action: "signin.failure" });
    assert.ok(failures.some((r) => r.entity_id === user.id && (r.data as { ip?: string }).ip === "10.9.0.2"));
    assert.ok(failures.some((r) => r.entity_id === null && (r.data as { ip?: string }).ip === "10.9.0.3"));
    const all = JSON.stringify(await rows({}));
    assert.ok(!all.includes("fel-lösenord-här") && !all.includes(TEST_PASSWORD) && !all.includes("ingen-alls@test.example"));
  });

  it("logs a staff member's successful change with route and parameters, and sign-out", async () => {
    const user = await makeUser(t.db, tenant.id, "admin");
    const cookies = await sessionCookie(t.db, user.id);
    const { token, cookies: jar } = await csrfFor(t.app, `/t/${tenant.slug}/admin/anvandare`, cookies);
    const place = await t.db
      .insertInto("places")
      .values({ tenant_id: tenant.id, name: "Stationen", kind: "station", lat: 56.38, lon: 13.99 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: "POST",
      url: `/t/${tenant.slug}/arbete/platser/${place.id}/ta-bort`,
      cookies: jar,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: token, confirm: "on", note: "hemligt-i-kroppen" }).toString(),
    });
    assert.ok(res.statusCode < 400, `${res.statusCode} ${res.body.slice(0, 300)}`);
    const writes = await rows({ tenantId: tenant.id, action: "write" });
    const w = writes.find((r) => r.actor_id === user.id && r.entity === "/t/:tenant/arbete/platser/:placeId/ta-bort");
    assert.ok(w, JSON.stringify(writes));
    assert.equal(w.entity_id, place.id);
    assert.equal((w.data as { method: string }).method, "POST");
    assert.ok(!JSON.stringify(w.data).includes("hemligt-i-kroppen"), "the body is not logged");
    const out = await t.app.inject({
      method: "POST",
      url: "/logga-ut",
      cookies: jar,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: token }).toString(),
    });
    assert.equal(out.statusCode, 303);
    assert.ok((await rows({ action: "signout" })).some((r) => r.actor_id === user.id));
  });

  it("shows the tenant's log to its admins only, escaped, filtered, and logs that it was read", async () => {
    await audit(t.db, { tenantId: tenant.id, actorId: null, action: "test.nasty", entity: "test", entityId: "x", data: { note: NASTY } });
    await audit(t.db, { tenantId: other.id, actorId: null, action: "test.other", entity: "test" });
    const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/admin/logg`, cookies: adminCookies });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes("test.nasty"));
    assert.ok(!res.body.includes(NASTY), "data is escaped");
    assert.ok(!res.body.includes("test.other"), "another tenant's rows are not shown");
    const filtered = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/admin/logg?action=test.append`, cookies: adminCookies });
    assert.ok(filtered.body.includes("test.append") && !filtered.body.includes("<code>test.nasty</code>"));
    const badDate = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/admin/logg?from=igår`, cookies: adminCookies });
    assert.equal(badDate.statusCode, 400);
    assert.ok((await rows({ tenantId: tenant.id, action: "read" })).some((r) => r.entity === "/t/:tenant/admin/logg"));
    for (const role of ["samordnare", "lasare"] as const) {
      const u = await makeUser(t.db, tenant.id, role);
      assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/admin/logg`, cookies: await sessionCookie(t.db, u.id) })).statusCode, 404);
    }
    const otherAdmin = await makeUser(t.db, other.id, "admin");
    const oc = await sessionCookie(t.db, otherAdmin.id);
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/admin/logg`, cookies: oc })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: "/admin/logg", cookies: oc })).statusCode, 404);
  });

  it("exports the selection as CSV with formulas guarded, and logs the export", async () => {
    await audit(t.db, { tenantId: tenant.id, actorId: null, action: "test.formula", entity: '=HYPERLINK("http://x")', data: { note: "@SUM(1)" } });
    const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/admin/logg.csv?action=test.formula`, cookies: adminCookies });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /text\/csv/);
    assert.match(res.body, /'=HYPERLINK/);
    assert.ok(!/(^|,)=HYPERLINK/m.test(res.body));
    assert.ok((await rows({ tenantId: tenant.id, action: "export" })).some((r) => r.entity === "/t/:tenant/admin/logg.csv"));
    const lasare = await makeUser(t.db, tenant.id, "lasare");
    const denied = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/admin/logg.csv`, cookies: await sessionCookie(t.db, lasare.id) });
    assert.equal(denied.statusCode, 404);
  });

  it("logs each reading of a stored mail (it may hold a resident's address or a password link)", async () => {
    const sys = await makeUser(t.db, null, null, { isSystemAdmin: true });
    const mail = await t.app.deps.mailer.send(t.db, { tenantId: tenant.id, to: "invanare@test.example", subject: "Tack", text: "Hej" });
    const res = await t.app.inject({ method: "GET", url: `/admin/outbox/${mail.id}`, cookies: await sessionCookie(t.db, sys.id) });
    assert.equal(res.statusCode, 200);
    const read = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "read").where("entity_id", "=", mail.id).execute();
    assert.equal(read.length, 1);
    assert.equal(read[0]!.actor_id, sys.id);
    assert.equal(read[0]!.entity, "/admin/outbox/:id");
  });

  it("shows system administrators every tenant's log and the entries of none", async () => {
    const sys = await makeUser(t.db, null, null, { isSystemAdmin: true });
    const res = await t.app.inject({ method: "GET", url: "/admin/logg?sida=1", cookies: await sessionCookie(t.db, sys.id) });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes("test.other") && res.body.includes("test.nasty") && res.body.includes("signin.failure"));
  });
});
