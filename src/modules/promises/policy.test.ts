import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Role } from "../../platform/db/schema.ts";
import { abilitiesOf, can } from "./policy.ts";

const T = "tenant-1";
function actor(role: Role | null, over: Partial<Actor> = {}): Actor {
  return {
    userId: `u-${role}`,
    name: "Test",
    email: "t@example.org",
    isSystemAdmin: false,
    roles: new Map(role ? [[T, [role]]] : []),
    organisations: new Map([[T, "org-dept"]]),
    ...over,
  };
}

describe("promises policy", () => {
  it("denies everything to residents and to staff of other tenants", () => {
    for (const a of [null, actor(null), { ...actor("samordnare"), roles: new Map([["other", ["samordnare" as Role]]]) }]) {
      assert.ok(Object.values(abilitiesOf(a, T)).every((v) => v === false));
    }
  });

  it("gives the whole cycle to samordnare and admin, edit/sign/log to polis, reading to läsare", () => {
    for (const r of ["samordnare", "admin"] as const) assert.ok(Object.values(abilitiesOf(actor(r), T)).every(Boolean), r);
    const polis = abilitiesOf(actor("polis"), T);
    assert.deepEqual(
      [polis.create, polis.edit, polis.sign, polis.publish, polis.followUp, polis.logActivity, polis.delete],
      [false, true, true, false, false, true, false],
    );
    assert.equal(can(actor("samordnare"), "document.delete", { tenant_id: T }), true);
    assert.equal(can(actor("polis"), "document.delete", { tenant_id: T }), false);
    const lasare = abilitiesOf(actor("lasare"), T);
    assert.equal(lasare.readStaff, true);
    assert.ok(Object.entries(lasare).every(([k, v]) => k === "readStaff" || v === false));
    const sys = abilitiesOf(actor(null, { isSystemAdmin: true }), T);
    assert.equal(sys.publish, true);
  });

  it("lets åtgärdsägare log activities only where their organisation (or its parent) is responsible", () => {
    const a = actor("atgardsagare");
    const log = (who: Actor, responsible: string[], chain: string[]) =>
      can(who, "promise.logActivity", { tenant_id: T, responsibleOrganisationIds: responsible, actorOrganisations: chain });
    assert.equal(log(a, ["org-dept"], ["org-dept", "org-kommun"]), true);
    assert.equal(log(a, ["org-kommun"], ["org-dept", "org-kommun"]), true);
    assert.equal(log(a, ["org-polis"], ["org-dept", "org-kommun"]), false);
    assert.equal(log(actor("lasare"), ["org-dept"], ["org-dept"]), false);
    assert.equal(log(actor("polis"), [], []), true);
    // The same facts in another tenant give nothing.
    assert.equal(can(a, "promise.logActivity", { tenant_id: "other", responsibleOrganisationIds: ["org-dept"], actorOrganisations: ["org-dept"] }), false);
  });

  it("lets the author or a coordinator delete an activity", () => {
    const a = actor("atgardsagare");
    assert.equal(can(a, "activity.delete", { tenant_id: T, created_by: a.userId }), true);
    assert.equal(can(a, "activity.delete", { tenant_id: T, created_by: "someone-else" }), false);
    assert.equal(can(actor("samordnare"), "activity.delete", { tenant_id: T, created_by: "someone-else" }), true);
    assert.equal(can(actor("lasare"), "activity.delete", { tenant_id: T, created_by: "u-lasare" }), false);
    assert.equal(can(null, "activity.delete", { tenant_id: T, created_by: null }), false);
  });
});
