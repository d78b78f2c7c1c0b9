// The restore order read from the catalog: every table after the tables it refers to; cycles
// (organisations ↔ organisation_tenants, a table referring to itself) broken at a nullable column,
// which is inserted NULL first and set afterwards.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { createTestDatabase } from "../testing/harness.ts";
import { NOT_DATA, readPlan } from "./plan.ts";

describe("backup plan", () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database?.close());

  it("orders every data table after the ones it refers to, breaking cycles at nullable columns (organisations.parent_id, promise_documents' links)", async () => {
    const plan = await readPlan(database.db as Kysely<unknown>);
    const names = plan.tables.map((t) => t.name);
    for (const t of NOT_DATA) assert.ok(!names.includes(t));
    const at = (n: string) => names.indexOf(n);
    assert.ok(at("tenants") < at("areas"));
    assert.ok(at("users") < at("sessions"));
    assert.ok(at("organisations") < at("organisation_tenants"));
    assert.ok(at("promise_documents") < at("promises"));
    assert.ok(at("files") < at("analysis_datasets"));
    assert.deepEqual(plan.tables.find((t) => t.name === "organisations")?.deferred, ["parent_id"]);
    assert.deepEqual(plan.tables.find((t) => t.name === "promise_documents")?.deferred.sort(), ["copied_from_id", "superseded_by_id", "supersedes_id"]);
    // Only nullable columns wait, and only in tables with a primary key to set them by.
    for (const t of plan.tables)
      for (const c of t.deferred) {
        assert.ok(t.columns.find((x) => x.name === c)?.nullable, `${t.name}.${c}`);
        assert.ok(t.primaryKey.length > 0, t.name);
      }
    assert.ok(plan.sequences.includes("audit_log_id_seq"));
  });
});
