/**
 * Byte-level CSV scanning for large incident files: pure functions on Uint8Array buffers (the
 * caller reads the file in chunks; nothing here does I/O).
 *
 * Format: RFC 4180 with a header line; delimiter ",", or ";" / tab when the header has no comma
 * (Swedish spreadsheet exports use ";" with decimal commas, which are then accepted in numbers);
 * LF or CRLF line ends; quoted fields (also with embedded delimiters, quotes and newlines); blank
 * lines are ignored. Line numbers are physical lines of the file, the header being line 1.
 *
 * Numbers are parsed straight from the bytes: [+-]digits[.digits] with at most 15 significant
 * digits is read as an integer mantissa m and a count of decimals k and converted as m / 10ᵏ — one
 * correctly rounded IEEE division of two exact doubles, so the result equals `Number(text)`.
 * Anything else (exponents, more digits, quotes, spaces) falls back to a strict regular expression
 * and `Number`. A field that is not a number gives NaN and the row is reported as bad.
 *
 * Rows are skipped to their end four bytes at a time (SWAR: a word w contains a '\n' byte iff
 * ((w ^ 0x0a0a0a0a) − 0x01010101) & ~(w ^ 0x0a0a0a0a) & 0x80808080 ≠ 0) when the chunk contains no
 * quote character, byte by byte (quote-aware) otherwise.
 */
import { emptySkipped, SKIPPED_KEEP, type SkippedPoints } from "./points.ts";
import { stockholmDayFromIso } from "./iso-week.ts";

const NL = 10;
const CR = 13;
const QUOTE = 34;

const POW10 = new Float64Array(23);
POW10[0] = 1;
for (let i = 1; i < 23; i++) POW10[i] = POW10[i - 1] * 10;

/** Parsed header line. */
export interface CsvHeader {
  /** Column names, trimmed and lower-cased, quotes removed. */
  names: string[];
  /** Delimiter byte (44 ",", 59 ";" or 9 tab). */
  delimiter: number;
  /** Byte offset of the first data line. */
  dataStart: number;
}

/** Split one text line into fields (RFC 4180 quotes). */
export function splitCsvText(line: string, delimiter = ","): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Parse the header from the start of a file (`length` bytes available). Returns undefined when the
 * first line is not complete within the bytes given (and `eof` is false).
 */
export function parseCsvHeader(buf: Uint8Array, length: number, eof: boolean): CsvHeader | undefined {
  let end = 0;
  while (end < length && buf[end] !== NL) end++;
  if (end === length && !eof) return undefined;
  let start = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3; // UTF-8 BOM
  let lineEnd = end;
  if (lineEnd > start && buf[lineEnd - 1] === CR) lineEnd--;
  const text = new TextDecoder().decode(buf.subarray(start, lineEnd));
  const delimiter = text.includes(",") ? "," : text.includes(";") ? ";" : text.includes("\t") ? "\t" : ",";
  const names = splitCsvText(text, delimiter).map((s) => s.trim().toLowerCase());
  return { names, delimiter: delimiter.charCodeAt(0), dataStart: Math.min(end + 1, length) };
}

/** Index of the first column whose name is one of `aliases`, or −1. */
export function findColumn(names: readonly string[], aliases: readonly string[]): number {
  for (const a of aliases) {
    const i = names.indexOf(a);
    if (i >= 0) return i;
  }
  return -1;
}

/** Accepted names of the columns (lower case). */
export const COLUMN_ALIASES = {
  lat: ["lat", "latitude", "latitud"],
  lon: ["lon", "lng", "long", "longitude", "longitud"],
  n: ["n", "north", "northing", "y_sweref", "nord"],
  e: ["e", "east", "easting", "x_sweref", "ost", "öst"],
  x: ["x"],
  y: ["y"],
  value: ["value", "värde", "varde", "count", "antal"],
  weight: ["weight", "vikt", "w"],
  ts: ["ts", "timestamp", "time", "datetime", "tid", "tidpunkt", "date", "datum"],
} as const;

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Strict number from field text (trimmed; decimal comma allowed when `decimalComma`). */
export function parseNumberText(text: string, decimalComma: boolean): number {
  let t = text.trim();
  if (decimalComma) t = t.replace(",", ".");
  return NUMBER_RE.test(t) ? Number(t) : Number.NaN;
}

/** Where to find the values a row parser extracts; −1 = not used. */
export interface RowColumns {
  /** First coordinate (lat, n or x). */
  a: number;
  /** Second coordinate (lon, e or y). */
  b: number;
  /** Weight or value column. */
  w: number;
  /** Timestamp column (parsed to a Stockholm local day number). */
  t: number;
}

