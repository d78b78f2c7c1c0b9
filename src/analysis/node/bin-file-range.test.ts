import assert from "node:assert/strict";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parseCsvHeader, RowParser } from "../csv-scan.ts";
import { CellAccumulator } from "../grid.ts";
import { emptySkipped } from "../points.ts";
import { binFileRange, zeroPhases } from "./bin-file-range.ts";

const dir = mkdtempSync(join(tmpdir(), "trygg-kernel-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(file: string, useKernel: boolean, chunkSize: number, batchSize: number) {
  const text = Buffer.alloc(4096);
  const fd = openSync(file, "r");
  try {
    const size = statSync(file).size;
    const got = require_read(fd, text);
    const h = parseCsvHeader(text, got, got >= size);
    assert.ok(h);
    const parser = new RowParser({ a: h.names.indexOf("lat"), b: h.names.indexOf("lon"), w: -1, t: -1 }, h.delimiter, 2);
    const acc = new CellAccumulator(25, false);
    const oor = emptySkipped();
    const r = binFileRange(fd, h.dataStart, size, parser, "latlon", false, acc, oor, zeroPhases(), { useKernel, chunkSize, batchSize });
    return { rows: r.rows, cells: acc.result(), bad: parser.bad, short: parser.short, oor, line: parser.line };
  } finally {
    closeSync(fd);
  }
}

import { readSync } from "node:fs";
function require_read(fd: number, b: Buffer): number {
  return readSync(fd, b, 0, b.length, 0);
}

describe("WebAssembly row kernel", () => {
  it("loads (WebAssembly SIMD is available in Node 24) and parses plain rows itself", async () => {
    const { createCsvKernel } = await import("../wasm/csv-kernel.ts");
    const k = createCsvKernel(1024, 16);
    assert.ok(k);
    const text = new TextEncoder().encode("56.5,14.25,x\n-1.5,+2,y\n7,8\n");
    k.buf.set(text);
    k.buf[text.length] = 10;
    const r = k.scan(0, text.length, true, 44, 0, 1, 0, 2);
    assert.deepEqual(r, { pos: text.length, n: 3, line: 5, fallback: false });
    assert.deepEqual(Array.from(k.a.subarray(0, 3)), [56.5, -1.5, 7]);
    assert.deepEqual(Array.from(k.b.subarray(0, 3)), [14.25, 2, 8]);
    assert.deepEqual(Array.from(k.line.subarray(0, 3)), [2, 3, 4]);
    k.buf.set(new TextEncoder().encode("1e5,2\n"));
    assert.equal(k.scan(0, 6, true, 44, 0, 1, 0, 9).fallback, true);
  });

  it("gives exactly RowParser's results on messy data, for any chunk and batch size", () => {
    const rows: string[] = [];
    let s = 1;
    const rnd = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const variants = [
      (lat: string, lon: string) => `${lat},${lon},2025-01-01T00:00:00Z,klotter`,
      (lat: string, lon: string) => `${lat},${lon}`,
      (lat: string, lon: string) => `${lat},${lon},x\r`,
      (lat: string, lon: string) => `+${lat},${lon},`,
      (lat: string) => `${lat}`,
      (lat: string, lon: string) => `${lat}e0,${lon}`,
      (lat: string, lon: string) => `${lat}000000000000,${lon}`,
      (_lat: string, lon: string) => `abc,${lon}`,
      (lat: string, lon: string) => ` ${lat},${lon}`,
      (lat: string, lon: string) => `${lat},${lon}x,y`,
      () => "",
      () => "\r",
      (lat: string, lon: string) => `${lat}.,${lon}`,
      (_lat: string, lon: string) => `.5,${lon}`,
      (lat: string, lon: string) => `-${lat},${lon},${"z".repeat(70)}`,
      (lat: string, lon: string) => `${lat},${lon},${"ö".repeat(40)}`,
    ];
    for (let i = 0; i < 30_000; i++) {
      const lat = (55.5 + rnd() * 2).toFixed(1 + (i % 7));
      const lon = (12.5 + rnd() * 3).toFixed(1 + (i % 5));
      const v = i % 3 === 0 ? variants[(i * 7) % variants.length] : variants[0];
      rows.push(v(lat, lon));
    }
    const file = join(dir, "messy.csv");
    writeFileSync(file, `lat,lon,ts,category\n${rows.join("\n")}`); // no final newline
    const ref = run(file, false, 1 << 20, 4096);
    assert.ok(ref.bad.count > 0 && ref.short.count > 0 && ref.oor.count > 0);
    for (const [chunk, batch] of [
      [1 << 20, 4096],
      [4096, 1000],
      [777, 64],
    ]) {
      const k = run(file, true, chunk, batch);
      assert.equal(k.rows, ref.rows);
      assert.deepEqual(k.bad, ref.bad);
      assert.deepEqual(k.short, ref.short);
      assert.deepEqual(k.oor, ref.oor);
      assert.equal(k.line, ref.line);
      assert.deepEqual(Array.from(k.cells.ix), Array.from(ref.cells.ix));
      assert.deepEqual(Array.from(k.cells.iy), Array.from(ref.cells.iy));
      assert.deepEqual(Array.from(k.cells.count), Array.from(ref.cells.count));
    }
  });
});
