// The weekly lägesbild (veckolägesbild) of a week and an area, built from the stored incidents of
// every source (src/platform/incidents/sources.ts) — one object that the page, the PDF, the CSV
// and the API all present, so no output can say more or other than another:
//
//   figures    counts per source and category: the week, the mean of the four weeks before, the
//              same ISO week last year; totals per source; the last twelve weeks per source;
//   map        the week's incidents with a point under the privacy rule of public maps
//              (src/platform/geo/incident-layer.ts: person-related categories only as counted
//              cells, small counts left out) — the police's events are area-level and only counted;
//   places     the named places with most incidents of the week;
//   hotspots   Gi* of the last N weeks on a grid of already-projected cells, classes from
//              Benjamini–Hochberg q (hot/cold at 90/95/99 %), and emerging hot spot patterns over
//              the last twelve weeks — computed by the analysis engine from counts the database
//              binned; the analysed cells are the cells with incidents (as ArcGIS's default for
//              incident points) inside the area;
//   decisions  the insatser the last meeting decided, and those running in the week;
//   summary    the coordinator's text, or a generated draft.
//
// An area is one of the tenant's areas: its polygon, or — for an area without one, such as
// "Osby landsbygd" — the municipality minus the other areas of its kind. An incident belongs to
// the area when the centre of its grid cell does (decision 0026).
import type { Kysely } from "kysely";
import {
  AnalysisError,
  type EmergingResult,
  EMERGING_PATTERNS,
  emergingFromCountsInWorker,
  emergingHotspotsFromCube,
  type HotspotResult,
  hotspotsFromCells,
  hotspotsFromCellsInWorker,
  latLonToSweref,
  pointInRings,
  type Rings,
  ringsFromGeoJson,
  spaceTimeCubeFromCounts,
  swerefToLatLon,
} from "../../../analysis/index.ts";
import type { DB, GeoJSONGeometry } from "../../../platform/db/schema.ts";
import { type IncidentLayer, incidentLayer } from "../../../platform/geo/incident-layer.ts";
import type { IncidentCategory, IncidentSource } from "../../../platform/incidents/sources.ts";
import { type Locale, type Translate, translator } from "../../../platform/i18n/i18n.ts";
import {
  assessHotspots,
  type DescribePlace,
  MIN_CELLS_WITH_EVENTS,
  type PlaceDescription,
  placeDescriber,
  placeText,
  type SparseReason,
  sparseReason,
} from "../../analysis/index.ts";
import { getTenantBoundary, listAreas, listPlaces, type PlaceRow } from "../../tenants/index.ts";
import { type CategoryFigure, categoryFigures, formatChange, type SourceTotal, sourceTotals, weeklySeries } from "../domain/figures.ts";
import { isoDate, sameWeekLastYear, weekDays, weekLabel } from "../domain/time.ts";
import { listInsatser, type InsatsView } from "../repo/insatser.ts";
import { cellWeekColumns, countsByWeek, countsByWeekAndCell, pointsIn, type WeekCount } from "../repo/lagesbild.ts";
import { findMeetingOfWeek, findSummary, type MeetingRow } from "../repo/meetings.ts";
import { type EstSettings, estSettings } from "../settings.ts";
import { sourceCategory } from "../sources.ts";

/** Weeks before the chosen one whose mean it is compared with. */
export const PREVIOUS_WEEKS = 4;
/** Weeks of the trend chart. */
export const SERIES_WEEKS = 12;
/** An incident counts for a named place within its polygon, or within this many metres of its point. */
export const PLACE_RADIUS = 250;
/** Cubes with more bins than this are computed in a worker thread (the request thread stays free). */
export const INLINE_MAX_BINS = 60_000;

export type Tenant = { id: string; slug: string; name: string; kommunkod: string; settings: Record<string, unknown> };

export type AreaScope = {
  /** "" for the whole municipality, else the area's id. */
  key: string;
  name: string | null;
  /** Whether a cell centre (SWEREF 99 TM) belongs to the area; null = everything of the tenant. */
  contains: ((e: number, n: number) => boolean) | null;
};

