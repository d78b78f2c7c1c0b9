// Before/after evaluation of insatser (domain/evaluation.ts for the statistics): the incidents
// with a point of every source in the insats's place — the named place's polygon, or a circle of
// the insats's radius around its point — and in a comparison area for equal periods before and
// after the start. The comparison is the place the coordinator chose (its polygon, or a circle
// of the same radius), or else the one suggested: among the tenant's other named places that do
// not overlap the target and have no insats of their own in the window, the one whose
// before-count is closest. Police events are area-level and cannot be placed: they are left out
// (the page says so). An insats aimed at some categories counts only those.
import type { Kysely } from "kysely";
import { latLonToSweref, pointInRings, type Rings, ringsBounds, ringsFromGeoJson } from "../../../analysis/index.ts";
import type { DB } from "../../../platform/db/schema.ts";
import type { IncidentSource } from "../../../platform/incidents/sources.ts";
import { listPlaces, type PlaceRow } from "../../tenants/index.ts";
import { type Counts, type Evaluation, evaluate, evaluationPeriods, suggestComparison } from "../domain/evaluation.ts";
import { dayOfIsoDate, today as todayDay } from "../domain/time.ts";
import type { InsatsView } from "../repo/insatser.ts";
import { pointsIn, type WeekPoint } from "../repo/lagesbild.ts";
import { estSettings } from "../settings.ts";
import type { TenantFacts } from "./reports.ts";

export type Shape = { kind: "polygon"; rings: Rings } | { kind: "circle"; e: number; n: number; radius: number };

export type AreaRef = { placeId: string | null; name: string; shape: "polygon" | "circle"; radius: number | null };

export type InsatsEvaluation = {
  insatsId: string;
  evaluation: Evaluation;
  target: AreaRef;
  comparison: (AreaRef & { suggested: boolean }) | null;
  categories: string[];
};

/** How many of the nearest places are considered for a suggested comparison. */
const CANDIDATES = 30;

function shapeOfPlace(place: PlaceRow, radius: number): Shape {
  if (place.geometry && (place.geometry.type === "Polygon" || place.geometry.type === "MultiPolygon")) {
    try {
      return { kind: "polygon", rings: ringsFromGeoJson(place.geometry, "wgs84") };
    } catch {
      // fall through to the point
    }
  }
  const { n, e } = latLonToSweref(place.lat, place.lon);
  return { kind: "circle", e, n, radius };
}

function inside(s: Shape, e: number, n: number): boolean {
  return s.kind === "polygon" ? pointInRings(e, n, s.rings) : Math.hypot(e - s.e, n - s.n) <= s.radius;
}

function centre(s: Shape): { e: number; n: number } {
  if (s.kind === "circle") return { e: s.e, n: s.n };
  const b = ringsBounds(s.rings);
  return { e: (b.minX + b.maxX) / 2, n: (b.minY + b.maxY) / 2 };
}

function reach(s: Shape): number {
  if (s.kind === "circle") return s.radius;
  const b = ringsBounds(s.rings);
  return Math.hypot(b.maxX - b.minX, b.maxY - b.minY) / 2;
}

type Point = Pick<WeekPoint, "category" | "day" | "e" | "n">;

function countIn(points: readonly Point[], s: Shape, from: number, to: number, categories: ReadonlySet<string> | null): number {
  let k = 0;
  for (const p of points) if (p.day >= from && p.day < to && (!categories || categories.has(p.category)) && inside(s, p.e, p.n)) k++;
  return k;
}

/**
 * Evaluate insatser on a set of incidents already read (every point of the window). `places` are
 * the tenant's named places; `all` every insats of the tenant (to keep other targets out of the
 * suggested comparison).
 */
