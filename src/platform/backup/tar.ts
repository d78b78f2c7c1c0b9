// A small tar (POSIX ustar with pax extended headers for long names) writer and reader for the
// backup file: regular files only, streamed, gzip when the file name ends in .gz (detected by its
// magic bytes when reading). `tar tvf backup.tar` lists it with any tar program. Written here
// because no tar library is among Trygg's dependencies and the backup needs only this much.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(name: string, size: number, type: "0" | "x", mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 100, "utf8");
  h.write(octal(0o644, 8), 100, 8, "ascii");
  h.write(octal(0, 8), 108, 8, "ascii");
  h.write(octal(0, 8), 116, 8, "ascii");
  h.write(octal(size, 12), 124, 12, "ascii");
  h.write(octal(mtime, 12), 136, 12, "ascii");
  h.write("        ", 148, 8, "ascii"); // checksum field counts as spaces while summing
  h.write(type, 156, 1, "ascii");
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return h;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest, 0);
}

/** A pax record "LEN key=value\n", where LEN counts the whole record including itself. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len++;
  return Buffer.from(`${len}${body}`, "utf8");
}

export type TarWriter = {
  add(name: string, data: Buffer): Promise<void>;
  /** Ends the archive (two zero blocks) and the file. */
  close(): Promise<void>;
};

export function createTarWriter(path: string, opts: { gzip?: boolean } = {}): TarWriter {
  const file = createWriteStream(path);
  const gzip = opts.gzip ? createGzip({ level: 6 }) : null;
  if (gzip) gzip.pipe(file);
  const out: Writable = gzip ?? file;
  const mtime = Math.floor(Date.now() / 1000);
  async function write(chunk: Buffer): Promise<void> {
    if (!out.write(chunk)) await once(out, "drain");
  }
  return {
    async add(name, data) {
      if (Buffer.byteLength(name) > 100) {
        const pax = paxRecord("path", name);
        await write(header("PaxHeader", pax.length, "x", mtime));
        await write(pax);
        await write(padding(pax.length));
      }
      await write(header(name, data.length, "0", mtime));
      await write(data);
      await write(padding(data.length));
    },
    async close() {
      await write(Buffer.alloc(BLOCK * 2, 0));
      out.end();
      await once(file, "close");
    },
  };
}

/** Reads exactly n bytes from a stream, or fewer at its end. */
class ByteReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<Buffer>;
  constructor(stream: Readable) {
    this.iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }
  async read(n: number): Promise<Buffer> {
    while (this.length < n && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) this.ended = true;
      else {
        this.buffered.push(next.value);
        this.length += next.value.length;
      }
    }
    const all = Buffer.concat(this.buffered);
    const taken = all.subarray(0, n);
    const rest = all.subarray(n);
    this.buffered = rest.length ? [rest] : [];
    this.length = rest.length;
    return taken;
  }
}

export class TarFormatError extends Error {}

/** The entries of a tar file (plain or gzip), in order: name and data. */
export async function* readTar(path: string): AsyncGenerator<{ name: string; data: Buffer }> {
  const magic = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 1 });
    const parts: Buffer[] = [];
    s.on("data", (d) => parts.push(d as Buffer));
    s.on("end", () => resolve(Buffer.concat(parts)));
    s.on("error", reject);
  });
  const raw = createReadStream(path);
  const stream: Readable = magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  const reader = new ByteReader(stream);
  let longName: string | null = null;
  for (;;) {
    const h = await reader.read(BLOCK);
    if (h.length < BLOCK) throw new TarFormatError("säkerhetskopian slutar mitt i en post (avkortad fil?)");
    if (h.every((b) => b === 0)) return;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    const stored = Number.parseInt(h.subarray(148, 156).toString("ascii").replace(/\0.*$/s, "").trim(), 8);
    if (sum !== stored) throw new TarFormatError("säkerhetskopian är skadad (fel kontrollsumma i ett tar-huvud)");
    const size = Number.parseInt(h.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim() || "0", 8);
    const type = String.fromCharCode(h[156]!);
    const prefix = h.subarray(345, 500).toString("utf8").replace(/\0.*$/s, "");
    const shortName = h.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    const data = await reader.read(size);
    if (data.length < size) throw new TarFormatError("säkerhetskopian slutar mitt i en post (avkortad fil?)");
    await reader.read((BLOCK - (size % BLOCK)) % BLOCK);
    if (type === "x") {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString("utf8"));
      longName = m?.[1] ?? null;
      continue;
    }
    if (type !== "0" && type !== "\0") continue; // directories and the like: not in a Trygg backup
    const name = longName ?? (prefix ? `${prefix}/${shortName}` : shortName);
    longName = null;
    yield { name, data };
  }
}
