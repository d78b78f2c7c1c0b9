// SQL for alerts (report_subscriptions).
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { SubscriptionEvents } from "../tables.ts";

export type SubscriptionRow = {
  id: string;
  email: string;
  user_id: string | null;
  report_id: string | null;
  category: string | null;
  area_id: string | null;
  events: SubscriptionEvents;
  token_hash: string;
  confirmed_at: Date | null;
  created_at: Date;
};

const COLUMNS = ["id", "email", "user_id", "report_id", "category", "area_id", "events", "token_hash", "confirmed_at", "created_at"] as const;

export async function insertSubscription(db: Kysely<DB>, tenantId: string, s: Omit<SubscriptionRow, "id" | "created_at">): Promise<SubscriptionRow> {
  return (await db
    .insertInto("report_subscriptions")
    .values({ tenant_id: tenantId, ...s })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()) as SubscriptionRow;
}

export async function findSubscriptionByHash(db: Kysely<DB>, tenantId: string, hash: string): Promise<SubscriptionRow | undefined> {
  return (await db.selectFrom("report_subscriptions").select(COLUMNS).where("tenant_id", "=", tenantId).where("token_hash", "=", hash).executeTakeFirst()) as
    | SubscriptionRow
    | undefined;
}

export async function confirmSubscription(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db
    .updateTable("report_subscriptions")
    .set({ confirmed_at: new Date(), updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("confirmed_at", "is", null)
    .execute();
}

export async function deleteSubscription(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom("report_subscriptions").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** Confirmed subscriptions that want updates of one report. */
export async function subscribersOfReport(db: Kysely<DB>, tenantId: string, reportId: string): Promise<SubscriptionRow[]> {
  return (await db
    .selectFrom("report_subscriptions")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("report_id", "=", reportId)
    .where("confirmed_at", "is not", null)
    .execute()) as SubscriptionRow[];
}

/** Confirmed area/category subscriptions for an event of a report in `category` and `areaId`. */
export async function subscribersOfFilter(
  db: Kysely<DB>,
  tenantId: string,
  event: "new" | "updates",
  category: string,
  areaId: string | null,
): Promise<SubscriptionRow[]> {
  return (await db
    .selectFrom("report_subscriptions")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("report_id", "is", null)
    .where("confirmed_at", "is not", null)
    .where("events", "in", [event, "both"])
    .where((eb) => eb.or([eb("category", "is", null), eb("category", "=", category)]))
    .where((eb) => (areaId ? eb.or([eb("area_id", "is", null), eb("area_id", "=", areaId)]) : eb("area_id", "is", null)))
    .execute()) as SubscriptionRow[];
}

export async function listUserSubscriptions(db: Kysely<DB>, tenantId: string, userId: string): Promise<SubscriptionRow[]> {
  return (await db
    .selectFrom("report_subscriptions")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute()) as SubscriptionRow[];
}

export async function findUserSubscription(db: Kysely<DB>, tenantId: string, userId: string, id: string): Promise<SubscriptionRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return (await db
    .selectFrom("report_subscriptions")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst()) as SubscriptionRow | undefined;
}

/** Move one report's subscribers to another (merging a duplicate). */
export async function moveReportSubscriptions(db: Kysely<DB>, tenantId: string, fromReportId: string, toReportId: string): Promise<void> {
  await db
    .updateTable("report_subscriptions")
    .set({ report_id: toReportId, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("report_id", "=", fromReportId)
    .execute();
}

/** Unconfirmed subscriptions older than `before` go (a confirmation link is valid for a week). */
export async function deleteUnconfirmedBefore(db: Kysely<DB>, tenantId: string, before: Date): Promise<number> {
  const r = await db
    .deleteFrom("report_subscriptions")
    .where("tenant_id", "=", tenantId)
    .where("confirmed_at", "is", null)
    .where("created_at", "<", before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function findSubscription(db: Kysely<DB>, tenantId: string, id: string): Promise<SubscriptionRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return (await db.selectFrom("report_subscriptions").select(COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst()) as
    | SubscriptionRow
    | undefined;
}
