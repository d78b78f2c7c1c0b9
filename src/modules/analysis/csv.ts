// Reading an uploaded incident CSV (≤ 10 MB) into typed arrays for the analysis engine.
//
// Format: a header line naming the columns, then one incident per row — `lat,lon[,ts][,category]`
// (any order; a `weight` column is also read). Delimiter "," or, when the header has no comma, ";"
// (Swedish spreadsheet exports, with decimal commas) or tab. RFC 4180 quotes, LF or CRLF, a UTF-8
// BOM and blank lines are accepted. Line numbers are physical lines, the header being line 1.
//
// A row whose lat or lon is missing or not a number is skipped and reported (count and the first
// line numbers), never dropped silently. A `ts` that is not an ISO 8601 date or timestamp keeps the
// row for the plain hot spot analysis and is reported by the emerging analysis.
//
// The parser yields to the event loop every few thousand rows, so reading a large file never holds
// up other requests for long; the computation itself runs in a worker thread (service.ts).
import { splitCsvText, stockholmDayFromIso } from "../../analysis/index.ts";

export const COLUMNS = {
  lat: ["lat", "latitude", "latitud"],
  lon: ["lon", "lng", "long", "longitude", "longitud"],
  ts: ["ts", "timestamp", "time", "datetime", "tid", "tidpunkt", "date", "datum"],
  category: ["category", "kategori", "typ", "type"],
  weight: ["weight", "vikt"],
} as const;

/** How many skipped line numbers are kept for the report. */
export const SKIPPED_KEEP = 10;
/** How many distinct categories are remembered. */
export const MAX_CATEGORIES = 100;
const YIELD_EVERY = 20_000;

export type CsvHeaderInfo = { delimiter: string; lat: number; lon: number; ts: number; category: number; weight: number };

export type HeaderOutcome = { kind: "ok"; header: CsvHeaderInfo } | { kind: "empty" } | { kind: "missingColumns"; found: string[] };

export type ParsedIncidents = {
  /** Data rows read (blank lines not counted). */
  rows: number;
  lat: Float64Array;
  lon: Float64Array;
  weight?: Float64Array;
  /** Stockholm local day number per row (NaN = no or bad timestamp); only when the file has a ts column. */
  day?: Float64Array;
  /** Physical line of each row. */
  line: Int32Array;
  /** Lower-cased category per row ("" when none); only when the file has a category column. */
  category?: string[];
  /** Distinct categories in file order (at most MAX_CATEGORIES). */
  categories: string[];
  /** Rows skipped for missing or non-numeric coordinates. */
  bad: { count: number; first: number[] };
  hasTs: boolean;
};

function splitFields(line: string, delimiter: string): string[] {
  return line.indexOf('"') < 0 ? line.split(delimiter) : splitCsvText(line, delimiter);
}

