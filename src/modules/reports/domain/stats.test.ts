import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { median, overdue, suppressRow } from "./stats.ts";

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    assert.equal(median([]), null);
    assert.equal(median([5]), 5);
    assert.equal(median([9, 1, 5]), 5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});

describe("suppressRow", () => {
  const row = (...counts: number[]) => counts.map((count, i) => ({ key: `k${i}`, count }));

  it("leaves out counts between 1 and the threshold, keeps zeros and larger counts", () => {
    const r = suppressRow(row(0, 2, 3, 7, 1), 3);
    assert.deepEqual(
      r.cells.map((c) => c.count),
      [0, null, 3, 7, null],
    );
    assert.equal(r.total, 13);
  });

  it("never lets a single left-out count be worked out from the total", () => {
    const r = suppressRow(row(5, 1, 4), 3);
    // 1 is left out; 4 (the smallest other) goes too, so 10 − 5 = 5 only gives the sum of two.
    assert.deepEqual(
      r.cells.map((c) => c.count),
      [5, null, null],
    );
    assert.equal(r.total, 10);
    // Nothing else to hide: the total goes.
    const only = suppressRow(row(0, 2, 0), 2 + 1);
    assert.equal(only.total, null);
    assert.deepEqual(
      only.cells.map((c) => c.count),
      [0, null, 0],
    );
  });

  it("leaves out a small total", () => {
    const r = suppressRow(row(1, 1), 3);
    assert.equal(r.total, null);
    assert.deepEqual(
      r.cells.map((c) => c.count),
      [null, null],
    );
  });
});

describe("overdue", () => {
  const s = { firstResponseDays: 5, closureDays: 30 };
  const created = new Date("2026-03-01T10:00:00Z");
  it("flags an open report without a first response after the response time", () => {
    const r = overdue({ status_open: true, created_at: created, first_response_at: null }, new Date("2026-03-07T10:00:00Z"), s);
    assert.equal(r.firstResponse, true);
    assert.equal(r.closure, false);
  });
  it("flags an open report past the closure time even when answered", () => {
    const r = overdue({ status_open: true, created_at: created, first_response_at: new Date("2026-03-02T10:00:00Z") }, new Date("2026-04-01T10:00:00Z"), s);
    assert.equal(r.firstResponse, false);
    assert.equal(r.closure, true);
  });
  it("never flags a closed report", () => {
    const r = overdue({ status_open: false, created_at: created, first_response_at: null }, new Date("2027-01-01T00:00:00Z"), s);
    assert.deepEqual([r.firstResponse, r.closure], [false, false]);
  });
});
