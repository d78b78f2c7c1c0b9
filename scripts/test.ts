// The test runner behind `npm test` (and `./dev test`, `.ci/run`). Layers:
//   unit         node --test over src/**/*.test.ts and scripts/**/*.test.ts (not *.int.test.ts)
//   integration  src/**/*.int.test.ts, test/isolation/, test/sweeps/ and test/reliability/ (**/*.test.ts),
//                first on PGlite, then on a private PostgreSQL server this runner starts and stops
//   e2e          test/e2e/*.e2e.test.ts (Playwright + axe) against one real `trygg start` server
// Usage: npm test [-- unit|integration|e2e|pglite|postgres ...] [-- path/to/file.test.ts ...]
//   `pglite` / `postgres` run the integration layer on that engine only; file paths restrict each
//   selected layer to those files. With no arguments every layer runs.
// Each node --test run preloads scripts/no-network.ts (no internet from tests) and reports twice:
// spec to stdout for people, and JSON counts from the runner's events (scripts/test-reporter.ts)
// to a file this runner reads. The rules of the verdict are in scripts/test-gate.ts: skipped and
// todo tests are listed (failures when CI=true), a selection or file that ran nothing fails.
// The postgres layer FAILS when PostgreSQL's server programs are missing (CI must never skip it
// silently) unless TRYGG_SKIP_POSTGRES=1; likewise e2e without /usr/bin/chromium unless
// TRYGG_SKIP_E2E=1 — a layer skipped that way is reported, and fails the run when CI=true.
// The last line of output is always exactly `N passed, N failed`, summed over all runs; the exit
// code is non-zero when anything failed.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, globSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PostgresMissingError, type PrivatePostgres, startPrivatePostgres } from "./pg-test-server.ts";
import {
  isCi,
  nodeTestArgs,
  parseArgs,
  pathsNeverRun,
  problem,
  type RunResult,
  runResult,
  selectionProblems,
  selectLayers,
  skippedLayer,
  summaryLines,
} from "./test-gate.ts";
import type { Report } from "./test-reporter.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const CHROMIUM = "/usr/bin/chromium";
/** A whole node --test run is killed (and counted as failed) after this long. */
const RUN_TIMEOUT_MS = 20 * 60_000;
const CI = isCi(process.env);

const results: RunResult[] = [];
const reports: Report[] = [];
let current: ChildProcess | null = null;
const cleanups: Array<() => void | Promise<void>> = [];

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function files(patterns: string[], exclude: (f: string) => boolean, only: string[]): string[] {
  const found = new Set<string>();
  for (const p of patterns) for (const f of globSync(p, { cwd: ROOT })) if (!f.includes("node_modules") && !exclude(f)) found.add(f);
  let list = [...found].sort();
  if (only.length) list = list.filter((f) => only.includes(f));
  return list;
}

function testEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TZ: "Europe/Stockholm",
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    NODE_ENV: "test",
    ...extra,
  };
  // A developer's own DATABASE_URL must never point a test at a real database.
  delete env.DATABASE_URL;
  // Set when this runner itself runs inside a test; node --test would then not report normally.
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** One node --test run; its result is added to the totals. */
async function runNodeTest(name: string, testFiles: string[], env: Record<string, string>, testTimeoutMs: number): Promise<void> {
  if (testFiles.length === 0) {
    log(`\n── ${name}: inga testfiler`);
    return;
  }
  log(`\n── ${name}: ${testFiles.length} filer`);
  const dir = mkdtempSync(join(tmpdir(), "trygg-test-report-"));
  const reportFile = join(dir, "report.json");
  // 2 cores: two test files at a time. A hung test fails after testTimeoutMs instead of holding the run.
  const args = nodeTestArgs(testFiles, reportFile, testTimeoutMs);
  const started = Date.now();
  const code = await new Promise<number>((resolveRun) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: testEnv(env), stdio: ["ignore", "inherit", "inherit"], detached: true });
    current = child;
    const timer = setTimeout(() => {
      log(`\n${name}: avbryts efter ${RUN_TIMEOUT_MS / 60_000} min`);
      killGroup(child);
    }, RUN_TIMEOUT_MS);
    child.on("close", (c, signal) => {
      clearTimeout(timer);
      current = null;
      resolveRun(c ?? (signal ? 1 : 0));
    });
  });
  let report: Report | null = null;
  try {
    report = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
    reports.push(report);
  } catch {
    /* no report: counted as a failure by runResult */
  }
  rmSync(dir, { recursive: true, force: true });
  const r = runResult(name, report, code, testFiles, CI);
  results.push(r);
  const extra = [r.skippedTests.length && `${r.skippedTests.length} skipped`, r.todoTests.length && `${r.todoTests.length} todo`].filter(Boolean).join(", ");
  log(`── ${name}: ${r.passed} passed, ${r.failed} failed${extra ? `, ${extra}` : ""} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const p of r.problems) log(`   ! ${p}`);
}

function fail(name: string, message: string): void {
  log(`\n── ${name}: MISSLYCKADES – ${message}`);
  results.push(problem(name, [message]));
}

function skipLayer(name: string, reason: string): void {
  log(`\n── ${name}: hoppas över (${reason})${CI ? " – räknas som fel eftersom CI=true" : ""}`);
  results.push(skippedLayer(name, reason, CI));
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const c = cleanups.pop()!;
    try {
      await c();
    } catch (err) {
      process.stderr.write(`städning misslyckades: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

async function main(argv: string[]): Promise<number> {
  // npm runs scripts in the package root; paths are relative to where the command was typed.
  const args = parseArgs(argv, process.env.INIT_CWD ?? process.cwd(), ROOT);
  if (args.unknown.length) {
    process.stderr.write(`okänt argument: ${args.unknown.join(" ")} (använd unit, integration, e2e, pglite, postgres eller sökvägar till testfiler)\n`);
    return 2;
  }
  const layers = selectLayers(args.layers);
  const only = args.paths;
  const t0 = Date.now();

  const unit = files(["src/**/*.test.ts", "scripts/**/*.test.ts"], (f) => f.endsWith(".int.test.ts") || f.endsWith(".e2e.test.ts"), only);
  const integration = files(
    ["src/**/*.int.test.ts", "test/isolation/**/*.test.ts", "test/sweeps/**/*.test.ts", "test/reliability/**/*.test.ts"],
    () => false,
    only,
  );
  const e2e = files(["test/e2e/*.e2e.test.ts"], () => false, only);
  const selected: Record<string, string[]> = {};
  if (layers.unit) selected.unit = unit;
  if (layers.pglite || layers.postgres) selected[layers.pglite && layers.postgres ? "integration" : layers.pglite ? "pglite" : "postgres"] = integration;
  if (layers.e2e) selected.e2e = e2e;
  const selection = selectionProblems(args, selected, ROOT);
  if (selection.messages.length) {
    log("\n── urval: MISSLYCKADES");
    for (const p of selection.messages) log(`   ! ${p}`);
    results.push(problem("urval", selection.messages));
  }

  if (layers.unit) await runNodeTest("unit", unit, {}, 120_000);

  if (layers.pglite) await runNodeTest("integration (PGlite)", integration, { TRYGG_TEST_DB: "pglite" }, 300_000);
  if (layers.postgres && integration.length) {
    if (process.env.TRYGG_SKIP_POSTGRES === "1") {
      skipLayer("integration (PostgreSQL)", "TRYGG_SKIP_POSTGRES=1");
    } else {
      let pg: PrivatePostgres | null = null;
      try {
        pg = await startPrivatePostgres({ log });
      } catch (err) {
        fail("integration (PostgreSQL)", err instanceof PostgresMissingError ? err.message : `kunde inte starta PostgreSQL: ${(err as Error).message}`);
      }
      if (pg) {
        const server = pg;
        cleanups.push(() => server.stop());
        try {
          await runNodeTest("integration (PostgreSQL)", integration, { TRYGG_TEST_DB: "postgres", TRYGG_TEST_PG_URL: server.url }, 300_000);
        } finally {
          cleanups.pop();
          server.stop();
        }
      }
    }
  }

  if (layers.e2e && e2e.length) {
    if (process.env.TRYGG_SKIP_E2E === "1") {
      skipLayer("e2e", "TRYGG_SKIP_E2E=1");
    } else if (!existsSync(CHROMIUM)) {
      fail("e2e", `${CHROMIUM} saknas: installera Debians paket chromium (./dev test gör det själv som root), eller hoppa medvetet över med TRYGG_SKIP_E2E=1`);
    } else {
      // One real server for all browser test files (a fresh PGlite data dir with the Osby demo);
      // a file run on its own starts its own (test/e2e/server.ts).
      const { E2E_ENV, startTrygg } = await import("../test/e2e/server.ts");
      let server: Awaited<ReturnType<typeof startTrygg>> | null = null;
      try {
        server = await startTrygg({ env: E2E_ENV });
        log(`Trygg för webbläsartesterna: ${server.url} (${server.startupMs} ms)`);
      } catch (err) {
        fail("e2e", `servern startade inte: ${(err as Error).message}`);
      }
      if (server) {
        const s = server;
        cleanups.push(() => s.stop());
        try {
          await runNodeTest("e2e", e2e, { TRYGG_E2E_URL: s.url }, 180_000);
        } finally {
          cleanups.pop();
          await s.stop();
        }
      }
    }
  }

  // A selected path whose layer was skipped or could not start ran nothing: that fails too.
  const neverRun = pathsNeverRun(only, reports, selection.badPaths);
  if (neverRun.length)
    results.push(
      problem(
        "sökvägar",
        neverRun.map((p) => `${p}: inget test kördes (lagret kördes inte)`),
      ),
    );

  log("");
  for (const line of summaryLines(results, CI, (Date.now() - t0) / 1000)) log(line);
  return results.some((r) => r.failed > 0) ? 1 : 0;
}

if (import.meta.main) {
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      if (current) killGroup(current);
      void runCleanups().then(() => process.exit(130));
    });
  }
  let code = 1;
  try {
    code = await main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    await runCleanups();
    const passed = results.reduce((n, r) => n + r.passed, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0) + 1;
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
  process.exit(code);
}
