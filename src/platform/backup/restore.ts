// `trygg restore`: a backup (backup.ts) into an EMPTY instance — a new PGlite data directory or a
// new PostgreSQL database — never over data (decision 0043).
//
// 1. Read the whole file once without writing anything: every entry's sha256 against the
//    summary, every file's sha256 against its `files` row, the row counts, the migrations (a
//    backup from a newer Trygg is refused).
// 2. Bring the empty database to exactly the backup's migrations (so its rows fit the schema they
//    were taken from), and check that the tables and columns are the backup's.
// 3. Put the files into the instance's storage (S3 or disk), checked again.
// 4. Insert every row in ONE transaction, in the order of the foreign keys, with the tables' own
//    triggers off (the rows are restored as they were, not re-derived), keeping every id; set the
//    columns that close a cycle of keys (CHECKs on them dropped meanwhile and added back, so
//    checked again); set every sequence where it was; count the rows.
// 5. Apply the migrations that are newer than the backup, as for any older database.
import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/database.ts";
import { migrateFiles, migrateToLatest, migrationFiles } from "../db/migrate.ts";
import type { Storage } from "../storage/storage.ts";
import { BACKUP_FORMAT, BACKUP_VERSION, type Manifest, ROOT, type SequenceState, type Summary } from "./backup.ts";
import { type Plan, quoteIdent, readPlan, type TablePlan } from "./plan.ts";
import { readTar } from "./tar.ts";

export class RestoreError extends Error {}

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

type Checked = { manifest: Manifest; summary: Summary; fileTypes: Map<string, { sha256: string; contentType: string }> };

/** Pass 1: the whole file, checked, nothing written. */
export async function checkBackup(path: string, knownMigrations: string[]): Promise<Checked> {
  let manifest: Manifest | null = null;
  let summary: Summary | null = null;
  const seen = new Map<string, string>();
  const lines = new Map<string, number>();
  const fileRows = new Map<string, { sha256: string; contentType: string }>();
  const fileHashes = new Map<string, string>();
  try {
    for await (const { name, data } of readTar(path)) {
      if (!name.startsWith(`${ROOT}/`)) throw new RestoreError(`okänd post i säkerhetskopian: ${name}`);
      const rel = name.slice(ROOT.length + 1);
      if (rel === "manifest.json") {
        manifest = JSON.parse(data.toString("utf8")) as Manifest;
        if (manifest.format !== BACKUP_FORMAT) throw new RestoreError("filen är ingen säkerhetskopia från Trygg");
        if (manifest.version !== BACKUP_VERSION)
          throw new RestoreError(`säkerhetskopians format ${manifest.version} känns inte igen (väntade ${BACKUP_VERSION})`);
        continue;
      }
      if (!manifest) throw new RestoreError("säkerhetskopian börjar inte med manifest.json");
      if (rel === "summary.json") {
        summary = JSON.parse(data.toString("utf8")) as Summary;
        continue;
      }
      seen.set(rel, sha256(data));
      const m = /^data\/([^/]+)\/\d+\.ndjson$/.exec(rel);
      if (m) {
        const text = data.toString("utf8");
        const rows = text.split("\n").filter(Boolean);
        lines.set(m[1]!, (lines.get(m[1]!) ?? 0) + rows.length);
        if (m[1] === "files")
          for (const r of rows) {
            const f = JSON.parse(r) as { storage_key: string; sha256: string; content_type: string };
            fileRows.set(f.storage_key, { sha256: f.sha256, contentType: f.content_type });
          }
      } else if (rel.startsWith("files/")) fileHashes.set(rel.slice("files/".length), sha256(data));
    }
  } catch (err) {
    if (err instanceof SyntaxError) throw new RestoreError(`säkerhetskopian är skadad (ogiltig JSON): ${err.message}`);
    throw err;
  }
  if (!manifest) throw new RestoreError("säkerhetskopian saknar manifest.json");
  if (!summary) throw new RestoreError("säkerhetskopian saknar summary.json (avkortad eller ofullständig fil?)");
  for (const [entry, hash] of Object.entries(summary.entries)) {
    if (!seen.has(entry)) throw new RestoreError(`säkerhetskopian saknar ${entry}`);
    if (seen.get(entry) !== hash) throw new RestoreError(`säkerhetskopian är skadad: ${entry} stämmer inte med sin kontrollsumma`);
  }
  for (const entry of seen.keys()) if (!(entry in summary.entries)) throw new RestoreError(`okänd post i säkerhetskopian: ${entry}`);
  for (const t of manifest.tables) {
    if ((lines.get(t.name) ?? 0) !== (summary.rows[t.name] ?? 0))
      throw new RestoreError(`säkerhetskopian är skadad: ${t.name} har ${lines.get(t.name) ?? 0} rader, väntade ${summary.rows[t.name]}`);
  }
  for (const [key, row] of fileRows) {
    const got = fileHashes.get(key);
    if (!got) throw new RestoreError(`säkerhetskopian saknar filen ${key}`);
    if (got !== row.sha256) throw new RestoreError(`filen ${key} i säkerhetskopian stämmer inte med sin kontrollsumma`);
  }
  const known = new Set(knownMigrations);
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length)
    throw new RestoreError(`säkerhetskopian kommer från en nyare version av Trygg (okända migreringar: ${unknown.join(", ")}); uppdatera Trygg först`);
  return { manifest, summary, fileTypes: fileRows };
}

