import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { modules } from "../index.ts";
import { audit } from "../../platform/audit.ts";
import { csrfFor, sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { dataModel, emailHoldersWithoutPersonalData, renderRegister, uncoveredTables } from "./register.ts";
import { runRetention } from "./retention.ts";
import { addressHash } from "./subject.ts";
import { makeWalk } from "../walks/testing.ts";
import { msAgo } from "../../platform/testing/clock.ts";

const DAY = 86_400_000;

describe("data protection", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let adminCookies: Record<string, string>;
  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant.id, "admin");
    adminCookies = await sessionCookie(t.db, admin.id);
  });
  after(async () => t.close());

  async function post(url: string, fields: Record<string, string>, page: string) {
    const { token, cookies } = await csrfFor(t.app, page, adminCookies);
    return t.app.inject({
      method: "POST",
      url,
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
    });
  }

  it("covers every table of the database in the register of processing activities, and keeps the document current", async () => {
    const model = await dataModel(t.db);
    assert.deepEqual(uncoveredTables(modules, model), [], "tabeller utan behandling: deklarera dem i modulens processing.ts");
    // A module that stores residents' e-mail addresses must answer extracts and erasures.
    assert.deepEqual(emailHoldersWithoutPersonalData(modules, model), [], "e-postadresser utan `personalData` i modulobjektet");
    const doc = readFileSync(new URL("../../../docs/register-of-processing.md", import.meta.url), "utf8");
    assert.ok(doc === renderRegister(modules, model), "docs/register-of-processing.md är inaktuell: kör `node scripts/register-of-processing.ts`");
  });

  it("removes what is older than each tenant's retention, keeps the rest and other tenants' data, and logs the counts", async () => {
    const other = await makeTenant(t.db);
    const old = msAgo(100 * DAY);
    const veryOld = msAgo(800 * DAY);
    for (const tid of [tenant.id, other.id]) {
      await t.db
        .insertInto("outbox")
        .values([
          { tenant_id: tid, to_address: "gammal@test.example", subject: "gammal", body_text: "x", created_at: old },
          { tenant_id: tid, to_address: "ny@test.example", subject: "ny", body_text: "x" },
        ])
        .execute();
      await t.db
        .insertInto("audit_log")
        .values({ tenant_id: tid, actor_id: null, action: "test.old", entity: "test", data: "{}", created_at: veryOld })
        .execute();
    }
    // The other tenant keeps its mail without limit and its log for 1000 days.
    const save = await post(`/t/${tenant.slug}/admin/gallring`, { days_audit: "730", days_outbox: "30" }, `/t/${tenant.slug}/admin/gallring`);
    assert.equal(save.statusCode, 303);
    await t.db
      .updateTable("tenants")
      .set({ settings: JSON.stringify({ privacy: { retentionDays: { outbox: null, audit: 1000 } } }) })
      .where("id", "=", other.id)
      .execute();
    const reports = await runRetention(t.db, modules);
    const mine = reports.find((r) => r.tenantId === tenant.id)!;
    assert.deepEqual(mine.removed, { audit: 1, outbox: 1 });
    const theirs = reports.find((r) => r.tenantId === other.id)!;
    assert.deepEqual(theirs.removed, { audit: 0, walkSignupNames: 0 });
    const mail = await t.db.selectFrom("outbox").select(["tenant_id", "subject"]).where("tenant_id", "in", [tenant.id, other.id]).execute();
    assert.deepEqual(
      mail.filter((m) => m.tenant_id === tenant.id).map((m) => m.subject),
      ["ny"],
    );
    assert.equal(mail.filter((m) => m.tenant_id === other.id).length, 2);
    const log = await t.db.selectFrom("audit_log").selectAll().where("tenant_id", "=", tenant.id).where("action", "=", "retention.run").execute();
    assert.equal(log.length, 1);
    assert.deepEqual((log[0]!.data as { removed: unknown }).removed, { audit: 1, outbox: 1 });
    // The page shows the saved rule and the run.
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/admin/gallring`, cookies: adminCookies });
    assert.match(page.body, /name="days_outbox" type="text" value="30"/);
    assert.match(page.body, /audit 1, outbox 1/);
  });

  it("blanks the names and needs of sign-ups to walks that ended before the retention, keeping the count and newer sign-ups", async () => {
    const own = await makeTenant(t.db);
    const held = await makeWalk(t.db, own.id, { status: "avslutad", daysFromNow: -120 });
    const coming = await makeWalk(t.db, own.id, { daysFromNow: 7 });
    const other = await makeTenant(t.db);
    const theirs = await makeWalk(t.db, other.id, { status: "avslutad", daysFromNow: -120 });
    for (const [tid, w] of [
      [own.id, held.walk.id],
      [own.id, coming.walk.id],
      [other.id, theirs.walk.id],
    ] as const) {
      await t.db.insertInto("walk_signups").values({ tenant_id: tid, walk_id: w, name: "Åsa Öberg", party_size: 3, needs: "rullstol" }).execute();
    }
    await t.db
      .updateTable("tenants")
      .set({ settings: JSON.stringify({ privacy: { retentionDays: { walkSignupNames: null } } }) })
      .where("id", "=", other.id)
      .execute();
    const reports = await runRetention(t.db, modules);
    assert.equal(reports.find((r) => r.tenantId === own.id)!.removed.walkSignupNames, 1);
    assert.equal(reports.find((r) => r.tenantId === other.id)!.removed.walkSignupNames, undefined);
    const rows = await t.db
      .selectFrom("walk_signups")
      .select(["walk_id", "name", "needs", "party_size"])
      .where("tenant_id", "in", [own.id, other.id])
      .execute();
    const by = new Map(rows.map((r) => [r.walk_id, r]));
    assert.deepEqual(by.get(held.walk.id), { walk_id: held.walk.id, name: null, needs: "", party_size: 3 });
    assert.equal(by.get(coming.walk.id)?.name, "Åsa Öberg");
    assert.equal(by.get(theirs.walk.id)?.name, "Åsa Öberg");
    // A second run finds nothing more to blank.
    const again = await runRetention(t.db, modules);
    assert.equal(again.find((r) => r.tenantId === own.id)!.removed.walkSignupNames, 0);
  });

  it("refuses a retention that is not a whole number of days, and is for admins only", async () => {
    const bad = await post(`/t/${tenant.slug}/admin/gallring`, { days_audit: "-3", days_outbox: "en vecka" }, `/t/${tenant.slug}/admin/gallring`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ange ett heltal/);
    const lasare = await makeUser(t.db, tenant.id, "lasare");
    const cookies = await sessionCookie(t.db, lasare.id);
    for (const url of [
      `/t/${tenant.slug}/admin/gallring`,
      `/t/${tenant.slug}/admin/personuppgifter`,
      `/t/${tenant.slug}/admin/personuppgifter/utdrag.json?email=a@b.se`,
    ]) {
      assert.equal((await t.app.inject({ method: "GET", url, cookies })).statusCode, 404, url);
    }
  });

  it("gives a resident's extract as JSON and erases it after confirmation, logging both without the address", async () => {
    const email = "Invanare.Svensson@test.example";
    await t.app.deps.mailer.send(t.db, { tenantId: tenant.id, to: email.toLowerCase(), subject: "Tack för din rapport", text: "Hej" });
    const other = await makeTenant(t.db);
    await t.app.deps.mailer.send(t.db, { tenantId: other.id, to: email, subject: "Annan kommun", text: "Hej" });
    const res = await t.app.inject({
      method: "GET",
      url: `/t/${tenant.slug}/admin/personuppgifter/utdrag.json?email=${encodeURIComponent(email)}`,
      cookies: adminCookies,
    });
    assert.equal(res.statusCode, 200);
    const extract = res.json() as { data: { admin?: { outbox: Array<{ subject: string }> } }; holders: string[] };
    assert.deepEqual(
      extract.data.admin?.outbox.map((m) => m.subject),
      ["Tack för din rapport"],
    );
    assert.ok(extract.holders.includes("admin"));
    const invalid = await t.app.inject({
      method: "GET",
      url: `/t/${tenant.slug}/admin/personuppgifter/utdrag.json?email=inte-en-adress`,
      cookies: adminCookies,
    });
    assert.equal(invalid.statusCode, 400);

    const ask = await post(`/t/${tenant.slug}/admin/personuppgifter/radera`, { email }, `/t/${tenant.slug}/admin/personuppgifter`);
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /name="confirm" value="ja"/);
    assert.equal(
      (await t.db.selectFrom("outbox").select("id").where("tenant_id", "=", tenant.id).where("subject", "=", "Tack för din rapport").execute()).length,
      1,
    );
    const done = await post(`/t/${tenant.slug}/admin/personuppgifter/radera`, { email, confirm: "ja" }, `/t/${tenant.slug}/admin/personuppgifter`);
    assert.equal(done.statusCode, 200);
    assert.equal(
      (await t.db.selectFrom("outbox").select("id").where("tenant_id", "=", tenant.id).where("subject", "=", "Tack för din rapport").execute()).length,
      0,
    );
    assert.equal(
      (await t.db.selectFrom("outbox").select("id").where("tenant_id", "=", other.id).execute()).length,
      1,
      "another municipality's data is not touched",
    );
    const log = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("tenant_id", "=", tenant.id)
      .where("action", "in", ["subject.extract", "subject.erase.asked", "subject.erase"])
      .execute();
    assert.deepEqual(log.map((r) => r.action).sort(), ["subject.erase", "subject.erase.asked", "subject.extract"]);
    assert.ok(log.every((r) => r.entity_id === addressHash(email)));
    assert.ok(!JSON.stringify(log).toLowerCase().includes("invanare.svensson"));
  });

  it("records a run even when nothing is due", async () => {
    await audit(t.db, { tenantId: tenant.id, actorId: null, action: "test.fresh", entity: "test" });
    const [r] = (await runRetention(t.db, modules)).filter((x) => x.tenantId === tenant.id);
    assert.deepEqual(r?.removed, { audit: 0, outbox: 0 });
  });
});
