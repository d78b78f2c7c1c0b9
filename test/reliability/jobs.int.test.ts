// Jobs with several instances on one database (src/platform/jobs/jobs.ts on pg-boss): a job sent
// once runs once, on one instance; a schedule ticks once per minute, not once per instance; a job
// sent inside a transaction exists exactly when the transaction commits (a mail whose row rolled
// back is never delivered; one whose row committed always is). On PostgreSQL the two instances
// are two processes (test/reliability/job-instance.ts); PGlite allows one process per data
// directory, so there the two job runners share one process and one database.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { type Database, openDatabase } from "../../src/platform/db/database.ts";
import { type Jobs, startJobs } from "../../src/platform/jobs/jobs.ts";
import { createTestDatabase, postgresDatabase, testDbKind } from "../../src/platform/testing/harness.ts";
import { FAST, JOB_LOG_TABLE, testJobs } from "./job-specs.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, seconds: number): Promise<T> {
  for (let i = 0; i < seconds * 4; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: inte inom ${seconds} s`);
}

describe(`jobs with two instances on one ${testDbKind() === "postgres" ? "PostgreSQL (two processes)" : "PGlite database (one process)"}`, () => {
  let database: Database;
  let drop: () => Promise<void> = async () => {};
  const children: ChildProcess[] = [];
  const runners: Jobs[] = [];
  let sender: Jobs;

  before(async () => {
    if (testDbKind() === "postgres") {
      const created = await postgresDatabase();
      drop = created.drop;
      database = await openDatabase({ kind: "postgres", url: created.url });
      await JOB_LOG_TABLE.execute(database.db);
      for (const name of ["A", "B"]) {
        const child = spawn(process.execPath, [join(HERE, "job-instance.ts"), created.url, name], { stdio: ["ignore", "pipe", "pipe"] });
        children.push(child);
        let out = "";
        child.stderr!.on("data", (d: Buffer) => {
          out += d.toString();
        });
        await new Promise<void>((resolve, reject) => {
          child.stdout!.on("data", (d: Buffer) => {
            if (d.toString().includes("ready")) resolve();
          });
          child.once("exit", (code) => reject(new Error(`job-instance ${name} avslutades (${code}): ${out}`)));
        });
      }
    } else {
      database = await createTestDatabase();
      await JOB_LOG_TABLE.execute(database.db);
      for (const name of ["A", "B"]) runners.push(await startJobs(database, testJobs(database.db as never, name), (err) => assert.fail(err), FAST));
    }
    sender = await startJobs(database, [], (err) => assert.fail(err));
  });

  after(async () => {
    await sender?.stop();
    for (const r of runners) await r.stop();
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) {
        const gone = new Promise((r) => c.once("exit", r));
        c.kill("SIGTERM");
        await gone;
      }
    }
    await database?.close();
    await drop();
  });

  const rows = async (kind: string) =>
    (
      await sql<{ n: number | null; instance: string; minute: string }>`
      SELECT n, instance, to_char(date_trunc('minute', at), 'YYYY-MM-DD HH24:MI') AS minute
      FROM reliability_job_log WHERE kind = ${kind} ORDER BY at`.execute(database.db)
    ).rows;

  it("a job sent once runs once, on one instance", async () => {
    const n = 60;
    for (let i = 1; i <= n; i++) await sender.send("reliability.once", { n: i });
    await until("60 jobb körda", async () => (await rows("once")).length >= n, 60);
    // Both instances keep polling; give them time to take any job a second time.
    await new Promise((r) => setTimeout(r, 2000));
    const done = await rows("once");
    assert.equal(done.length, n, "each job ran exactly once");
    assert.deepEqual(
      done.map((r) => r.n).sort((a, b) => a! - b!),
      Array.from({ length: n }, (_, i) => i + 1),
    );
  });

  it("a schedule ticks once per minute, not once per instance", async () => {
    // Both instances registered the same schedule; the next minute's tick is run by one of them.
    const first = await until("en schemalagd körning", async () => (await rows("tick"))[0], 80);
    // Both instances' schedule monitors run every second: let each pass several times more.
    await new Promise((r) => setTimeout(r, 5000));
    const ticks = await rows("tick");
    const perMinute = new Map<string, number>();
    for (const t of ticks) perMinute.set(t.minute, (perMinute.get(t.minute) ?? 0) + 1);
    assert.ok(perMinute.get(first.minute) === 1, `one run for ${first.minute}, got ${JSON.stringify([...perMinute])}`);
    assert.ok(
      [...perMinute.values()].every((c) => c === 1),
      JSON.stringify([...perMinute]),
    );
  });

  it("a job sent in a transaction exists exactly when the transaction commits", async () => {
    const jobsWith = async (n: number) =>
      Number(
        (await sql<{ c: number }>`SELECT count(*)::int AS c FROM pgboss.job WHERE name = 'reliability.once' AND data->>'n' = ${String(n)}`.execute(database.db))
          .rows[0]!.c,
      );
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await sender.send("reliability.once", { n: 9001 }, { db: trx as never });
        throw new Error("rulla tillbaka");
      }),
      /rulla tillbaka/,
    );
    assert.equal(await jobsWith(9001), 0, "a rolled-back transaction leaves no job");
    await database.db.transaction().execute(async (trx) => {
      await sender.send("reliability.once", { n: 9002 }, { db: trx as never });
    });
    assert.equal(await jobsWith(9002), 1);
    await until("jobbet i den bekräftade transaktionen kördes", async () => (await rows("once")).some((r) => r.n === 9002), 30);
  });
});
