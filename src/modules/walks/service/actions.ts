// The action list: generated from the walk's observations (one action each, with a suggested
// owner), edited by the coordinator, and updated by the owners across walks — with a public
// feedback text required to close an action, and every change dated.
import type { Kysely } from "kysely";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { updateWithVersion } from "../../../platform/documents/locking.ts";
import { settingsOf } from "../../../platform/tenancy/settings.ts";
import { describePosition, listOrganisations, listPlaces } from "../../tenants/index.ts";
import { CLOSING_STATUSES } from "../domain/categories.ts";
import { actionChangeProblem, walkLifecycle } from "../domain/lifecycle.ts";
import { suggestOwner } from "../domain/owner.ts";
import { can } from "../policy.ts";
import {
  type ActionRow,
  deleteAction,
  findAction,
  insertAction,
  listActions,
  listActionsOfOrganisations,
  listOwnedActionsWithPlace,
  nextActionNumber,
  recordChange,
} from "../repo/actions.ts";
import { listObservations, setNoAction } from "../repo/observations.ts";
import { findWalk, listStops, lockWalk, type WalkRow } from "../repo/walks.ts";
import { type ActionEditInput, type ActionStatusInput, SETTINGS_KEY, WalkSettings } from "../schema.ts";
import type { NotFound, WrongStatus } from "./walks.ts";

const who = (actor: Actor) => ({ userId: actor.userId, name: actor.name });

export type GenerateOutcome = { kind: "ok"; created: number; draftsLeft: number } | WrongStatus | NotFound;

/**
 * One action for every completed observation of the walk that has none (drafts wait until they
 * are completed; re-walk follow-ups and observations marked "no action needed" get none). The
 * action's text is the proposed measure (or the description), its place the stop or the nearest
 * named place, its owner suggested from category and place (domain/owner.ts).
 */
export async function generateActions(
  db: Kysely<DB>,
  tenant: { id: string; settings: Record<string, unknown> },
  walkId: string,
  categoryLabel: (c: string) => string,
): Promise<GenerateOutcome> {
  const tenantId = tenant.id;
  const settings = settingsOf(tenant, SETTINGS_KEY, WalkSettings);
  return db.transaction().execute(async (trx): Promise<GenerateOutcome> => {
    const walk = await lockWalk(trx, tenantId, walkId);
    if (!walk) return { kind: "notFound" };
    if (!walkLifecycle.statusAllows(walk.status, "generateActions")) return { kind: "wrongStatus", status: walk.status };
    const [observations, actions, stops, places, orgs, earlier] = await Promise.all([
      listObservations(trx, tenantId, walk.id),
      listActions(trx, tenantId, walk.id),
      listStops(trx, tenantId, walk.id),
      listPlaces(trx, tenantId),
      listOrganisations(trx, tenantId),
      listOwnedActionsWithPlace(trx, tenantId),
    ]);
    const usable = new Set(orgs.map((o) => o.id));
    const history = earlier.map((e) => ({ organisationId: e.organisation_id!, category: e.category, lat: e.lat, lon: e.lon, at: new Date(e.created_at) }));
    const covered = new Set(actions.map((a) => a.observation_id));
    let number = await nextActionNumber(trx, tenantId, walk.id);
    let created = 0;
    let draftsLeft = 0;
    for (const o of observations) {
      if (o.follows_action_id !== null || o.no_action || covered.has(o.id)) continue;
      if (o.draft) {
        draftsLeft++;
        continue;
      }
      const stop = o.stop_id ? stops.find((s) => s.id === o.stop_id) : undefined;
      const placeText = stop?.name ?? (o.lat !== null && o.lon !== null ? (describePosition(places, o.lat, o.lon, "sv") ?? "") : "");
      const text = (o.proposed_measure || o.description || categoryLabel(o.category!)).trim();
      const suggestion = suggestOwner(o, history, { byCategory: settings.ownerByCategory, fallback: settings.defaultOwner }, usable);
      const a = await insertAction(trx, tenantId, {
        walkId: walk.id,
        observationId: o.id,
        number: number++,
        title: text.slice(0, 500),
        placeText: placeText.slice(0, 300),
        organisationId: suggestion?.organisationId ?? null,
        ownerReason: suggestion?.reason ?? null,
      });
      await recordChange(trx, tenantId, {
        actionId: a.id,
        status: a.status,
        dueOn: null,
        organisationId: a.organisation_id,
        feedback: "",
        actor: { userId: null, name: null },
      });
      created++;
    }
    return { kind: "ok", created, draftsLeft };
  });
}

export type ActionConflict = { kind: "conflict"; current: ActionRow };

export type EditActionOutcome = { kind: "ok"; action: ActionRow } | NotFound | WrongStatus | ActionConflict | { kind: "unknownOrganisation" };

