import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { makeTenant } from "../testing/factories.ts";
import { createTestApp, type TestApp } from "../testing/harness.ts";
import { findTenantBySlug } from "./resolve.ts";
import { saveSettings, settingsOf } from "./settings.ts";

const Schema = z.object({ threshold: z.number().int().min(1).max(50).default(3), categories: z.array(z.string()).default(["a"]) });

describe("per-tenant module settings", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t?.close());

  it("gives defaults, stores one module's key without touching others, and falls back on stored nonsense", async () => {
    const tenant = await makeTenant(t.db);
    const row = async () => (await findTenantBySlug(t.db, tenant.slug))!;
    assert.deepEqual(settingsOf(await row(), "reports", Schema), { threshold: 3, categories: ["a"] });
    await saveSettings(t.db, tenant.id, "est", Schema, { threshold: 7 });
    await saveSettings(t.db, tenant.id, "reports", Schema, { threshold: 5, categories: ["x", "y"] });
    assert.deepEqual(settingsOf(await row(), "reports", Schema), { threshold: 5, categories: ["x", "y"] });
    assert.equal(settingsOf(await row(), "est", Schema).threshold, 7);
    assert.throws(() => Schema.parse({ threshold: 0 }));
    await t.db
      .updateTable("tenants")
      .set({ settings: JSON.stringify({ reports: { threshold: "many" } }) })
      .where("id", "=", tenant.id)
      .execute();
    assert.deepEqual(settingsOf(await row(), "reports", Schema), { threshold: 3, categories: ["a"] });
  });
});