export type AreaChoice = { key: string; name: string };

export type HotspotCell = { ix: number; iy: number; lat: number; lon: number; count: number; z: number; q: number; cls: number; place: PlaceDescription };
export type EmergingCell = {
  ix: number;
  iy: number;
  lat: number;
  lon: number;
  count: number;
  pattern: string;
  hot: number;
  cold: number;
  place: PlaceDescription;
};

export type HotspotPicture = {
  fromWeek: string;
  toWeek: string;
  cellSize: number;
  band: number;
  /** Incidents with a point in the window (inside the area), and the cells analysed. */
  points: number;
  cells: number;
  /** Significant cells (hot or cold) with incidents, strongest first; none when the data are too sparse. */
  significant: HotspotCell[];
  classCounts: Record<string, number>;
  /** Why the data are too sparse for classes (the analysis module's rules, decision 0102), or null. */
  sparse: SparseReason | null;
  eventsPerCell: number;
  /** The engine's refusal (too few cells), in Swedish. */
  error: string | null;
};

export type EmergingPicture = {
  fromWeek: string;
  toWeek: string;
  weeks: number;
  locations: number;
  points: number;
  withPattern: EmergingCell[];
  patternCounts: Record<string, number>;
  sparse: SparseReason | null;
  eventsPerCell: number;
  error: string | null;
};

/** An incident of the week with a point (inside the area). */
export type WeekIncident = { source: string; category: IncidentCategory; day: number; lat: number; lon: number };

export type PlaceCount = { id: string; name: string; count: number; categories: Array<{ label: { sv: string; en: string }; count: number }> };

export type Lagesbild = {
  tenant: { id: string; slug: string; name: string };
  week: number;
  weekLabel: string;
  firstDate: string;
  lastDate: string;
  lastYearWeekLabel: string;
  area: AreaScope;
  areas: AreaChoice[];
  sources: Array<{ key: string; label: string; hasPoints: boolean }>;
  totals: SourceTotal[];
  figures: CategoryFigure[];
  series: Array<{ week: number; label: string; bySource: number[] }>;
  map: { points: WeekIncident[]; cellSize: number; minCount: number; areaLevelThisWeek: number };
  places: PlaceCount[];
  hotspots: HotspotPicture;
  emerging: EmergingPicture;
  lastMeeting: MeetingRow | null;
  decisions: InsatsView[];
  running: InsatsView[];
  summary: { text: string; saved: boolean; version: number; updatedAt: Date | null; updatedBy: string | null; draft: string };
  settings: EstSettings;
  timings: { db: number; engine: number };
};

const now = () => performance.now();

/** The tenant's areas to choose from, and the scope of one (undefined: no such area). */
export async function areaScope(db: Kysely<DB>, tenantId: string, key: string): Promise<{ scope: AreaScope | undefined; areas: AreaChoice[] }> {
  const areas = await listAreas(db, tenantId);
  const choices: AreaChoice[] = areas.map((a) => ({ key: a.id, name: a.name }));
  if (!key) return { scope: { key: "", name: null, contains: null }, areas: choices };
  const area = areas.find((a) => a.id === key);
  if (!area) return { scope: undefined, areas: choices };
  const rings = (g: unknown): Rings | null => {
    if (!g) return null;
    try {
      return ringsFromGeoJson(g, "wgs84");
    } catch {
      return null;
    }
  };
  const own = rings(area.geometry);
  if (own) return { scope: { key: area.id, name: area.name, contains: (e, n) => pointInRings(e, n, own) }, areas: choices };
  // An area without a polygon is the municipality minus the other areas of its kind with one.
  const boundary = rings(await getTenantBoundary(db, tenantId));
  const others = areas
    .filter((a) => a.kind === area.kind && a.id !== area.id)
    .map((a) => rings(a.geometry))
    .filter((r): r is Rings => r !== null);
  if (!boundary) return { scope: undefined, areas: choices };
  return {
    scope: { key: area.id, name: area.name, contains: (e, n) => pointInRings(e, n, boundary) && !others.some((r) => pointInRings(e, n, r)) },
    areas: choices,
  };
}

