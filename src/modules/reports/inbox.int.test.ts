// The staff inbox with a large backlog: each status is read on its own along its index and the
// lists merged (repo/reports.ts listInbox), so the order is newest first across statuses and the
// pages follow each other without a gap or a repeat; the open counts are cut at COUNT_CAP and the
// page says "1 000+" instead of counting every report.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { COUNT_CAP, countByStatus, listInbox } from "./repo/reports.ts";
import { makeReport } from "./testing.ts";

describe("reports: the staff inbox over many reports", () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
  });
  after(async () => t?.close());

  it("lists open reports newest first across statuses, page after page without a gap or a repeat", async () => {
    const tenant = await makeTenant(t.db);
    const statuses = ["mottagen", "under_utredning", "atgardad"] as const;
    const made: Array<{ id: string; status: string; created: Date }> = [];
    for (let i = 0; i < 24; i++) {
      const r = await makeReport(t.db, tenant.id);
      const status = statuses[i % 3]!;
      // Two reports share each second: the id decides between them.
      const created = new Date(Date.UTC(2026, 10, 1, 12, 0, Math.floor(i / 2)));
      await t.db
        .updateTable("reports")
        .set({ status, created_at: created, closed_at: status === "atgardad" ? created : null })
        .where("id", "=", r.id)
        .execute();
      made.push({ id: r.id, status, created });
    }
    const expected = made
      .filter((m) => m.status !== "atgardad")
      .sort((a, b) => b.created.getTime() - a.created.getTime() || (a.id < b.id ? 1 : -1))
      .map((m) => m.id);
    const filter = { status: ["mottagen", "under_utredning"] as const };
    const seen: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 5) {
      const page = await listInbox(t.db, tenant.id, { status: [...filter.status] }, { offset, limit: 5 });
      seen.push(...page.map((r) => r.id));
    }
    assert.deepEqual(seen, expected);
    // The database's own order agrees when no status is given (one read).
    const all = await listInbox(t.db, tenant.id, {}, { offset: 0, limit: 100 });
    const own = made.sort((a, b) => b.created.getTime() - a.created.getTime() || (a.id < b.id ? 1 : -1)).map((m) => m.id);
    assert.deepEqual(
      all.map((r) => r.id),
      own,
    );
  });

  it("counts open reports only up to a bound and says '1 000+' beyond it", async () => {
    const tenant = await makeTenant(t.db);
    await sql`
      insert into reports (tenant_id, ref, category, person_related, precision, description, status)
      select ${tenant.id}::uuid, upper(substr(md5(g::text || ${tenant.id}), 1, 8)), 'klotter', false, 'area', 'Klotter på väggen', 'mottagen'
      from generate_series(1, ${COUNT_CAP + 5}) g
    `.execute(t.db);
    await makeReport(t.db, tenant.id, { category: "belysning" });
    await t.db.updateTable("reports").set({ status: "under_utredning" }).where("tenant_id", "=", tenant.id).where("category", "=", "belysning").execute();
    const counts = await countByStatus(t.db, tenant.id, { status: ["mottagen", "under_utredning"] });
    assert.equal(counts.get("mottagen"), COUNT_CAP + 1, "cut one past the bound");
    assert.equal(counts.get("under_utredning"), 1);
    const staff = await makeUser(t.db, tenant.id, "samordnare");
    const res = await t.app.inject({ url: `/t/${tenant.slug}/arbete/rapporter`, cookies: await sessionCookie(t.db, staff.id) });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /\(1\s000\+\)/u, "the tabs say 1 000+");
    assert.doesNotMatch(res.body, /\(1\s?00[56]\)/u, "never the exact count past the bound");
    const start = await t.app.inject({ url: `/t/${tenant.slug}/arbete`, cookies: await sessionCookie(t.db, staff.id) });
    assert.match(start.body, /Fler än 1\s000 öppna rapporter/u);
  });
});
