// Staff use cases on one report: status (with a reason or another authority where the state
// needs one), public updates, internal notes, a reply to the reporter by mail, routing, merging a
// duplicate, reopening, review of reports that wait for it, hiding, and removing personal data
// that slipped through (text redaction, hiding or deleting a photo). Each returns a named outcome;
// each change is one history entry, and the sensitive ones are in the audit log too.
import type { Kysely } from "kysely";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import type { AppDeps } from "../../../platform/http/types.ts";
import { certainFindings, type Finding, screenText } from "../../../platform/privacy/screen.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { checkMerge, checkStatusChange, isOpen, type StatusChange } from "../domain/lifecycle.ts";
import { findPhoto, type PhotoRow, setPhotoHidden } from "../repo/photos.ts";
import { findReportByRef, type ReportRow, updateReport } from "../repo/reports.ts";
import { moveReportSubscriptions } from "../repo/subscriptions.ts";
import { audit, findUpdate, insertUpdate, listUpdates, updateUpdateText } from "../repo/updates.ts";
import type { ReportsSettings } from "../settings.ts";
import type { ReportStatus, UpdateKind } from "../tables.ts";
import { notifyReporter, notifySubscribers } from "./notify.ts";
import { removePhoto } from "./photos.ts";
import type { TenantFacts } from "./reports.ts";

export type Ctx = { db: Kysely<DB>; deps: AppDeps; tenant: TenantFacts; settings: ReportsSettings; actor: Actor };

export const MAX_UPDATE = 4000;

/** The organisations usable in the tenant, by id, with their parents. */
export async function organisationsById(db: Kysely<DB>, tenantId: string) {
  const orgs = await listOrganisations(db, tenantId);
  return new Map(orgs.map((o) => [o.id, o]));
}

/** The actor's organisation in the tenant and every organisation above it. */
export async function actorOrganisations(db: Kysely<DB>, tenantId: string, actor: Actor | null): Promise<string[]> {
  const own = actor?.organisations.get(tenantId) ?? null;
  if (!own) return [];
  const orgs = await organisationsById(db, tenantId);
  const chain: string[] = [];
  let at: string | null = own;
  while (at && !chain.includes(at)) {
    chain.push(at);
    at = orgs.get(at)?.parent_id ?? null;
  }
  return chain;
}

/** How staff entries are signed in public: the organisation, never the person. */
async function authorLabel(c: Ctx): Promise<string> {
  const own = c.actor.organisations.get(c.tenant.id) ?? null;
  if (own) {
    const org = (await organisationsById(c.db, c.tenant.id)).get(own);
    if (org) return org.name;
  }
  return c.tenant.name;
}

/** Staff text that will be public or mailed: identity numbers, phone numbers and e-mail addresses are refused; likely names need a confirmation. */
export function screenStaffText(text: string, confirmedNoPersonalData: boolean): { kind: "ok" } | { kind: "personalData"; findings: Finding[] } {
  const found = screenText(text);
  const blocking = confirmedNoPersonalData ? certainFindings(found) : found;
  return blocking.length ? { kind: "personalData", findings: blocking } : { kind: "ok" };
}

async function entry(
  c: Ctx,
  report: ReportRow,
  kind: UpdateKind,
  audience: "public" | "staff" | "reporter",
  text: string,
  extra: Partial<{ status_from: string; status_to: string; organisation_id: string }> = {},
) {
  return insertUpdate(c.db, c.tenant.id, report.id, {
    kind,
    audience,
    text,
    status_from: extra.status_from ?? null,
    status_to: extra.status_to ?? null,
    organisation_id: extra.organisation_id ?? null,
    author_id: c.actor.userId,
    author_label: audience === "staff" ? c.actor.name : await authorLabel(c),
  });
}

/** The first thing staff say to the public or the reporter is the first response. */
function responded(report: ReportRow): Partial<ReportRow> {
  return report.first_response_at ? {} : { first_response_at: new Date() };
}

export type StatusOutcome =
  | { kind: "ok"; report: ReportRow }
  | { kind: "unchanged" }
  | { kind: "closed" }
  | { kind: "notSettable" }
  | { kind: "reasonRequired" }
  | { kind: "authorityRequired" }
  | { kind: "tooLong" }
  | { kind: "personalData"; findings: Finding[] };