export function evaluateWith(
  insatser: readonly InsatsView[],
  points: readonly Point[],
  places: readonly PlaceRow[],
  all: readonly InsatsView[],
  opts: { minDays: number; today: number },
): Map<string, InsatsEvaluation> {
  const out = new Map<string, InsatsEvaluation>();
  const byId = new Map(places.map((p) => [p.id, p]));
  for (const i of insatser) {
    const start = dayOfIsoDate(i.starts_on) as number;
    const end = dayOfIsoDate(i.ends_on) as number;
    const periods = evaluationPeriods(start, end, opts.minDays);
    const cats = i.categories.length ? new Set(i.categories) : null;
    const place = i.place_id ? byId.get(i.place_id) : undefined;
    const targetShape: Shape = place ? shapeOfPlace(place, i.radius_m) : { kind: "circle", ...latLonToSweref(i.lat, i.lon), radius: i.radius_m };
    const count = (s: Shape): Counts => ({
      before: countIn(points, s, periods.before.from, periods.before.to, cats),
      after: countIn(points, s, periods.after.from, periods.after.to, cats),
    });
    const target = count(targetShape);
    let comparison: InsatsEvaluation["comparison"] = null;
    let comparisonCounts: Counts | null = null;
    const chosen = i.comparison_place_id ? byId.get(i.comparison_place_id) : undefined;
    if (chosen) {
      const s = shapeOfPlace(chosen, i.radius_m);
      comparisonCounts = count(s);
      comparison = { placeId: chosen.id, name: chosen.name, shape: s.kind, radius: s.kind === "circle" ? s.radius : null, suggested: false };
    } else {
      // Places targeted by other insatser in the window are not a fair comparison.
      const busy = new Set(
        all
          .filter((o) => o.id !== i.id && o.place_id && o.status !== "installd")
          .filter((o) => (dayOfIsoDate(o.starts_on) as number) < periods.after.to && (dayOfIsoDate(o.ends_on) as number) >= periods.before.from)
          .map((o) => o.place_id as string),
      );
      const c0 = centre(targetShape);
      const candidates = places
        .filter((p) => p.id !== i.place_id && !busy.has(p.id))
        .map((p) => {
          const s = shapeOfPlace(p, i.radius_m);
          const c = centre(s);
          return { id: p.id, place: p, shape: s, distance: Math.hypot(c.e - c0.e, c.n - c0.n), r: reach(s) };
        })
        .filter((c) => c.distance > reach(targetShape) + c.r)
        .sort((a, b) => a.distance - b.distance)
        .slice(0, CANDIDATES)
        .map((c) => ({ ...c, before: countIn(points, c.shape, periods.before.from, periods.before.to, cats) }));
      const pick = suggestComparison(target.before, candidates);
      if (pick) {
        comparisonCounts = count(pick.shape);
        comparison = {
          placeId: pick.id,
          name: pick.place.name,
          shape: pick.shape.kind,
          radius: pick.shape.kind === "circle" ? pick.shape.radius : null,
          suggested: true,
        };
      }
    }
    out.set(i.id, {
      insatsId: i.id,
      evaluation: evaluate({ periods, target, comparison: comparisonCounts, comparisonSuggested: comparison?.suggested ?? false, today: opts.today }),
      target: {
        placeId: place?.id ?? null,
        name: i.place_name,
        shape: targetShape.kind,
        radius: targetShape.kind === "circle" ? targetShape.radius : null,
      },
      comparison,
      categories: i.categories,
    });
  }
  return out;
}

/** Evaluate insatser of the tenant (reads the incidents of their windows once). */
export async function evaluateInsatser(
  db: Kysely<DB>,
  tenant: TenantFacts,
  insatser: readonly InsatsView[],
  all: readonly InsatsView[],
  sources: readonly IncidentSource[],
  now: Date = new Date(),
): Promise<Map<string, InsatsEvaluation>> {
  if (insatser.length === 0) return new Map();
  const s = estSettings(tenant);
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const i of insatser) {
    const p = evaluationPeriods(dayOfIsoDate(i.starts_on) as number, dayOfIsoDate(i.ends_on) as number, s.evaluationMinDays);
    from = Math.min(from, p.before.from);
    to = Math.max(to, p.after.to);
  }
  const [points, places] = await Promise.all([pointsIn(db, tenant.id, sources, { from, to }), listPlaces(db, tenant.id)]);
  return evaluateWith(insatser, points, places, all, { minDays: s.evaluationMinDays, today: todayDay(now) });
}
