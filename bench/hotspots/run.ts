// bench/hotspots — Trygg's hotspot pipeline (load → project → bin → neighbours → Gi* → write)
// against its peers on the same generated CSV, in the same run.
//
//   node bench/hotspots/run.ts [--sizes 1e4,1e5,1e6,1e7]
//                              [--peers floor,trygg,spdep,spdep-nokd,postgis,turf,h3]
//                              [--cell 100 --band 250 | --fine (= --cell 25 --band 62.5)]
//                              [--repeat N] [--timeout SECONDS] [--max peer=size,…] [--no-check]
//
// For every size it generates the data if missing (generate.ts), warms the page cache, runs each
// peer as a child process under /usr/bin/time -v (peak RSS), parses the peer's one JSON line of
// step timings, and prints a table with the ratios peer/Trygg. Then it CHECKS Trygg against spdep:
//   1. pipeline: same cell set, same counts, max |Δz| ≤ 1e-9 (each side projects on its own:
//      Trygg with its Krüger series, spdep with PROJ through sf);
//   2. Gi* on identical cells: spdep's localG run on Trygg's own cells and counts
//      (spdep.R --cells), max |Δz| ≤ 1e-9 — isolates Gi* from projection rounding.
// Results: .bench/hotspots/results/<cell>m-<stamp>.json (+ latest-<cell>m.json), outputs under
// .bench/hotspots/out/. Peers that are not installed are reported as skipped with the command
// that installs them (bench/hotspots/setup.sh installs all of them).

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import { DEFAULT_DIR, REPO_ROOT, ensureDataset, parseSize, sizeLabel, type DatasetMeta } from "./generate.ts";
import { findPgBin, hasPostgis, startPg, type PgServer } from "./lib/pg-server.ts";
import { parseArgs } from "./lib/steps.ts";

const HERE = resolve(REPO_ROOT, "bench/hotspots");
const BENCH_DIR = DEFAULT_DIR;
const STEPS = ["load", "project", "bin", "nb", "gistar", "write"] as const;
const ALL_PEERS = ["floor", "trygg", "spdep", "spdep-nokd", "postgis", "turf", "h3"] as const;
type PeerName = (typeof ALL_PEERS)[number];
const Z_TOLERANCE = 1e-9;

interface PeerRun {
  peer: PeerName;
  size: number;
  status: "ok" | "skipped" | "failed" | "timeout";
  reason?: string;
  install?: string;
  steps?: Record<string, number>;
  total_ms?: number;
  wall_ms?: number;
  peak_rss_kb?: number | null;
  cells?: number;
  n?: number;
  extra?: Record<string, unknown>;
  out?: string;
  runs?: number;
  /** 1-minute load average before the (kept) run — the machine may be shared */
  load_before?: number;
  /** machine CPU busy % over 2 s before the run (with --wait-idle) */
  busy_before_pct?: number | null;
  /** average cores used by other processes during the run (null for postgis: its work is in the server) */
  others_cores?: number | null;
}

interface CheckResult {
  size: number;
  pipeline?: {
    sameCells: boolean;
    onlyTrygg: number;
    onlySpdep: number;
    countDiffs: number;
    classDiffs: number;
    maxDz: number;
    pass: boolean;
    note?: string;
    examples?: string[];
  };
  gistar?: { cells: number; maxDz: number; classDiffs: number; pass: boolean };
  postgisVsSpdep?: { sameCells: boolean; maxDz: number };
  error?: string;
}

// ------------------------------------------------------------------------------ options
const args = parseArgs(process.argv.slice(2));
const fine = args.fine === "true";
const cell = Number(args.cell ?? (fine ? 25 : 100));
const band = Number(args.band ?? (fine ? 62.5 : 250));
const sizes = (args.sizes ?? "1e4,1e5,1e6,1e7").split(",").map(parseSize);
const peers = (args.peers ?? ALL_PEERS.join(",")).split(",").map((p) => {
  if (!(ALL_PEERS as readonly string[]).includes(p)) throw new Error(`unknown peer "${p}" (known: ${ALL_PEERS.join(", ")})`);
  return p as PeerName;
});
const timeoutS = Number(args.timeout ?? 3600);
const repeat = Number(args.repeat ?? 3);
const REPEAT_WALL_LIMIT_MS = 60_000;
const doCheck = args["no-check"] !== "true";
// Default caps: where a peer would run for hours or cannot hold its data. Override with
// --max turf=1e7,spdep-nokd=1e6 (a size) — or --max spdep-nokd=all.
const maxCells: Partial<Record<PeerName, number>> = { "spdep-nokd": 100_000 };
const maxSize: Partial<Record<PeerName, number>> = {};
for (const kv of (args.max ?? "").split(",").filter(Boolean)) {
  const [k, v] = kv.split("=");
  const p = k as PeerName;
  if (v === "all") {
    delete maxCells[p];
    delete maxSize[p];
  } else {
    maxSize[p] = parseSize(v);
    delete maxCells[p];
  }
}

