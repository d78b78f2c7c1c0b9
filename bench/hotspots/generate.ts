// Seeded generator of synthetic EST incidents around Osby kommun (Skåne) for bench/hotspots.
//
//   node bench/hotspots/generate.ts [--sizes 1e4,1e5,1e6,1e7] [--dir .bench/hotspots] [--seed 1273]
//                                   [--force] [--no-cells]
//
// Writes `incidents-<size>.csv` (`lat,lon,ts,category`, WGS84/SWEREF 99 degrees with 6 decimals,
// UTC ISO-8601 timestamps) streamed in 1 MiB chunks — memory stays flat at any size — and a sidecar
// `incidents-<size>.meta.json` with the seed, byte size, per-component counts and the number of
// non-empty 100 m and 25 m SWEREF 99 TM cells (counted with proj4, independent of Trygg's engine).
// Same seed + size ⇒ byte-identical file (sfc32 PRNG, no Math.random, no Date.now).
//
// The mixture (weights tuned so that 10^7 incidents give ≈65 000 non-empty 100 m cells and ≈930 000
// non-empty 25 m cells — the "national picture" density):
//   * town clusters  — Osby, Lönsboda, Killeberg, Hökön, Visseltofta (Gaussian blobs, σ 150–900 m),
//                      plus Hästveda and the north of Hässleholm at the corridor's far end (same LPO)
//   * hotspots       — seven tight places (σ 12–45 m): resecentrum, torget, school, beach (summer
//                      only), a park (drugs), Lönsboda centrum (emerging: grows over the year),
//                      Killeberg station
//   * road/rail corridor — Hässleholm–Hästveda–Osby–Killeberg (Södra stambanan and the road beside it)
//                      and Osby–Lönsboda, σ 45 m across the line; leaves the kommun to the south-west
//   * background     — uniform inside the kommun boundary (test/fixtures/shared/osby-kommun-okfse.geojson),
//                      19 % of all incidents: at 10^7 that covers ~88 % of the kommun's 25 m cells
// Timestamps: ISO weeks 2025-W01…2025-W52 (2024-12-30 … 2025-12-28, Europe/Stockholm wall time
// with its DST switch, written in UTC), weekly profile per component, more on Fri/Sat and evenings.
// Place coordinates are approximate (±1 km) public map positions; the data is synthetic.

import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import proj4 from "proj4";

export const CATEGORIES = [
  "skadegörelse",
  "klotter",
  "nedskräpning",
  "otrygg plats",
  "otrygghetsskapande samling",
  "ungdomar som stör ordningen",
  "misstänkt narkotikahantering",
  "påverkade personer",
  "buskörning",
  "fortkörning",
] as const;

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, "../..");
export const DEFAULT_DIR = join(REPO_ROOT, ".bench/hotspots");
export const BOUNDARY_PATH = resolve(REPO_ROOT, "test/fixtures/shared/osby-kommun-okfse.geojson");
export const DEFAULT_SEED = 1273; // Osby's kommunkod
const GENERATOR_VERSION = 1;

// ---------------------------------------------------------------- PRNG (sfc32, seeded by splitmix32)
export function makeRng(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const rng = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 16; i++) rng();
  return rng;
}

// ---------------------------------------------------------------- geometry helpers
const M_PER_DEG_LAT = 111_320;
type LatLon = readonly [number, number];

function offsetLatLon([lat, lon]: LatLon, dxM: number, dyM: number): LatLon {
  return [lat + dyM / M_PER_DEG_LAT, lon + dxM / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))];
}

function loadBoundary(): number[][] {
  const gj = JSON.parse(readFileSync(BOUNDARY_PATH, "utf8"));
  const geom = gj.features ? gj.features[0].geometry : gj.geometry;
  if (geom.type !== "Polygon") throw new Error(`expected a Polygon in ${BOUNDARY_PATH}`);
  return geom.coordinates[0] as number[][];
}

function makePointInPolygon(ring: number[][]): (lon: number, lat: number) => boolean {
  const xs = Float64Array.from(ring, (p) => p[0]);
  const ys = Float64Array.from(ring, (p) => p[1]);
  const n = xs.length;
  return (lon, lat) => {
    let inside = false;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = ys[i];
      const yj = ys[j];
      if (yi > lat !== yj > lat && lon < ((xs[j] - xs[i]) * (lat - yi)) / (yj - yi) + xs[i]) inside = !inside;
    }
    return inside;
  };
}