/** The coordinator's edit of an action: text, place, owner, due date. */
export async function editAction(db: Kysely<DB>, tenantId: string, actor: Actor, action: ActionRow, input: ActionEditInput): Promise<EditActionOutcome> {
  const walk = await findWalk(db, tenantId, action.walk_id);
  if (!walk) return { kind: "notFound" };
  if (!walkLifecycle.statusAllows(walk.status, "editActions")) return { kind: "wrongStatus", status: walk.status };
  if (input.organisation_id && !(await listOrganisations(db, tenantId)).some((o) => o.id === input.organisation_id)) return { kind: "unknownOrganisation" };
  return db.transaction().execute(async (trx): Promise<EditActionOutcome> => {
    const ownerChanged = input.organisation_id !== action.organisation_id;
    const r = await updateWithVersion(trx, "walk_actions", tenantId, action.id, input.version, {
      title: input.title,
      place_text: input.place_text,
      organisation_id: input.organisation_id,
      due_on: input.due_on,
      ...(ownerChanged ? { owner_reason: null, sent_at: null } : {}),
    });
    if (r.kind === "notFound") return r;
    if (r.kind !== "ok") return { kind: "conflict", current: r.current };
    if (ownerChanged || input.due_on !== action.due_on)
      await recordChange(trx, tenantId, {
        actionId: action.id,
        status: r.row.status,
        dueOn: r.row.due_on,
        organisationId: r.row.organisation_id,
        feedback: r.row.public_feedback,
        actor: who(actor),
      });
    return { kind: "ok", action: r.row };
  });
}

export type UpdateStatusOutcome =
  | { kind: "ok"; action: ActionRow }
  | NotFound
  | WrongStatus
  | ActionConflict
  | { kind: "forbidden" }
  | { kind: "feedbackRequired" };

/** An owner's (or coordinator's) update of the action's status, due date and public feedback. */
export async function updateActionStatus(
  db: Kysely<DB>,
  tenantId: string,
  actor: Actor,
  action: ActionRow,
  input: ActionStatusInput,
): Promise<UpdateStatusOutcome> {
  const actingFor = await organisationsActedFor(db, tenantId, actor);
  if (!can(actor, "action.update", { ...action, actorOrganisations: actingFor })) return { kind: "forbidden" };
  const walk = await findWalk(db, tenantId, action.walk_id);
  if (!walk) return { kind: "notFound" };
  const coordinator = can(actor, "protocol.manage", walk);
  if (!walkLifecycle.statusAllows(walk.status, coordinator ? "editActions" : "ownerUpdate")) return { kind: "wrongStatus", status: walk.status };
  if (actionChangeProblem(input.status, input.public_feedback)) return { kind: "feedbackRequired" };
  return db.transaction().execute(async (trx): Promise<UpdateStatusOutcome> => {
    const statusChanged = input.status !== action.status;
    const r = await updateWithVersion(trx, "walk_actions", tenantId, action.id, input.version, {
      status: input.status,
      due_on: input.due_on,
      public_feedback: input.public_feedback,
      ...(statusChanged ? { status_changed_at: new Date() } : {}),
    });
    if (r.kind === "notFound") return r;
    if (r.kind !== "ok") return { kind: "conflict", current: r.current };
    if (statusChanged || input.due_on !== action.due_on || input.public_feedback !== action.public_feedback)
      await recordChange(trx, tenantId, {
        actionId: action.id,
        status: r.row.status,
        dueOn: r.row.due_on,
        organisationId: r.row.organisation_id,
        feedback: r.row.public_feedback,
        actor: who(actor),
      });
    return { kind: "ok", action: r.row };
  });
}

export type RemoveActionOutcome = { kind: "ok" } | NotFound | WrongStatus;

/** "No action needed": the action goes, the observation stays (and is not turned into an action again). */
export async function removeAction(db: Kysely<DB>, tenantId: string, action: ActionRow): Promise<RemoveActionOutcome> {
  const walk = await findWalk(db, tenantId, action.walk_id);
  if (!walk) return { kind: "notFound" };
  if (!walkLifecycle.statusAllows(walk.status, "generateActions")) return { kind: "wrongStatus", status: walk.status };
  await db.transaction().execute(async (trx) => {
    await deleteAction(trx, tenantId, action.id);
    await setNoAction(trx, tenantId, action.observation_id, true);
  });
  return { kind: "ok" };
}

/**
 * The organisations an åtgärdsägare acts for: their own and every organisation below it (a
 * förvaltning's åtgärdsägare handles actions owned by its units), among those usable in the tenant.
 */
export async function organisationsActedFor(db: Kysely<DB>, tenantId: string, actor: Actor): Promise<string[]> {
  const own = actor.organisations.get(tenantId);
  if (!own) return [];
  const orgs = await listOrganisations(db, tenantId);
  if (!orgs.some((o) => o.id === own)) return [];
  const below = new Set([own]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of orgs)
      if (o.parent_id && below.has(o.parent_id) && !below.has(o.id)) {
        below.add(o.id);
        grew = true;
      }
  }
  return [...below];
}

/** The actions the actor may update across walks: their organisations' for åtgärdsägare, all for coordinators. */
export async function listMyActions(db: Kysely<DB>, tenantId: string, actor: Actor, opts: { openOnly: boolean }) {
  if (can(actor, "protocol.manage", { tenant_id: tenantId }))
    return { scope: "all" as const, actions: await listActionsOfOrganisations(db, tenantId, "all", opts) };
  if (!can(actor, "actions.updateAny", { tenant_id: tenantId })) return { scope: "none" as const, actions: [] };
  const actingFor = await organisationsActedFor(db, tenantId, actor);
  return { scope: "organisation" as const, actions: await listActionsOfOrganisations(db, tenantId, actingFor, opts) };
}

export function isClosed(a: { status: ActionRow["status"] }): boolean {
  return CLOSING_STATUSES.has(a.status);
}

export { findAction };
export type { WalkRow };