/** The applied migrations, or null when the database has no schema yet. */
async function appliedMigrations(db: Kysely<unknown>): Promise<string[] | null> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('public.schema_migrations')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  return (await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(db)).rows.map((r) => r.name);
}

async function nonEmptyTables(db: Kysely<unknown>, plan: Plan): Promise<string[]> {
  const out: string[] = [];
  for (const t of plan.tables) {
    const r = await sql.raw<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t.name)}) AS any`).execute(db);
    if (r.rows[0]?.any) out.push(t.name);
  }
  return out;
}

export type RestoreResult = { rows: Record<string, number>; files: number; applied: string[]; manifest: Manifest };

export async function restoreBackup(path: string, database: Database, storage: Storage, dirs: readonly URL[]): Promise<RestoreResult> {
  const files = migrationFiles(dirs);
  const checked = await checkBackup(
    path,
    files.map((f) => f.name),
  );
  const { manifest, summary } = checked;
  const db = database.db as unknown as Kysely<unknown>;

  // 2. An empty database at exactly the backup's migrations.
  const applied = await appliedMigrations(db);
  if (applied === null) {
    const wanted = new Set(manifest.migrations);
    await migrateFiles(
      db,
      files.filter((f) => wanted.has(f.name)),
    );
  } else {
    const plan = await readPlan(db);
    const full = await nonEmptyTables(db, plan);
    if (full.length)
      throw new RestoreError(
        `databasen är inte tom (${full.slice(0, 5).join(", ")}${full.length > 5 ? " …" : ""}); återställ till en ny, tom databas eller datakatalog`,
      );
    if (applied.join("\n") !== [...manifest.migrations].sort().join("\n"))
      throw new RestoreError(
        "databasen är tom men har andra migreringar än säkerhetskopian; återställ till en helt ny databas (eller en ny datakatalog), så körs rätt migreringar",
      );
  }
  const plan = await readPlan(db);
  const want = manifest.tables.map((t) => `${t.name}(${t.columns.join(",")})`).join("\n");
  const have = plan.tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(",")})`).join("\n");
  if (want !== have) throw new RestoreError("databasens tabeller stämmer inte med säkerhetskopians, trots samma migreringar");
  if (checked.manifest.tables.some((t, i) => plan.tables[i]?.name !== t.name)) throw new RestoreError("tabellernas ordning stämmer inte med säkerhetskopians");

  // 3. Files.
  let fileCount = 0;
  for await (const { name, data } of readTar(path)) {
    const rel = name.slice(ROOT.length + 1);
    if (!rel.startsWith("files/")) continue;
    const key = rel.slice("files/".length);
    const row = checked.fileTypes.get(key)!;
    const existing = await storage.get(key);
    if (existing && sha256(existing) !== row.sha256) throw new RestoreError(`fillagringen har redan en annan fil under ${key}; återställ till en tom lagring`);
    if (!existing) {
      const put = await storage.put(key, data, row.contentType);
      if (put.sha256 !== row.sha256) throw new RestoreError(`filen ${key} skrevs fel till lagringen`);
    }
    fileCount++;
  }

  // 4. Rows, in one transaction.
  const byName = new Map(plan.tables.map((t) => [t.name, t]));
  let sequences: SequenceState[] = [];
  await db.transaction().execute(async (trx) => {
    for (const t of plan.tables) await sql.raw(`ALTER TABLE ${quoteIdent(t.name)} DISABLE TRIGGER USER`).execute(trx);
    // A CHECK that ties a deferred column to others (est_reports: status 'sammanslagen' exactly
    // when merged_into_id is set) would refuse the row while that column is still NULL: such
    // checks are dropped for the inserts and added back — and so checked again — at the end.
    const parked = await parkChecks(trx, plan.tables);
    const later = new Map<string, unknown[]>();
    for await (const { name, data } of readTar(path)) {
      const rel = name.slice(ROOT.length + 1);
      if (rel === "sequences.json") sequences = JSON.parse(data.toString("utf8")) as SequenceState[];
      const m = /^data\/([^/]+)\/\d+\.ndjson$/.exec(rel);
      if (!m) continue;
      const table = byName.get(m[1]!)!;
      const rows = data.toString("utf8").split("\n").filter(Boolean);
      await insertRows(trx, table, rows);
      if (table.deferred.length) {
        const keep = later.get(table.name) ?? [];
        for (const r of rows) {
          const o = JSON.parse(r) as Record<string, unknown>;
          if (table.deferred.some((c) => o[c] !== null && o[c] !== undefined))
            keep.push(Object.fromEntries([...table.primaryKey, ...table.deferred].map((c) => [c, o[c]])));
        }
        later.set(table.name, keep);
      }
    }
    for (const [name, rows] of later) await setDeferred(trx, byName.get(name)!, rows);
    for (const c of parked) await sql.raw(`ALTER TABLE ${quoteIdent(c.table)} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.def}`).execute(trx);
    for (const s of sequences) {
      if (s.lastValue === null) await sql`SELECT setval(${quoteIdent(s.name)}::regclass, 1, false)`.execute(trx);
      else await sql`SELECT setval(${quoteIdent(s.name)}::regclass, ${s.lastValue}, true)`.execute(trx);
    }
    for (const t of plan.tables) {
      await sql.raw(`ALTER TABLE ${quoteIdent(t.name)} ENABLE TRIGGER USER`).execute(trx);
      const n = Number((await sql.raw<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(t.name)}`).execute(trx)).rows[0]!.n);
      if (n !== (summary.rows[t.name] ?? 0)) throw new RestoreError(`${t.name}: ${n} rader efter återställningen, väntade ${summary.rows[t.name]}`);
    }
  });

  // 5. Newer migrations, as for any older database.
  const { applied: newer } = await migrateToLatest(db, dirs);
  return { rows: summary.rows, files: fileCount, applied: newer, manifest };
}

/** Drop the CHECK constraints that mention a deferred column; returns them to be added back. */
async function parkChecks(trx: Kysely<unknown>, tables: readonly TablePlan[]): Promise<Array<{ table: string; name: string; def: string }>> {
  const parked: Array<{ table: string; name: string; def: string }> = [];
  for (const t of tables) {
    if (!t.deferred.length) continue;
    const r = await sql<{ name: string; def: string }>`
      SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c
      WHERE c.contype = 'c' AND c.conrelid = to_regclass(${quoteIdent(t.name)})
        AND EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                      AND a.attname IN (${sql.join(t.deferred)}))
      ORDER BY c.conname`.execute(trx);
    for (const c of r.rows) {
      await sql.raw(`ALTER TABLE ${quoteIdent(t.name)} DROP CONSTRAINT ${quoteIdent(c.name)}`).execute(trx);
      parked.push({ table: t.name, ...c });
    }
  }
  return parked;
}

async function insertRows(trx: Kysely<unknown>, t: TablePlan, rows: string[]): Promise<void> {
  const cols = t.columns.filter((c) => !c.generated);
  const list = cols.map((c) => quoteIdent(c.name)).join(", ");
  const select = cols.map((c) => (t.deferred.includes(c.name) ? `NULL AS ${quoteIdent(c.name)}` : `s.${quoteIdent(c.name)}`)).join(", ");
  const overriding = cols.some((c) => c.identityAlways) ? " OVERRIDING SYSTEM VALUE" : "";
  const text = `INSERT INTO ${quoteIdent(t.name)} (${list})${overriding} SELECT ${select} FROM jsonb_populate_recordset(NULL::${quoteIdent(t.name)}, $1::jsonb) AS s`;
  await trx.executeQuery({ sql: text, parameters: [`[${rows.join(",")}]`], query: { kind: "RawNode" } as never, queryId: { queryId: "restore" } as never });
}

async function setDeferred(trx: Kysely<unknown>, t: TablePlan, rows: unknown[]): Promise<void> {
  if (rows.length === 0) return;
  const set = t.deferred.map((c) => `${quoteIdent(c)} = s.${quoteIdent(c)}`).join(", ");
  const where = t.primaryKey.map((c) => `t.${quoteIdent(c)} = s.${quoteIdent(c)}`).join(" AND ");
  const text = `UPDATE ${quoteIdent(t.name)} AS t SET ${set} FROM jsonb_populate_recordset(NULL::${quoteIdent(t.name)}, $1::jsonb) AS s WHERE ${where}`;
  for (let i = 0; i < rows.length; i += 2000) {
    await trx.executeQuery({
      sql: text,
      parameters: [JSON.stringify(rows.slice(i, i + 2000))],
      query: { kind: "RawNode" } as never,
      queryId: { queryId: "restore" } as never,
    });
  }
}
