/**
 * Calendar arithmetic for time slicing: Europe/Stockholm local dates and ISO 8601 weeks.
 *
 * Day numbers count days since 1970-01-01 in the proleptic Gregorian calendar (Hinnant's
 * `days_from_civil`). A timestamp is turned into the Stockholm *local* day:
 *
 *   - with a UTC offset (`Z`, `+01:00`, `+0200`, `-05`): the instant is converted with Swedish
 *     time: CET (UTC+1), and CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last
 *     Sunday of October 01:00 UTC (EU rule, Sweden since 1996; 1980–1995 summer time ended on the
 *     last Sunday of September; no summer time before 1980 — the single 1916 summer is ignored);
 *   - without an offset (`2025-03-14 18:23`, `2025-03-14`): the wall-clock time is already
 *     Swedish local time, so its date is the local date.
 *
 * ISO 8601 weeks start on Monday; week 1 is the week containing the year's first Thursday, and the
 * ISO week-year is the year of the week's Thursday (so 2024-12-30 is in 2025-W01 and 2027-01-01 in
 * 2026-W53). Because 1970-01-01 was a Thursday, the Monday-based running week number of day d is
 * ⌊(d + 3)/7⌋, which is what the space-time cube uses as its time axis.
 */

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of the civil date y-m-d (m = 1…12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number. */
export function civilFromDays(z: number): { year: number; month: number; day: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

/** Day number of the last Sunday of month m (1…12) in year y. */
function lastSunday(y: number, m: number): number {
  const last = m === 12 ? daysFromCivil(y + 1, 1, 1) - 1 : daysFromCivil(y, m + 1, 1) - 1;
  const weekday = (((last + 3) % 7) + 7) % 7; // Monday = 0 … Sunday = 6
  return last - ((weekday + 1) % 7);
}

const dstCache = new Map<number, [number, number]>();

/** [start, end) of Swedish summer time in UTC milliseconds for year y, or [0, 0] if none. */
function summerTime(y: number): [number, number] {
  let r = dstCache.get(y);
  if (r) return r;
  if (y < 1980) r = [0, 0];
  else {
    const start = lastSunday(y, 3) * MS_PER_DAY + 3_600_000;
    const end = lastSunday(y, y >= 1996 ? 10 : 9) * MS_PER_DAY + 3_600_000;
    r = [start, end];
  }
  dstCache.set(y, r);
  return r;
}

/** Offset of Swedish local time from UTC at the instant `utcMs`, in milliseconds (3.6e6 or 7.2e6). */
export function stockholmOffsetMs(utcMs: number): number {
  const y = civilFromDays(Math.floor(utcMs / MS_PER_DAY)).year;
  const [start, end] = summerTime(y);
  return utcMs >= start && utcMs < end ? 7_200_000 : 3_600_000;
}

/** Stockholm local day number of the instant `utcMs`. */
export function stockholmDayOfInstant(utcMs: number): number {
  return Math.floor((utcMs + stockholmOffsetMs(utcMs)) / MS_PER_DAY);
}

const ISO_RE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?\s*$/;

/**
 * Stockholm local day number of an ISO 8601 date or timestamp (see module comment); NaN when
 * `text` is not such a timestamp or names an impossible date or time.
 */
export function stockholmDayFromIso(text: string): number {
  const m = ISO_RE.exec(text);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return Number.NaN;
  const day = daysFromCivil(y, mo, d);
  if (civilFromDays(day).month !== mo) return Number.NaN; // 2025-02-30
  if (m[4] === undefined) return day;
  const hh = Number(m[4]);
  const mi = Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  if (hh > 24 || mi > 59 || ss > 60 || (hh === 24 && (mi > 0 || ss > 0))) return Number.NaN;
  const tz = m[8];
  if (tz === undefined) return hh === 24 ? day + 1 : day;
  let offsetMin = 0;
  if (tz !== "Z" && tz !== "z") {
    const sign = tz[0] === "-" ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMin = sign * (oh * 60 + om);
  }
  const frac = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  const utcMs = day * MS_PER_DAY + ((hh * 60 + mi - offsetMin) * 60 + ss + frac) * 1000;
  return stockholmDayOfInstant(utcMs);
}

/** Monday-based running week number of day d (week 0 starts Monday 1969-12-29). */
export function weekIndexOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** Day number of the Monday of running week w. */
export function mondayOfWeekIndex(w: number): number {
  return w * 7 - 3;
}

/** ISO 8601 week-year and week number of day d. */
export function isoWeekOfDay(day: number): { year: number; week: number } {
  const thursday = mondayOfWeekIndex(weekIndexOfDay(day)) + 3;
  const year = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** `"2025-W01"` for running week w. */
export function isoWeekLabel(weekIndex: number): string {
  const { year, week } = isoWeekOfDay(mondayOfWeekIndex(weekIndex));
  return `${year}-W${week < 10 ? "0" : ""}${week}`;
}
