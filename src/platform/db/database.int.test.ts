// The PostgreSQL pool survives the server ending connections: a restart, a crash or an
// administrator's pg_terminate_backend while a connection is handed out (a transaction, a held
// advisory lock) rejects that work and nothing else — before, the connection's unheard 'error'
// event ended the whole process. Only PostgreSQL has connections to lose; on the embedded database
// the same promise is checked with a transaction that fails on its own.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "kysely";
import pg from "pg";
import { createTestDatabase, postgresDatabase, testDbKind } from "../testing/harness.ts";
import { openDatabase } from "./database.ts";

describe("database: work that fails midway fails alone", () => {
  const onEngine = (kind: "pglite" | "postgres", name: string, fn: () => Promise<void>) => {
    if (testDbKind() === kind) it(name, fn);
  };

  onEngine("pglite", "PGlite: a transaction that fails is rolled back alone; the database goes on", async () => {
    const database = await createTestDatabase();
    try {
      const outcome = await database.db
        .transaction()
        .execute(async (trx) => {
          await sql`CREATE TEMP TABLE t_rollback (x int)`.execute(trx);
          await sql`SELECT 1 / 0`.execute(trx);
          return "committed";
        })
        .catch((err: Error) => `rejected: ${err.message}`);
      assert.match(outcome, /^rejected: division by zero/);
      const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relname = 't_rollback'`.execute(database.db);
      assert.equal(after.rows[0]!.n, 0, "rolled back, and the database answers");
    } finally {
      await database.close();
    }
  });

  onEngine("postgres", "PostgreSQL: a transaction whose connection the server ends fails alone; the process and the pool go on", async () => {
    const target = await postgresDatabase();
    const database = await openDatabase({ kind: "postgres", url: target.url });
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    try {
      const outcome = await database.db
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
          await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
          // The connection is idle in its transaction when the server ends it: the client hears
          // it as an 'error' event with no statement running.
          for (let i = 0; i < 100; i++) {
            const r = await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [rows[0]!.pid]);
            if (!r.rows.length) break;
            await new Promise((r) => setTimeout(r, 20));
          }
          await new Promise((r) => setTimeout(r, 100));
          await sql`SELECT 1`.execute(trx);
          return "committed";
        })
        .catch((err: Error) => `rejected: ${err.message}`);
      assert.match(outcome, /^rejected: /);
      const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
      assert.equal(after.rows[0]!.one, 1, "the pool hands out a fresh connection");
    } finally {
      await admin.end();
      await database.close();
      await target.drop();
    }
  });
});
