// Crash benchmark (docs/reliability.md, "## Crashes"): a bounded client submits every kind of write
// Trygg has (src/platform/testing/submissions.ts: one `Submission` per kind, the modules' writes
// join that list) while something is killed with SIGKILL, then started again:
//   pglite     the one `trygg start` on an embedded data directory (it leaves its lock behind)
//   instance   one of two `trygg start` on one PostgreSQL and one S3 storage, while a hot spot
//              analysis computes on it in a worker thread
//   database   the PostgreSQL server itself (postmaster and every backend), the instances left running
// PostgreSQL runs with its production durability (fsync, synchronous_commit on). After each round:
// every write answered 2xx is stored exactly once, none twice; the interrupted analysis is marked
// failed; and how long writes were refused.
//
//   node bench/crash/run.ts [--scenarios pglite,instance,database] [--rounds 3] [--workers 8]
// Prints a Markdown table (also .bench/crash/<time>.md and .json).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { startPrivatePostgres, type PrivatePostgres } from "../../scripts/pg-test-server.ts";
import { incidentCsv } from "../../src/modules/analysis/testing.ts";
import { INTERRUPTED_RUN } from "../../src/modules/analysis/stale.ts";
import { DEMO_PASSWORD } from "../../src/modules/tenants/seed.ts";
import { type Database, openDatabase } from "../../src/platform/db/database.ts";
import {
  createInstanceStore,
  formValues,
  type Instance,
  type InstanceStore,
  multipartBody,
  signIn,
  startInstance,
} from "../../src/platform/testing/instances.ts";
import { startLoopbackS3 } from "../../src/platform/testing/s3-server.ts";
import { activitySubmission, BoundedClient, estReportSubmission, prepareContext, type Submission, verdict } from "../../src/platform/testing/submissions.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    scenarios: { type: "string", default: "pglite,instance,database" },
    rounds: { type: "string", default: "3" },
    workers: { type: "string", default: "8" },
  },
});
const ROUNDS = Number(args.rounds);
const WORKERS = Number(args.workers);
const log = (s: string) => process.stdout.write(`${s}\n`);

/** Every kind of write there is on this branch (the modules' own join as they land). */
const SUBMISSIONS: Submission[] = [activitySubmission, estReportSubmission];

type Row = {
  scenario: string;
  round: number;
  acknowledged: number;
  failed: number;
  lost: number;
  doubled: number;
  storedUnanswered: number;
  refusedMs: number;
  /** Acknowledged writes per second before the kill, and after the first acknowledgement that followed it (same client, same round). */
  before: number;
  after: number;
  run: string;
  refused: Record<string, number>;
};

