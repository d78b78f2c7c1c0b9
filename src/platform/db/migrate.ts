// Plain numbered SQL migrations (migrations/NNNN_name.sql), applied in order by Kysely's
// Migrator. A file is one migration; it runs in a transaction.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, sql } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations/", import.meta.url));

class SqlFileMigrationProvider implements MigrationProvider {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(join(this.dir, file), "utf8");
      out[file.replace(/\.sql$/, "")] = {
        async up(db) {
          await sql.raw(text).execute(db);
        },
      };
    }
    return out;
  }
}

export type MigrateResult = { applied: string[] };

/** Names of the migration files in dir (without .sql), in order. */
async function migrationNames(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
    .sort()
    .map((f) => f.replace(/\.sql$/, ""));
}

/** True when every migration file is already recorded: the usual restart, answered by one query. */
async function isUpToDate(db: Kysely<unknown>, dir: string): Promise<boolean> {
  try {
    const r = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
    const done = new Set(r.rows.map((x) => x.name));
    return (await migrationNames(dir)).every((n) => done.has(n));
  } catch {
    return false; // no table yet: a new database
  }
}

export async function migrateToLatest(db: Kysely<unknown>, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  if (await isUpToDate(db, dir)) return { applied: [] };
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(dir),
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    const msg = error instanceof Error ? error.message : String(error);
    throw new Error(`migreringen ${failed?.migrationName ?? "?"} misslyckades: ${msg}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
