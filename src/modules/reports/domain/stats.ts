// Figures for the lägesbild and the promise: medians, and the suppression rule for counts of
// person-related categories (a count between 1 and the tenant's threshold is never published,
// and a published total never lets a left-out count be worked out by subtraction).
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export type SuppressedRow<K> = { cells: Array<{ key: K; count: number | null }>; total: number | null };

/**
 * Suppress a row of counts: 0 < count < minCount is left out (null). When the total is shown and
 * exactly one count is left out, the total minus the others would give it away, so the smallest
 * other non-zero count is left out too — or, when there is none, the total.
 */
export function suppressRow<K>(cells: ReadonlyArray<{ key: K; count: number }>, minCount: number): SuppressedRow<K> {
  const total = cells.reduce((s, c) => s + c.count, 0);
  const hidden = new Set<number>();
  cells.forEach((c, i) => {
    if (c.count > 0 && c.count < minCount) hidden.add(i);
  });
  let totalShown = total === 0 || total >= minCount;
  if (totalShown && hidden.size === 1) {
    let smallest = -1;
    cells.forEach((c, i) => {
      if (!hidden.has(i) && c.count > 0 && (smallest < 0 || c.count < cells[smallest]!.count)) smallest = i;
    });
    if (smallest >= 0) hidden.add(smallest);
    else totalShown = false;
  }
  return { cells: cells.map((c, i) => ({ key: c.key, count: hidden.has(i) ? null : c.count })), total: totalShown ? total : null };
}

const DAY = 86_400_000;

export type OverdueFacts = { status_open: boolean; created_at: Date; first_response_at: Date | null };

/** Whether an open report has waited longer than the tenant's response times. */
export function overdue(
  r: OverdueFacts,
  now: Date,
  s: { firstResponseDays: number; closureDays: number },
): { firstResponse: boolean; closure: boolean; dueAt: Date } {
  const created = r.created_at.getTime();
  const firstDue = created + s.firstResponseDays * DAY;
  const closeDue = created + s.closureDays * DAY;
  const firstResponse = r.status_open && r.first_response_at === null && now.getTime() > firstDue;
  const closure = r.status_open && now.getTime() > closeDue;
  return { firstResponse, closure, dueAt: new Date(r.first_response_at === null ? Math.min(firstDue, closeDue) : closeDue) };
}

/** Hours as days with one decimal for a table ("2,5 dygn"). */
export function hoursToDays(hours: number | null): number | null {
  return hours === null ? null : Math.round((hours / 24) * 10) / 10;
}
