// Use cases of insatser: decide one (what, where, who, from–to, which promise it serves), report
// it started, done with its outcome, or cancelled, and choose its comparison area. When an insats
// that serves a promise is reported done, its progress is logged on the promise as an activity —
// through the promises module, whose rules decide (who may log there, the promise document's
// status and validity); the insats stays done either way and the page says what happened.
import type { Kysely } from "kysely";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { type EventActor, recordEvent } from "../../../platform/documents/events.ts";
import { updateWithVersion } from "../../../platform/documents/locking.ts";
import type { Finding } from "../../../platform/privacy/screen.ts";
import type { Storage } from "../../../platform/storage/storage.ts";
import { type LogProgressOutcome, listPromisesValidOn, logPromiseProgress } from "../../promises/index.ts";
import { findPlace, listOrganisations } from "../../tenants/index.ts";
import { type InsatsTransition, insatsLifecycle } from "../domain/lifecycle.ts";
import { dayOfIsoDate, isoDate, today as todayDay } from "../domain/time.ts";
import { can, type InsatsFacts } from "../policy.ts";
import { findInsats, type InsatsRow, type InsatsView, insertInsats } from "../repo/insatser.ts";
import { organisationChain } from "../repo/reports.ts";
import type { InsatsInput } from "../schema.ts";
import { estSettings } from "../settings.ts";
import type { InsatsStatus } from "../tables.ts";
import { type FieldProblems, screen, screeningWords, type TenantFacts } from "./reports.ts";

/** The longest insats (days): longer work is a promise, not a weekly insats. */
export const MAX_INSATS_DAYS = 366;

export type InsatsOutcome =
  | { kind: "ok"; insats: InsatsRow; promise: LogProgressOutcome | null }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "personalData"; field: string; findings: Finding[]; certain: boolean }
  | { kind: "conflict"; current: InsatsView }
  | { kind: "forbidden" }
  | { kind: "notFound" };

const actorOf = (a: Actor): EventActor => ({ userId: a.userId, name: a.name });

/** The facts the policy needs about an insats and the actor. */
export async function insatsFacts(
  db: Kysely<DB>,
  tenantId: string,
  actor: Actor | null,
  i: { tenant_id: string; organisation_id: string | null; status: string },
): Promise<InsatsFacts> {
  return {
    tenant_id: i.tenant_id,
    organisation_id: i.organisation_id,
    status: i.status,
    actorOrganisations: actor ? await organisationChain(db, tenantId, actor.organisations.get(tenantId) ?? null) : [],
  };
}

