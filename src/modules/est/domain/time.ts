// Time in EST: ISO weeks in Europe/Stockholm, local wall-clock times as instants, and the
// analysis periods (tertial, kvartal, year). Built on the engine's calendar (src/analysis/
// iso-week.ts): day numbers count days since 1970-01-01, the running week of day d is
// ⌊(d + 3)/7⌋ (week 0 starts Monday 1969-12-29).
import {
  civilFromDays,
  daysFromCivil,
  isoWeekLabel,
  isoWeekOfDay,
  mondayOfWeekIndex,
  stockholmDayOfInstant,
  stockholmOffsetMs,
  weekIndexOfDay,
} from "../../../analysis/index.ts";

const MS_PER_DAY = 86_400_000;

export { isoWeekLabel as weekLabel, weekIndexOfDay as weekOfDay, mondayOfWeekIndex as mondayOfWeek, stockholmDayOfInstant as dayOfInstant };

/** A day range [from, to) of Stockholm local day numbers. */
export type DayRange = { from: number; to: number };

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** The running week of an ISO week label ("2024-W22"), or null when no such week exists. */
export function parseWeek(label: string): number | null {
  const m = WEEK_RE.exec(label.trim().toUpperCase());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1970 || year > 2200 || week < 1 || week > 53) return null;
  // Week 1 is the week with the year's first Thursday (4 January is always in it).
  const w = weekIndexOfDay(daysFromCivil(year, 1, 4)) + week - 1;
  return isoWeekLabel(w) === `${year}-W${m[2]}` ? w : null;
}

/** The days of running week w. */
export function weekDays(w: number): DayRange {
  const monday = mondayOfWeekIndex(w);
  return { from: monday, to: monday + 7 };
}

/** The same ISO week a year earlier (week 53 of a year whose predecessor has 52 → week 52). */
export function sameWeekLastYear(w: number): number {
  const { year, week } = isoWeekOfDay(mondayOfWeekIndex(w));
  const label = `${year - 1}-W${String(week).padStart(2, "0")}`;
  return parseWeek(label) ?? (parseWeek(`${year - 1}-W52`) as number);
}

/** "YYYY-MM-DD" of a day number. */
export function isoDate(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Day number of "YYYY-MM-DD", or null when it is not a real date. */
export function dayOfIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return null;
  const day = daysFromCivil(y, mo, d);
  return civilFromDays(day).month === mo ? day : null;
}

/** Today's Stockholm local day number. */
export function today(now: Date = new Date()): number {
  return stockholmDayOfInstant(now.getTime());
}

/** The running week of today (Stockholm). */
export function currentWeek(now: Date = new Date()): number {
  return weekIndexOfDay(today(now));
}

/**
 * The instant of a Stockholm wall-clock time. In the autumn hour that occurs twice the first
 * (summer time) is meant; a time in the spring gap (02:00–03:00 on the last Sunday of March) does
 * not exist and is read as winter time (one hour later on the clock).
 */
export function stockholmLocalToInstant(year: number, month: number, day: number, hour: number, minute: number): Date {
  const local = daysFromCivil(year, month, day) * MS_PER_DAY + (hour * 60 + minute) * 60_000;
  for (const offset of [7_200_000, 3_600_000]) {
    const utc = local - offset;
    if (stockholmOffsetMs(utc) === offset) return new Date(utc);
  }
  return new Date(local - 3_600_000);
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/;

/** A form's datetime-local value ("2024-05-31T22:15") as an instant, or null when it is not a real time. */
export function parseLocalDateTime(text: string): Date | null {
  const m = LOCAL_RE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  if (dayOfIsoDate(`${m[1]}-${m[2]}-${m[3]}`) === null || h > 23 || mi > 59) return null;
  return stockholmLocalToInstant(y, mo, d, h, mi);
}

/** Stockholm wall-clock time of an instant: { date: "YYYY-MM-DD", time: "HH:MM", day }. */
export function stockholmParts(at: Date): { date: string; time: string; day: number } {
  const ms = at.getTime();
  const local = ms + stockholmOffsetMs(ms);
  const day = Math.floor(local / MS_PER_DAY);
  const minutes = Math.floor((local - day * MS_PER_DAY) / 60_000);
  return { date: isoDate(day), time: `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`, day };
}

/** "2024-05-31T22:15" for a datetime-local input. */
export function localInputValue(at: Date): string {
  const p = stockholmParts(at);
  return `${p.date}T${p.time}`;
}

// ── Analysis periods ──────────────────────────────────────────────────────────────────────

export type PeriodKind = "tertial" | "kvartal" | "ar";

export type Period = { kind: PeriodKind; label: string; year: number; index: number; days: DayRange; first: string; last: string };

function monthsPeriod(kind: PeriodKind, year: number, index: number, label: string, fromMonth: number, months: number): Period {
  const from = daysFromCivil(year, fromMonth, 1);
  const endMonth = fromMonth + months;
  const to = endMonth > 12 ? daysFromCivil(year + 1, endMonth - 12, 1) : daysFromCivil(year, endMonth, 1);
  return { kind, label, year, index, days: { from, to }, first: isoDate(from), last: isoDate(to - 1) };
}

/** "2024-T2" (May–August), "2024-K3" or "2024-Q3" (July–September) or "2024" (the year), else null. */
export function parsePeriod(label: string): Period | null {
  const t = label.trim().toUpperCase();
  let m = /^(\d{4})$/.exec(t);
  if (m) return monthsPeriod("ar", Number(m[1]), 0, t, 1, 12);
  m = /^(\d{4})-T([1-3])$/.exec(t);
  if (m) return monthsPeriod("tertial", Number(m[1]), Number(m[2]), t, 1 + (Number(m[2]) - 1) * 4, 4);
  m = /^(\d{4})-[KQ]([1-4])$/.exec(t);
  if (m) return monthsPeriod("kvartal", Number(m[1]), Number(m[2]), `${m[1]}-K${m[2]}`, 1 + (Number(m[2]) - 1) * 3, 3);
  return null;
}

/** The period of the kind that contains day d. */
export function periodOfDay(kind: PeriodKind, d: number): Period {
  const { year, month } = civilFromDays(d);
  if (kind === "ar") return parsePeriod(String(year)) as Period;
  if (kind === "tertial") return parsePeriod(`${year}-T${Math.floor((month - 1) / 4) + 1}`) as Period;
  return parsePeriod(`${year}-K${Math.floor((month - 1) / 3) + 1}`) as Period;
}

/** The period before (same kind). */
export function previousPeriod(p: Period): Period {
  return periodOfDay(p.kind, p.days.from - 1);
}
