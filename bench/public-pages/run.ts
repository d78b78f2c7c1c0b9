// Public-page benchmark: how many requests per second `trygg start` answers for the public
// promise page, the follow-up page and the PDF of the Osby demo, beside a bare Fastify "hello"
// server measured in the same run (the ceiling for a Node HTTP server here), on embedded PGlite
// and on PostgreSQL — with the public-answer cache (decision 0015) and, for comparison, without
// it (PUBLIC_CACHE_MB=0). Also: the PDF's first (cold) request and repeated requests one at a time.
// Load comes from autocannon in this process; the servers are child processes. The machine is
// shared, so its speed drifts: each address is measured in rounds alternating with the peers
// (hello, same-size, page, hello, same-size, page, …), and its share is the median of the rounds'
// ratios. "Same-size" is the bare server sending as many bytes as the page (from memory): the
// bytes cost the load generator too, so it is the fairer peer for a 37 kB PDF.
//
//   node bench/public-pages/run.ts [--engines pglite,postgres] [--duration 5] [--rounds 3]
//                                  [--connections 10] [--no-uncached] [--write]
// --write puts the tables into docs/performance.md under "## Public pages" (only that section).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { startPrivatePostgres } from "../../scripts/pg-test-server.ts";
import { DEMO_DOCUMENT_IDS } from "../../src/modules/promises/index.ts";
import { type RunningTrygg, startTrygg } from "../../test/e2e/server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const GOAL_SHARE = 0.3;
const GOAL_P99_MS = 50;
const GOAL_PDF_MS = 50;

type Run = { rps: number; p50: number; p99: number; kb: number; non2xx: number; errors: number };
type Load = Run & { label: string; helloRps: number; share: number; sizedRps: number; sizedShare: number };
type PdfTimes = { coldMs: number; repeatedMedianMs: number; repeatedMaxMs: number };
type EngineResult = { engine: string; cache: boolean; loads: Load[]; pdf: PdfTimes; load: [number, number] };
type Options = { duration: number; connections: number; rounds: number };

const log = (s: string) => process.stdout.write(`${s}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function run(url: string, duration: number, connections: number): Promise<Run> {
  const r = await autocannon({ url, connections, duration });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    kb: r.requests.total ? r.throughput.total / r.requests.total / 1024 : 0,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** `rounds` × (hello, then the address), after a short warm-up of both; medians of the rounds. */
async function measureLoad(helloUrl: string, url: string, label: string, o: Options): Promise<Load> {
  await run(helloUrl, 1, o.connections);
  const bytes = (await (await fetch(url)).arrayBuffer()).byteLength;
  const sizedUrl = new URL(`/bytes/${bytes}`, helloUrl).toString();
  await run(sizedUrl, 1, o.connections);
  await run(url, 2, o.connections);
  const hellos: Run[] = [];
  const sized: Run[] = [];
  const runs: Run[] = [];
  for (let i = 0; i < o.rounds; i++) {
    hellos.push(await run(helloUrl, o.duration, o.connections));
    sized.push(await run(sizedUrl, o.duration, o.connections));
    runs.push(await run(url, o.duration, o.connections));
  }
  const mid = (xs: Run[], f: (r: Run) => number) => median(xs.map(f));
  const load: Load = {
    label,
    rps: mid(runs, (r) => r.rps),
    p50: mid(runs, (r) => r.p50),
    p99: mid(runs, (r) => r.p99),
    kb: mid(runs, (r) => r.kb),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    helloRps: mid(hellos, (r) => r.rps),
    share: median(runs.map((r, i) => r.rps / hellos[i]!.rps)),
    sizedRps: mid(sized, (r) => r.rps),
    sizedShare: median(runs.map((r, i) => r.rps / sized[i]!.rps)),
  };
  const trouble = load.non2xx || load.errors ? `  (!) ${load.non2xx} non-2xx, ${load.errors} errors` : "";
  log(
    `    ${label.padEnd(28)} ${load.rps.toFixed(0).padStart(7)} req/s  p50 ${load.p50} ms  p99 ${load.p99} ms  ${load.kb.toFixed(1)} kB/svar  (hello ${load.helloRps.toFixed(0)} req/s → ${(load.share * 100).toFixed(1)} %; samma storlek ${load.sizedRps.toFixed(0)} req/s → ${(load.sizedShare * 100).toFixed(1)} %)${trouble}`,
  );
  return load;
}

async function timeGet(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} svarade ${res.status}`);
  return performance.now() - t0;
}

