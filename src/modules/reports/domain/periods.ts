// Calendar periods in Europe/Stockholm. Public counts of person-related categories cover whole
// past months only (never the running month), so watching the map day by day cannot single out
// one new report; place-type reports are shown live.
import { civilFromDays, daysFromCivil, stockholmDayOfInstant, stockholmOffsetMs } from "../../../analysis/index.ts";

const DAY = 86_400_000;

/** The Stockholm calendar month of an instant. */
export function stockholmMonth(d: Date): { year: number; month: number } {
  const c = civilFromDays(stockholmDayOfInstant(d.getTime()));
  return { year: c.year, month: c.month };
}

/** The instant local midnight starts the 1st of a month in Stockholm (month may be out of 1…12; it carries). */
export function monthStart(year: number, month: number): Date {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const localMidnightAsUtc = daysFromCivil(y, m, 1) * DAY;
  // The offset at that wall-clock time: try the offset an hour earlier, then correct once.
  let utc = localMidnightAsUtc - stockholmOffsetMs(localMidnightAsUtc - 3_600_000);
  utc = localMidnightAsUtc - stockholmOffsetMs(utc);
  return new Date(utc);
}

/** [from, to): the `months` whole months before the running one. */
export function pastWholeMonths(now: Date, months: number): { from: Date; to: Date } {
  const { year, month } = stockholmMonth(now);
  return { from: monthStart(year, month - months), to: monthStart(year, month) };
}

/** "2026-03" for an instant (Stockholm time). */
export function monthKey(d: Date): string {
  const { year, month } = stockholmMonth(d);
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The month keys from `from` up to and including `to`'s month. */
export function monthKeys(from: Date, to: Date): string[] {
  const a = stockholmMonth(from);
  const b = stockholmMonth(to);
  const out: string[] = [];
  let y = a.year;
  let m = a.month;
  while ((y < b.year || (y === b.year && m <= b.month)) && out.length <= 240) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (m === 12) {
      m = 1;
      y++;
    } else m++;
  }
  return out;
}

/** Parse "2026-03" (a Stockholm month); null when it is not one. */
export function parseMonth(s: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 && year >= 2000 && year <= 2100 ? { year, month } : null;
}