const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const outRoot = join(BENCH_DIR, "out");
const resultsDir = join(BENCH_DIR, "results");
mkdirSync(resultsDir, { recursive: true });

// ------------------------------------------------------------------------------ availability
function has(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}
function rPackages(): Record<string, boolean> {
  if (!has("Rscript")) return {};
  const r = spawnSync("Rscript", ["-e", 'for (p in c("spdep","sf","data.table","dbscan")) cat(p, requireNamespace(p, quietly=TRUE), "\\n")'], {
    encoding: "utf8",
  });
  const out: Record<string, boolean> = {};
  for (const line of r.stdout.split("\n")) {
    const [p, v] = line.trim().split(/\s+/);
    if (p) out[p] = v === "TRUE";
  }
  return out;
}
/** The JS peers are the bench's own packages (bench/package.json), in bench/node_modules. */
function nodeModule(name: string): boolean {
  return existsSync(join(REPO_ROOT, "bench", "node_modules", name, "package.json"));
}

const rpk = rPackages();
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const CC = has("cc") ? "cc" : has("gcc") ? "gcc" : null;

function unavailable(peer: PeerName): { reason: string; install: string } | null {
  switch (peer) {
    case "trygg":
      return existsSync(join(REPO_ROOT, "src/cli/analysis.ts")) && existsSync(join(REPO_ROOT, "src/analysis/index.ts"))
        ? null
        : { reason: "Trygg's analysis engine is not there yet (src/cli/analysis.ts, src/analysis/index.ts)", install: "—" };
    case "spdep":
    case "spdep-nokd": {
      const need = ["spdep", "sf", "data.table", ...(peer === "spdep" ? ["dbscan"] : [])].filter((p) => !rpk[p]);
      if (!has("Rscript"))
        return { reason: "R is not installed", install: "apt-get install r-base-core r-cran-spdep r-cran-sf r-cran-data.table r-cran-dbscan" };
      if (need.length) return { reason: `R packages missing: ${need.join(", ")}`, install: `apt-get install ${need.map((p) => `r-cran-${p}`).join(" ")}` };
      return null;
    }
    case "postgis":
      if (!findPgBin()) return { reason: "PostgreSQL server is not installed", install: "apt-get install postgresql postgresql-15-postgis-3" };
      if (!hasPostgis()) return { reason: "PostGIS is not installed", install: "apt-get install postgresql-15-postgis-3" };
      return null;
    case "turf":
      return nodeModule("@turf/turf") ? null : { reason: "@turf/turf is not installed", install: "npm ci --prefix bench" };
    case "h3":
      return nodeModule("h3-js") ? null : { reason: "h3-js is not installed", install: "npm ci --prefix bench" };
    case "floor":
      return null;
  }
}

// ------------------------------------------------------------------------------ machine noise
// The bench machine may be shared. /proc/stat gives the busy CPU time of the whole machine; minus
// the child's own user+sys time (from /usr/bin/time) that is what *other* processes used while a
// peer ran ("others_cores": average cores busy with something else). --wait-idle P waits (up to
// 30 min) until the machine is less than P % busy over 2 s before each run.
function cpuJiffies(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
const HZ = 100; // USER_HZ on Linux
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function busyPercent(ms = 2000): Promise<number | null> {
  const a = cpuJiffies();
  await sleep(ms);
  const b = cpuJiffies();
  if (!a || !b || b.total === a.total) return null;
  return (100 * (b.busy - a.busy)) / (b.total - a.total);
}
async function waitIdle(maxBusy: number): Promise<number | null> {
  const deadline = Date.now() + 30 * 60_000;
  let busy = await busyPercent();
  while (busy !== null && busy > maxBusy && Date.now() < deadline) {
    await sleep(5000);
    busy = await busyPercent();
  }
  return busy === null ? null : Math.round(busy);
}
const waitIdleArg = args["wait-idle"] !== undefined ? Number(args["wait-idle"]) : null;

// ------------------------------------------------------------------------------ child processes
interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  maxRssKb: number | null;
  timedOut: boolean;
  /** average number of cores other processes kept busy during the run */
  othersCores: number | null;
}

