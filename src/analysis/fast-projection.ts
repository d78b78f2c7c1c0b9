/**
 * Fast forward projection to SWEREF 99 TM for bulk data (millions of points).
 *
 * The exact Krüger evaluation ({@link latLonToSweref}) costs five or six transcendental calls
 * per point — about 100 ns in V8, a second for 10⁷ incidents. For bulk work we evaluate a
 * piecewise polynomial that interpolates the Krüger series instead:
 *
 *   The accepted area (52–72° N, 5–30° E) is divided into tiles of 1/8° latitude × 1/4° longitude
 *   (≈ 14 km × 15 km at 56° N). On a tile with centre (φc, λc) we use local coordinates
 *   u = (φ − φc)/hφ, v = (λ − λc)/hλ ∈ [−1, 1] (hφ = 1/16°, hλ = 1/8°), take the tensor-product
 *   Chebyshev interpolant of degree 4 in each variable,
 *
 *     N(u, v) ≈ Σᵢ Σⱼ cᵢⱼ Tᵢ(u) Tⱼ(v),  i, j = 0…4,
 *     cᵢⱼ = (2/5)² Σₐ Σ_b N(uₐ, v_b) Tᵢ(uₐ) Tⱼ(v_b)   (halved for i = 0 and for j = 0),
 *
 *   at the Chebyshev nodes uₐ = cos((2a + 1)π/10), rewrite it in monomials a_kl u^k v^l and keep
 *   the 15 terms of total degree k + l ≤ 4 (the dropped mixed terms are below 10⁻⁷ m). Same for E.
 *   Tiles are built lazily on first use (25 exact evaluations each, ≈ 10 µs), so a municipality
 *   touches a handful and all of Sweden about 6 500.
 *
 * Measured over the whole accepted area (projection.test.ts, 10⁵ random points) the polynomial
 * agrees with the exact series to better than 2·10⁻⁷ m — four orders of magnitude below the
 * accuracy of the Krüger series itself; only a point within a fraction of a micrometre of a cell
 * edge can fall in the neighbouring cell compared with the exact evaluation. Cost: ≈ 20 ns per
 * point.
 *
 * Points outside the accepted area (projection.ts `ACCEPTED_AREA`, edges included) and NaN input
 * give NaN — so the projector doubles as the range check of the bulk pipeline.
 */
import { ACCEPTED_AREA, latLonToSweref } from "./projection.ts";

const LAT0 = ACCEPTED_AREA.minLat;
const LON0 = ACCEPTED_AREA.minLon;
const LAT1 = ACCEPTED_AREA.maxLat;
const LON1 = ACCEPTED_AREA.maxLon;
const TILES_PER_DEG_LAT = 8;
const TILES_PER_DEG_LON = 4;
/** Tile table: rows (latitude) × columns (longitude); tile (row, col) at index row·N_COLS + col. */
export const TILE_ROWS = (ACCEPTED_AREA.maxLat - ACCEPTED_AREA.minLat) * TILES_PER_DEG_LAT;
export const TILE_COLS = (ACCEPTED_AREA.maxLon - ACCEPTED_AREA.minLon) * TILES_PER_DEG_LON;
const N_ROWS = TILE_ROWS;
const N_COLS = TILE_COLS;
const DEG = 4; // polynomial degree per variable
const K = DEG + 1;
/** Coefficients per tile: N then E, monomial a[k·5 + l] for u^k v^l (terms with k + l > 4 are 0). */
export const TILE_COEFS = 2 * K * K;
const COEFS = TILE_COEFS;

/** Tile (row, col) of a point inside the accepted area (the closed upper edges use the last tile). */
export function tileOf(lat: number, lon: number): { row: number; col: number } {
  return {
    row: Math.min(Math.floor((lat - ACCEPTED_AREA.minLat) * TILES_PER_DEG_LAT), TILE_ROWS - 1),
    col: Math.min(Math.floor((lon - ACCEPTED_AREA.minLon) * TILES_PER_DEG_LON), TILE_COLS - 1),
  };
}

/** Chebyshev nodes on [−1, 1] and the monomial expansion of T₀…T₄. */
const NODES = Array.from({ length: K }, (_, a) => Math.cos(((2 * a + 1) * Math.PI) / (2 * K)));
const CHEB_TO_MONO: number[][] = (() => {
  // Row i: coefficients of T_i(u) in powers u^0…u^DEG.
  const t: number[][] = [];
  for (let i = 0; i < K; i++) t.push(new Array<number>(K).fill(0));
  t[0][0] = 1;
  if (K > 1) t[1][1] = 1;
  for (let i = 2; i < K; i++) {
    for (let k = 0; k < K; k++) {
      t[i][k] = (k > 0 ? 2 * t[i - 1][k - 1] : 0) - t[i - 2][k];
    }
  }
  return t;
})();
function chebT(i: number, x: number): number {
  return Math.cos(i * Math.acos(x));
}

