// The weekly lägesbild page (EST): time from request to last byte of
// GET /t/{slug}/arbete/est?vecka=… — all figures (the week against the 4 before and the same week
// last year, per source and category), the week's map, the named places, hot spots (Gi*, FDR) of
// the last 4 weeks and emerging hot spot classes over 12 weeks, the decisions — for
//   osby   the Osby demo (a year of EST reports, police events, meetings; week 2024-W22), and
//   large  a tenant with N stored partner reports (default 10^6; data.ts; week 2025-W40),
// on embedded PGlite and on PostgreSQL (a private server, scripts/pg-test-server.ts).
//
// Each (database, case) runs in its own process: `trygg`'s app (buildApp, as `trygg start` builds
// it) listening on 127.0.0.1, a coordinator's session, warm-up requests, then N timed requests
// over HTTP (fetch, body read to the end). The split comes from the page's Server-Timing header:
// db (every query of the page), engine (Gi* and the space-time cube in the worker), build (the
// whole handler before rendering); the rest is rendering and sending. Peak memory is the process's
// maximum resident set (PGlite's database lives in it; PostgreSQL's server does not).
//
//   node bench/lagesbild/run.ts [--reps 20] [--size 1e6] [--engines pglite,postgres] [--cases osby,large]
//
// The PGlite database is kept in .bench/lagesbild/ (keyed by the migrations, size and generator
// version): loading 10^6 rows into PGlite takes minutes, and is not what is measured.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { startPrivatePostgres } from "../../scripts/pg-test-server.ts";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { DEMO_IDS } from "../../src/modules/est/demo/seed.ts";
import { migrationDirs } from "../../src/modules/index.ts";
import { seedOsby } from "../../src/modules/seed.ts";
import { createSession, SESSION_COOKIE } from "../../src/platform/auth/session.ts";
import { type Database, openDatabase } from "../../src/platform/db/database.ts";
import { migrateToLatest, migrationFiles } from "../../src/platform/db/migrate.ts";
import { createMailer } from "../../src/platform/mail/mailer.ts";
import { createDiskStorage } from "../../src/platform/storage/storage.ts";
import { GENERATOR_VERSION, LARGE_WEEK, loadLargeTenant } from "./data.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(HERE, "../..");
const OUT = join(ROOT, ".bench/lagesbild");

const { values } = parseArgs({
  options: {
    reps: { type: "string", default: "20" },
    size: { type: "string", default: "1e6" },
    engines: { type: "string", default: "pglite,postgres" },
    cases: { type: "string", default: "osby,large" },
    child: { type: "string" },
  },
});

type Target = { engine: "pglite"; dataDir: string } | { engine: "postgres"; url: string };
type ChildJob = { target: Target; case: "osby" | "large"; reps: number };
type Stats = { median: number; p90: number; min: number; max: number };
type Result = {
  engine: string;
  case: string;
  path: string;
  incidents: number;
  reps: number;
  firstMs: number;
  total: Stats;
  cpu: Stats;
  /** Mean CPU of PostgreSQL's processes per request (null on PGlite, whose CPU is the process's). */
  pgCpuMs?: number | null;
  db: Stats;
  engineMs: Stats;
  build: Stats;
  bytes: number;
  rssStartMb: number;
  peakRssMb: number;
};

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9), min: s[0]!, max: s[s.length - 1]! };
}