function runChild(cmd: string, argv: string[], timeoutSec: number): Promise<ChildResult> {
  const full = TIME ? [TIME, ["-v", cmd, ...argv]] : [cmd, argv];
  return new Promise((resolvePromise) => {
    const t0 = performance.now();
    const j0 = cpuJiffies();
    const child = spawn(full[0] as string, full[1] as string[], { cwd: REPO_ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {}
    }, timeoutSec * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const j1 = cpuJiffies();
      let othersCores: number | null = null;
      if (j0 && j1 && user && sys) {
        const machineBusyS = (j1.busy - j0.busy) / HZ;
        othersCores = Math.max(0, Math.round(((machineBusyS - Number(user[1]) - Number(sys[1])) / (wallMs / 1000)) * 100) / 100);
      }
      resolvePromise({ code, stdout, stderr, wallMs, maxRssKb: m ? Number(m[1]) : null, timedOut, othersCores });
    });
  });
}

function lastJson(stdout: string): Record<string, unknown> | null {
  const lines = stdout.trim().split("\n").reverse();
  for (const l of lines) {
    const s = l.trim();
    if (s.startsWith("{")) {
      try {
        return JSON.parse(s);
      } catch {}
    }
  }
  return null;
}

function tail(s: string, n = 400): string {
  const cleaned = s
    .split("\n")
    .map((l) => l.trim())
    .filter(
      (l) =>
        l &&
        !/^(Command (being timed|exited|terminated)|User time|System time|Percent of CPU|Elapsed|Average|Maximum resident|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(
          l,
        ),
    )
    .join(" ⏎ ")
    .replaceAll("|", "\\|");
  return cleaned.length > n ? `…${cleaned.slice(-n)}` : cleaned;
}

// ------------------------------------------------------------------------------ peers
const NODE = process.execPath;
let pg: PgServer | null = null;
let floorBin: string | null = null;

function peerCommand(peer: PeerName, input: string, out: string): [string, string[]] {
  const common = ["--input", input, "--cell", String(cell), "--band", String(band), "--out", out];
  switch (peer) {
    case "trygg":
      return [NODE, [join(REPO_ROOT, "src/cli/main.ts"), "analysis", "hotspots", ...common]];
    case "spdep":
      return ["Rscript", [join(HERE, "peers/spdep.R"), ...common, "--kd", "TRUE"]];
    case "spdep-nokd":
      return ["Rscript", [join(HERE, "peers/spdep.R"), ...common, "--kd", "FALSE"]];
    case "postgis": {
      const p = pg as PgServer;
      return [NODE, [join(HERE, "peers/postgis.ts"), ...common, "--host", p.host, "--port", String(p.port), "--out-dir", p.outDir]];
    }
    case "turf":
      return [NODE, ["--max-old-space-size=20000", join(HERE, "peers/turf.ts"), ...common]];
    case "h3":
      return [NODE, ["--max-old-space-size=20000", join(HERE, "peers/h3.ts"), ...common]];
    case "floor":
      throw new Error("floor runs separately");
  }
}

function compileFloor(): string | null {
  if (!CC) return null;
  const bin = join(BENCH_DIR, "bin/floor");
  mkdirSync(join(BENCH_DIR, "bin"), { recursive: true });
  const r = spawnSync(CC, ["-O2", "-o", bin, join(HERE, "floor/floor.c")], { encoding: "utf8" });
  return r.status === 0 ? bin : null;
}

async function runFloor(size: number, input: string): Promise<PeerRun> {
  const run: PeerRun = { peer: "floor", size, status: "ok" };
  const extra: Record<string, unknown> = {};
  if (waitIdleArg !== null) await waitIdle(waitIdleArg);
  if (floorBin) {
    const c = await runChild(floorBin, [input], timeoutS);
    const j = lastJson(c.stdout);
    if (j) extra.c = j;
  }
  const nodeFloor = await runChild(NODE, [join(HERE, "floor/floor.ts"), input], timeoutS);
  const jn = lastJson(nodeFloor.stdout);
  if (jn) extra.node = jn;
  const c = extra.c as Record<string, number> | undefined;
  const best = c ?? (jn as Record<string, number>);
  if (!best) return { ...run, status: "failed", reason: tail(nodeFloor.stderr) };
  run.steps = { load: best.read_count_ms };
  run.total_ms = best.read_count_ms;
  run.peak_rss_kb = null;
  run.extra = extra;
  return run;
}

async function runPeer(peer: PeerName, size: number, input: string, meta: DatasetMeta, repeat: number): Promise<PeerRun> {
  const base: PeerRun = { peer, size, status: "ok" };
  const missing = unavailable(peer);
  if (missing) return { ...base, status: "skipped", ...missing };
  const expectedCells = cell === 25 ? meta.nonEmptyCells?.["25"] : cell === 100 ? meta.nonEmptyCells?.["100"] : undefined;
  const capCells = maxCells[peer];
  if (capCells !== undefined && expectedCells !== undefined && expectedCells > capCells) {
    const est = nokdRate
      ? ` — EXTRAPOLATED, not measured: nb ≈ ${fmtMs(nokdRate.msPerCell2 * expectedCells ** 2)} (cells² from ${nokdRate.cells} cells in ${fmtMs(nokdRate.nbMs)})`
      : "";
    return { ...base, status: "skipped", reason: `capped: ${expectedCells} cells > ${capCells} (O(cells²) neighbour search; --max ${peer}=all runs it)${est}` };
  }
  const capSize = maxSize[peer];
  if (capSize !== undefined && size > capSize) {
    return {
      ...base,
      status: "skipped",
      reason: `capped at ${sizeLabel(capSize)} (--max ${peer}=SIZE)`,
    };
  }
  const outDir = join(outRoot, sizeLabel(size), `${cell}m`);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `${peer}.csv`);
  let best: PeerRun | null = null;
  for (let r = 0; r < repeat; r++) {
    const [cmd, argv] = peerCommand(peer, input, out);
    const busyBefore = waitIdleArg !== null ? await waitIdle(waitIdleArg) : null;
    const loadBefore = Math.round(loadavg()[0] * 100) / 100;
    const c = await runChild(cmd, argv, timeoutS);
    if (c.timedOut) return { ...base, status: "timeout", reason: `no result after ${timeoutS} s` };
    const j = lastJson(c.stdout);
    if (c.code !== 0 || !j) return { ...base, status: "failed", reason: `exit ${c.code}: ${tail(c.stderr)}` };
    const steps: Record<string, number> = {};
    for (const s of STEPS) if (typeof j[s] === "number") steps[s] = j[s] as number;
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(j)) if (!(STEPS as readonly string[]).includes(k) && !["total_ms", "n", "cells"].includes(k)) extra[k] = v;
    const peak = peer === "postgis" ? ((j.backend_peak_rss_kb as number | null) ?? null) : c.maxRssKb;
    const run: PeerRun = {
      ...base,
      steps,
      total_ms: j.total_ms as number,
      wall_ms: Math.round(c.wallMs),
      peak_rss_kb: peak,
      n: j.n as number,
      cells: j.cells as number,
      extra,
      out,
      runs: r + 1,
      load_before: loadBefore,
      busy_before_pct: busyBefore,
      others_cores: peer === "postgis" ? null : c.othersCores,
    };
    if (!best || (run.total_ms as number) < (best.total_ms as number)) best = run;
    if (c.wallMs > REPEAT_WALL_LIMIT_MS) break; // long runs are not repeated
  }
  if (peer === "spdep-nokd" && best?.steps?.nb && best.cells && (!nokdRate || best.cells > nokdRate.cells)) {
    nokdRate = { cells: best.cells, nbMs: best.steps.nb, msPerCell2: best.steps.nb / best.cells ** 2 };
  }
  return best as PeerRun;
}
let nokdRate: { cells: number; nbMs: number; msPerCell2: number } | null = null;

