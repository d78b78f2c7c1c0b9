// No test asserts on how long something took: on a busy machine (2 cores, other work beside it)
// a time limit makes a test flaky, and a generous one proves nothing. Tests assert behaviour —
// order of events, results — and speed is measured in bench/ (e.g. bench/engine/warm.ts).
// This test fails when a test file measures elapsed time. A line that reads the clock for another
// reason (a fake server's clock-skew check) is marked `timing-ok: <why>`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, testSourceFiles } from "./test-paths.ts";

/** Ways of measuring elapsed time. */
const TIMING = [/performance\.now\(/, /process\.hrtime/, /Date\.now\(\)\s*-/, /-\s*Date\.now\(\)/, /console\.time(End)?\(/];

/** A line that reads the clock for another reason says so: `timing-ok: why` on it or in a comment line above. */
const ALLOWED = /timing-ok:/;

export function timingProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const above = lines[i - 1] ?? "";
    if (/^\s*\/\//.test(line) || ALLOWED.test(line) || (/^\s*\/\//.test(above) && ALLOWED.test(above))) return;
    for (const re of TIMING) if (re.test(line)) problems.push(`${file}:${i + 1}: mäter tid (${re.source}) – testa beteende, mät i bench/`);
  });
  return problems;
}

describe("no timed assertions in tests", () => {
  it("no test file measures elapsed time", () => {
    const files = testSourceFiles().filter((f) => f.endsWith(".test.ts") && f !== "scripts/test-timing.test.ts");
    assert.ok(files.length > 50, `${files.length} test files`);
    assert.deepEqual(
      files.flatMap((f) => timingProblems(f, readFileSync(join(ROOT, f), "utf8"))),
      [],
    );
  });

  it("recognises the usual ways of timing", () => {
    const text = [
      "const t = performance.now();",
      "const ms = Date.now() - t0;",
      "const left = deadline - Date.now();",
      "// performance.now() in a comment",
      "const id = Date.now().toString(36);",
      "// timing-ok: a fake server refuses skewed clocks, as the real one does",
      "if (Math.abs(Date.now() - at) > 900_000) return refuse();",
      "const skew = Date.now() - at; // timing-ok: the same",
      "const again = Date.now() - t1;",
    ].join("\n");
    assert.deepEqual(
      timingProblems("x.test.ts", text).map((p) => p.split(": ")[0]),
      ["x.test.ts:1", "x.test.ts:2", "x.test.ts:3", "x.test.ts:9"],
    );
  });
});
