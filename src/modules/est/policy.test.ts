import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Role } from "../../platform/db/schema.ts";
import { can, type ReportFacts } from "./policy.ts";

const T = "tenant-1";
function actor(role: Role | null, org: string | null = null, id = "u1"): Actor {
  return { userId: id, name: "x", email: "x", isSystemAdmin: false, roles: new Map(role ? [[T, [role]]] : []), organisations: new Map([[T, org]]) };
}
const now = new Date("2024-06-10T12:00:00Z");
const report = (over: Partial<ReportFacts> = {}): ReportFacts => ({
  tenant_id: T,
  reporter_id: "u1",
  organisation_id: "orgA",
  created_at: new Date("2024-06-08T12:00:00Z"),
  status: "ny",
  reportersSeeAll: false,
  actorOrganisations: [],
  now,
  ...over,
});

describe("EST policy", () => {
  it("every staff role reads the week; nobody outside the tenant", () => {
    for (const r of ["admin", "samordnare", "polis", "rapportor", "atgardsagare", "lasare"] as Role[])
      assert.ok(can(actor(r), "est.read", { tenant_id: T }), r);
    assert.equal(can(actor(null), "est.read", { tenant_id: T }), false);
    assert.equal(can(null, "est.read", { tenant_id: T }), false);
  });

  it("reporters see their own organisation's reports, others only when the tenant allows it", () => {
    assert.ok(can(actor("rapportor", "orgA", "u2"), "report.read", report()));
    assert.equal(can(actor("rapportor", "orgB", "u2"), "report.read", report()), false);
    assert.ok(can(actor("rapportor", "orgB", "u2"), "report.read", report({ reportersSeeAll: true })));
    assert.ok(can(actor("rapportor", null, "u1"), "report.read", report({ organisation_id: null })), "their own, without an organisation");
    assert.ok(can(actor("lasare"), "report.read", report()));
    assert.ok(can(actor("polis"), "report.read", report()));
  });

  it("the reporter corrects their own report for 7 days; a coordinator always; a merged one nobody", () => {
    assert.ok(can(actor("rapportor", "orgA", "u1"), "report.correct", report()));
    assert.equal(can(actor("rapportor", "orgA", "u2"), "report.correct", report()), false);
    assert.equal(can(actor("rapportor", "orgA", "u1"), "report.correct", report({ created_at: new Date("2024-06-02T12:00:00Z") })), false);
    assert.ok(can(actor("samordnare"), "report.correct", report({ created_at: new Date("2020-01-01") })));
    assert.equal(can(actor("samordnare"), "report.correct", report({ status: "sammanslagen" })), false);
    assert.equal(can(actor("lasare", null, "u1"), "report.correct", report()), false);
  });

  it("an insats is reported by its organisation (or one under it) or a coordinator; never by a reader", () => {
    const i = { tenant_id: T, organisation_id: "orgB", status: "beslutad" };
    assert.ok(can(actor("atgardsagare", "orgB-child"), "insats.report", { ...i, actorOrganisations: ["orgB-child", "orgB"] }));
    assert.equal(can(actor("atgardsagare", "orgA"), "insats.report", { ...i, actorOrganisations: ["orgA"] }), false);
    assert.equal(can(actor("lasare", "orgB"), "insats.report", { ...i, actorOrganisations: ["orgB"] }), false);
    assert.ok(can(actor("samordnare"), "insats.report", { ...i, actorOrganisations: [] }));
    assert.equal(can(actor("samordnare"), "insats.report", { ...i, status: "installd", actorOrganisations: [] }), false);
  });

  it("coordinators run the meeting, decide and export; the police export too; reporters do none of it", () => {
    for (const a of ["meeting.manage", "insats.create", "summary.edit", "reports.upload", "est.settings"] as const) {
      assert.ok(can(actor("samordnare"), a, { tenant_id: T }), a);
      assert.equal(can(actor("rapportor"), a, { tenant_id: T }), false, a);
    }
    assert.ok(can(actor("polis"), "est.export", { tenant_id: T }));
    assert.equal(can(actor("lasare"), "est.export", { tenant_id: T }), false);
    assert.ok(can(actor("rapportor"), "report.create", { tenant_id: T }));
    assert.equal(can(actor("atgardsagare"), "report.create", { tenant_id: T }), false);
  });
});
