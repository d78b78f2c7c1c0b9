// The test jobs of test/reliability/jobs.int.test.ts: each run inserts a row into
// reliability_job_log naming the job and the instance that ran it — a one-off queue and a
// schedule every minute — and pg-boss timings shorter than production's, so a test sees a
// schedule's tick within a minute.
import { type Kysely, sql } from "kysely";
import type { JobToStart, JobTuning } from "../../src/platform/jobs/jobs.ts";

export const FAST: JobTuning = { cronMonitorIntervalSeconds: 1, pollingIntervalSeconds: 0.5 };

export const JOB_LOG_TABLE = sql`CREATE TABLE IF NOT EXISTS reliability_job_log (
  kind text NOT NULL, n int, instance text NOT NULL, at timestamptz NOT NULL DEFAULT now())`;

export function testJobs(db: Kysely<unknown>, instance: string): JobToStart[] {
  const log = async (kind: string, n: number | null) => {
    await sql`INSERT INTO reliability_job_log (kind, n, instance) VALUES (${kind}, ${n}, ${instance})`.execute(db);
  };
  return [
    { name: "reliability.once", run: (data) => log("once", Number(data.n)) },
    { name: "reliability.tick", cron: "* * * * *", run: () => log("tick", null) },
  ];
}