// ---------------------------------------------------------------- the mixture
// Category weights in CATEGORIES order.
const CAT = {
  town: [14, 8, 16, 8, 10, 12, 4, 8, 10, 10],
  station: [22, 26, 10, 6, 14, 6, 4, 10, 1, 1],
  square: [10, 8, 16, 4, 24, 26, 3, 8, 1, 0],
  school: [30, 30, 10, 4, 8, 16, 1, 1, 0, 0],
  beach: [6, 2, 40, 2, 18, 22, 2, 8, 0, 0],
  park: [6, 4, 8, 10, 10, 6, 40, 16, 0, 0],
  corridor: [12, 8, 18, 6, 2, 2, 2, 2, 16, 32],
  background: [12, 2, 26, 18, 2, 2, 2, 2, 26, 8],
} as const;

type WeekProfile = (week: number) => number; // week 1..52 → relative weight
const flat: WeekProfile = () => 1;
const seasonal: WeekProfile = (w) => 1 + 0.35 * Math.sin(((w - 14) / 52) * 2 * Math.PI); // summer high
const summerOnly: WeekProfile = (w) => (w >= 24 && w <= 33 ? 1 : 0.02);
const emerging: WeekProfile = (w) => 0.15 + (w / 52) ** 2 * 3; // grows over the year
const schoolTerm: WeekProfile = (w) => ((w >= 26 && w <= 32) || w === 52 || w === 1 ? 0.15 : w <= 26 ? 1.4 - w / 52 : 1); // fades + holidays

interface Blob {
  kind: "blob";
  name: string;
  centre: LatLon;
  sigma: number; // metres
  weight: number;
  cat: readonly number[];
  week: WeekProfile;
}
interface Corridor {
  kind: "corridor";
  name: string;
  line: LatLon[];
  sigma: number;
  weight: number;
  cat: readonly number[];
  week: WeekProfile;
}
interface Background {
  kind: "background";
  name: string;
  weight: number;
  cat: readonly number[];
  week: WeekProfile;
}
type Component = Blob | Corridor | Background;

// Approximate centres (public maps, ±1 km).
const OSBY: LatLon = [56.3803, 13.9947];
const LONSBODA: LatLon = [56.3969, 14.3189];
const KILLEBERG: LatLon = [56.475, 14.093];
const HOKON: LatLon = [56.475, 14.285];
const VISSELTOFTA: LatLon = [56.417, 13.8];
const HASTVEDA: LatLon = [56.2846, 13.9334];
const HASSLEHOLM: LatLon = [56.1589, 13.7668];
const KOMMUN_NORTH_ON_RAIL: LatLon = [56.52, 14.118];

function town(name: string, c: LatLon, parts: [number, number, number, number][]): Blob[] {
  // parts: [dx m, dy m, sigma m, weight]
  return parts.map(([dx, dy, sigma, weight], i) => ({
    kind: "blob",
    name: `${name}#${i}`,
    centre: offsetLatLon(c, dx, dy),
    sigma,
    weight,
    cat: CAT.town,
    week: seasonal,
  }));
}

export const COMPONENTS: Component[] = [
  ...town("Osby", OSBY, [
    [0, 0, 350, 0.1],
    [-300, 500, 600, 0.07],
    [400, -450, 550, 0.06],
    [900, 200, 900, 0.05],
  ]),
  ...town("Lönsboda", LONSBODA, [
    [0, 0, 300, 0.06],
    [250, -300, 600, 0.035],
  ]),
  ...town("Killeberg", KILLEBERG, [[0, 0, 250, 0.012]]),
  ...town("Hökön", HOKON, [[0, 0, 200, 0.008]]),
  ...town("Visseltofta", VISSELTOFTA, [[0, 0, 150, 0.004]]),
  ...town("Hästveda", HASTVEDA, [[0, 0, 350, 0.012]]),
  ...town("Hässleholm (norra)", HASSLEHOLM, [[300, 1200, 900, 0.02]]),
  { kind: "blob", name: "Osby resecentrum", centre: offsetLatLon(OSBY, -150, 60), sigma: 25, weight: 0.022, cat: CAT.station, week: flat },
  { kind: "blob", name: "Osby torget", centre: offsetLatLon(OSBY, 120, -20), sigma: 30, weight: 0.02, cat: CAT.square, week: seasonal },
  { kind: "blob", name: "Osby skolområde", centre: offsetLatLon(OSBY, 420, -330), sigma: 45, weight: 0.015, cat: CAT.school, week: schoolTerm },
  { kind: "blob", name: "Osbysjön badplats", centre: offsetLatLon(OSBY, -900, 320), sigma: 35, weight: 0.008, cat: CAT.beach, week: summerOnly },
  { kind: "blob", name: "Osby parken", centre: offsetLatLon(OSBY, -600, -520), sigma: 12, weight: 0.006, cat: CAT.park, week: flat },
  { kind: "blob", name: "Lönsboda centrum", centre: offsetLatLon(LONSBODA, 40, 30), sigma: 25, weight: 0.012, cat: CAT.square, week: emerging },
  { kind: "blob", name: "Killeberg station", centre: offsetLatLon(KILLEBERG, -80, 20), sigma: 20, weight: 0.003, cat: CAT.station, week: flat },
  {
    kind: "corridor",
    name: "Hässleholm–Osby–Killeberg (väg/järnväg)",
    line: [HASSLEHOLM, HASTVEDA, OSBY, KILLEBERG, KOMMUN_NORTH_ON_RAIL],
    sigma: 45,
    weight: 0.105,
    cat: CAT.corridor,
    week: seasonal,
  },
  {
    kind: "corridor",
    name: "Osby–Lönsboda (väg)",
    line: [OSBY, offsetLatLon(OSBY, 8000, 1500), LONSBODA],
    sigma: 30,
    weight: 0.03,
    cat: CAT.corridor,
    week: seasonal,
  },
  { kind: "background", name: "bakgrund (hela kommunen)", weight: 0.19, cat: CAT.background, week: seasonal },
];

