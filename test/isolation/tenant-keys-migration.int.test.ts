// The tenant-key migrations (0002, 0101, 0201) on a database that already has data: a database
// migrated only up to the earlier migrations gets the Osby demo (plus rows for the tables the demo
// leaves empty) as the earlier code wrote it — organisation_tenants held only the regional
// organisations' links — then the new migrations run. Every row is kept unchanged, the backfill
// links each tenant's own organisations, and the schema ends exactly as on a fresh install.
// Data that already crosses tenants stops the migration, which then changes nothing.
//
// How the old data is made: the current seed runs on a fresh, fully migrated database (the
// source); its rows are copied into the old-schema database table by table (the new migrations
// add no columns), with foreign-key triggers off during the copy, and without the
// organisation_tenants links of tenant-owned organisations (the old code never wrote those).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import { insertDataset } from "../../src/modules/analysis/repo.ts";
import { migrationDirs } from "../../src/modules/index.ts";
import { insertFile, linkActivityFile } from "../../src/modules/promises/repo/activities.ts";
import { seedOsby } from "../../src/modules/seed.ts";
import type { Database } from "../../src/platform/db/database.ts";
import { migrateFiles, migrateToLatest, migrationFiles } from "../../src/platform/db/migrate.ts";
import type { DB } from "../../src/platform/db/schema.ts";
import { makeOrganisation, makeTenant, makeUser } from "../../src/platform/testing/factories.ts";
import { createEmptyTestDatabase, createTestDatabase } from "../../src/platform/testing/harness.ts";
import { tenantOwnedTables } from "../../src/platform/testing/isolation.ts";

const NEW = ["0002_tenant_keys", "0101_tenant_keys", "0201_tenant_keys"];
/** The migrations a database had before the tenant keys landed (later ones — other modules' — run after). */
const OLD = ["0001_foundation", "0100_promises", "0200_analysis"];

async function baseTables(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'schema_migrations%'
    order by table_name`.execute(db);
  return r.rows.map((x) => x.table_name);
}

/** Every row of every table as sorted JSON lines. */
async function snapshot(db: Kysely<DB>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const table of await baseTables(db)) {
    const r = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(table)} t`.execute(db);
    out.set(table, r.rows.map((x) => x.row).sort());
  }
  return out;
}

/** Constraints and triggers: what the schema promises, by name and definition. */
async function schemaRules(db: Kysely<DB>): Promise<string[]> {
  const c = await sql<{ line: string }>`
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
    from pg_constraint where connamespace = current_schema()::regnamespace`.execute(db);
  const t = await sql<{ line: string }>`
    select tgrelid::regclass::text || ' trigger ' || tgname as line from pg_trigger where not tgisinternal`.execute(db);
  const i = await sql<{ line: string }>`select indexdef as line from pg_indexes where schemaname = current_schema()`.execute(db);
  return [...c.rows, ...t.rows, ...i.rows].map((x) => x.line).sort();
}