// ------------------------------------------------------------------------------ checks
interface CellRow {
  count: number;
  z: number;
  cls: string;
}
function readResult(file: string): Map<string, CellRow> {
  const lines = readFileSync(file, "utf8").split("\n");
  const header = lines[0].split(",");
  const ic = header.indexOf("cell");
  const in_ = header.indexOf("count");
  const iz = header.indexOf("gi_z");
  const icl = header.indexOf("class");
  if (ic < 0 || in_ < 0 || iz < 0) throw new Error(`${file}: expected columns cell,count,gi_z (got ${lines[0]})`);
  const m = new Map<string, CellRow>();
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const f = l.split(",");
    const key = f[ic].replace(/^"|"$/g, "");
    m.set(key, { count: Number(f[in_]), z: Number(f[iz]), cls: icl >= 0 ? f[icl] : "" });
  }
  return m;
}

function compare(a: Map<string, CellRow>, b: Map<string, CellRow>) {
  let onlyA = 0;
  let onlyB = 0;
  let countDiffs = 0;
  let classDiffs = 0;
  let maxDz = 0;
  for (const [k, ra] of a) {
    const rb = b.get(k);
    if (!rb) {
      onlyA++;
      continue;
    }
    if (ra.count !== rb.count) countDiffs++;
    if (ra.cls !== rb.cls) classDiffs++;
    const dz = Math.abs(ra.z - rb.z);
    if (!(dz <= maxDz)) maxDz = Number.isNaN(dz) ? Number.POSITIVE_INFINITY : dz;
  }
  for (const k of b.keys()) if (!a.has(k)) onlyB++;
  const examples: string[] = [];
  for (const [k, ra] of a)
    if (examples.length < 5 && (!b.has(k) || b.get(k)?.count !== ra.count)) examples.push(`${k}: ${ra.count} vs ${b.get(k)?.count ?? "—"}`);
  for (const [k, rb] of b) if (examples.length < 10 && !a.has(k)) examples.push(`${k}: — vs ${rb.count}`);
  return { onlyA, onlyB, countDiffs, classDiffs, maxDz, sameCells: onlyA === 0 && onlyB === 0, examples };
}