/** Decide an insats (at a meeting, or by the coordinator between meetings). */
export async function createInsats(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  meetingId: string | null,
  input: InsatsInput,
  opts: { id?: string } = {},
): Promise<InsatsOutcome> {
  if (!can(actor, "insats.create", { tenant_id: tenant.id })) return { kind: "forbidden" };
  const problems: FieldProblems = {};
  const place = await findPlace(db, tenant.id, input.place_id);
  if (!place) problems.place_id = { key: "est.insats.error.place" };
  const orgs = await listOrganisations(db, tenant.id);
  if (!orgs.some((o) => o.id === input.organisation_id)) problems.organisation_id = { key: "est.insats.error.organisation" };
  const start = dayOfIsoDate(input.starts_on);
  const end = dayOfIsoDate(input.ends_on);
  if (start === null) problems.starts_on = { key: "est.insats.error.date" };
  if (end === null) problems.ends_on = { key: "est.insats.error.date" };
  if (start !== null && end !== null) {
    if (end < start) problems.ends_on = { key: "est.insats.error.endBeforeStart" };
    else if (end - start + 1 > MAX_INSATS_DAYS) problems.ends_on = { key: "est.insats.error.tooLong", params: { days: MAX_INSATS_DAYS } };
  }
  const settings = estSettings(tenant);
  const unknown = input.categories.filter((c) => !settings.categories.some((k) => k.key === c));
  if (unknown.length) problems.categories = { key: "est.report.error.unknownCategory", params: { category: unknown.join(", ") } };
  if (input.comparison_place_id) {
    const cmp = await findPlace(db, tenant.id, input.comparison_place_id);
    if (!cmp) problems.comparison_place_id = { key: "est.report.error.unknownPlace" };
    else if (cmp.id === input.place_id) problems.comparison_place_id = { key: "est.insats.error.comparisonSame" };
  }
  if (input.promise_id && start !== null) {
    // The promise must be under way (signed or published) when the insats starts.
    const valid = await listPromisesValidOn(db, tenant.id, input.starts_on);
    if (!valid.some((p) => p.id === input.promise_id)) problems.promise_id = { key: "est.insats.error.promise", params: { date: input.starts_on } };
  }
  if (Object.keys(problems).length) return { kind: "invalid", problems };
  const words = await screeningWords(db, tenant);
  for (const [field, text] of [
    ["title", input.title],
    ["description", input.description],
  ] as const) {
    const found = screen(field, text, words, []);
    if (found) return found;
  }
  const p = place as NonNullable<typeof place>;
  const insats = await db.transaction().execute(async (trx) => {
    const row = await insertInsats(
      trx,
      tenant.id,
      {
        meetingId,
        title: input.title,
        description: input.description,
        placeId: p.id,
        placeName: p.name,
        lat: p.lat,
        lon: p.lon,
        radiusM: input.radius_m,
        categories: [...new Set(input.categories)],
        organisationId: input.organisation_id,
        startsOn: input.starts_on,
        endsOn: input.ends_on,
        promiseId: input.promise_id ?? null,
        comparisonPlaceId: input.comparison_place_id ?? null,
        createdBy: actor.userId,
      },
      opts.id,
    );
    await recordEvent(trx, "est_insats_events", tenant.id, row.id, { action: "decided", actor: actorOf(actor) });
    return row;
  });
  return { kind: "ok", insats, promise: null };
}

/** Which transition leads from the current status to the asked one. */
export function transitionTo(from: InsatsStatus, to: InsatsStatus): InsatsTransition | null {
  for (const t of insatsLifecycle.transitionsFrom(from) as InsatsTransition[]) if (insatsLifecycle.target(from, t) === to) return t;
  return null;
}

/**
 * Report an insats started, done (with its outcome and date) or cancelled (with the reason), or
 * reopen one. Its organisation's staff start and complete it; coordinators also cancel and reopen.
 */
