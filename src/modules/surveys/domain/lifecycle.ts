// A survey round's lifecycle as data (the platform's documents kit): utkast → öppen → stängd →
// publicerad, with reopening while the field period runs and withdrawing published results.
// Which person may act is policy.ts; whether the round allows it is here.
import { defineLifecycle } from "../../../platform/documents/lifecycle.ts";
import { SURVEY_STATUSES, type SurveyStatus } from "../tables.ts";

export const surveyLifecycle = defineLifecycle({
  states: SURVEY_STATUSES,
  transitions: {
    open: { from: ["utkast"], to: "oppen" },
    close: { from: ["oppen"], to: "stangd" },
    reopen: { from: ["stangd"], to: "oppen" },
    publish: { from: ["stangd"], to: "publicerad" },
    unpublish: { from: ["publicerad"], to: "stangd" },
  },
  allows: {
    /** Title and field period. */
    edit: ["utkast", "oppen", "stangd"],
    /** Whether one-time codes are required (fixed once answers may exist). */
    editCodeSetting: ["utkast"],
    /** Store the aggregate again (after late paper answers). */
    aggregate: ["stangd"],
    makeCodes: ["utkast", "oppen"],
    enterPaper: ["oppen", "stangd"],
    weight: ["utkast", "oppen", "stangd"],
    delete: ["utkast"],
  },
});

export type SurveyTransition = keyof typeof surveyLifecycle.transitions;
export type SurveyAction = SurveyTransition | keyof typeof surveyLifecycle.allows;

export function surveyAllows(status: SurveyStatus, action: SurveyAction): boolean {
  return surveyLifecycle.statusAllows(status, action);
}

/** The steps a staff page offers as buttons, in this order, with their addresses. */
export const STEPS = ["open", "close", "reopen", "aggregate", "publish", "unpublish"] as const;
export type Step = (typeof STEPS)[number];
export const STEP_PATHS: Record<Step, string> = {
  open: "oppna",
  close: "stang",
  reopen: "ateroppna",
  aggregate: "uppdatera",
  publish: "publicera",
  unpublish: "avpublicera",
};
