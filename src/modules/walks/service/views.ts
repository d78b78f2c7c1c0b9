// Read models of walks for pages, PDFs and the API: a walk with its stops, invited
// organisations, sign-up count, the light during it, and — once held — its observations and
// action list with owners, dated changes and, for a re-walk, the earlier walk's actions with
// what the re-walk found.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { PARTICIPANT_GROUPS, type ParticipantGroup } from "../domain/categories.ts";
import { type WalkLight, walkLight } from "../domain/sun.ts";
import { stockholmDate } from "../domain/time.ts";
import { type ActionChangeRow, type ActionRow, listActions, listChanges } from "../repo/actions.ts";
import { listObservations, type ObservationRow } from "../repo/observations.ts";
import { countSignups, countViewpoints } from "../repo/residents.ts";
import { findWalk, listInvited, listObservers, listRewalks, listStops, type StopRow, type WalkRow } from "../repo/walks.ts";

export type ActionView = ActionRow & {
  owner: string | null;
  changes: ActionChangeRow[];
  observation: ObservationRow | null;
  /** What re-walks found at this action (their follow-up observations), oldest first. */
  followUps: ObservationRow[];
};

export type WalkView = {
  walk: WalkRow;
  stops: StopRow[];
  invited: Array<{ id: string; name: string }>;
  observers: Array<{ id: string; name: string; email: string }>;
  signups: number;
  full: boolean;
  viewpoints: number;
  light: WalkLight;
  participants: Record<ParticipantGroup, number> | null;
  observations: ObservationRow[];
  actions: ActionView[];
  /** For a re-walk: the earlier walk and its actions (with this and other re-walks' follow-ups). */
  rewalkOf: { walk: WalkRow; actions: ActionView[] } | null;
  rewalks: WalkRow[];
};

export function participantsOf(w: WalkRow): Record<ParticipantGroup, number> | null {
  if (PARTICIPANT_GROUPS.every((g) => w[`participants_${g}`] === null)) return null;
  return Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, w[`participants_${g}`] ?? 0])) as Record<ParticipantGroup, number>;
}

export function lightOf(w: WalkRow): WalkLight {
  return walkLight(new Date(w.starts_at), new Date(w.ends_at), w.lat, w.lon, stockholmDate(new Date(w.starts_at)));
}

async function actionViews(
  db: Kysely<DB>,
  tenantId: string,
  walkId: string,
  orgNames: Map<string, string>,
  observations: ObservationRow[],
  followUps: ObservationRow[],
): Promise<ActionView[]> {
  const actions = await listActions(db, tenantId, walkId);
  const changes = await listChanges(
    db,
    tenantId,
    actions.map((a) => a.id),
  );
  return actions.map((a) => ({
    ...a,
    owner: a.organisation_id ? (orgNames.get(a.organisation_id) ?? null) : null,
    changes: changes.get(a.id) ?? [],
    observation: observations.find((o) => o.id === a.observation_id) ?? null,
    followUps: followUps.filter((f) => f.follows_action_id === a.id),
  }));
}

export async function loadWalkView(db: Kysely<DB>, tenantId: string, walk: WalkRow): Promise<WalkView> {
  const [stops, invited, observers, signups, viewpoints, observations, orgs, rewalks] = await Promise.all([
    listStops(db, tenantId, walk.id),
    listInvited(db, tenantId, walk.id),
    listObservers(db, tenantId, walk.id),
    countSignups(db, tenantId, walk.id),
    countViewpoints(db, tenantId, walk.id),
    listObservations(db, tenantId, walk.id),
    listOrganisations(db, tenantId),
    listRewalks(db, tenantId, walk.id),
  ]);
  const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
  const rewalkObservations = (await Promise.all(rewalks.map((r) => listObservations(db, tenantId, r.id)))).flat();
  const actions = await actionViews(db, tenantId, walk.id, orgNames, observations, rewalkObservations);
  let rewalkOf: WalkView["rewalkOf"] = null;
  if (walk.rewalk_of_id) {
    const earlier = await findWalk(db, tenantId, walk.rewalk_of_id);
    if (earlier) {
      const earlierObservations = await listObservations(db, tenantId, earlier.id);
      const siblings = await listRewalks(db, tenantId, earlier.id);
      const siblingObservations = (await Promise.all(siblings.map((r) => (r.id === walk.id ? observations : listObservations(db, tenantId, r.id))))).flat();
      rewalkOf = { walk: earlier, actions: await actionViews(db, tenantId, earlier.id, orgNames, earlierObservations, siblingObservations) };
    }
  }
  return {
    walk,
    stops,
    invited,
    observers,
    signups,
    full: signups >= walk.signup_cap,
    viewpoints,
    light: lightOf(walk),
    participants: participantsOf(walk),
    observations,
    actions,
    rewalkOf,
    rewalks,
  };
}

/** The date of an action's latest change (its status, owner, due date or feedback), Stockholm time. */
export function changedOn(a: ActionView): string {
  const last = a.changes.at(-1)?.created_at ?? a.status_changed_at;
  return stockholmDate(new Date(last));
}

/** Counts of the action list by status. */
export function actionSummary(actions: readonly { status: ActionRow["status"] }[]): Record<ActionRow["status"], number> {
  const out = { ny: 0, planerad: 0, atgardad: 0, avslagen: 0 };
  for (const a of actions) out[a.status]++;
  return out;
}
