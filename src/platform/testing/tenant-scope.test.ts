// The tenant-scope guard on queries built by Kysely (no database: a dummy driver answers every
// query with no rows, which is enough — the guard judges the query, not its result).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from "kysely";
import { acrossTenants } from "../db/across-tenants.ts";
import type { DB } from "../db/schema.ts";
import { tenantScopeGuard, unscopedTenantTables } from "./tenant-scope.ts";

const TENANT_TABLES = ["memberships", "organisation_tenants", "organisations", "outbox", "promise_responsibles", "promises"];
const T = "7b0f3c52-3a0e-4d7a-9a55-5a4f2f9d2a11";

function dummyDb(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

const tables = new Set(TENANT_TABLES);
const db = dummyDb();
const unscoped = (q: { toOperationNode(): unknown }) => unscopedTenantTables(q.toOperationNode() as never, tables);

describe("unscopedTenantTables", () => {
  it("passes queries that compare tenant_id with a value", () => {
    assert.deepEqual(unscoped(db.selectFrom("promises").selectAll().where("tenant_id", "=", T).where("id", "=", T)), []);
    assert.deepEqual(unscoped(db.selectFrom("promises as p").select("p.id").where("p.tenant_id", "in", [T])), []);
    assert.deepEqual(unscoped(db.updateTable("promises").set({ text: "x" }).where("tenant_id", "=", T)), []);
    assert.deepEqual(unscoped(db.deleteFrom("memberships").where("tenant_id", "=", T).where("user_id", "=", T)), []);
    assert.deepEqual(unscoped(db.selectFrom("promises").select("id").where(sql<boolean>`tenant_id = ${T}`)), []);
    // scoped in a subquery: the organisations usable in a tenant
    assert.deepEqual(
      unscoped(
        db
          .selectFrom("organisations")
          .select("id")
          .where("id", "in", (eb) => eb.selectFrom("organisation_tenants").select("organisation_id").where("tenant_id", "=", T)),
      ),
      [],
    );
  });

  it("names the tenant-owned tables of a query that does not", () => {
    assert.deepEqual(unscoped(db.selectFrom("organisations").select("parent_id").where("id", "=", T)), ["organisations"]);
    assert.deepEqual(unscoped(db.updateTable("promises").set({ text: "x" }).where("id", "=", T)), ["promises"]);
    assert.deepEqual(unscoped(db.deleteFrom("promise_responsibles").where("promise_id", "=", T)), ["promise_responsibles"]);
    // tenant_id only selected, or only joined to tenants, scopes nothing
    assert.deepEqual(unscoped(db.selectFrom("memberships").select(["tenant_id", "role"]).where("user_id", "=", T)), ["memberships"]);
    assert.deepEqual(
      unscoped(
        db.selectFrom("memberships").innerJoin("tenants", "tenants.id", "memberships.tenant_id").select("tenants.slug").where("memberships.user_id", "=", T),
      ),
      ["memberships"],
    );
    assert.deepEqual(unscoped(db.selectFrom("promises").innerJoin("promise_responsibles", "promise_responsibles.promise_id", "promises.id").selectAll()), [
      "promise_responsibles",
      "promises",
    ]);
    assert.deepEqual(unscopedTenantTables(sql`select * from outbox where id = ${T}`.toOperationNode() as never, tables), ["outbox"]);
  });

  it("leaves alone inserts and queries on tables without tenant_id", () => {
    assert.deepEqual(unscoped(db.insertInto("promises").values({ tenant_id: T } as never)), []);
    assert.deepEqual(unscoped(db.selectFrom("users").selectAll().where("id", "=", T)), []);
    assert.deepEqual(unscoped(db.selectFrom("tenants").selectAll()), []);
  });
});

describe("tenantScopeGuard", () => {
  it("fails an unscoped query, records it, and lets acrossTenants(db) through", async () => {
    const guard = tenantScopeGuard(TENANT_TABLES);
    const guarded = dummyDb().withPlugin(guard);
    await guarded.selectFrom("promises").selectAll().where("tenant_id", "=", T).execute();
    await assert.rejects(guarded.selectFrom("organisations").select("parent_id").where("id", "=", T).execute(), /organisations: select "parent_id"/);
    assert.equal(guard.violations.length, 1);
    await acrossTenants(guarded).selectFrom("outbox").selectAll().execute();
    await guarded.transaction().execute(async (trx) => {
      await acrossTenants(trx).selectFrom("memberships").select("role").where("user_id", "=", T).execute();
      await assert.rejects(trx.selectFrom("memberships").select("role").where("user_id", "=", T).execute(), /memberships/);
    });
    assert.equal(guard.violations.length, 2);
  });
});
