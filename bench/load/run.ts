// Load benchmark (docs/reliability.md "## Load", docs/performance.md): autocannon against TWO
// `trygg start` instances on loopback sharing one PostgreSQL and one S3-compatible storage — the
// multi-instance set-up of docs/deployment.md, on one machine — with the connections spread over
// both, and a bare Fastify "hello" server measured in the same run as the yardstick. For every
// address: requests per second, p50/p99 latency, errors and unexpected statuses, and the CPU each
// process used meanwhile (instance A, instance B, PostgreSQL, the load generator with the
// loopback S3, and everything else on the machine) — which says where the limit is.
//
// The addresses are data (SCENARIOS below). A module's address is measured when the module is on
// this branch (`module`); the others are listed as not measured.
//
//   node bench/load/run.ts [--duration 10] [--connections 10] [--only a,b] [--rounds 1]
// Prints a Markdown table (also .bench/load/<time>.md and .json).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import sharp from "sharp";
import { type PrivatePostgres, startPrivatePostgres } from "../../scripts/pg-test-server.ts";
import { modules } from "../../src/modules/index.ts";
import { DEMO_RUN_ID } from "../../src/modules/analysis/index.ts";
import { DEMO_PASSWORD } from "../../src/modules/tenants/seed.ts";
import { cookiesOf, formValues, type Instance, mergeCookies, multipartBody, signIn, startInstance } from "../../src/platform/testing/instances.ts";
import { startLoopbackS3 } from "../../src/platform/testing/s3-server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "1" },
    only: { type: "string" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Number(args.rounds);
const log = (s: string) => process.stdout.write(`${s}\n`);

/** What a scenario may use: the instances' addresses, a staff session, and the demo's ids. */
type Ctx = { cookie: string; csrf: string; photo: Buffer };
type Request = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: Buffer | string };
type Scenario = {
  name: string;
  /** The module whose routes it needs (measured only when the module is in src/modules/index.ts). */
  module?: string;
  /** Not measured yet, and why (a request still to be written). */
  pending?: string;
  /** Expected status of every answer. */
  status: number;
  request(ctx: Ctx): Request;
};

/** A real JPEG of a phone photo's order of size (noise compresses badly: ~180 KB); attachments are checked by their bytes. */
async function photoBytes(): Promise<Buffer> {
  const w = 420;
  const raw = Buffer.alloc(w * w * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width: w, height: w, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const SCENARIOS: Scenario[] = [
  { name: "offentliga löftessidan (GET /t/osby/medborgarlofte)", status: 200, request: () => ({ method: "GET", path: "/t/osby/medborgarlofte" }) },
  {
    name: "invånarrapport med foto (POST, multipart)",
    module: "reports",
    status: 303,
    pending: "begäran (multipart med foto till reports-modulens formulär) är inte skriven än",
    request: () => ({ method: "GET", path: "/" }),
  },
  {
    name: "Open311 GET requests.json",
    module: "reports",
    status: 200,
    request: () => ({ method: "GET", path: "/t/osby/open311/v2/requests.json" }),
  },
  {
    name: "personalens inkorg (rapporter)",
    module: "reports",
    status: 200,
    request: (c) => ({ method: "GET", path: "/t/osby/arbete/rapporter", headers: { cookie: c.cookie } }),
  },
  {
    name: "veckolägesbild (EST)",
    module: "est",
    status: 200,
    request: (c) => ({ method: "GET", path: "/t/osby/arbete/est", headers: { cookie: c.cookie } }),
  },
  {
    name: "aktivitet med bilaga till S3 (POST, multipart, personal)",
    status: 303,
    request: (c) => {
      const body = multipartBody({ _csrf: c.csrf, promise_id: PROMISE_ID.value, title: "Lastprov åäö", occurred_on: OCCURRED_ON.value, description: "" }, [
        { field: "attachments", filename: "foto.jpg", contentType: "image/jpeg", data: c.photo },
      ]);
      return {
        method: "POST",
        path: "/t/osby/arbete/medborgarloften/aktivitet",
        headers: { cookie: c.cookie, "content-type": body.contentType },
        body: body.body,
      };
    },
  },
  {
    name: "löftesöversikt (personal, GET)",
    status: 200,
    request: (c) => ({ method: "GET", path: "/t/osby/arbete/medborgarloften", headers: { cookie: c.cookie } }),
  },
  {
    name: "hot spot-körning (personal, GET)",
    status: 200,
    request: (c) => ({ method: "GET", path: `/t/osby/arbete/hotspots/${DEMO_RUN_ID}`, headers: { cookie: c.cookie } }),
  },
];
const PROMISE_ID = { value: "" };
const OCCURRED_ON = { value: "" };

// ── processes and their CPU ──────────────────────────────────────────────────────────────────

const CLK_TCK = 100;
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent)
      if (pp === p) {
        out.push(c);
        walk(c);
      }
  };
  walk(pid);
  return out;
}
/** Busy ticks of the whole machine (all cores) from /proc/stat. */
function machineTicks(): number {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!; // user nice system irq softirq steal
}

