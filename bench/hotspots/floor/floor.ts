// The same floor as floor.c, from inside Node (what a Node program can reach at best):
//   read_ms        fs.readSync into a 16 MiB Buffer, bytes discarded
//   read_count_ms  the same plus a newline count with Buffer.indexOf(10) (memchr in C++)
//   typed_copy_gbs Float64Array.prototype.set over 256 MiB (bytes copied per second)
//   typed_sum_gbs  a plain loop summing a 256 MiB Float64Array (read-only bandwidth from JS)
//
//   node bench/hotspots/floor/floor.ts FILE

import { closeSync, openSync, readSync } from "node:fs";

const file = process.argv[2];
if (!file) throw new Error("usage: floor.ts FILE");
const buf = Buffer.allocUnsafe(16 << 20);

function pass(count: boolean): { ms: number; lines: number; bytes: number } {
  const fd = openSync(file, "r");
  const t0 = performance.now();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const r = readSync(fd, buf, 0, buf.length, null);
    if (r <= 0) break;
    bytes += r;
    if (count) {
      let p = buf.indexOf(10, 0);
      while (p !== -1 && p < r) {
        lines++;
        p = buf.indexOf(10, p + 1);
      }
    }
  }
  const ms = performance.now() - t0;
  closeSync(fd);
  return { ms, lines, bytes };
}

pass(false);
let read = Infinity;
let count = Infinity;
let lines = 0;
let bytes = 0;
for (let i = 0; i < 3; i++) {
  read = Math.min(read, pass(false).ms);
  const c = pass(true);
  count = Math.min(count, c.ms);
  lines = c.lines;
  bytes = c.bytes;
}
const N = (256 << 20) / 8;
const a = new Float64Array(N).fill(1);
const b = new Float64Array(N);
let copy = Infinity;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  b.set(a);
  copy = Math.min(copy, performance.now() - t0);
}
let sumT = Infinity;
let sink = 0;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  let s = 0;
  for (let k = 0; k < N; k++) s += a[k];
  sumT = Math.min(sumT, performance.now() - t0);
  sink += s;
}
process.stdout.write(
  `${JSON.stringify({
    bytes,
    lines,
    read_ms: Math.round(read * 10) / 10,
    read_count_ms: Math.round(count * 10) / 10,
    read_gbs: Math.round((bytes / read / 1e6) * 100) / 100,
    typed_copy_gbs: Math.round(((N * 8) / copy / 1e6) * 100) / 100,
    typed_sum_gbs: Math.round(((N * 8) / sumT / 1e6) * 100) / 100,
    sink: sink > 0,
  })}\n`,
);
