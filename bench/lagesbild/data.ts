// Data of the lägesbild benchmark: a large tenant (Malmö, kommunkod 1280) with N stored partner
// reports, generated from a seed (sfc32-like mulberry32, seed 1280) and written straight into
// est_reports with their SWEREF 99 TM columns (as the report form and the CSV import store them).
//
// The model, for a plausible load on the week's queries and the engine (numbers are choices):
//   - N reports (default 10^6) over 104 ISO weeks, 2024-W01 … 2025-W52, ±20 % by season; so a
//     week has ~N/104 reports, the 12 weeks of the emerging analysis ~12 N/104;
//   - 45 % in 40 clusters (named places of the tenant; Gaussian, σ 120 m), 55 % spread over a
//     10 × 10 km square of the city; some clusters grow over the two years, some fade, one
//     appears only in the last 20 weeks (emerging), so the classes are not all alike;
//   - the 17 EST categories with fixed weights; times of day weighted towards the evening.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { latLonToSweref, swerefToLatLon } from "../../src/analysis/index.ts";
import { DEFAULT_CATEGORIES } from "../../src/modules/est/settings.ts";
import { dayOfInstant, mondayOfWeek, parseWeek } from "../../src/modules/est/domain/time.ts";
import { addPlace, addTenant } from "../../src/modules/tenants/index.ts";
import type { DB } from "../../src/platform/db/schema.ts";
import { makeOrganisation, makeUser } from "../../src/platform/testing/factories.ts";

export const LARGE_KOMMUNKOD = "1280";
export const LARGE_SEED = 1280;
export const FIRST_WEEK = "2024-W01";
export const WEEKS = 104;
/** The week the benchmark asks for: late in the data, with a full year before it. */
export const LARGE_WEEK = "2025-W40";
export const GENERATOR_VERSION = 1;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

type Cluster = { e: number; n: number; weight: number; trend: "flat" | "grow" | "fade" | "late" };

export type LargeTenant = { tenantId: string; slug: string; userId: string; rows: number; seconds: number };

