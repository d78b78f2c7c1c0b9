// Plain numbered SQL migrations (NNNN_name.sql), applied in order by Kysely's Migrator. The
// foundation's live in migrations/ at the repository root; each module keeps its own in its
// folder (the module object names it) and numbers them in its range (docs/decisions/0002), so
// one number is never used twice. A file is one migration; it runs in a transaction. A migration
// of one module may land after a higher-numbered one of another has run (parallel work), so
// applying out of order is allowed: every pending file runs, in number order.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, sql } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";

export const FOUNDATION_MIGRATIONS = new URL("../../../migrations/", import.meta.url);

const NAME = /^\d{4}_[a-z0-9_-]+\.sql$/;

export type MigrationFile = { name: string; path: string };

/** Every migration file of the given folders, in order; the same number twice is an error. */
export function migrationFiles(dirs: readonly URL[]): MigrationFile[] {
  const byNumber = new Map<string, string>();
  const out: MigrationFile[] = [];
  for (const dir of dirs) {
    const path = fileURLToPath(dir);
    for (const f of readdirSync(path).filter((x) => NAME.test(x))) {
      const number = f.slice(0, 4);
      const prior = byNumber.get(number);
      if (prior) throw new Error(`migreringsnumret ${number} används två gånger: ${prior} och ${join(path, f)}`);
      byNumber.set(number, join(path, f));
      out.push({ name: f.replace(/\.sql$/, ""), path: join(path, f) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

class SqlFileMigrationProvider implements MigrationProvider {
  readonly files: MigrationFile[];
  constructor(files: MigrationFile[]) {
    this.files = files;
  }
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const file of this.files) {
      const text = readFileSync(file.path, "utf8");
      out[file.name] = {
        async up(db) {
          await sql.raw(text).execute(db);
        },
      };
    }
    return out;
  }
}

export type MigrateResult = { applied: string[] };

/** True when every migration file is already recorded: the usual restart, answered by one query. */
async function isUpToDate(db: Kysely<unknown>, files: MigrationFile[]): Promise<boolean> {
  try {
    const r = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
    const done = new Set(r.rows.map((x) => x.name));
    return files.every((f) => done.has(f.name));
  } catch {
    return false; // no table yet: a new database
  }
}

export async function migrateToLatest(db: Kysely<unknown>, dirs: readonly URL[]): Promise<MigrateResult> {
  const files = migrationFiles(dirs);
  if (await isUpToDate(db, files)) return { applied: [] };
  return migrateFiles(db, files);
}

/** Apply the pending ones of exactly these files (all in one transaction); tests use it to build an older schema. */
export async function migrateFiles(db: Kysely<unknown>, files: MigrationFile[]): Promise<MigrateResult> {
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(files),
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    const msg = error instanceof Error ? error.message : String(error);
    throw new Error(`migreringen ${failed?.migrationName ?? "?"} misslyckades: ${msg}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