/** Output of {@link RowParser.parse}: one batch of rows. */
export interface RowBatch {
  capacity: number;
  n: number;
  a: Float64Array;
  b: Float64Array;
  w: Float64Array;
  day: Float64Array;
  /** Physical line number of each row. */
  line: Int32Array;
  /** Byte offsets of each row in the buffer passed to parse (only with keepOffsets). */
  rowStart: Int32Array;
  rowEnd: Int32Array;
}

export function createRowBatch(capacity: number, keepOffsets = false): RowBatch {
  return {
    capacity,
    n: 0,
    a: new Float64Array(capacity),
    b: new Float64Array(capacity),
    w: new Float64Array(capacity),
    day: new Float64Array(capacity),
    line: new Int32Array(capacity),
    rowStart: new Int32Array(keepOffsets ? capacity : 0),
    rowEnd: new Int32Array(keepOffsets ? capacity : 0),
  };
}

/** A batch whose coordinate and line arrays are given (e.g. views into WebAssembly memory). */
export function rowBatchOn(a: Float64Array, b: Float64Array, line: Int32Array): RowBatch {
  const capacity = a.length;
  return {
    capacity,
    n: 0,
    a,
    b,
    w: new Float64Array(capacity),
    day: new Float64Array(capacity),
    line,
    rowStart: new Int32Array(0),
    rowEnd: new Int32Array(0),
  };
}

/**
 * Incremental row parser. Call {@link parse} with a buffer whose bytes [from, to) are file data
 * and with one spare byte at `to` (the parser puts a '\n' sentinel there and restores it). It
 * fills the batch with the rows whose fields parse as numbers (and timestamps), records rows that
 * do not in `bad` / `short`, and returns the offset of the first row it did not consume — because
 * the batch is full or because the row is not complete before `to` (unless `eof`, where the last
 * row may lack its newline).
 */
export class RowParser {
  readonly cols: RowColumns;
  readonly delimiter: number;
  readonly keepOffsets: boolean;
  /** Rows with unparsable fields (line numbers). */
  readonly bad: SkippedPoints = emptySkipped();
  /** Rows with fewer fields than needed (line numbers). */
  readonly short: SkippedPoints = emptySkipped();
  private readonly maxCol: number;
  // state[0] = rows in batch, [1] = line of next row, [2] = bad rows, [3] = short rows, [4] = quote seen
  private readonly state = new Float64Array(5);
  private readonly badFirst = new Int32Array(SKIPPED_KEEP);
  private readonly shortFirst = new Int32Array(SKIPPED_KEEP);

  constructor(cols: RowColumns, delimiter: number, firstLine: number, keepOffsets = false) {
    this.cols = cols;
    this.delimiter = delimiter;
    this.keepOffsets = keepOffsets;
    this.state[1] = firstLine;
    this.maxCol = Math.max(cols.a, cols.b, cols.w, cols.t);
  }

  /** Line number of the next row. */
  get line(): number {
    return this.state[1];
  }

  set line(v: number) {
    this.state[1] = v;
  }

  /** Row with the largest column index this parser needs. */
  get lastColumn(): number {
    return this.maxCol;
  }

  /** Whether any chunk contained a quote character. */
  get sawQuote(): boolean {
    return this.state[4] !== 0;
  }

  /**
   * Parse rows of buf[from, to) into `batch` (appending from batch.n). See class comment.
   * `hasQuote` tells whether buf[from, to) contains a '"' when the caller knows it cheaply (Node's
   * Buffer#indexOf is memchr); otherwise the bytes are scanned here.
   */
  parse(buf: Uint8Array, from: number, to: number, eof: boolean, batch: RowBatch, hasQuote?: boolean): number {
    if (to >= buf.length) throw new RangeError("RowParser.parse needs one spare byte after `to`");
    const saved = buf[to];
    buf[to] = NL; // sentinel
    const st = this.state;
    st[0] = batch.n;
    const quoted = hasQuote ?? containsByte(buf, from, to, QUOTE);
    if (quoted) st[4] = 1;
    // Word view for the SWAR scan: only when the chunk has no quotes, the buffer is 4-aligned and
    // the sentinel's word lies inside it.
    const words = !quoted && (buf.byteOffset & 3) === 0 && to + 4 <= buf.length ? new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2) : EMPTY_WORDS;
    const badBefore = st[2];
    const shortBefore = st[3];
    let pos: number;
    try {
      pos = scanRows(
        buf,
        words,
        from,
        to,
        eof ? 1 : 0,
        this.delimiter,
        this.delimiter !== 44 ? 1 : 0,
        this.cols.a,
        this.cols.b,
        this.cols.w,
        this.cols.t,
        this.maxCol,
        batch.a,
        batch.b,
        batch.w,
        batch.day,
        batch.line,
        this.keepOffsets ? batch.rowStart : EMPTY_I32,
        this.keepOffsets ? batch.rowEnd : EMPTY_I32,
        batch.capacity,
        st,
        this.badFirst,
        this.shortFirst,
      );
    } finally {
      buf[to] = saved;
    }
    batch.n = st[0];
    syncSkipped(this.bad, st[2] - badBefore, this.badFirst, st[2]);
    syncSkipped(this.short, st[3] - shortBefore, this.shortFirst, st[3]);
    return pos;
  }
}

