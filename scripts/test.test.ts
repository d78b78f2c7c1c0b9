import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSummary } from "./test.ts";

describe("test runner summary", () => {
  it("reads the last pass/fail totals of a spec reporter run, with or without colours", () => {
    const out = "▶ x\n  ✔ a (1ms)\nℹ tests 3\nℹ suites 1\nℹ pass 2\nℹ fail 1\nℹ cancelled 0\n";
    assert.deepEqual(parseSummary(out), { pass: 2, fail: 1, cancelled: 0, found: true });
    const coloured = "\u001b[34mℹ pass 7\u001b[39m\n\u001b[34mℹ fail 0\u001b[39m\n\u001b[34mℹ cancelled 1\u001b[39m\n";
    assert.deepEqual(parseSummary(coloured), { pass: 7, fail: 0, cancelled: 1, found: true });
  });

  it("notices a run that printed no summary", () => {
    assert.equal(parseSummary("Error: Cannot find module\n").found, false);
    assert.equal(parseSummary("a test named ℹ pass 3 inside a line\n").found, false);
  });
});
