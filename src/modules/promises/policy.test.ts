import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Role } from "../../platform/db/schema.ts";
import { abilitiesOf, canDeleteActivity, canLogActivity } from "./policy.ts";

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
    assert.deepEqual([polis.create, polis.edit, polis.sign, polis.publish, polis.followUp, polis.logActivity], [false, true, true, false, false, true]);
    const lasare = abilitiesOf(actor("lasare"), T);
    assert.equal(lasare.readStaff, true);
    assert.ok(Object.entries(lasare).every(([k, v]) => k === "readStaff" || v === false));
    const sys = abilitiesOf(actor(null, { isSystemAdmin: true }), T);
    assert.equal(sys.publish, true);
  });

  it("lets åtgärdsägare log activities only where their organisation (or its parent) is responsible", () => {
    const a = actor("atgardsagare");
    assert.equal(canLogActivity(a, T, { responsibleOrganisationIds: ["org-dept"] }, ["org-dept", "org-kommun"]), true);
    assert.equal(canLogActivity(a, T, { responsibleOrganisationIds: ["org-kommun"] }, ["org-dept", "org-kommun"]), true);
    assert.equal(canLogActivity(a, T, { responsibleOrganisationIds: ["org-polis"] }, ["org-dept", "org-kommun"]), false);
    assert.equal(canLogActivity(actor("lasare"), T, { responsibleOrganisationIds: ["org-dept"] }, ["org-dept"]), false);
    assert.equal(canLogActivity(actor("polis"), T, { responsibleOrganisationIds: [] }, []), true);
  });

  it("lets the author or a coordinator delete an activity", () => {
    const a = actor("atgardsagare");
    assert.equal(canDeleteActivity(a, T, { createdBy: a.userId }), true);
    assert.equal(canDeleteActivity(a, T, { createdBy: "someone-else" }), false);
    assert.equal(canDeleteActivity(actor("samordnare"), T, { createdBy: "someone-else" }), true);
    assert.equal(canDeleteActivity(actor("lasare"), T, { createdBy: "u-lasare" }), false);
  });
});
