// Runs that never finish. A run is stored as 'running' before its computation starts; if the
// process dies while it computes (kill -9, out of memory, power cut), nothing would ever complete
// or fail it. Such runs are marked failed with error INTERRUPTED_RUN:
// - on the embedded database when the server starts: the starting process owns the data directory
//   (platform/db/lock.ts), so every 'running' run it finds was interrupted;
// - on PostgreSQL when a server starts and every minute after, on every instance: a computing run
//   holds a session advisory lock for its whole life (holdRun), on a connection of its own; the
//   server drops the lock the moment that session ends — when its process dies, too. A 'running'
//   run whose lock anyone can take has no process left: it is marked failed, at once, whichever
//   instance looks. (A heartbeat would need a timeout to tell a dead run from a slow one; the lock
//   needs none.)
import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/database.ts";
import { acrossTenants } from "../../platform/db/across-tenants.ts";
import type { DB } from "../../platform/db/schema.ts";

/** The error of a run whose process died while computing (the run page explains it in words). */
export const INTERRUPTED_RUN = "interrupted";
/** First key of the two-key advisory locks of runs (the second is hashtext of the run's id). */
const LOCK_SPACE = 2001;
const SWEEP_MS = 60_000;

/** Holds a run's liveness lock while it computes (PostgreSQL); release() when it is done or failed. */
export type RunLiveness = { hold(runId: string): Promise<{ release(): Promise<void> }> };

/** The liveness of runs on this database: advisory locks on PostgreSQL; none needed on PGlite. */
export function runLiveness(database: Pick<Database, "kind" | "pool">): RunLiveness | undefined {
  if (database.kind !== "postgres") return undefined;
  return {
    async hold(runId) {
      const client = await database.pool.connect();
      // A checked-out client has no error listener of the pool's: if the server drops this idle
      // session (a restart, a crash, pg_terminate_backend) the 'error' event would take the whole
      // process down. The lock is gone with the session; the run computes on, and release() drops
      // the broken connection.
      let broken: Error | null = null;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on("error", onError);
      const done = (err?: Error) => {
        client.removeListener("error", onError);
        client.release(err);
      };
      try {
        await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [LOCK_SPACE, runId]);
      } catch (err) {
        done(err as Error);
        throw err;
      }
      return {
        async release() {
          if (broken) return done(broken);
          try {
            await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_SPACE, runId]);
            done();
          } catch (err) {
            done(err as Error); // a broken connection: dropped, and its lock with it
          }
        },
      };
    },
  };
}

/**
 * Mark interrupted runs failed, in every tenant: 'all' running runs (the embedded database, whose
 * only process is the one starting) or those whose liveness lock nobody holds (PostgreSQL).
 * Returns the ids marked.
 */
export async function failInterruptedRuns(db: Kysely<DB>, which: "all" | "unlocked"): Promise<string[]> {
  // Across tenants on purpose: a server start or the sweep repairs every municipality's runs.
  let q = acrossTenants(db)
    .updateTable("analysis_runs")
    .set({ status: "failed", error: INTERRUPTED_RUN, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where("status", "=", "running");
  // Taken for this transaction only: a lock that can be taken is held by no live run.
  if (which === "unlocked") q = q.where(sql<boolean>`pg_try_advisory_xact_lock(${LOCK_SPACE}, hashtext(id::text))`);
  const rows = await q.returning("id").execute();
  return rows.map((r) => r.id);
}

let sweeper: NodeJS.Timeout | null = null;

/** The module's start hook: repair now, and on PostgreSQL every minute after, until stopRunSweeper(). */
export async function startRunSweeper(database: Pick<Database, "kind" | "db">, log: (ids: string[]) => void): Promise<void> {
  stopRunSweeper();
  if (database.kind === "pglite") {
    const ids = await failInterruptedRuns(database.db, "all");
    if (ids.length) log(ids);
    return;
  }
  const sweep = async () => {
    const ids = await failInterruptedRuns(database.db, "unlocked");
    if (ids.length) log(ids);
  };
  await sweep();
  sweeper = setInterval(() => void sweep().catch(() => undefined), SWEEP_MS); // the database away: the next sweep tries again
  sweeper.unref();
}

export function stopRunSweeper(): void {
  if (sweeper) clearInterval(sweeper);
  sweeper = null;
}
