// trygg backup / trygg restore: the Osby demo plus rows in every table (each module's isolation
// fixtures for a second tenant, and the foundation's own tables) and their files are backed up,
// restored into a fresh PGlite directory and — on the PostgreSQL run — a fresh PostgreSQL
// database, and compared: every row of every table, every file, every sequence. A restore never
// writes over data, refuses a damaged file before writing anything, and refuses a backup from a
// newer Trygg. New tables join by themselves (read from the catalog); one left empty here fails
// the coverage check, so its module adds an isolation fixture.
import assert from "node:assert/strict";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { migrationDirs, modules } from "../../modules/index.ts";
import { seedOsby } from "../../modules/seed.ts";
import { createSession } from "../auth/session.ts";
import { type Database, openDatabase } from "../db/database.ts";
import type { DB } from "../db/schema.ts";
import { createDiskStorage, type Storage } from "../storage/storage.ts";
import { makeTenant, makeUser } from "../testing/factories.ts";
import { createTestDatabase, testDbKind } from "../testing/harness.ts";
import { writeBackup } from "./backup.ts";
import { quoteIdent, readPlan } from "./plan.ts";
import { RestoreError, restoreBackup } from "./restore.ts";
import { createTarWriter, readTar } from "./tar.ts";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Every row of every data table as sorted JSON text (timestamps in UTC), and every sequence. */
async function contents(db: Kysely<unknown>): Promise<Record<string, string[]>> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
    const plan = await readPlan(trx);
    const out: Record<string, string[]> = {};
    for (const t of plan.tables) {
      const r = await sql.raw<{ j: string }>(`SELECT to_jsonb(t)::text AS j FROM ${quoteIdent(t.name)} t`).execute(trx);
      out[t.name] = r.rows.map((x) => x.j).sort();
    }
    for (const s of plan.sequences) {
      const r = await sql.raw<{ v: string; c: boolean }>(`SELECT last_value::text AS v, is_called AS c FROM ${quoteIdent(s)}`).execute(trx);
      out[`sequence ${s}`] = [`${r.rows[0]!.v} ${r.rows[0]!.c}`];
    }
    return out;
  });
}

async function storedFiles(db: Kysely<unknown>, storage: Storage): Promise<Map<string, Buffer | null>> {
  const rows = (await sql<{ storage_key: string }>`SELECT storage_key FROM files ORDER BY storage_key`.execute(db)).rows;
  const out = new Map<string, Buffer | null>();
  for (const r of rows) out.set(r.storage_key, await storage.get(r.storage_key));
  return out;
}

