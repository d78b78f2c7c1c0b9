import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diff, peopleOf, rangeOf, timeProblems } from "./report-rules.ts";

const now = new Date("2024-06-01T12:00:00Z");
const ago = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe("report rules", () => {
  it("a time in the future (beyond a few minutes of clock difference) is refused", () => {
    assert.deepEqual(timeProblems(new Date(now.getTime() + 4 * 60_000), null, now, 90), []);
    assert.deepEqual(timeProblems(new Date(now.getTime() + 10 * 60_000), null, now, 90), [{ field: "occurred_at", key: "est.report.error.future" }]);
  });

  it("a span: the end after the start, at most 7 days", () => {
    assert.deepEqual(timeProblems(ago(5), ago(6), now, 90), [{ field: "occurred_to", key: "est.report.error.spanOrder" }]);
    assert.equal(timeProblems(ago(24 * 9), ago(1), now, 90)[0]?.key, "est.report.error.spanTooLong");
    assert.deepEqual(timeProblems(ago(3), ago(1), now, 90), []);
  });

  it("too old for the form, counted from when the report was made for a correction; any age for CSV", () => {
    assert.equal(timeProblems(ago(24 * 91), null, now, 90)[0]?.key, "est.report.error.tooOld");
    assert.deepEqual(timeProblems(ago(24 * 91), null, now, 90, ago(24 * 5)), []);
    assert.deepEqual(timeProblems(ago(24 * 3000), null, now, null), []);
  });

  it("people as ranges, both ways", () => {
    assert.deepEqual(peopleOf("5-9"), { min: 5, max: 9 });
    assert.deepEqual(peopleOf("20+"), { min: 20, max: null });
    assert.deepEqual(peopleOf(""), { min: null, max: null });
    assert.equal(rangeOf(5, 9), "5-9");
    assert.equal(rangeOf(20, null), "20+");
    assert.equal(rangeOf(null, null), "");
  });

  it("a correction's changed fields, dates compared as instants", () => {
    const before = { category: "klotter", occurred_from: new Date("2024-05-01T10:00:00Z"), description: "a" };
    const after = { category: "skadegorelse", occurred_from: new Date("2024-05-01T10:00:00.000Z"), description: "a" };
    assert.deepEqual(diff(before, after, ["category", "occurred_from", "description"]), { category: { from: "klotter", to: "skadegorelse" } });
  });
});
