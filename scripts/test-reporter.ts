// A node:test reporter that counts what happened from the runner's events (not from any text) and
// writes one JSON object to its destination, for scripts/test.ts:
//   node --test --test-reporter=./scripts/test-reporter.ts --test-reporter-destination=FILE.json
//        --test-reporter=spec --test-reporter-destination=stdout …
// Counted like `ℹ pass/fail/…` of the spec reporter, with what that summary hides made visible:
//   - a suite that fails by itself (a throwing describe() body, a failing after() hook) is a
//     failure (node counts neither);
//   - a skipped describe() counts as skipped (node counts nothing: its tests are never reported);
//   - a test file that crashes before or after its tests is a failure;
//   - every file gets its number of tests, so a file that registers none can be caught.
import { relative } from "node:path";

export type Report = {
  pass: number;
  fail: number;
  cancelled: number;
  skipped: number;
  todo: number;
  /** "file: suite > test (reason)" of every skipped / todo / failed test or suite. */
  skippedTests: string[];
  todoTests: string[];
  failedTests: string[];
  /** Every test file seen, with the number of tests it ran (0: it registered none). */
  files: Record<string, number>;
};

/** The part of a node:test event this reporter reads. */
export type TestEvent = {
  type: string;
  data?: {
    name?: string;
    file?: string;
    nesting?: number;
    skip?: boolean | string;
    todo?: boolean | string;
    details?: { type?: string; error?: { failureType?: string } };
  };
};

/** Failure types node counts as "cancelled": cut short by the parent or a timeout. */
const CANCELLED = new Set(["cancelledByParent", "testTimeoutFailure"]);

export function emptyReport(): Report {
  return { pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0, skippedTests: [], todoTests: [], failedTests: [], files: {} };
}

/** Folds events into a Report. Paths are made relative to `cwd`. */
export function createTally(cwd: string): { add(event: TestEvent): void; report: Report } {
  const report = emptyReport();
  // Per file, the names of the tests being reported, by nesting level, and whether each has
  // reported children (events arrive in report order: start, children, pass/fail).
  const stacks = new Map<string, Array<{ name: string; children: number }>>();
  const reason = (v: boolean | string | undefined) => (typeof v === "string" && v !== "" ? ` (${v})` : "");

  function add(event: TestEvent): void {
    const d = event.data;
    if (!d?.file) return;
    const file = relative(cwd, d.file) || d.file;
    report.files[file] ??= 0;
    const nesting = d.nesting ?? 0;
    const stack = stacks.get(file) ?? [];
    stacks.set(file, stack);
    if (event.type === "test:start") {
      stack.length = nesting;
      if (nesting > 0 && stack[nesting - 1]) stack[nesting - 1]!.children++;
      stack[nesting] = { name: d.name ?? "?", children: 0 };
      return;
    }
    if (event.type !== "test:pass" && event.type !== "test:fail") return;
    const failed = event.type === "test:fail";
    const kind = d.details?.type ?? "test";
    const failureType = d.details?.error?.failureType;
    // The file itself: node reports it as a test only when it ran no tests of its own or its
    // process failed (crashed at load, exited non-zero, an error after the tests ended).
    if (nesting === 0 && kind === "test" && (d.name === file || d.name === d.file)) {
      if (failed) {
        report.fail++;
        report.failedTests.push(`${file}: testfilen misslyckades (${failureType ?? "okänt fel"})`);
      }
      return;
    }
    const path = stack.slice(0, nesting).map((s) => s.name);
    path.push(d.name ?? "?");
    const label = `${file}: ${path.join(" > ")}`;
    const own = stack[nesting];
    if (kind === "suite") {
      if (d.skip !== undefined && d.skip !== false) {
        report.skipped++;
        report.skippedTests.push(label + reason(d.skip));
      } else if (d.todo !== undefined && d.todo !== false) {
        // A todo suite's tests are reported as todo themselves; an empty one counts once.
        if (!own || own.children === 0) {
          report.todo++;
          report.todoTests.push(label + reason(d.todo));
        }
      } else if (failed && failureType !== "subtestsFailed") {
        report.fail++;
        report.failedTests.push(`${label} (${failureType ?? "fel"})`);
      }
      return;
    }
    report.files[file]!++;
    if (d.skip !== undefined && d.skip !== false) {
      report.skipped++;
      report.skippedTests.push(label + reason(d.skip));
    } else if (d.todo !== undefined && d.todo !== false) {
      report.todo++;
      report.todoTests.push(label + reason(d.todo));
    } else if (!failed) {
      report.pass++;
    } else if (failureType && CANCELLED.has(failureType)) {
      report.cancelled++;
      report.failedTests.push(`${label} (${failureType})`);
    } else {
      report.fail++;
      report.failedTests.push(label);
    }
  }
  return { add, report };
}

/** The reporter: consumes the whole event stream, then yields the JSON report. */
export default async function* jsonCounts(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const tally = createTally(process.cwd());
  for await (const event of source) tally.add(event);
  yield `${JSON.stringify(tally.report)}\n`;
}