/** Keep the counts whose cell centre lies in the area, summed per (source, category, week). */
function countsInArea(rows: ReadonlyArray<WeekCount & { ix: number; iy: number }>, cell: number, contains: (e: number, n: number) => boolean): WeekCount[] {
  const inside = new Map<string, boolean>();
  const out = new Map<string, WeekCount>();
  for (const r of rows) {
    const ck = `${r.ix},${r.iy}`;
    let ok = inside.get(ck);
    if (ok === undefined) {
      ok = contains((r.ix + 0.5) * cell, (r.iy + 0.5) * cell);
      inside.set(ck, ok);
    }
    if (!ok) continue;
    const k = `${r.source}\u0000${r.category}\u0000${r.week}`;
    const prior = out.get(k);
    if (prior) prior.count += r.count;
    else out.set(k, { source: r.source, category: r.category, week: r.week, count: r.count });
  }
  return [...out.values()];
}

type Binned = { ix: Int32Array; iy: Int32Array; week: Int32Array; count: Int32Array };

function filterBinned(b: Binned, cell: number, contains: ((e: number, n: number) => boolean) | null): Binned {
  if (!contains) return b;
  const keep: number[] = [];
  const inside = new Map<number, boolean>();
  for (let i = 0; i < b.ix.length; i++) {
    const key = b.ix[i]! * 4_194_304 + b.iy[i]!;
    let ok = inside.get(key);
    if (ok === undefined) {
      ok = contains((b.ix[i]! + 0.5) * cell, (b.iy[i]! + 0.5) * cell);
      inside.set(key, ok);
    }
    if (ok) keep.push(i);
  }
  const pick = (a: Int32Array) => Int32Array.from(keep, (i) => a[i]!);
  return { ix: pick(b.ix), iy: pick(b.iy), week: pick(b.week), count: pick(b.count) };
}

/** Counts per cell over weeks [from, to], as the engine's GridCells (row-major). */
function gridOf(b: Binned, fromWeek: number, toWeek: number, cellSize: number) {
  const sums = new Map<number, number>();
  for (let i = 0; i < b.ix.length; i++) {
    const w = b.week[i]!;
    if (w < fromWeek || w > toWeek) continue;
    // iy is below 2²², ix positive: one number per cell.
    const key = b.iy[i]! * 4_194_304 + b.ix[i]!;
    sums.set(key, (sums.get(key) ?? 0) + b.count[i]!);
  }
  const keys = [...sums.keys()].sort((a, z) => a - z);
  const ix = new Int32Array(keys.length);
  const iy = new Int32Array(keys.length);
  const count = new Int32Array(keys.length);
  keys.forEach((k, j) => {
    iy[j] = Math.floor(k / 4_194_304);
    ix[j] = k - iy[j]! * 4_194_304;
    count[j] = sums.get(k)!;
  });
  let points = 0;
  for (const c of count) points += c;
  return { cells: { cellSize, ix, iy, count }, points };
}

function centreOf(ix: number, iy: number, cell: number): { lat: number; lon: number } {
  const p = swerefToLatLon((iy + 0.5) * cell, (ix + 0.5) * cell);
  return { lat: Math.round(p.lat * 1e6) / 1e6, lon: Math.round(p.lon * 1e6) / 1e6 };
}

type PlacePoint = { place: PlaceRow; e: number; n: number; rings: Rings | null };

function placePoints(places: readonly PlaceRow[]): PlacePoint[] {
  return places.map((p) => {
    const { n, e } = latLonToSweref(p.lat, p.lon);
    let rings: Rings | null = null;
    if (p.geometry && (p.geometry.type === "Polygon" || p.geometry.type === "MultiPolygon")) {
      try {
        rings = ringsFromGeoJson(p.geometry as GeoJSONGeometry, "wgs84");
      } catch {
        rings = null;
      }
    }
    return { place: p, e, n, rings };
  });
}

