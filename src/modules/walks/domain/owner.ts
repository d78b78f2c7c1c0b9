// Who should own the action an observation becomes: a suggestion the coordinator confirms or
// changes (a housing company, Trafikverket or a förening is as valid as a förvaltning). In order:
//   1. whoever owned an earlier action of the same category within 100 m (the same lamp post, the
//      same hedge — the one who controls that place);
//   2. whoever owned an earlier action of any category within 40 m (the same courtyard);
//   3. the tenant's owner for the category (walks settings);
//   4. the tenant's default owner (walks settings);
//   5. nobody: the coordinator must choose before the protocol is published.
import { latLonToSweref } from "../../../analysis/index.ts";
import type { Category } from "./categories.ts";

export type EarlierAction = { organisationId: string; category: Category | null; lat: number | null; lon: number | null; at: Date };

export type OwnerSettings = { byCategory: Partial<Record<Category, string>>; fallback: string | null };

export type OwnerReason = "samePlaceCategory" | "samePlace" | "category" | "fallback";

export type OwnerSuggestion = { organisationId: string; reason: OwnerReason } | null;

export const SAME_CATEGORY_RADIUS_M = 100;
export const SAME_PLACE_RADIUS_M = 40;

function distance(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const p = latLonToSweref(a.lat, a.lon);
  const q = latLonToSweref(b.lat, b.lon);
  return Math.hypot(p.e - q.e, p.n - q.n);
}

export function suggestOwner(
  o: { category: Category | null; lat: number | null; lon: number | null },
  earlier: readonly EarlierAction[],
  settings: OwnerSettings,
  usable: ReadonlySet<string>,
): OwnerSuggestion {
  const here = o.lat !== null && o.lon !== null ? { lat: o.lat, lon: o.lon } : null;
  if (here) {
    const located = earlier
      .filter((e) => usable.has(e.organisationId) && e.lat !== null && e.lon !== null)
      .map((e) => ({ e, d: distance(here, { lat: e.lat!, lon: e.lon! }) }))
      // The nearest first; at equal distance the most recent.
      .sort((a, b) => a.d - b.d || b.e.at.getTime() - a.e.at.getTime());
    const sameCategory = located.find((x) => x.e.category === o.category && o.category !== null && x.d <= SAME_CATEGORY_RADIUS_M);
    if (sameCategory) return { organisationId: sameCategory.e.organisationId, reason: "samePlaceCategory" };
    const samePlace = located.find((x) => x.d <= SAME_PLACE_RADIUS_M);
    if (samePlace) return { organisationId: samePlace.e.organisationId, reason: "samePlace" };
  }
  const byCategory = o.category ? settings.byCategory[o.category] : undefined;
  if (byCategory && usable.has(byCategory)) return { organisationId: byCategory, reason: "category" };
  if (settings.fallback && usable.has(settings.fallback)) return { organisationId: settings.fallback, reason: "fallback" };
  return null;
}