async function until(what: string, probe: () => Promise<boolean> | boolean, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: inte inom ${seconds} s`);
}

/** Start a hot spot analysis on `base` (not awaited) and wait until it is computing. */
async function startAnalysis(base: string, cookie: string, label: string): Promise<void> {
  const page = formValues(await (await fetch(`${base}/t/osby/arbete/hotspots`, { headers: { cookie } })).text());
  const csv = incidentCsv({ n: 165_000, cluster: 15_000, weeks: 26 });
  const upload = multipartBody({ _csrf: page._csrf!, cell_size: "50", band: "150", emerging: "on" }, [
    { field: "file", filename: label, contentType: "text/csv", data: Buffer.from(csv.text) },
  ]);
  void fetch(`${base}/t/osby/arbete/hotspots`, {
    method: "POST",
    headers: { cookie, "content-type": upload.contentType },
    body: new Uint8Array(upload.body),
  }).catch(() => null);
  await until(
    "analysen pågår",
    async () => {
      const html = await (await fetch(`${base}/t/osby/arbete/hotspots`, { headers: { cookie } })).text();
      const row = [...html.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((r) => r.includes(label));
      return row?.includes("Pågår") ?? false;
    },
    60,
  );
}

async function runStatus(db: Database, label: string): Promise<string> {
  const r = await db.db.selectFrom("analysis_runs").select(["status", "error"]).where("label", "=", label).executeTakeFirst();
  return r ? (r.status === "failed" && r.error === INTERRUPTED_RUN ? "failed (interrupted)" : r.status) : "–";
}

/**
 * The longest stretch without any acknowledged write, from the kill on (ms): how long writing was
 * impossible. (Not "until the first acknowledgement after the kill": requests that committed just
 * before the kill are answered after it.)
 */
function refusedFor(client: BoundedClient, killedAt: number, acknowledgedAt: number[]): number {
  void client;
  const times = [killedAt, ...acknowledgedAt.filter((t) => t > killedAt)];
  if (times.length < 2) return Number.NaN;
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]! - times[i - 1]!);
  return longest;
}

/**
 * The peer of a round: its own write rate before the kill against the rate once writes were taken
 * again (from the end of the longest stretch without an acknowledgement, so the outage itself is
 * not counted in either).
 */
function rates(acks: number[], killedAt: number): { before: number; after: number } {
  const pre = acks.filter((t) => t <= killedAt);
  const times = [killedAt, ...acks.filter((t) => t > killedAt)];
  let resumedAt = killedAt;
  let longest = 0;
  for (let i = 1; i < times.length; i++) {
    if (times[i]! - times[i - 1]! > longest) {
      longest = times[i]! - times[i - 1]!;
      resumedAt = times[i]!;
    }
  }
  const post = acks.filter((t) => t >= resumedAt);
  const rate = (ts: number[]) => (ts.length >= 2 ? ((ts.length - 1) * 1000) / (ts.at(-1)! - ts[0]!) : Number.NaN);
  return { before: rate(pre), after: rate(post) };
}

function watchAcks(client: BoundedClient): number[] {
  const times: number[] = [];
  let seen = 0;
  const timer = setInterval(() => {
    const n = client.acknowledged;
    for (; seen < n; seen++) times.push(Date.now());
  }, 20);
  timer.unref();
  return times;
}

const SHARED = { SESSION_SECRET: "krocktest-delad-hemlighet-för-alla-instanser-0123456789", PUBLIC_WRITE_RATE_LIMIT: "1000000", LOG_LEVEL: "error" };

async function scenarioPglite(): Promise<Row[]> {
  const store = await createInstanceStore("pglite");
  let inst = await startInstance({ store, demo: true, env: SHARED });
  const rows: Row[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const cookie = await signIn(inst.url, "samordnare@osby.demo", DEMO_PASSWORD);
      let base = inst.url;
      const client = new BoundedClient({
        target: () => base,
        submissions: SUBMISSIONS,
        context: await prepareContext(base, cookie, SUBMISSIONS),
        workers: WORKERS,
        limit: 100_000,
        prefix: `pglite-${round}-${Date.now()}`,
      });
      const acks = watchAcks(client);
      client.start();
      await until("skrivningar", () => client.acknowledged >= 40 + 20 * round, 120);
      const label = `krasch-pglite-${round}-${Date.now()}.csv`;
      await startAnalysis(base, cookie, label);
      const killedAt = Date.now();
      await inst.kill();
      const before = client.acknowledged;
      inst = await startInstance({ store, env: SHARED });
      base = inst.url;
      await until("skrivningar efter omstarten", () => client.acknowledged >= before + 100, 120);
      await client.stop();
      await inst.stop();
      const database = await openDatabase({ kind: "pglite", dataDir: join(store.dataDir, "db"), purpose: "bench" });
      try {
        const v = await verdict(database.db, client.outcomes, SUBMISSIONS);
        rows.push({
          scenario: "pglite: trygg start",
          round,
          ...summarise(v),
          refusedMs: refusedFor(client, killedAt, acks),
          ...rates(acks, killedAt),
          ...rates(acks, killedAt),
          run: await runStatus(database, label),
        });
      } finally {
        await database.close();
      }
      log(`  pglite ${round}: ${JSON.stringify(rows.at(-1))}`);
      inst = await startInstance({ store, env: SHARED });
    }
  } finally {
    await inst.kill();
    await store.drop();
  }
  return rows;
}

function summarise(v: Awaited<ReturnType<typeof verdict>>) {
  return {
    acknowledged: v.acknowledged,
    failed: v.failed,
    lost: v.lost.length,
    doubled: v.doubled.length,
    storedUnanswered: v.storedUnanswered,
    refused: v.refused,
  };
}

async function postgresStore(server: PrivatePostgres): Promise<InstanceStore> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const name = `trygg_crash_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(server.url);
  u.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), "trygg-crash-"));
  return {
    kind: "postgres",
    dataDir,
    url: u.toString(),
    env: { DATABASE_URL: u.toString() },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function scenarioPostgres(kind: "instance" | "database"): Promise<Row[]> {
  const server = await startPrivatePostgres({ durable: true, log });
  const s3 = await startLoopbackS3();
  const store = await postgresStore(server);
  const env = { ...SHARED, ...s3.env };
  const instances: Instance[] = [await startInstance({ store, demo: true, env })];
  instances.push(await startInstance({ store, env }));
  const database = await openDatabase({ kind: "postgres", url: store.url! });
  const rows: Row[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const cookie = await signIn(instances[0]!.url, "samordnare@osby.demo", DEMO_PASSWORD);
      let turn = 0;
      const client = new BoundedClient({
        target: () => instances[turn++ % instances.length]!.url,
        submissions: SUBMISSIONS,
        context: await prepareContext(instances[0]!.url, cookie, SUBMISSIONS),
        workers: WORKERS,
        limit: 100_000,
        prefix: `${kind}-${round}-${Date.now()}`,
      });
      const acks = watchAcks(client);
      client.start();
      await until("skrivningar", () => client.acknowledged >= 40 + 20 * round, 120);
      const label = `krasch-${kind}-${round}-${Date.now()}.csv`;
      let killedAt: number;
      if (kind === "instance") {
        await startAnalysis(instances[0]!.url, cookie, label);
        killedAt = Date.now();
        await instances[0]!.kill();
        const before = client.acknowledged;
        await until("den andra instansen tar skrivningarna", () => client.acknowledged >= before + 30, 60);
        instances[0] = await startInstance({ store, env });
      } else {
        await startAnalysis(instances[0]!.url, cookie, label);
        killedAt = Date.now();
        server.kill9();
        await new Promise((r) => setTimeout(r, 2000));
        server.restart();
        for (const i of instances) {
          await until("instansen är redo igen", async () => (await fetch(`${i.url}/readyz`).catch(() => null))?.status === 200, 120).catch((e: Error) => {
            const p = i.process;
            throw new Error(
              `${e.message} (process ${p.exitCode === null && p.signalCode === null ? "lever" : `avslutad ${p.exitCode ?? p.signalCode}`}):\n${i.output().slice(-3000)}`,
            );
          });
        }
      }
      const before = client.acknowledged;
      await until("skrivningar efteråt", () => client.acknowledged >= before + 100, 120);
      await client.stop();
      // An interrupted run is marked by a restarting instance or the next minute's sweep.
      await until("den avbrutna analysen markeras", async () => (await runStatus(database, label)) !== "running", 150).catch(() => undefined);
      const v = await verdict(database.db, client.outcomes, SUBMISSIONS);
      rows.push({
        scenario: kind === "instance" ? "PostgreSQL: en av två instanser" : "PostgreSQL-servern",
        round,
        ...summarise(v),
        refusedMs: refusedFor(client, killedAt, acks),
        ...rates(acks, killedAt),
        run: await runStatus(database, label),
      });
      log(`  ${kind} ${round}: ${JSON.stringify(rows.at(-1))}`);
    }
  } finally {
    await database.close();
    for (const i of instances) await i.kill();
    await s3.close();
    server.stop();
    await store.drop();
  }
  return rows;
}

