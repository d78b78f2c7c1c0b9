import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyEmergingPattern, computeEmergingHotspots, EMERGING_PATTERNS, type EmergingPattern, spaceTimeGiStar } from "./emerging.ts";
import { daysFromCivil } from "./iso-week.ts";
import { column, maxAbsDiff, readFixture } from "./testing.ts";

const NO_TREND = { s: 0, p: 1 };
const UP = { s: 40, p: 0.001 };
const DOWN = { s: -40, p: 0.001 };
const seq = (s: string) => Array.from(s, (c) => (c === "H" ? 1 : c === "C" ? -1 : 0));

describe("emerging hot spots", () => {
  it("space-time Gi* equals spdep localG on the cube (neighbours: band × {t−1, t}, self included)", () => {
    const rows = readFixture("emerging-cube.csv");
    // Fixture rows are slice-major (t outer); the engine's cube is location-major.
    const T = Math.max(...rows.map((r) => Number(r.t))) + 1;
    const n = rows.length / T;
    const ix = new Int32Array(n);
    const iy = new Int32Array(n);
    const values = new Float64Array(n * T);
    const expected = new Float64Array(n * T);
    const z = column(rows, "gistar_z");
    rows.forEach((r, k) => {
      const t = Number(r.t);
      const c = k - t * n;
      ix[c] = Number(r.ix);
      iy[c] = Number(r.iy);
      values[c * T + t] = Number(r.value);
      expected[c * T + t] = z[k];
    });
    // The fixture's cells are not row-major; the engine does not require it.
    const got = spaceTimeGiStar(ix, iy, values, T, 100, 150, 1);
    assert.ok(maxAbsDiff(got, expected) <= 1e-9, `max |Δz| = ${maxAbsDiff(got, expected)}`);
  });

  const cases: Array<[string, { s: number; p: number }, EmergingPattern]> = [
    ["....H", NO_TREND, "new_hot"],
    ["...HH", NO_TREND, "consecutive_hot"],
    ["H..HH", NO_TREND, "sporadic_hot"],
    ["H.H.H", NO_TREND, "sporadic_hot"],
    ["..C.H", NO_TREND, "oscillating_hot"],
    ["C...H", NO_TREND, "oscillating_hot"],
    ["HHHHHHHHHH", NO_TREND, "persistent_hot"],
    ["HHHHHHHHHH", UP, "intensifying_hot"],
    ["HHHHHHHHHH", DOWN, "diminishing_hot"],
    [".HHHHHHHHHH", UP, "intensifying_hot"], // 10/11 ≥ 90 %
    ["..HHHHHHHHH", UP, "consecutive_hot"], // 9/11 < 90 %
    ["HHHHHHHHHHH.", NO_TREND, "historical_hot"],
    ["HHHHHHHHHC", NO_TREND, "historical_hot"],
    ["....C", NO_TREND, "new_cold"],
    ["...CC", NO_TREND, "consecutive_cold"],
    ["C..CC", NO_TREND, "sporadic_cold"],
    ["H...C", NO_TREND, "oscillating_cold"],
    ["CCCCCCCCCC", NO_TREND, "persistent_cold"],
    ["CCCCCCCCCC", DOWN, "intensifying_cold"],
    ["CCCCCCCCCC", UP, "diminishing_cold"],
    ["CCCCCCCCCC.", NO_TREND, "historical_cold"],
    [".....", NO_TREND, "none"],
    ["HH...", NO_TREND, "none"],
    ["H.H.H.", UP, "none"],
    ["CC..", NO_TREND, "none"],
  ];
  for (const [states, trend, expected] of cases) {
    it(`pattern ${states} (trend S=${trend.s}, p=${trend.p}) → ${expected}`, () => {
      assert.equal(classifyEmergingPattern(seq(states), trend), expected);
    });
  }
  it("a trend that is not significant at trendAlpha does not count", () => {
    assert.equal(classifyEmergingPattern(seq("HHHHHHHHHH"), { s: 30, p: 0.2 }), "persistent_hot");
    assert.equal(classifyEmergingPattern(seq("HHHHHHHHHH"), { s: 30, p: 0.2 }, 0.25), "intensifying_hot");
  });

  it("end to end on a constructed cube: persistent, intensifying, new and historical clusters", () => {
    const north: number[] = [];
    const east: number[] = [];
    const day: number[] = [];
    const monday0 = daysFromCivil(2025, 1, 6); // 2025-W02
    const T = 20;
    const add = (ix: number, iy: number, t: number, k: number) => {
      for (let j = 0; j < k; j++) {
        east.push(450_000 + (ix + 0.5) * 100);
        north.push(6_240_000 + (iy + 0.5) * 100);
        day.push(monday0 + 7 * t + (j % 7));
      }
    };
    const clusters: Array<[number, (t: number) => number]> = [
      [5, () => 30],
      [20, (t) => 8 + 3 * t],
      [35, (t) => (t === T - 1 ? 60 : 0)],
      [50, (t) => (t < T - 1 ? 30 : 0)],
    ];
    for (let t = 0; t < T; t++) {
      for (let ix = 0; ix < 60; ix++) for (let iy = 0; iy < 20; iy++) add(ix, iy, t, 1);
      for (const [cx, f] of clusters) for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) add(cx + dx, 10 + dy, t, f(t));
    }
    const res = computeEmergingHotspots(
      { north: Float64Array.from(north), east: Float64Array.from(east), day: Float64Array.from(day) },
      { cellSize: 100, band: 150, timeStep: 0 },
    );
    assert.equal(res.weeks, T);
    assert.equal(res.weekLabels[0], "2025-W02");
    assert.equal(res.ix.length, 60 * 20);
    const patternAt = (cx: number) => {
      for (let c = 0; c < res.ix.length; c++) {
        if (res.ix[c] === 4500 + cx && res.iy[c] === 62410) return res.pattern[c];
      }
      return -1;
    };
    const names = EMERGING_PATTERNS;
    assert.equal(names[patternAt(5)], "persistent_hot");
    assert.equal(names[patternAt(20)], "intensifying_hot");
    assert.equal(names[patternAt(35)], "new_hot");
    assert.equal(names[patternAt(50)], "historical_hot");
  });
});