function containsByte(buf: Uint8Array, from: number, to: number, byte: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] === byte) return true;
  return false;
}

const EMPTY_WORDS = new Int32Array(0);
const EMPTY_I32 = new Int32Array(0);

function syncSkipped(s: SkippedPoints, added: number, first: Int32Array, total: number): void {
  if (added <= 0) return;
  s.count = total;
  const keep = Math.min(total, SKIPPED_KEEP);
  s.first = Array.from(first.subarray(0, keep));
}

/**
 * The row loop (see RowParser). A plain function over typed arrays and numbers only, so that V8
 * optimises it once and never meets an object shape it has no feedback for.
 */
function scanRows(
  buf: Uint8Array,
  words: Int32Array,
  from: number,
  to: number,
  eof: number,
  delim: number,
  decimalComma: number,
  ca: number,
  cb: number,
  cw: number,
  ct: number,
  maxCol: number,
  A: Float64Array,
  B: Float64Array,
  W: Float64Array,
  D: Float64Array,
  L: Int32Array,
  RS: Int32Array,
  RE: Int32Array,
  cap: number,
  st: Float64Array,
  badFirst: Int32Array,
  shortFirst: Int32Array,
): number {
  const useWords = words.length > 0;
  const keepOffsets = RS.length > 0;
  const storeW = cw >= 0;
  const storeD = ct >= 0;
  let n = st[0] | 0; // small integers: keep them int32 for the keyed stores below
  let line = st[1] | 0;
  let pos = from | 0;
  while (pos < to && n < cap) {
    const rowStart = pos;
    let c = buf[pos];
    if (c === NL || (c === CR && buf[pos + 1] === NL)) {
      // Blank line.
      pos += c === NL ? 1 : 2;
      if (pos > to) break;
      line++;
      st[1] = line;
      continue;
    }
    let f = 0;
    let ok = 1;
    let missing = 0;
    let va = Number.NaN;
    let vb = Number.NaN;
    let vw = 1;
    let vd = Number.NaN;
    let rowLines = 0;
    for (;;) {
      c = buf[pos];
      if (f === ca || f === cb || f === cw) {
        // Fast number: [+-]digits[.digits], ≤ 15 digits, directly followed by the field's end.
        let p = pos;
        let ch = c;
        let neg = 0;
        if (ch === 45) {
          neg = 1;
          ch = buf[++p];
        } else if (ch === 43) ch = buf[++p];
        let m = 0;
        let digits = 0;
        let frac = 0;
        while (ch >= 48 && ch <= 57) {
          m = m * 10 + (ch - 48);
          digits++;
          ch = buf[++p];
        }
        if (ch === 46 || (ch === 44 && decimalComma === 1)) {
          ch = buf[++p];
          while (ch >= 48 && ch <= 57) {
            m = m * 10 + (ch - 48);
            digits++;
            frac++;
            ch = buf[++p];
          }
        }
        let v: number;
        if (digits > 0 && digits <= 15 && (ch === delim || ch === NL || ch === CR)) {
          v = m / POW10[frac];
          if (neg === 1) v = -v;
          pos = p;
        } else {
          const end = fieldEnd(buf, pos, to, delim);
          if (end < 0) return incomplete(st, n, line, rowStart);
          rowLines += countNewlines(buf, pos, end);
          v = parseNumberText(fieldText(buf, pos, end), decimalComma === 1);
          pos = end;
        }
        if (f === ca) va = v;
        else if (f === cb) vb = v;
        else vw = v;
        if (Number.isNaN(v)) ok = 0;
      } else if (f === ct) {
        const end = fieldEnd(buf, pos, to, delim);
        if (end < 0) return incomplete(st, n, line, rowStart);
        rowLines += countNewlines(buf, pos, end);
        vd = stockholmDayFromIso(fieldText(buf, pos, end));
        if (Number.isNaN(vd)) ok = 0;
        pos = end;
      } else if (c === QUOTE) {
        const end = fieldEnd(buf, pos, to, delim);
        if (end < 0) return incomplete(st, n, line, rowStart);
        rowLines += countNewlines(buf, pos, end);
        pos = end;
      } else {
        while (c !== delim && c !== NL) c = buf[++pos];
        if (c === NL && buf[pos - 1] === CR) pos--;
      }
      // Now at a delimiter, CR or NL (or the sentinel).
      if (f >= maxCol) break;
      if (buf[pos] === delim) {
        pos++;
        f++;
        continue;
      }
      missing = 1;
      break;
    }
    // Skip to the end of the row.
    if (buf[pos] !== NL) {
      if (useWords) {
        // SWAR scan for '\n' (no quotes in this chunk).
        while ((pos & 3) !== 0 && buf[pos] !== NL) pos++;
        if (buf[pos] !== NL) {
          let wi = pos >> 2;
          for (;;) {
            const x = words[wi] ^ 0x0a0a0a0a;
            const hit = (x - 0x01010101) & ~x & 0x80808080;
            if (hit !== 0) {
              pos = (wi << 2) + ((31 - Math.clz32(hit & -hit)) >> 3);
              break;
            }
            wi++;
          }
        }
      } else {
        for (;;) {
          c = buf[pos];
          if (c === NL) break;
          if (c === QUOTE) {
            const end = fieldEnd(buf, pos, to, delim);
            if (end < 0) return incomplete(st, n, line, rowStart);
            rowLines += countNewlines(buf, pos, end);
            pos = end;
          } else pos++;
        }
      }
    }
    // pos is at the row's '\n' (possibly the sentinel at `to`).
    if (pos >= to && eof === 0) return incomplete(st, n, line, rowStart);
    const rowLine = line;
    line += 1 + rowLines;
    if (missing === 1) {
      const k = st[3];
      if (k < SKIPPED_KEEP) shortFirst[k] = rowLine;
      st[3] = k + 1;
    } else if (ok === 0) {
      const k = st[2];
      if (k < SKIPPED_KEEP) badFirst[k] = rowLine;
      st[2] = k + 1;
    } else {
      A[n] = va;
      B[n] = vb;
      if (storeW) W[n] = vw;
      if (storeD) D[n] = vd;
      L[n] = rowLine;
      if (keepOffsets) {
        RS[n] = rowStart;
        RE[n] = pos > rowStart && buf[pos - 1] === CR ? pos - 1 : pos;
      }
      n++;
    }
    pos++;
    // State is kept current on every row (not only at the exit), so that the optimised loop
    // never leaves through a store it has no type feedback for.
    st[0] = n;
    st[1] = line;
  }
  return Math.min(pos, to);
}

