// Stored results → what people and programs see: cell rows with centres in WGS84, the cells
// grouped into places and described in words, cell polygons back-projected from SWEREF 99 TM for
// the map, the API's JSON and the CSV downloads. Pure (the place describer is passed in).
import { swerefToLatLon } from "../../analysis/index.ts";
import { type CsvDialect, writeCsv } from "../../platform/csv.ts";
import type { Locale, Translate } from "../../platform/i18n/i18n.ts";
import { groupCells, groupCentre } from "./groups.ts";
import { type DescribePlace, type PlaceDescription, placeText } from "./places.ts";
import type { RunRow, RunSummary } from "./repo.ts";
import type { RunOut } from "./schema.ts";
import type { ClassifyBy, EmergingResults, HotspotResults } from "./tables.ts";

export const CLASS_KEYS = ["cold99", "cold95", "cold90", "ns", "hot90", "hot95", "hot99"] as const;
export type ClassKey = (typeof CLASS_KEYS)[number];

export function classKey(code: number): ClassKey {
  return CLASS_KEYS[code + 3] ?? "ns";
}

/** The class in words: "Signifikant koncentration (99 % säkerhet, efter korrektion för många test)". */
export function classLabel(t: Translate, classifyBy: ClassifyBy, cls: ClassKey): string {
  return cls === "ns" ? t("analysis.class.ns") : t(`analysis.class.${classifyBy === "p" ? "p" : "q"}.${cls}`);
}

export function isHot(cls: ClassKey): boolean {
  return cls.startsWith("hot");
}

/** Map styles per class: colour AND outline (solid for hot, dashed for cold) AND a symbol in the legend. */
export const CLASS_STYLE: Record<ClassKey, { fillColor: string; color: string; dashArray?: string; fillOpacity: number; symbol: string }> = {
  hot99: { fillColor: "#b2182b", color: "#67000d", fillOpacity: 0.8, symbol: "▲▲▲" },
  hot95: { fillColor: "#ef6548", color: "#99000d", fillOpacity: 0.7, symbol: "▲▲" },
  hot90: { fillColor: "#fdae6b", color: "#a63603", fillOpacity: 0.6, symbol: "▲" },
  ns: { fillColor: "#f0f0f0", color: "#636363", fillOpacity: 0.3, symbol: "–" },
  cold90: { fillColor: "#9ecae1", color: "#08519c", dashArray: "4 3", fillOpacity: 0.6, symbol: "▼" },
  cold95: { fillColor: "#4292c6", color: "#08306b", dashArray: "4 3", fillOpacity: 0.7, symbol: "▼▼" },
  cold99: { fillColor: "#08519c", color: "#08306b", dashArray: "4 3", fillOpacity: 0.8, symbol: "▼▼▼" },
};

/** Emerging patterns: hot ones in reds (solid outline), cold ones in blues (dashed). */
const HOT_SHADES = ["#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#a50f15", "#67000d"];
const COLD_SHADES = ["#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"];
const PATTERN_ORDER = ["historical", "sporadic", "oscillating", "diminishing", "new", "consecutive", "persistent", "intensifying"];

export function patternStyle(pattern: string): { fillColor: string; color: string; dashArray?: string; fillOpacity: number } {
  const [kind, side] = pattern.split("_") as [string, string];
  const i = Math.max(0, PATTERN_ORDER.indexOf(kind));
  if (side === "cold") return { fillColor: COLD_SHADES[i]!, color: "#08306b", dashArray: "4 3", fillOpacity: 0.75 };
  return { fillColor: HOT_SHADES[i]!, color: "#67000d", fillOpacity: 0.75 };
}

export type CellRow = {
  id: string;
  ix: number;
  iy: number;
  lat: number;
  lon: number;
  count: number;
  z: number;
  p: number;
  q: number;
  cls: ClassKey;
};

function centre(ix: number, iy: number, cell: number): { lat: number; lon: number } {
  const c = swerefToLatLon((iy + 0.5) * cell, (ix + 0.5) * cell);
  return { lat: Math.round(c.lat * 1e6) / 1e6, lon: Math.round(c.lon * 1e6) / 1e6 };
}

