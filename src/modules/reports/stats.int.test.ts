// The figures for the lägesbild and the medborgarlöfte: by category, status, area, month and
// when it feels unsafe; medians of time to a first response and to closure, shown only over enough
// reports and never as a ranking; a stable address a promise's lägesbild finding cites as its
// source, live.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeOrganisation, makeTenant } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { makePromiseDocument } from "../promises/testing.ts";
import { monthKey, monthStart, stockholmMonth } from "./domain/periods.ts";
import { reportStats, statsPeriod } from "./service/stats.ts";
import { reportsSettings } from "./settings.ts";
import { makeReport } from "./testing.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe("reports: statistics for the lägesbild", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let lastMonthKey: string;
  let gatu: { id: string; name: string };
  let park: { id: string; name: string };

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    gatu = await makeOrganisation(t.db, tenant.id, "Gatukontoret");
    park = await makeOrganisation(t.db, tenant.id, "Parkförvaltningen");
    const now = new Date();
    const m = stockholmMonth(now);
    const lastMonth = new Date(monthStart(m.year, m.month - 1).getTime() + 3 * DAY);
    lastMonthKey = monthKey(lastMonth);
    // Gatukontoret: 6 belysning reports last month, answered after 2, 4, 6, 8, 10, 12 hours, closed after 1–6 days.
    for (let i = 1; i <= 6; i++) {
      const r = await makeReport(t.db, tenant.id, {
        category: "belysning",
        unsafe_times: i <= 4 ? ["kvall", "natt"] : ["dag"],
        organisation_id: gatu.id,
        created_at: lastMonth,
      });
      await t.db
        .updateTable("reports")
        .set({ status: "atgardad", first_response_at: new Date(lastMonth.getTime() + 2 * i * HOUR), closed_at: new Date(lastMonth.getTime() + i * DAY) })
        .where("tenant_id", "=", tenant.id)
        .where("id", "=", r.id)
        .execute();
    }
    // Parkförvaltningen: 2 reports (too few for a median).
    for (let i = 0; i < 2; i++) {
      const r = await makeReport(t.db, tenant.id, { category: "vaxtlighet", organisation_id: park.id, created_at: lastMonth });
      await t.db
        .updateTable("reports")
        .set({ first_response_at: new Date(lastMonth.getTime() + HOUR) })
        .where("tenant_id", "=", tenant.id)
        .where("id", "=", r.id)
        .execute();
    }
    // This month: 4 klotter (place-type: counted at once) and 3 narkotika (person-related: not before the month ends).
    for (let i = 0; i < 4; i++) await makeReport(t.db, tenant.id, { category: "klotter" });
    for (let i = 0; i < 3; i++) await makeReport(t.db, tenant.id, { category: "narkotika" });
    // Last month: 4 narkotika (shown) and a hidden and a pending report (never counted).
    for (let i = 0; i < 4; i++) await makeReport(t.db, tenant.id, { category: "narkotika", created_at: lastMonth });
    await makeReport(t.db, tenant.id, { category: "klotter", visibility: "hidden", created_at: lastMonth });
    await makeReport(t.db, tenant.id, { category: "annat", visibility: "pending", created_at: lastMonth });
  });
  after(async () => t?.close());

  it("counts by category, status, month and time of day, and leaves this month's person-related reports out", async () => {
    const s = await reportStats(t.db, tenant.id, reportsSettings({ settings: {} }), statsPeriod(undefined, undefined)!);
    const cat = (code: string) => s.categories.find((c) => c.code === code)!;
    assert.equal(cat("belysning").total, 6);
    assert.equal(cat("belysning").byStatus.find((x) => x.key === "atgardad")!.count, 6);
    assert.equal(cat("belysning").byMonth.find((x) => x.key === lastMonthKey)!.count, 6);
    assert.deepEqual(
      cat("belysning").byTime.map((x) => [x.key, x.count]),
      [
        ["dag", 2],
        ["kvall", 4],
        ["natt", 4],
        ["helg", 0],
      ],
    );
    assert.equal(cat("klotter").total, 4, "place-type reports of this month count; the hidden one does not");
    assert.equal(cat("narkotika").total, 4, "this month's person-related reports are not counted yet");
    assert.equal(cat("narkotika").byMonth.find((x) => x.key === s.runningMonth)!.count, null);
    assert.equal(cat("annat").total, 0, "a report waiting for review is not counted");
    assert.equal(s.placeTotal, 12);
    assert.equal(s.personTotal, 4);
  });

  it("shows medians only over enough reports, and organisations by name, not ranked", async () => {
    const s = await reportStats(t.db, tenant.id, reportsSettings({ settings: {} }), statsPeriod(undefined, undefined)!);
    const g = s.organisations.find((o) => o.name === "Gatukontoret")!;
    assert.equal(g.firstResponse.hours, 7, "median of 2, 4, 6, 8, 10, 12 hours");
    assert.equal(g.closure.hours, 3.5 * 24);
    assert.equal(g.firstResponse.n, 6);
    assert.equal(
      s.organisations.find((o) => o.name === "Parkförvaltningen"),
      undefined,
      "two reports are too few to show",
    );
    const page = await t.app.inject({ url: `/t/${tenant.slug}/rapporter/statistik` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Gatukontoret<\/th><td>0,3 dygn \(av 6 rapporter\)<\/td><td>3,5 dygn \(av 6 rapporter\)/);
    assert.match(page.body, /inte i rangordning/);
  });

  it("has a stable address for a period, refuses a bad one in Swedish, and a promise's finding cites it live", async () => {
    const url = `/t/${tenant.slug}/rapporter/statistik?fran=${lastMonthKey}&till=${lastMonthKey}`;
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`Rapporter från invånare ${lastMonthKey} – ${lastMonthKey}`));
    assert.ok(res.body.includes(`/rapporter/statistik?fran=${lastMonthKey}&amp;till=${lastMonthKey}`), "the address to cite is on the page");
    const bad = await t.app.inject({ url: `/t/${tenant.slug}/rapporter/statistik?fran=2026-13&till=2020-01` });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ange månader som ÅÅÅÅ-MM/);
    const tooLong = await t.app.inject({ url: `/t/${tenant.slug}/rapporter/statistik?fran=2020-01&till=2026-01` });
    assert.equal(tooLong.statusCode, 400);
    // A published promise whose lägesbild finding cites the figures (source: medborgardialog).
    const { doc } = await makePromiseDocument(t.db, tenant.id, {
      status: "publicerat",
      content: { findings: [{ text: "Invånarna rapporterar mörka platser vid stationen.", source: "medborgardialog", ref_url: url }] },
    });
    const promise = await t.app.inject({ url: `/t/${tenant.slug}/medborgarlofte/${doc.id}` });
    assert.equal(promise.statusCode, 200);
    assert.ok(promise.body.includes(`href="${url.replace("&", "&amp;")}"`), "the finding links to the live figures");
    assert.match(promise.body, /Medborgardialog/);
    // Live: a new report of that month shows at once.
    await makeReport(t.db, tenant.id, {
      category: "belysning",
      created_at: new Date(monthStart(Number(lastMonthKey.slice(0, 4)), Number(lastMonthKey.slice(5))).getTime() + DAY),
    });
    const after = await reportStats(t.db, tenant.id, reportsSettings({ settings: {} }), statsPeriod(lastMonthKey, lastMonthKey)!);
    assert.equal(after.categories.find((c) => c.code === "belysning")!.total, 7);
  });
});
