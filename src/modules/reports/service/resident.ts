// What a resident does without an account: +1 on a report, follow their own report by its
// private link (answer "är det åtgärdat?", remove their contact details), and alerts by e-mail
// with double opt-in and a one-click way out.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { AppDeps } from "../../../platform/http/types.ts";
import { hashSecret, looksLikeSecret } from "../domain/codes.ts";
import { isOpen } from "../domain/lifecycle.ts";
import { findReportByFollowHash, findReportById, insertSupport, type ReportRow, updateReport } from "../repo/reports.ts";
import { confirmSubscription, deleteSubscription, findSubscriptionByHash, insertSubscription, type SubscriptionRow } from "../repo/subscriptions.ts";
import { audit, insertUpdate } from "../repo/updates.ts";
import { isPersonRelated, type ReportsSettings } from "../settings.ts";
import type { SubscriptionEvents, UnsafeTime } from "../tables.ts";
import { alertSecret, notifySubscribers, sendAlertConfirmation } from "./notify.ts";
import type { TenantFacts } from "./reports.ts";

export type SupportOutcome = { kind: "ok" } | { kind: "notPublic" } | { kind: "closed" };

/** "Jag känner mig också otrygg här": a +1 on an open report the public can see. */
export async function supportReport(
  db: Kysely<DB>,
  settings: ReportsSettings,
  tenantId: string,
  report: ReportRow,
  times: UnsafeTime[],
): Promise<SupportOutcome> {
  if (report.visibility !== "public" || isPersonRelated(settings, report)) return { kind: "notPublic" };
  if (!isOpen(report.status)) return { kind: "closed" };
  await insertSupport(db, tenantId, report.id, times);
  return { kind: "ok" };
}

/** The reporter's own report, by the secret of their private link. */
export async function reportByFollowSecret(db: Kysely<DB>, tenantId: string, secret: unknown): Promise<ReportRow | undefined> {
  if (!looksLikeSecret(secret)) return undefined;
  return findReportByFollowHash(db, tenantId, hashSecret(secret));
}

export type FixedAnswerOutcome = { kind: "ok"; reopened: boolean; closed: boolean } | { kind: "notApplicable" };

/**
 * The reporter answers "är det åtgärdat?". Yes on an open report closes it as fixed; no on a
 * report closed as fixed reopens it. Either way the answer is a public entry in its history.
 */
export async function answerFixed(
  db: Kysely<DB>,
  deps: AppDeps,
  tenant: TenantFacts,
  settings: ReportsSettings,
  report: ReportRow,
  fixed: boolean,
): Promise<FixedAnswerOutcome> {
  if (report.status === "dubblett" || report.status === "inte_vart_ansvar") return { kind: "notApplicable" };
  const reopen = !fixed && report.status === "atgardad";
  const close = fixed && isOpen(report.status);
  await db.transaction().execute(async (trx) => {
    if (reopen) await updateReport(trx, tenant.id, report.id, { status: "under_utredning", closed_at: null, status_reason: null });
    else if (close) await updateReport(trx, tenant.id, report.id, { status: "atgardad", closed_at: new Date() });
    else await updateReport(trx, tenant.id, report.id, {});
    await insertUpdate(trx, tenant.id, report.id, {
      kind: "resident",
      audience: "public",
      text: fixed ? "fixed" : "notFixed",
      status_from: report.status,
      status_to: reopen ? "under_utredning" : close ? "atgardad" : report.status,
      organisation_id: null,
      author_id: null,
      author_label: "",
    });
  });
  if (reopen || close) {
    const updated = (await findReportById(db, tenant.id, report.id))!;
    await notifySubscribers(db, deps, tenant, updated, settings, "updates", "");
  }
  return { kind: "ok", reopened: reopen, closed: close };
}

/** The reporter removes their name and e-mail (the report itself stays, as it is an allmän handling). */
export async function forgetReporter(db: Kysely<DB>, tenantId: string, report: ReportRow): Promise<void> {
  await updateReport(db, tenantId, report.id, { reporter_name: null, reporter_email: null, wants_updates: false, contact_removed_at: new Date() });
  await audit(db, tenantId, null, "report.contact.removedByReporter", report.id);
}

export type AlertRequest = { email: string; events: SubscriptionEvents; category: string | null; areaId: string | null; reportId: string | null };

/** An alert a resident asked for: stored unconfirmed; the confirmation mail carries the link. */
export async function requestAlert(db: Kysely<DB>, deps: AppDeps, tenant: TenantFacts, req: AlertRequest, what: string): Promise<SubscriptionRow> {
  const sub = await db.transaction().execute(async (trx) => {
    const row = await insertSubscription(trx, tenant.id, {
      email: req.email.trim(),
      user_id: null,
      report_id: req.reportId,
      category: req.reportId ? null : req.category,
      area_id: req.reportId ? null : req.areaId,
      events: req.reportId ? "updates" : req.events,
      // Placeholder unique per row until the derived secret's hash replaces it below.
      token_hash: hashSecret(`pending:${crypto.randomUUID()}`),
      confirmed_at: null,
    });
    const token_hash = hashSecret(alertSecret(deps, row.id));
    await trx.updateTable("report_subscriptions").set({ token_hash }).where("tenant_id", "=", tenant.id).where("id", "=", row.id).execute();
    return { ...row, token_hash };
  });
  await sendAlertConfirmation(db, deps, tenant, sub, what);
  return sub;
}

/** A staff member's alert: their account's address is known, so it is confirmed at once. */
export async function addStaffAlert(
  db: Kysely<DB>,
  deps: AppDeps,
  tenant: TenantFacts,
  user: { userId: string; email: string },
  req: Omit<AlertRequest, "email">,
) {
  return db.transaction().execute(async (trx) => {
    const row = await insertSubscription(trx, tenant.id, {
      email: user.email,
      user_id: user.userId,
      report_id: req.reportId,
      category: req.reportId ? null : req.category,
      area_id: req.reportId ? null : req.areaId,
      events: req.reportId ? "updates" : req.events,
      token_hash: hashSecret(`pending:${crypto.randomUUID()}`),
      confirmed_at: new Date(),
    });
    await trx
      .updateTable("report_subscriptions")
      .set({ token_hash: hashSecret(alertSecret(deps, row.id)) })
      .where("tenant_id", "=", tenant.id)
      .where("id", "=", row.id)
      .execute();
    return row;
  });
}

export async function alertBySecret(db: Kysely<DB>, tenantId: string, secret: unknown): Promise<SubscriptionRow | undefined> {
  if (!looksLikeSecret(secret)) return undefined;
  return findSubscriptionByHash(db, tenantId, hashSecret(secret));
}

export async function confirmAlert(db: Kysely<DB>, tenantId: string, sub: SubscriptionRow): Promise<void> {
  await confirmSubscription(db, tenantId, sub.id);
}

export async function endAlert(db: Kysely<DB>, tenantId: string, sub: SubscriptionRow): Promise<void> {
  await deleteSubscription(db, tenantId, sub.id);
}
