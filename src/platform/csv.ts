// The one CSV writer for everything Trygg lets people download. Two dialects:
//
//   rfc4180  RFC 4180: comma, CRLF line ends, fields with a comma, quote, CR or LF in double quotes
//            (quotes doubled); numbers with a decimal point. For programs and open data.
//   excel    what Excel with Swedish settings opens by double-click: UTF-8 byte order mark,
//            semicolon, decimal comma for numbers, CRLF, the same quoting.
//
// Both guard against formula injection (OWASP "CSV Injection"): a text cell that starts with
// = + - @ TAB or CR — also after leading spaces, and the full-width forms of = + - @ — gets a
// leading apostrophe, so a spreadsheet shows it as text instead of running it
// (`-1+HYPERLINK("http://x")`, `=cmd|' /C calc'!A0`). Numbers passed as numbers are values, not
// text: they are written as numbers (a real −1.5 stays −1.5 and stays summable). Everything else
// (dates, ids, labels) is passed as text and guarded.

export const CSV_DIALECTS = ["rfc4180", "excel"] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

/** A cell: text (guarded), a number (written as a number), or empty. */
export type CsvValue = string | number | boolean | null | undefined;

const SEPARATOR: Record<CsvDialect, string> = { rfc4180: ",", excel: ";" };
const BOM = "\uFEFF";
const EOL = "\r\n";

/** Text a spreadsheet would read as a formula (or as a control sequence before one). */
const FORMULA_START = /^\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text guarded against being read as a formula: a leading apostrophe when it could be one. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function formatNumber(n: number, dialect: CsvDialect): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
  const s = String(Object.is(n, -0) ? 0 : n);
  return dialect === "excel" ? s.replace(".", ",") : s;
}

/** One cell of a row in the dialect: guarded, then quoted when needed. */
export function csvCell(value: CsvValue, dialect: CsvDialect = "rfc4180"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    const s = formatNumber(value, dialect);
    // Non-finite values are text to a spreadsheet: guard "-Infinity" like any other text.
    return Number.isFinite(value) ? s : quote(guardFormula(s), dialect);
  }
  const text = typeof value === "boolean" ? String(value) : value;
  return quote(guardFormula(text), dialect);
}

function quote(s: string, dialect: CsvDialect): string {
  const sep = SEPARATOR[dialect];
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line (with its CRLF). */
export function csvRow(values: readonly CsvValue[], dialect: CsvDialect = "rfc4180"): string {
  return values.map((v) => csvCell(v, dialect)).join(SEPARATOR[dialect]) + EOL;
}

/** A whole file: header and rows; the Excel dialect starts with a byte order mark. */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, dialect: CsvDialect = "rfc4180"): string {
  const out: string[] = [dialect === "excel" ? BOM : "", csvRow(header, dialect)];
  for (const r of rows) out.push(csvRow(r, dialect));
  return out.join("");
}

/** The dialect asked for by a download address (`?format=excel`); RFC 4180 otherwise. */
export function csvDialectOf(format: unknown): CsvDialect {
  return format === "excel" ? "excel" : "rfc4180";
}

/** The file name of a download in the dialect (`x.csv` → `x-excel.csv`). */
export function csvFilename(base: string, dialect: CsvDialect): string {
  const stem = base.replace(/\.csv$/i, "");
  return dialect === "excel" ? `${stem}-excel.csv` : `${stem}.csv`;
}

/** Content type of a CSV download. */
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
