// The test runner behind `npm test` (and `./dev test`, `.ci/run`). Layers:
//   unit         node --test over src/**/*.test.ts and scripts/**/*.test.ts (not *.int.test.ts)
//   integration  src/**/*.int.test.ts and test/isolation/**/*.test.ts, first on PGlite, then on a
//                private PostgreSQL server this runner starts and stops itself
//   e2e          test/e2e/*.e2e.test.ts (Playwright + axe) against one real `trygg start` server
// Usage: npm test [-- unit|integration|e2e|pglite|postgres ...] [-- path/to/file.test.ts ...]
//   `pglite` / `postgres` run the integration layer on that engine only; file paths restrict each
//   selected layer to those files. With no arguments every layer runs.
// The postgres layer FAILS when PostgreSQL's server programs are missing (CI must never skip it
// silently) unless TRYGG_SKIP_POSTGRES=1; likewise e2e without /usr/bin/chromium unless
// TRYGG_SKIP_E2E=1. The last line of output is always exactly `N passed, N failed`, summed over
// all node --test runs; the exit code is non-zero when anything failed.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, globSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PostgresMissingError, type PrivatePostgres, startPrivatePostgres } from "./pg-test-server.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
/** A whole node --test run is killed (and counted as failed) after this long. */
const RUN_TIMEOUT_MS = 20 * 60_000;

export type Summary = { pass: number; fail: number; cancelled: number; found: boolean };

/** Read the totals of a node --test run from its spec reporter output (`ℹ pass N`, `ℹ fail N`). */
export function parseSummary(output: string): Summary {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strip ANSI colours
  const text = output.replace(/\u001b\[[0-9;]*m/g, "");
  const num = (name: string): number | null => {
    const all = [...text.matchAll(new RegExp(`^\\s*ℹ ${name} (\\d+)\\s*$`, "gm"))];
    const last = all.at(-1);
    return last ? Number(last[1]) : null;
  };
  const pass = num("pass");
  const fail = num("fail");
  return { pass: pass ?? 0, fail: fail ?? 0, cancelled: num("cancelled") ?? 0, found: pass !== null && fail !== null };
}

type RunResult = { name: string; passed: number; failed: number; note?: string };

const results: RunResult[] = [];
let current: ChildProcess | null = null;
const cleanups: Array<() => void | Promise<void>> = [];

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function files(patterns: string[], exclude: (f: string) => boolean, only: string[]): string[] {
  const found = new Set<string>();
  for (const p of patterns) for (const f of globSync(p, { cwd: ROOT })) if (!f.includes("node_modules") && !exclude(f)) found.add(f);
  let list = [...found].sort();
  if (only.length) list = list.filter((f) => only.includes(resolve(ROOT, f)));
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
  return env;
}

/** One node --test run; its summary is added to the totals. */
async function runNodeTest(name: string, testFiles: string[], env: Record<string, string>, testTimeoutMs: number): Promise<void> {
  if (testFiles.length === 0) {
    log(`\n── ${name}: inga testfiler`);
    return;
  }
  log(`\n── ${name}: ${testFiles.length} filer`);
  // 2 cores: two test files at a time. A hung test fails after testTimeoutMs instead of holding the run.
  const args = ["--test", "--test-concurrency=2", `--test-timeout=${testTimeoutMs}`, "--test-reporter=spec", "--test-force-exit", ...testFiles];
  const started = Date.now();
  let output = "";
  const code = await new Promise<number>((resolveRun) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: testEnv(env), stdio: ["ignore", "pipe", "pipe"], detached: true });
    current = child;
    const timer = setTimeout(() => {
      log(`\n${name}: avbryts efter ${RUN_TIMEOUT_MS / 60_000} min`);
      killGroup(child);
    }, RUN_TIMEOUT_MS);
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    child.on("close", (c, signal) => {
      clearTimeout(timer);
      current = null;
      resolveRun(c ?? (signal ? 1 : 0));
    });
  });
  const s = parseSummary(output);
  let failed = s.fail + s.cancelled;
  let note: string | undefined;
  if (!s.found) {
    failed = Math.max(failed, 1);
    note = "ingen sammanfattning (kraschade körningen?)";
  } else if (code !== 0 && failed === 0) {
    failed = 1;
    note = `avslutades med kod ${code}`;
  }
  results.push({ name, passed: s.pass, failed, note });
  log(`── ${name}: ${s.pass} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)${note ? ` – ${note}` : ""}`);
}

function fail(name: string, message: string): void {
  log(`\n── ${name}: MISSLYCKADES – ${message}`);
  results.push({ name, passed: 0, failed: 1, note: message });
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
  const layerNames = new Set(["unit", "integration", "e2e", "pglite", "postgres"]);
  const wanted = argv.filter((a) => layerNames.has(a));
  const only = argv.filter((a) => a.endsWith(".ts")).map((f) => resolve(process.cwd(), f));
  const unknown = argv.filter((a) => !layerNames.has(a) && !a.endsWith(".ts") && a !== "--");
  if (unknown.length) {
    process.stderr.write(`okänt argument: ${unknown.join(" ")} (använd unit, integration, e2e, pglite, postgres eller sökvägar till testfiler)\n`);
    return 2;
  }
  const all = wanted.length === 0;
  const has = (l: string) => all || wanted.includes(l);
  const engines = {
    pglite: has("integration") || wanted.includes("pglite"),
    postgres: has("integration") || wanted.includes("postgres"),
  };
  const t0 = Date.now();

  if (has("unit")) {
    const unit = files(["src/**/*.test.ts", "scripts/**/*.test.ts"], (f) => f.endsWith(".int.test.ts") || f.endsWith(".e2e.test.ts"), only);
    await runNodeTest("unit", unit, {}, 120_000);
  }

  if (engines.pglite || engines.postgres) {
    const integration = files(["src/**/*.int.test.ts", "test/isolation/**/*.test.ts", "test/sweeps/**/*.test.ts"], () => false, only);
    if (engines.pglite) await runNodeTest("integration (PGlite)", integration, { TRYGG_TEST_DB: "pglite" }, 300_000);
    if (engines.postgres && integration.length) {
      if (process.env.TRYGG_SKIP_POSTGRES === "1") {
        log("\n── integration (PostgreSQL): hoppas över (TRYGG_SKIP_POSTGRES=1)");
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
  }

  if (has("e2e")) {
    const e2e = files(["test/e2e/*.e2e.test.ts"], () => false, only);
    if (e2e.length && process.env.TRYGG_SKIP_E2E === "1") {
      log("\n── e2e: hoppas över (TRYGG_SKIP_E2E=1)");
    } else if (e2e.length && !existsSync(CHROMIUM)) {
      fail("e2e", `${CHROMIUM} saknas: installera Debians paket chromium (./dev test gör det själv som root), eller hoppa medvetet över med TRYGG_SKIP_E2E=1`);
    } else if (e2e.length) {
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

  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  log(`\n── Sammanfattning (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  for (const r of results)
    log(`   ${r.name.padEnd(26)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed${r.note ? `  (${r.note})` : ""}`);
  log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
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