/** A new, empty PostgreSQL database on the test server (no migrations). */
async function emptyPostgres(): Promise<{ database: Database; drop(): Promise<void> }> {
  const adminUrl = process.env.TRYGG_TEST_PG_URL!;
  const name = `trygg_r_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: u.toString() });
  return {
    database,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

describe("backup and restore", () => {
  const work = mkdtempSync(join(tmpdir(), "trygg-backup-"));
  let source: Database;
  let sourceFiles: Storage;
  let backupPath: string;
  let expected: Record<string, string[]>;
  let expectedFiles: Map<string, Buffer | null>;

  before(async () => {
    source = await createTestDatabase();
    sourceFiles = createDiskStorage(join(work, "source-files"));
    const db = source.db;
    await seedOsby(db);
    // Rows in every module's tables for a second tenant, as the isolation sweep makes them.
    const other = await makeTenant(db);
    for (const m of modules) {
      const testing = await m.testing?.();
      await testing?.isolationFixtures?.(db, other.id, { storage: sourceFiles });
    }
    // The foundation's tables that neither the demo nor the fixtures fill.
    const user = await makeUser(db, other.id, "samordnare");
    await createSession(db, user.id, { hours: 1, ip: "192.0.2.1" });
    await db
      .insertInto("password_resets")
      .values({ token_hash: randomUUID(), user_id: user.id, expires_at: new Date(Date.now() + 3600_000) })
      .execute();
    await db
      .insertInto("oidc_identities")
      .values({ issuer: "https://idp.example", subject: `sub-${randomUUID()}`, user_id: user.id })
      .execute();
    await db.insertInto("outbox").values({ tenant_id: other.id, to_address: "någon@example.org", subject: "Hej <script>", body_text: "åäö" }).execute();
    await db
      .insertInto("audit_log")
      .values({ tenant_id: other.id, actor_id: user.id, action: "test", entity: "backup", data: JSON.stringify({ å: "ä" }) })
      .execute();
    await db
      .insertInto("rate_limits")
      .values({ key: "POST /logga-in|192.0.2.1", hits: 3, window_ends: new Date(Date.now() + 60_000) })
      .execute();
    await sql`INSERT INTO login_failures (client, failures) VALUES ('192.0.2.1', 2)`.execute(db);
    await db.insertInto("member_invitations").values({ tenant_id: other.id, user_id: user.id, name: "Inbjuden <b>Åsa</b>", invited_by: null }).execute();
    // A walk's observer (the walks fixtures make the walk, not who observes it).
    const walk = await db.selectFrom("walks").select("id").where("tenant_id", "=", other.id).executeTakeFirstOrThrow();
    await db.insertInto("walk_observers").values({ tenant_id: other.id, walk_id: walk.id, user_id: user.id }).execute();
    // EST's police-feed bookkeeping and an imported CSV batch; a survey's answer code.
    await db.insertInto("est_police_calls").values({ url: "https://polisen.example/api/events?locationname=Osby", status: 200, events: 3 }).execute();
    await db.insertInto("est_police_feed").values({ url: "https://polisen.example/händelse/1", gone_at: new Date(), gone_status: 404 }).execute();
    await db
      .insertInto("est_csv_batches")
      .values({ tenant_id: other.id, filename: "rapporter åäö.csv", sha256: "a".repeat(64), rows: 2, created_by: user.id })
      .execute();
    const survey = await db.selectFrom("surveys").select("id").where("tenant_id", "=", other.id).executeTakeFirstOrThrow();
    await db.insertInto("survey_codes").values({ tenant_id: other.id, survey_id: survey.id, code_hash: randomUUID() }).execute();
    // An organisation tree: a regional parent used by the tenant, a tenant-owned child and a
    // regional child under it (keys in a cycle: organisations ↔ organisation_tenants, and self).
    const parent = await db
      .insertInto("organisations")
      .values({ tenant_id: null, name: "Polisregion Syd åäö", kind: "polis" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("organisation_tenants").values({ tenant_id: other.id, organisation_id: parent.id }).execute();
    await db.insertInto("organisations").values({ tenant_id: other.id, parent_id: parent.id, name: "Kommunpolisen", kind: "polis" }).execute();
    await db.insertInto("organisations").values({ tenant_id: null, parent_id: parent.id, name: "LPO Hässleholm", kind: "polis" }).execute();
    // A file with bytes that are not text (every byte value), stored like an upload.
    const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 256));
    const key = `${other.id}/backup/${randomUUID()}`;
    const put = await sourceFiles.put(key, bytes, "application/octet-stream");
    await db
      .insertInto("files")
      .values({
        tenant_id: other.id,
        storage_key: key,
        filename: "binär åäö.bin",
        content_type: "application/octet-stream",
        size_bytes: put.size,
        sha256: put.sha256,
      })
      .execute();
    // Fixture rows that name a file they never stored get bytes, so storage and database agree.
    for (const f of await db.selectFrom("files").select(["id", "storage_key"]).execute()) {
      if (await sourceFiles.get(f.storage_key)) continue;
      const data = Buffer.from(`innehåll för ${f.storage_key}\n`);
      await sourceFiles.put(f.storage_key, data, "text/plain");
      await db
        .updateTable("files")
        .set({ sha256: sha(data), size_bytes: data.length })
        .where("id", "=", f.id)
        .execute();
    }
    expected = await contents(db as Kysely<unknown>);
    expectedFiles = await storedFiles(db as Kysely<unknown>, sourceFiles);
    backupPath = join(work, "trygg.tar.gz");
    await writeBackup(source, sourceFiles, backupPath);
  });
  after(async () => {
    await source?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("has rows in every table of the database (a module's new table needs an isolation fixture)", () => {
    const empty = Object.entries(expected)
      .filter(([name, rows]) => !name.startsWith("sequence ") && rows.length === 0)
      .map(([name]) => name);
    assert.deepEqual(empty, []);
    assert.ok(
      expected.organisations!.filter((j) => (JSON.parse(j) as { parent_id: string | null }).parent_id !== null).length >= 2,
      "organisations that point at others (a cycle of keys the restore must break)",
    );
    assert.ok(expectedFiles.size >= 2 && [...expectedFiles.values()].every((b) => b !== null));
  });

  it("is one tar file with a manifest first and a summary last", async () => {
    const names: string[] = [];
    for await (const e of readTar(backupPath)) names.push(e.name);
    assert.equal(names[0], "trygg-backup/manifest.json");
    assert.equal(names.at(-1), "trygg-backup/summary.json");
    assert.ok(names.some((n) => n.startsWith("trygg-backup/data/promise_documents/")));
    assert.equal(names.filter((n) => n.startsWith("trygg-backup/files/")).length, expectedFiles.size);
  });

  const targets: Array<{ name: string; open(): Promise<{ database: Database; drop(): Promise<void> }> }> = [
    {
      name: "a fresh PGlite data directory",
      async open() {
        const dir = mkdtempSync(join(tmpdir(), "trygg-restore-"));
        const database = await openDatabase({ kind: "pglite", dataDir: dir, purpose: "test" });
        return {
          database,
          async drop() {
            await database.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  if (testDbKind() === "postgres") targets.push({ name: "a fresh PostgreSQL database", open: emptyPostgres });

  for (const target of targets) {
    it(`restores into ${target.name}: every row, file and sequence as it was; a second restore is refused`, async () => {
      const { database, drop } = await target.open();
      const files = createDiskStorage(join(work, `files-${randomUUID()}`));
      try {
        const r = await restoreBackup(backupPath, database, files, migrationDirs());
        assert.deepEqual(r.applied, [], "the backup was taken at the newest migrations");
        const got = await contents(database.db as Kysely<unknown>);
        assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort());
        for (const name of Object.keys(expected)) assert.deepEqual(got[name], expected[name], name);
        const gotFiles = await storedFiles(database.db as Kysely<unknown>, files);
        assert.deepEqual(gotFiles, expectedFiles);
        // The restored database works: its triggers are on again and its sequences continue.
        const next = await database.db.insertInto("audit_log").values({ action: "efter", entity: "restore" }).returning("id").executeTakeFirstOrThrow();
        const maxBefore = Math.max(...expected.audit_log!.map((j) => (JSON.parse(j) as { id: number }).id));
        assert.ok(next.id > maxBefore);
        await assert.rejects(
          restoreBackup(backupPath, database, files, migrationDirs()),
          (err: unknown) => err instanceof RestoreError && /inte tom/.test(err.message),
        );
      } finally {
        await drop();
      }
    });
  }

  it("refuses a damaged backup before writing anything", async () => {
    const damaged = join(work, "damaged.tar");
    const entries: Array<{ name: string; data: Buffer }> = [];
    for await (const e of readTar(backupPath)) entries.push(e);
    const w = createTarWriter(damaged);
    for (const e of entries) {
      // One changed byte in one row of promises: still valid JSON, but not what was backed up.
      const data = e.name.includes("/data/promises/") ? Buffer.from(e.data.toString("utf8").replace("{", "{ ")) : e.data;
      await w.add(e.name, data);
    }
    await w.close();
    const dir = mkdtempSync(join(tmpdir(), "trygg-restore-"));
    const database = await openDatabase({ kind: "pglite-memory" });
    const files = createDiskStorage(join(dir, "files"));
    try {
      await assert.rejects(restoreBackup(damaged, database, files, migrationDirs()), /promises.*kontrollsumma/);
      const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(database.db);
      assert.equal(Number(tables.rows[0]!.n), 0, "nothing was written");
      // A file cut short is refused too.
      const cut = join(work, "cut.tar.gz");
      writeFileSync(cut, readFileSync(backupPath).subarray(0, 4000));
      await assert.rejects(restoreBackup(cut, database, files, migrationDirs()));
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a backup from a newer Trygg (a migration this version does not know)", async () => {
    const newer = join(work, "newer.tar");
    const w = createTarWriter(newer);
    for await (const e of readTar(backupPath)) {
      if (e.name.endsWith("manifest.json")) {
        const m = JSON.parse(e.data.toString("utf8")) as { migrations: string[] };
        m.migrations.push("9999_from_the_future");
        await w.add(e.name, Buffer.from(JSON.stringify(m)));
      } else await w.add(e.name, e.data);
    }
    await w.close();
    const database = await openDatabase({ kind: "pglite-memory" });
    try {
      await assert.rejects(restoreBackup(newer, database, createDiskStorage(join(work, "x")), migrationDirs()), /nyare version av Trygg.*9999_from_the_future/);
    } finally {
      await database.close();
    }
  });
});

export type { DB };
