// The life of a walk as data (src/platform/documents/lifecycle.ts):
//
//   utkast ──publish──▶ inbjudan ──hold──▶ genomford ──publishProtocol──▶ protokoll ──close──▶ avslutad
//      ▲ └──cancel──▶ installd ◀──cancel──┘ │
//      └────────────── withdraw ◀───────────┘
//
// utkast: being planned, not public. inbjudan: the public invitation with sign-up and förmöte
// viewpoints; observations can be captured on the day. genomford: the walk was held (participants
// counted); observations are written up and become the action list. protokoll: the protocol and
// its action list are public and sent to the owners, who update their actions. avslutad: the
// closing meeting is recorded; actions are still updated as owners act, and a re-walk can be
// scheduled. installd: cancelled (the invitation says so).
import { defineLifecycle } from "../../../platform/documents/lifecycle.ts";
import { type ActionStatus, CLOSING_STATUSES } from "./categories.ts";

export const walkLifecycle = defineLifecycle({
  states: ["utkast", "inbjudan", "genomford", "protokoll", "avslutad", "installd"],
  transitions: {
    publish: { from: ["utkast"], to: "inbjudan" },
    withdraw: { from: ["inbjudan"], to: "utkast" },
    hold: { from: ["inbjudan"], to: "genomford" },
    publishProtocol: { from: ["genomford"], to: "protokoll" },
    close: { from: ["protokoll"], to: "avslutad" },
    cancel: { from: ["utkast", "inbjudan"], to: "installd" },
  },
  allows: {
    edit: ["utkast", "inbjudan"],
    signUp: ["inbjudan"],
    viewpoint: ["inbjudan"],
    capture: ["inbjudan", "genomford"],
    generateActions: ["genomford"],
    editActions: ["genomford", "protokoll", "avslutad"],
    ownerUpdate: ["protokoll", "avslutad"],
    editClosing: ["avslutad"],
    scheduleRewalk: ["protokoll", "avslutad"],
    setParticipants: ["genomford", "protokoll", "avslutad"],
  },
});

export type WalkStatus = (typeof walkLifecycle.states)[number];
export type WalkTransition = keyof typeof walkLifecycle.transitions;
export type WalkAction = keyof typeof walkLifecycle.allows;
export const WALK_STATUSES = walkLifecycle.states;

/** Statuses whose walk has a public page. */
export function isPublicStatus(s: WalkStatus): boolean {
  return s !== "utkast";
}

/** Whether the protocol (action list, participants) is public. */
export function hasPublicProtocol(s: WalkStatus): boolean {
  return s === "protokoll" || s === "avslutad";
}

export type ActionChangeProblem = "feedbackRequired" | null;

/** An action may only be closed (åtgärdad, avslagen) with a public feedback text. */
export function actionChangeProblem(status: ActionStatus, feedback: string): ActionChangeProblem {
  if (CLOSING_STATUSES.has(status) && feedback.trim().length < 3) return "feedbackRequired";
  return null;
}