/** Hot and cold cells as rows (row-major, as stored); a cell without incidents never (runs stored before that rule included). */
export function hotspotRows(results: HotspotResults | null, cellSize: number): CellRow[] {
  if (!results) return [];
  const c = results.cells;
  const out: CellRow[] = [];
  for (let i = 0; i < c.ix.length; i++) {
    if (c.count[i] === 0) continue;
    const ix = c.ix[i]!;
    const iy = c.iy[i]!;
    out.push({ id: `${ix}_${iy}`, ix, iy, ...centre(ix, iy, cellSize), count: c.count[i]!, z: c.z[i]!, p: c.p[i]!, q: c.q[i]!, cls: classKey(c.cls[i]!) });
  }
  return out;
}

/** The strongest rows first (by |z|), at most `max`. */
export function strongestRows<T extends { z: number }>(rows: T[], max: number): T[] {
  return [...rows].sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || 0).slice(0, max);
}

/** Touching significant cells on the same side, as one place. */
export type HotspotGroup = {
  side: "hot" | "cold";
  /** The strongest class among the cells. */
  cls: ClassKey;
  cells: CellRow[];
  events: number;
  /** Largest |z| among the cells. */
  strength: number;
  place: PlaceDescription;
};

/** Places (groups of touching cells), hot before cold, the strongest first. */
export function hotspotGroups(rows: CellRow[], describe: DescribePlace): HotspotGroup[] {
  const level = (c: ClassKey) => Number(c.slice(-2));
  const groups = groupCells(rows, (r) => (isHot(r.cls) ? "hot" : "cold")).map((cells): HotspotGroup => {
    const top = cells.reduce((a, b) => (level(b.cls) > level(a.cls) || (level(b.cls) === level(a.cls) && Math.abs(b.z) > Math.abs(a.z)) ? b : a));
    const c = groupCentre(cells);
    return {
      side: isHot(top.cls) ? "hot" : "cold",
      cls: top.cls,
      cells,
      events: cells.reduce((sum, r) => sum + r.count, 0),
      strength: Math.max(...cells.map((r) => Math.abs(r.z))),
      place: describe(c.lat, c.lon),
    };
  });
  return groups.sort((a, b) => (a.side === b.side ? 0 : a.side === "hot" ? -1 : 1) || b.strength - a.strength || b.events - a.events);
}

export type EmergingRow = {
  id: string;
  ix: number;
  iy: number;
  lat: number;
  lon: number;
  count: number;
  pattern: string;
  hot: number;
  cold: number;
  tau: number;
  trendP: number;
};

/** Display order of emerging rows: hot before cold, the stronger pattern first, then more incidents. */
export function sortEmergingRows(rows: EmergingRow[]): EmergingRow[] {
  const rank = (p: string) => {
    const [kind, side] = p.split("_") as [string, string];
    return (side === "cold" ? 100 : 0) + (PATTERN_ORDER.length - PATTERN_ORDER.indexOf(kind));
  };
  return [...rows].sort((a, b) => rank(a.pattern) - rank(b.pattern) || b.count - a.count || a.id.localeCompare(b.id));
}

/** Touching cells with the same emerging pattern, as one place. */
export type EmergingGroup = { pattern: string; cells: EmergingRow[]; events: number; place: PlaceDescription };

/** Emerging places in display order (sortEmergingRows' order of their strongest pattern, then incidents). */
export function emergingGroups(rows: EmergingRow[], describe: DescribePlace): EmergingGroup[] {
  const order = sortEmergingRows(rows).map((r) => r.pattern);
  const rank = (p: string) => order.indexOf(p);
  return groupCells(rows, (r) => r.pattern)
    .map((cells): EmergingGroup => {
      const c = groupCentre(cells);
      return { pattern: cells[0]!.pattern, cells, events: cells.reduce((s, r) => s + r.count, 0), place: describe(c.lat, c.lon) };
    })
    .sort((a, b) => rank(a.pattern) - rank(b.pattern) || b.events - a.events);
}

export function emergingRows(e: EmergingResults | null, cellSize: number): EmergingRow[] {
  if (!e) return [];
  const c = e.cells;
  const out: EmergingRow[] = [];
  for (let i = 0; i < c.ix.length; i++) {
    const ix = c.ix[i]!;
    const iy = c.iy[i]!;
    out.push({
      id: `${ix}_${iy}`,
      ix,
      iy,
      ...centre(ix, iy, cellSize),
      count: c.count[i]!,
      pattern: c.pattern[i]!,
      hot: c.hot[i]!,
      cold: c.cold[i]!,
      tau: c.tau[i]!,
      trendP: c.trendP[i]!,
    });
  }
  return out;
}

