// `trygg backup`: one consistent backup of everything Trygg holds — every table of the database
// (read from the catalog, plan.ts) and every stored file — in one tar file (decision 0043).
//
// Consistent: all tables are read in ONE transaction (REPEATABLE READ, READ ONLY), and the files
// are read from storage for exactly the `files` rows of that snapshot, while it is open. A file
// that another instance deleted after the snapshot was taken (its row gone now, its bytes gone
// from storage) makes the backup start again with a new snapshot; a file whose row still exists
// but whose bytes are missing is an error (storage and database disagree — say so, do not hide it).
// Works on PGlite (the server must be stopped: one process per data directory) and PostgreSQL
// (online, beside running instances), with the same SQL: no pg_dump needed.
//
// Layout of the tar file:
//   trygg-backup/manifest.json          format, created, engine, migrations, tables (columns, order)
//   trygg-backup/data/<table>/<n>.ndjson  rows as to_jsonb, ≤ 2 000 rows or 4 MB per chunk
//   trygg-backup/files/<storage key>    each file's bytes
//   trygg-backup/sequences.json         every sequence's position
//   trygg-backup/summary.json           rows per table, sha256 of every entry (read last, checked first)
import { createHash } from "node:crypto";
import { renameSync, rmSync } from "node:fs";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Storage } from "../storage/storage.ts";
import { type Plan, quoteIdent, readPlan } from "./plan.ts";
import { createTarWriter, type TarWriter } from "./tar.ts";

export const BACKUP_FORMAT = "trygg-backup";
export const BACKUP_VERSION = 1;
export const ROOT = "trygg-backup";
const CHUNK_ROWS = 2_000;
const CHUNK_BYTES = 4 * 1024 * 1024;
const ATTEMPTS = 3;

export type Manifest = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: "pglite" | "postgres";
  serverVersion: string;
  migrations: string[];
  tables: Array<{ name: string; columns: string[] }>;
};

export type Summary = {
  rows: Record<string, number>;
  files: number;
  bytes: number;
  /** sha256 of every entry's bytes, by entry name (manifest and summary excepted). */
  entries: Record<string, string>;
};

export class BackupError extends Error {}

/** A file deleted by another instance after the snapshot: the backup starts again. */
class ChangedUnderfoot extends Error {}

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

/** Write the backup to `out` (via `out`.partial, renamed when complete). */
export async function writeBackup(database: Database, storage: Storage, out: string): Promise<{ manifest: Manifest; summary: Summary }> {
  const partial = `${out}.partial`;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await writeOnce(database, storage, partial, out.endsWith(".gz"));
      renameSync(partial, out);
      return result;
    } catch (err) {
      rmSync(partial, { force: true });
      if (err instanceof ChangedUnderfoot && attempt < ATTEMPTS) continue;
      if (err instanceof ChangedUnderfoot) throw new BackupError(`filer togs bort medan säkerhetskopian skrevs, ${ATTEMPTS} gånger i rad – försök igen`);
      throw err;
    }
  }
}

async function writeOnce(database: Database, storage: Storage, path: string, gzip: boolean): Promise<{ manifest: Manifest; summary: Summary }> {
  const tar = createTarWriter(path, { gzip });
  const entries: Record<string, string> = {};
  const add = async (name: string, data: Buffer) => {
    entries[name] = sha256(data);
    await tar.add(`${ROOT}/${name}`, data);
  };
  try {
    const result = await database.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(async (tx) => {
        const trx = tx as unknown as Kysely<unknown>;
        // Timestamps as UTC text, whatever the server's time zone.
        await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
        const plan = await readPlan(trx);
        const migrations = (await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(trx)).rows.map((r) => r.name);
        const serverVersion = (await sql<{ v: string }>`SHOW server_version`.execute(trx)).rows[0]!.v;
        const manifest: Manifest = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          engine: database.kind,
          serverVersion,
          migrations,
          tables: plan.tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) })),
        };
        await tar.add(`${ROOT}/manifest.json`, Buffer.from(JSON.stringify(manifest, null, 2)));
        const rows = await dumpTables(trx, plan, add);
        const { files, bytes } = await copyFiles(trx, database, storage, add);
        const sequences = await readSequences(trx, plan);
        await add("sequences.json", Buffer.from(JSON.stringify(sequences, null, 2)));
        const summary: Summary = { rows, files, bytes, entries };
        await tar.add(`${ROOT}/summary.json`, Buffer.from(JSON.stringify(summary, null, 2)));
        return { manifest, summary };
      });
    await tar.close();
    return result;
  } catch (err) {
    await tar.close().catch(() => undefined);
    throw err;
  }
}

