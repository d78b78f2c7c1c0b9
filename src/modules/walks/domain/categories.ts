// The fixed vocabularies of a walk: kinds, the checklist (Boverket/Brå/Socialstyrelsen's
// trygghetsvandring list), urgencies, participant groups, action statuses. Keys are stable and
// stored; labels come from the message catalogs (walks.category.<key> …).

export const WALK_KINDS = ["medborgarvandring", "trygghetsvandring"] as const;
export type WalkKind = (typeof WALK_KINDS)[number];

export const CATEGORIES = [
  "belysning",
  "vaxtlighet",
  "skymd_sikt",
  "gangvag",
  "klotter",
  "nedskrapning",
  "trasigt",
  "trafikmiljo",
  "hang",
  "bevakning",
  "oppettider",
  "annat",
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Categories about people rather than the place ("häng": where groups gather). On public maps
 * and in the lägesbild they are shown only as counted grid cells, never as points
 * (src/platform/geo/incident-layer.ts).
 */
export const PERSON_RELATED: ReadonlySet<Category> = new Set(["hang"]);

export const URGENCIES = ["lag", "medel", "hog"] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Who took part, counted by group — never a list of names in the protocol. */
export const PARTICIPANT_GROUPS = ["boende", "kommun", "polis", "fastighetsagare", "foreningar", "ovriga"] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];

export const ACTION_STATUSES = ["ny", "planerad", "atgardad", "avslagen"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses that end an action: they need a public feedback text (what was done, or why not). */
export const CLOSING_STATUSES: ReadonlySet<ActionStatus> = new Set(["atgardad", "avslagen"]);

export const OPEN_STATUSES: readonly ActionStatus[] = ["ny", "planerad"];

export function isCategory(v: unknown): v is Category {
  return typeof v === "string" && (CATEGORIES as readonly string[]).includes(v);
}
