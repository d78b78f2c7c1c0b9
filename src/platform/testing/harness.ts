// Test harness: a fresh, migrated database per test file on the engine the run asks for
// (TRYGG_TEST_DB=pglite | postgres), and an app built on it for `app.inject()`.
// - PGlite: initdb + migrations run once per machine and are dumped to a template tarball in
//   the OS temp dir (keyed by the migrations' content); each file loads it in memory (~1 s).
// - PostgreSQL: TRYGG_TEST_PG_URL points at a server (scripts/test.ts starts a private one);
//   a template database is migrated once, each file gets CREATE DATABASE … TEMPLATE.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import pg from "pg";
import { buildApp } from "../../app.ts";
import { type Config, loadConfig } from "../../config/index.ts";
import { type Database, openDatabase } from "../db/database.ts";
import { migrationDirs } from "../../modules/index.ts";
import { migrateToLatest, migrationFiles } from "../db/migrate.ts";
import type { DB } from "../db/schema.ts";
import type { App } from "../http/types.ts";
import { createMailer } from "../mail/mailer.ts";
import { createDiskStorage } from "../storage/storage.ts";
// Record every route of every app built in tests (the isolation sweep enumerates them).
import "./routes.ts";

export type TestDbKind = "pglite" | "postgres";

export function testDbKind(): TestDbKind {
  return process.env.TRYGG_TEST_DB === "postgres" ? "postgres" : "pglite";
}

function migrationsHash(): string {
  const h = createHash("sha256");
  for (const f of migrationFiles(migrationDirs())) h.update(f.name).update(readFileSync(f.path));
  return h.digest("hex").slice(0, 16);
}

async function pgliteTemplate(): Promise<Blob> {
  const dir = join(tmpdir(), "trygg-test-templates");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pglite-${migrationsHash()}.tar.gz`);
  if (!existsSync(file)) {
    const database = await openDatabase({ kind: "pglite-memory" });
    await migrateToLatest(database.db as never, migrationDirs());
    const dump = await database.pglite!.dumpDataDir("gzip");
    await database.close();
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel test files may race to create it
  }
  return new Blob([readFileSync(file)]);
}

async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TRYGG_TEST_PG_URL;
  if (!adminUrl) throw new Error("TRYGG_TEST_PG_URL saknas: kör testerna med `npm test`, som startar en PostgreSQL-server");
  const template = `trygg_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [template]);
    if (exists.rowCount === 0) {
      // Serialise template creation across parallel test files.
      await admin.query("select pg_advisory_lock(4242)");
      try {
        const again = await admin.query("select 1 from pg_database where datname = $1", [template]);
        if (again.rowCount === 0) {
          const building = `${template}_build_${process.pid}`;
          await admin.query(`create database ${building}`);
          const u = new URL(adminUrl);
          u.pathname = `/${building}`;
          const database = await openDatabase({ kind: "postgres", url: u.toString() });
          await migrateToLatest(database.db as never, migrationDirs());
          await database.close();
          await admin.query(`alter database ${building} rename to ${template}`);
        }
      } finally {
        await admin.query("select pg_advisory_unlock(4242)");
      }
    }
    const name = `trygg_t_${randomBytes(6).toString("hex")}`;
    await admin.query(`create database ${name} template ${template}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      async drop() {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  } finally {
    await admin.end();
  }
}

/** A fresh migrated database of the run's kind (`url`: the PostgreSQL database's address). */
export async function createTestDatabase(): Promise<Database & { kindLabel: string; url?: string }> {
  if (testDbKind() === "postgres") {
    const { url, drop } = await postgresDatabase();
    const database = await openDatabase({ kind: "postgres", url });
    return {
      ...database,
      kindLabel: "postgres",
      url,
      async close() {
        await database.close();
        await drop();
      },
    };
  }
  const database = await openDatabase({ kind: "pglite-memory", loadDataDir: await pgliteTemplate() });
  return { ...database, kindLabel: "pglite" };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = join(tmpdir(), `trygg-test-${process.pid}-${randomBytes(4).toString("hex")}`);
  return loadConfig({}, { NODE_ENV: "test", LOG_LEVEL: "silent", TRYGG_DATA_DIR: dataDir, PORT: "0", ...overrides });
}

export type TestApp = { app: App; db: Kysely<DB>; database: Database & { url?: string }; config: Config; close(): Promise<void> };

/** App + fresh database for one test file. Call close() in after(). */
export async function createTestApp(opts: { config?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(opts.config);
  const app = await buildApp({ config, database, mailer: createMailer(config), storage: createDiskStorage(join(config.TRYGG_DATA_DIR, "files")) });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      rmSync(config.TRYGG_DATA_DIR, { recursive: true, force: true }); // the test's files (uploads)
    },
  };
}

/**
 * A second instance of the app on the test app's database, as a second server process would run
 * it: on PostgreSQL with its own connection pool; on PGlite (owned by one process) on the same
 * embedded database. Close it before the test app.
 */
export async function createSecondInstance(t: TestApp): Promise<{ app: App; close(): Promise<void> }> {
  const own = t.database.url ? await openDatabase({ kind: "postgres", url: t.database.url }) : null;
  const database = own ?? t.database;
  const config = testConfig();
  const app = await buildApp({ config, database, mailer: createMailer(config), storage: createDiskStorage(join(config.TRYGG_DATA_DIR, "files")) });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await own?.close();
      rmSync(config.TRYGG_DATA_DIR, { recursive: true, force: true });
    },
  };
}
