// What a hot spot result may honestly be shown as. The engine classifies every analysed cell the
// ArcGIS way; before anything is stored or shown, this module applies two rules for people
// (the reasons, with the measurements behind the thresholds, are in the module README):
//
//  1. Too sparse, no classes. Gi*'s p-values rest on a normal approximation of the incidents in a
//     neighbourhood. When most cells hold a single incident, that approximation's tail is far too
//     thin and even FDR-corrected classes flag random noise (seeded uniform noise: 0.4–4 % of the
//     cells "significant" by q). Below MIN_CELLS_WITH_EVENTS cells with incidents, or below
//     MIN_EVENTS_PER_CELL incidents per such cell, or when every cell holds the same number, no
//     cell is classified and the page says why.
//  2. An empty cell is never a place. A cell without incidents can be "hot" to Gi* because its
//     neighbourhood holds a concentration (boundary analyses include every cell inside the
//     boundary), and "cold" because nothing happens around it either — neither is something a
//     kommunpolis can act on. Such cells are not classified; how many there were is reported.
import type { RunAssessment, SparseReason } from "./tables.ts";

/** Fewer analysed cells with incidents than this: no classes ("fewCells"). */
export const MIN_CELLS_WITH_EVENTS = 30;
/** Fewer incidents per cell with incidents than this: no classes ("fewEvents"). */
export const MIN_EVENTS_PER_CELL = 1.3;

/** The engine's result, as far as the rules need it. */
export type ClassifiedCells = { count: ArrayLike<number>; classes: Int8Array; variance: number };

export type Assessed = { classes: Int8Array; assessment: RunAssessment };

/** Why the data are too sparse for classes, or null. */
export function sparseReason(events: number, cellsWithEvents: number, variance: number): SparseReason | null {
  if (cellsWithEvents < MIN_CELLS_WITH_EVENTS) return "fewCells";
  // Compare as integers (events ≥ 1.3 × cells ⇔ 10·events ≥ 13·cells): no rounding at the threshold.
  if (10 * events < 13 * cellsWithEvents) return "fewEvents";
  if (!(variance > 0)) return "noVariation";
  return null;
}

/** The classes people see (rules 1 and 2) and the run's assessment. */
export function assessHotspots(r: ClassifiedCells): Assessed {
  const n = r.classes.length;
  let events = 0;
  let cellsWithEvents = 0;
  for (let i = 0; i < n; i++) {
    const c = r.count[i] as number;
    events += c;
    if (c > 0) cellsWithEvents++;
  }
  const sparse = sparseReason(events, cellsWithEvents, r.variance);
  const classes = new Int8Array(n);
  let emptyNearHot = 0;
  let emptyCold = 0;
  if (sparse === null) {
    for (let i = 0; i < n; i++) {
      const k = r.classes[i] as number;
      if (k === 0) continue;
      if ((r.count[i] as number) > 0) classes[i] = k;
      else if (k > 0) emptyNearHot++;
      else emptyCold++;
    }
  }
  return {
    classes,
    assessment: {
      events,
      cellsWithEvents,
      eventsPerCell: cellsWithEvents ? Math.round((events / cellsWithEvents) * 100) / 100 : 0,
      emptyNearHot,
      emptyCold,
      sparse,
    },
  };
}
