import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRowBatch, findColumn, COLUMN_ALIASES, parseCsvHeader, RowParser, type RowColumns } from "./csv-scan.ts";
import { daysFromCivil } from "./iso-week.ts";

const enc = new TextEncoder();

/** Parse a whole text with the given chunk size (carrying partial rows like the file readers). */
function parseAll(text: string, cols: RowColumns | undefined, chunk: number, batchSize = 7) {
  const bytes = enc.encode(text);
  const h = parseCsvHeader(bytes, bytes.length, true);
  assert.ok(h);
  const c = cols ?? { a: findColumn(h.names, COLUMN_ALIASES.lat), b: findColumn(h.names, COLUMN_ALIASES.lon), w: -1, t: -1 };
  const parser = new RowParser(c, h.delimiter, 2, true);
  const batch = createRowBatch(batchSize, true);
  const rows: Array<{ a: number; b: number; w: number; day: number; line: number; text: string }> = [];
  let buf = new Uint8Array(chunk * 4 + 64);
  let carry = 0;
  let filePos = h.dataStart;
  const dec = new TextDecoder();
  for (;;) {
    const take = Math.min(chunk, bytes.length - filePos);
    if (carry + take + 8 > buf.length) {
      const b2 = new Uint8Array((carry + take) * 2 + 64);
      b2.set(buf.subarray(0, carry));
      buf = b2;
    }
    buf.set(bytes.subarray(filePos, filePos + take), carry);
    filePos += take;
    const end = carry + take;
    const eof = filePos >= bytes.length;
    let p = 0;
    for (;;) {
      p = parser.parse(buf, p, end, eof, batch);
      for (let i = 0; i < batch.n; i++) {
        rows.push({
          a: batch.a[i],
          b: batch.b[i],
          w: batch.w[i],
          day: batch.day[i],
          line: batch.line[i],
          text: dec.decode(buf.subarray(batch.rowStart[i], batch.rowEnd[i])),
        });
      }
      const full = batch.n === batch.capacity;
      batch.n = 0;
      if (!full) break;
    }
    if (eof) {
      assert.equal(p, end, "everything consumed at eof");
      break;
    }
    buf.copyWithin(0, p, end);
    carry = end - p;
  }
  return { rows, parser, header: h };
}

describe("CSV scanning from bytes", () => {
  it("numbers equal Number(text) exactly, in any column order, with other columns ignored", () => {
    const vals: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const lat = (55 + ((k * 7919) % 1400000) / 100000).toFixed(k % 9);
      const lon = (-(k % 3) + 10 + ((k * 104729) % 1400000) / 100000).toFixed((k * 3) % 16);
      vals.push(`${k},x${k},${lon},"txt, with comma",${lat}`);
    }
    vals.push("9,a,1.5e1,z,+56.25");
    vals.push("10,a,0.000000000000000000000123456789,z,56.1234567890123456789");
    const text = `id,name,lon,desc,lat\n${vals.join("\n")}\n`;
    for (const chunk of [17, 256, 100_000]) {
      const { rows, parser } = parseAll(text, undefined, chunk);
      assert.equal(parser.bad.count, 0);
      assert.equal(rows.length, vals.length);
      for (let k = 0; k < vals.length; k++) {
        const f = vals[k].split(",");
        assert.equal(rows[k].a, Number(f[f.length - 1]), `lat row ${k}`);
        assert.equal(rows[k].b, Number(f[2]), `lon row ${k}`);
        assert.equal(rows[k].line, k + 2);
      }
    }
  });

  it("quoted fields with newlines, CRLF, blank lines, BOM; line numbers are physical lines", () => {
    const text = '\uFEFFlat,lon,note\r\n56.1,14.1,"a\r\nmulti-line, ""quoted"" note"\r\n\r\n"56.2",14.2,x\r\n56.3,14.3\r\n';
    for (const chunk of [3, 5, 1000]) {
      const { rows, parser } = parseAll(text, undefined, chunk);
      assert.deepEqual(
        rows.map((r) => [r.a, r.b, r.line]),
        [
          [56.1, 14.1, 2],
          [56.2, 14.2, 5],
          [56.3, 14.3, 6],
        ],
      );
      assert.equal(parser.bad.count + parser.short.count, 0);
      assert.equal(rows[2].text, "56.3,14.3");
    }
  });

  it("bad and short rows are counted with their line numbers, never dropped silently", () => {
    const text = "lat,lon\n56.1,14.1\nabc,14\n56.2\n56.3,\n,\n56.4,14.4x\n56.5,14.5\n";
    const { rows, parser } = parseAll(text, undefined, 1000);
    assert.deepEqual(
      rows.map((r) => r.line),
      [2, 8],
    );
    assert.deepEqual(parser.bad.first, [3, 5, 6, 7]);
    assert.deepEqual(parser.short.first, [4]);
  });

  it("semicolon-separated with decimal commas (Swedish spreadsheet export)", () => {
    const text = "Lat;Lon;Vikt\n56,125;14,5;2,5\n56;14;1\n";
    const bytes = enc.encode(text);
    const h = parseCsvHeader(bytes, bytes.length, true);
    assert.ok(h);
    assert.equal(h.delimiter, 59);
    const { rows } = parseAll(text, { a: 0, b: 1, w: 2, t: -1 }, 4);
    assert.deepEqual(
      rows.map((r) => [r.a, r.b, r.w]),
      [
        [56.125, 14.5, 2.5],
        [56, 14, 1],
      ],
    );
  });

  it("timestamp column gives Stockholm local day numbers", () => {
    const text = "lat,lon,ts\n56,14,2025-06-14T22:30:00Z\n56,14,2025-01-15\n56,14,igår\n";
    const { rows, parser } = parseAll(text, { a: 0, b: 1, w: -1, t: 2 }, 8);
    assert.deepEqual(
      rows.map((r) => r.day),
      [daysFromCivil(2025, 6, 15), daysFromCivil(2025, 1, 15)],
    );
    assert.deepEqual(parser.bad.first, [4]);
  });

  it("last row without a newline is read at end of file", () => {
    const { rows } = parseAll("lat,lon\n56,14\n57,15", undefined, 4);
    assert.deepEqual(
      rows.map((r) => r.a),
      [56, 57],
    );
  });
});