/** The cell's square as a GeoJSON ring in WGS84 ([lon, lat]), corners back-projected from SWEREF 99 TM. */
export function cellRing(ix: number, iy: number, cell: number): number[][] {
  const corners: Array<[number, number]> = [
    [ix * cell, iy * cell],
    [(ix + 1) * cell, iy * cell],
    [(ix + 1) * cell, (iy + 1) * cell],
    [ix * cell, (iy + 1) * cell],
  ];
  const ring = corners.map(([e, n]) => {
    const p = swerefToLatLon(n, e);
    return [Math.round(p.lon * 1e7) / 1e7, Math.round(p.lat * 1e7) / 1e7];
  });
  ring.push(ring[0]!);
  return ring;
}

export type Feature = { type: "Feature"; properties: { label: string; style: object }; geometry: { type: "Polygon"; coordinates: number[][][] } };

export function hotspotFeatures(rows: CellRow[], cellSize: number, label: (r: CellRow) => string): { type: "FeatureCollection"; features: Feature[] } {
  return {
    type: "FeatureCollection",
    features: rows.map((r) => {
      const s = CLASS_STYLE[r.cls];
      return {
        type: "Feature",
        properties: {
          label: label(r),
          style: { color: s.color, weight: 1, fillColor: s.fillColor, fillOpacity: s.fillOpacity, ...(s.dashArray ? { dashArray: s.dashArray } : {}) },
        },
        geometry: { type: "Polygon", coordinates: [cellRing(r.ix, r.iy, cellSize)] },
      };
    }),
  };
}

export function emergingFeatures(rows: EmergingRow[], cellSize: number, label: (r: EmergingRow) => string): { type: "FeatureCollection"; features: Feature[] } {
  return {
    type: "FeatureCollection",
    features: rows.map((r) => ({
      type: "Feature",
      properties: { label: label(r), style: { weight: 1, ...patternStyle(r.pattern) } },
      geometry: { type: "Polygon", coordinates: [cellRing(r.ix, r.iy, cellSize)] },
    })),
  };
}

const HOTSPOT_CSV_COLUMNS = ["cell", "ix", "iy", "e", "n", "lat", "lon", "count", "gi_z", "p", "q", "class", "class_label", "place", "area"];
const EMERGING_CSV_COLUMNS = [
  "cell",
  "ix",
  "iy",
  "e",
  "n",
  "lat",
  "lon",
  "count",
  "pattern",
  "pattern_label",
  "hot_weeks",
  "cold_weeks",
  "trend_tau",
  "trend_p",
  "place",
  "area",
];

/** Place and area of a point in words (for CSV columns and API fields). */
export function placeWords(t: Translate, locale: Locale, d: PlaceDescription): { place: string; area: string | null } {
  return { place: placeText(t, locale, d), area: d.area };
}

export type CsvContext = { t: Translate; locale: Locale; classifyBy: ClassifyBy; describe: DescribePlace };

/**
 * The hot and cold cells as CSV with class labels and places in words (platform/csv.ts: RFC 4180
 * for programs, or the Swedish Excel dialect; text cells guarded against formulas).
 */
export function hotspotCsv(rows: CellRow[], cellSize: number, x: CsvContext, dialect: CsvDialect = "rfc4180"): string {
  return writeCsv(
    HOTSPOT_CSV_COLUMNS,
    rows.map((r) => {
      const w = placeWords(x.t, x.locale, x.describe(r.lat, r.lon));
      return [
        r.id,
        r.ix,
        r.iy,
        (r.ix + 0.5) * cellSize,
        (r.iy + 0.5) * cellSize,
        r.lat,
        r.lon,
        r.count,
        r.z,
        r.p,
        r.q,
        r.cls,
        classLabel(x.t, x.classifyBy, r.cls),
        w.place,
        w.area,
      ];
    }),
    dialect,
  );
}

