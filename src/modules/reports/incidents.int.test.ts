// Residents' reports as a source of the lägesbild: the reports that count, on the Stockholm day
// they came in, with their stored point; duplicates and taken-down reports left out; area-only
// reports without a point; another tenant's reports never.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeTenant } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { reportsIncidentSource } from "./incidents.ts";
import { makeReport } from "./testing.ts";

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

describe("reports as a lägesbild source", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string; settings?: Record<string, unknown> };

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    const other = await makeTenant(t.db);
    // 23:30 UTC on 5 March is 00:30 on 6 March in Stockholm (CET).
    const first = await makeReport(t.db, tenant.id, { category: "belysning", created_at: new Date("2024-03-05T23:30:00Z") });
    await makeReport(t.db, tenant.id, { category: "klotter", created_at: new Date("2024-03-08T10:00:00Z"), lat: null, lon: null });
    await makeReport(t.db, tenant.id, { category: "narkotika", created_at: new Date("2024-03-09T20:00:00Z"), visibility: "pending" });
    const duplicate = await makeReport(t.db, tenant.id, { category: "belysning", created_at: new Date("2024-03-07T10:00:00Z") });
    await t.db.updateTable("reports").set({ status: "dubblett", duplicate_of: first.id }).where("id", "=", duplicate.id).execute();
    await makeReport(t.db, tenant.id, { category: "belysning", created_at: new Date("2024-03-07T11:00:00Z"), visibility: "hidden" });
    // Outside the week: Sunday 10 March 23:30 Stockholm is still inside, Monday 00:30 is not.
    await makeReport(t.db, tenant.id, { category: "trafik", created_at: new Date("2024-03-10T22:30:00Z") });
    await makeReport(t.db, tenant.id, { category: "trafik", created_at: new Date("2024-03-10T23:30:00Z") });
    await makeReport(t.db, other.id, { category: "belysning", created_at: new Date("2024-03-06T10:00:00Z") });
  });
  after(() => t.close());

  it("counts the week's reports on their Stockholm day, with points where they have them, and leaves out duplicates and taken-down ones", async () => {
    const range = { from: dayNumber("2024-03-04"), to: dayNumber("2024-03-11") };
    const rows = (await reportsIncidentSource.rows(tenant.id, range).execute(t.db)).rows;
    const seen = rows.map((r) => [Number(r.day), r.category, r.lat === null]).sort((a, b) => Number(a[0]) - Number(b[0]));
    assert.deepEqual(seen, [
      [dayNumber("2024-03-06"), "belysning", false],
      [dayNumber("2024-03-08"), "klotter", true],
      [dayNumber("2024-03-09"), "narkotika", false],
      [dayNumber("2024-03-10"), "trafik", false],
    ]);
    const withPoint = rows.find((r) => r.category === "belysning")!;
    assert.ok(withPoint.n! > 6_000_000 && withPoint.e! > 300_000, "SWEREF 99 TM metres");
    const areaOnly = rows.find((r) => r.category === "klotter")!;
    assert.equal(areaOnly.n, null);
  });

  it("names the tenant's categories, person-related ones marked, and is one of the app's sources", () => {
    const cats = reportsIncidentSource.categories({ id: tenant.id, settings: {} });
    assert.equal(cats.find((c) => c.key === "narkotika")?.personRelated, true);
    assert.equal(cats.find((c) => c.key === "belysning")?.personRelated, false);
    assert.ok(t.app.ui.incidentSources.some((s) => s.key === "reports"));
  });
});