/** The place an incident counts for: the polygon it lies in, else the nearest place within PLACE_RADIUS. */
export function placeOf(places: readonly PlacePoint[], e: number, n: number): PlaceRow | null {
  for (const p of places) if (p.rings && pointInRings(e, n, p.rings)) return p.place;
  let best: PlacePoint | null = null;
  let bestD = PLACE_RADIUS;
  for (const p of places) {
    if (p.rings) continue;
    const d = Math.hypot(p.e - e, p.n - n);
    if (d <= bestD) {
      best = p;
      bestD = d;
    }
  }
  return best?.place ?? null;
}

async function computeHotspots(
  binned: Binned,
  s: EstSettings,
  fromWeek: number,
  toWeek: number,
): Promise<{ result: HotspotResult | null; error: string | null; points: number; cells: number }> {
  const { cells, points } = gridOf(binned, fromWeek, toWeek, s.cellSize);
  // Too few cells with incidents for the rules for people: not even worth the engine's time.
  if (cells.ix.length < MIN_CELLS_WITH_EVENTS) return { result: null, error: null, points, cells: cells.ix.length };
  const options = { cellSize: s.cellSize, band: s.band, classifyBy: "q" as const };
  try {
    const result =
      cells.ix.length > INLINE_MAX_BINS
        ? await hotspotsFromCellsInWorker(cells, options)
        : hotspotsFromCells(cells, options, { points, skipped: { count: 0, first: [] } });
    return { result, error: null, points, cells: cells.ix.length };
  } catch (e) {
    if (e instanceof AnalysisError) return { result: null, error: e.message, points, cells: cells.ix.length };
    throw e;
  }
}

async function computeEmerging(
  binned: Binned,
  s: EstSettings,
  firstWeek: number,
): Promise<{ result: EmergingResult | null; error: string | null; points: number; locations: number }> {
  const weeks = { firstWeek, weeks: s.emergingWeeks };
  const options = { cellSize: s.cellSize, band: s.band };
  try {
    // Small cubes inline (a few milliseconds); large ones in a worker so requests keep flowing.
    let locations = 0;
    const seen = new Set<number>();
    for (let i = 0; i < binned.ix.length; i++) {
      const k = binned.iy[i]! * 4_194_304 + binned.ix[i]!;
      if (!seen.has(k)) {
        seen.add(k);
        locations++;
      }
    }
    let points = 0;
    for (let i = 0; i < binned.count.length; i++) points += binned.count[i]!;
    if (locations < MIN_CELLS_WITH_EVENTS) return { result: null, error: null, points, locations };
    if (locations * s.emergingWeeks > INLINE_MAX_BINS)
      return { result: await emergingFromCountsInWorker(binned, weeks, options), error: null, points, locations };
    const cube = spaceTimeCubeFromCounts(binned, { cellSize: s.cellSize, ...weeks });
    return { result: emergingHotspotsFromCube(cube, options), error: null, points, locations };
  } catch (e) {
    if (e instanceof AnalysisError) return { result: null, error: e.message, points: 0, locations: 0 };
    throw e;
  }
}

const CLASS = ["cold99", "cold95", "cold90", "ns", "hot90", "hot95", "hot99"];

