/** CSV output of emerging hot spot results (pure: values in, text out); see csv-format.ts. */
import { EMERGING_PATTERNS, type EmergingResult } from "./emerging.ts";

/** Header of the emerging hot spot table (one row per location). */
export const EMERGING_CSV_HEADER = "cell,ix,iy,e,n,count,pattern,hot_bins,cold_bins,weeks,mk_s,mk_var_s,mk_z,mk_p,tau,final_z,final_p\n";

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