/** Wait (≤ 30 s) until the server answers /readyz quickly five times in a row: start-up jobs have settled. */
async function settle(base: string): Promise<void> {
  const until = performance.now() + 30_000;
  let quick = 0;
  while (quick < 5 && performance.now() < until) {
    const t0 = performance.now();
    await (await fetch(`${base}/readyz`)).arrayBuffer();
    quick = performance.now() - t0 < 25 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The bare Fastify peer, started fresh for each engine block so both run in the same conditions. */
async function startHello(): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "bench/public-pages/hello.ts")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`hello avslutades (kod ${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function runEngine(engine: string, start: (cacheMb: string) => Promise<RunningTrygg>, cache: boolean, o: Options): Promise<EngineResult> {
  const load0 = loadavg()[0]!;
  log(`\n── ${engine}, ${cache ? "med cache" : "utan cache (PUBLIC_CACHE_MB=0)"}`);
  const hello = await startHello();
  const trygg = await start(cache ? "64" : "0");
  try {
    await settle(trygg.url);
    const doc = DEMO_DOCUMENT_IDS[2021];
    const pdfUrl = `${trygg.url}/t/osby/medborgarlofte/${doc}.pdf`;
    // The PDF's first request renders it (fonts and all); then one at a time, as a reader would.
    const coldMs = await timeGet(pdfUrl);
    const repeated: number[] = [];
    for (let i = 0; i < 20; i++) repeated.push(await timeGet(pdfUrl));
    const pdf = { coldMs, repeatedMedianMs: median(repeated), repeatedMaxMs: Math.max(...repeated) };
    log(`    PDF: första ${coldMs.toFixed(0)} ms, upprepad median ${pdf.repeatedMedianMs.toFixed(1)} ms (max ${pdf.repeatedMaxMs.toFixed(1)} ms)`);
    const loads = [
      await measureLoad(hello.url, `${trygg.url}/t/osby/medborgarlofte`, "medborgarlöftet (aktuellt)", o),
      await measureLoad(hello.url, `${trygg.url}/t/osby/medborgarlofte/${doc}/uppfoljning`, "uppföljningen 2021", o),
      await measureLoad(hello.url, pdfUrl, "PDF 2021", o),
    ];
    return { engine, cache, loads, pdf, load: [load0, loadavg()[0]!] };
  } finally {
    await trygg.stop();
    await hello.stop();
  }
}

function tables(results: EngineResult[]): string {
  const rows: string[] = [];
  for (const r of results) {
    const name = `${r.engine}${r.cache ? "" : ", utan cache"}`;
    for (const l of r.loads) {
      const ok = l.share >= GOAL_SHARE && l.p99 <= GOAL_P99_MS;
      rows.push(
        `| ${name} | ${l.label} | ${l.kb.toFixed(1)} | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p99} | ${l.helloRps.toFixed(0)} | ${(l.share * 100).toFixed(1)} % | ${l.sizedRps.toFixed(0)} | ${(l.sizedShare * 100).toFixed(1)} % | ${ok ? "ja" : "nej"} |`,
      );
    }
  }
  const pdfRows = results.map(
    (r) =>
      `| ${r.engine}${r.cache ? "" : ", utan cache"} | ${r.pdf.coldMs.toFixed(0)} | ${r.pdf.repeatedMedianMs.toFixed(1)} | ${r.pdf.repeatedMaxMs.toFixed(1)} | ${r.pdf.repeatedMaxMs <= GOAL_PDF_MS ? "ja" : "nej"} |`,
  );
  return [
    `| Databas | Adress | kB/svar | req/s | p50 ms | p99 ms | "hello" req/s | andel av "hello" | samma storlek req/s | andel av samma storlek | ≥ ${GOAL_SHARE * 100} % av "hello" och p99 ≤ ${GOAL_P99_MS} ms? |`,
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ...rows,
    "",
    `| Databas | PDF, första begäran ms | upprepad, median ms | upprepad, max ms | ≤ ${GOAL_PDF_MS} ms? |`,
    "|---|---:|---:|---:|:---:|",
    ...pdfRows,
  ].join("\n");
}

function writeDocs(section: string): string {
  const file = join(ROOT, "docs", "performance.md");
  const heading = "## Public pages";
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Performance\n";
  const start = text.indexOf(`${heading}\n`);
  let out: string;
  if (start < 0) {
    out = `${text.replace(/\s*$/, "")}\n\n${section}\n`;
  } else {
    const rest = text.slice(start + heading.length + 1);
    const next = rest.search(/^## /m);
    out = text.slice(0, start) + section + (next < 0 ? "\n" : `\n\n${rest.slice(next)}`);
  }
  writeFileSync(file, out);
  return file;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engines: { type: "string", default: "pglite,postgres" },
      duration: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "10" },
      "no-uncached": { type: "boolean", default: false },
      write: { type: "boolean", default: false },
    },
  });
  const o: Options = { duration: Number(values.duration), connections: Number(values.connections), rounds: Number(values.rounds) };
  const engines = values.engines.split(",");
  const variants = values["no-uncached"] ? [true] : [true, false];
  log(
    `Publika sidor: ${o.rounds} omgångar à ${o.duration} s per adress (varvat med "hello"), ${o.connections} anslutningar, ${cpus().length} kärnor, Node ${process.versions.node}, belastning ${loadavg()[0]!.toFixed(1)}`,
  );
  const results: EngineResult[] = [];
  const env = { LOG_LEVEL: "warn", PUBLIC_WRITE_RATE_LIMIT: "100000" };

  if (engines.includes("pglite")) {
    const dir = mkdtempSync(join(tmpdir(), "trygg-bench-public-"));
    try {
      for (const cache of variants) {
        results.push(await runEngine("PGlite (inbäddad)", (mb) => startTrygg({ dataDir: dir, env: { ...env, PUBLIC_CACHE_MB: mb } }), cache, o));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (engines.includes("postgres")) {
    const server = await startPrivatePostgres({ log });
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const name = `trygg_bench_public_${process.pid}`;
    await admin.query(`create database ${name}`);
    const u = new URL(server.url);
    u.pathname = `/${name}`;
    const dir = mkdtempSync(join(tmpdir(), "trygg-bench-public-"));
    try {
      for (const cache of variants) {
        results.push(
          await runEngine(
            `PostgreSQL ${server.version}`,
            (mb) => startTrygg({ dataDir: dir, env: { ...env, DATABASE_URL: u.toString(), PUBLIC_CACHE_MB: mb } }),
            cache,
            o,
          ),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      server.stop();
    }
  }

  const tbl = tables(results);
  log(`\n${tbl}\n`);
  if (values.write) {
    const date = new Date().toISOString().slice(0, 10);
    const loads = results.map((r) => `${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}`).join(", ");
    const section = `## Public pages

