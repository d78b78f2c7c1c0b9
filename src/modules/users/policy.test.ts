import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Role } from "../../platform/db/schema.ts";
import { abilitiesIn, canManageUsers } from "./policy.ts";

const actor = (roles: Record<string, Role[]>, isSystemAdmin = false): Actor => ({
  userId: "u1",
  name: "Test",
  email: "t@x.se",
  isSystemAdmin,
  roles: new Map(Object.entries(roles)),
  organisations: new Map(),
});

describe("users policy", () => {
  it("denies by default", () => {
    assert.equal(canManageUsers(null, "t1"), false);
    assert.deepEqual(abilitiesIn(null, "t1"), { staff: false, manageUsers: false });
  });

  it("lets a tenant's admins manage its people, in that tenant only", () => {
    const a = actor({ t1: ["admin"], t2: ["samordnare"] });
    assert.equal(canManageUsers(a, "t1"), true);
    assert.equal(canManageUsers(a, "t2"), false);
    assert.equal(canManageUsers(a, "t3"), false);
    assert.deepEqual(abilitiesIn(a, "t2"), { staff: true, manageUsers: false });
    assert.deepEqual(abilitiesIn(a, "t3"), { staff: false, manageUsers: false });
  });

  it("gives no other role user management", () => {
    for (const role of ["samordnare", "polis", "rapportor", "atgardsagare", "lasare"] as const) {
      assert.equal(canManageUsers(actor({ t1: [role] }), "t1"), false, role);
    }
  });

  it("lets system administrators manage every tenant", () => {
    const s = actor({}, true);
    assert.equal(canManageUsers(s, "any"), true);
    assert.deepEqual(abilitiesIn(s, "any"), { staff: true, manageUsers: true });
  });
});
