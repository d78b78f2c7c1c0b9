// The test gate's rules (scripts/test-gate.ts) and the runner end to end (scripts/test.ts).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isCi, nodeTestArgs, parseArgs, pathsNeverRun, runResult, selectionProblems, selectLayers, skippedLayer, summaryLines } from "./test-gate.ts";
import { emptyReport, type Report } from "./test-reporter.ts";
import { ROOT } from "./test-paths.ts";

const LAST_LINE = /^[0-9]+ passed, [0-9]+ failed$/;

function report(fields: Partial<Report>): Report {
  return { ...emptyReport(), ...fields };
}

/** Runs the real runner (a nested node --test must not think it is a child of this one). */
function runner(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "" };
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/test.ts"), ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  const lines = r.stdout.trimEnd().split("\n");
  return { code: r.status, out: r.stdout, last: lines.at(-1) ?? "", beforeLast: lines.at(-2) ?? "" };
}

describe("test gate: arguments", () => {
  it("splits layers, test paths (relative to the repository) and unknown words", () => {
    const a = parseArgs(["--", "unit", "pglite", "x.test.ts", "/r/src/y.int.test.ts", "snabbt"], "/r/src", "/r");
    assert.deepEqual(a, { layers: ["unit", "pglite"], paths: ["src/x.test.ts", "src/y.int.test.ts"], unknown: ["snabbt"] });
  });

  it("runs every layer when none is named; integration is both engines", () => {
    assert.deepEqual(selectLayers([]), { unit: true, pglite: true, postgres: true, e2e: true });
    assert.deepEqual(selectLayers(["integration"]), { unit: false, pglite: true, postgres: true, e2e: false });
    assert.deepEqual(selectLayers(["postgres", "e2e"]), { unit: false, pglite: false, postgres: true, e2e: true });
  });

  it("CI is CI=true or CI=1", () => {
    assert.equal(isCi({ CI: "true" }), true);
    assert.equal(isCi({ CI: "1" }), true);
    assert.equal(isCi({ CI: "false" }), false);
    assert.equal(isCi({}), false);
  });

  it("every node --test run preloads the network guard and writes JSON counts beside spec on stdout", () => {
    const args = nodeTestArgs(["a.test.ts", "b.test.ts"], "/tmp/r.json", 1000);
    assert.deepEqual(args.slice(0, 3), ["--import", "./scripts/no-network.ts", "--test"]);
    const i = args.indexOf("--test-reporter=./scripts/test-reporter.ts");
    assert.ok(i > 0);
    assert.equal(args[i + 1], "--test-reporter-destination=/tmp/r.json");
    const j = args.indexOf("--test-reporter=spec");
    assert.equal(args[j + 1], "--test-reporter-destination=stdout");
    assert.deepEqual(args.slice(-2), ["a.test.ts", "b.test.ts"]);
  });
});

describe("test gate: what ran nothing fails", () => {
  const layers = { unit: ["src/a.test.ts", "src/b.test.ts"], integration: ["src/c.int.test.ts"] };

  it("a path that does not exist, or is not a test file of the selected layers", () => {
    const args = parseArgs(["unit", "src/does/not/exist.test.ts", "scripts/test.ts"], ROOT, ROOT);
    const { messages, badPaths } = selectionProblems(args, { unit: [] }, ROOT);
    assert.deepEqual(badPaths, ["src/does/not/exist.test.ts", "scripts/test.ts"]);
    assert.ok(messages.includes("src/does/not/exist.test.ts finns inte"), messages.join("\n"));
    assert.ok(messages.some((m) => m.startsWith("scripts/test.ts är ingen testfil i de valda lagren (unit)")));
    assert.ok(
      messages.some((m) => m.startsWith("lagret unit har ingen testfil")),
      "a named layer with no files",
    );
  });

  it("a layer with no files fails when named or when everything runs, not when a path picks another layer", () => {
    const none = selectionProblems(parseArgs([], ROOT, ROOT), { ...layers, e2e: [] }, ROOT);
    assert.deepEqual(none.messages, ["lagret e2e hittade inga testfiler – mönstren i scripts/test.ts matchar inget"]);
    const picked = parseArgs(["scripts/test.test.ts"], ROOT, ROOT);
    assert.deepEqual(selectionProblems(picked, { unit: ["scripts/test.test.ts"], integration: [], e2e: [] }, ROOT).messages, []);
    const named = parseArgs(["integration", "scripts/test.test.ts"], ROOT, ROOT);
    assert.equal(selectionProblems(named, { integration: [] }, ROOT).messages.length, 2);
  });

  it("a test file that registered no tests fails its run", () => {
    const r = runResult("unit", report({ pass: 3, files: { "src/a.test.ts": 3, "src/b.test.ts": 0 } }), 0, layers.unit, false);
    assert.equal(r.failed, 1);
    assert.deepEqual(r.problems, ["src/b.test.ts körde inga tester"]);
    const missing = runResult("unit", report({ pass: 3, files: { "src/a.test.ts": 3 } }), 0, layers.unit, false);
    assert.equal(missing.failed, 1, "a file that never reported is no better");
  });

  it("a path whose layer never ran (skipped, or could not start) ran nothing", () => {
    const reports = [report({ files: { "src/a.test.ts": 2, "src/b.test.ts": 0 } })];
    assert.deepEqual(pathsNeverRun(["src/a.test.ts", "src/b.test.ts", "src/c.int.test.ts", "src/x.test.ts"], reports, ["src/x.test.ts"]), [
      "src/c.int.test.ts",
    ]);
  });

  it("a run without a report, or that exits non-zero with nothing failed, fails", () => {
    assert.equal(runResult("unit", null, 0, layers.unit, false).failed, 1);
    const r = runResult("unit", report({ pass: 2, files: { "src/a.test.ts": 1, "src/b.test.ts": 1 } }), 1, layers.unit, false);
    assert.equal(r.failed, 1);
    assert.match(r.problems[0]!, /avslutades med kod 1/);
  });
});

