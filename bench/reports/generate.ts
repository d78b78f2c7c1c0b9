// The reports benchmark's data: N residents' reports in the Osby tenant, seeded (the same rows on
// every machine). Positions: 75 % around the demo's named places (Osby station and centrum,
// Lönsboda, Killeberg, Hökön, Visseltofta; a few hundred metres spread), the rest anywhere in
// the municipality's bounding box that lies inside its boundary. Created over the last three
// years (so Open311's default 90-day window holds about 8 % of them); categories, statuses,
// public updates and +1s in realistic shares.
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../src/analysis/index.ts";
import type { DB } from "../../src/platform/db/schema.ts";
import "../../src/modules/reports/tables.ts";
import { buildGeography, placePoint } from "../../src/modules/reports/domain/location.ts";
import { DEFAULT_CATEGORIES } from "../../src/modules/reports/settings.ts";

/** mulberry32: a small seeded generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CATEGORY_WEIGHTS: Array<[string, number]> = [
  ["belysning", 20],
  ["vaxtlighet", 10],
  ["klotter", 15],
  ["nedskrapning", 15],
  ["trafik", 12],
  ["buskorning", 8],
  ["narkotika", 8],
  ["ordningsstorning", 8],
  ["annat", 4],
];
const STATUSES = ["mottagen", "under_utredning", "atgardad", "avslutad", "inte_vart_ansvar"] as const;
const TIMES = ["dag", "kvall", "natt", "helg"] as const;
const DAY = 86_400_000;

function pick<T>(rnd: () => number, weighted: Array<[T, number]>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return weighted[weighted.length - 1]![0];
}

export async function generateReports(db: Kysely<DB>, tenantId: string, n: number, seed = 1273, now = new Date()): Promise<number> {
  const rnd = random(seed);
  const tenant = await db.selectFrom("tenants").select("boundary").where("id", "=", tenantId).executeTakeFirstOrThrow();
  const areas = await db.selectFrom("areas").select(["id", "name", "geometry"]).where("tenant_id", "=", tenantId).execute();
  const places = await db.selectFrom("places").select(["name", "lat", "lon"]).where("tenant_id", "=", tenantId).execute();
  const geo = buildGeography(tenant.boundary, areas);
  const person = new Set(DEFAULT_CATEGORIES.filter((c) => c.kind === "person").map((c) => c.code));
  const refs = new Set<string>();
  const newRef = () => {
    for (;;) {
      let s = "";
      for (let i = 0; i < 8; i++) s += CROCKFORD[Math.floor(rnd() * 32)];
      if (!refs.has(s)) {
        refs.add(s);
        return s;
      }
    }
  };
  const batch = 1000;
  let made = 0;
  while (made < n) {
    const rows: Array<Record<string, unknown>> = [];
    const meta: Array<{ created: Date; status: string; update: boolean; supports: number }> = [];
    while (rows.length < batch && made + rows.length < n) {
      let lat: number;
      let lon: number;
      if (rnd() < 0.75 && places.length) {
        const p = places[Math.floor(rnd() * places.length)]!;
        const r = 600 * Math.sqrt(rnd());
        const a = rnd() * 2 * Math.PI;
        lat = p.lat + (r * Math.cos(a)) / 111_320;
        lon = p.lon + (r * Math.sin(a)) / (111_320 * Math.cos((p.lat * Math.PI) / 180));
      } else {
        lat = 56.29 + rnd() * 0.24;
        lon = 13.69 + rnd() * 0.83;
      }
      const placed = placePoint(geo, lat, lon);
      if (placed.kind !== "inside") continue;
      const category = pick(rnd, CATEGORY_WEIGHTS);
      const created = new Date(now.getTime() - rnd() * 3 * 365 * DAY);
      const age = (now.getTime() - created.getTime()) / DAY;
      const status = age < 10 && rnd() < 0.7 ? (rnd() < 0.6 ? "mottagen" : "under_utredning") : STATUSES[Math.floor(rnd() * STATUSES.length)]!;
      const sw = latLonToSweref(lat, lon);
      const times = TIMES.filter(() => rnd() < 0.3);
      const closed = status !== "mottagen" && status !== "under_utredning";
      rows.push({
        tenant_id: tenantId,
        ref: newRef(),
        category,
        person_related: person.has(category),
        precision: "point",
        lat,
        lon,
        sweref_n: sw.n,
        sweref_e: sw.e,
        area_id: placed.point.areaId,
        location_text: "",
        description: `Genererad rapport ${made + rows.length}: ${category} – det känns otryggt här på kvällarna.`,
        feels_unsafe: rnd() < 0.7,
        unsafe_times: times,
        status,
        status_reason: status === "avslutad" ? "Ingen åtgärd behövs enligt bedömning på plats." : null,
        other_authority: status === "inte_vart_ansvar" ? "Trafikverket" : null,
        visibility: category === "annat" && rnd() < 0.5 ? "pending" : "public",
        first_response_at: status === "mottagen" ? null : new Date(created.getTime() + rnd() * 5 * DAY),
        closed_at: closed ? new Date(created.getTime() + (1 + rnd() * 30) * DAY) : null,
        created_at: created,
        updated_at: new Date(created.getTime() + rnd() * 10 * DAY),
      });
      meta.push({ created, status, update: rnd() < 0.3, supports: rnd() < 0.2 ? 1 + Math.floor(rnd() * 4) : 0 });
    }
    const inserted = await db
      .insertInto("reports")
      .values(rows as never)
      .returning(["id"])
      .execute();
    const updates: Array<Record<string, unknown>> = [];
    const supports: Array<Record<string, unknown>> = [];
    inserted.forEach((r, i) => {
      const m = meta[i]!;
      updates.push({
        tenant_id: tenantId,
        report_id: r.id,
        kind: "submitted",
        audience: "public",
        text: "",
        status_to: "mottagen",
        created_at: m.created,
        updated_at: m.created,
      });
      if (m.update)
        updates.push({
          tenant_id: tenantId,
          report_id: r.id,
          kind: "public",
          audience: "public",
          text: "Vi har tittat på platsen och återkommer.",
          author_label: "Samhällsbyggnadsförvaltningen",
          created_at: new Date(m.created.getTime() + DAY),
          updated_at: new Date(m.created.getTime() + DAY),
        });
      for (let s = 0; s < m.supports; s++)
        supports.push({ tenant_id: tenantId, report_id: r.id, unsafe_times: ["kvall"], created_at: m.created, updated_at: m.created });
    });
    await db
      .insertInto("report_updates")
      .values(updates as never)
      .execute();
    if (supports.length)
      await db
        .insertInto("report_supports")
        .values(supports as never)
        .execute();
    made += inserted.length;
  }
  return made;
}