/** The Gi* picture under the analysis module's rules for people: no classes on sparse data, never an empty cell. */
function hotspotPicture(
  hot: { result: HotspotResult | null; error: string | null; points: number; cells: number },
  s: EstSettings,
  first: number,
  week: number,
  describe: DescribePlace,
): HotspotPicture {
  const r = hot.result;
  const assessed = r ? assessHotspots({ count: r.count, classes: r.classes, variance: r.variance }) : null;
  const picture: HotspotPicture = {
    fromWeek: weekLabel(first),
    toWeek: weekLabel(week),
    cellSize: s.cellSize,
    band: s.band,
    points: hot.points,
    cells: hot.cells,
    significant: [],
    classCounts: { hot99: 0, hot95: 0, hot90: 0, cold90: 0, cold95: 0, cold99: 0 },
    sparse: assessed ? assessed.assessment.sparse : hot.error ? null : "fewCells",
    eventsPerCell: assessed?.assessment.eventsPerCell ?? (hot.cells ? Math.round((hot.points / hot.cells) * 100) / 100 : 0),
    error: hot.error,
  };
  if (!r || !assessed) return picture;
  for (let i = 0; i < assessed.classes.length; i++) {
    const cls = assessed.classes[i]!;
    if (cls === 0) continue;
    picture.classCounts[CLASS[cls + 3]!]!++;
    const c = centreOf(r.ix[i]!, r.iy[i]!, s.cellSize);
    picture.significant.push({ ix: r.ix[i]!, iy: r.iy[i]!, ...c, count: r.count[i]!, z: r.z[i]!, q: r.q[i]!, cls, place: describe(c.lat, c.lon) });
  }
  picture.significant.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
  return picture;
}

/** Emerging patterns, with the same sparse rule on the cube's cells (no patterns are read from noise). */
function emergingPicture(
  em: { result: EmergingResult | null; error: string | null; points: number; locations: number },
  s: EstSettings,
  first: number,
  week: number,
  describe: DescribePlace,
): EmergingPicture {
  const r = em.result;
  let mean = 0;
  let m2 = 0;
  if (r) {
    for (let i = 0; i < r.count.length; i++) mean += r.count[i]!;
    mean /= Math.max(1, r.count.length);
    for (let i = 0; i < r.count.length; i++) m2 += (r.count[i]! - mean) ** 2;
  }
  const sparse = r ? sparseReason(r.points, r.ix.length, m2 / Math.max(1, r.count.length)) : em.error ? null : "fewCells";
  const picture: EmergingPicture = {
    fromWeek: weekLabel(first),
    toWeek: weekLabel(week),
    weeks: s.emergingWeeks,
    locations: r?.ix.length ?? em.locations,
    points: r?.points ?? em.points,
    withPattern: [],
    patternCounts: {},
    sparse,
    eventsPerCell: (r?.ix.length ?? em.locations) ? Math.round(((r?.points ?? em.points) / (r?.ix.length ?? em.locations)) * 100) / 100 : 0,
    error: em.error,
  };
  if (!r || sparse) return picture;
  for (let i = 0; i < r.pattern.length; i++) {
    const pattern = EMERGING_PATTERNS[r.pattern[i]!]!;
    if (pattern === "none") continue;
    picture.patternCounts[pattern] = (picture.patternCounts[pattern] ?? 0) + 1;
    const c = centreOf(r.ix[i]!, r.iy[i]!, s.cellSize);
    picture.withPattern.push({
      ix: r.ix[i]!,
      iy: r.iy[i]!,
      ...c,
      count: r.count[i]!,
      pattern,
      hot: r.hotBins[i]!,
      cold: r.coldBins[i]!,
      place: describe(c.lat, c.lon),
    });
  }
  picture.withPattern.sort((a, b) => EMERGING_PATTERNS.indexOf(a.pattern as never) - EMERGING_PATTERNS.indexOf(b.pattern as never) || b.count - a.count);
  return picture;
}

/** More place-type incidents than this in a week are shown as counted cells, not as points. */
export const MAP_POINTS_MAX = 400;
/** Rows of the map's cell table on the page and in the PDF (the largest cells first). */
export const MAP_TABLE_ROWS = 200;
/** At most about this many cells of place incidents on the map: their cell doubles until it fits (up to 4 km). */
export const MAP_PLACE_CELLS_MAX = 500;

export type WeekLayer = IncidentLayer & {
  /** The place-type incidents too many for points: counted in cells (no threshold: they are about places). */
  aggregated: number;
  /** When aggregated: the place-type incidents counted per square (all their categories together). */
  placeCells: IncidentLayer["cells"];
  /** The square of `placeCells`, metres: the map's cell, doubled until there are at most MAP_PLACE_CELLS_MAX. */
  placeCellSize: number;
};