type Procs = { a: number; b: number; postgres: () => number[] };
type Cpu = { a: number; b: number; postgres: number; generator: number; others: number };
function cpuSnapshot(p: Procs) {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    a: cpuTicks(p.a),
    b: cpuTicks(p.b),
    // Per process: a backend that ends between two snapshots must not count negative.
    postgres: new Map(p.postgres().map((pid) => [pid, cpuTicks(pid)])),
    generator: (own.user + own.system) / 10_000, // µs → ticks
    machine: machineTicks(),
  };
}
function cpuBetween(x: ReturnType<typeof cpuSnapshot>, y: ReturnType<typeof cpuSnapshot>): Cpu {
  const secs = (y.at - x.at) / 1000;
  const cores = (ticks: number) => ticks / CLK_TCK / secs;
  const a = cores(y.a - x.a);
  const b = cores(y.b - x.b);
  // Backends that started meanwhile count from zero; those that ended are missing (an undercount).
  const postgres = cores([...y.postgres].reduce((sum, [pid, t]) => sum + t - (x.postgres.get(pid) ?? 0), 0));
  const generator = cores(y.generator - x.generator);
  const others = Math.max(0, cores(y.machine - x.machine) - a - b - postgres - generator);
  return { a, b, postgres, generator, others };
}

// ── one measurement ──────────────────────────────────────────────────────────────────────────

type Result = {
  name: string;
  round: number;
  rps: number;
  share: number;
  p50: number;
  p99: number;
  errors: number;
  unexpected: number;
  statuses: Record<string, number>;
  cpu: Cpu;
};

async function measure(
  name: string,
  urls: string[],
  req: Request | null,
  expected: number,
  procs: Procs,
  peer: { round: number; helloRps: number },
): Promise<Result> {
  const opts: autocannon.Options = {
    // Several URLs: autocannon spreads the connections over them (its types say one string).
    url: urls as unknown as string,
    connections: CONNECTIONS,
    duration: DURATION,
    ...(req ? { method: req.method, headers: req.headers, body: req.body as never } : {}),
  };
  // Warm-up: a second at the same load (JIT, caches, connection pools).
  await autocannon({ ...opts, duration: 1 });
  const t0 = cpuSnapshot(procs);
  const r = await autocannon(opts);
  const cpu = cpuBetween(t0, cpuSnapshot(procs));
  const statuses: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = Number((v as { count: number | string }).count);
  const unexpected = Object.entries(statuses)
    .filter(([code]) => Number(code) !== expected)
    .reduce((s, [, n]) => s + n, 0);
  const rps = r.requests.average;
  return {
    name,
    round: peer.round,
    rps,
    share: peer.helloRps ? rps / peer.helloRps : 1,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    unexpected,
    statuses,
    cpu,
  };
}

