// trygg backup [--data-dir DIR] --out PATH — one consistent backup (database and files) in one
// tar file (.tar, or .tar.gz when PATH ends in .gz). See src/platform/backup/backup.ts.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { BackupError, writeBackup } from "../platform/backup/backup.ts";
import { DataDirInUseError } from "../platform/db/lock.ts";
import { createStorage } from "../platform/storage/storage.ts";
import { openConfiguredDatabase } from "../runtime.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig, dataDirOption, describeDatabase, parseFlags } from "./common.ts";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...dataDirOption, out: { type: "string" } });
  if (!values.out) throw new CliError("ange var säkerhetskopian ska skrivas: trygg backup --out FIL", 2);
  const out = resolve(values.out);
  if (existsSync(out)) throw new CliError(`${out} finns redan – välj ett nytt filnamn (en säkerhetskopia skrivs aldrig över)`);
  const config = cliConfig(values);
  let database: Awaited<ReturnType<typeof openConfiguredDatabase>>;
  try {
    database = await openConfiguredDatabase(config, "trygg backup");
  } catch (err) {
    if (err instanceof DataDirInUseError)
      throw new CliError(`${err.message} Den inbäddade databasen kan säkerhetskopieras när Trygg är stoppat (med PostgreSQL går det medan Trygg kör).`);
    throw err;
  }
  const started = Date.now();
  try {
    const { summary } = await writeBackup(database, createStorage(config), out);
    const tables = Object.keys(summary.rows).length;
    const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Säkerhetskopia av ${describeDatabase(config)}: ${out}\n` +
        `  ${tables} tabeller, ${rows} rader, ${summary.files} filer (${(summary.bytes / 1024 / 1024).toFixed(1)} MB), ${Date.now() - started} ms\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(err.message);
    throw err;
  } finally {
    await database.close();
  }
}
