// EST's two incident sources for the lägesbild (src/platform/incidents/sources.ts): the partners'
// reports (points, the tenant's EST categories; merged duplicates left out) and the police's open
// events (area-level: counted for the municipality, never points, never in Gi*; their category is
// the police's event type).
import { sql } from "kysely";
import type { IncidentCategory, IncidentRow, IncidentSource } from "../../platform/incidents/sources.ts";
import { estSettings } from "./settings.ts";

export const PARTNER_SOURCE = "est";
export const POLICE_SOURCE = "polisen";

export const partnerReportsSource: IncidentSource = {
  key: PARTNER_SOURCE,
  label: "est.source.est",
  hasPoints: true,
  categories: (tenant) => estSettings(tenant).categories.map((c) => ({ key: c.key, label: { sv: c.sv, en: c.en }, personRelated: c.personRelated })),
  rows: (tenantId, range) => sql<IncidentRow>`
    select day, category, n, e, lat, lon
    from est_reports
    where tenant_id = ${tenantId} and day >= ${range.from} and day < ${range.to} and status <> 'sammanslagen'`,
};

/**
 * The police's event types are their own categories (labels as the police write them). None is
 * person-related on a map because none is ever a point.
 */
function policeCategory(type: string): IncidentCategory {
  return { key: type, label: { sv: type, en: type }, personRelated: false };
}

export const policeEventsSource: IncidentSource = {
  key: POLICE_SOURCE,
  label: "est.source.polisen",
  hasPoints: false,
  categories: () => [],
  rows: (tenantId, range) => sql<IncidentRow>`
    select day, type as category, null::double precision as n, null::double precision as e,
           null::double precision as lat, null::double precision as lon
    from est_police_events
    where tenant_id = ${tenantId} and day >= ${range.from} and day < ${range.to}`,
};

/** A category of a source, including the police's types that are not listed in advance. */
export function sourceCategory(source: IncidentSource, categories: readonly IncidentCategory[], key: string): IncidentCategory {
  if (source.key === POLICE_SOURCE) return policeCategory(key);
  return categories.find((c) => c.key === key) ?? { key, label: { sv: key, en: key }, personRelated: true };
}
