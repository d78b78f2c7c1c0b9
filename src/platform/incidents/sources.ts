// Incident sources: how a module's incidents reach the weekly lägesbild (EST) and every other
// picture built from several kinds of incidents. A module that stores incidents — EST's partner
// reports and the police's open events, residents' reports, walk observations — lists one source
// per kind in its module object (`incidentSources`); buildApp collects them from the module list
// into `app.ui.incidentSources` (no import-time registry). The reader composes the sources' SQL
// into one `UNION ALL` and aggregates there, so a source is only a description of its rows:
//
//   export const reportsSource: IncidentSource = {
//     key: "reports",
//     label: "reports.source.name",               // a catalog key
//     hasPoints: true,
//     categories: (tenant) => reportCategories(tenant),
//     rows: (tenantId, range) => sql`
//       select day, category, n, e, lat, lon from reports
//       where tenant_id = ${tenantId} and day >= ${range.from} and day < ${range.to} and status <> 'dubblett'`,
//   };
//
// Rules for a source:
//   - `day` is the Stockholm local day number of the incident (days since 1970-01-01, see
//     src/analysis/iso-week.ts; an incident over a span counts on its first day);
//   - `n`, `e` are SWEREF 99 TM metres already projected when the incident was stored (the
//     lägesbild bins them in SQL; projecting on every request would be the slow part), and
//     `lat`, `lon` the same point in WGS84. All four are null for area-level incidents, which
//     count in the municipality's figures but never appear as points or in hot spot statistics;
//   - only incidents that count: duplicates merged into another, withdrawn or rejected ones are
//     left out by the source itself;
//   - the tenant filter is the source's (every query of a tenant-owned table filters tenant_id).
import type { RawBuilder } from "kysely";

/** Stockholm local day numbers (days since 1970-01-01), half-open: from ≤ day < to. */
export type DayRange = { from: number; to: number };

/** A category of a source, as the tenant configured it. */
export type IncidentCategory = {
  /** Stable key stored with the incident. */
  key: string;
  label: { sv: string; en: string };
  /** Person-related categories are shown only as counted grid cells, never as points (public-cells.ts). */
  personRelated: boolean;
};

/** The columns every source's rows have. */
export type IncidentRow = {
  day: number;
  category: string;
  n: number | null;
  e: number | null;
  lat: number | null;
  lon: number | null;
};

export type IncidentSource = {
  /** Stable key ("est", "polisen", "reports", "walks"): figures and exports name the source by it. */
  key: string;
  /** Catalog key of the source's name in the lägesbild ("Partnerrapporter", "Polisens händelser" …). */
  label: string;
  /** False for sources whose incidents have no position (the police's events are per municipality). */
  hasPoints: boolean;
  /** The tenant's categories of this source (labels and the person-related flag). */
  categories(tenant: { id: string; settings: Record<string, unknown> }): IncidentCategory[];
  /** SQL selecting the tenant's counted incidents with day in the range, with the IncidentRow columns. */
  rows(tenantId: string, range: DayRange): RawBuilder<IncidentRow>;
};
