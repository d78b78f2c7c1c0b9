// Shared CLI plumbing: flag parsing with clear one-line errors, config with --data-dir, and
// opening the same database the server uses (failing at once if a running server holds it).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError, loadConfig, type Config } from "../config/index.ts";
import type { Database } from "../platform/db/database.ts";
import { DataDirInUseError } from "../platform/db/lock.ts";
import { prepareDatabase } from "../runtime.ts";
import { CliError } from "./cli-error.ts";

export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const m = /Unknown option '([^']+)'/.exec(msg);
    throw new CliError(m ? `okänd flagga ${m[1]}` : `ogiltiga flaggor: ${msg}`, 2);
  }
}

export const dataDirOption = { "data-dir": { type: "string" } } as const;

export function cliConfig(values: { "data-dir"?: string | boolean | undefined; port?: string | boolean | undefined }): Config {
  try {
    return loadConfig(process.env, {
      TRYGG_DATA_DIR: typeof values["data-dir"] === "string" ? values["data-dir"] : undefined,
      PORT: typeof values.port === "string" ? values.port : undefined,
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}

export async function withDatabase<T>(config: Config, purpose: string, fn: (database: Database, applied: string[]) => Promise<T>): Promise<T> {
  let prepared: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    prepared = await prepareDatabase(config, purpose);
  } catch (err) {
    if (err instanceof DataDirInUseError) throw new CliError(err.message);
    throw err;
  }
  try {
    return await fn(prepared.database, prepared.applied);
  } finally {
    await prepared.database.close();
  }
}

export function describeDatabase(config: Config): string {
  return config.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite i ${config.TRYGG_DATA_DIR}/db`;
}
