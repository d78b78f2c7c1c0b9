// The JSON reporter (scripts/test-reporter.ts): on hand-made events, and on a real node --test run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createTally, type Report, type TestEvent } from "./test-reporter.ts";
import { ROOT } from "./test-paths.ts";

const F = "/r/src/a.test.ts";
const ev = (
  type: string,
  name: string,
  nesting: number,
  more: Record<string, unknown> = {},
  details: Record<string, unknown> = { type: "test" },
): TestEvent => ({
  type,
  data: { name, file: F, nesting, details, ...more },
});

describe("test reporter: counting events", () => {
  it("counts passes, failures, cancellations, skips and todos of tests, with their full names", () => {
    const t = createTally("/r");
    for (const e of [
      ev("test:start", "suite", 0),
      ev("test:start", "ok", 1),
      ev("test:pass", "ok", 1),
      ev("test:start", "broken", 1),
      ev("test:fail", "broken", 1, {}, { type: "test", error: { failureType: "testCodeFailure" } }),
      ev("test:start", "later", 1),
      ev("test:pass", "later", 1, { skip: "saknar wat2wasm" }),
      ev("test:start", "idea", 1),
      ev("test:fail", "idea", 1, { todo: true }, { type: "test", error: { failureType: "testCodeFailure" } }),
      ev("test:start", "slow", 1),
      ev("test:fail", "slow", 1, {}, { type: "test", error: { failureType: "testTimeoutFailure" } }),
      ev("test:fail", "suite", 0, {}, { type: "suite", error: { failureType: "subtestsFailed" } }),
    ]) {
      t.add(e);
    }
    const r = t.report;
    assert.deepEqual([r.pass, r.fail, r.cancelled, r.skipped, r.todo], [1, 1, 1, 1, 1]);
    assert.deepEqual(r.skippedTests, ["src/a.test.ts: suite > later (saknar wat2wasm)"]);
    assert.deepEqual(r.todoTests, ["src/a.test.ts: suite > idea"]);
    assert.deepEqual(r.failedTests, ["src/a.test.ts: suite > broken", "src/a.test.ts: suite > slow (testTimeoutFailure)"]);
    assert.deepEqual(r.files, { "src/a.test.ts": 5 });
  });

  it("a suite that fails by itself is a failure; a skipped suite is one skip", () => {
    const t = createTally("/r");
    t.add(ev("test:start", "hooks", 0));
    t.add(ev("test:start", "x", 1));
    t.add(ev("test:pass", "x", 1));
    t.add(ev("test:fail", "hooks", 0, {}, { type: "suite", error: { failureType: "hookFailed" } }));
    t.add(ev("test:start", "later", 0));
    t.add(ev("test:pass", "later", 0, { skip: true }, { type: "suite" }));
    assert.deepEqual([t.report.pass, t.report.fail, t.report.skipped], [1, 1, 1]);
    assert.deepEqual(t.report.failedTests, ["src/a.test.ts: hooks (hookFailed)"]);
  });

  it("the file itself: a crash is a failure, a file without tests has 0 tests", () => {
    const t = createTally("/r");
    t.add(ev("test:start", "src/a.test.ts", 0));
    t.add(ev("test:fail", "src/a.test.ts", 0, {}, { type: "test", error: { failureType: "testCodeFailure" } }));
    t.add({ type: "test:start", data: { name: "src/b.test.ts", file: "/r/src/b.test.ts", nesting: 0 } });
    t.add({ type: "test:pass", data: { name: "src/b.test.ts", file: "/r/src/b.test.ts", nesting: 0, details: { type: "test" } } });
    assert.deepEqual([t.report.pass, t.report.fail], [0, 1]);
    assert.deepEqual(t.report.files, { "src/a.test.ts": 0, "src/b.test.ts": 0 });
    assert.match(t.report.failedTests[0]!, /^src\/a\.test\.ts: testfilen misslyckades/);
  });
});

describe("test reporter: a real node --test run", () => {
  it("reports what the spec reporter's counts hide", () => {
    const dir = mkdtempSync(join(tmpdir(), "trygg-reporter-"));
    try {
      const files: Record<string, string> = {
        "a.test.mjs": `import { describe, it, after } from "node:test";
describe("s", () => {
  it("ok", () => {});
  it("skipped", { skip: "why" }, () => {});
  it.todo("idea");
  it("fails", () => { throw new Error("x"); });
});
describe.skip("whole suite", () => { it("never", () => {}); });
describe("after fails", () => { after(() => { throw new Error("after"); }); it("fine", () => {}); });`,
        "empty.test.mjs": "export const nothing = 1;\n",
        "crash.test.mjs": 'throw new Error("at load");\n',
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const out = join(dir, "report.json");
      const env = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      const r = spawnSync(
        process.execPath,
        ["--test", `--test-reporter=${join(ROOT, "scripts/test-reporter.ts")}`, `--test-reporter-destination=${out}`, ...Object.keys(files)],
        { cwd: dir, env, encoding: "utf8", timeout: 60_000 },
      );
      assert.equal(r.status, 1, r.stderr);
      const report = JSON.parse(readFileSync(out, "utf8")) as Report;
      assert.deepEqual(
        { pass: report.pass, fail: report.fail, skipped: report.skipped, todo: report.todo },
        { pass: 2, fail: 3, skipped: 2, todo: 1 },
        JSON.stringify(report, null, 1),
      );
      assert.deepEqual(report.skippedTests, ["a.test.mjs: s > skipped (why)", "a.test.mjs: whole suite"]);
      assert.deepEqual(report.todoTests, ["a.test.mjs: s > idea"]);
      assert.deepEqual(report.files, { "a.test.mjs": 5, "crash.test.mjs": 0, "empty.test.mjs": 0 });
      assert.ok(report.failedTests.includes("a.test.mjs: after fails (hookFailed)"));
      assert.ok(report.failedTests.some((f) => f.startsWith("crash.test.mjs: testfilen misslyckades")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