async function check(size: number, runs: PeerRun[]): Promise<CheckResult> {
  const res: CheckResult = { size };
  const trygg = runs.find((r) => r.peer === "trygg" && r.status === "ok");
  const spdep = runs.find((r) => (r.peer === "spdep" || r.peer === "spdep-nokd") && r.status === "ok");
  const postgis = runs.find((r) => r.peer === "postgis" && r.status === "ok");
  try {
    if (spdep?.out && postgis?.out) {
      const c = compare(readResult(postgis.out), readResult(spdep.out));
      res.postgisVsSpdep = { sameCells: c.sameCells, maxDz: c.maxDz };
    }
    if (!trygg?.out) return res;
    const t = readResult(trygg.out);
    if (spdep?.out) {
      const c = compare(t, readResult(spdep.out));
      res.pipeline = {
        sameCells: c.sameCells,
        onlyTrygg: c.onlyA,
        onlySpdep: c.onlyB,
        countDiffs: c.countDiffs,
        classDiffs: c.classDiffs,
        maxDz: c.maxDz,
        pass: c.sameCells && c.countDiffs === 0 && c.maxDz <= Z_TOLERANCE,
        examples: c.examples,
      };
      if (!res.pipeline.pass && (c.countDiffs > 0 || !c.sameCells))
        res.pipeline.note =
          "cells/counts differ — typically a point within micrometres of a cell edge that PROJ and Trygg's series put on different sides; see the Gi*-on-identical-cells check";
    }
    if (!unavailable("spdep")) {
      const out = join(outRoot, sizeLabel(size), `${cell}m`, "spdep-on-trygg-cells.csv");
      const c = await runChild(
        "Rscript",
        [join(HERE, "peers/spdep.R"), "--cells", trygg.out, "--cell", String(cell), "--band", String(band), "--out", out, "--kd", "TRUE"],
        timeoutS,
      );
      if (c.code !== 0) throw new Error(`spdep --cells failed: ${tail(c.stderr)}`);
      const d = compare(t, readResult(out));
      res.gistar = { cells: t.size, maxDz: d.maxDz, classDiffs: d.classDiffs, pass: d.sameCells && d.countDiffs === 0 && d.maxDz <= Z_TOLERANCE };
    }
  } catch (e) {
    res.error = e instanceof Error ? e.message : String(e);
  }
  return res;
}

