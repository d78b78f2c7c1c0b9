/**
 * Fixed-distance-band neighbours with exact ties.
 *
 * Convention (R spdep `dnearneigh(coords, 0, band)`, spdep 1.2-x, and ArcGIS "fixed distance
 * band"): j ≠ i is a neighbour of i when
 *
 *   dist(i, j) ≤ band,   dist = hypot(xᵢ − xⱼ, yᵢ − yⱼ)   (inclusive at the band)
 *
 * spdep evaluates the distance with C's `hypot`, i.e. the exact distance rounded to the nearest
 * double, and compares that with the band. We decide the same comparison exactly:
 *
 *   round(√D) ≤ b  ⇔  D < (b + ½ulp(b))²,  or  D = (b + ½ulp(b))² and b has an even last bit
 *
 * where D = dx² + dy² is evaluated exactly (BigInt on the doubles' integer mantissas) whenever the
 * floating-point value of D lies within 1e-10 of b² — so a distance that equals the band
 * (a 3-4-5 triangle, cell offsets (3,4)·100 m against a 500 m band, …) is always included, and a
 * distance just beyond it never is, independent of rounding in dx² + dy². Away from the band the
 * plain double comparison is already exact in outcome.
 *
 * Two points at the same location (distance 0) are neighbours of each other: spdep 1.2's default
 * `bounds = c("GE", "LE")` tests `d >= 0`. (Grid cell centroids are distinct, so this matters only
 * for pre-aggregated input with duplicate coordinates.)
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** A finite double as m · 2^e with integer m (BigInt, may be negative or 0). */
function decompose(x: number): { m: bigint; e: number } {
  if (x === 0) return { m: 0n, e: 0 };
  F64[0] = x;
  const lo = U32[0];
  const hi = U32[1];
  const sign = hi >>> 31 ? -1n : 1n;
  const expBits = (hi >>> 20) & 0x7ff;
  const mantHi = hi & 0xfffff;
  let m = (BigInt(mantHi) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) {
    e = -1074; // subnormal
  } else {
    m |= 1n << 52n;
    e = expBits - 1075;
  }
  return { m: sign * m, e };
}

/**
 * Exact test: is the correctly rounded value of √(dx² + dy²) ≤ band? `dx`, `dy`, `band` are the
 * doubles as given (no further rounding is introduced).
 */
export function withinBandExact(dx: number, dy: number, band: number): boolean {
  const a = decompose(dx);
  const b = decompose(dy);
  const c = decompose(band);
  // Upper midpoint of band: (2·mc + 1) · 2^(ec − 1); its square: (2mc+1)² · 2^(2ec − 2).
  const cm = 2n * c.m + 1n;
  const e0 = Math.min(2 * a.e, 2 * b.e, 2 * c.e - 2);
  const d = a.m * a.m * (1n << BigInt(2 * a.e - e0)) + b.m * b.m * (1n << BigInt(2 * b.e - e0));
  const lim = cm * cm * (1n << BigInt(2 * c.e - 2 - e0));
  if (d < lim) return true;
  if (d > lim) return false;
  return (c.m & 1n) === 0n; // exactly at the midpoint: round half to even
}

/** Same as {@link withinBandExact} for the distance between grid cells k cells apart: √(k2)·cell. */
function gridWithinBandExact(k2: number, cell: number, band: number): boolean {
  const c = decompose(cell);
  const b = decompose(band);
  const bm = 2n * b.m + 1n;
  const e0 = Math.min(2 * c.e, 2 * b.e - 2);
  const d = BigInt(k2) * c.m * c.m * (1n << BigInt(2 * c.e - e0));
  const lim = bm * bm * (1n << BigInt(2 * b.e - 2 - e0));
  if (d < lim) return true;
  if (d > lim) return false;
  return (b.m & 1n) === 0n;
}

/** Is the distance with components (dx, dy) within the band? Fast double test, exact near the band. */
export function withinBand(dx: number, dy: number, band: number, band2: number): boolean {
  const d2 = dx * dx + dy * dy;
  if (d2 < band2 * (1 - 1e-10)) return true;
  if (d2 > band2 * (1 + 1e-10)) return false;
  return withinBandExact(dx, dy, band);
}

