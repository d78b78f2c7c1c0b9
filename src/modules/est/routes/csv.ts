// Sending a table as a CSV download through the platform's one writer (src/platform/csv.ts):
// RFC 4180, or the Swedish Excel dialect with ?format=excel; text cells guarded against formulas.
import type { FastifyReply } from "fastify";
import { CSV_CONTENT_TYPE, csvDialectOf, csvFilename, writeCsv } from "../../../platform/csv.ts";
import type { Table } from "../service/exports.ts";

export function sendCsvTable(reply: FastifyReply, table: Table, filename: string, format: unknown): FastifyReply {
  const dialect = csvDialectOf(format);
  return reply
    .type(CSV_CONTENT_TYPE)
    .header("content-disposition", `attachment; filename="${csvFilename(filename, dialect)}"`)
    .header("cache-control", "private, no-store")
    .send(writeCsv(table.header, table.rows, dialect));
}
