// Residents' reports under load: with N reports (default 10^5) in one tenant (bench/reports/
// generate.ts, seeded), autocannon against the running server (`trygg start`, as users run it)
// for
//   open311   GET /t/osby/open311/v2/requests.json with the default 90-day window and a bounding
//             box around Osby centrum (the spec's default limit of 1000)
//   map       GET /t/osby/rapporter/karta.json (the public map layer: ≤ 1000 newest points, and
//             person-related reports counted into cells over whole months)
//   inbox     GET /t/osby/arbete/rapporter (the staff inbox's first page, signed in)
//   miss      the Open311 request with a bounding box moved a little every time, so no answer
//             can come from the public-answer cache (decision 0015): what a miss costs under load
// Each row also shows the first answer alone (cold).
// beside a bare Fastify "hello" in its own process, measured in the same run: p50, p99 and
// requests/s each, and each endpoint's requests/s as a share of the bare figure and of the same
// bare server sending as many bytes from memory (measured right after the endpoint). On PostgreSQL
// (a private server, scripts/pg-test-server.ts) and on PGlite.
//
//   npm ci --prefix bench                       (autocannon is the bench's own package)
//   node bench/reports/run.ts [--n 100000] [--engines postgres,pglite] [--duration 10] [--connections 10] [--write]
// --write puts the table into docs/performance.md under "## Medborgardialog (rapporter)" (that
// section only; the text around the table is the reader's to write and is kept).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { freePort, type PrivatePostgres, startPrivatePostgres } from "../../scripts/pg-test-server.ts";
import { createSession, SESSION_COOKIE } from "../../src/platform/auth/session.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import { generateReports } from "./generate.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "trygg.js");
const OUT = join(ROOT, ".bench", "reports");
const require = createRequire(join(ROOT, "bench", "package.json"));

type AutocannonResult = {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

function loadAutocannon(): Autocannon {
  try {
    return require("autocannon") as Autocannon;
  } catch {
    process.stderr.write("autocannon saknas: kör npm ci --prefix bench\n");
    process.exit(2);
  }
}

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    engines: { type: "string", default: "postgres,pglite" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    write: { type: "boolean", default: false },
  },
});
const N = Number(values.n);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);

/** Around Osby station and centrum (west,south,east,north). */
const BBOX = "13.985,56.376,14.005,56.386";

type Row = {
  engine: string;
  target: string;
  first: number;
  p50: number;
  p99: number;
  rps: number;
  bytes: number;
  share: number | null;
  /** Requests/s as a share of the bare server sending as many bytes from memory. */
  sameSize: number | null;
  non2xx: number;
};

function trygg(args: string[], env: Record<string, string>): void {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "warn", ...env }, encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`trygg ${args.join(" ")}: ${r.stderr || r.stdout}`);
}

