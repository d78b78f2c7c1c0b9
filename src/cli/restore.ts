// trygg restore PATH [--data-dir DIR] — a backup into an EMPTY instance (a new data directory or
// a new PostgreSQL database); refuses anything else. See src/platform/backup/restore.ts.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { RestoreError, restoreBackup } from "../platform/backup/restore.ts";
import { TarFormatError } from "../platform/backup/tar.ts";
import { DataDirInUseError } from "../platform/db/lock.ts";
import { createStorage } from "../platform/storage/storage.ts";
import { migrationDirs } from "../modules/index.ts";
import { openConfiguredDatabase } from "../runtime.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig, dataDirOption, describeDatabase, parseFlags } from "./common.ts";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...dataDirOption }, true);
  if (positionals.length !== 1) throw new CliError("ange säkerhetskopian: trygg restore FIL [--data-dir DIR]", 2);
  const path = resolve(positionals[0]!);
  if (!existsSync(path)) throw new CliError(`${path} finns inte`);
  const config = cliConfig(values);
  let database: Awaited<ReturnType<typeof openConfiguredDatabase>>;
  try {
    database = await openConfiguredDatabase(config, "trygg restore");
  } catch (err) {
    if (err instanceof DataDirInUseError) throw new CliError(err.message);
    throw err;
  }
  const started = Date.now();
  try {
    const r = await restoreBackup(path, database, createStorage(config), migrationDirs());
    const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Återställde ${path} (från ${r.manifest.createdAt}) till ${describeDatabase(config)}:\n` +
        `  ${Object.keys(r.rows).length} tabeller, ${rows} rader, ${r.files} filer, ${Date.now() - started} ms` +
        `${r.applied.length ? `; därefter ${r.applied.length} nyare migrering(ar)` : ""}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof RestoreError || err instanceof TarFormatError) throw new CliError(err.message);
    throw err;
  } finally {
    await database.close();
  }
}
