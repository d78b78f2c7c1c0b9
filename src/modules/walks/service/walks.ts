// Use cases of a walk: plan it, change the plan, step it through its life (publish the
// invitation, hold it with the participants counted, publish the protocol, record the closing
// meeting, cancel), choose observers, schedule a re-walk. Expected business results are named
// outcomes; the caller turns them into pages, JSON or messages.
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { recordEvent } from "../../../platform/documents/events.ts";
import { updateWithVersion } from "../../../platform/documents/locking.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import type { Storage } from "../../../platform/storage/storage.ts";
import { listLoggablePromises, logActivity } from "../../promises/index.ts";
import { findPlace, listOrganisations } from "../../tenants/index.ts";
import { PARTICIPANT_GROUPS } from "../domain/categories.ts";
import { type WalkStatus, type WalkTransition, walkLifecycle } from "../domain/lifecycle.ts";
import { stockholmDate, stockholmInstant } from "../domain/time.ts";
import { listActions, markSent, setStatedPlan } from "../repo/actions.ts";
import { listObservations } from "../repo/observations.ts";
import {
  addObserver,
  insertWalk,
  listOrganisationMembers,
  listStaff,
  listStops,
  lockWalk,
  removeObserver,
  replaceInvited,
  replaceStops,
  type WalkContent,
  type WalkRow,
  contentValues,
} from "../repo/walks.ts";
import type { ClosingInput, HoldInput, RewalkInput, WalkPlanInput } from "../schema.ts";

export type NotFound = { kind: "notFound" };
export type WrongStatus = { kind: "wrongStatus"; status: WalkStatus };
export type Conflict = { kind: "conflict"; current: WalkRow };

export type PlanProblem =
  | { kind: "unknownPlace" }
  | { kind: "positionMissing" }
  | { kind: "badTime" }
  | { kind: "tooLong" }
  | { kind: "unknownOrganisations" }
  | { kind: "unknownPromise" };

const MAX_HOURS = 12;
const who = (actor: Actor) => ({ userId: actor.userId, name: actor.name });

/** The plan's content from the validated input (times in Swedish local time; an end before the start is the next day). */
async function contentOf(
  db: Kysely<DB>,
  tenantId: string,
  actor: Actor,
  input: WalkPlanInput,
  defaultCap: number,
): Promise<{ kind: "ok"; content: WalkContent } | PlanProblem> {
  let lat = input.lat;
  let lon = input.lon;
  if (input.place_id) {
    const place = await findPlace(db, tenantId, input.place_id);
    if (!place) return { kind: "unknownPlace" };
    if (lat === null || lon === null) ({ lat, lon } = place);
  }
  if ((lat === null || lon === null) && input.stops[0]) ({ lat, lon } = input.stops[0]);
  if (lat === null || lon === null) return { kind: "positionMissing" };
  const start = stockholmInstant(input.date, input.start_time);
  let end = stockholmInstant(input.date, input.end_time);
  if (!start || !end) return { kind: "badTime" };
  if (end.getTime() <= start.getTime()) end = new Date(end.getTime() + 86_400_000);
  if (end.getTime() - start.getTime() > MAX_HOURS * 3_600_000) return { kind: "tooLong" };
  if (input.invited_organisation_ids.length) {
    const usable = new Set((await listOrganisations(db, tenantId)).map((o) => o.id));
    if (input.invited_organisation_ids.some((id) => !usable.has(id))) return { kind: "unknownOrganisations" };
  }
  if (input.promise_id) {
    const loggable = await listLoggablePromises(db, tenantId, actor, stockholmDate(new Date()));
    if (!loggable.some((l) => l.promise.id === input.promise_id)) return { kind: "unknownPromise" };
  }
  return {
    kind: "ok",
    content: {
      kind: input.kind,
      title: input.title,
      place_id: input.place_id,
      meeting_point: input.meeting_point,
      lat,
      lon,
      route: input.route,
      starts_at: start,
      ends_at: end,
      purpose: input.purpose,
      organisers: input.organisers,
      decision_makers: input.decision_makers,
      accessibility_note: input.accessibility_note,
      signup_cap: input.signup_cap ?? defaultCap,
      captures_feelings: input.captures_feelings,
      promise_id: input.promise_id,
    },
  };
}

export type PlanOutcome = { kind: "ok"; walk: WalkRow } | PlanProblem;

