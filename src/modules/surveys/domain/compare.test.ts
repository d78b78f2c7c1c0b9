import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countDirection, perceivedDirection, statements, type Thresholds } from "./compare.ts";

const T: Thresholds = { sharePoints: 3, indexPoints: 0.2, countPercent: 10 };

describe("perceived beside reported", () => {
  it("finds the paradox: insecurity up while reported crime goes down", () => {
    const s = statements(
      {
        key: "otrygghet",
        scale: "share",
        official: false,
        points: [
          { year: 2020, value: 24, lo: 20, hi: 27 },
          { year: 2021, value: 31, lo: 28, hi: 34 },
          { year: 2022, value: 33, lo: 27, hi: 39 },
        ],
      },
      {
        key: "bra",
        points: [
          { year: 2020, count: 1000 },
          { year: 2021, count: 850 },
          { year: 2022, count: 900 },
        ],
      },
      T,
    );
    // 2021→2022: +2 points (below 3) and +5.9 % (below 10 %): no change either way.
    // 2020→2021: +7 points with separate intervals, −15 %: the paradox.
    assert.deepEqual(
      s.map((x) => [x.from, x.to, x.perceivedDir, x.reportedDir, x.diverges, x.uncertain]),
      [
        [2021, 2022, "flat", "flat", false, false],
        [2020, 2021, "up", "down", true, false],
      ],
    );
  });

  it("marks a change within the uncertainty when the intervals overlap", () => {
    const d = perceivedDirection({ year: 1, value: 20, lo: 12, hi: 29 }, { year: 2, value: 26, lo: 18, hi: 35 }, "share", T);
    assert.deepEqual(d, { dir: "up", uncertain: true });
    assert.deepEqual(perceivedDirection({ year: 1, value: 5, lo: null, hi: null }, { year: 2, value: 2, lo: null, hi: null }, "index", T), {
      dir: "down",
      uncertain: false,
    });
  });

  it("uses a relative threshold for counts and handles zero", () => {
    assert.equal(countDirection({ year: 1, count: 100 }, { year: 2, count: 111 }, T), "up");
    assert.equal(countDirection({ year: 1, count: 100 }, { year: 2, count: 95 }, T), "flat");
    assert.equal(countDirection({ year: 1, count: 0 }, { year: 2, count: 3 }, T), "up");
    assert.equal(countDirection({ year: 1, count: 0 }, { year: 2, count: 0 }, T), "flat");
  });

  it("only compares years both series have", () => {
    const s = statements(
      {
        key: "p",
        scale: "index",
        official: true,
        points: [
          { year: 2019, value: 3, lo: null, hi: null },
          { year: 2022, value: 2, lo: null, hi: null },
        ],
      },
      {
        key: "r",
        points: [
          { year: 2019, count: 10 },
          { year: 2020, count: 10 },
          { year: 2022, count: 20 },
        ],
      },
      T,
    );
    assert.equal(s.length, 1);
    assert.deepEqual([s[0]!.from, s[0]!.to, s[0]!.diverges], [2019, 2022, true]);
  });
});