describe("test gate: skipped and todo", () => {
  const files = ["src/a.test.ts"];
  const withSkips = report({
    pass: 5,
    fail: 1,
    cancelled: 1,
    skipped: 2,
    todo: 1,
    skippedTests: ["src/a.test.ts: s > x (saknar wat2wasm)", "src/a.test.ts: y"],
    todoTests: ["src/a.test.ts: z"],
    files: { "src/a.test.ts": 10 },
  });

  it("are listed but not failures outside CI; in CI each one is a failure", () => {
    const local = runResult("unit", withSkips, 1, files, false);
    assert.equal(local.passed, 5);
    assert.equal(local.failed, 2, "fail + cancelled");
    assert.deepEqual(local.skippedTests, withSkips.skippedTests);
    assert.equal(runResult("unit", withSkips, 1, files, true).failed, 2 + 3);
  });

  it("a layer skipped by TRYGG_SKIP_… is reported, and fails only in CI", () => {
    assert.equal(skippedLayer("e2e", "TRYGG_SKIP_E2E=1", false).failed, 0);
    assert.equal(skippedLayer("e2e", "TRYGG_SKIP_E2E=1", true).failed, 1);
  });

  it("the summary names them, says so on the line before the last, and ends with N passed, N failed", () => {
    const results = [runResult("unit", withSkips, 1, files, false), skippedLayer("integration (PostgreSQL)", "TRYGG_SKIP_POSTGRES=1", false)];
    const lines = summaryLines(results, false, 12);
    assert.equal(lines.at(-1), "5 passed, 2 failed");
    assert.match(lines.at(-1)!, LAST_LINE);
    assert.equal(lines.at(-2), "2 skipped, 1 todo, överhoppade lager: integration (PostgreSQL)");
    assert.ok(lines.includes("Överhoppade tester (skip) (2):"));
    assert.ok(lines.includes("   unit: src/a.test.ts: s > x (saknar wat2wasm)"));
    assert.ok(lines.includes("   unit: src/a.test.ts: z"));
    assert.ok(lines.some((l) => /integration \(PostgreSQL\)\s+hoppades över \(TRYGG_SKIP_POSTGRES=1\)$/.test(l)));
    const ci = summaryLines([runResult("unit", withSkips, 1, files, true), skippedLayer("e2e", "TRYGG_SKIP_E2E=1", true)], true, 1);
    assert.equal(ci.at(-1), "5 passed, 6 failed");
    assert.match(ci.at(-2)!, /– CI=true: räknas som fel$/);
  });

  it("a clean run says 0 skipped, 0 todo", () => {
    const lines = summaryLines([runResult("unit", report({ pass: 1, files: { "src/a.test.ts": 1 } }), 0, files, true)], true, 1);
    assert.deepEqual(lines.slice(-2), ["0 skipped, 0 todo", "1 passed, 0 failed"]);
  });
});

describe("test runner end to end (node scripts/test.ts)", () => {
  it("fails with a Swedish message for a test file that does not exist", () => {
    const r = runner("unit", "src/does/not/exist.test.ts");
    assert.equal(r.code, 1);
    assert.match(r.out, /src\/does\/not\/exist\.test\.ts finns inte/);
    assert.match(r.last, LAST_LINE);
    assert.match(r.last, /^0 passed, [1-9]\d* failed$/);
  });

  it("counts a real run from the reporter's events", () => {
    const r = runner("unit", "scripts/test-paths.test.ts");
    assert.equal(r.code, 0, r.out);
    assert.equal(r.beforeLast, "0 skipped, 0 todo");
    assert.match(r.last, /^[1-9]\d* passed, 0 failed$/);
  });

  it("refuses unknown arguments", () => {
    assert.equal(runner("snabbt").code, 2);
  });
});