/**
 * The week's map in the reader's language under the privacy rule of public maps (the platform's
 * incident layer): place-type categories as points, person-related ones only as counted cells,
 * small counts left out. A week with more than MAP_POINTS_MAX place-type incidents (a large
 * tenant) shows those as counted cells too — thousands of points help no reader, on the map or
 * in its table; the export has every incident. The page's map, its table and the PDF all take it
 * from here.
 */
export function weekLayer(l: Pick<Lagesbild, "map">, t: Translate, locale: Locale): WeekLayer {
  const incidents = l.map.points.map((p) => ({
    lat: p.lat,
    lon: p.lon,
    category: p.category.label[locale],
    personRelated: p.category.personRelated,
    label: `${p.category.label[locale]} (${isoDate(p.day)})`,
  }));
  const opts = {
    cellSize: l.map.cellSize,
    minCount: l.map.minCount,
    cellLabel: (category: string, count: number) => t("est.map.cellLabel", { category, count }),
  };
  const placeType = incidents.filter((i) => !i.personRelated);
  if (placeType.length <= MAP_POINTS_MAX) return { ...incidentLayer(incidents, opts), aggregated: 0, placeCells: [], placeCellSize: opts.cellSize };
  const people = incidentLayer(
    incidents.filter((i) => i.personRelated),
    opts,
  );
  // Place-type incidents may be shown one by one, so their cells need no threshold; one cell per
  // square for all their categories (the figures give the categories).
  const placesLabel = t("est.map.placeIncidents");
  const asCells = placeType.map((i) => ({ ...i, category: placesLabel, personRelated: true }));
  let placeCellSize = opts.cellSize;
  let places = incidentLayer(asCells, { ...opts, minCount: 1 });
  while (places.cells.length > MAP_PLACE_CELLS_MAX && placeCellSize < 4000) {
    placeCellSize *= 2;
    places = incidentLayer(asCells, { ...opts, cellSize: placeCellSize, minCount: 1 });
  }
  return {
    geojson: { type: "FeatureCollection", features: [...places.geojson.features, ...people.geojson.features] },
    points: [],
    cells: people.cells,
    suppressed: people.suppressed,
    aggregated: placeType.length,
    placeCells: places.cells,
    placeCellSize,
  };
}

/** The largest cells first, at most MAP_TABLE_ROWS. */
export function largestCells<T extends { count: number }>(cells: readonly T[]): T[] {
  return [...cells].sort((a, b) => b.count - a.count).slice(0, MAP_TABLE_ROWS);
}

