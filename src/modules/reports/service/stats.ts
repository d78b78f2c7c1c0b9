// Statistics for the lägesbild and the medborgarlöfte: reports by category, status, area, month
// and the time of day residents say a place feels unsafe; median time to a first response and to
// closure. Person-related categories follow the public rule: their running month is never
// counted, a count below the threshold is left out, and a total never gives a left-out count
// away. Medians are shown only over enough reports, and organisations are listed by name, never
// ranked.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { monthKey, monthKeys, monthStart, parseMonth, stockholmMonth } from "../domain/periods.ts";
import { median, suppressRow } from "../domain/stats.ts";
import { statRows, supportTimes } from "../repo/stats.ts";
import { isPersonRelated, type ReportsSettings } from "../settings.ts";
import { REPORT_STATUSES, type ReportStatus, UNSAFE_TIMES, type UnsafeTime } from "../tables.ts";
import { organisationsById } from "./handle.ts";
import { tenantGeo } from "./geo.ts";

/** A median is shown only over at least this many reports. */
export const MIN_FOR_MEDIAN = 5;

export type Count = number | null;

export type CategoryStats = {
  code: string;
  name: { sv: string; en: string };
  person: boolean;
  total: Count;
  byStatus: Array<{ key: ReportStatus; count: Count }>;
  byArea: Array<{ key: string; count: Count }>;
  byMonth: Array<{ key: string; count: Count }>;
  byTime: Array<{ key: UnsafeTime; count: Count }>;
};

export type Median = { hours: number | null; n: number };

export type Stats = {
  from: string;
  to: string;
  months: string[];
  /** The running month (left out for person-related categories). */
  runningMonth: string;
  areas: Array<{ key: string; name: string }>;
  categories: CategoryStats[];
  /** Reports of place-type categories. */
  placeTotal: number;
  /** Reports of person-related categories (null: too few to show). */
  personTotal: Count;
  firstResponse: Median;
  closure: Median;
  organisations: Array<{ name: string; firstResponse: Median; closure: Median }>;
};

export type StatsPeriod = { from: { year: number; month: number }; to: { year: number; month: number } };

/** The period asked for ("2025-04" … "2026-03"), default the last twelve months including the running one, at most 36 months. */
export function statsPeriod(fromText: string | undefined, toText: string | undefined, now = new Date()): StatsPeriod | null {
  const running = stockholmMonth(now);
  const to = toText ? parseMonth(toText) : running;
  const from = fromText ? parseMonth(fromText) : to ? { year: to.year - (to.month === 12 ? 0 : 1), month: to.month === 12 ? 1 : to.month + 1 } : null;
  if (!to || !from) return null;
  const span = (to.year - from.year) * 12 + (to.month - from.month);
  if (span < 0 || span > 35) return null;
  return { from, to };
}

function hoursBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / 3_600_000;
}

function medianOf(values: number[]): Median {
  return { hours: values.length >= MIN_FOR_MEDIAN ? median(values) : null, n: values.length };
}

