import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { findColumn } from "../csv-scan.ts";
import { loadIncidentCells, readCsvHeader } from "./load-incidents.ts";

const dir = mkdtempSync(join(tmpdir(), "trygg-load-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function makeFile(name: string, rows: string[], header = "id,lat,lon,ts,note"): string {
  const file = join(dir, name);
  writeFileSync(file, `${header}\n${rows.join("\n")}\n`);
  return file;
}

async function load(file: string, parallel: boolean, segmentBytes = 256 << 10) {
  const h = readCsvHeader(file);
  return loadIncidentCells({
    file,
    cols: { a: findColumn(h.names, ["lat"]), b: findColumn(h.names, ["lon"]), w: -1, t: -1 },
    delimiter: h.delimiter,
    dataStart: h.dataStart,
    kind: "latlon",
    cellSize: 100,
    weighted: false,
    parallelMin: parallel ? 0 : Number.POSITIVE_INFINITY,
    segmentBytes,
    awaitWorker: true,
  });
}

describe("parallel streaming loader", () => {
  const rows: string[] = [];
  let s = 11;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  for (let i = 0; i < 120_000; i++) {
    const bad = i === 17 || i === 99_000;
    const far = i === 60_001;
    const lat = far ? "14.1" : bad ? "x" : (56.2 + rnd() * 0.3).toFixed(6);
    rows.push(`${i},${lat},${(13.8 + rnd() * 0.5).toFixed(6)},2025-03-0${1 + (i % 9)}T10:00:00Z,"note ${i}, ok"`);
  }
  const file = makeFile("incidents.csv", rows);

  it("two threads give exactly the sequential result, with absolute line numbers of skipped rows", async () => {
    const seq = await load(file, false);
    const par = await load(file, true);
    assert.equal(par.threads, 2);
    assert.equal(seq.threads, 1);
    assert.ok(par.segmentsMain + par.segmentsWorker > 10);
    assert.equal(par.rows, seq.rows);
    assert.equal(par.rows, 120_000 - 3);
    assert.deepEqual(Array.from(par.cells.ix), Array.from(seq.cells.ix));
    assert.deepEqual(Array.from(par.cells.iy), Array.from(seq.cells.iy));
    assert.deepEqual(Array.from(par.cells.count), Array.from(seq.cells.count));
    assert.deepEqual(par.unparsable, { count: 2, first: [19, 99_002] });
    assert.deepEqual(seq.unparsable, par.unparsable);
    assert.deepEqual(par.outOfRange, { count: 1, first: [60_003] });
  });

  it("a segment boundary inside a quoted multi-line field falls back to one thread and stays correct", async () => {
    const rows2 = rows.slice(0, 2000);
    const long = `"${"rad\n".repeat(5000)}slut"`;
    rows2.splice(1000, 0, `x,56.3,14.1,2025-03-01T10:00:00Z,${long}`);
    const f2 = makeFile("quoted.csv", rows2);
    const h = readCsvHeader(f2);
    const text = `${rows2.slice(0, 1000).join("\n")}\n`;
    // One segment boundary 5000 bytes into the quoted field.
    const segment = Buffer.byteLength(text) + 40 + 5000;
    const seq = await load(f2, false);
    const par = await load(f2, true, segment);
    assert.ok(h.fileSize - h.dataStart > segment);
    assert.equal(par.threads, 1, "fell back");
    assert.equal(par.rows, seq.rows);
    assert.equal(par.rows, 2001 - 1); // row 17 is bad
    assert.deepEqual(Array.from(par.cells.count), Array.from(seq.cells.count));
  });
});
