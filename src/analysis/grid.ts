/**
 * Square grid cells in SWEREF 99 TM metres.
 *
 *   ix = ⌊E / cell⌋,  iy = ⌊N / cell⌋,  cell id "<ix>_<iy>",
 *   centroid (E, N) = ((ix + ½)·cell, (iy + ½)·cell).
 *
 * {@link CellAccumulator} counts points (and sums weights) per cell without knowing the extent in
 * advance. It stores cells in 16 × 16 blocks found through a small open-addressing hash of the
 * block coordinates (it stays in cache), with one 8-bit counter per cell; a counter that wraps
 * past 255 adds 256 to a side map, so a busy cell costs one map update per 256 points. A batch of
 * points is first turned into counter slots, and when the counters outgrow the L2 cache (a
 * million cells at 25 m) the increments are grouped by region of the counter array (one
 * counting-sort pass), so they hit the cache instead of main memory. If the points turn out to be
 * very sparse (blocks mostly empty), it switches to one open-addressing hash keyed by (ix, iy).
 * Either way the result ({@link GridCells}) lists the non-empty cells in row-major order (by iy,
 * then ix), which is the order of every output of the engine.
 */
import { argsortRowMajor } from "./sort.ts";

/** Smallest accepted cell size, metres (keeps ix, iy well inside 32-bit integers). */
export const MIN_CELL_SIZE = 0.01;

/** Non-empty cells of a grid, sorted row-major (iy, then ix). */
export interface GridCells {
  cellSize: number;
  ix: Int32Array;
  iy: Int32Array;
  /** Number of points per cell. */
  count: Int32Array;
  /** Sum of weights per cell, when weights were given. */
  sum?: Float64Array;
}

/** `"<ix>_<iy>"`. */
export function cellId(ix: number, iy: number): string {
  return `${ix}_${iy}`;
}

/** Inverse of {@link cellId}; undefined when `id` is not of that form. */
export function parseCellId(id: string): { ix: number; iy: number } | undefined {
  const m = /^(-?\d+)_(-?\d+)$/.exec(id);
  return m ? { ix: Number(m[1]), iy: Number(m[2]) } : undefined;
}

/** Cell index along one axis: ⌊v / cell⌋. */
export function cellIndex(v: number, cell: number): number {
  return Math.floor(v / cell);
}

/** Centroid coordinate of cell index i: (i + ½)·cell. */
export function cellCentre(i: number, cell: number): number {
  return (i + 0.5) * cell;
}

const SHIFT = 4;
const SIDE = 1 << SHIFT; // 16
const MASK = SIDE - 1;
const BLOCK = SIDE * SIDE; // 256
const EMPTY = -2147483648; // never a valid cell or block coordinate

function hash2(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (b >>> 16), 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}

function newDirectory(slots: number): Int32Array {
  const d = new Int32Array(3 * slots);
  for (let i = 0; i < d.length; i += 3) d[i] = EMPTY;
  return d;
}

/** Accumulates point counts (and weight sums) per grid cell. See the module comment. */
export class CellAccumulator {
  readonly cellSize: number;
  readonly weighted: boolean;
  /** Points added so far. */
  points = 0;
  private sparse = false;
  // Block mode.
  /** Block directory: open addressing, slot h = [bx, by, block] at 3h (one cache line per probe). */
  private dir: Int32Array;
  private dirMask: number;
  private blocks = 0;
  /**
   * Block-mode counts, 8 bits per cell (a million cells fit in the L2 cache); each wrap past 255
   * adds 256 to `overflow`, so busy cells cost one Map update per 256 points.
   */
  private counts: Uint8Array;
  private overflow = new Map<number, number>();
  private slots = new Int32Array(0);
  private sorted = new Int32Array(0);
  private wrapped = new Int32Array(0);
  private readonly hist = new Int32Array(257);
  private sums: Float64Array;
  private lastBx = EMPTY;
  private lastBy = EMPTY;
  private lastBase = 0;
  // Sparse (hash) mode.
  private hx: Int32Array = new Int32Array(0);
  private hy: Int32Array = new Int32Array(0);
  private hc: Int32Array = new Int32Array(0);
  private hs: Float64Array = new Float64Array(0);
  private hMask = 0;
  private hUsed = 0;

  constructor(cellSize: number, weighted: boolean) {
    this.cellSize = cellSize;
    this.weighted = weighted;
    this.dirMask = 1023;
    this.dir = newDirectory(1024);
    this.counts = new Uint8Array(BLOCK * 64);
    this.sums = new Float64Array(weighted ? BLOCK * 64 : 0);
  }

