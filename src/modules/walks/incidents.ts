// Walk observations in the lägesbild, beside residents' reports and EST incidents: the completed,
// positioned observations of walks that were held (drafts and re-walk follow-ups are left out).
// Two shapes: `walkIncidents` (rows for the shared incident map layer and tables) and
// `walksIncidentSource`, a description of the rows for a lägesbild that composes several sources
// into one SQL union (day number, category, SWEREF 99 TM and WGS84 — stored with each observation).
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import type { Incident } from "../../platform/geo/incident-layer.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { CATEGORIES, type Category, PERSON_RELATED } from "./domain/categories.ts";
import { dayOfDate, stockholmDay } from "./domain/time.ts";
import { listIncidentObservations } from "./repo/observations.ts";

export type WalkIncident = Incident & {
  source: "walks";
  id: string;
  walkId: string;
  /** Stockholm local day number (days since 1970-01-01). */
  day: number;
  observedAt: string;
  /** The group said it felt unsafe here (null when the walk did not ask). */
  unsafe: boolean | null;
};

function dayOf(d: string | Date): number {
  return typeof d === "string" ? dayOfDate(d) : stockholmDay(d);
}

/**
 * The tenant's walk observations from `from` (inclusive) to `to` (exclusive), as local dates
 * "YYYY-MM-DD" or instants, shaped for src/platform/geo/incident-layer.ts (person-related
 * categories — häng — are marked, so public maps show them only as counted cells).
 */
export async function walkIncidents(
  db: Kysely<DB>,
  tenantId: string,
  from: string | Date,
  to: string | Date,
  opts: { locale?: "sv" | "en"; tenantSlug?: string } = {},
): Promise<WalkIncident[]> {
  const t = translator(opts.locale ?? "sv");
  const rows = await listIncidentObservations(db, tenantId, dayOf(from), dayOf(to));
  return rows.map((r) => ({
    source: "walks",
    id: r.id,
    walkId: r.walk_id,
    day: r.day,
    observedAt: new Date(r.observed_at).toISOString(),
    lat: r.lat!,
    lon: r.lon!,
    category: r.category!,
    personRelated: PERSON_RELATED.has(r.category as Category),
    label: `${t(`walks.category.${r.category}`)} – ${r.walk_title}`,
    unsafe: r.unsafe,
    ...(opts.tenantSlug ? { href: `/t/${opts.tenantSlug}/vandringar/${r.walk_id}` } : {}),
  }));
}

/** Stockholm local day numbers, half-open: from ≤ day < to (as the lägesbild's sources use them). */
export type DayRange = { from: number; to: number };

/** The lägesbild's incident-source shape (key, label, categories, rows as SQL). */
export const walksIncidentSource = {
  key: "walks",
  label: "walks.source.name",
  hasPoints: true,
  categories(_tenant: { id: string; settings: Record<string, unknown> }) {
    const sv = translator("sv");
    const en = translator("en");
    return CATEGORIES.map((key) => ({
      key,
      label: { sv: sv(`walks.category.${key}`), en: en(`walks.category.${key}`) },
      personRelated: PERSON_RELATED.has(key),
    }));
  },
  rows(
    tenantId: string,
    range: DayRange,
  ): RawBuilder<{ day: number; category: string; n: number | null; e: number | null; lat: number | null; lon: number | null }> {
    return sql`
      select o.day, o.category, o.n, o.e, o.lat, o.lon
      from walk_observations o
      join walks w on w.tenant_id = o.tenant_id and w.id = o.walk_id
      where o.tenant_id = ${tenantId} and o.day >= ${range.from} and o.day < ${range.to}
        and o.draft = false and o.follows_action_id is null
        and w.status in ('genomford', 'protokoll', 'avslutad')`;
  },
};
