// SQL behind the statistics: the facts of every visible report in a period (aggregated and
// suppressed in service/stats.ts), and the +1s' "when" answers.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { ReportStatus, UnsafeTime } from "../tables.ts";

export type StatRow = {
  category: string;
  person_related: boolean;
  status: ReportStatus;
  area_id: string | null;
  organisation_id: string | null;
  unsafe_times: UnsafeTime[];
  created_at: Date;
  first_response_at: Date | null;
  closed_at: Date | null;
};

export async function statRows(db: Kysely<DB>, tenantId: string, from: Date, to: Date): Promise<StatRow[]> {
  return (await db
    .selectFrom("reports")
    .select(["category", "person_related", "status", "area_id", "organisation_id", "unsafe_times", "created_at", "first_response_at", "closed_at"])
    .where("tenant_id", "=", tenantId)
    .where("visibility", "=", "public")
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .execute()) as StatRow[];
}

/** The "when" answers of +1s on visible reports created in the period, per category. */
export async function supportTimes(
  db: Kysely<DB>,
  tenantId: string,
  from: Date,
  to: Date,
): Promise<Array<{ category: string; person_related: boolean; unsafe_times: UnsafeTime[] }>> {
  return (await db
    .selectFrom("report_supports as s")
    .innerJoin("reports", (j) => j.onRef("reports.id", "=", "s.report_id").onRef("reports.tenant_id", "=", "s.tenant_id"))
    .select(["reports.category", "reports.person_related", "s.unsafe_times"])
    .where("s.tenant_id", "=", tenantId)
    .where("reports.visibility", "=", "public")
    .where("reports.created_at", ">=", from)
    .where("reports.created_at", "<", to)
    .execute()) as Array<{ category: string; person_related: boolean; unsafe_times: UnsafeTime[] }>;
}