/**
 * Monomial coefficients of tile (row, col): 50 numbers, N at k·5 + l and E at 25 + k·5 + l for
 * u^k v^l (terms with k + l > 4 are 0). See the module comment.
 */
export function tileCoefficients(row: number, col: number): Float64Array {
  const latC = LAT0 + (row + 0.5) / TILES_PER_DEG_LAT;
  const lonC = LON0 + (col + 0.5) / TILES_PER_DEG_LON;
  const hLat = 0.5 / TILES_PER_DEG_LAT;
  const hLon = 0.5 / TILES_PER_DEG_LON;
  const fN: number[][] = [];
  const fE: number[][] = [];
  for (let a = 0; a < K; a++) {
    fN.push([]);
    fE.push([]);
    for (let b = 0; b < K; b++) {
      const p = latLonToSweref(latC + hLat * NODES[a], lonC + hLon * NODES[b]);
      fN[a].push(p.n);
      fE[a].push(p.e);
    }
  }
  const coefs = new Float64Array(COEFS);
  for (let which = 0; which < 2; which++) {
    const f = which === 0 ? fN : fE;
    // Chebyshev coefficients c[i][j].
    const c: number[][] = [];
    for (let i = 0; i < K; i++) {
      c.push([]);
      for (let j = 0; j < K; j++) {
        let s = 0;
        for (let a = 0; a < K; a++) {
          const ti = chebT(i, NODES[a]);
          for (let b = 0; b < K; b++) s += f[a][b] * ti * chebT(j, NODES[b]);
        }
        s *= (2 / K) * (2 / K);
        if (i === 0) s /= 2;
        if (j === 0) s /= 2;
        c[i].push(s);
      }
    }
    // Monomial coefficients a[k][l] = Σ_ij M[i][k] c[i][j] M[j][l].
    for (let k = 0; k < K; k++) {
      for (let l = 0; l < K; l++) {
        let s = 0;
        for (let i = k; i < K; i++) {
          const mik = CHEB_TO_MONO[i][k];
          if (mik === 0) continue;
          for (let j = l; j < K; j++) s += mik * c[i][j] * CHEB_TO_MONO[j][l];
        }
        coefs[which * K * K + k * K + l] = k + l <= DEG ? s : 0;
      }
    }
  }
  return coefs;
}

/** Lazily built tile table. One per thread; tiles are never evicted (≤ 256 KB per 1000 tiles). */
export interface SwerefProjector {
  /** Project `lat[i], lon[i]` (degrees) into `outN[i], outE[i]` (metres) for i in [start, end). */
  project(lat: Float64Array, lon: Float64Array, outN: Float64Array, outE: Float64Array, start: number, end: number): void;
  /** Number of tiles built so far. */
  tileCount(): number;
}

/** Create a fast SWEREF 99 TM projector (see module comment for the method and its accuracy). */
export function createSwerefProjector(): SwerefProjector {
  const tileIndex = new Int32Array(N_ROWS * N_COLS).fill(-1);
  const tiles: Float64Array[] = [];

  function buildTile(row: number, col: number): number {
    tileIndex[row * N_COLS + col] = tiles.length;
    tiles.push(tileCoefficients(row, col));
    return tiles.length - 1;
  }

  function project(lat: Float64Array, lon: Float64Array, outN: Float64Array, outE: Float64Array, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const la = lat[i];
      const lo = lon[i];
      // Outside the accepted area (or NaN): NaN out. The closed upper edges use the last tile.
      if (!(la >= LAT0 && la <= LAT1 && lo >= LON0 && lo <= LON1)) {
        outN[i] = Number.NaN;
        outE[i] = Number.NaN;
        continue;
      }
      const y = (la - LAT0) * TILES_PER_DEG_LAT;
      const x = (lo - LON0) * TILES_PER_DEG_LON;
      const row = Math.min(Math.floor(y), N_ROWS - 1);
      const col = Math.min(Math.floor(x), N_COLS - 1);
      let t = tileIndex[row * N_COLS + col];
      if (t < 0) t = buildTile(row, col);
      const c = tiles[t];
      const u = 2 * (y - row) - 1;
      const v = 2 * (x - col) - 1;
      const uv = u * v;
      // Σ a_kl u^k v^l over k + l ≤ 4, a_kl at index k·5 + l (E at +25).
      const n =
        c[0] +
        u * (c[5] + u * (c[10] + u * (c[15] + u * c[20]))) +
        v * (c[1] + v * (c[2] + v * (c[3] + v * c[4]))) +
        uv * (c[6] + u * (c[11] + c[16] * u) + v * (c[7] + c[8] * v) + c[12] * uv);
      const e =
        c[25] +
        u * (c[30] + u * (c[35] + u * (c[40] + u * c[45]))) +
        v * (c[26] + v * (c[27] + v * (c[28] + v * c[29]))) +
        uv * (c[31] + u * (c[36] + c[41] * u) + v * (c[32] + c[33] * v) + c[37] * uv);
      outN[i] = n;
      outE[i] = e;
    }
  }

  return { project, tileCount: () => tiles.length };
}
