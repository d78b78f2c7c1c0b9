import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Actor } from "../../platform/auth/actor.ts";
import { canViewOutbox } from "./policy.ts";

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: "u",
  name: "n",
  email: "e@x.se",
  isSystemAdmin: false,
  roles: new Map(),
  organisations: new Map(),
  ...over,
});

describe("admin policy", () => {
  it("lets only system administrators see the outbox", () => {
    assert.equal(canViewOutbox(null), false);
    assert.equal(canViewOutbox(actor({ roles: new Map([["t1", ["admin"]]]) })), false);
    assert.equal(canViewOutbox(actor({ isSystemAdmin: true })), true);
  });
});