Hur många begäranden per sekund \`trygg start\` svarar på för Osby-demons publika
medborgarlöftessida, uppföljningssida och PDF, bredvid en bar Fastify-server som svarar "hello"
(taket för en Node-HTTP-server här), med cachen för publika svar (beslut 0015) och utan den
(\`PUBLIC_CACHE_MB=0\`). Lasten kommer från autocannon (${o.connections} anslutningar). Bredvid "hello" mäts samma
bara server när den skickar lika många byte som sidan ur minnet ("samma storlek"): byten kostar
också lastgeneratorn, så det är den rättvisa jämförelsen för en PDF på 37 kB. Maskinen delas med
annat arbete och dess fart skiftar, så varje adress mäts i ${o.rounds} omgångar om ${o.duration} s varvade med de två
jämförelserna (hello, samma storlek, sida, hello, …) efter en kort uppvärmning; tabellen visar
medianerna, och andelarna är medianerna av omgångarnas kvoter. Mål: ≥ ${GOAL_SHARE * 100} % av "hello" med p99 ≤ ${GOAL_P99_MS} ms, och en upprepad
PDF-begäran ≤ ${GOAL_PDF_MS} ms.

Uppmätt ${date} med \`node bench/public-pages/run.ts --write\` (${cpus().length} kärnor, Node
${process.versions.node}; belastning (load average 1 min) före → efter varje block: ${loads}; servern,
PostgreSQL, "hello" och autocannon delar på kärnorna med varandra och med annat arbete).

${tbl}
`;
    log(`Skrev ${writeDocs(section)}`);
  }
}

await main();