/** Build the lägesbild of running week `week` in the area (see module comment). */
export async function buildLagesbild(
  db: Kysely<DB>,
  tenant: Tenant,
  week: number,
  scope: AreaScope,
  areas: AreaChoice[],
  sources: readonly IncidentSource[],
): Promise<Lagesbild> {
  const s = estSettings(tenant);
  const timings = { db: 0, engine: 0 };
  const lastYear = sameWeekLastYear(week);
  const firstSeries = week - Math.max(SERIES_WEEKS, PREVIOUS_WEEKS + 1, s.emergingWeeks) + 1;
  const seriesRange = { from: weekDays(firstSeries).from, to: weekDays(week).to };
  const lastYearRange = weekDays(lastYear);
  const emergingFirst = week - s.emergingWeeks + 1;
  const hotspotFirst = week - s.hotspotWeeks + 1;
  // Sources without points cannot be placed in a sub-area: they count only for the whole municipality.
  const counted = scope.contains ? sources.filter((x) => x.hasPoints) : sources;

  let t0 = now();
  const [counts, binnedAll, weekPoints, places, meeting, summary, running, describe] = await Promise.all([
    scope.contains
      ? countsByWeekAndCell(db, tenant.id, counted, [seriesRange, lastYearRange], s.cellSize).then((rows) => countsInArea(rows, s.cellSize, scope.contains!))
      : countsByWeek(db, tenant.id, counted, [seriesRange, lastYearRange]),
    cellWeekColumns(db, tenant.id, sources, { from: weekDays(emergingFirst).from, to: weekDays(week).to }, s.cellSize),
    pointsIn(db, tenant.id, sources, weekDays(week)),
    listPlaces(db, tenant.id),
    findMeetingOfWeek(db, tenant.id, weekLabel(week - 1)),
    findSummary(db, tenant.id, weekLabel(week), scope.key),
    listInsatser(db, tenant.id, { overlaps: { from: isoDate(weekDays(week).from), to: isoDate(weekDays(week).to - 1) } }),
    placeDescriber(db, tenant.id),
  ]);
  const decisions = meeting ? await listInsatser(db, tenant.id, { meetingId: meeting.id }) : [];
  timings.db += now() - t0;

  // Figures
  const categoriesBySource = new Map<string, IncidentCategory[]>(sources.map((x) => [x.key, x.categories(tenant)]));
  const sourceByKey = new Map(sources.map((x) => [x.key, x]));
  const categoryOf = (source: string, key: string) => {
    const src = sourceByKey.get(source);
    return src ? sourceCategory(src, categoriesBySource.get(source) ?? [], key) : { key, label: { sv: key, en: key }, personRelated: true };
  };
  const keys = counted.map((x) => x.key);
  const fo = { week, lastYearWeek: lastYear, previousWeeks: PREVIOUS_WEEKS };
  const figures = categoryFigures(counts, keys, categoryOf, fo);
  const totals = sourceTotals(counts, keys, fo);
  const series = weeklySeries(counts, keys, week, SERIES_WEEKS).map((x) => ({ ...x, label: weekLabel(x.week).slice(5) }));

  // The week's map and named places (points inside the area only).
  const inArea = scope.contains
    ? weekPoints.filter((p) => scope.contains!((Math.floor(p.e / s.cellSize) + 0.5) * s.cellSize, (Math.floor(p.n / s.cellSize) + 0.5) * s.cellSize))
    : weekPoints;
  const weekIncidents: WeekIncident[] = inArea.map((p) => ({
    source: p.source,
    category: categoryOf(p.source, p.category),
    day: p.day,
    lat: p.lat,
    lon: p.lon,
  }));
  const areaLevelThisWeek = scope.contains
    ? 0
    : counts.filter((c) => c.week === week && sourceByKey.get(c.source)?.hasPoints === false).reduce((a, c) => a + c.count, 0);
  const pp = placePoints(places);
  const byPlace = new Map<string, { place: PlaceRow; count: number; cats: Map<string, { label: { sv: string; en: string }; count: number }> }>();
  for (const p of inArea) {
    const place = placeOf(pp, p.e, p.n);
    if (!place) continue;
    let g = byPlace.get(place.id);
    if (!g) {
      g = { place, count: 0, cats: new Map() };
      byPlace.set(place.id, g);
    }
    g.count++;
    const c = categoryOf(p.source, p.category);
    const k = `${p.source}:${p.category}`;
    const prior = g.cats.get(k);
    if (prior) prior.count++;
    else g.cats.set(k, { label: c.label, count: 1 });
  }
  const placeCounts: PlaceCount[] = [...byPlace.values()]
    .sort((a, b) => b.count - a.count || a.place.name.localeCompare(b.place.name, "sv"))
    .slice(0, 10)
    .map((g) => ({ id: g.place.id, name: g.place.name, count: g.count, categories: [...g.cats.values()].sort((a, b) => b.count - a.count) }));

  // Hot spots and emerging hot spots (the engine on the database's binned counts).
  t0 = now();
  const binned = filterBinned(binnedAll, s.cellSize, scope.contains);
  const [hot, em] = await Promise.all([computeHotspots(binned, s, hotspotFirst, week), computeEmerging(binned, s, emergingFirst)]);
  timings.engine += now() - t0;

  const hotspots = hotspotPicture(hot, s, hotspotFirst, week, describe);
  const emerging = emergingPicture(em, s, emergingFirst, week, describe);

  const days = weekDays(week);
  const picture: Omit<Lagesbild, "summary"> = {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    week,
    weekLabel: weekLabel(week),
    firstDate: isoDate(days.from),
    lastDate: isoDate(days.to - 1),
    lastYearWeekLabel: weekLabel(lastYear),
    area: scope,
    areas,
    sources: counted.map((x) => ({ key: x.key, label: x.label, hasPoints: x.hasPoints })),
    totals,
    figures,
    series,
    map: { points: weekIncidents, cellSize: s.mapCellSize, minCount: s.minCellCount, areaLevelThisWeek },
    places: placeCounts,
    hotspots,
    emerging,
    lastMeeting: meeting ?? null,
    decisions,
    running: running.filter((i) => i.status !== "installd"),
    settings: s,
    timings,
  };
  const draft = draftSummary(picture);
  return {
    ...picture,
    summary: summary
      ? { text: summary.text, saved: true, version: summary.version, updatedAt: summary.updated_at, updatedBy: summary.updated_by_name, draft }
      : { text: draft, saved: false, version: 0, updatedAt: null, updatedBy: null, draft },
  };
}

