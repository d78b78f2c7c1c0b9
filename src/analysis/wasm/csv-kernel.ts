/**
 * JavaScript side of the WebAssembly CSV row kernel (csv-kernel.wat): one instance per thread,
 * whose linear memory holds the chunk buffer the file is read into and the output arrays, so
 * nothing is copied between JavaScript and WebAssembly.
 *
 *   memory: [0, 184) powers of ten · [1024, 1024 + chunk + 64) chunk buffer · then lat/a (f64),
 *           lon/b (f64) and line (i32) arrays of `capacity` rows, north/east (f64) outputs of the
 *           projection, the projection's tile table (i32 per tile) and tile coefficients
 *
 * The kernel only accelerates; RowParser (csv-scan.ts) stays the reference: rows the kernel does
 * not accept are handed to it one at a time, and the tests compare both paths on the same data.
 */
import { TILE_COEFS, TILE_COLS, TILE_ROWS, tileCoefficients, tileOf } from "../fast-projection.ts";
import { CSV_KERNEL_WASM_BASE64 } from "./csv-kernel.wasm.ts";

interface KernelExports {
  memory: WebAssembly.Memory;
  n: WebAssembly.Global;
  line: WebAssembly.Global;
  status: WebAssembly.Global;
  init(): void;
  scan(
    from: number,
    to: number,
    eof: number,
    delim: number,
    ca: number,
    cb: number,
    maxCol: number,
    outA: number,
    outB: number,
    outL: number,
    cap: number,
  ): number;
  project(aOff: number, bOff: number, nOff: number, eOff: number, from: number, to: number, tileIdx: number, coef: number): number;
}

/** A kernel instance with its chunk buffer and output arrays (views into its memory). */
export interface CsvKernel {
  /** Chunk buffer: file bytes go here (its last 64 bytes are slack for the sentinel and SIMD reads). */
  buf: Uint8Array;
  a: Float64Array;
  b: Float64Array;
  line: Int32Array;
  /** Projection output (SWEREF 99 TM metres) of rows [0, n) of a/b. */
  north: Float64Array;
  east: Float64Array;
  capacity: number;
  /** Fast projection (fast-projection.ts, bit-identical) of a/b[0, n) into north/east. */
  project(n: number): void;
  /**
   * Scan rows of buf[from, to) (quote-free; a '\n' sentinel must be at buf[to]) appending to the
   * output arrays from row `n`. Returns { pos, n, line, fallback }: fallback = the row at `pos`
   * must be parsed by RowParser.
   */
  scan(
    from: number,
    to: number,
    eof: boolean,
    delimiter: number,
    colA: number,
    colB: number,
    n: number,
    line: number,
  ): { pos: number; n: number; line: number; fallback: boolean };
}

let compiled: WebAssembly.Module | undefined | null;

function module(): WebAssembly.Module | undefined {
  if (compiled === undefined) {
    try {
      const bin = atob(CSV_KERNEL_WASM_BASE64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null; // no WebAssembly SIMD here: the JavaScript parser does everything
    }
  }
  return compiled ?? undefined;
}

/** A kernel with a `chunk`-byte buffer and `capacity` output rows; undefined without WebAssembly SIMD. */
export function createCsvKernel(chunk: number, capacity: number): CsvKernel | undefined {
  const mod = module();
  if (!mod) return undefined;
  const inst = new WebAssembly.Instance(mod, {});
  const x = inst.exports as unknown as KernelExports;
  x.init();
  const bufOff = 1024;
  const bufLen = chunk + 64;
  const aOff = (bufOff + bufLen + 7) & ~7;
  const bOff = aOff + 8 * capacity;
  const lOff = bOff + 8 * capacity;
  const nOff = (lOff + 4 * capacity + 7) & ~7;
  const eOff = nOff + 8 * capacity;
  const tileIdxOff = eOff + 8 * capacity;
  const tiles = TILE_ROWS * TILE_COLS;
  const coefOff = (tileIdxOff + 4 * tiles + 7) & ~7;
  const end = coefOff + 8 * TILE_COEFS * tiles;
  const pages = Math.ceil(end / 65536);
  const have = x.memory.buffer.byteLength / 65536;
  if (pages > have) x.memory.grow(pages - have);
  const mem = x.memory.buffer;
  const tileIdx = new Int32Array(mem, tileIdxOff, tiles).fill(-1);
  const coefs = new Float64Array(mem, coefOff, TILE_COEFS * tiles);
  let built = 0;
  const a = new Float64Array(mem, aOff, capacity);
  const b = new Float64Array(mem, bOff, capacity);
  return {
    buf: new Uint8Array(mem, bufOff, bufLen),
    a,
    b,
    line: new Int32Array(mem, lOff, capacity),
    north: new Float64Array(mem, nOff, capacity),
    east: new Float64Array(mem, eOff, capacity),
    capacity,
    project(n) {
      let i = 0;
      for (;;) {
        i = x.project(aOff, bOff, nOff, eOff, i, n, tileIdxOff, coefOff);
        if (i >= n) return;
        // A tile not built yet: build it here (exact Krüger evaluations) and go on.
        const { row, col } = tileOf(a[i], b[i]);
        coefs.set(tileCoefficients(row, col), built * TILE_COEFS);
        tileIdx[row * TILE_COLS + col] = built++;
      }
    },
    scan(from, to, eof, delimiter, colA, colB, n, line) {
      x.n.value = n;
      x.line.value = line;
      const pos = x.scan(bufOff + from, bufOff + to, eof ? 1 : 0, delimiter, colA, colB, Math.max(colA, colB), aOff, bOff, lOff, capacity);
      return { pos: pos - bufOff, n: x.n.value as number, line: x.line.value as number, fallback: x.status.value === 1 };
    },
  };
}
