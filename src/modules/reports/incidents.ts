// Residents' reports as a source of the lägesbild (src/platform/incidents/sources.ts): the
// tenant's reports that count, by the Stockholm day they came in, with the point stored at
// intake (WGS84 and SWEREF 99 TM). Left out: duplicates (merged into another report) and reports
// staff took down; reports waiting for review count (the lägesbild is for staff). Reports given only by area have no point —
// they count in the figures and never appear on a map or in hot spot statistics.
import { type RawBuilder, sql } from "kysely";
import type { DayRange, IncidentCategory, IncidentRow, IncidentSource } from "../../platform/incidents/sources.ts";
import { reportsSettings } from "./settings.ts";

export const reportsIncidentSource: IncidentSource = {
  key: "reports",
  label: "reports.source.name",
  hasPoints: true,
  categories(tenant): IncidentCategory[] {
    // Every category the tenant has had in its list, inactive ones too: older reports carry them.
    return reportsSettings(tenant).categories.map((c) => ({ key: c.code, label: c.name, personRelated: c.kind === "person" }));
  },
  rows(tenantId: string, range: DayRange): RawBuilder<IncidentRow> {
    // The day range as instants (local midnights) keeps the tenant's created_at index usable.
    return sql<IncidentRow>`
      select (created_at at time zone 'Europe/Stockholm')::date - date '1970-01-01' as day,
             category, sweref_n as n, sweref_e as e, lat, lon
      from reports
      where tenant_id = ${tenantId}
        and created_at >= ((date '1970-01-01' + ${range.from}::int)::timestamp at time zone 'Europe/Stockholm')
        and created_at < ((date '1970-01-01' + ${range.to}::int)::timestamp at time zone 'Europe/Stockholm')
        and status <> 'dubblett' and visibility <> 'hidden'`;
  },
};
