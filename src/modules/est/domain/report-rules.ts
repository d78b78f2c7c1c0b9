// The rules of a partner report that need no database: when (a time or a span, never in the
// future, not too old), how many people (a range, never a name), and what a correction changed.
// Pure; the use cases (service/reports.ts) add the place and the personal-data screening.

/** A few minutes of clock difference between a phone and the server are not "the future". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** A span longer than this is not one incident. */
export const MAX_SPAN_DAYS = 7;
/** A report from the form may be at most this old (older incidents come in as CSV from the coordinator). */
export const MAX_AGE_DAYS = 90;

export const PEOPLE_RANGES = ["1", "2-4", "5-9", "10-19", "20+"] as const;
export type PeopleRange = (typeof PEOPLE_RANGES)[number];

/** The stored min/max of a people range ("" → none). */
export function peopleOf(range: PeopleRange | "" | undefined): { min: number | null; max: number | null } {
  switch (range) {
    case "1":
      return { min: 1, max: 1 };
    case "2-4":
      return { min: 2, max: 4 };
    case "5-9":
      return { min: 5, max: 9 };
    case "10-19":
      return { min: 10, max: 19 };
    case "20+":
      return { min: 20, max: null };
    default:
      return { min: null, max: null };
  }
}

/** The range of stored min/max ("" when none). */
export function rangeOf(min: number | null, max: number | null): PeopleRange | "" {
  if (min === null) return "";
  if (max === null) return "20+";
  return (PEOPLE_RANGES.find((r) => {
    const p = peopleOf(r);
    return p.min === min && p.max === max;
  }) ?? `${min}-${max}`) as PeopleRange;
}

export type TimeProblem = { field: "occurred_at" | "occurred_from" | "occurred_to"; key: string; params?: Record<string, string | number> };

/**
 * Problems with a report's time: a point (`to` null) or a span. `now` is the server's clock;
 * `maxAgeDays` null allows any past (the CSV import of older reports); the age is counted from
 * `ageFrom` (default now; a correction counts from when the report was made).
 */
export function timeProblems(from: Date, to: Date | null, now: Date, maxAgeDays: number | null, ageFrom: Date = now): TimeProblem[] {
  const out: TimeProblem[] = [];
  const fromField = to ? "occurred_from" : "occurred_at";
  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  if (from.getTime() > latest) out.push({ field: fromField, key: "est.report.error.future" });
  if (to && to.getTime() > latest) out.push({ field: "occurred_to", key: "est.report.error.future" });
  if (to && to.getTime() < from.getTime()) out.push({ field: "occurred_to", key: "est.report.error.spanOrder" });
  else if (to && to.getTime() - from.getTime() > MAX_SPAN_DAYS * 86_400_000)
    out.push({ field: "occurred_to", key: "est.report.error.spanTooLong", params: { days: MAX_SPAN_DAYS } });
  if (maxAgeDays !== null && from.getTime() < ageFrom.getTime() - maxAgeDays * 86_400_000)
    out.push({ field: fromField, key: "est.report.error.tooOld", params: { days: maxAgeDays } });
  return out;
}

/** Field → { from, to } for the fields whose value differs (the history of a correction). */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: ReadonlyArray<keyof T & string>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));
  for (const f of fields) {
    if (!(f in after)) continue;
    const a = norm(before[f]);
    const b = norm(after[f]);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[f] = { from: a, to: b };
  }
  return out;
}
