// Start-up benchmark: the time from spawning `trygg start` to the first served page
// (GET /t/osby answering 200), and the server's resident memory (VmRSS from /proc) right after.
//   fresh   an empty data directory / empty PostgreSQL database: create, migrate, seed Osby, serve
//   reopen  the same data directory / database again (the everyday restart)
// on embedded PGlite and on PostgreSQL (a private server, scripts/pg-test-server.ts).
// The goal: reopening serves the first page within 2 s.
//
//   node bench/startup/run.ts [--reps N] [--engines pglite,postgres] [--write]
// --write puts the table into docs/performance.md under "## Start-up" (only that section).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, type PrivatePostgres, startPrivatePostgres } from "../../scripts/pg-test-server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "trygg.js");
const GOAL_MS = 2000;

/** Wall time to the first page, and the CPU time (user + system, all threads) the server used until then. */
type Sample = { ms: number; cpuMs: number; rssMb: number };
type Scenario = { engine: "pglite" | "postgres"; kind: "fresh" | "reopen"; samples: Sample[] };

/** utime + stime of a process from /proc/<pid>/stat, in ms (less sensitive to other load than wall time). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / CLK_TCK;
}
const CLK_TCK = 100;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

/** Spawn `trygg start`, poll GET /t/osby until 200, read RSS, stop. */
async function measure(dataDir: string, env: Record<string, string>): Promise<Sample> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, "start", "--data-dir", dataDir, "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-3000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const url = `http://127.0.0.1:${port}/t/osby`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`trygg start avslutades (kod ${child.exitCode}):\n${stderr}`);
      if (performance.now() - t0 > 180_000) throw new Error("ingen sida inom 180 s");
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status === 200) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = performance.now() - t0;
    return { ms, cpuMs: cpuMs(child.pid!), rssMb: rssMb(child.pid!) };
  } finally {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function runPglite(reps: number, log: (s: string) => void): Promise<Scenario[]> {
  const fresh: Sample[] = [];
  const reopen: Sample[] = [];
  for (let i = 0; i < reps; i++) {
    const dir = mkdtempSync(join(tmpdir(), "trygg-bench-startup-"));
    try {
      const f = await measure(dir, {});
      fresh.push(f);
      const r = await measure(dir, {});
      reopen.push(r);
      log(
        `  pglite   #${i + 1}: fresh ${f.ms.toFixed(0)} ms (cpu ${f.cpuMs.toFixed(0)}) / ${f.rssMb} MB, reopen ${r.ms.toFixed(0)} ms (cpu ${r.cpuMs.toFixed(0)}) / ${r.rssMb} MB`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [
    { engine: "pglite", kind: "fresh", samples: fresh },
    { engine: "pglite", kind: "reopen", samples: reopen },
  ];
}

async function runPostgres(reps: number, server: PrivatePostgres, log: (s: string) => void): Promise<Scenario[]> {
  const fresh: Sample[] = [];
  const reopen: Sample[] = [];
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    for (let i = 0; i < reps; i++) {
      const name = `trygg_bench_${i}_${process.pid}`;
      await admin.query(`create database ${name}`);
      const u = new URL(server.url);
      u.pathname = `/${name}`;
      const dir = mkdtempSync(join(tmpdir(), "trygg-bench-startup-"));
      try {
        const f = await measure(dir, { DATABASE_URL: u.toString() });
        fresh.push(f);
        const r = await measure(dir, { DATABASE_URL: u.toString() });
        reopen.push(r);
        log(
          `  postgres #${i + 1}: fresh ${f.ms.toFixed(0)} ms (cpu ${f.cpuMs.toFixed(0)}) / ${f.rssMb} MB, reopen ${r.ms.toFixed(0)} ms (cpu ${r.cpuMs.toFixed(0)}) / ${r.rssMb} MB`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await admin.query(`drop database if exists ${name} with (force)`);
      }
    }
  } finally {
    await admin.end();
  }
  return [
    { engine: "postgres", kind: "fresh", samples: fresh },
    { engine: "postgres", kind: "reopen", samples: reopen },
  ];
}

function table(scenarios: Scenario[], server: string | null): string {
  const rows = scenarios.map((s) => {
    const ms = s.samples.map((x) => x.ms);
    const rss = s.samples.map((x) => x.rssMb);
    const cpu = s.samples.map((x) => x.cpuMs);
    const goal = s.kind === "reopen" ? (Math.max(...ms) <= GOAL_MS ? "ja" : "**nej**") : "–";
    const engine = s.engine === "pglite" ? "PGlite (inbäddad)" : `PostgreSQL${server ? ` ${server}` : ""}`;
    return `| ${engine} | ${s.kind === "fresh" ? "ny datakatalog/databas" : "återöppning"} | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)} | ${median(cpu).toFixed(0)} | ${median(rss).toFixed(0)} | ${goal} |`;
  });
  return ["| Databas | Start | Median ms | Min–max ms | CPU ms (median) | RSS MB (median) | ≤ 2 s? |", "|---|---|---:|---:|---:|---:|:---:|", ...rows].join(
    "\n",
  );
}

function writeDocs(section: string): string {
  const file = join(ROOT, "docs", "performance.md");
  const heading = "## Start-up";
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

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { reps: { type: "string", default: "3" }, engines: { type: "string", default: "pglite,postgres" }, write: { type: "boolean", default: false } },
  });
  const reps = Number(values.reps);
  const engines = values.engines.split(",");
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const loadAtStart = loadavg()[0]!;
  log(`Start-up: ${reps} repetitioner, ${cpus().length} kärnor, Node ${process.versions.node}, belastning ${loadAtStart.toFixed(1)}`);
  const scenarios: Scenario[] = [];
  if (engines.includes("pglite")) scenarios.push(...(await runPglite(reps, log)));
  let serverVersion: string | null = null;
  if (engines.includes("postgres")) {
    const server = await startPrivatePostgres({ log });
    serverVersion = server.version;
    try {
      scenarios.push(...(await runPostgres(reps, server, log)));
    } finally {
      server.stop();
    }
  }
  const tbl = table(scenarios, serverVersion);
  log(`\n${tbl}\n`);
  const reopenOk = scenarios.filter((s) => s.kind === "reopen").every((s) => Math.max(...s.samples.map((x) => x.ms)) <= GOAL_MS);
  log(reopenOk ? "Målet nås: återöppning ger första sidan inom 2 s." : "Målet nås INTE: återöppning tar mer än 2 s.");
  if (values.write) {
    const date = new Date().toISOString().slice(0, 10);
    const section = `## Start-up

Tid från att \`trygg start\` startas till första serverade sida (GET /t/osby svarar 200), och
serverprocessens residenta minne (VmRSS i /proc) direkt efter. *Ny* = tom datakatalog eller tom
databas: skapa, migrera, lägga in Osby-demon, starta. *Återöppning* = samma katalog eller databas
igen, den vanliga omstarten. Mål: återöppning ger första sidan inom 2 s.

Uppmätt ${date} med \`node bench/startup/run.ts --reps ${reps} --write\` (${cpus().length} kärnor, Node
${process.versions.node}, belastning ${loadAtStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (load average 1 min) under körningen;
PostgreSQL är en privat server på samma maskin). *CPU ms* är serverprocessens användar- och systemtid
fram till första sidan (alla trådar) – den påverkas mindre av annan last än väggklockan.

${tbl}

${reopenOk ? "Målet nås för båda databaserna (även den långsammaste återöppningen)." : "Målet nås inte: den långsammaste återöppningen tog mer än 2 s (se nästa avsnitt)."}`;
    log(`skrev ${writeDocs(section)}`);
  }
  return 0;
}

process.exitCode = await main();
