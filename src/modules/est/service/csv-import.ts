// A coordinator's upload of partner reports as a CSV file (an export of another reporting tool,
// a partner's spreadsheet), read with the analysis module's reader: a header naming the columns,
// then one incident per row — lat, lon, a date or time (ts/datum/tid …) and a category (the key,
// or the Swedish or English label of one of the tenant's categories). The reader keeps the date
// of each row as its Stockholm day; the report's time is that day (00:00–24:00 as a span).
//
// All or nothing: a file with any row that cannot be stored (no coordinates, outside the
// municipality, no or a future date, an unknown category) stores nothing and lists the problems
// with their line numbers, so the fixed file can be uploaded again without duplicates. The same
// file twice is refused (its SHA-256 is kept). Rows come in as origin "csv", assessment "osäkert",
// outdoors, with no description.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { parseIncidents, readHeader } from "../../analysis/index.ts";
import { describePosition, listOrganisations, listPlaces, municipalityAt } from "../../tenants/index.ts";
import { isoDate, stockholmLocalToInstant, today } from "../domain/time.ts";
import { can } from "../policy.ts";
import { findBatchBySha, insertBatch } from "../repo/reports.ts";
import { categoryFromText, estSettings } from "../settings.ts";
import type { TenantFacts } from "./reports.ts";

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;
/** At most this many problems are listed (the count says how many there were). */
export const MAX_LISTED_PROBLEMS = 25;

export type RowProblem = { line: number; key: string; params?: Record<string, string | number> };

export type CsvOutcome =
  | { kind: "ok"; batchId: string; rows: number }
  | { kind: "forbidden" }
  | { kind: "tooLarge" }
  | { kind: "empty" }
  | { kind: "notText" }
  | { kind: "missingColumns"; found: string[]; missing: string[] }
  | { kind: "tooManyRows"; rows: number }
  | { kind: "duplicateFile"; filename: string; at: Date }
  | { kind: "unknownOrganisation" }
  | { kind: "rowProblems"; problems: RowProblem[]; total: number; rows: number };

export async function importReportsCsv(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  upload: { filename: string; data: Buffer; truncated: boolean; organisationId: string },
  now: Date = new Date(),
): Promise<CsvOutcome> {
  if (!can(actor, "reports.upload", { tenant_id: tenant.id })) return { kind: "forbidden" };
  if (upload.truncated || upload.data.length > MAX_CSV_BYTES) return { kind: "tooLarge" };
  if (upload.data.length === 0) return { kind: "empty" };
  const orgs = await listOrganisations(db, tenant.id);
  if (!orgs.some((o) => o.id === upload.organisationId)) return { kind: "unknownOrganisation" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(upload.data);
  } catch {
    return { kind: "notText" };
  }
  if (text.includes("\u0000")) return { kind: "notText" };
  const header = readHeader(text);
  if (header.kind === "empty") return { kind: "empty" };
  if (header.kind === "missingColumns") return { kind: "missingColumns", found: header.found, missing: ["lat", "lon"] };
  const missing = [header.header.ts < 0 ? "ts" : "", header.header.category < 0 ? "kategori" : ""].filter(Boolean);
  if (missing.length) return { kind: "missingColumns", found: [], missing };
  const sha256 = createHash("sha256").update(upload.data).digest("hex");
  const before = await findBatchBySha(db, tenant.id, sha256);
  if (before) return { kind: "duplicateFile", filename: before.filename, at: new Date(before.created_at) };

  const parsed = await parseIncidents(text, header.header);
  if (parsed.rows > MAX_CSV_ROWS) return { kind: "tooManyRows", rows: parsed.rows };
  if (parsed.rows === 0) return { kind: "empty" };
  const settings = estSettings(tenant);
  const problems: RowProblem[] = [];
  let total = 0;
  const note = (p: RowProblem) => {
    total++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push(p);
  };
  for (const line of parsed.bad.first) note({ line, key: "est.csv.error.coordinates" });
  total += Math.max(0, parsed.bad.count - parsed.bad.first.length);
  const last = today(now);
  const rows: Array<{ line: number; lat: number; lon: number; day: number; category: string }> = [];
  for (let i = 0; i < parsed.lat.length; i++) {
    const line = parsed.line[i]!;
    const lat = parsed.lat[i]!;
    const lon = parsed.lon[i]!;
    const day = parsed.day?.[i] ?? Number.NaN;
    const raw = parsed.category?.[i] ?? "";
    const category = categoryFromText(settings, raw);
    if (!Number.isFinite(day)) note({ line, key: "est.csv.error.date" });
    else if (day > last) note({ line, key: "est.csv.error.future", params: { date: isoDate(day) } });
    else if (!category) note({ line, key: "est.csv.error.category", params: { category: raw || "–" } });
    else if (municipalityAt(lat, lon)?.kommunkod !== tenant.kommunkod) note({ line, key: "est.csv.error.outside", params: { tenant: tenant.name } });
    else rows.push({ line, lat, lon, day, category: category.key });
  }
  if (total > 0) return { kind: "rowProblems", problems: problems.sort((a, b) => a.line - b.line), total, rows: parsed.rows };

  const places = await listPlaces(db, tenant.id);
  const batchId = await db.transaction().execute(async (trx) => {
    const id = await insertBatch(trx, tenant.id, {
      organisationId: upload.organisationId,
      filename: upload.filename.replace(/[\u0000-\u001f]/g, "").slice(0, 200) || "rapporter.csv",
      sha256,
      rows: rows.length,
      createdBy: actor.userId,
    });
    const values = rows.map((r) => {
      const [y, m, d] = isoDate(r.day).split("-").map(Number) as [number, number, number];
      const [y2, m2, d2] = isoDate(r.day + 1)
        .split("-")
        .map(Number) as [number, number, number];
      const { n, e } = latLonToSweref(r.lat, r.lon);
      return {
        tenant_id: tenant.id,
        organisation_id: upload.organisationId,
        reporter_id: actor.userId,
        origin: "csv" as const,
        batch_id: id,
        occurred_from: stockholmLocalToInstant(y, m, d, 0, 0),
        occurred_to: new Date(stockholmLocalToInstant(y2, m2, d2, 0, 0).getTime() - 60_000),
        day: r.day,
        category: r.category,
        place_id: null,
        place_name: describePosition(places, r.lat, r.lon, "sv"),
        setting: "utomhus" as const,
        lat: r.lat,
        lon: r.lon,
        n,
        e,
        description: "",
        assessment: "osakert" as const,
        people_min: null,
        people_max: null,
      };
    });
    for (let k = 0; k < values.length; k += 500) {
      const chunk = values.slice(k, k + 500);
      const ids = await trx.insertInto("est_reports").values(chunk).returning("id").execute();
      await trx
        .insertInto("est_report_events")
        .values(
          ids.map((r, j) => ({
            tenant_id: tenant.id,
            document_id: r.id,
            action: "imported",
            actor_id: actor.userId,
            actor_name: actor.name,
            note: `${upload.filename.slice(0, 100)}, rad ${rows[k + j]!.line}`,
            changes: "{}",
          })),
        )
        .execute();
    }
    return id;
  });
  return { kind: "ok", batchId, rows: rows.length };
}
