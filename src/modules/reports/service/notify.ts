// Mail about reports, always through the outbox (platform/mail): the receipt with the reporter's
// private link, news for the reporter, alerts to subscribers, confirmation of an alert, and the
// "är det åtgärdat?" question. Every mail is Swedish first, then English. Alerts about reports
// that may not be shown individually (person-related, pending, hidden) go only to staff.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { AppDeps } from "../../../platform/http/types.ts";
import { type Params, translator } from "../../../platform/i18n/i18n.ts";
import { deriveSecret, displayRef } from "../domain/codes.ts";
import type { ReportRow } from "../repo/reports.ts";
import { type SubscriptionRow, subscribersOfFilter, subscribersOfReport } from "../repo/subscriptions.ts";
import { categoryName, isPersonRelated, type ReportsSettings } from "../settings.ts";

const sv = translator("sv");
const en = translator("en");

type TenantRef = { id: string; slug: string; name: string };

function bilingual(key: string, params: Params, enParams: Params = params): string {
  return `${sv(key, params)}\n\n— In English —\n\n${en(key, enParams)}`;
}

function subject(key: string, params: Params, enParams: Params = params): string {
  return `${sv(key, params)} / ${en(key, enParams)}`;
}

export function followSecret(deps: AppDeps, reportId: string): string {
  return deriveSecret(deps.config.sessionSecret, `follow:${reportId}`);
}

export function alertSecret(deps: AppDeps, subscriptionId: string): string {
  return deriveSecret(deps.config.sessionSecret, `alert:${subscriptionId}`);
}

export function followUrl(deps: AppDeps, tenant: TenantRef, reportId: string): string {
  return `${deps.config.baseUrl}/t/${tenant.slug}/mitt-arende?nyckel=${followSecret(deps, reportId)}`;
}

export function alertUrl(deps: AppDeps, tenant: TenantRef, subscriptionId: string): string {
  return `${deps.config.baseUrl}/t/${tenant.slug}/bevakning?nyckel=${alertSecret(deps, subscriptionId)}`;
}

function publicUrl(deps: AppDeps, tenant: TenantRef, report: ReportRow): string {
  return `${deps.config.baseUrl}/t/${tenant.slug}/rapporter/${report.ref}`;
}

function staffUrl(deps: AppDeps, tenant: TenantRef, report: ReportRow): string {
  return `${deps.config.baseUrl}/t/${tenant.slug}/arbete/rapporter/${report.ref}`;
}

/** Whether the reporter can be written to about this report. */
export function reachable(report: ReportRow): report is ReportRow & { reporter_email: string } {
  return !!report.reporter_email && report.contact_removed_at === null;
}

/** The receipt: the reference and the private link to follow the report. */
export async function sendReceipt(db: Kysely<DB>, deps: AppDeps, tenant: TenantRef, report: ReportRow, settings: ReportsSettings): Promise<void> {
  if (!reachable(report)) return;
  const params = {
    ref: displayRef(report.ref),
    tenant: tenant.name,
    category: categoryName(settings, report.category, "sv"),
    link: followUrl(deps, tenant, report.id),
  };
  await deps.mailer.send(db, {
    tenantId: tenant.id,
    to: report.reporter_email,
    subject: subject("reports.mail.receipt.subject", params),
    text: bilingual("reports.mail.receipt.body", params, { ...params, category: categoryName(settings, report.category, "en") }),
  });
}

/** News for the reporter (a public update, a status change, or a reply written to them). */
export async function notifyReporter(
  db: Kysely<DB>,
  deps: AppDeps,
  tenant: TenantRef,
  report: ReportRow,
  news: { kind: "update" | "reply"; text: string },
): Promise<void> {
  if (!reachable(report)) return;
  if (news.kind === "update" && !report.wants_updates) return;
  const params = { ref: displayRef(report.ref), tenant: tenant.name, text: news.text || "–", link: followUrl(deps, tenant, report.id) };
  const keys =
    news.kind === "reply"
      ? (["reports.mail.reply.subject", "reports.mail.reply.body"] as const)
      : (["reports.mail.update.subject", "reports.mail.update.body"] as const);
  await deps.mailer.send(db, {
    tenantId: tenant.id,
    to: report.reporter_email,
    subject: subject(keys[0], params),
    text: bilingual(keys[1], { ...params, status: sv(`reports.status.${report.status}`) }, { ...params, status: en(`reports.status.${report.status}`) }),
  });
}