/**
 * The neighbourhood stencil of a regular grid: the integer cell offsets (kx, ky) ≠ (0, 0) whose
 * centroid distance √(kx² + ky²)·cell is within the band (exact ties, see module comment).
 * Returned per row: for ky = −r…r, `half[ky + r]` is the largest |kx| in the band (−1 if the row
 * is empty); the band is a disc, so each row is the contiguous run −half…half.
 */
export interface GridStencil {
  /** Row radius r = largest |ky| with a non-empty row. */
  r: number;
  /** half[ky + r] = largest kx ≥ 0 with (kx, ky) in the band, −1 if none. */
  half: Int32Array;
  /** Number of offsets in the stencil, excluding (0, 0). */
  size: number;
}

/** Build the {@link GridStencil} for `cell` and `band` (both in metres, band ≥ cell not required). */
export function gridStencil(cell: number, band: number): GridStencil {
  const inBand = (k2: number): boolean => {
    const d2 = k2 * cell * cell;
    const b2 = band * band;
    if (d2 < b2 * (1 - 1e-10)) return true;
    if (d2 > b2 * (1 + 1e-10)) return false;
    return gridWithinBandExact(k2, cell, band);
  };
  let r = Math.floor(band / cell) + 1;
  while (r > 0 && !inBand(r * r)) r--;
  const half = new Int32Array(2 * r + 1);
  let size = 0;
  for (let ky = -r; ky <= r; ky++) {
    let h = r;
    while (h >= 0 && !inBand(h * h + ky * ky)) h--;
    half[ky + r] = h;
    size += 2 * h + 1;
  }
  size -= 1; // (0, 0)
  return { r, half, size };
}

/** Neighbour lists in compressed-row form: neighbours of i are idx[start[i] … start[i+1]). */
export interface NeighbourLists {
  start: Int32Array;
  idx: Int32Array;
}

/**
 * All pairs within `band` among arbitrary points (x, y in metres), self excluded, exact ties.
 * Points are bucketed on a grid of side `band`, so each point is compared with the points of 3×3
 * buckets. Neighbour indices are ascending per point (as spdep's).
 */
export function pointBandNeighbours(x: Float64Array, y: Float64Array, band: number): NeighbourLists {
  const n = x.length;
  const band2 = band * band;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (y[i] < minY) minY = y[i];
  }
  // Buckets slightly larger than the band, so that two points within the band are never more
  // than one bucket apart whatever the rounding of (x − minX)/size.
  const size = band * (1 + 1e-9);
  const bx = new Int32Array(n);
  const by = new Int32Array(n);
  const buckets = new Map<number, number[]>();
  const key = (a: number, b: number): number => a * 67108864 + b;
  for (let i = 0; i < n; i++) {
    const qx = Math.floor((x[i] - minX) / size);
    const qy = Math.floor((y[i] - minY) / size);
    if (!(qx < 67108863 && qy < 67108863)) throw new RangeError("avståndsbandet är för litet i förhållande till punkternas utbredning");
    bx[i] = qx;
    by[i] = qy;
    const k = key(bx[i], by[i]);
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  }
  const start = new Int32Array(n + 1);
  let out: number[] = [];
  const tmp: number[] = [];
  for (let i = 0; i < n; i++) {
    start[i] = out.length;
    tmp.length = 0;
    for (let dbx = -1; dbx <= 1; dbx++) {
      for (let dby = -1; dby <= 1; dby++) {
        const list = buckets.get(key(bx[i] + dbx, by[i] + dby));
        if (!list) continue;
        for (const j of list) {
          if (j === i) continue;
          if (withinBand(x[i] - x[j], y[i] - y[j], band, band2)) tmp.push(j);
        }
      }
    }
    tmp.sort((a, b) => a - b);
    for (const j of tmp) out.push(j);
    if (out.length > 50_000_000) throw new Error("för många grannpar: minska avståndsbandet");
  }
  start[n] = out.length;
  const idx = Int32Array.from(out);
  out = [];
  return { start, idx };
}