const started = new Date();
const load0 = loadavg()[0]!;
log(
  `Krocktest ${started.toISOString()} – ${cpus().length} kärnor, Node ${process.versions.node}, ${ROUNDS} omgångar, ${WORKERS} skrivande klienter, skrivningar: ${SUBMISSIONS.map((s) => s.name).join(", ")}`,
);
const rows: Row[] = [];
for (const s of String(args.scenarios).split(",")) {
  log(`\n── ${s}`);
  if (s === "pglite") rows.push(...(await scenarioPglite()));
  else if (s === "instance" || s === "database") rows.push(...(await scenarioPostgres(s)));
  else throw new Error(`okänt scenario ${s}`);
}
const table = [
  "| Dödat med SIGKILL | Omgång | Bekräftade (2xx) | Misslyckade | Förlorade | Dubbla | Sparade utan svar | Längsta tid utan bekräftad skrivning | Skrivningar/s före → efter (kvot) | Analys som pågick |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.round} | ${r.acknowledged} | ${r.failed} | ${r.lost} | ${r.doubled} | ${r.storedUnanswered} | ${Number.isFinite(r.refusedMs) ? `${(r.refusedMs / 1000).toFixed(1)} s` : "–"} | ${r.before.toFixed(0)} → ${r.after.toFixed(0)} (${(r.after / r.before).toFixed(2)}) | ${r.run} |`,
  ),
].join("\n");
const footer = `Uppmätt ${started.toISOString().slice(0, 10)} med \`node bench/crash/run.ts --rounds ${ROUNDS} --workers ${WORKERS}\` (${cpus().length} kärnor delade med andra, belastning ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}).`;
log(`\n${table}\n\n${footer}`);
const out = join(ROOT, ".bench", "crash");
mkdirSync(out, { recursive: true });
const stamp = started.toISOString().replace(/[:.]/g, "-");
writeFileSync(join(out, `${stamp}.md`), `${table}\n\n${footer}\n`);
writeFileSync(join(out, `${stamp}.json`), JSON.stringify(rows, null, 2));
const bad = rows.filter((r) => r.lost || r.doubled || r.run === "running");
if (bad.length) {
  log(`\nFEL: ${bad.length} omgångar förlorade eller dubblerade skrivningar, eller lämnade en analys som "running".`);
  process.exitCode = 1;
}
