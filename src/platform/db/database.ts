// One database API for both engines: embedded PGlite (default) and a PostgreSQL server
// (DATABASE_URL). Both are reached through a `pg` Pool and Kysely, so the same SQL, the same
// migrations and the same repository code run on both.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { type DirLock, lockDataDir } from "./lock.ts";
import type { DB } from "./schema.ts";

// Return int8 and numeric as JS numbers (counts, sums); dates stay strings for DATE columns.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export type Database = {
  kind: "pglite" | "postgres";
  db: Kysely<DB>;
  pool: pg.Pool;
  /** Present for PGlite only. */
  pglite?: PGlite;
  close(): Promise<void>;
};

export type OpenOptions =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string; purpose?: string }
  /** In-memory PGlite, optionally from a dumped data directory (tests). */
  | { kind: "pglite-memory"; loadDataDir?: Blob };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === "postgres") {
    // application_name: the server's connections are easy to tell apart in pg_stat_activity.
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, application_name: "trygg" });
    // An idle connection that dies (server restart, database dropped) must not crash the
    // process; the pool replaces it and the next query reports any real problem.
    pool.on("error", (err) => process.emitWarning(`PostgreSQL-anslutning stängd: ${err.message}`));
    // The pool takes its own listener off a connection it hands out (a query, a transaction, a
    // held advisory lock). If the server ends it meanwhile (a restart, a crash, an administrator),
    // the client emits 'error' — unheard, that ends the process. The work on it rejects with the
    // same error and the pool drops the connection on release, so this listener only listens.
    pool.on("connect", (client) => client.on("error", () => undefined));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: "postgres",
      db,
      pool,
      async close() {
        await db.destroy();
      },
    };
  }
  let lock: DirLock | undefined;
  let pglite: PGlite;
  if (opts.kind === "pglite") {
    const dir = resolve(opts.dataDir);
    mkdirSync(dir, { recursive: true });
    lock = lockDataDir(dir, opts.purpose ?? "trygg");
    try {
      pglite = await PGlite.create(resolve(dir, "pgdata"));
    } catch (err) {
      lock.release();
      throw err;
    }
  } else {
    pglite = await PGlite.create(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "pglite",
    db,
    pool,
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
