// The module's background work, per tenant:
//  - reports.fixedCheck: "är det åtgärdat?" to reporters who left an address, a set number of
//    days after they reported (once per report);
//  - reports.retention: reporters' names and addresses are removed a set time after closure,
//    photo drafts never sent are removed after a day, unconfirmed alerts after a week.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { AppDeps } from "../../../platform/http/types.ts";
import { REPORT_COLUMNS, type ReportRow } from "../repo/reports.ts";
import { deleteUnconfirmedBefore } from "../repo/subscriptions.ts";
import { audit } from "../repo/updates.ts";
import { reportsSettings } from "../settings.ts";
import { sendFixedCheck } from "./notify.ts";
import { removeStaleDrafts } from "./photos.ts";

const DAY = 86_400_000;

async function tenants(db: Kysely<DB>) {
  const rows = await db.selectFrom("tenants").select(["id", "slug", "name", "kommunkod", "settings"]).orderBy("slug").execute();
  return rows.map((r) => ({ ...r, settings: (r.settings ?? {}) as Record<string, unknown> }));
}

/** Ask "är det åtgärdat?" where it is due; returns how many mails were written. */
export async function runFixedCheck(db: Kysely<DB>, deps: AppDeps, now = new Date()): Promise<number> {
  let sent = 0;
  for (const tenant of await tenants(db)) {
    const settings = reportsSettings(tenant);
    const due = (await db
      .selectFrom("reports")
      .select(REPORT_COLUMNS)
      .where("tenant_id", "=", tenant.id)
      .where("fixed_check_sent_at", "is", null)
      .where("reporter_email", "is not", null)
      .where("contact_removed_at", "is", null)
      .where("status", "not in", ["dubblett", "inte_vart_ansvar"])
      .where("visibility", "<>", "hidden")
      .where("created_at", "<", new Date(now.getTime() - settings.fixedCheckDays * DAY))
      .orderBy("created_at")
      .limit(500)
      .execute()) as ReportRow[];
    for (const r of due) {
      if (await sendFixedCheck(db, deps, tenant, r, settings)) sent++;
      await db.updateTable("reports").set({ fixed_check_sent_at: now }).where("tenant_id", "=", tenant.id).where("id", "=", r.id).execute();
    }
  }
  return sent;
}

export type RetentionResult = { contactsRemoved: number; draftsRemoved: number; alertsRemoved: number };

export async function runRetention(db: Kysely<DB>, deps: AppDeps, now = new Date()): Promise<RetentionResult> {
  const out: RetentionResult = { contactsRemoved: 0, draftsRemoved: 0, alertsRemoved: 0 };
  for (const tenant of await tenants(db)) {
    const settings = reportsSettings(tenant);
    const cleared = await db
      .updateTable("reports")
      .set({ reporter_name: null, reporter_email: null, wants_updates: false, contact_removed_at: now })
      .where("tenant_id", "=", tenant.id)
      .where("closed_at", "<", new Date(now.getTime() - settings.contactRetentionDays * DAY))
      .where((eb) => eb.or([eb("reporter_email", "is not", null), eb("reporter_name", "is not", null)]))
      .returning("id")
      .execute();
    for (const r of cleared) await audit(db, tenant.id, null, "report.contact.removedByRetention", r.id, { days: settings.contactRetentionDays });
    out.contactsRemoved += cleared.length;
    out.draftsRemoved += await removeStaleDrafts(db, deps.storage, tenant.id, now);
    out.alertsRemoved += await deleteUnconfirmedBefore(db, tenant.id, new Date(now.getTime() - 7 * DAY));
  }
  return out;
}
