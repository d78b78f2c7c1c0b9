// Sending a table as a CSV download: RFC 4180, or the Swedish Excel dialect with ?format=excel.
//
// SEAM: the platform's one CSV writer (src/platform/csv.ts, with the formula guard and the
// Excel dialect) is on its way to main. Until it lands, `writeTable` below is the single place
// EST writes CSV, following the same rules (RFC 4180 quoting, a leading apostrophe for text that
// a spreadsheet would run as a formula, BOM + semicolon + decimal comma for Excel). When
// src/platform/csv.ts exists, `writeTable` becomes `writeCsv(header, rows, csvDialectOf(format))`
// and this comment goes.
import type { FastifyReply } from "fastify";
import type { Table } from "../service/exports.ts";

type Dialect = "rfc4180" | "excel";

const FORMULA_START = /^\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function cell(v: string | number | null, dialect: Dialect): string {
  if (v === null) return "";
  if (typeof v === "number") {
    const s = Number.isFinite(v) ? String(v) : "";
    return dialect === "excel" ? s.replace(".", ",") : s;
  }
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  const sep = dialect === "excel" ? ";" : ",";
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text in the dialect. */
export function writeTable(table: Table, dialect: Dialect): string {
  const sep = dialect === "excel" ? ";" : ",";
  const line = (row: ReadonlyArray<string | number | null>) => `${row.map((v) => cell(v, dialect)).join(sep)}\r\n`;
  return (dialect === "excel" ? "\uFEFF" : "") + line(table.header) + table.rows.map(line).join("");
}

export function dialectOf(format: unknown): Dialect {
  return format === "excel" ? "excel" : "rfc4180";
}

export function sendCsvTable(reply: FastifyReply, table: Table, filename: string, format: unknown): FastifyReply {
  const dialect = dialectOf(format);
  const name = dialect === "excel" ? filename.replace(/\.csv$/, "-excel.csv") : filename;
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}"`)
    .header("cache-control", "private, no-store")
    .send(writeTable(table, dialect));
}
