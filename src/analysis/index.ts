/**
 * Trygg's analysis engine — public surface.
 *
 * Pure functions on typed arrays (no I/O, no framework):
 *   projection      WGS84/SWEREF 99 ↔ SWEREF 99 TM (Krüger series), exact and fast bulk forms
 *   grid            cells ⌊E/cell⌋_⌊N/cell⌋, counting and weighted sums
 *   iso-week        Europe/Stockholm local dates and ISO 8601 weeks
 *   band            fixed-distance-band neighbours, exact at the band (spdep dnearneigh)
 *   getis-ord       Gi and Gi* (spdep localG), normal p-values, Benjamini–Hochberg q-values
 *   hotspots        the hot spot pipeline with ArcGIS-style classes
 *   emerging        space-time cube, Mann–Kendall, ArcGIS emerging hot spot patterns
 *   kde             kernel density on a grid
 *   polygon         boundaries (GeoJSON) and the cells inside them
 *   csv-scan/-format  byte-level CSV parsing and CSV output
 *
 * Node runtime layer (src/analysis/node): worker-thread pool for the web app, the parallel
 * streaming file loader and CSV file I/O used by `trygg analysis`.
 */
export { type BoundaryCrs, cellsInsideRings, pointInRings, type Rings, ringsBounds, ringsFromGeoJson } from "./polygon.ts";
export { withinBand, withinBandExact, gridStencil, type GridStencil, type NeighbourLists, pointBandNeighbours } from "./band.ts";
export { classifyHotspots, HOTSPOT_CLASS_LABELS, type HotspotClass, hotspotClassCode, hotspotClassLabel } from "./classes.ts";
export {
  classifyEmergingPattern,
  computeEmergingHotspots,
  EMERGING_PATTERN_LABELS_SV,
  EMERGING_PATTERNS,
  type EmergingInput,
  type EmergingOptions,
  type EmergingPattern,
  type EmergingResult,
  type BinnedCellWeeks,
  buildSpaceTimeCube,
  emergingHotspotsFromCube,
  type SpaceTimeCube,
  spaceTimeCubeFromCounts,
  spaceTimeGiStar,
} from "./emerging.ts";
export { AnalysisError } from "./errors.ts";
export { createSwerefProjector, type SwerefProjector } from "./fast-projection.ts";
export { benjaminiHochberg } from "./fdr.ts";
export {
  getisOrdFromLists,
  getisOrdGrid,
  getisOrdPoints,
  type GiResult,
  type GiStatistic,
  giZScores,
} from "./getis-ord.ts";
export {
  buildCellLookup,
  CellAccumulator,
  type CellLookup,
  cellCentre,
  cellId,
  cellIndex,
  type GridCells,
  mergeCells,
  parseCellId,
} from "./grid.ts";
export {
  computeHotspots,
  type HotspotOptions,
  type HotspotResult,
  type HotspotTimings,
  hotspotsFromCells,
  validateHotspotOptions,
  warmUpAnalysis,
} from "./hotspots.ts";
export {
  civilFromDays,
  daysFromCivil,
  isoWeekLabel,
  isoWeekOfDay,
  mondayOfWeekIndex,
  stockholmDayFromIso,
  stockholmDayOfInstant,
  stockholmOffsetMs,
  weekIndexOfDay,
} from "./iso-week.ts";
export { type KdeGrid, type KdeOptions, type KdeResult, kernelDensity, type KernelName, KERNELS, kernelValue } from "./kde.ts";
export { mannKendall, type MannKendallResult } from "./mann-kendall.ts";
export { erfc, normalCdf, twoSidedP, twoSidedPValues } from "./normal.ts";
export type { LatLonPoints, PointsInput, SkippedPoints, SwerefPoints } from "./points.ts";
export {
  ACCEPTED_AREA,
  isAcceptedLatLon,
  isAcceptedSweref,
  type LatLon,
  latLonToSweref,
  projectFromSweref,
  projectToSweref,
  type Sweref99Point,
  swerefToLatLon,
} from "./projection.ts";
export { splitCsvText } from "./csv-scan.ts";
export { type LoadedCells, type LoadOptions, loadIncidentCells, readCsvHeader } from "./node/load-incidents.ts";
export {
  closeAnalysisPool,
  computeEmergingHotspotsInWorker,
  computeHotspotsInWorker,
  configureAnalysisPool,
  emergingFromCountsInWorker,
  hotspotsFromCellsInWorker,
} from "./node/worker-pool.ts";