function alertMail(
  deps: AppDeps,
  tenant: TenantRef,
  sub: SubscriptionRow,
  report: ReportRow,
  settings: ReportsSettings,
  event: "new" | "updates",
  text: string,
) {
  const staff = sub.user_id !== null;
  const params = {
    ref: displayRef(report.ref),
    tenant: tenant.name,
    category: categoryName(settings, report.category, "sv"),
    text: text || "–",
    link: staff ? staffUrl(deps, tenant, report) : publicUrl(deps, tenant, report),
    stop: alertUrl(deps, tenant, sub.id),
  };
  const enParams = { ...params, category: categoryName(settings, report.category, "en") };
  const keys =
    event === "new"
      ? (["reports.mail.alertNew.subject", "reports.mail.alertNew.body"] as const)
      : (["reports.mail.alertUpdate.subject", "reports.mail.alertUpdate.body"] as const);
  return { tenantId: tenant.id, to: sub.email, subject: subject(keys[0], params, enParams), text: bilingual(keys[1], params, enParams) };
}

/**
 * Alerts about a new report or an update of one. Residents' alerts only ever name reports the
 * public may see individually; staff alerts (signed-in subscriptions) cover all.
 */
export async function notifySubscribers(
  db: Kysely<DB>,
  deps: AppDeps,
  tenant: TenantRef,
  report: ReportRow,
  settings: ReportsSettings,
  event: "new" | "updates",
  text: string,
): Promise<number> {
  const publicOk = report.visibility === "public" && !isPersonRelated(settings, report);
  const subs = [
    ...(event === "updates" ? await subscribersOfReport(db, tenant.id, report.id) : []),
    ...(await subscribersOfFilter(db, tenant.id, event, report.category, report.area_id)),
  ];
  const seen = new Set<string>();
  let sent = 0;
  for (const sub of subs) {
    const key = sub.email.toLowerCase();
    if (seen.has(key)) continue;
    if (sub.user_id === null && !publicOk) continue;
    if (report.reporter_email && key === report.reporter_email.toLowerCase()) continue; // the reporter hears through notifyReporter
    seen.add(key);
    await deps.mailer.send(db, alertMail(deps, tenant, sub, report, settings, event, text));
    sent++;
  }
  return sent;
}

/** The double opt-in: a link that confirms (or ends) the alert. */
export async function sendAlertConfirmation(db: Kysely<DB>, deps: AppDeps, tenant: TenantRef, sub: SubscriptionRow, what: string): Promise<void> {
  const params = { tenant: tenant.name, what, link: alertUrl(deps, tenant, sub.id) };
  await deps.mailer.send(db, {
    tenantId: tenant.id,
    to: sub.email,
    subject: subject("reports.mail.confirm.subject", params),
    text: bilingual("reports.mail.confirm.body", params),
  });
}

/** "Är det åtgärdat?" to a reporter who left an address. */
export async function sendFixedCheck(db: Kysely<DB>, deps: AppDeps, tenant: TenantRef, report: ReportRow, settings: ReportsSettings): Promise<boolean> {
  if (!reachable(report)) return false;
  const params = {
    ref: displayRef(report.ref),
    tenant: tenant.name,
    category: categoryName(settings, report.category, "sv"),
    link: followUrl(deps, tenant, report.id),
  };
  await deps.mailer.send(db, {
    tenantId: tenant.id,
    to: report.reporter_email,
    subject: subject("reports.mail.fixedCheck.subject", params),
    text: bilingual("reports.mail.fixedCheck.body", params, { ...params, category: categoryName(settings, report.category, "en") }),
  });
  return true;
}
