// What the public sees, decided in one place for every public output (the map page and its map
// data, the list, a report's page, the Atom feed; Open311 and the statistics follow the same
// rules through the same repository conditions):
//  - a report is shown on its own only when it is visible (not waiting for review, not hidden)
//    and its category is place-type, when it came in and now;
//  - reports of person-related categories are shown only as counts per grid cell (the shared
//    incident layer) over whole past months, never cut by the map view or a status filter, and a
//    count below the tenant's threshold is left out;
//  - nothing about the reporter, no internal note, no reply, no hidden photo is ever public.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { type Incident, type IncidentLayer, incidentLayer } from "../../../platform/geo/incident-layer.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { content } from "../../../platform/i18n/content.ts";
import { formatNumber } from "../../../platform/i18n/i18n.ts";
import { nearestPlace } from "../../tenants/index.ts";
import { displayRef } from "../domain/codes.ts";
import { pastWholeMonths } from "../domain/periods.ts";
import { listPhotos, type PhotoRow } from "../repo/photos.ts";
import { type Bbox, type MapPoint, mapPoints, personPositions } from "../repo/public.ts";
import { listDuplicates, listPublicReports, type ReportRow, supportCounts } from "../repo/reports.ts";
import { listUpdates, type UpdateRow } from "../repo/updates.ts";
import { categoryName, isPersonRelated, personCategoryCodes, type ReportsSettings } from "../settings.ts";
import type { ReportStatus } from "../tables.ts";
import { organisationsById } from "./handle.ts";
import { tenantGeo } from "./geo.ts";

/** Most points a map answer carries; beyond that the newest are shown and the page says so. */
export const MAX_MAP_POINTS = 1000;
/** Whole past months counted for person-related categories. */
export const PERSON_MONTHS = 3;

export type MapFilter = { categories?: string[]; status?: ReportStatus[]; bbox?: Bbox; days: number };

export type PublicLayer = { layer: IncidentLayer; truncated: boolean; personPeriod: { from: Date; to: Date }; points: MapPoint[] };

function insideBbox(lat: number, lon: number, b: Bbox | undefined): boolean {
  return !b || (lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon);
}

/** The public map layer: place-type reports as points, person-related ones as counted cells. */
export async function publicLayer(
  db: Kysely<DB>,
  tenant: { id: string; slug: string },
  settings: ReportsSettings,
  f: MapFilter,
  t: Translate,
  locale: "sv" | "en",
  now = new Date(),
): Promise<PublicLayer> {
  const personCodes = personCategoryCodes(settings);
  const period = pastWholeMonths(now, PERSON_MONTHS);
  const [points, persons] = await Promise.all([
    mapPoints(db, tenant.id, {
      since: new Date(now.getTime() - f.days * 86_400_000),
      categories: f.categories,
      status: f.status,
      bbox: f.bbox,
      personCodes,
      limit: MAX_MAP_POINTS + 1,
    }),
    // Never the view, never the status: a cell is counted whole over whole months.
    personPositions(db, tenant.id, { from: period.from, to: period.to, categories: f.categories, personCodes }),
  ]);
  const truncated = points.length > MAX_MAP_POINTS;
  const shown = truncated ? points.slice(0, MAX_MAP_POINTS) : points;
  const incidents: Incident[] = [
    ...shown.map((p) => ({
      lat: p.lat,
      lon: p.lon,
      category: p.category,
      personRelated: false,
      label: `${categoryName(settings, p.category, locale)} – ${t(`reports.status.${p.status}`)} (${displayRef(p.ref)})`,
      href: `/t/${tenant.slug}/rapporter/${p.ref}`,
    })),
    ...persons.map((p) => ({ lat: p.lat, lon: p.lon, category: p.category, personRelated: true, label: "" })),
  ];
  const layer = incidentLayer(incidents, {
    cellSize: settings.cellSize,
    minCount: settings.minCount,
    cellLabel: (category, count) => t("reports.map.cellLabel", { category: categoryName(settings, category, locale), count }),
  });
  if (f.bbox) {
    // Cells outside the view are dropped whole (their centre decides); points were already cut.
    const keep = layer.cells.map((c) => insideBbox(c.lat, c.lon, f.bbox));
    const pointFeatures = layer.geojson.features.slice(0, layer.points.length);
    const cellFeatures = layer.geojson.features.slice(layer.points.length).filter((_f, i) => keep[i]);
    layer.cells = layer.cells.filter((_c, i) => keep[i]);
    layer.geojson = { type: "FeatureCollection", features: [...pointFeatures, ...cellFeatures] };
  }
  return { layer, truncated, personPeriod: period, points: shown };
}

export type PublicListItem = { report: ReportRow; supports: number; where: string | null; photo: PhotoRow | null };

