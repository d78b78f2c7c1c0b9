// Alerts by e-mail (double opt-in, a one-click way out in every mail) and by Atom feed; the
// "är det åtgärdat?" mail after the tenant's time; reporters' contact details removed after the
// retention time; photo drafts and unconfirmed alerts cleaned up.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { runFixedCheck, runRetention } from "./service/jobs.ts";
import { INSIDE, makeReport, multipartBody, postForm } from "./testing.ts";
import { msAgo } from "../../platform/testing/clock.ts";

describe("reports: alerts and what follows a report", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let areaId: string;

  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "10000" } });
    tenant = await makeTenant(t.db);
    areaId = (
      await t.db
        .insertInto("areas")
        .values({
          tenant_id: tenant.id,
          slug: "centrum",
          name: "Centrum",
          kind: "locality",
          geometry: JSON.stringify({
            type: "Polygon",
            coordinates: [
              [
                [13.98, 56.37],
                [14.01, 56.37],
                [14.01, 56.39],
                [13.98, 56.39],
                [13.98, 56.37],
              ],
            ],
          }),
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t?.close());

  const form = (url: string, fields: Record<string, string>) =>
    t.app.inject({ method: "POST", url, payload: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
  const lastMailTo = async (to: string) =>
    t.db
      .selectFrom("outbox")
      .selectAll()
      .where("tenant_id", "=", tenant.id)
      .where("to_address", "=", to)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
  const linkIn = (text: string, path: string) => {
    const m = new RegExp(`http://[^\\s]+${path}\\?nyckel=([A-Za-z0-9_-]{43})`).exec(text);
    assert.ok(m, `no ${path} link in the mail`);
    return m[1]!;
  };
  const report = async (category: string, description: string, extra: Record<string, string> = {}) => {
    const { payload, headers } = multipartBody({ category, lat: String(INSIDE.lat), lon: String(INSIDE.lon), description, skip_similar: "1", ...extra });
    const r = await t.app.inject({ method: "POST", url: `/t/${tenant.slug}/rapportera`, payload, headers });
    assert.equal(r.statusCode, 303, r.body.slice(0, 300));
    return r;
  };

  it("subscribes with double opt-in, alerts about new reports in the area, and ends with one click", async () => {
    const bad = await form(`/t/${tenant.slug}/rapporter/bevaka`, { email: "inte-en-adress", events: "new" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ange en giltig e-postadress/);
    const person = await form(`/t/${tenant.slug}/rapporter/bevaka`, { email: "boende@exempel.se", events: "new", kategori: "narkotika" });
    assert.equal(person.statusCode, 400, "residents cannot follow a person-related category");
    const ok = await form(`/t/${tenant.slug}/rapporter/bevaka`, { email: "boende@exempel.se", events: "new", omrade: areaId });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Klicka på länken i det för att bekräfta/);
    const confirmMail = await lastMailTo("boende@exempel.se");
    assert.ok(confirmMail);
    assert.match(confirmMail.subject, /Bekräfta din bevakning/);
    assert.match(confirmMail.body_text, /Centrum/, "the mail says what is followed");
    const secret = linkIn(confirmMail.body_text, "/bevakning");

    // Not confirmed yet: a new report sends nothing.
    await report("klotter", "Klotter på muren vid torget");
    assert.equal((await lastMailTo("boende@exempel.se"))!.id, confirmMail.id);

    const page = await t.app.inject({ url: `/t/${tenant.slug}/bevakning?nyckel=${secret}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Bevakningen är inte bekräftad ännu/);
    assert.equal((await form(`/t/${tenant.slug}/bevakning/bekrafta`, { nyckel: secret })).statusCode, 200);
    await report("klotter", "Nytt klotter på muren vid torget");
    const alert = await lastMailTo("boende@exempel.se");
    assert.match(alert!.subject, /Ny rapport i/);
    assert.match(alert!.body_text, /Nytt klotter på muren vid torget/);
    const stop = linkIn(alert!.body_text, "/bevakning");
    assert.equal(stop, secret, "every alert carries the link that ends it");

    const ended = await form(`/t/${tenant.slug}/bevakning/avsluta`, { nyckel: secret });
    assert.equal(ended.statusCode, 200);
    assert.match(ended.body, /Bevakningen är avslutad och e-postadressen borttagen/);
    assert.equal(
      (await t.db.selectFrom("report_subscriptions").select("id").where("tenant_id", "=", tenant.id).where("email", "=", "boende@exempel.se").execute()).length,
      0,
    );
    await report("klotter", "Tredje klottret på muren");
    assert.doesNotMatch((await lastMailTo("boende@exempel.se"))!.body_text, /Tredje klottret/);
    const gone = await t.app.inject({ url: `/t/${tenant.slug}/bevakning?nyckel=${secret}` });
    assert.equal(gone.statusCode, 404);
    assert.match(gone.body, /Länken gäller inte/);
  });

  it("follows one report's updates", async () => {
    const r = await makeReport(t.db, tenant.id, { description: "Mörk gångväg vid skolan" });
    const ok = await form(`/t/${tenant.slug}/rapporter/bevaka`, { email: "foljare@exempel.se", rapport: r.ref });
    assert.equal(ok.statusCode, 200);
    const secret = linkIn((await lastMailTo("foljare@exempel.se"))!.body_text, "/bevakning");
    await form(`/t/${tenant.slug}/bevakning/bekrafta`, { nyckel: secret });
    const staff = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    const posted = await postForm(
      t.app,
      `/t/${tenant.slug}/arbete/rapporter/${r.ref}`,
      `/t/${tenant.slug}/arbete/rapporter/${r.ref}/uppdatering`,
      { uppdatering: "Belysningen lagas nästa vecka." },
      staff,
    );
    assert.equal(posted.statusCode, 303);
    const mail = await lastMailTo("foljare@exempel.se");
    assert.match(mail!.subject, /Uppdatering av rapport/);
    assert.match(mail!.body_text, /Belysningen lagas nästa vecka\./);
    const unknown = await form(`/t/${tenant.slug}/rapporter/bevaka`, { email: "foljare@exempel.se", rapport: "ZZZZZZZZ" });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Rapporten finns inte eller kan inte bevakas/);
  });

  it("offers an Atom feed of new reports and updates, filtered by category or area", async () => {
    const feed = await t.app.inject({ url: `/t/${tenant.slug}/rapporter/flode.atom` });
    assert.equal(feed.statusCode, 200);
    assert.equal(feed.headers["content-type"], "application/atom+xml; charset=utf-8");
    assert.match(feed.body, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    assert.match(feed.body, /<entry>\n {4}<id>[^<]+<\/id>\n {4}<title>Ny rapport: Skadegörelse \/ klotter/);
    const byCategory = await t.app.inject({ url: `/t/${tenant.slug}/rapporter/flode.atom?kategori=belysning` });
    assert.doesNotMatch(byCategory.body, /klotter på muren/i);
    assert.equal((await t.app.inject({ url: `/t/${tenant.slug}/rapporter/flode.atom?kategori=finns-inte` })).statusCode, 404);
    const byArea = await t.app.inject({ url: `/t/${tenant.slug}/rapporter/flode.atom?omrade=${areaId}` });
    assert.match(byArea.body, /<entry>/);
  });

  it("asks 'är det åtgärdat?' once, after the tenant's time, only those who left an address", async () => {
    const day = 86_400_000;
    const old = await makeReport(t.db, tenant.id, {
      description: "Gammal lampa",
      reporter_email: "fraga@exempel.se",
      created_at: msAgo(40 * day),
    });
    await makeReport(t.db, tenant.id, { description: "Ny lampa", reporter_email: "inte.an@exempel.se", created_at: msAgo(2 * day) });
    await makeReport(t.db, tenant.id, { description: "Anonym lampa", created_at: msAgo(40 * day) });
    await t.db.updateTable("reports").set({ follow_token_hash: null }).where("tenant_id", "=", tenant.id).where("id", "=", old.id).execute();
    const sent = await runFixedCheck(t.db, t.app.deps);
    assert.ok(sent >= 1);
    const mail = await lastMailTo("fraga@exempel.se");
    assert.match(mail!.subject, /Är det åtgärdat\?/);
    assert.match(mail!.body_text, /mitt-arende\?nyckel=/);
    assert.equal(await lastMailTo("inte.an@exempel.se"), undefined, "not yet due");
    assert.equal(await runFixedCheck(t.db, t.app.deps), 0, "asked once only");
  });

  it("removes reporters' contact details after the retention time, with an audit entry, and cleans up drafts and unconfirmed alerts", async () => {
    const day = 86_400_000;
    const closed = await makeReport(t.db, tenant.id, {
      description: "Stängd för länge sedan",
      reporter_email: "gammal@exempel.se",
      reporter_name: "Gammal Boende",
    });
    await t.db
      .updateTable("reports")
      .set({ status: "atgardad", closed_at: msAgo(100 * day) })
      .where("tenant_id", "=", tenant.id)
      .where("id", "=", closed.id)
      .execute();
    const recent = await makeReport(t.db, tenant.id, { description: "Stängd nyss", reporter_email: "ny@exempel.se" });
    await t.db
      .updateTable("reports")
      .set({ status: "atgardad", closed_at: msAgo(10 * day) })
      .where("tenant_id", "=", tenant.id)
      .where("id", "=", recent.id)
      .execute();
    await t.db
      .insertInto("report_subscriptions")
      .values({ tenant_id: tenant.id, email: "glomde@exempel.se", events: "new", token_hash: "f".repeat(64), created_at: msAgo(8 * day) })
      .execute();
    // A draft photo nobody sent.
    const { payload, headers } = multipartBody({ category: "belysning", description: "" }, [
      {
        field: "photos",
        filename: "a.png",
        contentType: "image/png",
        data: await (await import("sharp"))
          .default({ create: { width: 20, height: 20, channels: 3, background: "#123" } })
          .png()
          .toBuffer(),
      },
    ]);
    assert.equal((await t.app.inject({ method: "POST", url: `/t/${tenant.slug}/rapportera`, payload, headers })).statusCode, 400);
    await t.db
      .updateTable("report_photos")
      .set({ created_at: msAgo(2 * day) })
      .where("tenant_id", "=", tenant.id)
      .where("report_id", "is", null)
      .execute();

    const r = await runRetention(t.db, t.app.deps);
    assert.ok(r.contactsRemoved >= 1 && r.draftsRemoved === 1 && r.alertsRemoved === 1, JSON.stringify(r));
    const c = await t.db.selectFrom("reports").selectAll().where("tenant_id", "=", tenant.id).where("id", "=", closed.id).executeTakeFirstOrThrow();
    assert.deepEqual([c.reporter_email, c.reporter_name, c.wants_updates], [null, null, false]);
    assert.ok(c.contact_removed_at);
    assert.equal(c.description, "Stängd för länge sedan", "the report itself stays");
    assert.equal(
      (await t.db.selectFrom("reports").select("reporter_email").where("tenant_id", "=", tenant.id).where("id", "=", recent.id).executeTakeFirstOrThrow())
        .reporter_email,
      "ny@exempel.se",
    );
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("tenant_id", "=", tenant.id)
      .where("entity_id", "=", closed.id)
      .where("action", "=", "report.contact.removedByRetention")
      .executeTakeFirst();
    assert.ok(audit);
    assert.ok(!JSON.stringify(audit.data).includes("gammal@exempel.se"));
    assert.equal((await t.db.selectFrom("report_photos").select("id").where("tenant_id", "=", tenant.id).where("report_id", "is", null).execute()).length, 0);
  });
});