function findColumn(names: string[], aliases: readonly string[]): number {
  for (const a of aliases) {
    const i = names.indexOf(a);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * Logical records of the text, one at a time, with the physical line each starts on (a quoted
 * field may contain newlines; such a record continues on the next line). CR before LF is dropped.
 */
class RecordReader {
  readonly text: string;
  readonly quotes: boolean;
  pos: number;
  lineNo = 1;
  /** Physical line of the record last returned by next(). */
  line = 0;
  constructor(text: string) {
    this.text = text;
    this.quotes = text.includes('"');
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }
  next(): string | null {
    const text = this.text;
    const n = text.length;
    if (this.pos >= n) return null;
    this.line = this.lineNo;
    let end = text.indexOf("\n", this.pos);
    if (end < 0) end = n;
    let rec = text.slice(this.pos, end);
    this.pos = end + 1;
    this.lineNo++;
    if (this.quotes && rec.indexOf('"') >= 0) {
      // A record with an odd number of quotes continues on the next line.
      let q = 0;
      for (let i = 0; i < rec.length; i++) if (rec.charCodeAt(i) === 34) q++;
      while (q % 2 === 1 && this.pos < n) {
        let next = text.indexOf("\n", this.pos);
        if (next < 0) next = n;
        const more = text.slice(this.pos, next);
        for (let i = 0; i < more.length; i++) if (more.charCodeAt(i) === 34) q++;
        rec += `\n${more}`;
        this.pos = next + 1;
        this.lineNo++;
      }
    }
    return rec.charCodeAt(rec.length - 1) === 13 ? rec.slice(0, -1) : rec;
  }
}

/** The fields 0 … maxCol of an unquoted record, into `out` (reused; later fields are not cut out). */
function fieldsUpTo(rec: string, delimiter: string, maxCol: number, out: string[]): string[] {
  out.length = 0;
  let start = 0;
  for (let col = 0; col <= maxCol; col++) {
    const end = rec.indexOf(delimiter, start);
    if (end < 0) {
      out.push(rec.slice(start));
      break;
    }
    out.push(rec.slice(start, end));
    start = end + 1;
  }
  return out;
}

function firstRecord(text: string): string | undefined {
  return new RecordReader(text).next() ?? undefined;
}

function isBlank(s: string): boolean {
  return s.length === 0 || (s.charCodeAt(0) <= 32 && s.trim() === "");
}

/** Local ISO dates and times without an offset ("2025-10-03", "2025-10-03T21:15"): the day is the date. */
const LOCAL_TS = /^(\d{4}-\d{2}-\d{2})(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?)?$/;

/** Stockholm local day of a timestamp, with the common local form answered from a per-file cache. */
function dayOf(text: string, cache: Map<string, number>): number {
  const s = text.trim();
  if (s === "") return Number.NaN;
  const m = LOCAL_TS.exec(s);
  if (!m) return stockholmDayFromIso(s);
  const date = m[1] as string;
  let d = cache.get(date);
  if (d === undefined) {
    d = stockholmDayFromIso(date);
    cache.set(date, d);
  }
  return d;
}

/** The header of the file: delimiter and where lat, lon, ts, category and weight are. */
export function readHeader(text: string): HeaderOutcome {
  const h = firstRecord(text);
  if (h === undefined || isBlank(h)) return { kind: "empty" };
  const delimiter = h.includes(",") ? "," : h.includes(";") ? ";" : h.includes("\t") ? "\t" : ",";
  const names = splitFields(h, delimiter).map((s) => s.trim().toLowerCase());
  const lat = findColumn(names, COLUMNS.lat);
  const lon = findColumn(names, COLUMNS.lon);
  if (lat < 0 || lon < 0) return { kind: "missingColumns", found: names.filter(Boolean) };
  return {
    kind: "ok",
    header: {
      delimiter,
      lat,
      lon,
      ts: findColumn(names, COLUMNS.ts),
      category: findColumn(names, COLUMNS.category),
      weight: findColumn(names, COLUMNS.weight),
    },
  };
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A strict decimal number. The common form — optional sign, digits, one decimal point (or comma
 * with `decimalComma`), at most 15 digits — is read from the characters as an integer mantissa m
 * with k decimals and converted as m / 10ᵏ, one correctly rounded division (equal to Number(text));
 * anything else goes through the regular expression and Number.
 */
function parseNumber(text: string | undefined, decimalComma: boolean): number {
  if (text === undefined) return Number.NaN;
  const n = text.length;
  let i = 0;
  let neg = false;
  const c0 = text.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
  }
  let m = 0;
  let digits = 0;
  let k = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (k >= 0) k++;
    } else if ((c === 46 || (decimalComma && c === 44)) && k < 0) k = 0;
    else break;
  }
  if (i === n && digits > 0 && digits <= 15) {
    const v = k > 0 ? m / (POW10[k] as number) : m;
    return neg ? -v : v;
  }
  return parseNumberSlow(text, decimalComma);
}

function parseNumberSlow(text: string, decimalComma: boolean): number {
  let t = text.trim();
  if (decimalComma) t = t.replace(",", ".");
  return NUMBER_RE.test(t) ? Number(t) : Number.NaN;
}