/** The public list (individually public reports only), newest first, one page. */
export async function publicList(
  db: Kysely<DB>,
  tenant: { id: string },
  settings: ReportsSettings,
  f: { categories?: string[]; status?: ReportStatus[]; areaId?: string; days: number },
  page: { offset: number; limit: number },
  t: Translate,
  locale: "sv" | "en",
): Promise<{ items: PublicListItem[]; more: boolean }> {
  const rows = await listPublicReports(
    db,
    tenant.id,
    {
      categories: f.categories,
      status: f.status,
      areaId: f.areaId,
      since: new Date(Date.now() - f.days * 86_400_000),
      personCodes: personCategoryCodes(settings),
    },
    { offset: page.offset, limit: page.limit + 1 },
  );
  const more = rows.length > page.limit;
  const list = rows.slice(0, page.limit);
  const ids = list.map((r) => r.id);
  const [counts, photos, g] = await Promise.all([
    supportCounts(db, tenant.id, ids),
    listPhotos(db, tenant.id, ids, { includeHidden: false }),
    tenantGeo(db, tenant.id),
  ]);
  return {
    more,
    items: list.map((r) => ({
      report: r,
      supports: counts.get(r.id) ?? 0,
      where: placeText(r, g.places, g.areas, t, locale),
      photo: photos.find((p) => p.report_id === r.id) ?? null,
    })),
  };
}

/**
 * Where a report is, in the reader's language: "vid Osby station", "300 m nordost om Lönsboda
 * centrum", or the area's name. Place and area names are content (marked with `content()`, so an
 * English page tags them lang="sv"; render with `mixed`, or take `plain()` outside HTML).
 */
export function placeText(
  r: Pick<ReportRow, "lat" | "lon" | "area_id">,
  places: Parameters<typeof nearestPlace>[0],
  areas: ReadonlyArray<{ id: string; name: string }>,
  t: Translate,
  locale: "sv" | "en",
): string | null {
  if (r.lat !== null && r.lon !== null) {
    const near = nearestPlace(places, r.lat, r.lon);
    if (near) {
      if (near.distance < 150) return t("reports.where.at", { place: content(near.place.name) });
      const distance =
        near.distance < 1000 ? `${Math.round(near.distance / 50) * 50} m` : `${formatNumber(Math.round(near.distance / 100) / 10, locale, 1)} km`;
      return t("reports.where.near", { distance, direction: t(`reports.direction.${near.direction}`), place: content(near.place.name) });
    }
  }
  const area = areas.find((a) => a.id === r.area_id);
  return area ? content(area.name) : null;
}

export type PublicReportView = {
  report: ReportRow;
  categoryName: string;
  where: string | null;
  areaName: string | null;
  organisationName: string | null;
  photos: PhotoRow[];
  updates: UpdateRow[];
  supports: number;
  duplicates: number;
  duplicateOf: { ref: string } | null;
};

/** Whether the public may see this report on its own (see the rules at the top). */
export function individuallyVisible(settings: ReportsSettings, r: ReportRow): boolean {
  return r.visibility === "public" && !isPersonRelated(settings, r);
}

/** Everything a report's public page shows (the caller has checked individuallyVisible). */
export async function publicReportView(
  db: Kysely<DB>,
  tenant: { id: string },
  settings: ReportsSettings,
  r: ReportRow,
  t: Translate,
  locale: "sv" | "en",
  audience: "public" | "reporter" = "public",
): Promise<PublicReportView> {
  const [g, photos, updates, counts, dups, orgs] = await Promise.all([
    tenantGeo(db, tenant.id),
    listPhotos(db, tenant.id, [r.id], { includeHidden: false }),
    listUpdates(db, tenant.id, r.id, audience),
    supportCounts(db, tenant.id, [r.id]),
    listDuplicates(db, tenant.id, r.id),
    organisationsById(db, tenant.id),
  ]);
  let duplicateOf: { ref: string } | null = null;
  if (r.duplicate_of) {
    const target = await db.selectFrom("reports").select("ref").where("tenant_id", "=", tenant.id).where("id", "=", r.duplicate_of).executeTakeFirst();
    duplicateOf = target ? { ref: target.ref } : null;
  }
  return {
    report: r,
    categoryName: categoryName(settings, r.category, locale),
    where: placeText(r, g.places, g.areas, t, locale),
    areaName: g.areas.find((a) => a.id === r.area_id)?.name ?? null,
    organisationName: r.organisation_id ? (orgs.get(r.organisation_id)?.name ?? null) : null,
    photos,
    updates,
    supports: counts.get(r.id) ?? 0,
    duplicates: dups.length,
    duplicateOf,
  };
}
