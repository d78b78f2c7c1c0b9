/**
 * Kernel density estimation on a regular grid of nodes (SWEREF 99 TM metres).
 *
 *   density(node) = Σᵢ wᵢ · K(dᵢ)      [per m²; wᵢ = 1 without weights]
 *
 * where dᵢ is the distance from the node to point i and K is one of the normalised kernels
 * (each integrates to 1 over the plane, so Σ density · cell area ≈ Σ wᵢ):
 *
 *   quartic       K(d) = 3/(πR²) · (1 − d²/R²)²     for d < R, else 0   (ArcGIS "Kernel Density")
 *   epanechnikov  K(d) = 2/(πR²) · (1 − d²/R²)      for d < R, else 0
 *   disc          K(d) = 1/(πR²)                     for d ≤ R, else 0   (uniform)
 *   gaussian      K(d) = exp(−d²/(2σ²)) / (2πσ²)    (evaluated out to 10σ: beyond that the kernel
 *                                                     is below 2·10⁻²² of its peak)
 *
 * Grid nodes: x = x0 + i·step for i = 0 … nx − 1 and y likewise, with both ends included — when
 * (x1 − x0)/step is a whole number (within 1e-9) the last node is exactly x1, otherwise the last
 * node is the largest x0 + i·step ≤ x1. Output is row-major: y outer, x inner.
 *
 * Each point only visits the nodes within its kernel's support, so the cost is
 * O(points × (support/step)²), independent of the grid size.
 */
import { AnalysisError } from "./errors.ts";

export type KernelName = "quartic" | "epanechnikov" | "disc" | "gaussian";
export const KERNELS: readonly KernelName[] = ["quartic", "epanechnikov", "disc", "gaussian"];

/** Grid of nodes: corners and step in metres. */
export interface KdeGrid {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  step: number;
}

export interface KdeOptions {
  kernel: KernelName;
  /** Radius R (compact kernels), metres. */
  radius?: number;
  /** Standard deviation σ (gaussian), metres. */
  sigma?: number;
  grid: KdeGrid;
}

export interface KdeResult {
  nx: number;
  ny: number;
  /** Node coordinates along each axis. */
  xs: Float64Array;
  ys: Float64Array;
  /** density[j·nx + i] at (xs[i], ys[j]), per m². */
  density: Float64Array;
}

/** The kernel value K(d) for distance² `d2` (per m²). */
export function kernelValue(kernel: KernelName, d2: number, radiusOrSigma: number): number {
  const h = radiusOrSigma;
  const h2 = h * h;
  switch (kernel) {
    case "quartic": {
      if (d2 >= h2) return 0;
      const u = 1 - d2 / h2;
      return (3 / (Math.PI * h2)) * u * u;
    }
    case "epanechnikov":
      return d2 >= h2 ? 0 : (2 / (Math.PI * h2)) * (1 - d2 / h2);
    case "disc":
      return d2 <= h2 ? 1 / (Math.PI * h2) : 0;
    case "gaussian":
      return Math.exp(-d2 / (2 * h2)) / (2 * Math.PI * h2);
  }
}

function axis(a0: number, a1: number, step: number): Float64Array {
  const span = a1 - a0;
  const k = Math.round(span / step);
  const exact = Math.abs(k * step - span) <= 1e-9 * Math.max(1, Math.abs(span), Math.abs(step));
  const n = exact ? k + 1 : Math.floor(span / step) + 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a0 + i * step;
  if (exact) out[n - 1] = a1;
  return out;
}

/** Throws {@link AnalysisError} for unusable options; returns the kernel's scale (R or σ). */
export function validateKdeOptions(o: KdeOptions): number {
  if (!KERNELS.includes(o.kernel)) {
    throw new AnalysisError(`okänd kärna "${o.kernel}" (välj ${KERNELS.join(", ")})`);
  }
  const h = o.kernel === "gaussian" ? o.sigma : o.radius;
  if (h === undefined || !Number.isFinite(h) || h <= 0) {
    throw new AnalysisError(o.kernel === "gaussian" ? "gaussisk kärna kräver --sigma > 0 (meter)" : `kärnan ${o.kernel} kräver --radius > 0 (meter)`);
  }
  const g = o.grid;
  if (![g.x0, g.y0, g.x1, g.y1, g.step].every(Number.isFinite) || g.step <= 0 || g.x1 < g.x0 || g.y1 < g.y0) {
    throw new AnalysisError("rutnätet måste anges som x0,y0,x1,y1,steg med x1 ≥ x0, y1 ≥ y0 och steg > 0");
  }
  const cells = (Math.floor((g.x1 - g.x0) / g.step) + 1) * (Math.floor((g.y1 - g.y0) / g.step) + 1);
  if (cells > 50_000_000) throw new AnalysisError(`rutnätet har för många noder (${cells}); öka steget`);
  return h;
}

/** Kernel density of points (x, y in metres, optional weights) on the grid (see module comment). */
export function kernelDensity(x: Float64Array, y: Float64Array, weight: Float64Array | undefined, o: KdeOptions): KdeResult {
  const h = validateKdeOptions(o);
  const xs = axis(o.grid.x0, o.grid.x1, o.grid.step);
  const ys = axis(o.grid.y0, o.grid.y1, o.grid.step);
  const nx = xs.length;
  const ny = ys.length;
  const density = new Float64Array(nx * ny);
  const support = o.kernel === "gaussian" ? 10 * h : h;
  const h2 = h * h;
  const step = o.grid.step;
  const kernel = o.kernel;
  const norm =
    kernel === "quartic"
      ? 3 / (Math.PI * h2)
      : kernel === "epanechnikov"
        ? 2 / (Math.PI * h2)
        : kernel === "disc"
          ? 1 / (Math.PI * h2)
          : 1 / (2 * Math.PI * h2);
  const support2 = support * support;
  for (let p = 0; p < x.length; p++) {
    const px = x[p];
    const py = y[p];
    const w = weight ? weight[p] : 1;
    if (!Number.isFinite(px) || !Number.isFinite(py) || !Number.isFinite(w)) continue;
    const i0 = Math.max(0, Math.ceil((px - support - o.grid.x0) / step) - 1);
    const i1 = Math.min(nx - 1, Math.floor((px + support - o.grid.x0) / step) + 1);
    const j0 = Math.max(0, Math.ceil((py - support - o.grid.y0) / step) - 1);
    const j1 = Math.min(ny - 1, Math.floor((py + support - o.grid.y0) / step) + 1);
    for (let j = j0; j <= j1; j++) {
      const dy = ys[j] - py;
      const dy2 = dy * dy;
      if (dy2 > support2) continue;
      const row = j * nx;
      for (let i = i0; i <= i1; i++) {
        const dx = xs[i] - px;
        const d2 = dx * dx + dy2;
        let k: number;
        if (kernel === "quartic") {
          if (d2 >= h2) continue;
          const u = 1 - d2 / h2;
          k = norm * u * u;
        } else if (kernel === "epanechnikov") {
          if (d2 >= h2) continue;
          k = norm * (1 - d2 / h2);
        } else if (kernel === "disc") {
          if (d2 > h2) continue;
          k = norm;
        } else {
          if (d2 > support2) continue;
          k = norm * Math.exp(-d2 / (2 * h2));
        }
        density[row + i] += w * k;
      }
    }
  }
  return { nx, ny, xs, ys, density };
}
