// Background jobs on pg-boss, on the same database as everything else (PGlite through
// pg-boss's PGlite adapter, PostgreSQL through the app's pool). Started after the server
// listens so it never delays the first page. The jobs come from the module list (main.ts);
// nothing registers at import time. A scheduled job runs once per schedule tick across all
// instances on one PostgreSQL (pg-boss's singleton schedule).
import { fromPglite, PgBoss } from "pg-boss";
import type { Database } from "../db/database.ts";

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;
export type JobToStart = { name: string; run: JobHandler; cron?: string; enabled?: boolean };
export type Jobs = {
  send(queue: string, data: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
};

export async function startJobs(database: Database, jobs: readonly JobToStart[], onError: (err: Error) => void): Promise<Jobs> {
  const db = database.pglite
    ? fromPglite(database.pglite)
    : { executeSql: async (text: string, values?: unknown[]) => database.pool.query(text, values as unknown[]) };
  const scheduled = jobs.some((j) => j.cron && j.enabled !== false);
  const boss = new PgBoss({ db, schema: "pgboss", supervise: true, schedule: scheduled });
  boss.on("error", onError);
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.work<Record<string, unknown>>(job.name, async (batch) => {
      for (const j of batch) await job.run(j.data ?? {});
    });
    if (job.cron) {
      if (job.enabled === false) await boss.unschedule(job.name).catch(() => undefined);
      else await boss.schedule(job.name, job.cron, {}, { tz: "Europe/Stockholm" });
    }
  }
  return {
    send: (queue, data) => boss.send(queue, data),
    stop: () => boss.stop({ graceful: true, timeout: 5000 }),
  };
}
