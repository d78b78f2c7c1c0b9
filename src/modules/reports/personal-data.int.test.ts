// A resident's rights (GDPR art. 15, 17) reach what reports stores about their address: the
// privacy module's extract lists their reports (with name, address and the replies written to
// them) and their alerts; the erasure removes the contact details and the follow link while the
// report stays as an anonymous public record, and deletes the alerts. Another resident's, another
// municipality's and a staff account's rows are left alone.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { csrfFor, sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { hashSecret } from "./domain/codes.ts";
import { insertSubscription } from "./repo/subscriptions.ts";
import { makeReport } from "./testing.ts";

type Extract = {
  holders: string[];
  data: {
    reports?: { reports: Array<{ ref: string; reporter_name: string | null }>; replies: Array<{ text: string }>; subscriptions: Array<{ events: string }> };
  };
};

describe("reports: a resident's extract and erasure", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let adminCookies: Record<string, string>;
  const email = "Anna.Aberg@test.example"; // mixed case: addresses match whatever the case

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant.id, "admin");
    adminCookies = await sessionCookie(t.db, admin.id);
  });
  after(async () => t?.close());

  it("lists the resident's report and alert in the extract, and erasure leaves the report as an anonymous public record", async () => {
    const mine = await makeReport(t.db, tenant.id, {
      description: "Trasig lampa vid gångtunneln",
      reporter_name: "Anna Åberg",
      reporter_email: email.toLowerCase(),
      wants_updates: true,
      follow_token_hash: hashSecret(`följ-${Math.random()}`),
    });
    await t.db
      .insertInto("report_updates")
      .values({ tenant_id: tenant.id, report_id: mine.id, kind: "reply", audience: "reporter", text: "Tack, vi byter lampan", author_label: "Gatukontoret" })
      .execute();
    const someoneElse = await makeReport(t.db, tenant.id, { reporter_name: "Bo Ek", reporter_email: "bo.ek@test.example" });
    const other = await makeTenant(t.db);
    const elsewhere = await makeReport(t.db, other.id, { reporter_name: "Anna Åberg", reporter_email: email });
    const sub = (events: "new" | "updates", userId: string | null, at: { id: string } = tenant) =>
      insertSubscription(t.db, at.id, {
        email,
        user_id: userId,
        report_id: events === "updates" ? mine.id : null,
        category: null,
        area_id: null,
        events,
        token_hash: hashSecret(`bevakning-${Math.random()}`),
        confirmed_at: new Date(),
      });
    await sub("updates", null);
    const staff = await makeUser(t.db, tenant.id, "samordnare");
    const staffAlert = await sub("new", staff.id);

    const res = await t.app.inject({
      method: "GET",
      url: `/t/${tenant.slug}/admin/personuppgifter/utdrag.json?email=${encodeURIComponent(email)}`,
      cookies: adminCookies,
    });
    assert.equal(res.statusCode, 200);
    const extract = res.json() as Extract;
    assert.ok(extract.holders.includes("reports"), "reports is asked for the extract");
    assert.deepEqual(
      extract.data.reports?.reports.map((r) => [r.ref, r.reporter_name]),
      [[mine.ref, "Anna Åberg"]],
    );
    assert.deepEqual(
      extract.data.reports?.replies.map((r) => r.text),
      ["Tack, vi byter lampan"],
    );
    assert.deepEqual(
      extract.data.reports?.subscriptions.map((s) => s.events),
      ["updates"],
      "the resident's alert, not the staff account's",
    );

    const page = `/t/${tenant.slug}/admin/personuppgifter`;
    const { token, cookies } = await csrfFor(t.app, page, adminCookies);
    const done = await t.app.inject({
      method: "POST",
      url: `${page}/radera`,
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ email, confirm: "ja", _csrf: token }).toString(),
    });
    assert.equal(done.statusCode, 200);

    const after = await t.db.selectFrom("reports").selectAll().where("id", "=", mine.id).executeTakeFirstOrThrow();
    assert.equal(after.reporter_name, null);
    assert.equal(after.reporter_email, null);
    assert.equal(after.wants_updates, false);
    assert.equal(after.follow_token_hash, null, "the follow link no longer opens the resident's page");
    assert.ok(after.contact_removed_at);
    assert.equal(after.description, "Trasig lampa vid gångtunneln", "the report itself stays");
    const publicPage = await t.app.inject({ url: `/t/${tenant.slug}/rapporter/${mine.ref}` });
    assert.equal(publicPage.statusCode, 200);
    assert.match(publicPage.body, /Trasig lampa vid gångtunneln/);

    const subs = await t.db.selectFrom("report_subscriptions").select("id").where("tenant_id", "=", tenant.id).execute();
    assert.deepEqual(
      subs.map((s) => s.id),
      [staffAlert.id],
      "the resident's alert is gone; the staff account's stays",
    );
    const kept = await t.db.selectFrom("reports").select(["id", "reporter_email"]).where("id", "in", [someoneElse.id, elsewhere.id]).execute();
    assert.equal(kept.filter((r) => r.reporter_email !== null).length, 2, "another resident's and another municipality's reports keep their details");

    const again = await t.app.inject({
      method: "GET",
      url: `/t/${tenant.slug}/admin/personuppgifter/utdrag.json?email=${encodeURIComponent(email)}`,
      cookies: adminCookies,
    });
    assert.equal((again.json() as Extract).data.reports, undefined, "nothing left about the address");
  });
});
