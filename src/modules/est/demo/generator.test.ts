import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { municipalityAt } from "../../tenants/index.ts";
import { parseWeek } from "../domain/time.ts";
import { swedishPlaces } from "../polisen/import.ts";
import { parsePayload } from "../polisen/parse.ts";
import { DEMO_PLACES, generateDemo, mulberry32 } from "./generator.ts";

describe("the EST demo generator", () => {
  const demo = generateDemo();

  it("is seeded: the same seed gives the same demo, another seed another", () => {
    const again = generateDemo();
    assert.deepEqual(
      again.reports.map((r) => [r.category, r.lat, r.lon, r.occurredFrom.toISOString()]),
      demo.reports.map((r) => [r.category, r.lat, r.lon, r.occurredFrom.toISOString()]),
    );
    assert.notDeepEqual(
      generateDemo(7)
        .reports.slice(0, 20)
        .map((r) => r.lat),
      demo.reports.slice(0, 20).map((r) => r.lat),
    );
    const r = mulberry32(1);
    assert.ok(Array.from({ length: 1000 }, r).every((x) => x >= 0 && x < 1));
  });

  it("a year of weeks, plausible volumes, every report in Osby kommun", () => {
    const first = parseWeek("2024-W01") as number;
    const weeks = new Set(demo.reports.map((r) => r.week - first));
    assert.equal(weeks.size, 52);
    assert.ok(demo.reports.length > 700 && demo.reports.length < 1500, String(demo.reports.length));
    for (const r of demo.reports) assert.equal(municipalityAt(r.lat, r.lon)?.kommunkod, "1273", `${r.lat}, ${r.lon}`);
    for (const p of DEMO_PLACES) assert.equal(municipalityAt(p.lat, p.lon)?.kommunkod, "1273", p.name);
    assert.ok(
      demo.reports.some((r) => r.duplicateOf !== null),
      "some duplicates for the coordinator to merge",
    );
  });

  it("plants the patterns the lägesbild should find", () => {
    const first = parseWeek("2024-W01") as number;
    const at = (key: string, cat: string, w: number) => demo.reports.filter((r) => r.placeKey === key && r.category === cat && r.week === first + w - 1).length;
    for (let w = 10; w <= 20; w++) assert.ok(at("stationsparken", "klotter", w) >= 3, `graffiti wave week ${w}`);
    for (let w = 21; w <= 22; w++) assert.ok(at("stationsparken", "klotter", w) <= 2, `after the insats, week ${w}`);
    assert.ok(at("handeln", "buskorning", 44) > at("handeln", "buskorning", 31), "growing reckless riding");
  });

  it("meetings every week, most with an insats; the planted one at Stationsparken serves a promise", () => {
    assert.equal(demo.meetings.length, 52);
    const insatser = demo.meetings.flatMap((m) => m.insatser);
    assert.ok(insatser.length >= 30);
    const planted = demo.meetings[19]!.insatser[0]!;
    assert.equal(planted.placeKey, "stationsparken");
    assert.equal(planted.comparisonKey, "skolan");
    assert.ok(planted.promise);
  });

  it("the police-style events read cleanly, are Osby's, and say they are synthetic", () => {
    const parsed = parsePayload(demo.policePayload, swedishPlaces());
    if (parsed.kind !== "ok") return assert.fail();
    assert.equal(parsed.unparseable.length, 0);
    assert.ok(parsed.events.length > 52);
    assert.ok(parsed.events.every((e) => e.municipality?.kommunkod === "1273" && e.policeId >= 900_000_000 && e.summary.startsWith("Syntetisk demohändelse")));
    assert.ok(
      parsed.events.some((e) => e.locationName === "Skåne län"),
      "the county-only quirk is in it",
    );
    assert.ok(
      parsed.events.some((e) => e.type.includes(",")),
      "a type with a comma is in it",
    );
  });
});
