// The lifecycles of EST's records, as data (src/platform/documents/lifecycle.ts): what each
// status allows. Which person may act is policy.ts; whether the record allows it is here.
import { defineLifecycle } from "../../../platform/documents/lifecycle.ts";

/**
 * A partner report: new → reviewed by the coordinator; a duplicate is merged into the report it
 * repeats (and stops counting) and can be taken apart again. Corrections and a new category are
 * possible until it is merged.
 */
export const reportLifecycle = defineLifecycle({
  states: ["ny", "granskad", "sammanslagen"],
  transitions: {
    review: { from: ["ny"], to: "granskad" },
    merge: { from: ["ny", "granskad"], to: "sammanslagen" },
    unmerge: { from: ["sammanslagen"], to: "ny" },
  },
  allows: { correct: ["ny", "granskad"], recategorise: ["ny", "granskad"] },
});

/**
 * An insats: decided → under way → done (with its outcome), or cancelled; a coordinator can
 * reopen a done or cancelled one (a mistake, more work). The comparison area can be chosen at
 * any time (it only changes the evaluation).
 */
export const insatsLifecycle = defineLifecycle({
  states: ["beslutad", "pagar", "genomford", "installd"],
  transitions: {
    start: { from: ["beslutad"], to: "pagar" },
    complete: { from: ["beslutad", "pagar"], to: "genomford" },
    cancel: { from: ["beslutad", "pagar"], to: "installd" },
    reopen: { from: ["genomford", "installd"], to: "pagar" },
  },
  allows: { chooseComparison: ["beslutad", "pagar", "genomford", "installd"] },
});

export type InsatsTransition = "start" | "complete" | "cancel" | "reopen";

/** A weekly meeting: planned → held; its record (focus areas, targets, notes) can be amended after. */
export const meetingLifecycle = defineLifecycle({
  states: ["planerat", "genomfort"],
  transitions: { hold: { from: ["planerat"], to: "genomfort" } },
  allows: { edit: ["planerat", "genomfort"], decide: ["planerat", "genomfort"] },
});