export async function changeStatus(c: Ctx, report: ReportRow, change: StatusChange & { text: string; confirmed: boolean }): Promise<StatusOutcome> {
  const check = checkStatusChange(report.status, change);
  if (check.kind !== "ok") return check;
  const text = change.text.trim();
  if (text.length > MAX_UPDATE || (check.reason?.length ?? 0) > 2000 || (check.authority?.length ?? 0) > 200) return { kind: "tooLong" };
  for (const t of [text, check.reason ?? "", check.authority ?? ""]) {
    const s = screenStaffText(t, change.confirmed);
    if (s.kind !== "ok") return s;
  }
  const closing = !isOpen(change.to);
  const updated = await c.db.transaction().execute(async (trx) => {
    const cx = { ...c, db: trx };
    const r = await updateReport(trx, c.tenant.id, report.id, {
      status: change.to,
      status_reason: check.reason,
      other_authority: check.authority,
      closed_at: closing ? new Date() : null,
      ...responded(report),
    });
    const publicText = [text, change.to === "avslutad" ? check.reason : null, change.to === "inte_vart_ansvar" ? check.authority : null]
      .filter(Boolean)
      .join("\n\n");
    await entry(cx, report, "status", "public", publicText, { status_from: report.status, status_to: change.to });
    return r!;
  });
  const note = [text, check.reason ?? "", check.authority ?? ""].filter(Boolean).join(" – ");
  await notifyReporter(c.db, c.deps, c.tenant, updated, { kind: "update", text: note });
  await notifySubscribers(c.db, c.deps, c.tenant, updated, c.settings, "updates", note);
  return { kind: "ok", report: updated };
}

export type TextOutcome = { kind: "ok" } | { kind: "empty" } | { kind: "tooLong" } | { kind: "personalData"; findings: Finding[] } | { kind: "noAddress" };

/** A public update (shown on the report's page, in Open311 notes and feeds; mailed to the reporter and subscribers). */
export async function addPublicUpdate(c: Ctx, report: ReportRow, text: string, confirmed: boolean): Promise<TextOutcome> {
  const t = text.trim();
  if (!t) return { kind: "empty" };
  if (t.length > MAX_UPDATE) return { kind: "tooLong" };
  const s = screenStaffText(t, confirmed);
  if (s.kind !== "ok") return s;
  await entry(c, report, "public", "public", t);
  const updated = (await updateReport(c.db, c.tenant.id, report.id, responded(report)))!;
  await notifyReporter(c.db, c.deps, c.tenant, updated, { kind: "update", text: t });
  await notifySubscribers(c.db, c.deps, c.tenant, updated, c.settings, "updates", t);
  return { kind: "ok" };
}

/** An internal note: staff only, never public, never mailed. */
export async function addInternalNote(c: Ctx, report: ReportRow, text: string): Promise<TextOutcome> {
  const t = text.trim();
  if (!t) return { kind: "empty" };
  if (t.length > MAX_UPDATE) return { kind: "tooLong" };
  await entry(c, report, "internal", "staff", t);
  await updateReport(c.db, c.tenant.id, report.id, {});
  return { kind: "ok" };
}

/** A reply to the reporter: mailed through the outbox and shown on their private page, never in public. */
export async function replyToReporter(c: Ctx, report: ReportRow, text: string, confirmed: boolean): Promise<TextOutcome> {
  const t = text.trim();
  if (!t) return { kind: "empty" };
  if (t.length > MAX_UPDATE) return { kind: "tooLong" };
  if (!report.reporter_email || report.contact_removed_at) return { kind: "noAddress" };
  const s = screenStaffText(t, confirmed);
  if (s.kind !== "ok") return s;
  await entry(c, report, "reply", "reporter", t);
  const updated = (await updateReport(c.db, c.tenant.id, report.id, responded(report)))!;
  await notifyReporter(c.db, c.deps, c.tenant, updated, { kind: "reply", text: t });
  await audit(c.db, c.tenant.id, c.actor.userId, "report.reply", report.id, { characters: t.length });
  return { kind: "ok" };
}

