import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeProgress, measure, periodsFor, proRatedTarget, reportAsOf, type Target, todayInStockholm, verdictAgainstMeasurement } from "./progress.ts";

const monthly: Target = { quantity: 2, unit: "riktade trafikkontroller", period: "month", metric: null };
const act = (occurredOn: string, outcomes: Array<{ label: string; value: number }> = []) => ({ occurredOn, outcomes });

describe("periodsFor", () => {
  it("clips calendar months to the validity period and marks partial ones", () => {
    const p = periodsFor("month", "2021-05-19", "2021-12-31");
    assert.equal(p.length, 8);
    assert.deepEqual(p[0], { key: "2021-05", period: "month", start: "2021-05-19", end: "2021-05-31", partial: true, daysCovered: 13, daysInPeriod: 31 });
    assert.equal(p[7]?.key, "2021-12");
    assert.equal(p[7]?.partial, false);
  });

  it("builds quarters and years across year ends, and one period for the whole validity", () => {
    const q = periodsFor("quarter", "2018-07-01", "2020-06-30");
    assert.deepEqual(
      q.map((x) => x.key),
      ["2018-Q3", "2018-Q4", "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2"],
    );
    assert.ok(q.every((x) => !x.partial));
    const y = periodsFor("year", "2021-05-19", "2022-03-31");
    assert.deepEqual(
      y.map((x) => [x.key, x.start, x.end, x.partial]),
      [
        ["2021", "2021-05-19", "2021-12-31", true],
        ["2022", "2022-01-01", "2022-03-31", true],
      ],
    );
    assert.deepEqual(periodsFor("validity", "2024-01-01", "2024-12-31")[0]?.daysCovered, 366);
    assert.deepEqual(
      periodsFor("month", "2024-02-10", "2024-02-20").map((x) => [x.key, x.daysCovered, x.daysInPeriod]),
      [["2024-02", 11, 29]],
    );
    assert.deepEqual(periodsFor("month", "2024-03-01", "2024-02-01"), []);
  });
});

describe("proRatedTarget", () => {
  it("pro-rates partial periods, rounding half up to the quantity's precision", () => {
    assert.equal(proRatedTarget(2, 13, 31), 1); // 0.84 → 1
    assert.equal(proRatedTarget(2, 31, 31), 2);
    assert.equal(proRatedTarget(2, 1, 31), 0); // too short: not evaluated
    assert.equal(proRatedTarget(20, 15, 30), 10);
    assert.equal(proRatedTarget(1.5, 10, 30), 0.5);
  });
});

describe("measure", () => {
  it("counts activities, or sums one outcome figure matched without regard to case and spaces", () => {
    assert.equal(measure(act("2021-06-01"), null), 1);
    const a = act("2021-06-01", [
      { label: "Kontrollerade  fordon", value: 40 },
      { label: "rapporter", value: 3 },
      { label: "kontrollerade fordon", value: 5 },
    ]);
    assert.equal(measure(a, "kontrollerade fordon"), 45);
    assert.equal(measure(a, "böter"), 0);
  });
});