function incomplete(st: Float64Array, n: number, line: number, rowStart: number): number {
  st[0] = n;
  st[1] = line;
  return rowStart;
}

/** End of the field starting at `pos` (at its delimiter / CR / NL); −1 if it runs past `to`. */
function fieldEnd(buf: Uint8Array, pos: number, to: number, delim: number): number {
  let p = pos;
  while (buf[p] === 32) p++;
  if (buf[p] === QUOTE) {
    p++;
    for (;;) {
      if (p >= to) return -1;
      if (buf[p] === QUOTE) {
        if (buf[p + 1] === QUOTE) p += 2;
        else {
          p++;
          break;
        }
      } else p++;
    }
  }
  for (;;) {
    const c = buf[p];
    if (c === delim || c === NL) break;
    p++;
  }
  if (buf[p] === NL && p > pos && buf[p - 1] === CR) p--;
  return p;
}

function countNewlines(buf: Uint8Array, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (buf[i] === NL) k++;
  return k;
}

/** Text of a field (unquoted, "" → "); Latin-1 is enough for numbers and timestamps. */
function fieldText(buf: Uint8Array, from: number, to: number): string {
  let s = "";
  let p = from;
  while (p < to && buf[p] === 32) p++;
  if (buf[p] === QUOTE) {
    p++;
    while (p < to) {
      const c = buf[p];
      if (c === QUOTE) {
        if (buf[p + 1] === QUOTE) {
          s += '"';
          p += 2;
          continue;
        }
        p++;
        break;
      }
      s += String.fromCharCode(c);
      p++;
    }
  }
  while (p < to) s += String.fromCharCode(buf[p++]);
  return s;
}
