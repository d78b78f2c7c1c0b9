// Dates in Europe/Stockholm: a survey's field period and the day stored with an answer.
const DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in Sweden as YYYY-MM-DD. */
export function todayInStockholm(now: Date = new Date()): string {
  return DAY.format(now);
}

export type AnswerState = "open" | "notYet" | "closed" | "draft";

/** Whether a round takes answers today: open status and today within the field period. */
export function answerState(s: { status: string; field_from: string; field_to: string }, today: string): AnswerState {
  if (s.status === "utkast") return "draft";
  if (s.status !== "oppen" || today > s.field_to) return "closed";
  if (today < s.field_from) return "notYet";
  return "open";
}