/** CPU seconds (user + system) of a process and its direct children, from /proc (Linux; 100 ticks a second). */
function cpuOfProcessTree(rootPid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      if (pid === rootPid || ppid === rootPid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

function timing(header: string | null, name: string): number {
  const m = new RegExp(`${name};dur=([0-9.]+)`).exec(header ?? "");
  return m ? Number(m[1]) : Number.NaN;
}

async function open(target: Target): Promise<Database> {
  return target.engine === "pglite" ? openDatabase({ kind: "pglite", dataDir: target.dataDir }) : openDatabase({ kind: "postgres", url: target.url });
}

// ---------------------------------------------------------------- child: one (database, case)

async function child(job: ChildJob): Promise<void> {
  const database = await open(job.target);
  const config = loadConfig({}, { NODE_ENV: "development", LOG_LEVEL: "silent", TRYGG_DATA_DIR: join(OUT, "files"), PORT: "0" });
  const app = await buildApp({ config, database, mailer: createMailer(config), storage: createDiskStorage(join(OUT, "files")) });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const db = database.db;
  const slug = job.case === "osby" ? "osby" : "storstad";
  const week = job.case === "osby" ? DEMO_IDS.week : LARGE_WEEK;
  const tenant = await db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  const user = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("tenant_id", "=", tenant.id)
    .where("role", "=", "samordnare")
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db, user.user_id, { hours: 1 });
  const incidents = Number(
    (
      await db
        .selectFrom("est_reports")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("tenant_id", "=", tenant.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const path = `/t/${slug}/arbete/est?vecka=${week}`;
  const get = async () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await fetch(base + path, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    const st = res.headers.get("server-timing");
    return { ms, cpu: (c.user + c.system) / 1000, bytes: body.byteLength, db: timing(st, "db"), engine: timing(st, "engine"), build: timing(st, "build") };
  };
  // PostgreSQL's own CPU (its server processes), to tell the database's cost from the machine's load.
  let postmaster: number | null = null;
  if (job.target.engine === "postgres") {
    const { sql } = await import("kysely");
    const backend = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
    try {
      const stat = readFileSync(`/proc/${backend}/stat`, "utf8");
      postmaster = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      postmaster = null;
    }
  }
  const rssStart = process.memoryUsage().rss;
  const first = await get();
  for (let i = 0; i < 3; i++) await get();
  const runs = [];
  const pg0 = postmaster ? cpuOfProcessTree(postmaster) : 0;
  for (let i = 0; i < job.reps; i++) runs.push(await get());
  const pgCpuMs = postmaster ? ((cpuOfProcessTree(postmaster) - pg0) * 1000) / job.reps : null;
  const result: Result = {
    engine: job.target.engine,
    case: job.case,
    path,
    incidents,
    reps: job.reps,
    firstMs: first.ms,
    total: stats(runs.map((r) => r.ms)),
    cpu: stats(runs.map((r) => r.cpu)),
    pgCpuMs,
    db: stats(runs.map((r) => r.db)),
    engineMs: stats(runs.map((r) => r.engine)),
    build: stats(runs.map((r) => r.build)),
    bytes: runs[0]!.bytes,
    rssStartMb: rssStart / 2 ** 20,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
  };
  await app.close();
  await database.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------- parent: prepare, run, report

async function prepare(database: Database, size: number, cases: string[]): Promise<void> {
  await migrateToLatest(database.db as never, migrationDirs());
  const t0 = performance.now();
  if (cases.includes("osby")) {
    await seedOsby(database.db);
    console.log(`  Osby-demon sådd (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (cases.includes("large")) {
    const r = await loadLargeTenant(database.db, size, (s) => console.log(s));
    console.log(`  ${r.rows.toLocaleString("sv-SE")} rapporter för ${r.slug} (${r.seconds.toFixed(1)} s)`);
  }
}

function dataKey(size: number, cases: string[]): string {
  const h = createHash("sha256");
  for (const f of migrationFiles(migrationDirs())) h.update(f.name).update(readFileSync(f.path));
  h.update(readFileSync(join(ROOT, "src/modules/est/demo/generator.ts")));
  h.update(`${size}:${GENERATOR_VERSION}:${cases.join(",")}`);
  return h.digest("hex").slice(0, 12);
}

function runChild(job: ChildJob): Result {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", JSON.stringify(job)], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TZ: "Europe/Stockholm" },
    maxBuffer: 1 << 26,
  });
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`mätningen ${job.target.engine}/${job.case} misslyckades:\n${r.stderr}\n${r.stdout}`);
  return JSON.parse(line) as Result;
}

async function main(): Promise<void> {
  const size = Number(values.size);
  const reps = Number(values.reps);
  const engines = values.engines.split(",");
  const cases = values.cases.split(",") as Array<"osby" | "large">;
  mkdirSync(OUT, { recursive: true });
  const results: Result[] = [];

  if (engines.includes("pglite")) {
    const dataDir = join(OUT, `pglite-${dataKey(size, cases)}`);
    if (!existsSync(dataDir)) {
      console.log(`PGlite: bygger databasen i ${dataDir}`);
      const building = `${dataDir}.building-${process.pid}`;
      rmSync(building, { recursive: true, force: true });
      const database = await openDatabase({ kind: "pglite", dataDir: building });
      await prepare(database, size, cases);
      await database.close();
      renameSync(building, dataDir);
    }
    for (const c of cases) results.push(runChild({ target: { engine: "pglite", dataDir }, case: c, reps }));
  }
  if (engines.includes("postgres")) {
    const server = await startPrivatePostgres();
    try {
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      await admin.query("create database bench");
      await admin.end();
      const url = server.url.replace(/\/postgres$/, "/bench");
      console.log(`PostgreSQL ${server.version}: laddar data`);
      const database = await openDatabase({ kind: "postgres", url });
      await prepare(database, size, cases);
      await database.close();
      for (const c of cases) results.push(runChild({ target: { engine: "postgres", url }, case: c, reps }));
    } finally {
      server.stop();
    }
  }

  const f = (x: number) => x.toFixed(1);
  const lines = [
    `Veckans lägesbild, ${reps} mätta anrop efter 3 uppvärmningsanrop (median / p90; ms). Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} kärnor, belastning före ${os.loadavg()[0]!.toFixed(1)}.`,
    "",
    "| database | case | incidents | first request | request → last byte | CPU: Node + PostgreSQL | db | engine | build | page bytes | RSS at start | peak RSS |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.engine} | ${r.case} (${r.path.split("vecka=")[1]}) | ${r.incidents.toLocaleString("en-US")} | ${f(r.firstMs)} | ${f(r.total.median)} / ${f(r.total.p90)} | ${f(r.cpu.median)}${r.pgCpuMs != null ? ` + ${f(r.pgCpuMs)}` : ""} | ${f(r.db.median)} / ${f(r.db.p90)} | ${f(r.engineMs.median)} / ${f(r.engineMs.p90)} | ${f(r.build.median)} | ${r.bytes.toLocaleString("en-US")} | ${r.rssStartMb.toFixed(0)} MB | ${r.peakRssMb.toFixed(0)} MB |`,
    ),
  ];
  const text = lines.join("\n");
  console.log(`\n${text}`);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  mkdirSync(join(OUT, "results"), { recursive: true });
  writeFileSync(join(OUT, "results", `${stamp}.md`), `${text}\n`);
  writeFileSync(join(OUT, "results", `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
}

if (values.child) await child(JSON.parse(values.child) as ChildJob);
else await main();