export async function planWalk(db: Kysely<DB>, tenantId: string, actor: Actor, input: WalkPlanInput, defaultCap: number): Promise<PlanOutcome> {
  const c = await contentOf(db, tenantId, actor, input, defaultCap);
  if (c.kind !== "ok") return c;
  const walk = await db.transaction().execute(async (trx) => {
    const w = await insertWalk(trx, tenantId, { ...c.content, createdBy: actor.userId });
    await replaceStops(trx, tenantId, w.id, input.stops);
    await replaceInvited(trx, tenantId, w.id, input.invited_organisation_ids);
    await recordEvent(trx, "walk_document_events", tenantId, w.id, { action: "planned", actor: who(actor) });
    return w;
  });
  return { kind: "ok", walk };
}

export type EditOutcome = { kind: "ok"; walk: WalkRow } | PlanProblem | NotFound | WrongStatus | Conflict;

export async function editWalk(db: Kysely<DB>, tenantId: string, actor: Actor, walk: WalkRow, input: WalkPlanInput): Promise<EditOutcome> {
  if (!walkLifecycle.statusAllows(walk.status, "edit")) return { kind: "wrongStatus", status: walk.status };
  const c = await contentOf(db, tenantId, actor, input, walk.signup_cap);
  if (c.kind !== "ok") return c;
  return db.transaction().execute(async (trx) => {
    const r = await updateWithVersion(trx, "walks", tenantId, walk.id, input.version ?? walk.version, contentValues(c.content), {
      statusIn: walkLifecycle.statusesAllowing("edit"),
    });
    if (r.kind === "notFound") return r;
    if (r.kind === "conflict") return { kind: "conflict" as const, current: r.current as unknown as WalkRow };
    if (r.kind === "wrongStatus") return { kind: "wrongStatus" as const, status: r.current.status };
    await replaceStops(trx, tenantId, walk.id, input.stops);
    await replaceInvited(trx, tenantId, walk.id, input.invited_organisation_ids);
    await recordEvent(trx, "walk_document_events", tenantId, walk.id, { action: "edited", actor: who(actor) });
    return { kind: "ok" as const, walk: r.row as unknown as WalkRow };
  });
}

export type TransitionProblem =
  | { kind: "noStops" }
  | { kind: "missingOwners"; numbers: number[] }
  | { kind: "draftsLeft"; count: number }
  | { kind: "noActions" }
  | { kind: "reasonRequired" };

/** What logging the walk on its promise gave (the walk is held either way). */
export type PromiseLog = { kind: "logged"; activityId: string } | { kind: "notLogged"; reason: string } | { kind: "none" };

export type TransitionOutcome = { kind: "ok"; walk: WalkRow; promiseLog?: PromiseLog; mailed?: number } | TransitionProblem | NotFound | WrongStatus | Conflict;

type TransitionExtra = {
  hold?: HoldInput;
  protocolSummary?: string;
  closing?: ClosingInput;
  cancelReason?: string;
  /** Deliver mail (the action list to its owners) and log on the promise: the platform's mailer and storage. */
  deps?: {
    mailer: { send(db: Kysely<DB>, m: { tenantId: string; to: string; subject: string; text: string }): Promise<unknown> };
    storage: Storage;
    baseUrl: string;
    tenantSlug: string;
  };
};

/**
 * Take a lifecycle step from the status the person saw (`version`). The walk row is locked for
 * the step; a stale version is a conflict and changes nothing.
 */
