// Runs that never finish. A run is stored as 'running' before its computation starts; if the
// process dies while the worker computes (kill -9, out of memory, power cut), nothing would ever
// complete or fail it. So a computing run beats (heartbeat_at, every RUN_HEARTBEAT_MS), and runs
// whose beat is older than RUN_STALE_MS are marked failed with error INTERRUPTED_RUN: when a server
// starts, and every minute while it runs (another instance on the same PostgreSQL may have died).
// On the embedded database the starting process owns the data directory (platform/db/lock.ts), so
// every 'running' run it finds was interrupted, however fresh its beat.
import { type Kysely, sql } from "kysely";
import { acrossTenants } from "../../platform/db/across-tenants.ts";
import type { DB } from "../../platform/db/schema.ts";

/** The error of a run whose process died while computing (the run page explains it in words). */
export const INTERRUPTED_RUN = "interrupted";
export const RUN_HEARTBEAT_MS = 20_000;
export const RUN_STALE_MS = 120_000;
const SWEEP_MS = 60_000;

/** Record a sign of life of a computing run. */
export async function beatRun(db: Kysely<DB>, tenantId: string, runId: string): Promise<void> {
  await db
    .updateTable("analysis_runs")
    .set({ heartbeat_at: sql<Date>`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", runId)
    .where("status", "=", "running")
    .execute();
}

/** Beat every RUN_HEARTBEAT_MS until stop() (never keeps the process alive; a failed beat is only logged). */
export function keepRunAlive(db: Kysely<DB>, tenantId: string, runId: string, onError: (err: unknown) => void = () => {}): { stop(): void } {
  const timer = setInterval(() => void beatRun(db, tenantId, runId).catch(onError), RUN_HEARTBEAT_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Mark interrupted runs failed, in every tenant: 'all' running runs (the embedded database, whose
 * only process is the one starting) or only those whose last beat is older than RUN_STALE_MS.
 * Returns the ids marked.
 */
export async function failInterruptedRuns(db: Kysely<DB>, which: "all" | "stale"): Promise<string[]> {
  // Across tenants on purpose: a server start or the sweep repairs every municipality's runs.
  let q = acrossTenants(db)
    .updateTable("analysis_runs")
    .set({ status: "failed", error: INTERRUPTED_RUN, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where("status", "=", "running");
  if (which === "stale") {
    q = q.where(sql<boolean>`coalesce(heartbeat_at, created_at) < now() - make_interval(secs => ${RUN_STALE_MS / 1000})`);
  }
  const rows = await q.returning("id").execute();
  return rows.map((r) => r.id);
}

/** The module's start hook: repair now, then sweep every minute until stopSweeping(). */
let sweeper: NodeJS.Timeout | null = null;

export async function startRunSweeper(db: Kysely<DB>, engine: "pglite" | "postgres", log: (ids: string[]) => void): Promise<void> {
  const ids = await failInterruptedRuns(db, engine === "pglite" ? "all" : "stale");
  if (ids.length) log(ids);
  stopRunSweeper();
  sweeper = setInterval(() => {
    void failInterruptedRuns(db, "stale").then(
      (marked) => marked.length && log(marked),
      () => undefined, // the database is away; the next sweep tries again
    );
  }, SWEEP_MS);
  sweeper.unref();
}

export function stopRunSweeper(): void {
  if (sweeper) clearInterval(sweeper);
  sweeper = null;
}
