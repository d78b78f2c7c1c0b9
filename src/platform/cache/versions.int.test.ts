// The public version of a tenant: bumped by triggers in the same transaction as a change, and
// never read older than the last commit before the read was asked for — on PostgreSQL (a read per
// request, batched) and on PGlite (known from NOTIFY, read only when unknown).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { makeTenant } from "../testing/factories.ts";
import { createTestApp, type TestApp, testDbKind } from "../testing/harness.ts";
import { createPublicVersions, type PublicVersions } from "./versions.ts";

describe("public versions", () => {
  let t: TestApp;
  let versions: PublicVersions;
  before(async () => {
    t = await createTestApp();
    versions = await createPublicVersions(t.database);
  });
  after(async () => {
    await versions?.close();
    await t?.close();
  });

  it("reads on every request on PostgreSQL and from notifications on PGlite", () => {
    assert.equal(versions.mode, testDbKind() === "postgres" ? "query" : "notify");
  });

  it("knows no version for a slug no tenant has", async () => {
    assert.equal(await versions.bySlug("finns-inte"), null);
    assert.equal(await versions.bySlug("../x"), null);
  });

  it("grows with every change to the tenant's public data, committed or not at all", async () => {
    const tenant = await makeTenant(t.db);
    const v0 = await versions.bySlug(tenant.slug);
    assert.equal(v0?.tenantId, tenant.id);
    await t.db.updateTable("tenants").set({ name: "Ändrat namn" }).where("id", "=", tenant.id).execute();
    const v1 = await versions.bySlug(tenant.slug);
    assert.ok(v1 && v0 && v1.version > v0.version, "a committed change bumps the version");
    // A rolled-back change leaves it as it was.
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("tenants").set({ name: "Aldrig" }).where("id", "=", tenant.id).execute();
        throw new Error("ångra");
      })
      .catch(() => {});
    assert.equal((await versions.bySlug(tenant.slug))?.version, v1.version);
  });

  it("never answers a request with a version older than the last commit before it asked, however many ask at once", async () => {
    const tenant = await makeTenant(t.db);
    // Readers asking all the time, so a read is always on its way when a change commits.
    let running = true;
    const hammer = Array.from({ length: 3 }, async () => {
      while (running) {
        await versions.bySlug(tenant.slug);
        // (Known versions come back at once on PGlite: let the rest of the event loop run.)
        await new Promise((r) => setImmediate(r));
      }
    });
    try {
      for (let round = 0; round < 30; round++) {
        await t.db
          .updateTable("tenants")
          .set({ name: `Namn ${round}` })
          .where("id", "=", tenant.id)
          .execute();
        const committed = Number(
          (await sql<{ version: string }>`select version from public_versions where tenant_id = ${tenant.id}`.execute(t.db)).rows[0]?.version,
        );
        // Whoever asks after the commit must see it, even with reads in flight from before.
        const late = await Promise.all(Array.from({ length: 5 }, () => versions.bySlug(tenant.slug)));
        for (const v of late) assert.ok(v && v.version >= committed, `omgång ${round}: ${v?.version} < ${committed}`);
      }
    } finally {
      running = false;
      await Promise.all(hammer);
    }
  });

  it("follows a tenant's new slug", async () => {
    const tenant = await makeTenant(t.db);
    assert.equal((await versions.bySlug(tenant.slug))?.tenantId, tenant.id);
    const moved = `${tenant.slug}-ny`;
    await t.db.updateTable("tenants").set({ slug: moved }).where("id", "=", tenant.id).execute();
    assert.equal(await versions.bySlug(tenant.slug), null);
    assert.equal((await versions.bySlug(moved))?.tenantId, tenant.id);
  });
});
