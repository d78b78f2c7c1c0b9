// Osby demo: one stored
// hot spot run (with emerging hot spots) on SYNTHETIC incidents — a seeded random background over
// the municipality, a steady cluster in Osby centrum and one in Lönsboda that grows week by week.
// No real incident data is shipped. Idempotent (the run by its fixed id). The named places that
// describe its results are the tenant's (src/modules/tenants/seed.ts).
import type { Kysely } from "kysely";
import { daysFromCivil } from "../../../analysis/index.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { runHotspotAnalysis } from "../service.ts";

export const DEMO_RUN_ID = "6f1c2a90-2001-4a7e-9d3b-0e5a0b7c2001";

/** Deterministic incidents: lat, lon, day (Stockholm local day number) and category. */
export function demoIncidents(seed = 20251): { lat: Float64Array; lon: Float64Array; day: Float64Array; category: string[] } {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const lat: number[] = [];
  const lon: number[] = [];
  const day: number[] = [];
  const category: string[] = [];
  const first = daysFromCivil(2025, 9, 1);
  const weeks = 12;
  const cats = ["skadegörelse", "klotter", "nedskräpning", "otrygg plats", "buskörning"];
  const add = (la: number, lo: number, d: number, c: string) => {
    lat.push(la);
    lon.push(lo);
    day.push(d);
    category.push(c);
  };
  // Background over the municipality (a box inside its boundary).
  for (let i = 0; i < 1800; i++) add(56.3 + rnd() * 0.22, 13.92 + rnd() * 0.45, first + Math.floor(rnd() * weeks * 7), cats[Math.floor(rnd() * cats.length)]!);
  // Osby centrum: steady all period (≈ 150 m spread).
  for (let i = 0; i < 600; i++)
    add(56.3806 + gauss() * 0.0013, 13.9934 + gauss() * 0.0024, first + Math.floor(rnd() * weeks * 7), rnd() < 0.5 ? "skadegörelse" : "klotter");
  // Lönsboda centrum: more each week (buskörning and samlingar in the evenings).
  for (let w = 0; w < weeks; w++) {
    for (let i = 0; i < 6 + w * 10; i++)
      add(56.395 + gauss() * 0.001, 14.319 + gauss() * 0.0018, first + w * 7 + Math.floor(rnd() * 7), rnd() < 0.6 ? "buskörning" : "otrygg plats");
  }
  return { lat: Float64Array.from(lat), lon: Float64Array.from(lon), day: Float64Array.from(day), category };
}

export async function seedAnalysisDemo(db: Kysely<DB>, tenantId: string): Promise<void> {
  const exists = await db.selectFrom("analysis_runs").select("id").where("id", "=", DEMO_RUN_ID).executeTakeFirst();
  if (exists) return;
  const user = await db.selectFrom("users").select("id").where("email", "=", "samordnare@osby.demo").executeTakeFirst();
  const d = demoIncidents();
  const r = await runHotspotAnalysis(
    db,
    tenantId,
    user?.id ?? null,
    {
      source: "api",
      datasetId: null,
      label: "Demo: EST-händelser hösten 2025 (syntetiska)",
      parameters: { cellSize: 100, band: 250, boundaryOnly: false, categories: [], emerging: true, statistic: "gistar", classifyBy: "q" },
      points: { lat: d.lat, lon: d.lon, day: d.day },
      position: (i) => i,
      read: { rows: d.lat.length, filtered: 0, bad: { count: 0, first: [] } },
    },
    { runId: DEMO_RUN_ID },
  );
  if (r.kind !== "ok") throw new Error(`demoanalysen kunde inte beräknas: ${r.kind}`);
}
