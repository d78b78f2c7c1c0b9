import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { civilFromDays, daysFromCivil, isoWeekLabel, isoWeekOfDay, stockholmDayFromIso, stockholmOffsetMs, weekIndexOfDay } from "./iso-week.ts";

const day = (s: string) => {
  const [y, m, d] = s.split("-").map(Number);
  return daysFromCivil(y, m, d);
};

describe("calendar, Stockholm time and ISO weeks", () => {
  it("day numbers round-trip and match Date.UTC", () => {
    for (const s of ["1970-01-01", "2000-02-29", "2024-12-30", "1969-12-29", "2100-03-01", "1600-01-01"]) {
      const [y, m, d] = s.split("-").map(Number);
      assert.equal(daysFromCivil(y, m, d), Date.UTC(y, m - 1, d) / 86_400_000);
      assert.deepEqual(civilFromDays(daysFromCivil(y, m, d)), { year: y, month: m, day: d });
    }
  });

  it("ISO 8601 week-years and weeks at year boundaries", () => {
    const cases: Array<[string, string]> = [
      ["2024-12-29", "2024-W52"],
      ["2024-12-30", "2025-W01"],
      ["2025-01-01", "2025-W01"],
      ["2025-12-28", "2025-W52"],
      ["2025-12-29", "2026-W01"],
      ["2020-12-31", "2020-W53"],
      ["2021-01-03", "2020-W53"],
      ["2021-01-04", "2021-W01"],
      ["2026-12-31", "2026-W53"],
      ["2027-01-03", "2026-W53"],
      ["2008-12-29", "2009-W01"],
      ["2010-01-03", "2009-W53"],
    ];
    for (const [d, label] of cases) {
      const { year, week } = isoWeekOfDay(day(d));
      assert.equal(`${year}-W${String(week).padStart(2, "0")}`, label, d);
      assert.equal(isoWeekLabel(weekIndexOfDay(day(d))), label, d);
    }
  });

  it("running week numbers change on Mondays", () => {
    assert.equal(weekIndexOfDay(day("2025-03-09")) + 1, weekIndexOfDay(day("2025-03-10"))); // Sun → Mon
    assert.equal(weekIndexOfDay(day("2025-03-10")), weekIndexOfDay(day("2025-03-16")));
  });

  it("Swedish summer time: last Sunday of March and of October at 01:00 UTC", () => {
    assert.equal(stockholmOffsetMs(Date.UTC(2025, 2, 30, 0, 59, 59)), 3_600_000);
    assert.equal(stockholmOffsetMs(Date.UTC(2025, 2, 30, 1, 0, 0)), 7_200_000);
    assert.equal(stockholmOffsetMs(Date.UTC(2025, 9, 26, 0, 59, 59)), 7_200_000);
    assert.equal(stockholmOffsetMs(Date.UTC(2025, 9, 26, 1, 0, 0)), 3_600_000);
    assert.equal(stockholmOffsetMs(Date.UTC(1990, 8, 30, 0, 30)), 7_200_000); // 1990: ended last Sunday of September
    assert.equal(stockholmOffsetMs(Date.UTC(1990, 8, 30, 1, 30)), 3_600_000);
    assert.equal(stockholmOffsetMs(Date.UTC(1990, 9, 15)), 3_600_000);
    assert.equal(stockholmOffsetMs(Date.UTC(1975, 6, 1)), 3_600_000); // no summer time
  });

  it("agrees with Intl's Europe/Stockholm on the local date over 2015–2030", () => {
    const fmt = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });
    for (let ms = Date.UTC(2015, 0, 1, 0, 17); ms < Date.UTC(2030, 11, 31); ms += 7 * 3_600_000 + 13 * 60_000) {
      const iso = new Date(ms).toISOString();
      assert.equal(stockholmDayFromIso(iso), day(fmt.format(ms)), iso);
    }
  });

  it("parses offsets, local times and dates; rejects garbage", () => {
    assert.equal(stockholmDayFromIso("2025-06-14T22:30:00Z"), day("2025-06-15")); // 00:30 CEST
    assert.equal(stockholmDayFromIso("2025-01-14T23:30:00Z"), day("2025-01-15")); // 00:30 CET
    assert.equal(stockholmDayFromIso("2025-01-14T23:30:00+01:00"), day("2025-01-14"));
    assert.equal(stockholmDayFromIso("2025-01-15T00:30:00+0300"), day("2025-01-14"));
    assert.equal(stockholmDayFromIso("2025-01-15 23:59"), day("2025-01-15")); // local wall time
    assert.equal(stockholmDayFromIso("2025-01-15"), day("2025-01-15"));
    assert.equal(stockholmDayFromIso("2025-01-15T23:59:59.999-05"), day("2025-01-16"));
    for (const bad of ["", "2025-02-30", "2025-13-01", "15/01/2025", "2025-01-15T25:00", "nu", "2025-01-15T10:00+25:00"]) {
      assert.ok(Number.isNaN(stockholmDayFromIso(bad)), bad);
    }
  });
});
