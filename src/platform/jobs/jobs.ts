// Background jobs on pg-boss, on the same database as everything else (PGlite through
// pg-boss's PGlite adapter, PostgreSQL through the app's pool). Started after the server
// listens so it never delays the first page.
import { fromPglite, PgBoss } from "pg-boss";
import type { Database } from "../db/database.ts";

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;
export type Jobs = {
  send(queue: string, data: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
};

const handlers = new Map<string, JobHandler>();

/** Modules register their job handlers at import time. */
export function registerJob(queue: string, handler: JobHandler): void {
  handlers.set(queue, handler);
}

export async function startJobs(database: Database, onError: (err: Error) => void): Promise<Jobs> {
  const db = database.pglite
    ? fromPglite(database.pglite)
    : { executeSql: async (text: string, values?: unknown[]) => database.pool.query(text, values as unknown[]) };
  const boss = new PgBoss({ db, schema: "pgboss", supervise: true, schedule: false });
  boss.on("error", onError);
  await boss.start();
  for (const [queue, handler] of handlers) {
    await boss.createQueue(queue);
    await boss.work<Record<string, unknown>>(queue, async (jobs) => {
      for (const job of jobs) await handler(job.data ?? {});
    });
  }
  return {
    send: (queue, data) => boss.send(queue, data),
    stop: () => boss.stop({ graceful: true, timeout: 5000 }),
  };
}