export async function transitionWalk(
  db: Kysely<DB>,
  tenantId: string,
  actor: Actor,
  walkId: string,
  name: WalkTransition,
  version: number,
  extra: TransitionExtra = {},
): Promise<TransitionOutcome> {
  const out = await db.transaction().execute(async (trx): Promise<TransitionOutcome> => {
    const walk = await lockWalk(trx, tenantId, walkId);
    if (!walk) return { kind: "notFound" };
    if (walk.version !== version) return { kind: "conflict", current: walk };
    const to = walkLifecycle.target(walk.status, name);
    if (!to) return { kind: "wrongStatus", status: walk.status };
    const values: Record<string, unknown> = { status: to };
    let note: string | null = null;
    if (name === "publish") {
      const stops = await listStops(trx, tenantId, walk.id);
      if (stops.length === 0 && !walk.route) return { kind: "noStops" };
    }
    if (name === "hold") {
      const p = extra.hold!.participants;
      for (const g of PARTICIPANT_GROUPS) values[`participants_${g}`] = p[g];
    }
    if (name === "publishProtocol") {
      const actions = await listActions(trx, tenantId, walk.id);
      const observations = await listObservations(trx, tenantId, walk.id);
      const drafts = observations.filter((o) => o.draft && !o.no_action && o.follows_action_id === null);
      if (drafts.length) return { kind: "draftsLeft", count: drafts.length };
      const open = observations.filter((o) => !o.draft && !o.no_action && o.follows_action_id === null && !actions.some((a) => a.observation_id === o.id));
      if (open.length) return { kind: "noActions" };
      const missing = actions.filter((a) => a.organisation_id === null).map((a) => a.number);
      if (missing.length) return { kind: "missingOwners", numbers: missing };
      values.protocol_summary = extra.protocolSummary ?? walk.protocol_summary;
      values.protocol_published_at = new Date();
    }
    if (name === "close") {
      const c = extra.closing!;
      values.closing_meeting_on = c.closing_meeting_on;
      values.closing_meeting_notes = c.closing_meeting_notes;
      const actions = await listActions(trx, tenantId, walk.id);
      for (const a of actions) {
        const plan = c.plans[a.id];
        if (plan !== undefined && plan !== a.stated_plan) await setStatedPlan(trx, tenantId, a.id, plan);
      }
    }
    if (name === "cancel") {
      const reason = (extra.cancelReason ?? "").trim();
      if (reason.length < 3) return { kind: "reasonRequired" };
      values.cancelled_reason = reason;
      note = reason;
    }
    const r = await updateWithVersion(trx, "walks", tenantId, walk.id, version, values as never, { statusIn: [walk.status] });
    if (r.kind !== "ok") return r.kind === "notFound" ? r : { kind: "conflict", current: r.current as unknown as WalkRow };
    await recordEvent(trx, "walk_document_events", tenantId, walk.id, { action: name, actor: who(actor), note });
    return { kind: "ok", walk: r.row as unknown as WalkRow };
  });
  if (out.kind !== "ok") return out;
  // After the step is stored: log the walk on its promise, send the action list. Either may
  // fail without undoing the step; the coordinator is told.
  if (name === "hold" && extra.deps) out.promiseLog = await logOnPromise(db, tenantId, actor, out.walk, extra.deps.storage);
  if (name === "publishProtocol" && extra.deps) out.mailed = await sendActionList(db, tenantId, out.walk, extra.deps);
  return out;
}

/** Log the held walk as an activity on its promise (under the promises module's own rules). */
export async function logOnPromise(db: Kysely<DB>, tenantId: string, actor: Actor, walk: WalkRow, storage: Storage): Promise<PromiseLog> {
  if (!walk.promise_id) return { kind: "none" };
  if (walk.promise_activity_id) return { kind: "logged", activityId: walk.promise_activity_id };
  const total = PARTICIPANT_GROUPS.reduce((n, g) => n + (walk[`participants_${g}`] ?? 0), 0);
  const stops = await listStops(db, tenantId, walk.id);
  const place = walk.meeting_point || stops[0]?.name || null;
  const kindTitle = walk.kind === "medborgarvandring" ? "Medborgarvandring" : "Trygghetsvandring";
  const r = await logActivity(
    db,
    storage,
    tenantId,
    actor,
    {
      promise_id: walk.promise_id,
      title: `${kindTitle}: ${walk.title}`.slice(0, 200),
      occurred_on: stockholmDate(new Date(walk.starts_at)),
      description: walk.purpose.slice(0, 5000),
      place_name: place ? place.slice(0, 200) : null,
      lat: walk.lat,
      lon: walk.lon,
      outcomes: total > 0 ? [{ label: "deltagare", value: total }] : [],
    },
    [],
    stockholmDate(new Date()),
  );
  if (r.kind !== "ok") return { kind: "notLogged", reason: r.kind };
  await db.updateTable("walks").set({ promise_activity_id: r.activity.id }).where("tenant_id", "=", tenantId).where("id", "=", walk.id).execute();
  return { kind: "logged", activityId: r.activity.id };
}

export type MailDeps = NonNullable<TransitionExtra["deps"]>;

/**
 * Mail each owning organisation's åtgärdsägare the actions of the walk not yet sent to them (all
 * of them when the protocol is published; later, an action whose owner the coordinator changed);
 * returns the number of messages.
 */