// ------------------------------------------------------------------------------ printing
function fmtMs(ms: number | undefined): string {
  if (ms === undefined || ms === null) return "—";
  if (ms === 0) return "—";
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 100_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 600_000) return `${(ms / 60_000).toFixed(0)} min`;
  return `${(ms / 1000).toFixed(0)} s`;
}
function fmtKb(kb: number | null | undefined): string {
  if (kb === null || kb === undefined) return "—";
  return kb > 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(2)} GB` : `${Math.round(kb / 1024)} MB`;
}
function fmtRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return "—";
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`;
}

function table(size: number, runs: PeerRun[], meta: DatasetMeta): string {
  const trygg = runs.find((r) => r.peer === "trygg" && r.status === "ok");
  const head = `### ${sizeLabel(size)} incidents (${(meta.bytes / 1e6).toFixed(0)} MB CSV), cell ${cell} m, band ${band} m`;
  const lines = [
    head,
    "",
    "| peer | load | project | bin | nb | gistar | write | total | wall (process) | peak RSS | cells | total ×Trygg | others' cores |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of runs) {
    if (r.status !== "ok") {
      lines.push(`| ${r.peer} | ${r.status}: ${r.reason}${r.install && r.install !== "—" ? ` — \`${r.install}\`` : ""} ||||||||||||`);
      continue;
    }
    const s = r.steps ?? {};
    const ratio = trygg && r.peer !== "trygg" && r.total_ms ? r.total_ms / (trygg.total_ms as number) : undefined;
    lines.push(
      `| ${r.peer} | ${fmtMs(s.load)} | ${fmtMs(s.project)} | ${fmtMs(s.bin)} | ${fmtMs(s.nb)} | ${fmtMs(s.gistar)} | ${fmtMs(s.write)} | ${fmtMs(r.total_ms)} | ${fmtMs(r.wall_ms)} | ${fmtKb(r.peak_rss_kb)} | ${r.cells ?? "—"} | ${r.peer === "trygg" ? "1×" : r.peer === "floor" ? (trygg ? `${((r.total_ms as number) / (trygg.total_ms as number)).toFixed(3)}×` : "—") : fmtRatio(ratio)} | ${r.others_cores ?? "—"} |`,
    );
  }
  return lines.join("\n");
}

function floorTable(size: number, runs: PeerRun[]): string | null {
  const trygg = runs.find((r) => r.peer === "trygg" && r.status === "ok");
  const floor = runs.find((r) => r.peer === "floor" && r.status === "ok");
  if (!trygg || !floor) return null;
  const c = (floor.extra?.c ?? floor.extra?.node) as Record<string, number>;
  const traffic = (c.memcpy_gbs ?? c.typed_copy_gbs) * 2 * 1e6; // bytes per ms of read+write traffic
  const n = trygg.n ?? size;
  const cells = trygg.cells ?? 0;
  const nbAvg = Number((runs.find((r) => r.peer === "spdep" && r.status === "ok")?.extra?.mean_neighbours as number) ?? 10);
  const outBytes = existsSync(trygg.out as string) ? readFileSync(trygg.out as string).length : cells * 60;
  const floors: Record<string, [number, string]> = {
    load: [
      c.read_count_ms,
      `read ${((c.bytes ?? 0) / 1e6).toFixed(0)} MB from page cache + newline count (${floor.extra?.c ? "C, memchr" : "Node, Buffer.indexOf — no C compiler"})`,
    ],
    project: [(32 * n) / traffic, "read lat/lon f64, write N/E f64: 32 B/point"],
    bin: [(20 * n) / traffic, "read N/E f64, write one u32 cell index: 20 B/point"],
    nb: [(cells * (16 + 4 * nbAvg)) / traffic, `cell centres + ${nbAvg.toFixed(1)} neighbour ids (u32) per cell`],
    gistar: [(cells * (8 + 4 * nbAvg + 8 * 4)) / traffic, "counts gathered over neighbour lists + z, p, q"],
    write: [outBytes / traffic, `${(outBytes / 1e6).toFixed(1)} MB of CSV`],
  };
  // Trygg's load/project/bin run fused in `threads` worker threads and are reported as busy time
  // per thread; CPU time = per-thread time × threads is what compares with a one-thread floor.
  const threads = Number(trygg.extra?.threads ?? 1);
  const threaded = new Set(["load", "project", "bin"]);
  const lines = [
    `Trygg per step vs the memory-bandwidth floor (${sizeLabel(size)}; traffic ${(traffic / 1e6).toFixed(1)} GB/s = 2 × memcpy; Trygg threads: ${threads}${trygg.extra?.parallel_ms ? `, load+project+bin wall ${fmtMs(trygg.extra.parallel_ms as number)}` : ""})`,
    "",
    "| step | Trygg (per thread) | Trygg CPU | floor (1 thread) | CPU ×floor | floor counts |",
    "|---|---:|---:|---:|---:|---|",
  ];
  for (const s of STEPS) {
    const v = trygg.steps?.[s];
    const cpu = v !== undefined ? v * (threaded.has(s) ? threads : 1) : undefined;
    const [f, what] = floors[s];
    lines.push(
      `| ${s} | ${fmtMs(v)} | ${fmtMs(cpu)} | ${f < 1 ? `${f.toFixed(3)} ms` : fmtMs(f)} | ${cpu !== undefined && f > 0 ? fmtRatio(cpu / f) : "—"} | ${what} |`,
    );
  }
  return lines.join("\n");
}

function checkLines(c: CheckResult): string {
  const out: string[] = [`Check ${sizeLabel(c.size)} (${cell} m):`];
  if (c.error) out.push(`  ERROR ${c.error}`);
  if (c.pipeline) {
    const p = c.pipeline;
    out.push(
      `  pipeline Trygg vs spdep(sf/PROJ): ${p.pass ? "PASS" : "FAIL"} — same cell set: ${p.sameCells ? "yes" : `no (${p.onlyTrygg} only in Trygg, ${p.onlySpdep} only in spdep)`}, count differences: ${p.countDiffs}, class differences: ${p.classDiffs}, max |Δz| = ${p.maxDz.toExponential(2)}${p.note ? ` — ${p.note}` : ""}`,
    );
    if (p.examples?.length && !p.pass) out.push(`    cells (Trygg count vs spdep count): ${p.examples.join("; ")}`);
  }
  if (c.gistar)
    out.push(
      `  Gi* on identical cells (spdep localG on Trygg's cells): ${c.gistar.pass ? "PASS" : "FAIL"} — ${c.gistar.cells} cells, max |Δz| = ${c.gistar.maxDz.toExponential(2)} (tolerance ${Z_TOLERANCE}), class differences: ${c.gistar.classDiffs}`,
    );
  if (c.postgisVsSpdep)
    out.push(`  PostGIS vs spdep: same cell set: ${c.postgisVsSpdep.sameCells ? "yes" : "no"}, max |Δz| = ${c.postgisVsSpdep.maxDz.toExponential(2)}`);
  if (!c.pipeline && !c.gistar) out.push("  not run (needs Trygg and spdep results)");
  return out.join("\n");
}

// ------------------------------------------------------------------------------ engine fingerprint
// The engine may change between runs: record the commit and a hash of the engine's sources.
function engineFingerprint(): { commit: string | null; dirty: boolean | null; sha256: string | null } {
  const git = (a: string[]) => spawnSync("git", a, { cwd: REPO_ROOT, encoding: "utf8" });
  const commit = git(["rev-parse", "--short", "HEAD"]).stdout?.trim() || null;
  const dirty = commit ? git(["status", "--porcelain", "--", "src/analysis", "src/cli/analysis.ts"]).stdout.trim().length > 0 : null;
  const files: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (f.endsWith(".ts") && !f.endsWith(".test.ts")) files.push(f);
    }
  };
  walk(join(REPO_ROOT, "src/analysis"));
  files.push(join(REPO_ROOT, "src/cli/analysis.ts"));
  const h = createHash("sha256");
  for (const f of files.sort()) if (existsSync(f)) h.update(f).update(readFileSync(f));
  return { commit, dirty, sha256: h.digest("hex").slice(0, 16) };
}