describe("space-time cube (cell × ISO week, Stockholm local dates)", () => {
  it("slices by ISO week of the local date, with empty weeks in between", async () => {
    const { buildSpaceTimeCube } = await import("./emerging.ts");
    const { stockholmDayFromIso, weekIndexOfDay, isoWeekLabel } = await import("./iso-week.ts");
    const ts = [
      "2025-06-01T21:30:00Z", // Sunday 23:30 CEST → 2025-W22
      "2025-06-01T22:30:00Z", // Monday 00:30 CEST → 2025-W23
      "2025-06-15T10:00:00Z", // 2025-W24
      "2025-06-15T10:00:00Z",
    ];
    const week = Float64Array.from(ts, (t) => weekIndexOfDay(stockholmDayFromIso(t)));
    const north = Float64Array.of(6_240_010, 6_240_010, 6_240_010, 6_240_110);
    const east = Float64Array.of(450_010, 450_010, 450_210, 450_010);
    const cube = buildSpaceTimeCube(north, east, week, undefined, 100);
    assert.equal(isoWeekLabel(cube.firstWeek), "2025-W22");
    assert.equal(cube.weeks, 3);
    assert.deepEqual(Array.from(cube.ix), [4500, 4502, 4500]);
    assert.deepEqual(Array.from(cube.iy), [62400, 62400, 62401]);
    assert.deepEqual(Array.from(cube.value), [1, 1, 0, 0, 0, 1, 0, 0, 1]);
    assert.deepEqual(Array.from(cube.count), [2, 1, 1]);
  });
});

