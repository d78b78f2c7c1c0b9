import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Role } from "../../platform/db/schema.ts";
import { can } from "./policy.ts";

const T = "tenant-a";
const OTHER = "tenant-b";
function actor(role: Role | null, over: Partial<Actor> = {}): Actor {
  return {
    userId: `user-${role}`,
    name: "X",
    email: "x@example.org",
    isSystemAdmin: false,
    roles: new Map(role ? [[T, [role]]] : []),
    organisations: new Map(),
    ...over,
  };
}

describe("walks policy", () => {
  it("lets organisers plan and capture, and nobody from another tenant", () => {
    for (const r of ["admin", "samordnare", "polis"] as const) {
      assert.ok(can(actor(r), "walk.plan", { tenant_id: T }), r);
      assert.ok(can(actor(r), "walk.capture", { tenant_id: T, observerIds: [] }), r);
    }
    for (const r of ["rapportor", "atgardsagare", "lasare"] as const) assert.ok(!can(actor(r), "walk.plan", { tenant_id: T }), r);
    assert.ok(!can(actor("samordnare"), "walk.plan", { tenant_id: OTHER }));
    assert.ok(!can(null, "walk.capture", { tenant_id: T, observerIds: [] }));
  });

  it("lets a staff member capture only on the walks they observe", () => {
    const reporter = actor("rapportor");
    assert.ok(!can(reporter, "walk.capture", { tenant_id: T, observerIds: [] }));
    assert.ok(can(reporter, "walk.capture", { tenant_id: T, observerIds: [reporter.userId] }));
    // An observer id of this tenant does not help in another tenant.
    assert.ok(!can(reporter, "walk.capture", { tenant_id: OTHER, observerIds: [reporter.userId] }));
  });

  it("lets an observer edit what they captured, not what others did", () => {
    const reporter = actor("rapportor");
    const facts = { tenant_id: T, observerIds: [reporter.userId] };
    assert.ok(can(reporter, "observation.edit", { ...facts, observer_id: reporter.userId }));
    assert.ok(!can(reporter, "observation.edit", { ...facts, observer_id: "someone-else" }));
    assert.ok(can(actor("polis"), "observation.edit", { tenant_id: T, observerIds: [], observer_id: "someone-else" }));
  });

  it("lets åtgärdsägare update only their organisation's actions", () => {
    const owner = actor("atgardsagare");
    assert.ok(can(owner, "action.update", { tenant_id: T, organisation_id: "org-1", actorOrganisations: ["org-1", "kommun"] }));
    assert.ok(!can(owner, "action.update", { tenant_id: T, organisation_id: "org-2", actorOrganisations: ["org-1", "kommun"] }));
    assert.ok(!can(owner, "action.update", { tenant_id: T, organisation_id: null, actorOrganisations: ["org-1"] }));
    assert.ok(can(actor("samordnare"), "action.update", { tenant_id: T, organisation_id: "org-2", actorOrganisations: [] }));
    assert.ok(!can(actor("polis"), "action.update", { tenant_id: T, organisation_id: "org-2", actorOrganisations: [] }));
  });

  it("keeps the protocol and the settings with the coordinators", () => {
    assert.ok(can(actor("samordnare"), "protocol.manage", { tenant_id: T }));
    assert.ok(!can(actor("polis"), "protocol.manage", { tenant_id: T }));
    assert.ok(!can(actor("lasare"), "settings.manage", { tenant_id: T }));
  });
});
