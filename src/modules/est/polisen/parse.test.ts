// The police feed's quirks (BRIEF §4), on the real snapshot and on payloads built for each quirk.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { splitCsvText } from "../../../analysis/index.ts";
import { swedishPlaces } from "./import.ts";
import { absoluteUrl, eventTime, nameTime, parseEvent, parsePayload, parsePublished, whereOf } from "./parse.ts";

const FIXTURES = new URL("../../../../test/fixtures/shared/", import.meta.url);
const snapshot = JSON.parse(readFileSync(new URL("polisen-events-snapshot-2024-06-01.json", FIXTURES), "utf8")) as unknown[];
const places = swedishPlaces();

/** An event like the feed's, with the given fields changed. */
function event(over: Record<string, unknown> = {}) {
  return {
    id: 900001,
    datetime: "2024-05-31 21:19:43 +02:00",
    name: "31 maj 18.58, Skadegörelse, Osby",
    summary: "Skadegörelse på en busskur.",
    url: "/aktuellt/handelser/2024/maj/31/31-maj-18.58-skadegorelse-osby/",
    type: "Skadegörelse",
    location: { name: "Osby", gps: "56.380054,13.994608" },
    ...over,
  };
}

describe("the police's open events: the real snapshot of 2024-06-01", () => {
  it("reads all 500 events; none is unparseable; every one is placed in a municipality or a county", () => {
    const r = parsePayload(snapshot, places);
    assert.equal(r.kind, "ok");
    if (r.kind !== "ok") return;
    assert.equal(r.events.length, 500);
    assert.deepEqual(r.unparseable, []);
    for (const e of r.events) assert.ok(e.county !== null, `${e.policeId} ${e.locationName}`);
    // County-level events (location "Västra Götalands län") have no municipality.
    const vg = r.events.find((e) => e.policeId === 527278)!;
    assert.equal(vg.municipality, null);
    assert.equal(vg.county, "Västra Götalands län");
    // Types with a comma keep the whole type and the right municipality.
    const lund = r.events.find((e) => e.policeId === 526700)!;
    assert.equal(lund.type, "Mord/dråp, försök");
    assert.equal(lund.municipality?.name, "Lund");
    assert.equal(lund.municipality?.kommunkod, "1281");
  });

  it("reads the unpadded hour of datetime and the event time from the name", () => {
    const r = parsePayload(snapshot, places);
    if (r.kind !== "ok") return assert.fail();
    // "2024-05-30 6:22:53 +02:00", name "30 maj 06.00, Polisinsats/kommendering, Lund".
    const e = r.events.find((x) => x.policeId === 526863)!;
    assert.equal(e.publishedAt.toISOString(), "2024-05-30T04:22:53.000Z");
    assert.equal(e.occurredAt.toISOString(), "2024-05-30T04:00:00.000Z");
    assert.equal(e.timeSource, "namn");
    // "28 maj 23.57, Skadegörelse, Landskrona" published 2024-05-28 06:16: the name's time lies
    // after the publication (the police's slip for 27 May); the publication time is used.
    const slip = r.events.find((x) => x.policeId === 526553)!;
    assert.equal(slip.timeSource, "publicering");
    assert.equal(slip.occurredAt.toISOString(), slip.publishedAt.toISOString());
    assert.equal(e.url, "https://polisen.se/aktuellt/handelser/2024/maj/30/30-maj-06.00-polisinsatskommendering-lund/");
  });

  it("has no event of Osby: the snapshot's Skåne events are of other municipalities", () => {
    const r = parsePayload(snapshot, places);
    if (r.kind !== "ok") return assert.fail();
    assert.equal(r.events.filter((e) => e.municipality?.kommunkod === "1273").length, 0);
    assert.ok(r.events.filter((e) => e.county === "Skåne län").length >= 30);
  });
});