/** Normalised category text (trimmed, lower case, inner spaces collapsed). */
export function normaliseCategory(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, " ");
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Parse the whole file (header already checked by {@link readHeader}). */
export async function parseIncidents(text: string, header: CsvHeaderInfo): Promise<ParsedIncidents> {
  const decimalComma = header.delimiter !== ",";
  let cap = 1024;
  let lat = new Float64Array(cap);
  let lon = new Float64Array(cap);
  let weight = header.weight >= 0 ? new Float64Array(cap) : undefined;
  let day = header.ts >= 0 ? new Float64Array(cap) : undefined;
  let line = new Int32Array(cap);
  const category: string[] | undefined = header.category >= 0 ? [] : undefined;
  const categories = new Set<string>();
  const bad = { count: 0, first: [] as number[] };
  let rows = 0;
  let m = 0;
  let sinceYield = 0;
  const grow = <T extends Float64Array | Int32Array>(a: T, size: number): T => {
    const b = new (a.constructor as new (n: number) => T)(size);
    b.set(a);
    return b;
  };
  const days = new Map<string, number>();
  const normalised = new Map<string, string>();
  const reader = new RecordReader(text);
  reader.next(); // the header
  const maxCol = Math.max(header.lat, header.lon, header.ts, header.category, header.weight);
  const fieldBuf: string[] = [];
  for (let rec = reader.next(); rec !== null; rec = reader.next()) {
    if (isBlank(rec)) continue;
    rows++;
    if (++sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await tick();
    }
    const lineNo = reader.line;
    const f = rec.indexOf('"') < 0 ? fieldsUpTo(rec, header.delimiter, maxCol, fieldBuf) : splitFields(rec, header.delimiter);
    const a = parseNumber(f[header.lat], decimalComma);
    const b = parseNumber(f[header.lon], decimalComma);
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      bad.count++;
      if (bad.first.length < SKIPPED_KEEP) bad.first.push(lineNo);
      continue;
    }
    if (m === cap) {
      cap *= 2;
      lat = grow(lat, cap);
      lon = grow(lon, cap);
      line = grow(line, cap);
      if (weight) weight = grow(weight, cap);
      if (day) day = grow(day, cap);
    }
    lat[m] = a;
    lon[m] = b;
    line[m] = lineNo;
    if (weight) {
      const w = f[header.weight];
      weight[m] = w === undefined || w.trim() === "" ? 1 : parseNumber(w, decimalComma);
    }
    if (day) {
      const ts = f[header.ts];
      day[m] = ts === undefined ? Number.NaN : dayOf(ts, days);
    }
    if (category) {
      const raw = f[header.category] ?? "";
      let c = normalised.get(raw);
      if (c === undefined) {
        c = normaliseCategory(raw);
        if (normalised.size < 10_000) normalised.set(raw, c);
      }
      category.push(c);
      if (c && categories.size < MAX_CATEGORIES) categories.add(c);
    }
    m++;
  }
  const out: ParsedIncidents = {
    rows,
    lat: lat.slice(0, m),
    lon: lon.slice(0, m),
    line: line.slice(0, m),
    categories: [...categories],
    bad,
    hasTs: header.ts >= 0,
  };
  if (weight) out.weight = weight.slice(0, m);
  if (day) out.day = day.slice(0, m);
  if (category) out.category = category;
  return out;
}

/** Keep only the rows whose category is one of `wanted` (normalised); returns a new set and how many were left out. */
export function filterByCategory(p: ParsedIncidents, wanted: readonly string[]): { incidents: ParsedIncidents; filtered: number } {
  if (wanted.length === 0 || !p.category) return { incidents: p, filtered: 0 };
  const want = new Set(wanted.map(normaliseCategory));
  const keep: number[] = [];
  for (let i = 0; i < p.category.length; i++) if (want.has(p.category[i] as string)) keep.push(i);
  const pick = <T extends Float64Array | Int32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(keep.length);
    for (let k = 0; k < keep.length; k++) b[k] = a[keep[k] as number] as number;
    return b;
  };
  const incidents: ParsedIncidents = {
    ...p,
    lat: pick(p.lat),
    lon: pick(p.lon),
    line: pick(p.line),
    category: keep.map((i) => p.category![i] as string),
  };
  if (p.weight) incidents.weight = pick(p.weight);
  if (p.day) incidents.day = pick(p.day);
  return { incidents, filtered: p.lat.length - keep.length };
}