describe("space-time cube from counts already binned (a database's GROUP BY cell, week)", () => {
  it("equals the cube and the emerging result built from the points, over the same weeks", async () => {
    const { buildSpaceTimeCube, emergingHotspotsFromCube, spaceTimeCubeFromCounts } = await import("./emerging.ts");
    // A random field with a growing cluster, 8 weeks, binned by hand.
    let s = 7;
    const rnd = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const north: number[] = [];
    const east: number[] = [];
    const week: number[] = [];
    const w0 = 2900;
    for (let t = 0; t < 8; t++) {
      for (let j = 0; j < 200; j++) {
        east.push(450_000 + rnd() * 3000);
        north.push(6_240_000 + rnd() * 3000);
        week.push(w0 + t);
      }
      for (let j = 0; j < 5 + 6 * t; j++) {
        east.push(451_500 + rnd() * 150);
        north.push(6_241_500 + rnd() * 150);
        week.push(w0 + t);
      }
    }
    const cell = 250;
    const fromPoints = buildSpaceTimeCube(Float64Array.from(north), Float64Array.from(east), Float64Array.from(week), undefined, cell);
    const groups = new Map<string, number>();
    for (let i = 0; i < north.length; i++) {
      const key = `${Math.floor(east[i]! / cell)}|${Math.floor(north[i]! / cell)}|${week[i]}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    // Any order: the database does not sort.
    const entries = [...groups].reverse();
    const binned = {
      ix: Int32Array.from(entries, ([k]) => Number(k.split("|")[0])),
      iy: Int32Array.from(entries, ([k]) => Number(k.split("|")[1])),
      week: Int32Array.from(entries, ([k]) => Number(k.split("|")[2])),
      count: Int32Array.from(entries, ([, c]) => c),
    };
    const fromCounts = spaceTimeCubeFromCounts(binned, { cellSize: cell, firstWeek: w0, weeks: 8 });
    assert.deepEqual(Array.from(fromCounts.ix), Array.from(fromPoints.ix));
    assert.deepEqual(Array.from(fromCounts.iy), Array.from(fromPoints.iy));
    assert.deepEqual(Array.from(fromCounts.value), Array.from(fromPoints.value));
    assert.equal(fromCounts.points, north.length);
    const options = { cellSize: cell, band: 500 };
    const a = emergingHotspotsFromCube(fromPoints, options);
    const b = emergingHotspotsFromCube(fromCounts, options);
    assert.deepEqual(Array.from(b.pattern), Array.from(a.pattern));
    assert.ok(maxAbsDiff(b.z, a.z) === 0);
    assert.ok(
      a.pattern.some((p) => EMERGING_PATTERNS[p] !== "none"),
      "the growing cluster is a pattern",
    );
  });

  it("keeps the weeks the caller asks for: empty weeks at the end stay in the cube, entries outside are left out", async () => {
    const { spaceTimeCubeFromCounts } = await import("./emerging.ts");
    const binned = {
      ix: Int32Array.of(10, 11, 12, 10, 10),
      iy: Int32Array.of(5, 5, 5, 5, 5),
      week: Int32Array.of(100, 100, 101, 99, 104),
      count: Int32Array.of(2, 1, 3, 7, 9),
    };
    const cube = spaceTimeCubeFromCounts(binned, { cellSize: 100, firstWeek: 100, weeks: 4 });
    assert.equal(cube.weeks, 4);
    assert.deepEqual(Array.from(cube.ix), [10, 11, 12]);
    assert.deepEqual(Array.from(cube.value), [2, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0]);
    assert.equal(cube.points, 6);
  });

  it("with boundary cells, every cell inside takes part (zeros) and counts outside are reported", async () => {
    const { spaceTimeCubeFromCounts } = await import("./emerging.ts");
    const boundaryCells = { ix: Int32Array.of(1, 2, 3, 1), iy: Int32Array.of(1, 1, 1, 2) };
    const binned = { ix: Int32Array.of(2, 9), iy: Int32Array.of(1, 9), week: Int32Array.of(50, 50), count: Int32Array.of(4, 6) };
    const cube = spaceTimeCubeFromCounts(binned, { cellSize: 100, firstWeek: 50, weeks: 2, boundaryCells });
    assert.equal(cube.ix.length, 4);
    assert.deepEqual(Array.from(cube.value), [0, 0, 4, 0, 0, 0, 0, 0]);
    assert.equal(cube.outside, 6);
  });
});
