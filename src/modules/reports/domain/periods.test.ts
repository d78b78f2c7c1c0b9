import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { monthKey, monthKeys, monthStart, parseMonth, pastWholeMonths } from "./periods.ts";

describe("Stockholm months", () => {
  it("starts a month at local midnight, in winter and in summer time", () => {
    assert.equal(monthStart(2026, 1).toISOString(), "2025-12-31T23:00:00.000Z");
    assert.equal(monthStart(2026, 7).toISOString(), "2026-06-30T22:00:00.000Z");
    assert.equal(monthStart(2026, 13).toISOString(), "2026-12-31T23:00:00.000Z", "month 13 is January next year");
    assert.equal(monthStart(2026, 0).toISOString(), "2025-11-30T23:00:00.000Z", "month 0 is December last year");
  });

  it("gives the whole months before the running one", () => {
    const p = pastWholeMonths(new Date("2026-04-10T12:00:00Z"), 3);
    assert.equal(p.from.toISOString(), "2025-12-31T23:00:00.000Z");
    assert.equal(p.to.toISOString(), "2026-03-31T22:00:00.000Z");
  });

  it("names months in Stockholm time", () => {
    assert.equal(monthKey(new Date("2026-03-31T22:30:00Z")), "2026-04", "00:30 on 1 April in Sweden");
    assert.deepEqual(monthKeys(new Date("2025-11-15T00:00:00Z"), new Date("2026-02-01T12:00:00Z")), ["2025-11", "2025-12", "2026-01", "2026-02"]);
    assert.deepEqual(parseMonth("2026-03"), { year: 2026, month: 3 });
    assert.equal(parseMonth("2026-13"), null);
    assert.equal(parseMonth("mars"), null);
  });
});
