import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stockholmDayFromIso } from "../../analysis/index.ts";
import { filterByCategory, parseIncidents, readHeader } from "./csv.ts";

async function parse(text: string) {
  const h = readHeader(text);
  assert.equal(h.kind, "ok");
  if (h.kind !== "ok") throw new Error("header");
  return parseIncidents(text, h.header);
}

describe("incident CSV", () => {
  it("finds lat, lon, ts, category and weight by name, in any order and case", () => {
    const h = readHeader("Kategori,LONGITUD,tid,Latitud,vikt\n");
    assert.deepEqual(h, { kind: "ok", header: { delimiter: ",", lat: 3, lon: 1, ts: 2, category: 0, weight: 4 } });
    assert.deepEqual(readHeader("x,y,z\n1,2,3\n"), { kind: "missingColumns", found: ["x", "y", "z"] });
    assert.deepEqual(readHeader("\n"), { kind: "empty" });
    assert.deepEqual(readHeader(""), { kind: "empty" });
  });

  it("reads rows, reports bad ones by physical line number, and keeps rows with a bad timestamp", async () => {
    const text =
      "\uFEFFlat,lon,ts,category\r\n56.38,13.99,2025-10-03T21:15,Klotter\r\n,13.99,2025-10-03,klotter\r\n\r\n56.39,abc,2025-10-03,x\r\n56.40,14.00,igår,  Otrygg   plats \r\n";
    const p = await parse(text);
    assert.equal(p.rows, 4, "blank lines are not rows");
    assert.deepEqual([...p.lat], [56.38, 56.4]);
    assert.deepEqual([...p.line], [2, 6]);
    assert.deepEqual(p.bad, { count: 2, first: [3, 5] });
    assert.equal(p.day![0], stockholmDayFromIso("2025-10-03T21:15"));
    assert.ok(Number.isNaN(p.day![1]));
    assert.deepEqual(p.category, ["klotter", "otrygg plats"]);
    assert.deepEqual(p.categories, ["klotter", "otrygg plats"]);
    assert.equal(p.hasTs, true);
  });

  it("reads Swedish exports: semicolons with decimal commas, quoted fields across lines", async () => {
    const text = 'lat;lon;category\n"56,38";13,99;"skade-\ngörelse; ute"\n56,39;13,98;klotter\n';
    const p = await parse(text);
    assert.deepEqual([...p.lat], [56.38, 56.39]);
    assert.deepEqual([...p.lon], [13.99, 13.98]);
    assert.deepEqual([...p.line], [2, 4], "a quoted newline makes the next record start one line later");
    assert.deepEqual(p.category, ["skade- görelse; ute", "klotter"]);
    assert.equal(p.day, undefined);
    assert.equal(p.hasTs, false);
  });

  it("keeps only the chosen categories (case and spacing ignored)", async () => {
    const p = await parse("lat,lon,category\n56.1,14.1,Klotter\n56.2,14.2,brand\n56.3,14.3,klotter \n");
    const { incidents, filtered } = filterByCategory(p, [" KLOTTER"]);
    assert.equal(filtered, 1);
    assert.deepEqual([...incidents.lat], [56.1, 56.3]);
    assert.deepEqual([...incidents.line], [2, 4]);
    assert.equal(filterByCategory(p, []).incidents, p);
  });

  it("reads 300 000 rows (≈ 10 MB), yielding to the event loop on the way", async () => {
    const lines = ["lat,lon,ts,category"];
    for (let i = 0; i < 300_000; i++)
      lines.push(`56.${(100000 + i).toString().slice(1)},13.${(200000 + i).toString().slice(1)},2025-09-0${1 + (i % 9)},klotter`);
    const text = lines.join("\n");
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const p = await parse(text);
    clearInterval(timer);
    assert.equal(p.lat.length, 300_000);
    assert.ok(ticks > 0, "other work ran while the file was read");
  });
});
