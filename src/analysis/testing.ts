// Test helpers for the analysis engine: read the reference fixtures in test/fixtures/spdep.
// (Only the tests import this file; it is the one place in src/analysis that reads files.)
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { splitCsvText } from "./csv-scan.ts";

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "test", "fixtures", "spdep");

/** Split one CSV line (RFC 4180 quotes). */
export function splitCsvLine(line: string): string[] {
  return splitCsvText(line, ",");
}

/** Read a fixture CSV as rows of strings keyed by header. */
export function readFixture(name: string): Array<Record<string, string>> {
  const text = readFileSync(join(FIXTURE_DIR, name), "utf8").replace(/\r/g, "");
  const lines = text.split("\n").filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]);
  return lines.slice(1).map((l) => {
    const cells = splitCsvLine(l);
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = cells[i] ?? "";
    });
    return row;
  });
}

/** Parse an R number as written by the fixture script ("NA" and "NaN" → NaN). */
export function num(s: string): number {
  return s === "NA" || s === "NaN" ? Number.NaN : Number(s);
}

/** Column of numbers. */
export function column(rows: Array<Record<string, string>>, key: string): Float64Array {
  return Float64Array.from(rows, (r) => num(r[key]));
}

/** Assert |a − b| ≤ tol for every element (NaN must match NaN). Returns the largest difference. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (!(Number.isNaN(x) && Number.isNaN(y))) return Number.POSITIVE_INFINITY;
      continue;
    }
    m = Math.max(m, Math.abs(x - y));
  }
  return m;
}