export function emergingCsv(rows: EmergingRow[], cellSize: number, x: Omit<CsvContext, "classifyBy">, dialect: CsvDialect = "rfc4180"): string {
  return writeCsv(
    EMERGING_CSV_COLUMNS,
    rows.map((r) => {
      const w = placeWords(x.t, x.locale, x.describe(r.lat, r.lon));
      return [
        r.id,
        r.ix,
        r.iy,
        (r.ix + 0.5) * cellSize,
        (r.iy + 0.5) * cellSize,
        r.lat,
        r.lon,
        r.count,
        r.pattern,
        x.t(`analysis.pattern.${r.pattern}`),
        r.hot,
        r.cold,
        r.tau,
        r.trendP,
        w.place,
        w.area,
      ];
    }),
    dialect,
  );
}

export function runPath(slug: string, runId: string): string {
  return `/t/${slug}/arbete/hotspots/${runId}`;
}

function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (typeof d === "string" ? new Date(d) : d).toISOString();
}

export type RunOutOptions = { locale: Locale; describe: DescribePlace; showTimings: boolean };

/** The run as the API shows it (summary without cells, or the whole run). */
export function runOut(t: Translate, slug: string, run: RunRow | RunSummary, o: RunOutOptions): RunOut {
  const p = run.parameters;
  const classifyBy: ClassifyBy = p.classifyBy === "p" ? "p" : "q";
  const input = run.input_report;
  const full = "results" in run;
  const cells = full ? hotspotRows(run.results, p.cellSize) : [];
  const em = full ? run.emerging : null;
  const where = (lat: number, lon: number) => placeWords(t, o.locale, o.describe(lat, lon));
  return {
    id: run.id,
    status: run.status,
    source: run.source,
    label: run.label,
    createdAt: iso(run.created_at)!,
    finishedAt: iso(run.finished_at),
    createdBy: run.created_by_name,
    parameters: {
      cellSize: p.cellSize,
      band: p.band,
      boundaryOnly: p.boundaryOnly,
      categories: p.categories,
      emerging: p.emerging,
      statistic: p.statistic,
      classifyBy,
    },
    input: {
      rows: input.rows ?? 0,
      used: input.used ?? 0,
      filtered: input.filtered ?? 0,
      outside: input.outside ?? 0,
      skipped: {
        count: input.skipped?.count ?? 0,
        first: input.skipped?.first ?? [],
        badRows: input.skipped?.badRows ?? 0,
        badCoordinates: input.skipped?.badCoordinates ?? 0,
        badTimestamps: input.skipped?.badTimestamps ?? 0,
      },
    },
    counts: "cells" in run.counts ? (run.counts as unknown as Record<string, number>) : null,
    assessment: run.assessment ?? null,
    timings: o.showTimings ? (run.timings as Record<string, number | string>) : null,
    places: full
      ? hotspotGroups(cells, o.describe).map((g) => ({
          ...placeWords(t, o.locale, g.place),
          lat: Math.round(g.place.lat * 1e6) / 1e6,
          lon: Math.round(g.place.lon * 1e6) / 1e6,
          class: g.cls,
          classLabel: classLabel(t, classifyBy, g.cls),
          cells: g.cells.length,
          events: g.events,
          cellIds: g.cells.map((c) => c.id),
        }))
      : [],
    cells: cells.map((c) => ({
      id: c.id,
      ix: c.ix,
      iy: c.iy,
      lat: c.lat,
      lon: c.lon,
      ...where(c.lat, c.lon),
      count: c.count,
      z: c.z,
      p: c.p,
      q: c.q,
      class: c.cls,
      classLabel: classLabel(t, classifyBy, c.cls),
    })),
    cellsTruncated: full ? (run.results?.truncated ?? false) : false,
    emerging: em
      ? {
          weeks: em.weeks,
          firstWeek: em.firstWeek,
          lastWeek: em.lastWeek,
          locations: em.locations,
          truncated: em.truncated,
          cells: emergingRows(em, p.cellSize).map((r) => ({
            id: r.id,
            lat: r.lat,
            lon: r.lon,
            ...where(r.lat, r.lon),
            count: r.count,
            pattern: r.pattern,
            patternLabel: t(`analysis.pattern.${r.pattern}`),
            patternHelp: t(`analysis.patternHelp.${r.pattern}`),
            hotWeeks: r.hot,
            coldWeeks: r.cold,
            trendTau: r.tau,
            trendP: r.trendP,
          })),
        }
      : null,
    error: run.error,
    links: { page: runPath(slug, run.id), csv: `${runPath(slug, run.id)}/resultat.csv`, csvExcel: `${runPath(slug, run.id)}/resultat.csv?format=excel` },
  };
}
