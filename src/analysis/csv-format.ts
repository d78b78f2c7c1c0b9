/**
 * CSV output of the engine's results (pure: values in, text out).
 *
 * Numbers are written in JavaScript's shortest round-trip form (`String(x)`: reading the text back
 * gives exactly the same double), NaN as `NaN`; text fields are quoted when they contain a comma,
 * quote or newline.
 */
import type { ByteWriter } from "./byte-writer.ts";
import { HOTSPOT_CLASS_LABELS, hotspotClassLabel } from "./classes.ts";
import { EMERGING_PATTERNS, type EmergingResult } from "./emerging.ts";
import type { HotspotResult } from "./hotspots.ts";

/** Shortest round-trip text of a number; "NaN" for NaN. */
export function formatNumber(x: number): string {
  return String(x);
}

/** A CSV field, quoted when needed. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header of the hot spot table. */
export function hotspotCsvHeader(r: HotspotResult): string {
  return `cell,ix,iy,e,n,count,${r.sum ? "sum," : ""}neighbours,gi_z,p,q,class\n`;
}

/** Rows [from, to) of the hot spot table (row-major cells). */
export function formatHotspotRows(r: HotspotResult, from: number, to: number): string {
  const parts: string[] = [];
  const cell = r.cellSize;
  for (let i = from; i < to; i++) {
    const ix = r.ix[i];
    const iy = r.iy[i];
    parts.push(
      `${ix}_${iy},${ix},${iy},${(ix + 0.5) * cell},${(iy + 0.5) * cell},${r.count[i]},${r.sum ? `${r.sum[i]},` : ""}${r.neighbours[i]},${r.z[i]},${r.p[i]},${r.q[i]},${hotspotClassLabel(r.classes[i])}\n`,
    );
  }
  return parts.join("");
}

/** Rows [from, to) of the hot spot table written as bytes (same text as {@link formatHotspotRows}). */
export function writeHotspotRows(w: ByteWriter, r: HotspotResult, from: number, to: number): void {
  const cell = r.cellSize;
  const sum = r.sum;
  for (let i = from; i < to; i++) {
    const ix = r.ix[i];
    const iy = r.iy[i];
    w.int(ix);
    w.byte(95); // _
    w.int(iy);
    w.byte(44);
    w.int(ix);
    w.byte(44);
    w.int(iy);
    w.byte(44);
    w.num((ix + 0.5) * cell);
    w.byte(44);
    w.num((iy + 0.5) * cell);
    w.byte(44);
    w.int(r.count[i]);
    w.byte(44);
    if (sum) {
      w.num(sum[i]);
      w.byte(44);
    }
    w.int(r.neighbours[i]);
    w.byte(44);
    w.num(r.z[i]);
    w.byte(44);
    w.num(r.p[i]);
    w.byte(44);
    w.num(r.q[i]);
    w.byte(44);
    w.ascii(HOTSPOT_CLASS_LABELS[r.classes[i] + 3]);
    w.byte(10);
  }
}

/** Header of the emerging hot spot table (one row per location). */
export const EMERGING_CSV_HEADER =
  "cell,ix,iy,e,n,count,pattern,hot_bins,cold_bins,weeks,mk_s,mk_var_s,mk_z,mk_p,tau,final_z,final_p\n";

/** Rows [from, to) of the emerging hot spot table. */
export function formatEmergingRows(r: EmergingResult, from: number, to: number): string {
  const parts: string[] = [];
  const cell = r.cellSize;
  const T = r.weeks;
  for (let i = from; i < to; i++) {
    const ix = r.ix[i];
    const iy = r.iy[i];
    const mk = r.trend[i];
    const last = i * T + T - 1;
    parts.push(
      `${ix}_${iy},${ix},${iy},${(ix + 0.5) * cell},${(iy + 0.5) * cell},${r.count[i]},${EMERGING_PATTERNS[r.pattern[i]]},${r.hotBins[i]},${r.coldBins[i]},${T},${mk.s},${mk.varS},${mk.z},${mk.p},${mk.tau},${r.z[last]},${r.p[last]}\n`,
    );
  }
  return parts.join("");
}

/** Header of the space-time cube table (one row per location and week). */
export const CUBE_CSV_HEADER = "cell,week,value,gi_z,p,significance,state\n";

/** Cube rows of locations [from, to). */
export function formatCubeRows(r: EmergingResult, from: number, to: number): string {
  const parts: string[] = [];
  const T = r.weeks;
  for (let i = from; i < to; i++) {
    const id = `${r.ix[i]}_${r.iy[i]}`;
    for (let t = 0; t < T; t++) {
      const k = i * T + t;
      const s = r.state[k];
      parts.push(`${id},${r.weekLabels[t]},${r.value[k]},${r.z[k]},${r.p[k]},${r.significance[k]},${s > 0 ? "hot" : s < 0 ? "cold" : "ns"}\n`);
    }
  }
  return parts.join("");
}