// ---------------------------------------------------------------- time model
const DOW = [0.9, 0.9, 1.0, 1.0, 1.3, 1.5, 1.1]; // Mon..Sun
const HOUR = [3, 2, 1.5, 1, 0.6, 0.5, 0.8, 1.5, 2, 2.2, 2.4, 2.6, 2.8, 2.8, 3, 3.4, 4, 4.4, 4.8, 5.4, 6, 6, 5.4, 4.2];
const WEEK1_MONDAY_UTC = Date.UTC(2024, 11, 30); // ISO 2025-W01 starts Monday 2024-12-30
const DST_START = Date.UTC(2025, 2, 30, 1); // CEST from 2025-03-30 01:00 UTC
const DST_END = Date.UTC(2025, 9, 26, 1); // until 2025-10-26 01:00 UTC

function cumulative(ws: readonly number[]): Float64Array {
  const c = new Float64Array(ws.length);
  let s = 0;
  for (let i = 0; i < ws.length; i++) c[i] = s += ws[i];
  for (let i = 0; i < ws.length; i++) c[i] /= s;
  c[ws.length - 1] = 1;
  return c;
}

function pick(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ---------------------------------------------------------------- generation
export interface DatasetMeta {
  generatorVersion: number;
  seed: number;
  n: number;
  bytes: number;
  file: string;
  seconds: number;
  components: Record<string, number>;
  nonEmptyCells: { "100": number; "25": number } | null;
}

export function datasetPath(size: number, dir = DEFAULT_DIR): string {
  return join(dir, `incidents-${sizeLabel(size)}.csv`);
}

export function sizeLabel(n: number): string {
  const e = Math.log10(n);
  return Number.isInteger(e) ? `1e${e}` : String(n);
}

export function parseSize(s: string): number {
  const n = Number(s);
  if (!Number.isFinite(n) || n < 1 || !Number.isInteger(n)) throw new Error(`bad size "${s}"`);
  return n;
}

const SWEREF99TM = "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";

export function generate(n: number, file: string, seed = DEFAULT_SEED, countCells = true): DatasetMeta {
  const t0 = performance.now();
  const rng = makeRng((seed ^ Math.imul(n, 0x27d4eb2d)) >>> 0);
  const gauss = () => {
    // Box–Muller, one value per call (simple; speed is not the point here)
    const u = 1 - rng();
    const v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  const ring = loadBoundary();
  const inside = makePointInPolygon(ring);
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of ring) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }

  const compCum = cumulative(COMPONENTS.map((c) => c.weight));
  const catCum = COMPONENTS.map((c) => cumulative(c.cat));
  const weekCum = COMPONENTS.map((c) => cumulative(Array.from({ length: 52 }, (_, i) => c.week(i + 1))));
  const dowCum = cumulative(DOW);
  const hourCum = cumulative(HOUR);
  // corridors: cumulative segment lengths (in metres, local approximation)
  const corridorSegs = COMPONENTS.map((c) => {
    if (c.kind !== "corridor") return null;
    const lens = c.line.slice(1).map((p, i) => {
      const q = c.line[i];
      const dy = (p[0] - q[0]) * M_PER_DEG_LAT;
      const dx = (p[1] - q[1]) * M_PER_DEG_LAT * Math.cos((q[0] * Math.PI) / 180);
      return Math.hypot(dx, dy);
    });
    return cumulative(lens);
  });
  const counts = new Float64Array(COMPONENTS.length);

  const toTm = proj4("EPSG:4326", SWEREF99TM);
  const cells100 = new Set<number>();
  const cells25 = new Set<number>();

  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  let buf = "lat,lon,ts,category\n";
  let bytes = 0;
  const flush = () => {
    bytes += writeSync(fd, buf);
    buf = "";
  };

  for (let i = 0; i < n; i++) {
    const k = pick(compCum, rng());
    const comp = COMPONENTS[k];
    counts[k]++;
    let lat: number;
    let lon: number;
    if (comp.kind === "blob") {
      [lat, lon] = offsetLatLon(comp.centre, gauss() * comp.sigma, gauss() * comp.sigma);
    } else if (comp.kind === "corridor") {
      const segs = corridorSegs[k] as Float64Array;
      const s = pick(segs, rng());
      const a = comp.line[s];
      const b = comp.line[s + 1];
      const t = rng();
      const pLat = a[0] + (b[0] - a[0]) * t;
      const pLon = a[1] + (b[1] - a[1]) * t;
      // perpendicular offset in metres
      const dy = (b[0] - a[0]) * M_PER_DEG_LAT;
      const dx = (b[1] - a[1]) * M_PER_DEG_LAT * Math.cos((a[0] * Math.PI) / 180);
      const len = Math.hypot(dx, dy);
      const off = gauss() * comp.sigma;
      [lat, lon] = offsetLatLon([pLat, pLon], (-dy / len) * off, (dx / len) * off);
    } else {
      do {
        lon = minLon + (maxLon - minLon) * rng();
        lat = minLat + (maxLat - minLat) * rng();
      } while (!inside(lon, lat));
    }
    const latS = lat.toFixed(6);
    const lonS = lon.toFixed(6);

    const week = pick(weekCum[k], rng()); // 0..51
    const dow = pick(dowCum, rng());
    const hour = pick(hourCum, rng());
    const sec = Math.floor(rng() * 3600);
    const wall = WEEK1_MONDAY_UTC + ((week * 7 + dow) * 24 + hour) * 3_600_000 + sec * 1000;
    let utc = wall - 3_600_000;
    if (utc >= DST_START && utc < DST_END) utc -= 3_600_000;
    const ts = new Date(utc).toISOString();
    const category = CATEGORIES[pick(catCum[k], rng())];
    buf += `${latS},${lonS},${ts.slice(0, 19)}Z,${category}\n`;
    if (buf.length >= 1 << 20) flush();

    if (countCells) {
      const [e, nn] = toTm.forward([Number(lonS), Number(latS)]);
      cells100.add(Math.floor(e / 100) * 1e6 + Math.floor(nn / 100));
      cells25.add(Math.floor(e / 25) * 1e7 + Math.floor(nn / 25));
    }
  }
  flush();
  closeSync(fd);
  renameSync(tmp, file);
  bytes = statSync(file).size;

  const components: Record<string, number> = {};
  COMPONENTS.forEach((c, i) => {
    components[c.name] = counts[i];
  });
  const meta: DatasetMeta = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    n,
    bytes,
    file,
    seconds: (performance.now() - t0) / 1000,
    components,
    nonEmptyCells: countCells ? { "100": cells100.size, "25": cells25.size } : null,
  };
  writeFileSync(file.replace(/\.csv$/, ".meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** Generates the dataset unless a file from the same generator version and seed exists. */
export function ensureDataset(n: number, dir = DEFAULT_DIR, seed = DEFAULT_SEED, force = false): DatasetMeta {
  const file = datasetPath(n, dir);
  const metaFile = file.replace(/\.csv$/, ".meta.json");
  if (!force && existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8")) as DatasetMeta;
    if (meta.generatorVersion === GENERATOR_VERSION && meta.seed === seed && meta.n === n && statSync(file).size === meta.bytes) return meta;
  }
  process.stderr.write(`generating ${n} incidents → ${file}\n`);
  return generate(n, file, seed);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const get = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const sizes = (get("--sizes") ?? "1e4,1e5,1e6,1e7").split(",").map(parseSize);
  const dir = resolve(get("--dir") ?? DEFAULT_DIR);
  const seed = Number(get("--seed") ?? DEFAULT_SEED);
  const force = args.includes("--force");
  for (const n of sizes) {
    const meta = force ? generate(n, datasetPath(n, dir), seed, !args.includes("--no-cells")) : ensureDataset(n, dir, seed);
    process.stdout.write(
      `${sizeLabel(n)}: ${meta.bytes} bytes, ${meta.seconds.toFixed(1)} s, non-empty cells 100 m: ${meta.nonEmptyCells?.["100"] ?? "?"}, 25 m: ${meta.nonEmptyCells?.["25"] ?? "?"}\n`,
    );
  }
}
