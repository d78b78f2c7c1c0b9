// The sun's position against published almanac tables: Paul Schlyter's "Upp/nedgångar" tables
// (stjarnhimlen.se) for Östersund 2021 (63.178 N, 14.635 E) and Sundsvall 2001 (62.392 N,
// 17.290 E), local time, rounded to the minute. Northern winter is the hard case (the sun crosses
// the horizon at a shallow angle, so a small error in altitude is minutes); we allow ±2 minutes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { altitudeCrossing, type Crossing, lightAt, solarAltitude, sunDay, walkLight } from "./sun.ts";

function localMinutes(c: Crossing): number {
  assert.equal(c.kind, "time");
  if (c.kind !== "time") return Number.NaN;
  const parts = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
    .formatToParts(c.at)
    .reduce<Record<string, number>>((m, p) => (p.type === "literal" ? m : Object.assign(m, { [p.type]: Number(p.value) })), {});
  return (parts.hour ?? 0) * 60 + (parts.minute ?? 0) + (parts.second ?? 0) / 60;
}

const hm = (s: string) => {
  const [h, m] = s.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

// [date, sunrise, sunset] from the published tables.
const OSTERSUND_2021: Array<[string, string, string]> = [
  ["2021-01-01", "9:39", "14:32"],
  ["2021-01-05", "9:34", "14:40"],
  ["2021-01-10", "9:27", "14:52"],
  ["2021-01-15", "9:17", "15:05"],
  ["2021-01-19", "9:08", "15:17"],
];
const SUNDSVALL_2001: Array<[string, string, string]> = [
  ["2001-01-01", "9:18", "14:31"],
  ["2001-01-08", "9:11", "14:45"],
  ["2001-01-14", "9:01", "15:00"],
  ["2001-01-19", "8:51", "15:13"],
];

describe("sunrise and sunset against published tables", () => {
  for (const [place, lat, lon, rows] of [
    ["Östersund", 63.178, 14.635, OSTERSUND_2021],
    ["Sundsvall", 62.392, 17.29, SUNDSVALL_2001],
  ] as const) {
    for (const [date, up, down] of rows) {
      it(`${place} ${date}: upp ${up}, ned ${down}`, () => {
        const day = sunDay(date, lat, lon);
        assert.ok(Math.abs(localMinutes(day.sunrise) - hm(up)) <= 2, `soluppgång ${localMinutes(day.sunrise).toFixed(1)} min mot ${up}`);
        assert.ok(Math.abs(localMinutes(day.sunset) - hm(down)) <= 2, `solnedgång ${localMinutes(day.sunset).toFixed(1)} min mot ${down}`);
      });
    }
  }

  it("has the sun on the horizon (−0.833°) at the computed sunset", () => {
    const set = altitudeCrossing("2021-11-10", 56.398, 14.319, -0.833, "evening");
    assert.equal(set.kind, "time");
    if (set.kind === "time") assert.ok(Math.abs(solarAltitude(set.at, 56.398, 14.319) + 0.833) < 0.02);
  });

  it("knows the midnight sun and the polar night in Kiruna", () => {
    const summer = sunDay("2021-06-21", 67.855, 20.225);
    assert.deepEqual(summer.sunset, { kind: "always", above: true });
    const winter = sunDay("2021-12-21", 67.855, 20.225);
    assert.deepEqual(winter.sunrise, { kind: "always", above: false });
    // Civil twilight still comes around noon in the polar night.
    assert.equal(winter.dawn.kind, "time");
  });
});

describe("light during a walk", () => {
  const lat = 56.398;
  const lon = 14.319; // Lönsboda centrum

  it("calls the Lönsboda walk of 2021-11-10 at 18.00 dark, after a sunset near 16.00", () => {
    const start = new Date("2021-11-10T18:00:00+01:00");
    const end = new Date("2021-11-10T20:00:00+01:00");
    const l = walkLight(start, end, lat, lon, "2021-11-10");
    assert.equal(l.atStart, "morkt");
    assert.equal(l.darkest, "morkt");
    const sunset = localMinutes(l.day.sunset);
    assert.ok(sunset > hm("15:55") && sunset < hm("16:10"), `solnedgång ${sunset}`);
  });

  it("sees twilight just after sunset and daylight at noon", () => {
    assert.equal(lightAt(new Date("2021-11-10T16:15:00+01:00"), lat, lon), "skymning");
    assert.equal(lightAt(new Date("2021-11-10T12:00:00+01:00"), lat, lon), "ljust");
  });

  it("notices that a walk starting in daylight ends in the dark", () => {
    const l = walkLight(new Date("2021-11-10T15:30:00+01:00"), new Date("2021-11-10T17:30:00+01:00"), lat, lon, "2021-11-10");
    assert.equal(l.atStart, "ljust");
    assert.equal(l.atEnd, "morkt");
    assert.equal(l.darkest, "morkt");
  });

  it("finds the darkest moment inside a walk even when both ends are light", () => {
    // Midsummer in Umeå (63.83 N): light at 21.00 and at 04.30, civil twilight (never dark) around
    // midnight — the sun's centre is only about 2.8° below the horizon then.
    const l = walkLight(new Date("2021-06-21T21:00:00+02:00"), new Date("2021-06-22T04:30:00+02:00"), 63.826, 20.263, "2021-06-21");
    assert.equal(l.atStart, "ljust");
    assert.equal(l.atEnd, "ljust");
    assert.equal(l.darkest, "skymning");
    // In Lönsboda (56.4 N) the same night gets dark: the sun sinks about 10° below the horizon.
    assert.equal(walkLight(new Date("2021-06-21T21:00:00+02:00"), new Date("2021-06-22T04:30:00+02:00"), lat, lon, "2021-06-21").darkest, "morkt");
  });
});