async function startHello(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "bench/public-pages/hello.ts")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`hello avslutades (kod ${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid!,
    async stop() {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await gone;
    },
  };
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────

const present = new Set(modules.map((m) => m.name));
const selected = SCENARIOS.filter((s) => !args.only || args.only.split(",").some((o) => s.name.includes(o)));
const started = new Date();
const load0 = loadavg()[0]!;
log(
  `Lastprov ${started.toISOString()} – ${cpus().length} kärnor, Node ${process.versions.node}, ${CONNECTIONS} anslutningar fördelade på två instanser, ${DURATION} s per adress`,
);

let server: PrivatePostgres | null = null;
const instances: Instance[] = [];
let s3: Awaited<ReturnType<typeof startLoopbackS3>> | null = null;
let hello: Awaited<ReturnType<typeof startHello>> | null = null;
const dataDir = mkdtempSync(join(tmpdir(), "trygg-load-"));
const results: Result[] = [];
const skipped: string[] = [];
try {
  server = await startPrivatePostgres({ durable: true, log });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("CREATE DATABASE trygg_load");
  await admin.end();
  const url = new URL(server.url);
  url.pathname = "/trygg_load";
  s3 = await startLoopbackS3();
  const store = { kind: "postgres" as const, dataDir, url: url.toString(), env: { DATABASE_URL: url.toString() }, drop: async () => {} };
  const env = {
    ...s3.env,
    SESSION_SECRET: "lastprov-delad-hemlighet-för-båda-instanserna-0123456789",
    PUBLIC_WRITE_RATE_LIMIT: "100000000",
    LOG_LEVEL: "error",
  };
  instances.push(await startInstance({ store, demo: true, env }));
  instances.push(await startInstance({ store, env }));
  hello = await startHello();
  const postmaster = Number(readFileSync(join(server.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  const procs: Procs = { a: instances[0]!.pid, b: instances[1]!.pid, postgres: () => [postmaster, ...descendants(postmaster)] };

  const base = instances[0]!.url;
  const cookie = await signIn(base, "samordnare@osby.demo", DEMO_PASSWORD);
  const choose = await (await fetch(`${base}/t/osby/arbete/medborgarloften/aktivitet`, { headers: { cookie } })).text();
  PROMISE_ID.value = /aktivitet\?lofte=([0-9a-f-]{36})/.exec(choose)?.[1] ?? "";
  const formPage = await fetch(`${base}/t/osby/arbete/medborgarloften/aktivitet?lofte=${PROMISE_ID.value}`, { headers: { cookie } });
  const form = formValues(await formPage.text());
  OCCURRED_ON.value = form.occurred_on ?? "";
  const ctx: Ctx = { cookie: mergeCookies(cookie, cookiesOf(formPage)), csrf: form._csrf ?? "", photo: await photoBytes() };
  const urls = instances.map((i) => i.url);

  for (let round = 1; round <= ROUNDS; round++) {
    // The yardstick of this round: the bare server, measured right before the round's addresses.
    const yard = await measure('Fastify "hello" (måttstock, en process)', [hello.url], null, 200, { ...procs, a: hello.pid, b: 0 }, { round, helloRps: 0 });
    results.push(yard);
    log(`  ${JSON.stringify(yard)}`);
    for (const s of selected) {
      if (s.pending) {
        if (round === 1) skipped.push(`${s.name} – ${s.pending}`);
        continue;
      }
      if (s.module && !present.has(s.module)) {
        if (round === 1) skipped.push(`${s.name} – modulen ${s.module} finns inte på den här grenen än`);
        continue;
      }
      const r = s.request(ctx);
      results.push(
        await measure(
          s.name,
          urls.map((u) => `${u}${r.path}`),
          r,
          s.status,
          procs,
          { round, helloRps: yard.rps },
        ),
      );
      log(`  ${JSON.stringify(results.at(-1))}`);
    }
  }
} finally {
  await hello?.stop();
  for (const i of instances) await i.stop().catch(() => undefined);
  await s3?.close();
  server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const f = (x: number) => x.toFixed(2);
const table = [
  "| Adress | Omgång | req/s | andel av hello | p50 ms | p99 ms | fel | oväntad status | CPU A | CPU B | CPU PostgreSQL | CPU lastgenerator + S3 | CPU övriga |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.round} | ${r.rps.toFixed(0)} | ${(r.share * 100).toFixed(1)} % | ${r.p50} | ${r.p99} | ${r.errors} | ${r.unexpected}${r.unexpected ? ` (${JSON.stringify(r.statuses)})` : ""} | ${f(r.cpu.a)} | ${f(r.cpu.b)} | ${f(r.cpu.postgres)} | ${f(r.cpu.generator)} | ${f(r.cpu.others)} |`,
  ),
].join("\n");
const footer = [
  `Andel av hello: adressens req/s genom måttstockens req/s i samma omgång (hello är en process, Trygg två). CPU i kärnor (1,00 = en kärna hela mätningen). Uppmätt ${started.toISOString().slice(0, 10)} med \`node bench/load/run.ts --duration ${DURATION} --connections ${CONNECTIONS}\`: ${cpus().length} kärnor delade med andra (belastning ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}), PostgreSQL ${server?.version ?? "?"} med fsync och synchronous_commit på, S3 på loopback i lastgeneratorns process.`,
  ...(skipped.length ? ["", "Inte uppmätt:", ...skipped.map((s) => `- ${s}`)] : []),
].join("\n");
log(`\n${table}\n\n${footer}`);
const out = join(ROOT, ".bench", "load");
mkdirSync(out, { recursive: true });
const stamp = started.toISOString().replace(/[:.]/g, "-");
writeFileSync(join(out, `${stamp}.md`), `${table}\n\n${footer}\n`);
writeFileSync(join(out, `${stamp}.json`), JSON.stringify({ results, skipped }, null, 2));
if (results.some((r) => r.errors || r.unexpected)) {
  log("\nOBS: fel eller oväntade svar vid den här lasten – sänk --connections tills det är noll, och rapportera den lasten.");
  process.exitCode = 1;
}