export async function sendActionList(
  db: Kysely<DB>,
  tenantId: string,
  walk: WalkRow,
  deps: Pick<MailDeps, "mailer" | "baseUrl" | "tenantSlug">,
): Promise<number> {
  const actions = (await listActions(db, tenantId, walk.id)).filter((a) => a.sent_at === null && a.organisation_id !== null);
  const byOrg = new Map<string, typeof actions>();
  for (const a of actions) byOrg.set(a.organisation_id!, [...(byOrg.get(a.organisation_id!) ?? []), a]);
  let sent = 0;
  for (const [orgId, list] of byOrg) {
    const members = await listOrganisationMembers(db, tenantId, orgId, "atgardsagare");
    for (const m of members) {
      const t = translator(m.locale);
      const lines = list.map(
        (a) => `${a.number}. ${a.title}${a.place_text ? ` (${a.place_text})` : ""}${a.due_on ? ` – ${t("walks.mail.due", { date: a.due_on })}` : ""}`,
      );
      await deps.mailer.send(db, {
        tenantId,
        to: m.email,
        subject: t("walks.mail.subject", { title: walk.title, count: list.length }),
        text: `${t("walks.mail.greeting", { name: m.name })}\n\n${t("walks.mail.intro", { title: walk.title, count: list.length })}\n\n${lines.join("\n")}\n\n${t(
          "walks.mail.link",
        )} ${deps.baseUrl}/t/${deps.tenantSlug}/arbete/vandringar/mina-atgarder\n${t("walks.mail.public")} ${deps.baseUrl}/t/${deps.tenantSlug}/vandringar/${walk.id}\n`,
      });
      sent++;
    }
    await markSent(
      db,
      tenantId,
      list.map((a) => a.id),
    );
  }
  return sent;
}

export type ObserverOutcome = { kind: "ok" } | { kind: "notStaff" };

export async function setObserver(db: Kysely<DB>, tenantId: string, walk: WalkRow, userId: string, on: boolean): Promise<ObserverOutcome> {
  if (!on) {
    await removeObserver(db, tenantId, walk.id, userId);
    return { kind: "ok" };
  }
  const staff = await listStaff(db, tenantId);
  if (!staff.some((s) => s.id === userId)) return { kind: "notStaff" };
  await addObserver(db, tenantId, walk.id, userId);
  return { kind: "ok" };
}

/** The stop nearest to a position within `maxMetres` (SWEREF 99 TM), or null. */
export function nearestStop<S extends { lat: number; lon: number }>(stops: readonly S[], lat: number, lon: number, maxMetres: number): S | null {
  const p = latLonToSweref(lat, lon);
  let best: { s: S; d: number } | null = null;
  for (const s of stops) {
    const q = latLonToSweref(s.lat, s.lon);
    const d = Math.hypot(p.e - q.e, p.n - q.n);
    if (d <= maxMetres && (!best || d < best.d)) best = { s, d };
  }
  return best?.s ?? null;
}

export type RewalkOutcome = { kind: "ok"; walk: WalkRow } | WrongStatus | { kind: "badTime" };

/**
 * A re-walk of a walk whose protocol is out: a new plan at the same place, with the stops that
 * still have open actions (all stops when none are linked), to be published like any walk.
 */