describe("computeProgress", () => {
  const base = { validFrom: "2021-05-19", validTo: "2021-12-31" };

  it("evaluates a monthly target month by month", () => {
    const activities = [
      act("2021-05-25"),
      act("2021-06-03"),
      act("2021-06-17"),
      act("2021-07-08"), // July: 1 of 2 → missed
      act("2021-08-02"),
      act("2021-08-30"),
    ];
    const p = computeProgress({ ...base, target: monthly, activities, asOf: "2021-09-10" });
    assert.equal(p.kind, "target");
    if (p.kind !== "target") return;
    assert.deepEqual(
      p.periods.slice(0, 5).map((x) => [x.key, x.target, x.achieved, x.state]),
      [
        ["2021-05", 1, 1, "met"],
        ["2021-06", 2, 2, "met"],
        ["2021-07", 2, 1, "missed"],
        ["2021-08", 2, 2, "met"],
        ["2021-09", 2, 0, "ongoing"],
      ],
    );
    assert.equal(p.periods[5]?.state, "upcoming");
    assert.equal(p.periodsMet, 3);
    assert.equal(p.periodsMissed, 1);
    assert.equal(p.totalAchieved, 6);
    assert.equal(p.current?.key, "2021-09");
    assert.equal(p.expectedSoFar, 0); // 2 × 10/30 = 0.67 → 0 so far
    assert.equal(p.lagging, false);
    assert.equal(p.behind, true, "July was missed");
    assert.equal(p.suggestedVerdict, "delvis");
    assert.equal(p.share, 0.75);
  });

  it("is behind when the ongoing period lags its pro-rata share or the last month was missed", () => {
    const lagging = computeProgress({ ...base, target: monthly, activities: [act("2021-05-20"), act("2021-06-02"), act("2021-06-03")], asOf: "2021-07-25" });
    assert.equal(lagging.kind === "target" && lagging.expectedSoFar, 1);
    assert.equal(lagging.behind, true);
    const missedLast = computeProgress({ ...base, target: monthly, activities: [act("2021-05-20")], asOf: "2021-07-02" });
    assert.equal(missedLast.behind, true);
    const caughtUp = computeProgress({
      ...base,
      target: monthly,
      activities: [act("2021-05-20"), act("2021-07-01"), act("2021-07-02")],
      asOf: "2021-07-03",
    });
    assert.equal(caughtUp.behind, true, "June was missed: a met July does not undo it");
    assert.equal(caughtUp.kind === "target" && caughtUp.lagging, false);
    assert.deepEqual(caughtUp.kind === "target" && caughtUp.missed.map((p) => p.key), ["2021-06"]);
  });

  it("follows the worst evidence: eleven missed months and a met December is behind, with the missed months listed", () => {
    const year = { validFrom: "2021-01-01", validTo: "2021-12-31" };
    const p = computeProgress({ ...year, target: monthly, activities: [act("2021-12-03"), act("2021-12-17")], asOf: "2022-01-15" });
    if (p.kind !== "target") throw new Error("expected target progress");
    assert.equal(p.periodsMet, 1);
    assert.equal(p.periodsMissed, 11);
    assert.equal(p.periodsEvaluated, 12);
    assert.equal(p.behind, true);
    assert.equal(p.lagging, false);
    assert.deepEqual(
      p.missed.map((x) => x.key),
      ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06", "2021-07", "2021-08", "2021-09", "2021-10", "2021-11"],
    );
    assert.deepEqual(
      p.missedRuns.map((r) => [r.first.key, r.last.key, r.count]),
      [["2021-01", "2021-11", 11]],
    );
    assert.equal(p.suggestedVerdict, "delvis");
    // The same while the year still runs: December met, earlier months missed.
    const running = computeProgress({ ...year, target: monthly, activities: [act("2021-12-03"), act("2021-12-04")], asOf: "2021-12-05" });
    assert.equal(running.behind, true);
  });

  it("splits missed periods into runs of consecutive periods", () => {
    const activities = ["05-20", "06-01", "06-02", "08-01", "08-02", "09-01", "09-02"].map((d) => act(`2021-${d}`));
    const p = computeProgress({ ...base, target: monthly, activities, asOf: "2022-01-10" });
    if (p.kind !== "target") throw new Error("expected target progress");
    assert.deepEqual(
      p.missedRuns.map((r) => [r.first.key, r.last.key]),
      [
        ["2021-07", "2021-07"],
        ["2021-10", "2021-12"],
      ],
    );
  });

  it("suggests uppfyllt when every month is met and ej uppfyllt when nothing was done", () => {
    const all = [];
    for (const m of ["05", "06", "07", "08", "09", "10", "11", "12"]) all.push(act(`2021-${m}-20`), act(`2021-${m}-21`));
    const done = computeProgress({ ...base, target: monthly, activities: all, asOf: "2022-01-15" });
    assert.equal(done.suggestedVerdict, "uppfyllt");
    assert.equal(done.kind === "target" && done.share, 1);
    const nothing = computeProgress({ ...base, target: monthly, activities: [], asOf: "2022-01-15" });
    assert.equal(nothing.suggestedVerdict, "ej_uppfyllt");
    assert.equal(nothing.behind, true);
    const early = computeProgress({ ...base, target: monthly, activities: [], asOf: "2021-05-19" });
    assert.equal(early.suggestedVerdict, null, "nothing can be evaluated on the first day");
  });

  it("handles a target for the whole validity period, counting an outcome figure", () => {
    const walk: Target = { quantity: 1, unit: "medborgarvandring", period: "validity", metric: null };
    const before = computeProgress({ ...base, target: walk, activities: [], asOf: "2021-09-01" });
    assert.equal(before.kind === "target" && before.current?.state, "ongoing");
    assert.equal(before.behind, false);
    const after = computeProgress({ ...base, target: walk, activities: [act("2021-11-10")], asOf: "2021-11-11" });
    assert.equal(after.suggestedVerdict, "uppfyllt");
    const vehicles: Target = { quantity: 200, unit: "kontrollerade fordon", period: "validity", metric: "kontrollerade fordon" };
    const half = computeProgress({
      ...base,
      target: vehicles,
      activities: [act("2021-06-01", [{ label: "kontrollerade fordon", value: 80 }]), act("2021-07-01", [{ label: "kontrollerade fordon", value: 40 }])],
      asOf: "2022-02-01",
    });
    assert.equal(half.kind === "target" && half.totalAchieved, 120);
    assert.equal(half.suggestedVerdict, "delvis");
  });

  it("does not evaluate a first period too short for a whole unit, and reports activities outside the period", () => {
    const p = computeProgress({
      validFrom: "2021-05-31",
      validTo: "2021-07-31",
      target: monthly,
      activities: [act("2021-04-01"), act("2021-06-01"), act("2021-06-02")],
      asOf: "2021-07-01",
    });
    if (p.kind !== "target") throw new Error("expected target progress");
    assert.equal(p.periods[0]?.state, "notEvaluated");
    assert.equal(p.outsidePeriod, 1);
    assert.equal(p.periodsEvaluated, 1);
    assert.equal(p.suggestedVerdict, "uppfyllt");
  });

  it("reports activity counts for promises without a target and suggests nothing", () => {
    const p = computeProgress({ ...base, target: null, activities: [act("2021-10-01"), act("2021-06-01")], asOf: "2021-12-01" });
    assert.deepEqual(p, { kind: "noTarget", activityCount: 2, lastActivityOn: "2021-10-01", suggestedVerdict: null, behind: false });
  });

  it("dates a follow-up report at the end of a finished period, and today while it runs", () => {
    assert.equal(reportAsOf("2021-12-31", "2026-12-07"), "2021-12-31");
    assert.equal(reportAsOf("2021-12-31", "2021-12-31"), "2021-12-31");
    assert.equal(reportAsOf("2021-12-31", "2021-09-10"), "2021-09-10");
  });

  it("finds verdicts that go against the measurement", () => {
    const nothing = computeProgress({ ...base, target: monthly, activities: [], asOf: "2022-01-15" });
    assert.deepEqual(verdictAgainstMeasurement("uppfyllt", nothing, 0), { kind: "noActivities" });
    assert.deepEqual(verdictAgainstMeasurement("delvis", nothing, 0), { kind: "noActivities" });
    assert.equal(verdictAgainstMeasurement("ej_uppfyllt", nothing, 0), null);
    const some = computeProgress({ ...base, target: monthly, activities: [act("2021-06-01"), act("2021-06-02")], asOf: "2022-01-15" });
    assert.deepEqual(verdictAgainstMeasurement("uppfyllt", some, 2), { kind: "differsFromMeasured", suggested: "delvis" });
    assert.equal(verdictAgainstMeasurement("delvis", some, 2), null);
    const untargeted = computeProgress({ ...base, target: null, activities: [], asOf: "2022-01-15" });
    assert.deepEqual(verdictAgainstMeasurement("uppfyllt", untargeted, 0), { kind: "noActivities" });
    const untargetedDone = computeProgress({ ...base, target: null, activities: [act("2021-06-01")], asOf: "2022-01-15" });
    assert.equal(verdictAgainstMeasurement("uppfyllt", untargetedDone, 1), null);
  });

  it("gives today's date in Stockholm", () => {
    assert.equal(todayInStockholm(new Date("2021-12-31T23:30:00Z")), "2022-01-01");
    assert.equal(todayInStockholm(new Date("2021-06-30T21:59:00Z")), "2021-06-30");
  });
});
