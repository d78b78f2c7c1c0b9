// Opening the database the configuration names (PGlite directory or PostgreSQL server),
// migrating it, and building the app's dependencies. Shared by `trygg start`, the other CLI
// subcommands and the tests.
import { join } from "node:path";
import type { Config } from "./config/index.ts";
import { type Database, openDatabase } from "./platform/db/database.ts";
import { migrateToLatest } from "./platform/db/migrate.ts";
import { migrationDirs } from "./modules/index.ts";
import type { AppDeps } from "./platform/http/types.ts";
import { createMailer } from "./platform/mail/mailer.ts";
import { createStorage } from "./platform/storage/storage.ts";

export async function openConfiguredDatabase(config: Config, purpose: string): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({ kind: "postgres", url: config.DATABASE_URL })
    : openDatabase({ kind: "pglite", dataDir: join(config.TRYGG_DATA_DIR, "db"), purpose });
}

export async function prepareDatabase(config: Config, purpose: string): Promise<{ database: Database; applied: string[] }> {
  const database = await openConfiguredDatabase(config, purpose);
  try {
    const { applied } = await migrateToLatest(database.db as never, migrationDirs());
    return { database, applied };
  } catch (err) {
    await database.close();
    throw err;
  }
}

export function buildDeps(config: Config, database: Database): AppDeps {
  return { config, database, mailer: createMailer(config), storage: createStorage(config) };
}

export async function isEmptyDatabase(database: Database): Promise<boolean> {
  const r = await database.db
    .selectFrom("tenants")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n) === 0;
}
