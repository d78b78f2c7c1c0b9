import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Role } from "../../platform/db/schema.ts";
import { can, reportAbilities } from "./policy.ts";

const T = "tenant-a";
function actor(role: Role | null, org: string | null = null, tenant = T): Actor {
  return {
    userId: `u-${role}`,
    name: "x",
    email: "x@x",
    isSystemAdmin: false,
    roles: new Map(role ? [[tenant, [role]]] : []),
    organisations: new Map([[tenant, org]]),
  };
}
const report = (organisation_id: string | null, actorOrganisations: string[] = []) => ({ tenant_id: T, organisation_id, actorOrganisations });

describe("reports policy", () => {
  it("lets coordinators do everything with any report, and only admins issue keys", () => {
    for (const role of ["admin", "samordnare"] as const) {
      const a = reportAbilities(actor(role), report(null));
      assert.deepEqual(
        Object.values(a),
        Object.values(a).map(() => true),
        role,
      );
    }
    assert.equal(can(actor("admin"), "reports.manageKeys", { tenant_id: T }), true);
    assert.equal(can(actor("samordnare"), "reports.manageKeys", { tenant_id: T }), false);
  });

  it("lets the organisation a report is routed to (or one above it) handle it, and nobody else", () => {
    assert.equal(can(actor("polis", "lpo"), "report.handle", report("lpo", ["lpo"])), true);
    assert.equal(can(actor("atgardsagare", "sbf"), "report.handle", report("kommun", ["sbf", "kommun"])), true, "routed to the parent");
    assert.equal(can(actor("atgardsagare", "bolag"), "report.handle", report("sbf", ["bolag"])), false);
    assert.equal(can(actor("polis", "lpo"), "report.handle", report(null, ["lpo"])), false, "not routed yet");
    assert.equal(can(actor("atgardsagare", "sbf"), "report.route", report("sbf", ["sbf"])), false, "routing is for coordinators");
    assert.equal(can(actor("atgardsagare", "sbf"), "report.merge", report("sbf", ["sbf"])), false);
    assert.equal(can(actor("atgardsagare", "sbf"), "report.redact", report("sbf", ["sbf"])), true);
  });

  it("lets every staff role read but not act, hides the reporter from readers, and denies other tenants and residents", () => {
    for (const role of ["lasare", "rapportor"] as const) {
      assert.equal(can(actor(role), "reports.readStaff", { tenant_id: T }), true);
      assert.equal(can(actor(role, "sbf"), "report.handle", report("sbf", ["sbf"])), false, role);
      assert.equal(can(actor(role, "sbf"), "report.seeReporter", report("sbf", ["sbf"])), false, role);
    }
    assert.equal(can(actor("samordnare", null, "tenant-b"), "report.handle", report(null)), false);
    assert.equal(can(null, "reports.readStaff", { tenant_id: T }), false);
    assert.equal(can(actor("polis", "lpo"), "reports.export", { tenant_id: T }), true);
    assert.equal(can(actor("lasare"), "reports.export", { tenant_id: T }), false);
  });
});