/** Create the large tenant and write its N reports (in batches, one INSERT … SELECT FROM unnest each). */
export async function loadLargeTenant(db: Kysely<DB>, size: number, log: (s: string) => void = () => {}): Promise<LargeTenant> {
  const t0 = performance.now();
  const added = await addTenant(db, { kommunkod: LARGE_KOMMUNKOD, slug: "storstad" });
  if (added.kind !== "ok") throw new Error(`kunde inte lägga till kommunen ${LARGE_KOMMUNKOD}: ${added.kind}`);
  const tenant = added.tenant;
  const org = await makeOrganisation(db, tenant.id, "Bostadsbolaget (bench)");
  const user = await makeUser(db, tenant.id, "samordnare", { name: "Bänk Samordnare" });

  const rnd = mulberry32(LARGE_SEED);
  // The city centre and a 10 × 10 km square south-east of it (on land).
  const centre = latLonToSweref(55.595, 13.02);
  const minE = centre.e - 3000;
  const minN = centre.n - 7000;
  const side = 10_000;
  const clusters: Cluster[] = [];
  for (let i = 0; i < 40; i++)
    clusters.push({
      e: minE + 800 + rnd() * (side - 1600),
      n: minN + 800 + rnd() * (side - 1600),
      weight: 0.5 + rnd() * 2,
      trend: i === 0 ? "late" : i % 7 === 1 ? "grow" : i % 7 === 2 ? "fade" : "flat",
    });
  let places = 0;
  for (const [i, c] of clusters.entries()) {
    const p = swerefToLatLon(c.n, c.e);
    const r = await addPlace(db, tenant, {
      name: `Plats ${i + 1} (bench)`,
      kind: "annan",
      lat: p.lat,
      lon: p.lon,
      description: "Påhittad plats för benchmarken.",
    });
    if (r.kind === "ok") places++;
  }
  log(`  ${places} namngivna platser`);
  const totalWeight = clusters.reduce((s, c) => s + c.weight, 0);
  const categories = DEFAULT_CATEGORIES.map((c) => c.key);
  const catWeights = categories.map((_, i) => 1 / (1 + i * 0.35));
  const catTotal = catWeights.reduce((a, b) => a + b, 0);
  const pickCategory = () => {
    let x = rnd() * catTotal;
    for (let i = 0; i < categories.length; i++) {
      x -= catWeights[i]!;
      if (x <= 0) return categories[i]!;
    }
    return categories[0]!;
  };
  const pickCluster = (weekIndex: number) => {
    for (;;) {
      let x = rnd() * totalWeight;
      let c = clusters[0]!;
      for (const k of clusters) {
        x -= k.weight;
        if (x <= 0) {
          c = k;
          break;
        }
      }
      const f = weekIndex / (WEEKS - 1);
      const keep = c.trend === "grow" ? 0.2 + 0.8 * f : c.trend === "fade" ? 1 - 0.8 * f : c.trend === "late" ? (weekIndex >= WEEKS - 20 ? 1 : 0) : 0.6;
      if (rnd() < keep) return c;
    }
  };
  const first = parseWeek(FIRST_WEEK) as number;
  // Reports per week: the seasonal shape, scaled to N in total.
  const shape = Array.from({ length: WEEKS }, (_, k) => 1 + 0.2 * Math.sin(((k % 52) / 52) * 2 * Math.PI - Math.PI / 2));
  const shapeTotal = shape.reduce((a, b) => a + b, 0);
  const perWeek = shape.map((s) => Math.floor((s / shapeTotal) * size));
  perWeek[WEEKS - 1]! += size - perWeek.reduce((a, b) => a + b, 0);

  const BATCH = 50_000;
  let cols = newColumns();
  let written = 0;
  const flush = async () => {
    if (cols.day.length === 0) return;
    await sql`
      insert into est_reports (tenant_id, organisation_id, origin, occurred_from, day, category, setting, lat, lon, n, e, assessment, status)
      select ${tenant.id}::uuid, ${org.id}::uuid, 'formular', to_timestamp(u.t), u.d, u.c, 'utomhus', u.la, u.lo, u.nn, u.ee, u.a, 'granskad'
      from unnest(
        string_to_array(${cols.t.join(",")}, ',')::float8[],
        string_to_array(${cols.day.join(",")}, ',')::int[],
        string_to_array(${cols.category.join(",")}, ','),
        string_to_array(${cols.lat.join(",")}, ',')::float8[],
        string_to_array(${cols.lon.join(",")}, ',')::float8[],
        string_to_array(${cols.n.join(",")}, ',')::float8[],
        string_to_array(${cols.e.join(",")}, ',')::float8[],
        string_to_array(${cols.assessment.join(",")}, ',')
      ) as u(t, d, c, la, lo, nn, ee, a)`.execute(db);
    written += cols.day.length;
    cols = newColumns();
    if (written % 200_000 === 0 || written === size) log(`  ${written.toLocaleString("sv-SE")} rapporter skrivna`);
  };
  for (let k = 0; k < WEEKS; k++) {
    const monday = mondayOfWeek(first + k);
    for (let i = 0; i < perWeek[k]!; i++) {
      let e: number;
      let n: number;
      if (rnd() < 0.45) {
        const c = pickCluster(k);
        e = c.e + gaussian(rnd) * 120;
        n = c.n + gaussian(rnd) * 120;
      } else {
        e = minE + rnd() * side;
        n = minN + rnd() * side;
      }
      const p = swerefToLatLon(n, e);
      // Evening-weighted time of day; the day number is the Stockholm day of that instant.
      const minutes = Math.floor((rnd() < 0.6 ? 16 * 60 + rnd() * 8 * 60 : rnd() * 24 * 60) % 1440);
      const dayOffset = Math.floor(rnd() * 7);
      const epoch = ((monday + dayOffset) * 86_400 + minutes * 60 - 3600) * 1000;
      cols.t.push(epoch / 1000);
      cols.day.push(dayOfInstant(epoch));
      cols.category.push(pickCategory());
      cols.lat.push(p.lat.toFixed(6));
      cols.lon.push(p.lon.toFixed(6));
      cols.n.push(n.toFixed(1));
      cols.e.push(e.toFixed(1));
      cols.assessment.push(rnd() < 0.7 ? "ja" : rnd() < 0.5 ? "nej" : "osakert");
      if (cols.day.length >= BATCH) await flush();
    }
  }
  await flush();
  await sql`analyze est_reports`.execute(db);
  return { tenantId: tenant.id, slug: tenant.slug, userId: user.id, rows: written, seconds: (performance.now() - t0) / 1000 };
}

function newColumns() {
  return {
    t: [] as number[],
    day: [] as number[],
    category: [] as string[],
    lat: [] as string[],
    lon: [] as string[],
    n: [] as string[],
    e: [] as string[],
    assessment: [] as string[],
  };
}