export type RouteOutcome = { kind: "ok" } | { kind: "unknownOrganisation" } | { kind: "unchanged" };

/** Route to an organisation usable in the tenant (a department, a company, the police LPO), or to nobody. */
export async function routeTo(c: Ctx, report: ReportRow, organisationId: string | null): Promise<RouteOutcome> {
  if (organisationId !== null && !(await organisationsById(c.db, c.tenant.id)).has(organisationId)) return { kind: "unknownOrganisation" };
  if (organisationId === report.organisation_id) return { kind: "unchanged" };
  await updateReport(c.db, c.tenant.id, report.id, { organisation_id: organisationId });
  await entry(c, report, "routing", "staff", "", organisationId ? { organisation_id: organisationId } : {});
  await audit(c.db, c.tenant.id, c.actor.userId, "report.route", report.id, { from: report.organisation_id, to: organisationId });
  return { kind: "ok" };
}

export type MergeOutcome =
  | { kind: "ok"; target: ReportRow }
  | { kind: "targetMissing" }
  | { kind: "self" }
  | { kind: "targetIsDuplicate" }
  | { kind: "alreadyDuplicate" };

/** Merge a report into another as its duplicate: its +1s and alert subscribers count for the other from now on. */
export async function mergeInto(c: Ctx, report: ReportRow, targetRef: string): Promise<MergeOutcome> {
  const target = await findReportByRef(c.db, c.tenant.id, targetRef);
  const check = checkMerge(report, target);
  if (check.kind !== "ok") return check;
  const t = target!;
  await c.db.transaction().execute(async (trx) => {
    const cx = { ...c, db: trx };
    await updateReport(trx, c.tenant.id, report.id, {
      status: "dubblett",
      duplicate_of: t.id,
      status_reason: null,
      other_authority: null,
      closed_at: new Date(),
      ...responded(report),
    });
    await entry(cx, report, "merge", "public", t.ref, { status_from: report.status, status_to: "dubblett" });
    await moveReportSubscriptions(trx, c.tenant.id, report.id, t.id);
  });
  await audit(c.db, c.tenant.id, c.actor.userId, "report.merge", report.id, { into: t.id });
  const merged = (await findReportByRef(c.db, c.tenant.id, report.ref))!;
  await notifyReporter(c.db, c.deps, c.tenant, merged, { kind: "update", text: t.ref });
  return { kind: "ok", target: t };
}

export type ReopenOutcome = { kind: "ok" } | { kind: "notClosed" } | { kind: "tooLong" } | { kind: "personalData"; findings: Finding[] };

/** Reopen a closed report (a duplicate is unmerged). */
export async function reopen(c: Ctx, report: ReportRow, text: string, confirmed: boolean): Promise<ReopenOutcome> {
  if (isOpen(report.status)) return { kind: "notClosed" };
  const t = text.trim();
  if (t.length > MAX_UPDATE) return { kind: "tooLong" };
  const s = screenStaffText(t, confirmed);
  if (s.kind !== "ok") return s;
  await c.db.transaction().execute(async (trx) => {
    await updateReport(trx, c.tenant.id, report.id, {
      status: "under_utredning",
      status_reason: null,
      other_authority: null,
      duplicate_of: null,
      closed_at: null,
    });
    await entry({ ...c, db: trx }, report, "reopen", "public", t, { status_from: report.status, status_to: "under_utredning" });
  });
  const updated = (await findReportByRef(c.db, c.tenant.id, report.ref))!;
  await notifyReporter(c.db, c.deps, c.tenant, updated, { kind: "update", text: t });
  await notifySubscribers(c.db, c.deps, c.tenant, updated, c.settings, "updates", t);
  return { kind: "ok" };
}

export type ReviewOutcome = { kind: "ok" } | { kind: "reasonRequired" } | { kind: "unchanged" };