export async function scheduleRewalk(
  db: Kysely<DB>,
  tenantId: string,
  actor: Actor,
  walk: WalkRow,
  input: RewalkInput,
  titlePrefix: string,
): Promise<RewalkOutcome> {
  if (!walkLifecycle.statusAllows(walk.status, "scheduleRewalk")) return { kind: "wrongStatus", status: walk.status };
  const start = stockholmInstant(input.date, input.start_time);
  let end = stockholmInstant(input.date, input.end_time);
  if (!start || !end) return { kind: "badTime" };
  if (end.getTime() <= start.getTime()) end = new Date(end.getTime() + 86_400_000);
  const stops = await listStops(db, tenantId, walk.id);
  const actions = await listActions(db, tenantId, walk.id);
  const observations = await listObservations(db, tenantId, walk.id);
  // The stop of each open action: the one its observation was made at, else the nearest stop
  // within 200 m of where it was made.
  const openStops = new Set<string>();
  for (const a of actions.filter((x) => x.status === "ny" || x.status === "planerad")) {
    const o = observations.find((x) => x.id === a.observation_id);
    if (!o) continue;
    if (o.stop_id) openStops.add(o.stop_id);
    else if (o.lat !== null && o.lon !== null) {
      const near = nearestStop(stops, o.lat, o.lon, 200);
      if (near) openStops.add(near.id);
    }
  }
  const keep = openStops.size ? stops.filter((s) => openStops.has(s.id)) : stops;
  const invited = await db.selectFrom("walk_invitations").select("organisation_id").where("tenant_id", "=", tenantId).where("walk_id", "=", walk.id).execute();
  const created = await db.transaction().execute(async (trx) => {
    const w = await insertWalk(trx, tenantId, {
      kind: walk.kind,
      title: `${titlePrefix} ${walk.title}`.slice(0, 200),
      place_id: walk.place_id,
      meeting_point: walk.meeting_point,
      lat: walk.lat,
      lon: walk.lon,
      route: walk.route,
      starts_at: start,
      ends_at: end,
      purpose: walk.purpose,
      organisers: walk.organisers,
      decision_makers: walk.decision_makers,
      accessibility_note: walk.accessibility_note,
      signup_cap: walk.signup_cap,
      captures_feelings: walk.captures_feelings,
      promise_id: null,
      createdBy: actor.userId,
      rewalkOfId: walk.id,
    });
    await replaceStops(
      trx,
      tenantId,
      w.id,
      keep.map((s) => ({ id: null, name: s.name, lat: s.lat, lon: s.lon, note: s.note })),
    );
    await replaceInvited(
      trx,
      tenantId,
      w.id,
      invited.map((i) => i.organisation_id),
    );
    await recordEvent(trx, "walk_document_events", tenantId, w.id, { action: "planned", actor: who(actor), note: walk.title });
    await recordEvent(trx, "walk_document_events", tenantId, walk.id, { action: "rewalkScheduled", actor: who(actor), note: w.id });
    return w;
  });
  return { kind: "ok", walk: created };
}

export type ClosingOutcome = { kind: "ok"; walk: WalkRow } | WrongStatus | Conflict | NotFound;

/** Correct the record of the closing meeting after the walk was closed (date, notes, owners' plans). */
export async function updateClosing(db: Kysely<DB>, tenantId: string, actor: Actor, walk: WalkRow, input: ClosingInput): Promise<ClosingOutcome> {
  if (!walkLifecycle.statusAllows(walk.status, "editClosing")) return { kind: "wrongStatus", status: walk.status };
  return db.transaction().execute(async (trx): Promise<ClosingOutcome> => {
    const r = await updateWithVersion(
      trx,
      "walks",
      tenantId,
      walk.id,
      input.version,
      { closing_meeting_on: input.closing_meeting_on, closing_meeting_notes: input.closing_meeting_notes },
      { statusIn: walkLifecycle.statusesAllowing("editClosing") },
    );
    if (r.kind === "notFound") return r;
    if (r.kind !== "ok") return { kind: "conflict", current: r.current as unknown as WalkRow };
    for (const a of await listActions(trx, tenantId, walk.id)) {
      const plan = input.plans[a.id];
      if (plan !== undefined && plan !== a.stated_plan) await setStatedPlan(trx, tenantId, a.id, plan);
    }
    await recordEvent(trx, "walk_document_events", tenantId, walk.id, { action: "closingEdited", actor: who(actor) });
    return { kind: "ok", walk: r.row as unknown as WalkRow };
  });
}

export type ParticipantsOutcome = { kind: "ok"; walk: WalkRow } | WrongStatus | Conflict | NotFound;

/** Correct the participant counts after the walk was held. */
export async function setParticipants(db: Kysely<DB>, tenantId: string, actor: Actor, walk: WalkRow, input: HoldInput): Promise<ParticipantsOutcome> {
  if (!walkLifecycle.statusAllows(walk.status, "setParticipants")) return { kind: "wrongStatus", status: walk.status };
  const values: Record<string, number> = {};
  for (const g of PARTICIPANT_GROUPS) values[`participants_${g}`] = input.participants[g];
  const r = await updateWithVersion(db, "walks", tenantId, walk.id, input.version, values as never, {
    statusIn: walkLifecycle.statusesAllowing("setParticipants"),
  });
  if (r.kind === "notFound") return r;
  if (r.kind !== "ok") return { kind: "conflict", current: r.current as unknown as WalkRow };
  await recordEvent(db, "walk_document_events", tenantId, walk.id, { action: "participantsEdited", actor: who(actor) });
  return { kind: "ok", walk: r.row as unknown as WalkRow };
}
