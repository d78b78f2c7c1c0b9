// Local time in Sweden (Europe/Stockholm) for the walk's date and times: the plan form speaks
// local time ("10 november 2021, 18.00–20.00"), the database stores instants.
import { stockholmDayOfInstant, stockholmOffsetMs } from "../../../analysis/index.ts";

const DAY_MS = 86_400_000;

/** The instant of a local date and time ("2021-11-10", "18:00"); null when either is malformed. */
export function stockholmInstant(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const local = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(local).getUTCDate() !== da) return null; // 2021-02-30
  // Summer time first: an hour that exists twice (October) is taken as the first one.
  for (const off of [7_200_000, 3_600_000]) if (stockholmOffsetMs(local - off) === off) return new Date(local - off);
  // An hour that does not exist (the spring change, 02.00–03.00) is read as standard time.
  return new Date(local - 3_600_000);
}

function localParts(at: Date): { date: string; time: string } {
  const ms = at.getTime() + stockholmOffsetMs(at.getTime());
  const iso = new Date(ms).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The local date "YYYY-MM-DD" of an instant. */
export function stockholmDate(at: Date): string {
  return localParts(at).date;
}

/** The local time "HH:MM" of an instant. */
export function stockholmTime(at: Date): string {
  return localParts(at).time;
}

/** The Stockholm local day number (days since 1970-01-01) of an instant. */
export function stockholmDay(at: Date): number {
  return stockholmDayOfInstant(at.getTime());
}

/** The day number of a local date "YYYY-MM-DD". */
export function dayOfDate(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}