describe("the police's open events: every quirk on a built payload", () => {
  it("the time separator ':' before 2023-11-09 and '.' after, unpadded hours in the name too", () => {
    assert.deepEqual(nameTime("27 mars 07:18, Skadegörelse, Osby"), { day: 27, month: 3, hour: 7, minute: 18 });
    assert.deepEqual(nameTime("27 mars 7.18, Skadegörelse, Osby"), { day: 27, month: 3, hour: 7, minute: 18 });
    const old = parseEvent(event({ datetime: "2023-03-27 7:18:18 +02:00", name: "27 mars 07:18, Skadegörelse, Osby" }), 0, places);
    assert.ok(!("reason" in old));
    assert.equal(old.occurredAt.toISOString(), "2023-03-27T05:18:00.000Z");
    assert.equal(old.publishedAt.toISOString(), "2023-03-27T05:18:18.000Z");
  });

  it("events near New Year get the right year", () => {
    const published = parsePublished("2024-01-01 0:20:05 +01:00")!;
    const e = eventTime("31 december 23.50, Brand, Osby", published);
    assert.equal(e.source, "namn");
    assert.equal(e.at.toISOString(), "2023-12-31T22:50:00.000Z");
    // Published late on 31 December about an event that night: the same year.
    const dec = eventTime("31 december 22.10, Brand, Osby", parsePublished("2023-12-31 23:59:00 +01:00")!);
    assert.equal(dec.at.toISOString(), "2023-12-31T21:10:00.000Z");
    // Published on 2 January about 30 December.
    const back = eventTime("30 december 14.00, Stöld, Osby", parsePublished("2025-01-02 08:00:00 +01:00")!);
    assert.equal(back.at.toISOString(), "2024-12-30T13:00:00.000Z");
  });

  it("29 februari only in a leap year; a name without a time uses the publication time", () => {
    const leap = eventTime("29 februari 10.00, Stöld, Osby", parsePublished("2024-03-01 09:00:00 +01:00")!);
    assert.equal(leap.at.toISOString(), "2024-02-29T09:00:00.000Z");
    const common = eventTime("29 februari 10.00, Stöld, Osby", parsePublished("2023-03-01 09:00:00 +01:00")!);
    // 2023 has no 29 February; 2024's lies a year after the publication: the publication time.
    assert.equal(common.source, "publicering");
    const none = eventTime("Sammanfattning natt, Skåne län", parsePublished("2024-05-31 07:00:00 +02:00")!);
    assert.equal(none.source, "publicering");
  });

  it("types that contain commas: the municipality is the last part of the name", () => {
    const e = parseEvent(event({ name: "31 maj 18.58, Rån, försök, Osby", type: "Rån, försök" }), 0, places);
    assert.ok(!("reason" in e));
    assert.equal(e.type, "Rån, försök");
    assert.equal(e.municipality?.kommunkod, "1273");
  });

  it("location only the county: the municipality survives as the last part of the name", () => {
    const e = parseEvent(event({ location: { name: "Skåne län", gps: "55.990257,13.595769" } }), 0, places);
    assert.ok(!("reason" in e));
    assert.equal(e.municipality?.kommunkod, "1273");
    assert.equal(e.county, "Skåne län");
    // A county-level event about the county as a whole has no municipality.
    const county = parseEvent(event({ name: "27 maj 07.29, Ordningslagen, Skåne län", location: { name: "Skåne län", gps: "x" } }), 0, places);
    assert.ok(!("reason" in county));
    assert.equal(county.municipality, null);
  });

  it("names that differ in case ('Östra göinge')", () => {
    const w = whereOf("Östra göinge", "31 maj 10.00, Stöld, Östra göinge", places);
    assert.equal(w.municipality?.kommunkod, "1256");
    assert.equal(whereOf("OSBY", "x", places).municipality?.kommunkod, "1273");
  });

  it("every type seen 2022–2026 (polisen-event-types.csv) is kept whole, commas included, trailing spaces trimmed", () => {
    const lines = readFileSync(new URL("polisen-event-types.csv", FIXTURES), "utf8").trim().split("\n").slice(1);
    assert.equal(lines.length, 97);
    for (const line of lines) {
      const type = splitCsvText(line, ",")[0]!;
      const e = parseEvent(event({ type, name: `31 maj 18.58, ${type}, Osby` }), 0, places);
      assert.ok(!("reason" in e), type);
      // One real type ends with a space ("Lagen om hundar och katter "): kept without it.
      assert.equal(e.type, type.trim());
      assert.equal(e.municipality?.kommunkod, "1273", type);
    }
  });

  it("one bad event never stops the rest: each gets its reason", () => {
    const payload = [
      event({ id: 1 }),
      "inte en händelse",
      event({ id: 2, datetime: "igår kväll" }),
      event({ id: 3, location: null }),
      event({ id: -4 }),
      event({ id: 5, type: "" }),
      event({ id: 6, name: 7 }),
      event({ id: 1 }),
      event({ id: 8, summary: { text: "x" } }),
      event({ id: 9, datetime: "2023-02-30 10:00:00 +01:00" }),
      event({ id: 10 }),
    ];
    const r = parsePayload(payload, places);
    if (r.kind !== "ok") return assert.fail();
    assert.deepEqual(
      r.events.map((e) => e.policeId),
      [1, 10],
    );
    const reasons = r.unparseable.map((u) => `${u.index}:${u.reason}`);
    assert.equal(r.unparseable.length, 9);
    assert.match(reasons[0]!, /^1:händelsen är texten "inte en händelse", inte ett objekt/);
    assert.match(reasons[1]!, /^2:datetime går inte att läsa: "igår kväll"/);
    assert.match(reasons[2]!, /^3:location\.name saknas/);
    assert.match(reasons[3]!, /^4:id saknas eller är inte ett positivt heltal/);
    assert.match(reasons[4]!, /^5:type saknas/);
    assert.match(reasons[5]!, /^6:name saknas/);
    assert.match(reasons[6]!, /^7:samma id förekommer tidigare/);
    assert.match(reasons[7]!, /^8:summary är ett objekt/);
    assert.match(reasons[8]!, /^9:datetime går inte att läsa/);
  });

  it("a payload that is not a list is refused as a whole", () => {
    assert.deepEqual(parsePayload({ error: "rate limited" }, places), { kind: "notAList", found: "ett objekt" });
  });

  it("keeps only http(s) addresses, made absolute on polisen.se", () => {
    assert.equal(absoluteUrl("/aktuellt/x/"), "https://polisen.se/aktuellt/x/");
    assert.equal(absoluteUrl("javascript:alert(1)"), null);
    assert.equal(absoluteUrl(""), null);
  });

  it("the same event always has the same hash; a changed version another", () => {
    const a = parseEvent(event(), 0, places);
    const b = parseEvent(JSON.parse(JSON.stringify(event())), 3, places);
    const c = parseEvent(event({ summary: "Uppdaterad: två busskurar." }), 0, places);
    assert.ok(!("reason" in a) && !("reason" in b) && !("reason" in c));
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, c.hash);
  });
});