export async function reportStats(db: Kysely<DB>, tenantId: string, settings: ReportsSettings, period: StatsPeriod, now = new Date()): Promise<Stats> {
  const from = monthStart(period.from.year, period.from.month);
  const to = monthStart(period.to.year, period.to.month + 1);
  const running = stockholmMonth(now);
  const runningStart = monthStart(running.year, running.month);
  const [rows, supports, g, orgs] = await Promise.all([
    statRows(db, tenantId, from, to),
    supportTimes(db, tenantId, from, to),
    tenantGeo(db, tenantId),
    organisationsById(db, tenantId),
  ]);
  const months = monthKeys(from, new Date(to.getTime() - 1));
  const areas = [...g.areas.map((a) => ({ key: a.id, name: a.name })), { key: "", name: "" }];
  const min = settings.minCount;
  // Person-related reports of the running month are never counted publicly.
  const counted = rows.filter((r) => !(isPersonRelated(settings, r) && r.created_at >= runningStart));

  const categoryCodes = [...new Set([...settings.categories.map((c) => c.code), ...counted.map((r) => r.category)])];
  const categories: CategoryStats[] = [];
  for (const code of categoryCodes) {
    const cat = settings.categories.find((c) => c.code === code);
    const mine = counted.filter((r) => r.category === code);
    if (!cat && mine.length === 0) continue;
    const person = cat?.kind === "person" || mine.some((r) => r.person_related);
    const row = <K>(keys: readonly K[], count: (k: K) => number) => {
      const cells = keys.map((key) => ({ key, count: count(key) }));
      return person ? suppressRow(cells, min) : { cells, total: cells.reduce((s, c) => s + c.count, 0) };
    };
    const byStatus = row(REPORT_STATUSES, (s) => mine.filter((r) => r.status === s).length);
    const byArea = row(
      areas.map((a) => a.key),
      (k) => mine.filter((r) => (r.area_id ?? "") === k).length,
    );
    const byMonth = row(months, (m) => mine.filter((r) => monthKey(r.created_at) === m).length);
    const times = [...mine.map((r) => r.unsafe_times), ...supports.filter((s) => s.category === code).map((s) => s.unsafe_times)];
    const byTime = row(UNSAFE_TIMES, (k) => times.filter((t) => t.includes(k)).length);
    const monthCells = person ? byMonth.cells.map((c) => (c.key === monthKey(now) ? { key: c.key, count: null } : c)) : byMonth.cells;
    categories.push({
      code,
      name: cat?.name ?? { sv: code, en: code },
      person,
      total: person ? suppressRow([{ key: "all", count: mine.length }], min).total : mine.length,
      byStatus: byStatus.cells,
      byArea: byArea.cells,
      byMonth: monthCells,
      byTime: byTime.cells,
    });
  }

  // The person-related totals as one row, so the sum never gives a left-out total away.
  const personRow = suppressRow(
    categories.filter((c) => c.person).map((c) => ({ key: c.code, count: counted.filter((r) => r.category === c.code).length })),
    min,
  );
  for (const cell of personRow.cells) {
    const c = categories.find((x) => x.code === cell.key);
    if (c && cell.count === null) c.total = null;
  }
  // A person-related category whose total is left out shows no breakdown either (it would add up to the total).
  for (const c of categories) {
    if (!c.person || c.total !== null) continue;
    const blank = <K>(cells: Array<{ key: K; count: Count }>) => cells.map((x) => ({ key: x.key, count: null }));
    c.byStatus = blank(c.byStatus);
    c.byArea = blank(c.byArea);
    c.byMonth = blank(c.byMonth);
    c.byTime = blank(c.byTime);
  }
  const answered = counted.filter((r) => r.first_response_at);
  const closed = counted.filter((r) => r.closed_at && r.status !== "dubblett");
  const byOrg = new Map<string, { first: number[]; close: number[] }>();
  for (const r of counted) {
    if (!r.organisation_id) continue;
    const o = byOrg.get(r.organisation_id) ?? { first: [], close: [] };
    if (r.first_response_at) o.first.push(hoursBetween(r.created_at, r.first_response_at));
    if (r.closed_at && r.status !== "dubblett") o.close.push(hoursBetween(r.created_at, r.closed_at));
    byOrg.set(r.organisation_id, o);
  }
  const organisations = [...byOrg.entries()]
    .map(([id, o]) => ({ name: orgs.get(id)?.name ?? "", firstResponse: medianOf(o.first), closure: medianOf(o.close) }))
    .filter((o) => o.name && (o.firstResponse.hours !== null || o.closure.hours !== null))
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));

  return {
    from: months[0]!,
    to: months[months.length - 1]!,
    months,
    runningMonth: monthKey(now),
    areas: areas.map((a) => ({ key: a.key, name: a.name })),
    categories,
    placeTotal: counted.filter((r) => !categories.find((c) => c.code === r.category)?.person).length,
    personTotal: personRow.total,
    firstResponse: medianOf(answered.map((r) => hoursBetween(r.created_at, r.first_response_at!))),
    closure: medianOf(closed.map((r) => hoursBetween(r.created_at, r.closed_at!))),
    organisations,
  };
}
