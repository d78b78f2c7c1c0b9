// What makes an observation complete. One without a position or a category is kept as a draft
// (never lost) with a visible warning, and does not become an action until it is completed.
import type { Category } from "./categories.ts";

export type DraftProblem = "position" | "category";

export function draftProblems(o: { lat: number | null; lon: number | null; category: Category | null }): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (o.lat === null || o.lon === null) out.push("position");
  if (o.category === null) out.push("category");
  return out;
}
