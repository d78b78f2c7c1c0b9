/**
 * Streaming CSV file input and output for the CLI (Node file descriptors, constant memory).
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { createRowBatch, type RowBatch, type RowParser } from "../csv-scan.ts";

const CHUNK = 4 << 20;

/**
 * Parse the rows of `file` from `dataStart` to the end in batches; `onBatch(buf, batch)` is called
 * for every batch while `buf` still holds the rows' bytes (batch.rowStart/rowEnd index into it
 * when the parser keeps offsets).
 */
export function streamRows(file: string, dataStart: number, parser: RowParser, batchSize: number, onBatch: (buf: Uint8Array, batch: RowBatch) => void): void {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    let buf = new Uint8Array(new ArrayBuffer(CHUNK + 64));
    const batch = createRowBatch(batchSize, parser.keepOffsets);
    let filePos = dataStart;
    let carry = 0;
    for (;;) {
      if (filePos >= size && carry === 0) break;
      const want = Math.min(buf.length - 64 - carry, size - filePos);
      const got = want > 0 ? readSync(fd, buf, carry, want, filePos) : 0;
      filePos += got;
      const dataEnd = carry + got;
      const eof = filePos >= size || got === 0;
      let cut = dataEnd;
      if (!eof) {
        const nl = buf.lastIndexOf(10, dataEnd - 1);
        if (nl < 0) {
          const bigger = new Uint8Array(new ArrayBuffer(buf.length * 2));
          bigger.set(buf.subarray(0, dataEnd));
          buf = bigger;
          carry = dataEnd;
          continue;
        }
        cut = nl + 1;
      }
      let p = 0;
      for (;;) {
        p = parser.parse(buf, p, cut, eof, batch, Buffer.from(buf.buffer, buf.byteOffset, cut).indexOf(34, p) >= 0);
        const full = batch.n === batch.capacity;
        if (batch.n > 0) onBatch(buf, batch);
        batch.n = 0;
        if (!full) break;
      }
      if (eof) {
        if (p < dataEnd) throw new RangeError(`ett citerat fält avslutas aldrig (rad ${parser.line})`);
        break;
      }
      carry = dataEnd - p;
      buf.copyWithin(0, p, dataEnd);
    }
  } finally {
    closeSync(fd);
  }
}

/** Buffered text writer on a file descriptor (UTF-8). */
export class CsvWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.flush();
  }

  /** Write raw bytes (flushes pending text first). */
  writeBytes(b: Uint8Array): void {
    this.flush();
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
    this.bytes += b.length;
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const b = Buffer.from(this.parts.join(""), "utf8");
    this.parts = [];
    this.size = 0;
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
    this.bytes += b.length;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
