/**
 * ArcGIS-style hot and cold spot classes ("Gi_Bin"): a location is a hot (z > 0) or cold (z < 0)
 * spot at 99, 95 or 90 % confidence when its p-value — or, with FDR correction, its
 * Benjamini–Hochberg q-value — is below 0.01, 0.05 or 0.10. Codes +3 … −3, 0 = not significant.
 */

/** Class code → label, index = code + 3. */
export const HOTSPOT_CLASS_LABELS = ["cold99", "cold95", "cold90", "ns", "hot90", "hot95", "hot99"] as const;
export type HotspotClass = (typeof HOTSPOT_CLASS_LABELS)[number];

/** Label of a class code (−3 … 3). */
export function hotspotClassLabel(code: number): HotspotClass {
  return HOTSPOT_CLASS_LABELS[code + 3];
}

/** Class code of one location from its z-score and significance value (p or q). */
export function hotspotClassCode(z: number, significance: number): number {
  if (!(significance < 0.1) || z === 0 || Number.isNaN(z)) return 0;
  const level = significance < 0.01 ? 3 : significance < 0.05 ? 2 : 1;
  return z > 0 ? level : -level;
}

/** Vectorised {@link hotspotClassCode}. */
export function classifyHotspots(z: Float64Array, significance: Float64Array): Int8Array {
  const out = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = hotspotClassCode(z[i], significance[i]);
  return out;
}