  /**
   * Bin points given in SWEREF 99 TM (`north[i]`, `east[i]`), i in [start, end). `weight`
   * (optional) is summed per cell. Points with a NaN coordinate are not binned; their number is
   * returned.
   */
  addPoints(north: Float64Array, east: Float64Array, weight: Float64Array | undefined, start: number, end: number): number {
    const cell = this.cellSize;
    let nan = 0;
    if (this.sparse || weight !== undefined || this.weighted) {
      for (let i = start; i < end; i++) {
        const fx = Math.floor(east[i] / cell);
        const fy = Math.floor(north[i] / cell);
        if (Number.isNaN(fx) || Number.isNaN(fy)) {
          nan++;
          continue;
        }
        this.add(fx | 0, fy | 0, weight === undefined ? 1 : weight[i]);
      }
      return nan;
    }
    // Unweighted block mode, the hot path. First the slot of every point (the directory probe is
    // inlined; the directory is small and stays in cache), then the increments, grouped by region
    // of the counts array so that they hit the cache instead of main memory (applySlots).
    if (this.slots.length < end - start) this.slots = new Int32Array(end - start);
    const slots = this.slots;
    let m = 0;
    let dir = this.dir;
    let dirMask = this.dirMask;
    let lastBx = this.lastBx;
    let lastBy = this.lastBy;
    let lastBase = this.lastBase;
    for (let i = start; i < end; i++) {
      const fx = Math.floor(east[i] / cell);
      const fy = Math.floor(north[i] / cell);
      if (Number.isNaN(fx) || Number.isNaN(fy)) {
        nan++;
        continue;
      }
      const ix = fx | 0;
      const iy = fy | 0;
      const bx = ix >> SHIFT;
      const by = iy >> SHIFT;
      if (bx !== lastBx || by !== lastBy) {
        let h = hash2(bx, by) & dirMask;
        let base = -1;
        for (;;) {
          const x = dir[3 * h];
          if (x === EMPTY) break;
          if (x === bx && dir[3 * h + 1] === by) {
            base = dir[3 * h + 2] * BLOCK;
            break;
          }
          h = (h + 1) & dirMask;
        }
        if (base < 0) {
          // A new block: apply what we have first (creating it may switch to sparse mode).
          this.applyPending(m);
          m = 0;
          base = this.blockBase(bx, by);
          if (base < 0) {
            // Switched to sparse mode: finish generically.
            this.lastBx = EMPTY;
            this.lastBy = EMPTY;
            return this.addPoints(north, east, weight, i, end) + nan;
          }
          dir = this.dir;
          dirMask = this.dirMask;
        }
        lastBx = bx;
        lastBy = by;
        lastBase = base;
      }
      slots[m++] = lastBase + (((iy & MASK) << SHIFT) | (ix & MASK));
    }
    this.applyPending(m);
    this.lastBx = lastBx;
    this.lastBy = lastBy;
    this.lastBase = lastBase;
    return nan;
  }

  /** Increment the counts of slots[0 … m). */
  private applyPending(m: number): void {
    if (m === 0) return;
    this.points += m;
    if (this.sorted.length < m) this.sorted = new Int32Array(this.slots.length);
    if (this.wrapped.length < m) this.wrapped = new Int32Array(this.slots.length);
    const over = applySlots(this.slots, m, this.counts, this.blocks * BLOCK, this.sorted, this.hist, this.wrapped);
    for (let i = 0; i < over; i++) this.overflowed(this.wrapped[i]);
  }

  /** Add one point in cell (ix, iy) with weight w. */
  add(ix: number, iy: number, w: number): void {
    this.points++;
    if (this.sparse) {
      this.hashAdd(ix, iy, 1, w);
      return;
    }
    const bx = ix >> SHIFT;
    const by = iy >> SHIFT;
    let base: number;
    if (bx === this.lastBx && by === this.lastBy) base = this.lastBase;
    else {
      base = this.blockBase(bx, by);
      if (base < 0) {
        // Switched to sparse mode inside blockBase.
        this.hashAdd(ix, iy, 1, w);
        return;
      }
      this.lastBx = bx;
      this.lastBy = by;
      this.lastBase = base;
    }
    const k = base + (((iy & MASK) << SHIFT) | (ix & MASK));
    if (++this.counts[k] === 256) this.overflowed(k);
    if (this.weighted) this.sums[k] += w;
  }

  private overflowed(k: number): void {
    this.overflow.set(k, (this.overflow.get(k) ?? 0) + 256);
  }