async function dumpTables(trx: Kysely<unknown>, plan: Plan, add: (name: string, data: Buffer) => Promise<void>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of plan.tables) {
    // A cursor keeps memory flat however large the table; ordered by the primary key, so the same
    // data gives the same file.
    const orderBy = t.primaryKey.length ? ` ORDER BY ${t.primaryKey.map(quoteIdent).join(", ")}` : "";
    const cursor = `trygg_backup_${t.name}`.slice(0, 60);
    await sql.raw(`DECLARE ${quoteIdent(cursor)} NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS j FROM ${quoteIdent(t.name)} t${orderBy}`).execute(trx);
    let n = 0;
    let chunk: string[] = [];
    let size = 0;
    let part = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      part++;
      await add(`data/${t.name}/${String(part).padStart(5, "0")}.ndjson`, Buffer.from(`${chunk.join("\n")}\n`));
      chunk = [];
      size = 0;
    };
    for (;;) {
      const batch = (await sql.raw<{ j: string }>(`FETCH 500 FROM ${quoteIdent(cursor)}`).execute(trx)).rows;
      if (batch.length === 0) break;
      for (const r of batch) {
        chunk.push(r.j);
        size += r.j.length;
        n++;
        if (chunk.length >= CHUNK_ROWS || size >= CHUNK_BYTES) await flush();
      }
    }
    await flush();
    await sql.raw(`CLOSE ${quoteIdent(cursor)}`).execute(trx);
    counts[t.name] = n;
  }
  return counts;
}

async function copyFiles(
  trx: Kysely<unknown>,
  database: Database,
  storage: Storage,
  add: (name: string, data: Buffer) => Promise<void>,
): Promise<{ files: number; bytes: number }> {
  const rows = (await sql<{ id: string; storage_key: string; sha256: string }>`SELECT id, storage_key, sha256 FROM files ORDER BY storage_key`.execute(trx))
    .rows;
  let bytes = 0;
  for (const f of rows) {
    const data = await storage.get(f.storage_key);
    if (!data) {
      // Deleted after the snapshot? Ask outside it (PostgreSQL: another connection; PGlite has no
      // other process, so a missing file there is always a real disagreement).
      if (database.kind === "postgres") {
        const now = await sql<{ n: number }>`SELECT count(*)::int AS n FROM files WHERE id = ${f.id}`.execute(database.db);
        if (Number(now.rows[0]!.n) === 0) throw new ChangedUnderfoot();
      }
      throw new BackupError(`filen ${f.storage_key} (files.id ${f.id}) finns i databasen men saknas i fillagringen`);
    }
    if (sha256(data) !== f.sha256) throw new BackupError(`filen ${f.storage_key} (files.id ${f.id}) stämmer inte med sin kontrollsumma i databasen`);
    await add(`files/${f.storage_key}`, data);
    bytes += data.length;
  }
  return { files: rows.length, bytes };
}

export type SequenceState = { name: string; lastValue: number | null; isCalled: boolean };

async function readSequences(trx: Kysely<unknown>, plan: Plan): Promise<SequenceState[]> {
  const out: SequenceState[] = [];
  for (const s of plan.sequences) {
    const r = (await sql.raw<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM ${quoteIdent(s)}`).execute(trx)).rows[0]!;
    out.push({ name: s, lastValue: r.is_called ? Number(r.last_value) : null, isCalled: r.is_called });
  }
  return out;
}

export type { TarWriter };
