// Tenant safety by construction: the database refuses a row of one tenant that points at a row of
// another (composite foreign keys (tenant_id, id), migrations 0002/0101/0201), and a test of the
// catalog keeps it so — a future foreign key between tenant-owned tables without tenant_id fails
// here. Tenant A and tenant B get the same kinds of rows; every reference from A to B is refused
// with a foreign-key violation (SQLSTATE 23503) naming the constraint that refused it.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import { insertDataset } from "../../src/modules/analysis/repo.ts";
import { insertActivity, insertFile } from "../../src/modules/promises/repo/activities.ts";
import { makePromiseDocument } from "../../src/modules/promises/testing.ts";
import { listOrganisations } from "../../src/modules/tenants/index.ts";
import type { Database } from "../../src/platform/db/database.ts";
import type { DB } from "../../src/platform/db/schema.ts";
import { makeOrganisation, makeTenant, makeUser } from "../../src/platform/testing/factories.ts";
import { createTestDatabase } from "../../src/platform/testing/harness.ts";
import { tenantOwnedTables } from "../../src/platform/testing/isolation.ts";

/** Expect a foreign-key violation from the named constraint (or trigger). */
async function refused(work: Promise<unknown>, constraint: string): Promise<void> {
  await assert.rejects(work, (err: { code?: string; constraint?: string; message?: string }) => {
    assert.equal(err.code, "23503", `expected a foreign-key violation, got ${err.code}: ${err.message}`);
    assert.equal(err.constraint, constraint, err.message);
    return true;
  });
}

type ForeignKey = { name: string; from: string; fromCols: string[]; to: string; toCols: string[] };

async function foreignKeys(db: Kysely<DB>): Promise<ForeignKey[]> {
  const r = await sql<ForeignKey>`
    select c.conname as name, c.conrelid::regclass::text as "from", c.confrelid::regclass::text as "to",
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as "fromCols",
      array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as "toCols"
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
    order by 2, 1`.execute(db);
  return r.rows;
}

const describeKey = (k: ForeignKey) => `${k.from}(${k.fromCols.join(", ")}) → ${k.to}(${k.toCols.join(", ")})`;

/**
 * Foreign keys between tenant-owned tables (both have tenant_id; `tenants` itself is not one)
 * that do not pair tenant_id with tenant_id.
 */
async function keysWithoutTenant(db: Kysely<DB>): Promise<string[]> {
  const owned = new Set(await tenantOwnedTables(db));
  return (await foreignKeys(db))
    .filter((k) => owned.has(k.from) && owned.has(k.to))
    .filter((k) => !k.fromCols.some((c, i) => c === "tenant_id" && k.toCols[i] === "tenant_id"))
    .map(describeKey);
}

/** The only single-column keys between tenant-owned tables, each with the reason it is safe and the triggers that hold it. */
const EXCEPTIONS: Record<string, { reason: string; triggers: string[] }> = {
  "organisation_tenants(organisation_id) → organisations(id)": {
    reason:
      "organisation_tenants defines which organisations a tenant may use; a regional organisation has no tenant (tenant_id NULL), so the key cannot be composite. A tenant's own organisation is linked to its tenant on creation and can never be linked to another.",
    triggers: ["organisation_tenants_own_tenant_only", "organisations_link_own_tenant"],
  },
  "organisations(parent_id) → organisations(id)": {
    reason:
      "existence and ON DELETE SET NULL for regional organisations (tenant_id NULL), which the composite organisations_parent_usable_fkey does not check (MATCH SIMPLE); a regional organisation's parent must be regional.",
    triggers: ["organisations_regional_parent"],
  },
};

