import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  dayOfIsoDate,
  isoDate,
  localInputValue,
  parseLocalDateTime,
  parsePeriod,
  parseWeek,
  periodOfDay,
  previousPeriod,
  sameWeekLastYear,
  stockholmParts,
  weekDays,
  weekLabel,
} from "./time.ts";

describe("ISO weeks (Europe/Stockholm)", () => {
  it("reads week labels, and refuses weeks that do not exist", () => {
    const w = parseWeek("2024-W22");
    assert.ok(w !== null);
    assert.equal(weekLabel(w), "2024-W22");
    assert.equal(isoDate(weekDays(w).from), "2024-05-27");
    assert.equal(isoDate(weekDays(w).to - 1), "2024-06-02");
    assert.equal(parseWeek("2024-w01") !== null, true);
    assert.equal(isoDate(weekDays(parseWeek("2025-W01")!).from), "2024-12-30");
    assert.equal(parseWeek("2026-W53") !== null, true, "2026 has 53 ISO weeks");
    assert.equal(parseWeek("2025-W53"), null, "2025 has 52");
    assert.equal(parseWeek("2024-W00"), null);
    assert.equal(parseWeek("vecka 22"), null);
  });

  it("the same week last year, also from a week 53", () => {
    assert.equal(weekLabel(sameWeekLastYear(parseWeek("2024-W22")!)), "2023-W22");
    assert.equal(weekLabel(sameWeekLastYear(parseWeek("2027-W01")!)), "2026-W01");
    assert.equal(weekLabel(sameWeekLastYear(parseWeek("2021-W53") ?? parseWeek("2020-W53")!)), "2019-W52");
  });
});

describe("Stockholm wall-clock times", () => {
  it("reads datetime-local values with summer and winter time", () => {
    assert.equal(parseLocalDateTime("2024-05-31T22:15")?.toISOString(), "2024-05-31T20:15:00.000Z");
    assert.equal(parseLocalDateTime("2024-01-15 08:00")?.toISOString(), "2024-01-15T07:00:00.000Z");
    assert.equal(parseLocalDateTime("2024-02-30T10:00"), null);
    assert.equal(parseLocalDateTime("2024-05-31T24:00"), null);
    assert.equal(parseLocalDateTime("igår"), null);
    // The autumn hour that happens twice: the first (summer time) is meant.
    assert.equal(parseLocalDateTime("2024-10-27T02:30")?.toISOString(), "2024-10-27T00:30:00.000Z");
    // The spring gap does not exist; it is read as winter time.
    assert.equal(parseLocalDateTime("2024-03-31T02:30")?.toISOString(), "2024-03-31T01:30:00.000Z");
  });

  it("shows an instant as Stockholm date, time and day, and round-trips the form value", () => {
    const at = new Date("2023-12-31T23:30:00Z");
    assert.deepEqual(stockholmParts(at).date, "2024-01-01");
    assert.equal(stockholmParts(at).time, "00:30");
    assert.equal(localInputValue(parseLocalDateTime("2024-06-01T07:05")!), "2024-06-01T07:05");
    assert.equal(dayOfIsoDate("2024-06-01"), stockholmParts(parseLocalDateTime("2024-06-01T07:05")!).day);
    assert.equal(dayOfIsoDate("2023-02-29"), null);
  });
});

describe("analysis periods", () => {
  it("tertial, kvartal and year", () => {
    const t2 = parsePeriod("2024-T2")!;
    assert.equal(t2.first, "2024-05-01");
    assert.equal(t2.last, "2024-08-31");
    const q4 = parsePeriod("2024-q4")!;
    assert.equal(q4.label, "2024-K4");
    assert.equal(q4.last, "2024-12-31");
    assert.equal(parsePeriod("2024")!.last, "2024-12-31");
    assert.equal(parsePeriod("2024-T4"), null);
    assert.equal(periodOfDay("tertial", dayOfIsoDate("2024-09-01")!).label, "2024-T3");
    assert.equal(previousPeriod(parsePeriod("2024-T1")!).label, "2023-T3");
    assert.equal(previousPeriod(parsePeriod("2024-K1")!).label, "2023-K4");
  });
});