/** Copy every row of `from` into the same tables of `to` (foreign-key triggers off during the copy). */
async function copyRows(from: Kysely<DB>, to: Kysely<DB>): Promise<void> {
  const tables = await baseTables(to);
  await to.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    for (const table of tables) {
      // The earlier code linked only regional organisations to the tenants they serve.
      const where = table === "organisation_tenants" ? sql`where organisation_id in (select id from organisations where tenant_id is null)` : sql``;
      const r = await sql<{ rows: string }>`select coalesce(json_agg(t), '[]')::text as rows from (select * from ${sql.table(table)} ${where}) t`.execute(from);
      await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${r.rows[0]!.rows}::json)`.execute(trx);
    }
  });
}

describe("tenant keys: migrating a database that already has data", () => {
  let source: Database;
  let old: Database;
  let sourceRows: Map<string, string[]>;

  before(async () => {
    source = await createTestDatabase();
    const osby = await seedOsby(source.db);
    // Rows for what the demo leaves empty, so every key is migrated over real rows.
    const other = await makeTenant(source.db);
    const otherOrg = await makeOrganisation(source.db, other.id, "Annan förvaltning");
    await makeUser(source.db, other.id, "samordnare", { organisationId: otherOrg.id });
    const activity = await source.db.selectFrom("promise_activities").select(["id"]).where("tenant_id", "=", osby.tenantId).executeTakeFirstOrThrow();
    const file = await insertFile(source.db, osby.tenantId, {
      storageKey: `${osby.tenantId}/promises/${randomUUID()}`,
      filename: "foto.png",
      contentType: "image/png",
      size: 10,
      sha256: "0".repeat(64),
      createdBy: null,
    });
    await linkActivityFile(source.db, osby.tenantId, activity.id, file.id);
    const dataset = await insertDataset(source.db, osby.tenantId, {
      storageKey: `${osby.tenantId}/analysis/${randomUUID()}.csv`,
      filename: "händelser.csv",
      size: 10,
      sha256: "0".repeat(64),
      rowCount: 1,
      hasTs: false,
      categories: ["klotter"],
      createdBy: null,
    });
    await source.db.updateTable("analysis_runs").set({ source: "dataset", dataset_id: dataset }).where("tenant_id", "=", osby.tenantId).execute();
    const [first, second] = await source.db
      .selectFrom("promise_documents")
      .select("id")
      .where("tenant_id", "=", osby.tenantId)
      .orderBy("valid_from")
      .limit(2)
      .execute();
    await source.db.updateTable("promise_documents").set({ supersedes_id: first!.id, copied_from_id: first!.id }).where("id", "=", second!.id).execute();
    await source.db.updateTable("promise_documents").set({ superseded_by_id: second!.id }).where("id", "=", first!.id).execute();
    await source.db.insertInto("outbox").values({ tenant_id: osby.tenantId, to_address: "a@osby.demo", subject: "Hej", body_text: "Hej" }).execute();
    await source.db.insertInto("audit_log").values({ tenant_id: osby.tenantId, action: "x", entity: "y", data: "{}" }).execute();
    sourceRows = await snapshot(source.db);

    old = await createEmptyTestDatabase();
    const earlier = migrationFiles(migrationDirs()).filter((f) => OLD.includes(f.name));
    assert.deepEqual(
      earlier.map((f) => f.name),
      OLD,
    );
    await migrateFiles(old.db as never, earlier);
    for (const table of await tenantOwnedTables(old.db)) assert.ok((sourceRows.get(table) ?? []).length > 0, `the data has rows in ${table}`);
    await copyRows(source.db, old.db);
  });
  after(async () => {
    await old?.close();
    await source?.close();
  });

  it("refuses data that already crosses tenants, and then changes nothing", async () => {
    const [osby, other] = await old.db.selectFrom("tenants").select("id").orderBy("slug").execute();
    const foreignOrg = await old.db.selectFrom("organisations").select("id").where("tenant_id", "=", other!.id).executeTakeFirstOrThrow();
    const user = await old.db.selectFrom("users").select("id").where("email", "=", "lasare@osby.demo").executeTakeFirstOrThrow();
    await old.db.updateTable("memberships").set({ organisation_id: foreignOrg.id }).where("tenant_id", "=", osby!.id).where("user_id", "=", user.id).execute();
    const before = await schemaRules(old.db);
    await assert.rejects(
      migrateToLatest(old.db as never, migrationDirs()),
      /migreringen 0002_tenant_keys misslyckades: .*memberships_organisation_usable_fkey/,
    );
    assert.deepEqual(await schemaRules(old.db), before, "no part of the new migrations stayed");
    const applied = await old.db
      .selectFrom("schema_migrations" as never)
      .select("name" as never)
      .execute();
    assert.deepEqual((applied as Array<{ name: string }>).map((r) => r.name).sort(), OLD);
    await old.db.updateTable("memberships").set({ organisation_id: null }).where("tenant_id", "=", osby!.id).where("user_id", "=", user.id).execute();
  });

  it("keeps every row, links each tenant's own organisations, and ends with the fresh schema", async () => {
    const oldRows = await snapshot(old.db);
    const ownLinks = (sourceRows.get("organisation_tenants") ?? []).length - (oldRows.get("organisation_tenants") ?? []).length;
    assert.ok(ownLinks >= 9, `the old data lacks the links of tenant-owned organisations (${ownLinks})`);

    const result = await migrateToLatest(old.db as never, migrationDirs());
    for (const name of NEW) assert.ok(result.applied.includes(name), `${name} applied`);
    assert.deepEqual(
      result.applied,
      migrationFiles(migrationDirs())
        .map((f) => f.name)
        .filter((n) => !OLD.includes(n)),
    );

    const migrated = await snapshot(old.db);
    // Later migrations (other modules') may add columns: compare the columns the old schema had.
    const project = (rows: string[] | undefined, like: string[]) => {
      const keys = like.length ? Object.keys(JSON.parse(like[0]!) as object) : [];
      return (rows ?? [])
        .map((r) => {
          const o = JSON.parse(r) as Record<string, unknown>;
          return JSON.stringify(Object.fromEntries(keys.map((k) => [k, o[k]])));
        })
        .sort();
    };
    for (const [table, rows] of oldRows) {
      if (table === "organisation_tenants") continue;
      assert.deepEqual(project(migrated.get(table), rows), project(rows, rows), `${table}: every row kept, unchanged`);
      assert.deepEqual(project(migrated.get(table), rows), project(sourceRows.get(table), rows), `${table}: the same rows as the fresh install`);
    }
    const links = (rows: string[] | undefined) => (rows ?? []).map((r) => JSON.parse(r) as { tenant_id: string; organisation_id: string });
    const pairs = (rows: string[] | undefined) =>
      links(rows)
        .map((l) => `${l.tenant_id} ${l.organisation_id}`)
        .sort();
    for (const kept of oldRows.get("organisation_tenants") ?? [])
      assert.ok(migrated.get("organisation_tenants")?.includes(kept), "the regional links are kept");
    assert.deepEqual(
      pairs(migrated.get("organisation_tenants")),
      pairs(sourceRows.get("organisation_tenants")),
      "backfill = what the trigger writes on a fresh install",
    );

    assert.deepEqual(await schemaRules(old.db), await schemaRules(source.db), "constraints, triggers and indexes as on a fresh install");
  });
});
