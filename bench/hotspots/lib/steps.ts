// Step timer and CSV helpers shared by the JavaScript peers. Each peer prints one JSON line with
// the same keys as Trygg's CLI: {"load","project","bin","nb","gistar","write","total_ms","n","cells"}.

import { createReadStream, openSync, writeSync, closeSync } from "node:fs";
import { createInterface } from "node:readline";

export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) out[a.slice(2)] = "true";
      else {
        out[a.slice(2)] = next;
        i++;
      }
    }
  }
  return out;
}

export class StepTimer {
  readonly steps: Record<string, number> = {};
  private readonly start = performance.now();
  private last = this.start;
  lap(name: string): void {
    const now = performance.now();
    this.steps[name] = Math.round((now - this.last) * 10) / 10;
    this.last = now;
  }
  skip(name: string): void {
    this.steps[name] = 0;
  }
  print(extra: Record<string, unknown>): void {
    const total = Math.round((performance.now() - this.start) * 10) / 10;
    process.stdout.write(`${JSON.stringify({ ...this.steps, total_ms: total, ...extra })}\n`);
  }
}

/** Line-by-line CSV read with node:readline — what a Node developer reaches for first. */
export async function readIncidents(file: string, onRow: (lat: number, lon: number, ts: string, category: string) => void): Promise<number> {
  const rl = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let header = true;
  let n = 0;
  for await (const line of rl) {
    if (header) {
      header = false;
      continue;
    }
    if (line.length === 0) continue;
    const [lat, lon, ts, category] = line.split(",");
    onRow(Number(lat), Number(lon), ts, category);
    n++;
  }
  return n;
}

/** Buffered CSV writer (1 MiB chunks). */
export function writeCsv(file: string, header: string, rows: number, row: (i: number) => string): void {
  const fd = openSync(file, "w");
  let buf = `${header}\n`;
  for (let i = 0; i < rows; i++) {
    buf += `${row(i)}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = "";
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}
