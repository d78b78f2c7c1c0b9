// Use cases of the weekly meeting: open the meeting of a week's lägesbild, record its focus areas
// and notes, the places each organisation targets next week, and mark it held. (Insatser are
// decided in service/insatser.ts.) Free text is screened like every other text in EST.
import type { Kysely } from "kysely";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { updateWithVersion } from "../../../platform/documents/locking.ts";
import { findPlace, listOrganisations } from "../../tenants/index.ts";
import { meetingLifecycle } from "../domain/lifecycle.ts";
import { dayOfIsoDate, isoDate, parseWeek, weekDays, weekLabel } from "../domain/time.ts";
import { can } from "../policy.ts";
import { deleteTarget, findMeetingOfWeek, insertMeeting, insertTarget, type MeetingRow } from "../repo/meetings.ts";
import { type FieldProblems, screen, screeningWords, type TenantFacts } from "./reports.ts";
import type { Finding } from "../../../platform/privacy/screen.ts";

export type MeetingOutcome =
  | { kind: "ok"; meeting: MeetingRow }
  | { kind: "exists"; meeting: MeetingRow }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "personalData"; field: string; findings: Finding[]; certain: boolean }
  | { kind: "conflict"; current: MeetingRow }
  | { kind: "forbidden" }
  | { kind: "notFound" };

/** A meeting discusses week W's lägesbild: it is held from W's Monday up to three weeks after. */
export function heldOnRange(week: number): { from: string; to: string } {
  return { from: isoDate(weekDays(week).from), to: isoDate(weekDays(week + 3).to - 1) };
}

export async function createMeeting(db: Kysely<DB>, tenant: TenantFacts, actor: Actor, input: { week: string; held_on: string }): Promise<MeetingOutcome> {
  if (!can(actor, "meeting.manage", { tenant_id: tenant.id })) return { kind: "forbidden" };
  const week = parseWeek(input.week);
  if (week === null) return { kind: "invalid", problems: { week: { key: "est.meeting.error.week" } } };
  const day = dayOfIsoDate(input.held_on);
  const range = heldOnRange(week);
  if (day === null) return { kind: "invalid", problems: { held_on: { key: "est.meeting.error.heldOn" } } };
  if (input.held_on < range.from || input.held_on > range.to)
    return {
      kind: "invalid",
      problems: { held_on: { key: "est.meeting.error.heldOnOutside", params: { week: weekLabel(week), from: range.from, to: range.to } } },
    };
  const label = weekLabel(week);
  const existing = await findMeetingOfWeek(db, tenant.id, label);
  if (existing) return { kind: "exists", meeting: existing };
  return { kind: "ok", meeting: await insertMeeting(db, tenant.id, { week: label, heldOn: input.held_on, createdBy: actor.userId }) };
}

/** Focus areas and notes of a meeting (the record can be amended after the meeting). */
export async function updateMeetingRecord(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  meeting: MeetingRow,
  input: { focus_areas: string[]; notes: string; version: number; confirm_not_names?: string[] },
): Promise<MeetingOutcome> {
  if (!can(actor, "meeting.manage", { tenant_id: tenant.id })) return { kind: "forbidden" };
  const words = await screeningWords(db, tenant);
  const confirmed = input.confirm_not_names ?? [];
  for (const [i, f] of input.focus_areas.entries()) {
    const found = screen(`focus_areas.${i}`, f, words, confirmed);
    if (found) return found;
  }
  const found = screen("notes", input.notes, words, confirmed);
  if (found) return found;
  const focus = [...new Set(input.focus_areas.map((f) => f.trim()).filter(Boolean))];
  const r = await updateWithVersion(
    db,
    "est_meetings",
    tenant.id,
    meeting.id,
    input.version,
    { focus_areas: JSON.stringify(focus), notes: input.notes },
    { statusIn: meetingLifecycle.statusesAllowing("edit") },
  );
  if (r.kind === "ok") return { kind: "ok", meeting: r.row as MeetingRow };
  if (r.kind === "notFound") return { kind: "notFound" };
  return { kind: "conflict", current: r.current as MeetingRow };
}

/** Mark the meeting held. */
export async function holdMeeting(db: Kysely<DB>, tenant: TenantFacts, actor: Actor, meeting: MeetingRow, version: number): Promise<MeetingOutcome> {
  if (!can(actor, "meeting.manage", { tenant_id: tenant.id })) return { kind: "forbidden" };
  const to = meetingLifecycle.target(meeting.status, "hold");
  if (!to) return { kind: "invalid", problems: { status: { key: "est.meeting.error.alreadyHeld" } } };
  const r = await updateWithVersion(
    db,
    "est_meetings",
    tenant.id,
    meeting.id,
    version,
    { status: to },
    { statusIn: meetingLifecycle.statusesAllowing("hold") },
  );
  if (r.kind === "ok") return { kind: "ok", meeting: r.row as MeetingRow };
  if (r.kind === "notFound") return { kind: "notFound" };
  return { kind: "conflict", current: r.current as MeetingRow };
}

/** A place an organisation targets next week: a named place, or one described in words. */
export async function addTarget(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  meeting: MeetingRow,
  input: { organisation_id: string; place_id?: string | undefined; place_name?: string | undefined; note: string },
): Promise<MeetingOutcome> {
  if (!can(actor, "meeting.manage", { tenant_id: tenant.id })) return { kind: "forbidden" };
  const problems: FieldProblems = {};
  const orgs = await listOrganisations(db, tenant.id);
  if (!orgs.some((o) => o.id === input.organisation_id)) problems.organisation_id = { key: "est.meeting.error.organisation" };
  let placeId: string | null = null;
  let placeName = input.place_name?.trim() ?? "";
  if (input.place_id) {
    const place = await findPlace(db, tenant.id, input.place_id);
    if (!place) problems.place_id = { key: "est.report.error.unknownPlace" };
    else {
      placeId = place.id;
      placeName = place.name;
    }
  }
  if (!placeName) problems.place_id ??= { key: "est.meeting.error.targetPlace" };
  if (placeName.length > 120) problems.place_name = { key: "est.meeting.error.placeNameLong" };
  if (Object.keys(problems).length) return { kind: "invalid", problems };
  const words = await screeningWords(db, tenant);
  for (const [field, text] of [
    ["place_name", placeId ? "" : placeName],
    ["note", input.note],
  ] as const) {
    const found = screen(field, text, words, []);
    if (found) return found;
  }
  await insertTarget(db, tenant.id, { meetingId: meeting.id, organisationId: input.organisation_id, placeId, placeName, note: input.note });
  return { kind: "ok", meeting };
}

export async function removeTarget(db: Kysely<DB>, tenant: TenantFacts, actor: Actor, meeting: MeetingRow, targetId: string): Promise<MeetingOutcome> {
  if (!can(actor, "meeting.manage", { tenant_id: tenant.id })) return { kind: "forbidden" };
  await deleteTarget(db, tenant.id, targetId);
  return { kind: "ok", meeting };
}