export async function changeInsatsStatus(
  db: Kysely<DB>,
  storage: Storage,
  tenant: TenantFacts,
  actor: Actor,
  insatsId: string,
  input: { status: InsatsStatus; outcome: string; done_on?: string | undefined; version: number },
  now: Date = new Date(),
): Promise<InsatsOutcome> {
  const current = await findInsats(db, tenant.id, insatsId);
  if (!current) return { kind: "notFound" };
  const transition = transitionTo(current.status, input.status);
  const facts = await insatsFacts(db, tenant.id, actor, current);
  const coordinatorOnly = transition === "cancel" || transition === "reopen";
  if (!(coordinatorOnly ? can(actor, "insats.manage", current) : can(actor, "insats.report", facts))) return { kind: "forbidden" };
  if (current.version !== input.version) return { kind: "conflict", current };
  if (!transition) return { kind: "invalid", problems: { status: { key: "est.insats.error.transition" } } };
  const problems: FieldProblems = {};
  let doneOn: string | null = null;
  const today = isoDate(todayDay(now));
  if (transition === "complete") {
    if (input.outcome.trim().length < 3) problems.outcome = { key: "est.insats.error.outcome" };
    const d = input.done_on || today;
    if (dayOfIsoDate(d) === null) problems.done_on = { key: "est.insats.error.date" };
    else if (d > today) problems.done_on = { key: "est.insats.error.doneInFuture" };
    else if (d < current.starts_on) problems.done_on = { key: "est.insats.error.doneBeforeStart", params: { date: current.starts_on } };
    doneOn = d;
  }
  if (transition === "cancel" && input.outcome.trim().length < 3) problems.outcome = { key: "est.insats.error.cancelReason" };
  if (Object.keys(problems).length) return { kind: "invalid", problems };
  const found = screen("outcome", input.outcome, await screeningWords(db, tenant), []);
  if (found) return found;
  const to = insatsLifecycle.target(current.status, transition) as InsatsStatus;
  const values: { status: InsatsStatus; done_on: string | null; outcome?: string } = { status: to, done_on: to === "genomford" ? doneOn : null };
  if (transition === "complete" || transition === "cancel") values.outcome = input.outcome.trim();
  const r = await db.transaction().execute(async (trx) => {
    const u = await updateWithVersion(trx, "est_insatser", tenant.id, current.id, input.version, values, {
      statusIn: insatsLifecycle.statusesAllowing(transition),
    });
    if (u.kind !== "ok") return u;
    await recordEvent(trx, "est_insats_events", tenant.id, current.id, {
      action: transition,
      actor: actorOf(actor),
      note: values.outcome ?? null,
      changes: { status: { from: current.status, to }, ...(doneOn ? { done_on: { from: current.done_on, to: doneOn } } : {}) },
    });
    return u;
  });
  if (r.kind === "notFound") return { kind: "notFound" };
  if (r.kind !== "ok") return { kind: "conflict", current: (await findInsats(db, tenant.id, current.id)) ?? current };
  let row = r.row as InsatsRow;
  let promise: LogProgressOutcome | null = null;
  if (transition === "complete" && row.promise_id && !row.activity_id) {
    promise = await logPromiseProgress(
      db,
      storage,
      tenant.id,
      actor,
      {
        promiseId: row.promise_id,
        title: row.title,
        occurredOn: doneOn as string,
        description: row.outcome,
        placeName: row.place_name,
        lat: row.lat,
        lon: row.lon,
      },
      today,
    );
    if (promise.kind === "ok") {
      const activityId = promise.activityId;
      const linked = await db.transaction().execute(async (trx) => {
        const u = await updateWithVersion(trx, "est_insatser", tenant.id, row.id, row.version, { activity_id: activityId });
        if (u.kind === "ok")
          await recordEvent(trx, "est_insats_events", tenant.id, row.id, {
            action: "activityLogged",
            actor: actorOf(actor),
            changes: { activity_id: { from: null, to: activityId } },
          });
        return u;
      });
      if (linked.kind === "ok") row = linked.row as InsatsRow;
    }
  }
  return { kind: "ok", insats: row, promise };
}

/** Choose (or clear, to have one suggested) the comparison area of an insats (coordinator). */
export async function chooseComparison(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  insatsId: string,
  input: { comparison_place_id?: string | undefined; version: number },
): Promise<InsatsOutcome> {
  const current = await findInsats(db, tenant.id, insatsId);
  if (!current) return { kind: "notFound" };
  if (!can(actor, "insats.manage", current)) return { kind: "forbidden" };
  let placeId: string | null = null;
  if (input.comparison_place_id) {
    const place = await findPlace(db, tenant.id, input.comparison_place_id);
    if (!place) return { kind: "invalid", problems: { comparison_place_id: { key: "est.report.error.unknownPlace" } } };
    if (place.id === current.place_id) return { kind: "invalid", problems: { comparison_place_id: { key: "est.insats.error.comparisonSame" } } };
    placeId = place.id;
  }
  const r = await db.transaction().execute(async (trx) => {
    const u = await updateWithVersion(trx, "est_insatser", tenant.id, current.id, input.version, { comparison_place_id: placeId });
    if (u.kind === "ok")
      await recordEvent(trx, "est_insats_events", tenant.id, current.id, {
        action: "comparisonChosen",
        actor: actorOf(actor),
        changes: { comparison_place_id: { from: current.comparison_place_id, to: placeId } },
      });
    return u;
  });
  if (r.kind === "notFound") return { kind: "notFound" };
  if (r.kind !== "ok") return { kind: "conflict", current: (await findInsats(db, tenant.id, current.id)) ?? current };
  return { kind: "ok", insats: r.row as InsatsRow, promise: null };
}
