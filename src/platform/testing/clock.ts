// Moments relative to now for test data ("two hours ago", "tomorrow"). Not a measurement of
// elapsed time: tests never assert on durations (scripts/test-timing.test.ts).

/** The moment `ms` milliseconds before now. */
export function msAgo(ms: number): Date {
  return new Date(Date.now() - ms); // timing-ok: a past moment for test data, not a measurement
}

/** The moment `ms` milliseconds after now. */
export function msFromNow(ms: number): Date {
  return new Date(Date.now() + ms);
}
