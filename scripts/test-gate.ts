// The rules of the test gate (scripts/test.ts), as pure functions so scripts/test.test.ts can
// prove each of them: which arguments select what, when a run counts as failed, and the summary.
// Honest means: nothing that did not run may look like a pass.
//   - a layer named on the command line that has no test files fails; so does any layer when no
//     paths were given (a glob that finds nothing is a broken gate, not a green one);
//   - a path given on the command line that ran no test fails (missing, not a test file of the
//     selected layers, or a file that registers no tests);
//   - a test file that ran no tests fails;
//   - skipped and todo tests, and layers skipped with TRYGG_SKIP_POSTGRES / TRYGG_SKIP_E2E, are
//     listed in the summary, and count as failures when CI=true;
//   - the last line is exactly `N passed, N failed` (CI greps it).
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Report } from "./test-reporter.ts";

export const LAYERS = ["unit", "integration", "e2e", "pglite", "postgres"] as const;
export type LayerName = (typeof LAYERS)[number];

export type Args = { layers: LayerName[]; paths: string[]; unknown: string[] };

/** `npm test -- [layer …] [path.ts …]`; paths are made relative to the repository root. */
export function parseArgs(argv: string[], cwd: string, root: string): Args {
  const out: Args = { layers: [], paths: [], unknown: [] };
  for (const a of argv) {
    if (a === "--") continue;
    if ((LAYERS as readonly string[]).includes(a)) out.layers.push(a as LayerName);
    else if (a.endsWith(".ts")) out.paths.push(relative(root, isAbsolute(a) ? a : resolve(cwd, a)));
    else out.unknown.push(a);
  }
  return out;
}

/** CI=true (or 1): skipped and todo tests and skipped layers fail the run. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  return /^(true|1)$/i.test(env.CI ?? "");
}

/** The arguments of one node --test run: network guard, JSON counts to a file, spec to stdout. */
export function nodeTestArgs(files: string[], reportFile: string, testTimeoutMs: number): string[] {
  return [
    "--import",
    "./scripts/no-network.ts",
    "--test",
    "--test-concurrency=2",
    `--test-timeout=${testTimeoutMs}`,
    "--test-reporter=./scripts/test-reporter.ts",
    `--test-reporter-destination=${reportFile}`,
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-force-exit",
    ...files,
  ];
}

/** One line of the summary: a node --test run, a skipped layer, or problems with the selection. */
export type RunResult = {
  name: string;
  passed: number;
  failed: number;
  skippedTests: string[];
  todoTests: string[];
  failedTests: string[];
  /** Why the run counts failures beyond its failed tests (one Swedish sentence each). */
  problems: string[];
  /** Set when the whole layer was skipped, with the reason. */
  layerSkipped?: string;
};

function result(name: string, fields: Partial<RunResult>): RunResult {
  return { name, passed: 0, failed: 0, skippedTests: [], todoTests: [], failedTests: [], problems: [], ...fields };
}

/** The verdict of one node --test run from its JSON report (null: none was written). */
export function runResult(name: string, report: Report | null, exitCode: number, files: string[], ci: boolean): RunResult {
  if (!report) return result(name, { failed: 1, problems: [`ingen rapport från node --test (kod ${exitCode}): kraschade eller avbröts körningen?`] });
  const problems: string[] = [];
  const empty = files.filter((f) => !report.files[f]);
  for (const f of empty) problems.push(`${f} körde inga tester`);
  let failed = report.fail + report.cancelled + empty.length;
  if (ci) failed += report.skipped + report.todo;
  if (exitCode !== 0 && failed === 0) {
    problems.push(`node --test avslutades med kod ${exitCode} utan att något test misslyckades`);
    failed = 1;
  }
  return result(name, {
    passed: report.pass,
    failed,
    skippedTests: report.skippedTests,
    todoTests: report.todoTests,
    failedTests: report.failedTests,
    problems,
  });
}

/** A layer skipped on purpose (TRYGG_SKIP_…): reported, and a failure in CI. */
export function skippedLayer(name: string, reason: string, ci: boolean): RunResult {
  return result(name, { layerSkipped: reason, failed: ci ? 1 : 0 });
}

/** A failure that is not a test (a missing service, a bad selection). */
export function problem(name: string, messages: string[]): RunResult {
  return result(name, { failed: messages.length, problems: messages });
}