/** Publish a report that waited for review, hide a report from the public (with a reason), or show a hidden one again. */
export async function review(c: Ctx, report: ReportRow, decision: "publish" | "hide", reason: string): Promise<ReviewOutcome> {
  const r = reason.trim().slice(0, 500);
  if (decision === "hide" && !r) return { kind: "reasonRequired" };
  const to = decision === "publish" ? "public" : "hidden";
  if (report.visibility === to) return { kind: "unchanged" };
  const updated = (await updateReport(c.db, c.tenant.id, report.id, { visibility: to, hidden_reason: decision === "hide" ? r : null }))!;
  await entry(c, report, "review", "staff", r, { status_from: report.visibility, status_to: to });
  await audit(c.db, c.tenant.id, c.actor.userId, decision === "publish" ? "report.publish" : "report.hide", report.id, { from: report.visibility, reason: r });
  if (report.visibility === "pending" && to === "public") await notifySubscribers(c.db, c.deps, c.tenant, updated, c.settings, "new", updated.description);
  return { kind: "ok" };
}

export const REDACTED = "[borttaget]";

export type RedactOutcome = { kind: "ok"; count: number } | { kind: "notFound" } | { kind: "empty" } | { kind: "reasonRequired" };

/**
 * Remove personal data that slipped through from the report's text or one of its history
 * entries: every occurrence of `phrase` becomes "[borttaget]". The audit log records who, when,
 * where, why and how many characters — never the removed text.
 */
export async function redactText(
  c: Ctx,
  report: ReportRow,
  target: { field: "description" | "location_text" } | { updateId: string },
  phrase: string,
  reason: string,
): Promise<RedactOutcome> {
  const p = phrase.trim();
  if (!p) return { kind: "empty" };
  if (!reason.trim()) return { kind: "reasonRequired" };
  const replaceAll = (s: string) => {
    const count = s.split(p).length - 1;
    return { text: s.split(p).join(REDACTED), count };
  };
  let count = 0;
  let where: string;
  if ("field" in target) {
    const r = replaceAll(report[target.field]);
    if (!r.count) return { kind: "notFound" };
    if (target.field === "description" && r.text.length > 4000) return { kind: "notFound" };
    await updateReport(c.db, c.tenant.id, report.id, target.field === "description" ? { description: r.text } : { location_text: r.text });
    count = r.count;
    where = target.field;
  } else {
    const u = await findUpdate(c.db, c.tenant.id, report.id, target.updateId);
    if (!u) return { kind: "notFound" };
    const r = replaceAll(u.text);
    if (!r.count) return { kind: "notFound" };
    await updateUpdateText(c.db, c.tenant.id, u.id, r.text);
    await updateReport(c.db, c.tenant.id, report.id, {});
    count = r.count;
    where = `update:${u.id}`;
  }
  await entry(c, report, "redaction", "staff", reason.trim().slice(0, 500));
  await audit(c.db, c.tenant.id, c.actor.userId, "report.redact", report.id, {
    where,
    occurrences: count,
    characters: p.length * count,
    reason: reason.trim().slice(0, 500),
  });
  return { kind: "ok", count };
}

export type PhotoOutcome = { kind: "ok" } | { kind: "notFound" } | { kind: "reasonRequired" };

/** Hide a photo from the public (faces, number plates), show it again, or delete it for good. */
export async function handlePhoto(c: Ctx, report: ReportRow, photoId: string, action: "hide" | "show" | "delete", reason: string): Promise<PhotoOutcome> {
  const photo: PhotoRow | undefined = await findPhoto(c.db, c.tenant.id, report.id, photoId);
  if (!photo) return { kind: "notFound" };
  const why = reason.trim().slice(0, 500);
  if ((action === "hide" || action === "delete") && !why) return { kind: "reasonRequired" };
  if (action === "delete") await removePhoto(c.db, c.deps.storage, c.tenant.id, photo);
  else await setPhotoHidden(c.db, c.tenant.id, photo.id, action === "hide" ? { at: new Date(), by: c.actor.userId, reason: why } : null);
  await updateReport(c.db, c.tenant.id, report.id, {});
  await entry(c, report, "photo", "staff", why);
  await audit(c.db, c.tenant.id, c.actor.userId, `report.photo.${action}`, report.id, { photo: photo.id, reason: why });
  return { kind: "ok" };
}

/** The history as staff see it. */
export function staffHistory(db: Kysely<DB>, tenantId: string, reportId: string) {
  return listUpdates(db, tenantId, reportId, "staff");
}

export type { ReportStatus };
