// The lägesbild's reads: the sources' rows (src/platform/incidents/sources.ts) composed into one
// UNION ALL and aggregated in SQL — counts per source, category and week; counts per grid cell
// and week of the already-projected SWEREF 99 TM columns for the engine; the week's points for
// the map. Each source filters its own tenant and days, so every branch uses its table's
// (tenant_id, day) index.
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { DayRange, IncidentRow, IncidentSource } from "../../../platform/incidents/sources.ts";

function union(tenantId: string, sources: readonly IncidentSource[], ranges: readonly DayRange[]): RawBuilder<IncidentRow & { source: string }> {
  const parts = sources.flatMap((s) => ranges.map((r) => sql`select ${s.key}::text as source, q.* from (${s.rows(tenantId, r)}) q`));
  return sql<IncidentRow & { source: string }>`${sql.join(parts, sql` union all `)}`;
}

export type WeekCount = { source: string; category: string; week: number; count: number };

/**
 * Counts per source, category and running week ((day + 3) / 7) over the day ranges. Each branch
 * (a source over one range) is counted on its own: the ranges do not overlap and the sources'
 * keys differ, so the branches' groups are disjoint, and the rows never pass through an append.
 */
export async function countsByWeek(db: Kysely<DB>, tenantId: string, sources: readonly IncidentSource[], ranges: readonly DayRange[]): Promise<WeekCount[]> {
  if (sources.length === 0) return [];
  const parts = sources.flatMap((s) =>
    ranges.map(
      (r) => sql`select ${s.key}::text as source, category, (day + 3) / 7 as week, count(*)::int as count from (${s.rows(tenantId, r)}) q group by 2, 3`,
    ),
  );
  const r = await sql<WeekCount>`${sql.join(parts, sql` union all `)}`.execute(db);
  return r.rows;
}

export type CellWeekCount = WeekCount & { ix: number; iy: number };

/** Counts per source, category, week and grid cell (incidents with a point only). */
export async function countsByWeekAndCell(
  db: Kysely<DB>,
  tenantId: string,
  sources: readonly IncidentSource[],
  ranges: readonly DayRange[],
  cellSize: number,
): Promise<CellWeekCount[]> {
  const withPoints = sources.filter((s) => s.hasPoints);
  if (withPoints.length === 0) return [];
  const r = await sql<CellWeekCount>`
    select source, category, (day + 3) / 7 as week,
           floor(e / ${cellSize})::int as ix, floor(n / ${cellSize})::int as iy, count(*)::int as count
    from (${union(tenantId, withPoints, ranges)}) i
    where n is not null and e is not null
    group by 1, 2, 3, 4, 5`.execute(db);
  return r.rows;
}

/**
 * Counts per grid cell and week of incidents with a point, as typed columns for the engine. One
 * text row per column ("1,2,3"): a few hundred thousand small rows cost far more to send as rows
 * than as four strings.
 */
export async function cellWeekColumns(
  db: Kysely<DB>,
  tenantId: string,
  sources: readonly IncidentSource[],
  range: DayRange,
  cellSize: number,
): Promise<{ ix: Int32Array; iy: Int32Array; week: Int32Array; count: Int32Array }> {
  const withPoints = sources.filter((s) => s.hasPoints);
  const empty = { ix: new Int32Array(0), iy: new Int32Array(0), week: new Int32Array(0), count: new Int32Array(0) };
  if (withPoints.length === 0) return empty;
  const r = await sql<{ ix: string | null; iy: string | null; week: string | null; count: string | null }>`
    select string_agg(ix::text, ',') as ix, string_agg(iy::text, ',') as iy,
           string_agg(week::text, ',') as week, string_agg(c::text, ',') as count
    from (
      select floor(e / ${cellSize})::int as ix, floor(n / ${cellSize})::int as iy, (day + 3) / 7 as week, count(*) as c
      from (${union(tenantId, withPoints, [range])}) i
      where n is not null and e is not null
      group by 1, 2, 3
    ) g`.execute(db);
  const row = r.rows[0];
  if (!row?.ix) return empty;
  return { ix: intColumn(row.ix), iy: intColumn(row.iy as string), week: intColumn(row.week as string), count: intColumn(row.count as string) };
}

/** "12,-3,40" → Int32Array [12, -3, 40] (no intermediate array of strings). */
export function intColumn(text: string): Int32Array {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out = new Int32Array(n);
  let k = 0;
  let v = 0;
  let neg = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) {
      out[k++] = neg ? -v : v;
      v = 0;
      neg = false;
    } else if (c === 45) neg = true;
    else v = v * 10 + (c - 48);
  }
  return out;
}

export type WeekPoint = { source: string; category: string; day: number; lat: number; lon: number; n: number; e: number };

/** The incidents with a point in the day range (the week's map and its named places). */
export async function pointsIn(db: Kysely<DB>, tenantId: string, sources: readonly IncidentSource[], range: DayRange): Promise<WeekPoint[]> {
  const withPoints = sources.filter((s) => s.hasPoints);
  if (withPoints.length === 0) return [];
  const r = await sql<WeekPoint>`
    select source, category, day, lat, lon, n, e
    from (${union(tenantId, withPoints, [range])}) i
    where n is not null and e is not null and lat is not null and lon is not null`.execute(db);
  return r.rows;
}

/**
 * Incidents with a point inside a SWEREF 99 TM box, per day (the evaluation of insatser and the
 * analysis pages: places are small, so the box keeps the rows few).
 */
export async function pointsInBox(
  db: Kysely<DB>,
  tenantId: string,
  sources: readonly IncidentSource[],
  range: DayRange,
  box: { minN: number; maxN: number; minE: number; maxE: number },
): Promise<Array<{ source: string; category: string; day: number; n: number; e: number }>> {
  const withPoints = sources.filter((s) => s.hasPoints);
  if (withPoints.length === 0) return [];
  const r = await sql<{ source: string; category: string; day: number; n: number; e: number }>`
    select source, category, day, n, e
    from (${union(tenantId, withPoints, [range])}) i
    where n between ${box.minN} and ${box.maxN} and e between ${box.minE} and ${box.maxE}`.execute(db);
  return r.rows;
}
