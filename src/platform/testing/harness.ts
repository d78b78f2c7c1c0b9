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
import { migrationDirs, modules } from "../../modules/index.ts";
import type { TryggModule } from "../module.ts";
import { migrateToLatest, migrationFiles } from "../db/migrate.ts";
import type { DB } from "../db/schema.ts";
import type { App } from "../http/types.ts";
import { createMailer } from "../mail/mailer.ts";
import { createDiskStorage } from "../storage/storage.ts";
import { tenantOwnedTables } from "./isolation.ts";
import { type TenantScopeGuard, tenantScopeGuard } from "./tenant-scope.ts";
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

/** The migrated PGlite template (a dumped data directory), built once per migration set. */
export async function pgliteTemplate(): Promise<Blob> {
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

/** A fresh migrated PostgreSQL database (from the run's template) by URL: for tests that start real server processes on it. */
export async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
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

/**
 * A fresh EMPTY database of the run's kind (no migrations): for tests that build an older schema
 * themselves (migrations on existing data). PGlite pays a full initdb here (several seconds).
 */
export async function createEmptyTestDatabase(): Promise<Database> {
  if (testDbKind() === "pglite") return openDatabase({ kind: "pglite-memory" });
  const adminUrl = process.env.TRYGG_TEST_PG_URL;
  if (!adminUrl) throw new Error("TRYGG_TEST_PG_URL saknas: kör testerna med `npm test`, som startar en PostgreSQL-server");
  const name = `trygg_e_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: u.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = join(tmpdir(), `trygg-test-${process.pid}-${randomBytes(4).toString("hex")}`);
  return loadConfig({}, { NODE_ENV: "test", LOG_LEVEL: "silent", TRYGG_DATA_DIR: dataDir, PORT: "0", ...overrides });
}

/** One captured log line (pino's JSON: level 50 = error, 40 = warn). */
export type LogLine = { level: number; msg?: string; err?: { type?: string; message?: string; stack?: string }; [k: string]: unknown };

export type TestApp = {
  app: App;
  /** The database without the tenant-scope guard: for a test's own set-up and checks. */
  db: Kysely<DB>;
  /** `url`: the PostgreSQL database's address (a second app instance on the same database). */
  database: Database & { url?: string };
  config: Config;
  /** The guard on the app's queries (null when the test turned it off). */
  tenantScope: TenantScopeGuard | null;
  /** Log lines written by the app (only with `captureLogs`); clear with `logs.length = 0`. */
  logs: LogLine[];
  close(): Promise<void>;
};

/**
 * App + fresh database for one test file. Call close() in after(). The app's queries run through
 * the tenant-scope guard (tenant-scope.ts): one that touches a tenant-owned table without
 * tenant_id = value fails, and close() fails the file when any did. `extraModules` adds modules
 * to the list (their migrations are applied on top of the template) — for testing a module that
 * is not in src/modules/index.ts, such as the module template's output. With `captureLogs` (a
 * level such as "warn" or "debug") the app logs at that level into `logs` instead of standard
 * output.
 */
export async function createTestApp(
  opts: {
    config?: Record<string, string>;
    tenantScope?: boolean;
    extraModules?: readonly TryggModule[];
    captureLogs?: "debug" | "info" | "warn" | "error";
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const extra = opts.extraModules ?? [];
  if (extra.length) await migrateToLatest(database.db as never, [...migrationDirs(), ...extra.flatMap((m) => (m.migrations ? [m.migrations] : []))]);
  const config = testConfig({ ...(opts.captureLogs ? { LOG_LEVEL: opts.captureLogs } : {}), ...opts.config });
  const logs: LogLine[] = [];
  const logStream = opts.captureLogs ? { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) } : undefined;
  const guard = opts.tenantScope === false ? null : tenantScopeGuard(await tenantOwnedTables(database.db));
  const appDatabase: Database = guard ? { ...database, db: database.db.withPlugin(guard) } : database;
  const deps = {
    config,
    database: appDatabase,
    mailer: createMailer(config),
    storage: createDiskStorage(join(config.TRYGG_DATA_DIR, "files")),
    ...(logStream ? { logStream } : {}),
  };
  const app = await buildApp(deps, extra.length ? { modules: [...modules, ...extra] } : {});
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    config,
    tenantScope: guard,
    logs,
    async close() {
      await app.close();
      await database.close();
      rmSync(config.TRYGG_DATA_DIR, { recursive: true, force: true }); // the test's files (uploads)
      if (guard?.violations.length) {
        throw new Error(`Frågor utan tenant_id = värde på kommunernas tabeller:\n${guard.violations.join("\n")}`);
      }
    },
  };
}

/**
 * A second instance of the app on the test app's database, as a second server process would run
 * it: on PostgreSQL with its own connection pool; on PGlite (owned by one process) on the same
 * embedded database. Close it before the test app.
 */
export async function createSecondInstance(t: TestApp, opts: { config?: Record<string, string> } = {}): Promise<{ app: App; close(): Promise<void> }> {
  const own = t.database.url ? await openDatabase({ kind: "postgres", url: t.database.url }) : null;
  const database = own ?? t.database;
  const config = testConfig(opts.config);
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