  /** Base offset of block (bx, by) in `counts`, creating it; −1 after switching to sparse mode. */
  private blockBase(bx: number, by: number): number {
    const dir = this.dir;
    let h = hash2(bx, by) & this.dirMask;
    for (;;) {
      const x = dir[3 * h];
      if (x === EMPTY) break;
      if (x === bx && dir[3 * h + 1] === by) return dir[3 * h + 2] * BLOCK;
      h = (h + 1) & this.dirMask;
    }
    // New block. Too sparse? (more than 2^20 cells allocated and fewer than 1 point per 8 cells)
    if ((this.blocks + 1) * BLOCK > 8 * this.points + (1 << 20)) {
      this.toSparse();
      return -1;
    }
    const b = this.blocks++;
    dir[3 * h] = bx;
    dir[3 * h + 1] = by;
    dir[3 * h + 2] = b;
    if ((b + 1) * BLOCK > this.counts.length) {
      const grown = new Uint8Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
      if (this.weighted) {
        const gs = new Float64Array(this.sums.length * 2);
        gs.set(this.sums);
        this.sums = gs;
      }
    }
    if (this.blocks * 2 > this.dirMask + 1) this.growDirectory();
    return b * BLOCK;
  }

  private growDirectory(): void {
    const old = this.dir;
    const cap = (this.dirMask + 1) * 2;
    this.dirMask = cap - 1;
    const dir = newDirectory(cap);
    this.dir = dir;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i] === EMPTY) continue;
      let h = hash2(old[i], old[i + 1]) & this.dirMask;
      while (dir[3 * h] !== EMPTY) h = (h + 1) & this.dirMask;
      dir[3 * h] = old[i];
      dir[3 * h + 1] = old[i + 1];
      dir[3 * h + 2] = old[i + 2];
    }
  }

  private toSparse(): void {
    const cells = this.extractBlocks();
    this.sparse = true;
    const cap = Math.max(1024, 1 << Math.ceil(Math.log2(cells.ix.length * 2 + 2)));
    this.allocHash(cap);
    for (let i = 0; i < cells.ix.length; i++) {
      this.hashAdd(cells.ix[i], cells.iy[i], cells.count[i], cells.sum ? cells.sum[i] : 0);
    }
    this.counts = new Uint8Array(0);
    this.sums = new Float64Array(0);
    this.dir = new Int32Array(0);
    this.overflow = new Map();
  }

  private allocHash(cap: number): void {
    this.hMask = cap - 1;
    this.hx = new Int32Array(cap).fill(EMPTY);
    this.hy = new Int32Array(cap);
    this.hc = new Int32Array(cap);
    this.hs = new Float64Array(this.weighted ? cap : 0);
    this.hUsed = 0;
  }

  private hashAdd(ix: number, iy: number, count: number, w: number): void {
    let h = hash2(ix, iy) & this.hMask;
    for (;;) {
      const x = this.hx[h];
      if (x === EMPTY) break;
      if (x === ix && this.hy[h] === iy) {
        this.hc[h] += count;
        if (this.weighted) this.hs[h] += w;
        return;
      }
      h = (h + 1) & this.hMask;
    }
    this.hx[h] = ix;
    this.hy[h] = iy;
    this.hc[h] = count;
    if (this.weighted) this.hs[h] = w;
    if (++this.hUsed * 2 > this.hMask + 1) {
      const ox = this.hx;
      const oy = this.hy;
      const oc = this.hc;
      const os = this.hs;
      this.allocHash((this.hMask + 1) * 2);
      for (let i = 0; i < ox.length; i++) {
        if (ox[i] !== EMPTY) this.hashAdd(ox[i], oy[i], oc[i], this.weighted ? os[i] : 0);
      }
    }
  }

  /** The non-empty cells, row-major. The accumulator can keep being used afterwards. */
  result(): GridCells {
    return this.sparse ? this.extractHash() : this.extractBlocks();
  }

  private extractBlocks(): GridCells {
    const nb = this.blocks;
    const bxs = new Int32Array(nb);
    const bys = new Int32Array(nb);
    for (let i = 0; i <= this.dirMask; i++) {
      if (this.dir[3 * i] === EMPTY) continue;
      const b = this.dir[3 * i + 2];
      bxs[b] = this.dir[3 * i];
      bys[b] = this.dir[3 * i + 1];
    }
    const order = argsortRowMajor(bys, bxs);
    // Counts that wrapped past 255 (busy cells) get their multiples of 256 back from `extra`.
    const total = nb * BLOCK;
    const extra = new Int32Array(total);
    for (const [k, v] of this.overflow) extra[k] = v;
    const n = countNonEmpty(this.counts, extra, total);
    const ix = new Int32Array(n);
    const iy = new Int32Array(n);
    const count = new Int32Array(n);
    const sum = this.weighted ? new Float64Array(n) : undefined;
    fillRowMajor(this.counts, extra, this.weighted ? this.sums : undefined, order, bxs, bys, ix, iy, count, sum);
    return sum ? { cellSize: this.cellSize, ix, iy, count, sum } : { cellSize: this.cellSize, ix, iy, count };
  }

  private extractHash(): GridCells {
    const n = this.hUsed;
    const ix = new Int32Array(n);
    const iy = new Int32Array(n);
    const count = new Int32Array(n);
    const sum = this.weighted ? new Float64Array(n) : undefined;
    let k = 0;
    for (let i = 0; i <= this.hMask; i++) {
      if (this.hx[i] === EMPTY) continue;
      ix[k] = this.hx[i];
      iy[k] = this.hy[i];
      count[k] = this.hc[i];
      if (sum) sum[k] = this.hs[i];
      k++;
    }
    return permuteCells({ cellSize: this.cellSize, ix, iy, count, sum }, argsortRowMajor(iy, ix));
  }
}