/**
 * The plain-language draft of the summary, in Swedish (the lägesbild is a Swedish municipal
 * record): totals and their change, the largest categories, the places, the hot spots, the
 * decisions' status. The coordinator edits it; the page says it is a draft until saved.
 */
export function draftSummary(l: Omit<Lagesbild, "summary">): string {
  const t = translator("sv");
  const where = l.area.name ?? l.tenant.name;
  const parts: string[] = [];
  const total = l.totals.reduce((a, x) => a + x.week, 0);
  const mean = l.totals.reduce((a, x) => a + x.previousMean, 0);
  const lastYear = l.totals.reduce((a, x) => a + x.lastYear, 0);
  const labelOf = new Map(l.sources.map((x) => [x.key, x.label]));
  const bySource = l.totals
    .filter((x) => x.week > 0)
    .map((x) => `${x.week} ${t(labelOf.get(x.source) ?? x.source).toLowerCase()}`)
    .join(", ");
  parts.push(
    t("est.summary.total", {
      week: l.weekLabel.slice(6),
      from: l.firstDate,
      to: l.lastDate,
      where,
      total,
      detail: bySource || t("est.summary.none"),
      change: formatChange({ change: total - mean, changePct: mean > 0 ? ((total - mean) / mean) * 100 : null }, "sv"),
      mean: Math.round(mean * 10) / 10,
      lastYear,
    }),
  );
  const top = l.figures.filter((f) => f.week > 0).slice(0, 3);
  if (top.length) parts.push(t("est.summary.top", { list: top.map((f) => `${f.category.label.sv.toLowerCase()} (${f.week})`).join(", ") }));
  if (l.places.length)
    parts.push(
      t("est.summary.places", {
        list: l.places
          .slice(0, 3)
          .map((p) => `${p.name} (${p.count})`)
          .join(", "),
      }),
    );
  const hot = l.hotspots.significant.filter((c) => c.cls > 0);
  if (l.hotspots.error || l.hotspots.sparse) parts.push(t("est.summary.sparse"));
  else if (hot.length) {
    const named = [...new Set(hot.map((c) => placeText(t, "sv", c.place)))].slice(0, 3);
    parts.push(t("est.summary.hot", { count: hot.length, weeks: l.settings.hotspotWeeks, places: named.join("; ") }));
  } else parts.push(t("est.summary.noHot", { weeks: l.settings.hotspotWeeks }));
  const fresh = l.emerging.withPattern.filter((c) => c.pattern === "new_hot" || c.pattern === "intensifying_hot" || c.pattern === "consecutive_hot");
  if (fresh.length)
    parts.push(
      t("est.summary.emerging", {
        list: fresh
          .slice(0, 3)
          .map((c) => `${t(`analysis.pattern.${c.pattern}`)} (${placeText(t, "sv", c.place)})`)
          .join(", "),
      }),
    );
  if (l.decisions.length) {
    const done = l.decisions.filter((d) => d.status === "genomford").length;
    parts.push(t("est.summary.decisions", { count: l.decisions.length, done }));
  }
  return parts.join(" ");
}