// ------------------------------------------------------------------------------ main
const all: { size: number; meta: DatasetMeta; runs: PeerRun[]; check?: CheckResult }[] = [];
const resultFile = join(resultsDir, `${cell}m-${stamp}.json`);
const engineAtStart = engineFingerprint();
const machine = {
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memGB: Math.round(totalmem() / 2 ** 30),
  R: has("Rscript")
    ? spawnSync(
        "Rscript",
        [
          "-e",
          'cat(R.version.string, "spdep", format(packageVersion("spdep")), "sf", format(packageVersion("sf")), "data.table", format(packageVersion("data.table")), "dbscan", format(packageVersion("dbscan")))',
        ],
        { encoding: "utf8" },
      ).stdout
    : null,
};
try {
  if (peers.includes("postgis") && !unavailable("postgis")) pg = await startPg();
  if (peers.includes("floor")) floorBin = compileFloor();
  for (const size of sizes) {
    const meta = ensureDataset(size);
    const input = meta.file;
    const runs: PeerRun[] = [];
    process.stderr.write(`\n== ${sizeLabel(size)} (${relative(REPO_ROOT, input)}), cell ${cell} m, band ${band} m, best of ${repeat}\n`);
    for (const peer of peers) {
      process.stderr.write(`  ${peer} … `);
      const r = peer === "floor" ? await runFloor(size, input) : await runPeer(peer, size, input, meta, repeat);
      runs.push(r);
      process.stderr.write(
        r.status === "ok"
          ? `${fmtMs(r.total_ms)} (wall ${fmtMs(r.wall_ms)}, peak ${fmtKb(r.peak_rss_kb)}, load before ${r.load_before ?? "—"}, others' cores during ${r.others_cores ?? "—"})\n`
          : `${r.status}: ${r.reason}\n`,
      );
    }
    const entry: (typeof all)[number] = { size, meta, runs };
    if (doCheck) {
      entry.check = await check(size, runs);
      process.stderr.write(`${checkLines(entry.check)}\n`);
    }
    all.push(entry);
    writeFileSync(
      resultFile,
      `${JSON.stringify({ cell, band, stamp, machine, engine: { atStart: engineAtStart, now: engineFingerprint() }, pgSettings: pg?.settings ?? null, results: all }, null, 2)}\n`,
    );
  }
} finally {
  pg?.stop();
}
writeFileSync(join(resultsDir, `latest-${cell}m.json`), readFileSync(resultFile));