/**
 * counts[slot]++ for slots[0 … m), as 8-bit counters; the slots whose counter wrapped past 255
 * are written to `wrapped`, and their number returned.
 * Large batches are first bucketed by the slot's high bits (one counting-sort pass into `sorted`)
 * so that the increments walk the counts array region by region: with a million cells the array
 * is larger than the L2 cache, and random increments would each miss it.
 */
function applySlots(slots: Int32Array, m: number, counts: Uint8Array, total: number, sorted: Int32Array, hist: Int32Array, wrapped: Int32Array): number {
  let wraps = 0;
  if (m < 4096 || total <= 1 << 19) {
    for (let i = 0; i < m; i++) {
      const k = slots[i];
      if (++counts[k] === 256) wrapped[wraps++] = k;
    }
    return wraps;
  }
  let shift = 0;
  while (total >>> shift > 256) shift++;
  hist.fill(0);
  for (let i = 0; i < m; i++) hist[(slots[i] >>> shift) + 1]++;
  for (let b = 1; b < 257; b++) hist[b] += hist[b - 1];
  for (let i = 0; i < m; i++) {
    const k = slots[i];
    sorted[hist[k >>> shift]++] = k;
  }
  for (let i = 0; i < m; i++) {
    const k = sorted[i];
    if (++counts[k] === 256) wrapped[wraps++] = k;
  }
  return wraps;
}

// The extraction loops are separate small functions: V8 then optimises each loop on its own
// instead of leaving and re-entering optimised code between loops of one large function.

function countNonEmpty(counts: Uint8Array, extra: Int32Array, total: number): number {
  let n = 0;
  for (let k = 0; k < total; k++) if (counts[k] + extra[k] !== 0) n++;
  return n;
}

/** Walk block rows (same by), then the 16 cell rows inside, then blocks left to right. */
function fillRowMajor(
  counts: Uint8Array,
  extra: Int32Array,
  sums: Float64Array | undefined,
  order: Uint32Array,
  bxs: Int32Array,
  bys: Int32Array,
  ix: Int32Array,
  iy: Int32Array,
  count: Int32Array,
  sum: Float64Array | undefined,
): void {
  const nb = order.length;
  let out = 0;
  for (let g = 0; g < nb; ) {
    let gEnd = g + 1;
    while (gEnd < nb && bys[order[gEnd]] === bys[order[g]]) gEnd++;
    const y0 = bys[order[g]] * SIDE;
    for (let r = 0; r < SIDE; r++) {
      for (let k = g; k < gEnd; k++) {
        const b = order[k];
        const base = b * BLOCK + r * SIDE;
        const x0 = bxs[b] * SIDE;
        for (let c = 0; c < SIDE; c++) {
          const v = counts[base + c] + extra[base + c];
          if (v === 0) continue;
          ix[out] = x0 + c;
          iy[out] = y0 + r;
          count[out] = v;
          if (sum !== undefined && sums !== undefined) sum[out] = sums[base + c];
          out++;
        }
      }
    }
    g = gEnd;
  }
}

/** Reorder cells by a permutation. */
export function permuteCells(cells: GridCells, perm: Uint32Array): GridCells {
  const n = perm.length;
  const ix = new Int32Array(n);
  const iy = new Int32Array(n);
  const count = new Int32Array(n);
  const sum = cells.sum ? new Float64Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = perm[k];
    ix[k] = cells.ix[i];
    iy[k] = cells.iy[i];
    count[k] = cells.count[i];
    if (sum && cells.sum) sum[k] = cells.sum[i];
  }
  return sum ? { cellSize: cells.cellSize, ix, iy, count, sum } : { cellSize: cells.cellSize, ix, iy, count };
}