async function waitFor(url: string, child: ChildProcess, what: string): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} avslutades (kod ${child.exitCode})`);
    if (performance.now() - t0 > 300_000) throw new Error(`${what}: inget svar inom 300 s`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * One row: the first answer alone (cold: nothing of it in memory yet), then 200 warm-up requests,
 * then DURATION seconds. `vary` gives every request its own address (a fresh bounding box), so
 * none can be answered from memory: the price of a miss under load.
 */
async function measure(
  autocannon: Autocannon,
  url: string,
  headers: Record<string, string> = {},
  vary?: () => string,
): Promise<AutocannonResult & { bytes: number; first: number }> {
  const t0 = performance.now();
  const probe = await fetch(url, { headers });
  const bytes = (await probe.arrayBuffer()).byteLength;
  const first = Math.round(performance.now() - t0);
  if (!probe.ok) throw new Error(`${url} svarade ${probe.status}`);
  const requests = vary ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: vary() }) }] : undefined;
  await autocannon({ url, headers, requests, connections: CONNECTIONS, amount: 200 }); // warm up
  const r = await autocannon({ url, headers, requests, connections: CONNECTIONS, duration: DURATION });
  return { ...r, bytes, first };
}

/** A bounding box around Osby centrum moved by up to ±100 m each time (practically never the same twice). */
let varied = 0;
function variedBbox(): string {
  varied++;
  const d = (Math.sin(varied * 12.9898) * 43758.5453) % 1;
  const dLat = d * 0.0009;
  const dLon = d * 0.0016;
  return `/t/osby/open311/v2/requests.json?bbox=${(13.985 + dLon).toFixed(6)},${(56.376 + dLat).toFixed(6)},${(14.005 + dLon).toFixed(6)},${(56.386 + dLat).toFixed(6)}&n=${varied}`;
}

async function prepare(engine: "postgres" | "pglite"): Promise<{ env: Record<string, string>; args: string[]; cookie: string; cleanup: () => void }> {
  let pgServer: PrivatePostgres | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), "trygg-bench-reports-"));
  const env: Record<string, string> = { PUBLIC_WRITE_RATE_LIMIT: "1000000" };
  const args = ["--data-dir", dataDir];
  if (engine === "postgres") {
    pgServer = await startPrivatePostgres();
    env.DATABASE_URL = pgServer.url;
  }
  trygg(["migrate", ...args], env);
  trygg(["seed", "osby", ...args], env);
  const database =
    engine === "postgres"
      ? await openDatabase({ kind: "postgres", url: pgServer!.url })
      : await openDatabase({ kind: "pglite", dataDir: join(dataDir, "db"), purpose: "bench" });
  let cookie: string;
  try {
    const tenant = await database.db.selectFrom("tenants").select("id").where("slug", "=", "osby").executeTakeFirstOrThrow();
    const t0 = performance.now();
    const made = await generateReports(database.db, tenant.id, N);
    process.stderr.write(`${engine}: ${made} rapporter genererade på ${Math.round((performance.now() - t0) / 1000)} s\n`);
    // What autovacuum does after a bulk load. PGlite has no autovacuum: measured as users run it.
    if (engine === "postgres") await database.pool.query("vacuum analyze");
    const user = await database.db.selectFrom("users").select("id").where("email", "=", "samordnare@osby.demo").executeTakeFirstOrThrow();
    const { token } = await createSession(database.db, user.id, { hours: 4 });
    cookie = `${SESSION_COOKIE}=${token}`;
  } finally {
    await database.close();
  }
  return {
    env,
    args,
    cookie,
    cleanup: () => {
      pgServer?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const autocannon = loadAutocannon();
  const rows: Row[] = [];
  const started = new Date();
  const loadBefore = loadavg()[0]!;
  for (const engine of values.engines!.split(",") as Array<"postgres" | "pglite">) {
    const prep = await prepare(engine);
    const port = await freePort();
    const helloPort = await freePort();
    const server = spawn(process.execPath, [BIN, "start", "--port", String(port), "--no-demo", ...prep.args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", ...prep.env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const hello = spawn(process.execPath, [join(ROOT, "bench", "reports", "hello.ts"), String(helloPort)], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/healthz`, server, "trygg start");
      await waitFor(`http://127.0.0.1:${helloPort}/`, hello, "hello");
      const targets: Array<[string, string, Record<string, string>, (() => string)?]> = [
        ["hello (bar Fastify)", `http://127.0.0.1:${helloPort}/`, {}],
        ["Open311 requests.json (90 dagar, bbox)", `${base}/t/osby/open311/v2/requests.json?bbox=${BBOX}`, {}],
        ["kartlagret karta.json", `${base}/t/osby/rapporter/karta.json`, {}],
        ["personalens inkorg, första sidan", `${base}/t/osby/arbete/rapporter`, { cookie: prep.cookie }],
        ["Open311, ny bbox varje gång (aldrig ur minnet)", `${base}${variedBbox()}`, {}, variedBbox],
      ];
      let bare = 0;
      for (const [target, url, headers, vary] of targets) {
        const r = await measure(autocannon, url, headers, vary);
        if (target.startsWith("hello")) bare = r.requests.average;
        const peer = target.startsWith("hello") ? null : await measure(autocannon, `http://127.0.0.1:${helloPort}/bytes/${r.bytes}`);
        rows.push({
          engine,
          target,
          first: r.first,
          p50: r.latency.p50,
          p99: r.latency.p99,
          rps: Math.round(r.requests.average),
          bytes: r.bytes,
          share: target.startsWith("hello") ? null : Math.round((1000 * r.requests.average) / bare) / 10,
          sameSize: peer ? Math.round((1000 * r.requests.average) / peer.requests.average) / 10 : null,
          non2xx: r.non2xx + r.errors + r.timeouts,
        });
        process.stderr.write(`${engine} ${target}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)}/s\n`);
      }
    } finally {
      await stop(server);
      await stop(hello);
      prep.cleanup();
    }
  }
  const table = [
    `${N.toLocaleString("sv-SE")} rapporter i en organisation; autocannon ${CONNECTIONS} anslutningar × ${DURATION} s per rad efter 200 uppvärmningsanrop; ${cpus().length} kärnor, Node ${process.versions.node}, belastning ${loadBefore.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} (load average 1 min, före → efter); ${started.toISOString().slice(0, 16)}Z.`,
    "",
    "| databas | adress | första svaret ms | p50 ms | p99 ms | anrop/s | andel av bar Fastify | andel av lika många byte ur minnet | byte | fel |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.target} | ${r.first} | ${r.p50} | ${r.p99} | ${r.rps} | ${r.share === null ? "—" : `${r.share} %`} | ${r.sameSize === null ? "—" : `${r.sameSize} %`} | ${r.bytes} | ${r.non2xx} |`,
    ),
  ].join("\n");
  process.stdout.write(`${table}\n`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    join(OUT, `results-${started.toISOString().replace(/[:.]/g, "-")}.json`),
    JSON.stringify({ n: N, duration: DURATION, connections: CONNECTIONS, rows }, null, 2),
  );
  if (values.write) {
    const file = join(ROOT, "docs", "performance.md");
    const doc = existsSync(file) ? readFileSync(file, "utf8") : "";
    // Only the generated table (between the markers) is replaced; the prose around it stays.
    const begin = "<!-- bench/reports: början -->";
    const end = "<!-- bench/reports: slut -->";
    const block = `${begin}\n${table}\n${end}`;
    const at = doc.indexOf(begin);
    const stopAt = doc.indexOf(end);
    const next =
      at >= 0 && stopAt > at
        ? `${doc.slice(0, at)}${block}${doc.slice(stopAt + end.length)}`
        : `${doc.trimEnd()}\n\n## Medborgardialog (rapporter)\n\nUppmätt med \`node bench/reports/run.ts --write\` (se bench/README.md).\n\n${block}\n`;
    writeFileSync(file, next);
  }
}

await main();