/** Which runs happen: every layer when none is named; `integration` is PGlite and PostgreSQL. */
export function selectLayers(layers: LayerName[]): { unit: boolean; pglite: boolean; postgres: boolean; e2e: boolean } {
  const has = (l: LayerName) => layers.length === 0 || layers.includes(l);
  return {
    unit: has("unit"),
    pglite: has("integration") || layers.includes("pglite"),
    postgres: has("integration") || layers.includes("postgres"),
    e2e: has("e2e"),
  };
}

/**
 * Problems with what was selected, before anything runs. `filesByLayer`: each selected layer
 * ("unit", "integration" or "pglite"/"postgres" alone, "e2e") with its test files. `badPaths`:
 * the paths among them that cannot run at all.
 */
export function selectionProblems(args: Args, filesByLayer: Record<string, string[]>, root: string): { messages: string[]; badPaths: string[] } {
  const messages: string[] = [];
  const badPaths: string[] = [];
  // Named on the command line (then every selected layer was named) or everything runs.
  const mustHaveFiles = args.layers.length > 0 || args.paths.length === 0;
  for (const [layer, files] of Object.entries(filesByLayer)) {
    if (files.length === 0 && mustHaveFiles) {
      messages.push(
        args.paths.length
          ? `lagret ${layer} har ingen testfil bland ${args.paths.join(", ")}`
          : `lagret ${layer} hittade inga testfiler – mönstren i scripts/test.ts matchar inget`,
      );
    }
  }
  const selected = new Set(Object.values(filesByLayer).flat());
  for (const p of args.paths) {
    if (!existsSync(resolve(root, p))) messages.push(`${p} finns inte`);
    else if (!selected.has(p)) messages.push(`${p} är ingen testfil i de valda lagren (${Object.keys(filesByLayer).join(", ")})`);
    else continue;
    badPaths.push(p);
  }
  return { messages, badPaths };
}

/**
 * Paths given on the command line that no run even started (their layer was skipped or could not
 * start). Paths refused before the runs, and files that ran without tests, have failed already.
 */
export function pathsNeverRun(paths: string[], reports: Report[], badPaths: string[]): string[] {
  return paths.filter((p) => !badPaths.includes(p) && !reports.some((r) => p in r.files));
}

/** The closing lines; the last one is exactly `N passed, N failed`. */
export function summaryLines(results: RunResult[], ci: boolean, seconds: number): string[] {
  const lines = [`── Sammanfattning (${seconds.toFixed(0)} s)`];
  for (const r of results) {
    const head = `   ${r.name.padEnd(26)} `;
    if (r.layerSkipped) {
      lines.push(`${head}hoppades över (${r.layerSkipped})${ci ? " – fel i CI" : ""}`);
      continue;
    }
    const counts = `${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed`;
    const extra = [r.skippedTests.length && `${r.skippedTests.length} skipped`, r.todoTests.length && `${r.todoTests.length} todo`].filter(Boolean);
    lines.push(`${head}${counts}${extra.length ? `, ${extra.join(", ")}` : ""}`);
    for (const p of r.problems) lines.push(`      ! ${p}`);
  }
  const list = (title: string, items: string[], max = 50) => {
    if (!items.length) return;
    lines.push(`${title} (${items.length}):`);
    for (const i of items.slice(0, max)) lines.push(`   ${i}`);
    if (items.length > max) lines.push(`   … och ${items.length - max} till`);
  };
  const all = (pick: (r: RunResult) => string[]) => results.flatMap((r) => pick(r).map((t) => `${r.name}: ${t}`));
  list(
    "Misslyckade tester",
    all((r) => r.failedTests),
  );
  list(
    "Överhoppade tester (skip)",
    all((r) => r.skippedTests),
  );
  list(
    "Ej färdiga tester (todo)",
    all((r) => r.todoTests),
  );
  const skipped = results.reduce((n, r) => n + r.skippedTests.length, 0);
  const todo = results.reduce((n, r) => n + r.todoTests.length, 0);
  const layers = results.filter((r) => r.layerSkipped).map((r) => r.name);
  const counted = ci && (skipped || todo || layers.length) ? " – CI=true: räknas som fel" : "";
  lines.push(`${skipped} skipped, ${todo} todo${layers.length ? `, överhoppade lager: ${layers.join(", ")}` : ""}${counted}`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  lines.push(`${passed} passed, ${failed} failed`);
  return lines;
}