const engineAtEnd = engineFingerprint();
const report: string[] = [
  `# bench/hotspots — cell ${cell} m, band ${band} m (${stamp})`,
  "",
  `Trygg engine: commit ${engineAtStart.commit}${engineAtStart.dirty ? " + uncommitted changes" : ""}, sources sha256 ${engineAtStart.sha256}${engineAtEnd.sha256 !== engineAtStart.sha256 ? ` — CHANGED during the run (now ${engineAtEnd.sha256})` : ""}. ${machine.cpu}, ${machine.cores} cores, ${machine.memGB} GB, Node ${machine.node}.`,
  "",
];
for (const e of all) {
  report.push(table(e.size, e.runs, e.meta), "");
  const ft = floorTable(e.size, e.runs);
  if (ft) report.push(ft, "");
  if (e.check) report.push("```", checkLines(e.check), "```", "");
}
const skipped = all.flatMap((e) =>
  e.runs
    .filter((r) => r.status !== "ok")
    .map((r) => `- ${sizeLabel(e.size)} ${r.peer}: ${r.status} — ${r.reason}${r.install && r.install !== "—" ? ` (install: \`${r.install}\`)` : ""}`),
);
if (skipped.length) report.push("Skipped / failed:", ...skipped, "");
report.push(`Results: ${relative(REPO_ROOT, resultFile)}`);
const text = report.join("\n");
writeFileSync(resultFile.replace(/\.json$/, ".md"), `${text}\n`);
process.stdout.write(`${text}\n`);
const failedCheck = all.some((e) => e.check && ((e.check.gistar && !e.check.gistar.pass) || e.check.error));
process.exitCode = failedCheck ? 1 : 0;