describe("tenant keys: the database refuses cross-tenant references", () => {
  let database: Database;
  let db: Kysely<DB>;
  let a: { id: string };
  let b: { id: string };
  let user: { id: string };
  let docA: string;
  let docB: string;
  let promiseA: string;
  let promiseB: string;
  let activityA: string;
  let activityB: string;
  let fileA: string;
  let fileB: string;
  let orgA: string;
  let orgB: string;
  let regionalA: string; // regional, serves A
  let regionalB: string; // regional, serves B only

  const regional = async (name: string, tenantId: string) => {
    const o = await makeOrganisation(db, null, name);
    await db.insertInto("organisation_tenants").values({ tenant_id: tenantId, organisation_id: o.id }).execute();
    return o.id;
  };

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
    a = await makeTenant(db);
    b = await makeTenant(db);
    user = await makeUser(db, null, null);
    const madeA = await makePromiseDocument(db, a.id, { activity: true });
    const madeB = await makePromiseDocument(db, b.id, { activity: true });
    docA = madeA.doc.id;
    docB = madeB.doc.id;
    promiseA = madeA.promise.id;
    promiseB = madeB.promise.id;
    activityA = madeA.activityId!;
    activityB = madeB.activityId!;
    fileA = madeA.attachmentId!;
    fileB = madeB.attachmentId!;
    orgA = (await makeOrganisation(db, a.id, "A:s förvaltning")).id;
    orgB = (await makeOrganisation(db, b.id, "B:s förvaltning")).id;
    regionalA = await regional("Polisen LPO (A)", a.id);
    regionalB = await regional("Polisen LPO (B)", b.id);
  });
  after(async () => {
    await database?.close();
  });

  it("keeps a promise in a document of its own tenant", async () => {
    const values = { tenant_id: a.id, document_id: docB, lineage_id: randomUUID(), position: 9, text: "x", owner: "polisen" };
    await refused(db.insertInto("promises").values(values).execute(), "promises_document_fkey");
    await refused(db.updateTable("promises").set({ document_id: docB }).where("id", "=", promiseA).execute(), "promises_document_fkey");
  });

  it("lets a document supersede, be superseded by or copy only documents of its own tenant", async () => {
    for (const [column, constraint] of [
      ["supersedes_id", "promise_documents_supersedes_fkey"],
      ["superseded_by_id", "promise_documents_superseded_by_fkey"],
      ["copied_from_id", "promise_documents_copied_from_fkey"],
    ] as const) {
      await refused(
        db
          .updateTable("promise_documents")
          .set({ [column]: docB })
          .where("id", "=", docA)
          .execute(),
        constraint,
      );
    }
  });

  it("makes only organisations usable in the tenant responsible for its promises", async () => {
    const responsible = (promiseId: string, organisationId: string) =>
      db.insertInto("promise_responsibles").values({ tenant_id: a.id, promise_id: promiseId, organisation_id: organisationId }).execute();
    await refused(responsible(promiseA, orgB), "promise_responsibles_organisation_usable_fkey");
    await refused(responsible(promiseA, regionalB), "promise_responsibles_organisation_usable_fkey");
    await refused(responsible(promiseB, orgA), "promise_responsibles_promise_fkey");
    await responsible(promiseA, orgA);
    await responsible(promiseA, regionalA);
    await refused(
      db.updateTable("promise_responsibles").set({ organisation_id: orgB }).where("promise_id", "=", promiseA).where("organisation_id", "=", orgA).execute(),
      "promise_responsibles_organisation_usable_fkey",
    );
  });

  it("logs activities only on promises of the tenant, with files only of the tenant", async () => {
    await refused(
      insertActivity(db, a.id, {
        promiseId: promiseB,
        lineageId: randomUUID(),
        title: "x",
        description: "",
        occurredOn: "2025-01-01",
        placeName: null,
        lat: null,
        lon: null,
        outcomes: [],
        createdBy: null,
      }),
      "promise_activities_promise_fkey",
    );
    await refused(db.updateTable("promise_activities").set({ promise_id: promiseB }).where("id", "=", activityA).execute(), "promise_activities_promise_fkey");
    const link = (activityId: string, fileId: string) =>
      db.insertInto("promise_activity_files").values({ tenant_id: a.id, activity_id: activityId, file_id: fileId }).execute();
    await refused(link(activityA, fileB), "promise_activity_files_file_fkey");
    await refused(link(activityB, fileA), "promise_activity_files_activity_fkey");
  });

  it("records lifecycle events only on documents of the tenant", async () => {
    await refused(
      db.insertInto("promise_document_events").values({ tenant_id: a.id, document_id: docB, action: "created" }).execute(),
      "promise_document_events_document_fkey",
    );
  });

  it("gives a membership only an organisation usable in its tenant", async () => {
    const member = (organisationId: string, role: "lasare" | "polis" | "samordnare" | "admin") =>
      db.insertInto("memberships").values({ tenant_id: a.id, user_id: user.id, role, organisation_id: organisationId }).execute();
    await refused(member(orgB, "lasare"), "memberships_organisation_usable_fkey");
    await refused(member(regionalB, "lasare"), "memberships_organisation_usable_fkey");
    await member(orgA, "lasare");
    await member(regionalA, "polis");
    await refused(
      db
        .updateTable("memberships")
        .set({ organisation_id: orgB })
        .where("tenant_id", "=", a.id)
        .where("user_id", "=", user.id)
        .where("role", "=", "lasare")
        .execute(),
      "memberships_organisation_usable_fkey",
    );
  });

  it("keeps a tenant's own organisation to that tenant: linked on creation, never to another, parents usable", async () => {
    const own = await makeOrganisation(db, a.id, "Ny förvaltning");
    assert.ok(
      (await listOrganisations(db, a.id)).some((o) => o.id === own.id),
      "a new organisation is usable in its tenant at once",
    );
    assert.ok(!(await listOrganisations(db, b.id)).some((o) => o.id === own.id));
    await refused(db.insertInto("organisation_tenants").values({ tenant_id: b.id, organisation_id: own.id }).execute(), "organisation_tenants_own_tenant_only");
    await refused(
      db.updateTable("organisation_tenants").set({ tenant_id: b.id }).where("tenant_id", "=", a.id).where("organisation_id", "=", own.id).execute(),
      "organisation_tenants_own_tenant_only",
    );
    // parents: the tenant's own or a regional one serving it; a regional organisation's parent is regional
    await refused(
      db.insertInto("organisations").values({ tenant_id: a.id, parent_id: orgB, name: "Under B", kind: "annan" }).execute(),
      "organisations_parent_usable_fkey",
    );
    await refused(
      db.insertInto("organisations").values({ tenant_id: a.id, parent_id: regionalB, name: "Under B:s LPO", kind: "annan" }).execute(),
      "organisations_parent_usable_fkey",
    );
    await db.insertInto("organisations").values({ tenant_id: a.id, parent_id: own.id, name: "Enhet", kind: "annan" }).execute();
    await db.insertInto("organisations").values({ tenant_id: a.id, parent_id: regionalA, name: "Kontor", kind: "polis" }).execute();
    await refused(
      db.insertInto("organisations").values({ tenant_id: null, parent_id: orgA, name: "Regional under A", kind: "region" }).execute(),
      "organisations_regional_parent",
    );
    // moving an organisation that A uses to B; making a regional parent of a regional one A's own
    await refused(db.updateTable("organisations").set({ tenant_id: b.id }).where("id", "=", own.id).execute(), "organisations_link_own_tenant");
    await db.insertInto("organisations").values({ tenant_id: null, parent_id: regionalA, name: "Regional under regional", kind: "polis" }).execute();
    await refused(db.updateTable("organisations").set({ tenant_id: a.id }).where("id", "=", regionalA).execute(), "organisations_link_own_tenant");
  });

  it("computes only on datasets of the tenant, stored in files of the tenant", async () => {
    await refused(
      db.insertInto("analysis_datasets").values({ tenant_id: a.id, file_id: fileB, filename: "x.csv", size_bytes: 1, row_count: 0 }).execute(),
      "analysis_datasets_file_fkey",
    );
    const datasetB = await insertDataset(db, b.id, {
      storageKey: `${b.id}/analysis/${randomUUID()}.csv`,
      filename: "b.csv",
      size: 1,
      sha256: "0".repeat(64),
      rowCount: 0,
      hasTs: false,
      categories: [],
      createdBy: null,
    });
    await refused(
      db.insertInto("analysis_runs").values({ tenant_id: a.id, source: "dataset", dataset_id: datasetB, parameters: "{}" }).execute(),
      "analysis_runs_dataset_fkey",
    );
  });

  it("keeps ON DELETE behaviour and never nulls tenant_id", async () => {
    const t = await makeTenant(db);
    const older = await makePromiseDocument(db, t.id);
    const newer = await makePromiseDocument(db, t.id);
    await db.updateTable("promise_documents").set({ supersedes_id: older.doc.id, copied_from_id: older.doc.id }).where("id", "=", newer.doc.id).execute();
    await db.deleteFrom("promise_documents").where("id", "=", older.doc.id).execute();
    const after1 = await db
      .selectFrom("promise_documents")
      .select(["tenant_id", "supersedes_id", "copied_from_id"])
      .where("id", "=", newer.doc.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after1, { tenant_id: t.id, supersedes_id: null, copied_from_id: null });

    const org = await makeOrganisation(db, t.id);
    const person = await makeUser(db, t.id, "samordnare", { organisationId: org.id });
    await db.insertInto("promise_responsibles").values({ tenant_id: t.id, promise_id: newer.promise.id, organisation_id: org.id }).execute();
    await db.deleteFrom("organisations").where("id", "=", org.id).execute();
    const membership = await db.selectFrom("memberships").select(["tenant_id", "organisation_id"]).where("user_id", "=", person.id).executeTakeFirstOrThrow();
    assert.deepEqual(membership, { tenant_id: t.id, organisation_id: null }, "the membership stays, without its organisation");
    assert.equal((await db.selectFrom("promise_responsibles").select("promise_id").where("promise_id", "=", newer.promise.id).execute()).length, 0);

    const file = await insertFile(db, t.id, { storageKey: "k", filename: "x.csv", contentType: "text/csv", size: 1, sha256: "0".repeat(64), createdBy: null });
    const ds = await db
      .insertInto("analysis_datasets")
      .values({ tenant_id: t.id, file_id: file.id, filename: "x.csv", size_bytes: 1, row_count: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const run = await db
      .insertInto("analysis_runs")
      .values({ tenant_id: t.id, source: "dataset", dataset_id: ds.id, parameters: "{}" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.deleteFrom("files").where("id", "=", file.id).execute();
    const runAfter = await db.selectFrom("analysis_runs").select(["tenant_id", "dataset_id"]).where("id", "=", run.id).executeTakeFirstOrThrow();
    assert.deepEqual(runAfter, { tenant_id: t.id, dataset_id: null }, "file → dataset cascades, the run keeps its tenant");

    // Deleting a tenant removes all its rows through the cascades and leaves the others alone.
    const othersBefore = await countRows(db, `tenant_id is distinct from '${t.id}'`);
    await db.deleteFrom("tenants").where("id", "=", t.id).execute();
    const left = await countRows(db, `tenant_id = '${t.id}'`);
    assert.ok(
      Object.values(left).every((n) => n === 0),
      JSON.stringify(left),
    );
    assert.deepEqual(await countRows(db, `tenant_id is distinct from '${t.id}'`), othersBefore);
  });

  it("pairs tenant_id with tenant_id in every foreign key between tenant-owned tables", async () => {
    const owned = await tenantOwnedTables(db);
    assert.ok(owned.includes("promises") && owned.includes("analysis_runs") && owned.includes("organisation_tenants"), "modules' tables are found");
    const missing = await keysWithoutTenant(db);
    const unexplained = missing.filter((k) => !(k in EXCEPTIONS));
    assert.deepEqual(unexplained, [], "a foreign key between tenant-owned tables must reference (tenant_id, id) — see CONTRIBUTING.md");
    assert.deepEqual(missing.sort(), Object.keys(EXCEPTIONS).sort(), "every exception still exists (remove it when it does not)");
    for (const [key, { triggers }] of Object.entries(EXCEPTIONS)) {
      for (const trigger of triggers) {
        const found = await sql`select 1 from pg_trigger where tgname = ${trigger} and not tgisinternal`.execute(db);
        assert.equal(found.rows.length, 1, `${key}: the trigger ${trigger} that holds it exists`);
      }
    }
  });

  it("finds a foreign key that forgets tenant_id (the check above can fail)", async () => {
    const rollback = new Error("rollback");
    let found: string[] = [];
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await sql`create table forgetful (id uuid primary key, tenant_id uuid not null references tenants(id), file_id uuid references files(id))`.execute(trx);
        found = await keysWithoutTenant(trx);
        throw rollback;
      }),
      rollback,
    );
    assert.ok(found.includes("forgetful(file_id) → files(id)"), found.join("\n"));
    assert.equal((await sql<{ t: string | null }>`select to_regclass('forgetful')::text as t`.execute(db)).rows[0]?.t ?? null, null);
  });
});

/** Rows per tenant-owned table matching `where` (a fixed condition written by this file). */
async function countRows(db: Kysely<DB>, where: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tenantOwnedTables(db)) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(db);
    out[table] = r.rows[0]!.n;
  }
  return out;
}
