/**
 * CSV output of hot spot results (pure: values in, text out). Emerging hot spots: emerging-format.ts.
 *
 * Numbers are written in JavaScript's shortest round-trip form (`String(x)`: reading the text back
 * gives exactly the same double), NaN as `NaN`; the only text is the engine's fixed class labels.
 * (Downloads from the web app are written by src/platform/csv.ts, which also guards text against
 * formula injection; this is the engine's streaming numeric output for the CLI.)
 */
import type { ByteWriter } from "./byte-writer.ts";
import { HOTSPOT_CLASS_LABELS, hotspotClassLabel } from "./classes.ts";
import type { HotspotResult } from "./hotspots.ts";

/** Shortest round-trip text of a number; "NaN" for NaN. */
export function formatNumber(x: number): string {
  return String(x);
}

/** Header of the hot spot table. */
export function hotspotCsvHeader(r: HotspotResult): string {
  return `cell,e,n,count,${r.sum ? "sum," : ""}neighbours,gi_z,p,q,class\n`;
}

/** Rows [from, to) of the hot spot table (row-major cells). */
export function formatHotspotRows(r: HotspotResult, from: number, to: number): string {
  const parts: string[] = [];
  const cell = r.cellSize;
  for (let i = from; i < to; i++) {
    const ix = r.ix[i];
    const iy = r.iy[i];
    parts.push(
      `${ix}_${iy},${(ix + 0.5) * cell},${(iy + 0.5) * cell},${r.count[i]},${r.sum ? `${r.sum[i]},` : ""}${r.neighbours[i]},${r.z[i]},${r.p[i]},${r.q[i]},${hotspotClassLabel(r.classes[i])}\n`,
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
    w.numCached(r.z[i]);
    w.byte(44);
    w.numCached(r.p[i]);
    w.byte(44);
    w.numCached(r.q[i]);
    w.byte(44);
    w.ascii(HOTSPOT_CLASS_LABELS[r.classes[i] + 3]);
    w.byte(10);
  }
}
