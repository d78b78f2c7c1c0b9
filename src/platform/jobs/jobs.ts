// Background jobs on pg-boss, on the same database as everything else (PGlite through
// pg-boss's PGlite adapter, PostgreSQL through the app's pool). Started after the server
// listens so it never delays the first page. The jobs come from the module list (main.ts);
// nothing registers at import time. A scheduled job runs once per schedule tick across all
// instances on one PostgreSQL (pg-boss's singleton schedule), and a job sent once is worked
// once, by one instance (proven by test/reliability/jobs.int.test.ts). A job sent with `db` (a
// transaction) exists exactly when that transaction commits: work that enqueues a job (a mail to
// deliver) never leaves a job without its row, nor a row without its job.
import type { Kysely } from "kysely";
import { fromKysely, fromPglite, PgBoss } from "pg-boss";
import type { Database } from "../db/database.ts";

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;
export type JobToStart = { name: string; run: JobHandler; cron?: string; enabled?: boolean };
export type Jobs = {
  /** Enqueue a job; with `db` (a Kysely transaction) inside that transaction. */
  send(queue: string, data: Record<string, unknown>, opts?: { db?: Kysely<never> }): Promise<string | null>;
  stop(): Promise<void>;
};

/** Timings of pg-boss that tests shorten (production uses pg-boss's defaults). */
export type JobTuning = { cronMonitorIntervalSeconds?: number; pollingIntervalSeconds?: number };

export async function startJobs(database: Database, jobs: readonly JobToStart[], onError: (err: Error) => void, tuning: JobTuning = {}): Promise<Jobs> {
  const db = database.pglite
    ? fromPglite(database.pglite)
    : { executeSql: async (text: string, values?: unknown[]) => database.pool.query(text, values as unknown[]) };
  const scheduled = jobs.some((j) => j.cron && j.enabled !== false);
  const boss = new PgBoss({
    db,
    schema: "pgboss",
    supervise: true,
    schedule: scheduled,
    ...(tuning.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: tuning.cronMonitorIntervalSeconds } : {}),
  });
  boss.on("error", onError);
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.work<Record<string, unknown>>(
      job.name,
      tuning.pollingIntervalSeconds ? { pollingIntervalSeconds: tuning.pollingIntervalSeconds } : {},
      async (batch) => {
        for (const j of batch) await job.run(j.data ?? {});
      },
    );
    if (job.cron) {
      if (job.enabled === false) await boss.unschedule(job.name).catch(() => undefined);
      else await boss.schedule(job.name, job.cron, {}, { tz: "Europe/Stockholm" });
    }
  }
  return {
    send: (queue, data, opts) => (opts?.db ? boss.send(queue, data, { db: fromKysely(opts.db) }) : boss.send(queue, data)),
    stop: () => boss.stop({ graceful: true, timeout: 5000 }),
  };
}