/** Merge two row-major cell lists of the same grid, adding counts and sums of equal cells. */
export function mergeCells(a: GridCells, b: GridCells): GridCells {
  const na = a.ix.length;
  const nb = b.ix.length;
  const cap = na + nb;
  const ix = new Int32Array(cap);
  const iy = new Int32Array(cap);
  const count = new Int32Array(cap);
  const weighted = a.sum !== undefined || b.sum !== undefined;
  const sum = weighted ? new Float64Array(cap) : undefined;
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < na || j < nb) {
    let cmp: number;
    if (i >= na) cmp = 1;
    else if (j >= nb) cmp = -1;
    else cmp = a.iy[i] !== b.iy[j] ? a.iy[i] - b.iy[j] : a.ix[i] - b.ix[j];
    if (cmp <= 0) {
      ix[k] = a.ix[i];
      iy[k] = a.iy[i];
      count[k] = a.count[i];
      if (sum) sum[k] = a.sum ? a.sum[i] : 0;
      if (cmp === 0) {
        count[k] += b.count[j];
        if (sum) sum[k] += b.sum ? b.sum[j] : 0;
        j++;
      }
      i++;
    } else {
      ix[k] = b.ix[j];
      iy[k] = b.iy[j];
      count[k] = b.count[j];
      if (sum) sum[k] = b.sum ? b.sum[j] : 0;
      j++;
    }
    k++;
  }
  const out: GridCells = { cellSize: a.cellSize, ix: ix.slice(0, k), iy: iy.slice(0, k), count: count.slice(0, k) };
  if (sum) out.sum = sum.slice(0, k);
  return out;
}

/**
 * Lookup from cell coordinates to the position of the cell in a list. Dense (one Int32 per cell
 * of the bounding box, padded by `pad` cells on every side so that stencil lookups need no bounds
 * checks) when the box is small enough, otherwise an open-addressing hash.
 */
export interface CellLookup {
  /** Index of cell (ix, iy), or −1. */
  get(ix: number, iy: number): number;
  /** Dense form, when available: grid[(iy − y0)·width + (ix − x0)]. */
  dense?: { grid: Int32Array; x0: number; y0: number; width: number; height: number };
}

/** Build a {@link CellLookup} for cells (ix[i], iy[i]). */
export function buildCellLookup(ix: Int32Array, iy: Int32Array, pad = 0, maxDense = 1 << 25): CellLookup {
  const n = ix.length;
  let minX = 2147483647;
  let minY = 2147483647;
  let maxX = -2147483648;
  let maxY = -2147483648;
  for (let i = 0; i < n; i++) {
    if (ix[i] < minX) minX = ix[i];
    if (ix[i] > maxX) maxX = ix[i];
    if (iy[i] < minY) minY = iy[i];
    if (iy[i] > maxY) maxY = iy[i];
  }
  if (n === 0) {
    minX = maxX = minY = maxY = 0;
  }
  const width = maxX - minX + 1 + 2 * pad;
  const height = maxY - minY + 1 + 2 * pad;
  const area = width * height;
  if (area <= Math.max(maxDense >> 3, 16 * n) && area <= maxDense) {
    const grid = new Int32Array(area).fill(-1);
    const x0 = minX - pad;
    const y0 = minY - pad;
    for (let i = 0; i < n; i++) grid[(iy[i] - y0) * width + (ix[i] - x0)] = i;
    return {
      get: (x, y) => {
        const gx = x - x0;
        const gy = y - y0;
        if (gx < 0 || gy < 0 || gx >= width || gy >= height) return -1;
        return grid[gy * width + gx];
      },
      dense: { grid, x0, y0, width, height },
    };
  }
  const cap = 1 << Math.ceil(Math.log2(2 * n + 2));
  const mask = cap - 1;
  const kx = new Int32Array(cap).fill(EMPTY);
  const ky = new Int32Array(cap);
  const kv = new Int32Array(cap);
  for (let i = 0; i < n; i++) {
    let h = hash2(ix[i], iy[i]) & mask;
    while (kx[h] !== EMPTY) h = (h + 1) & mask;
    kx[h] = ix[i];
    ky[h] = iy[i];
    kv[h] = i;
  }
  return {
    get: (x, y) => {
      let h = hash2(x, y) & mask;
      for (;;) {
        const v = kx[h];
        if (v === EMPTY) return -1;
        if (v === x && ky[h] === y) return kv[h];
        h = (h + 1) & mask;
      }
    },
  };
}
