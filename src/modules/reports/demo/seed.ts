// The reports part of the Osby demo (outside production only; idempotent): routing rules, a few
// dozen residents' reports around Osby station, Osby centrum, Lönsboda centrum and Killeberg in
// every state, with staff updates, replies, a merged duplicate, a reopened report, one waiting
// for review, +1s, and photos drawn by the seed itself (shapes only: no real place, no faces).
// Dates are relative to the day the demo is seeded, so it always looks current; person-related
// reports are placed in earlier whole months, where the public map counts them. See
// PROVENANCE.md.
import type { Kysely } from "kysely";
import sharp from "sharp";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { DB } from "../../../platform/db/schema.ts";
import type { DemoDeps } from "../../../platform/module.ts";
import { processPhoto } from "../../../platform/photos/photos.ts";
import { listOrganisations, listPlaces } from "../../tenants/index.ts";
import { areaAt, buildGeography } from "../domain/location.ts";
import { insertFile, insertPhoto } from "../repo/photos.ts";
import { insertReport, insertSupport, type ReportRow, updateReport } from "../repo/reports.ts";
import { upsertRule } from "../repo/rules.ts";
import { insertUpdate } from "../repo/updates.ts";
import { DEFAULT_CATEGORIES } from "../settings.ts";
import type { ReportStatus, UnsafeTime } from "../tables.ts";

const DAY = 86_400_000;

/** A small deterministic generator (mulberry32), so every seeded demo looks the same. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Demo = {
  place: string;
  /** Metres north and east of the place. */
  dn: number;
  de: number;
  category: string;
  description: string;
  location?: string;
  daysAgo: number;
  status?: ReportStatus;
  reason?: string;
  authority?: string;
  updates?: Array<{ daysAfter: number; text: string; kind?: "public" | "internal" | "reply" }>;
  supports?: number;
  times?: UnsafeTime[];
  unsafe?: boolean;
  photo?: "lamp" | "graffiti" | "litter" | "bushes";
  contact?: boolean;
  pending?: boolean;
  open311?: boolean;
};

const REPORTS: Demo[] = [
  {
    place: "Osby station",
    dn: 40,
    de: -60,
    category: "belysning",
    description: "Två lampor längs gångvägen mellan stationen och parkeringen är trasiga. Det är helt mörkt efter klockan fem.",
    daysAgo: 3,
    times: ["kvall", "natt"],
    unsafe: true,
    photo: "lamp",
    supports: 4,
    contact: true,
  },
  {
    place: "Osby station",
    dn: -30,
    de: 25,
    category: "klotter",
    description: "Klotter på väntkuren vid busshållplatsen, och glaset i en ruta är krossat.",
    daysAgo: 9,
    status: "under_utredning",
    updates: [{ daysAfter: 1, text: "Vi har beställt sanering och nytt glas. Klottret tas bort inom två veckor." }],
    photo: "graffiti",
    supports: 2,
  },
  {
    place: "Osby station",
    dn: 120,
    de: 80,
    category: "nedskrapning",
    description: "Mycket skräp och glas bakom cykelparkeringen, särskilt efter helgerna.",
    daysAgo: 21,
    status: "atgardad",
    updates: [{ daysAfter: 2, text: "Städat och en extra papperskorg är uppsatt." }],
    photo: "litter",
    times: ["helg"],
  },
  {
    place: "Osby station",
    dn: 60,
    de: -120,
    category: "vaxtlighet",
    description: "Buskarna vid gångtunneln har vuxit så att man inte ser vem som kommer från andra hållet.",
    daysAgo: 33,
    status: "atgardad",
    updates: [{ daysAfter: 6, text: "Buskarna är nerklippta till en meters höjd." }],
    photo: "bushes",
    supports: 6,
    times: ["kvall", "natt"],
    unsafe: true,
  },
  {
    place: "Osby station",
    dn: -80,
    de: -40,
    category: "trafik",
    description: "Bilar kör fort förbi infarten till stationen, det saknas övergångsställe.",
    daysAgo: 48,
    status: "inte_vart_ansvar",
    authority: "Trafikverket – vägen är statlig (väg 15). Vi har skickat vidare synpunkten.",
    supports: 3,
  },
  {
    place: "Osby centrum",
    dn: 20,
    de: 30,
    category: "belysning",
    description: "Gatubelysningen på gågatan släcks redan vid midnatt, men folk går hem från restaurangerna senare.",
    daysAgo: 14,
    status: "avslutad",
    reason: "Belysningen följer kommunens beslut om nattsläckning för att spara energi; beslutet ses över i höst.",
    unsafe: true,
    times: ["natt"],
  },
  {
    place: "Osby centrum",
    dn: -50,
    de: 70,
    category: "klotter",
    description: "Nytt klotter på fasaden till det tomma butikslokalen vid torget.",
    daysAgo: 5,
    status: "mottagen",
    photo: "graffiti",
  },
  {
    place: "Osby centrum",
    dn: 90,
    de: -20,
    category: "nedskrapning",
    description: "Överfulla papperskorgar på Stortorget under helgerna.",
    daysAgo: 27,
    status: "atgardad",
    updates: [{ daysAfter: 3, text: "Tömning även lördag och söndag från och med nu." }],
    times: ["helg"],
    supports: 2,
  },
  {
    place: "Osby centrum",
    dn: 150,
    de: 140,
    category: "vaxtlighet",
    description: "Häcken vid skolans gångväg skymmer sikten i korsningen.",
    daysAgo: 60,
    status: "atgardad",
    updates: [{ daysAfter: 10, text: "Häcken är klippt." }],
  },
  {
    place: "Osby centrum",
    dn: -120,
    de: -90,
    category: "trafik",
    description: "Mopeder kör på gång- och cykelvägen längs ån.",
    daysAgo: 12,
    status: "under_utredning",
    updates: [{ daysAfter: 2, text: "Vi tar upp platsen med polisen på nästa EST-möte." }],
    supports: 1,
  },
  {
    place: "Lönsboda centrum",
    dn: 10,
    de: -40,
    category: "belysning",
    description: "Mörkt vid busshållplatsen på Storgatan, lampan blinkar och slocknar.",
    daysAgo: 7,
    status: "under_utredning",
    updates: [{ daysAfter: 1, text: "Felanmält till elnätsbolaget." }],
    photo: "lamp",
    times: ["kvall", "natt"],
    unsafe: true,
    supports: 5,
    contact: true,
  },
  {
    place: "Lönsboda centrum",
    dn: 70,
    de: 60,
    category: "klotter",
    description: "Klotter på elskåpet vid Folkets park.",
    daysAgo: 40,
    status: "atgardad",
    updates: [{ daysAfter: 8, text: "Elskåpet är sanerat." }],
  },
  {
    place: "Lönsboda centrum",
    dn: -90,
    de: 110,
    category: "nedskrapning",
    description: "Skräp och pizzakartonger vid parkbänkarna vid sjön.",
    daysAgo: 2,
    status: "mottagen",
    times: ["helg"],
  },
  {
    place: "Lönsboda centrum",
    dn: 140,
    de: -130,
    category: "vaxtlighet",
    description: "Slyn längs stigen till idrottsplatsen gör den mörk och ödslig.",
    daysAgo: 75,
    status: "atgardad",
    updates: [{ daysAfter: 14, text: "Röjt längs hela stigen." }],
    unsafe: true,
    times: ["kvall"],
  },
  {
    place: "Lönsboda centrum",
    dn: -40,
    de: -160,
    category: "trafik",
    description: "Saknas farthinder utanför skolan, bilar kör fort vid lämning.",
    daysAgo: 25,
    status: "avslutad",
    reason: "Platsen har redan hastighetsgräns 30 och mätningar visar låga hastigheter; vi bevakar frågan i trafiknämnden.",
    supports: 2,
  },
  {
    place: "Killeberg",
    dn: 30,
    de: 20,
    category: "belysning",
    description: "Ingen belysning på vägen mellan byn och busshållplatsen vid väg 23.",
    daysAgo: 18,
    status: "under_utredning",
    updates: [{ daysAfter: 4, text: "Vi utreder om vägen kan få belysning; det är en enskild väg." }],
    unsafe: true,
    times: ["kvall", "natt"],
    supports: 7,
  },
  {
    place: "Killeberg",
    dn: -50,
    de: 90,
    category: "nedskrapning",
    description: "Dumpade möbler och sopsäckar vid återvinningsstationen.",
    daysAgo: 11,
    status: "atgardad",
    updates: [{ daysAfter: 1, text: "Bortforslat. Tack för rapporten!" }],
    photo: "litter",
  },
  {
    place: "Killeberg",
    dn: 80,
    de: -60,
    category: "klotter",
    description: "Sönderslagna rutor i det gamla väntrummet vid stationen.",
    daysAgo: 55,
    status: "atgardad",
    updates: [{ daysAfter: 5, text: "Fönstren är igensatta och lokalen låst." }],
  },
  {
    place: "Hökön",
    dn: 0,
    de: 40,
    category: "trafik",
    description: "Husbilar och bilar parkerar så att sikten skyms vid badplatsen.",
    daysAgo: 95,
    status: "atgardad",
    updates: [{ daysAfter: 20, text: "Parkeringsförbud skyltat." }],
  },
  {
    place: "Visseltofta",
    dn: 20,
    de: -30,
    category: "belysning",
    description: "Trasig lampa vid vändplanen.",
    daysAgo: 130,
    status: "atgardad",
    updates: [{ daysAfter: 9, text: "Lampan är bytt." }],
  },
  {
    place: "Osby station",
    dn: 10,
    de: -50,
    category: "annat",
    description: "Rök och brandlukt från en gammal bod bakom perrongen på kvällarna.",
    daysAgo: 1,
    pending: true,
    unsafe: true,
    times: ["kvall"],
  },
  {
    place: "Osby centrum",
    dn: 15,
    de: 40,
    category: "klotter",
    description: "Samma klotter på tomma butiken som någon redan rapporterat.",
    daysAgo: 4,
    status: "mottagen",
  },
  {
    place: "Lönsboda centrum",
    dn: 30,
    de: -30,
    category: "belysning",
    description: "Lampan vid busskuren på Storgatan är fortfarande trasig, sedan förra veckan.",
    daysAgo: 2,
    status: "mottagen",
    open311: true,
  },
];

// Person-related reports: placed in earlier whole months (public counts cover those only). Four
// near the station make one counted cell; two in Lönsboda stay below the threshold of 3.
const PERSON: Array<{
  place: string;
  dn: number;
  de: number;
  category: string;
  description: string;
  monthsAgo: number;
  day: number;
  status: ReportStatus;
  times: UnsafeTime[];
}> = [
  {
    place: "Osby station",
    dn: 20,
    de: 10,
    category: "narkotika",
    description: "Misstänkt langning vid cykelgaraget på kvällarna.",
    monthsAgo: 1,
    day: 8,
    status: "under_utredning",
    times: ["kvall"],
  },
  {
    place: "Osby station",
    dn: 35,
    de: -15,
    category: "narkotika",
    description: "Sprutor hittade i buskaget intill perrongen.",
    monthsAgo: 1,
    day: 19,
    status: "atgardad",
    times: ["natt"],
  },
  {
    place: "Osby station",
    dn: -10,
    de: 25,
    category: "narkotika",
    description: "Folk som verkar påverkade samlas i gångtunneln.",
    monthsAgo: 2,
    day: 3,
    status: "under_utredning",
    times: ["kvall", "natt"],
  },
  {
    place: "Osby station",
    dn: 5,
    de: 5,
    category: "ordningsstorning",
    description: "Högljudda grupper och bråk vid stationen fredagskvällar.",
    monthsAgo: 2,
    day: 14,
    status: "mottagen",
    times: ["helg", "natt"],
  },
  {
    place: "Osby station",
    dn: 15,
    de: 30,
    category: "narkotika",
    description: "Misstänkt handel från bil på parkeringen.",
    monthsAgo: 3,
    day: 22,
    status: "atgardad",
    times: ["kvall"],
  },
  {
    place: "Lönsboda centrum",
    dn: 40,
    de: 20,
    category: "ordningsstorning",
    description: "Ungdomar som stör och kastar saker vid pizzerian.",
    monthsAgo: 1,
    day: 11,
    status: "mottagen",
    times: ["helg"],
  },
  {
    place: "Lönsboda centrum",
    dn: -20,
    de: 60,
    category: "buskorning",
    description: "EPA-traktorer kör i hög fart runt torget sent på kvällen.",
    monthsAgo: 2,
    day: 6,
    status: "under_utredning",
    times: ["kvall", "natt", "helg"],
  },
];

/** A photo drawn by the seed: shapes on a plain scene, nothing real. */
async function drawPhoto(kind: NonNullable<Demo["photo"]>, seed: number): Promise<Buffer> {
  const w = 800;
  const h = 600;
  const px = Buffer.alloc(w * h * 3);
  const rnd = random(seed);
  const set = (x: number, y: number, r: number, g: number, b: number) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const i = (y * w + x) * 3;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
  };
  const rect = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number]) => {
    for (let y = Math.max(0, y0); y < Math.min(h, y1); y++) for (let x = Math.max(0, x0); x < Math.min(w, x1); x++) set(x, y, ...c);
  };
  const dark = kind === "lamp";
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sky = y < h * 0.55;
      const base = dark ? (sky ? 18 + y / 20 : 35) : sky ? 150 + y / 8 : 110;
      set(x, y, base * (sky ? 0.8 : 1), base * (sky ? 0.9 : 1), sky ? base + (dark ? 20 : 60) : base * 0.9);
    }
  if (kind === "lamp") {
    rect(380, 120, 392, 460, [70, 70, 75]);
    rect(340, 110, 430, 128, [80, 80, 85]);
    rect(600, 150, 610, 460, [70, 70, 75]);
    for (let y = 160; y < 200; y++) for (let x = 570; x < 640; x++) if ((x - 605) ** 2 + (y - 180) ** 2 < 400) set(x, y, 250, 230, 150);
    rect(0, 460, w, 480, [60, 58, 55]);
  } else if (kind === "graffiti") {
    rect(60, 140, 740, 520, [190, 180, 170]);
    for (let k = 0; k < 14; k++) {
      const c: [number, number, number] = [Math.floor(rnd() * 200), Math.floor(rnd() * 200), Math.floor(rnd() * 200)];
      const y0 = 180 + Math.floor(rnd() * 280);
      for (let x = 100; x < 700; x++) {
        const y = y0 + Math.round(Math.sin((x + k * 37) / (20 + k)) * 25);
        rect(x, y, x + 3, y + 9, c);
      }
    }
  } else if (kind === "litter") {
    for (let k = 0; k < 60; k++) {
      const x = Math.floor(rnd() * w);
      const y = Math.floor(h * 0.6 + rnd() * h * 0.38);
      const c: [number, number, number] = [Math.floor(120 + rnd() * 135), Math.floor(rnd() * 200), Math.floor(rnd() * 120)];
      rect(x, y, x + 8 + Math.floor(rnd() * 30), y + 5 + Math.floor(rnd() * 18), c);
    }
  } else {
    for (let k = 0; k < 40; k++) {
      const cx = Math.floor(rnd() * w);
      const cy = Math.floor(h * 0.35 + rnd() * h * 0.5);
      const r = 30 + Math.floor(rnd() * 70);
      const g = 70 + Math.floor(rnd() * 80);
      for (let y = cy - r; y < cy + r; y++) for (let x = cx - r; x < cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) set(x, y, 30, g, 35);
    }
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The demo's report references: DEM00001 … (readable, and stable for tests and the accessibility sweep). */
export function demoRef(n: number): string {
  return `DEM${String(n).padStart(5, "0")}`;
}

/** The station's dark footpath (public, open, with a photo and +1s) and the report waiting for review. */
export const DEMO_REFS = { footpath: demoRef(1), pending: demoRef(21), narkotika: demoRef(1001) };

function offset(lat: number, lon: number, dn: number, de: number): { lat: number; lon: number } {
  return { lat: lat + dn / 111_320, lon: lon + de / (111_320 * Math.cos((lat * Math.PI) / 180)) };
}

function monthsAgoDate(now: Date, months: number, day: number): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day, 19, 30));
  return d;
}

export async function seedReportsDemo(db: Kysely<DB>, tenantId: string, deps: DemoDeps = {}): Promise<void> {
  const existing = await db.selectFrom("reports").select("id").where("tenant_id", "=", tenantId).limit(1).executeTakeFirst();
  if (existing) return;
  const [places, orgs, areas, tenant] = await Promise.all([
    listPlaces(db, tenantId),
    listOrganisations(db, tenantId),
    db.selectFrom("areas").select(["id", "name", "geometry"]).where("tenant_id", "=", tenantId).execute(),
    db.selectFrom("tenants").select("boundary").where("id", "=", tenantId).executeTakeFirstOrThrow(),
  ]);
  const geo = buildGeography(tenant.boundary, areas);
  const org = (name: string) => orgs.find((o) => o.name === name)?.id ?? null;
  const kommun = org("Kommunledningsförvaltningen");
  const sbf = org("Samhällsbyggnadsförvaltningen");
  const polis = org("Polisen, lokalpolisområde Hässleholm");
  if (kommun) await upsertRule(db, tenantId, { category: null, area_id: null, organisation_id: kommun });
  if (sbf)
    for (const c of ["belysning", "vaxtlighet", "klotter", "nedskrapning", "trafik"])
      await upsertRule(db, tenantId, { category: c, area_id: null, organisation_id: sbf });
  if (polis)
    for (const c of ["narkotika", "ordningsstorning", "buskorning"]) await upsertRule(db, tenantId, { category: c, area_id: null, organisation_id: polis });
  const label = (id: string | null) => orgs.find((o) => o.id === id)?.name ?? "Osby kommun";
  const routeOf = (category: string) =>
    ["narkotika", "ordningsstorning", "buskorning"].includes(category)
      ? polis
      : ["belysning", "vaxtlighet", "klotter", "nedskrapning", "trafik"].includes(category)
        ? sbf
        : kommun;
  const now = new Date();
  const rnd = random(1273);
  const byCategoryPerson = new Map(DEFAULT_CATEGORIES.map((c) => [c.code, c.kind === "person"]));
  const created: ReportRow[] = [];

  async function add(
    d: {
      place: string;
      dn: number;
      de: number;
      category: string;
      description: string;
      location?: string;
      times?: UnsafeTime[];
      unsafe?: boolean;
      contact?: boolean;
      pending?: boolean;
      open311?: boolean;
    },
    at: Date,
    ref: string,
  ): Promise<ReportRow | null> {
    const place = places.find((p) => p.name === d.place);
    if (!place) return null;
    const p = offset(place.lat, place.lon, d.dn, d.de);
    const sw = latLonToSweref(p.lat, p.lon);
    const organisation = routeOf(d.category);
    const r = await insertReport(db, tenantId, {
      ref,
      category: d.category,
      person_related: byCategoryPerson.get(d.category) ?? false,
      precision: "point",
      lat: p.lat,
      lon: p.lon,
      sweref_n: sw.n,
      sweref_e: sw.e,
      place_id: null,
      area_id: areaAt(geo, p.lat, p.lon),
      location_text: d.location ?? "",
      description: d.description,
      feels_unsafe: d.unsafe ?? null,
      unsafe_times: d.times ?? [],
      reporter_name: d.contact ? "Demo Invånare" : null,
      reporter_email: d.contact ? "invanare@osby.demo" : null,
      wants_updates: !!d.contact,
      organisation_id: organisation,
      visibility: d.pending ? "pending" : "public",
      source: d.open311 ? "open311" : "web",
      api_key_id: null,
      follow_token_hash: null,
      open311_token: null,
      external_media_url: null,
      created_at: at,
    });
    await insertUpdate(db, tenantId, r.id, {
      kind: "submitted",
      audience: "public",
      text: "",
      status_from: null,
      status_to: "mottagen",
      organisation_id: null,
      author_id: null,
      author_label: "",
      created_at: at,
    });
    if (organisation)
      await insertUpdate(db, tenantId, r.id, {
        kind: "routing",
        audience: "staff",
        text: "",
        status_from: null,
        status_to: null,
        organisation_id: organisation,
        author_id: null,
        author_label: "",
        created_at: at,
      });
    created.push(r);
    return r;
  }

  for (const [i, d] of REPORTS.entries()) {
    const at = new Date(now.getTime() - d.daysAgo * DAY - Math.floor(rnd() * 8) * 3_600_000);
    const r = await add(d, at, demoRef(i + 1));
    if (!r) continue;
    const status = d.status ?? "mottagen";
    let firstResponse: Date | null = null;
    for (const u of d.updates ?? []) {
      const when = new Date(at.getTime() + u.daysAfter * DAY);
      firstResponse ??= when;
      await insertUpdate(db, tenantId, r.id, {
        kind: u.kind ?? "public",
        audience: u.kind === "internal" ? "staff" : u.kind === "reply" ? "reporter" : "public",
        text: u.text,
        status_from: null,
        status_to: null,
        organisation_id: null,
        author_id: null,
        author_label: label(r.organisation_id),
        created_at: when,
      });
    }
    if (status !== "mottagen") {
      const when = new Date(at.getTime() + ((d.updates?.at(-1)?.daysAfter ?? 2) + 1) * DAY);
      firstResponse ??= when;
      const text = status === "avslutad" ? (d.reason ?? "") : status === "inte_vart_ansvar" ? (d.authority ?? "") : "";
      await insertUpdate(db, tenantId, r.id, {
        kind: "status",
        audience: "public",
        text,
        status_from: "mottagen",
        status_to: status,
        organisation_id: null,
        author_id: null,
        author_label: label(r.organisation_id),
        created_at: when,
      });
      await updateReport(db, tenantId, r.id, {
        status,
        status_reason: status === "avslutad" ? (d.reason ?? null) : null,
        other_authority: status === "inte_vart_ansvar" ? (d.authority ?? null) : null,
        first_response_at: firstResponse,
        closed_at: status === "under_utredning" ? null : when,
      });
    } else if (firstResponse) await updateReport(db, tenantId, r.id, { first_response_at: firstResponse });
    await db
      .updateTable("reports")
      .set({ updated_at: new Date(Math.min(now.getTime(), at.getTime() + 10 * DAY)) })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", r.id)
      .execute();
    for (let s = 0; s < (d.supports ?? 0); s++) {
      const t = new Date(at.getTime() + (s + 1) * 0.7 * DAY);
      await db
        .insertInto("report_supports")
        .values({ tenant_id: tenantId, report_id: r.id, unsafe_times: d.times ?? [], created_at: t, updated_at: t })
        .execute();
    }
    if (d.photo && deps.storage) {
      const bytes = await drawPhoto(d.photo, 100 + i);
      const out = await processPhoto(bytes);
      if (out.kind === "ok") {
        const base = `${tenantId}/reports/demo-${r.ref}`;
        const full = await deps.storage.put(`${base}.jpg`, out.data, out.contentType);
        const thumb = await deps.storage.put(`${base}-liten.jpg`, out.thumbnail, out.contentType);
        const fileId = await insertFile(db, tenantId, {
          storage_key: `${base}.jpg`,
          filename: "bild.jpg",
          content_type: out.contentType,
          size_bytes: full.size,
          sha256: full.sha256,
          created_by: null,
        });
        const thumbId = await insertFile(db, tenantId, {
          storage_key: `${base}-liten.jpg`,
          filename: "bild-liten.jpg",
          content_type: out.contentType,
          size_bytes: thumb.size,
          sha256: thumb.sha256,
          created_by: null,
        });
        await insertPhoto(db, tenantId, {
          report_id: r.id,
          draft_key_hash: null,
          file_id: fileId,
          thumb_file_id: thumbId,
          width: out.width,
          height: out.height,
          position: 0,
        });
      }
    }
  }

  // The second klotter report at the empty shop is a duplicate of the first.
  const original = created.find((r) => r.description.startsWith("Nytt klotter på fasaden"));
  const duplicate = created.find((r) => r.description.startsWith("Samma klotter"));
  if (original && duplicate) {
    const at = new Date(duplicate.created_at.getTime() + DAY);
    await updateReport(db, tenantId, duplicate.id, { status: "dubblett", duplicate_of: original.id, closed_at: at, first_response_at: at });
    await insertUpdate(db, tenantId, duplicate.id, {
      kind: "merge",
      audience: "public",
      text: original.ref,
      status_from: "mottagen",
      status_to: "dubblett",
      organisation_id: null,
      author_id: null,
      author_label: label(duplicate.organisation_id),
      created_at: at,
    });
  }
  // One report closed as fixed, then reopened by its reporter ("no, it is not fixed").
  const lamp = created.find((r) => r.description.startsWith("Mörkt vid busshållplatsen"));
  if (lamp) {
    await insertUpdate(db, tenantId, lamp.id, {
      kind: "reply",
      audience: "reporter",
      text: "Tack för rapporten! Elnätsbolaget har lovat att byta armaturen inom en vecka.",
      status_from: null,
      status_to: null,
      organisation_id: null,
      author_id: null,
      author_label: label(lamp.organisation_id),
      created_at: new Date(lamp.created_at.getTime() + 1.5 * DAY),
    });
    await insertUpdate(db, tenantId, lamp.id, {
      kind: "status",
      audience: "public",
      text: "Armaturen är bytt.",
      status_from: "under_utredning",
      status_to: "atgardad",
      organisation_id: null,
      author_id: null,
      author_label: label(lamp.organisation_id),
      created_at: new Date(lamp.created_at.getTime() + 4 * DAY),
    });
    await insertUpdate(db, tenantId, lamp.id, {
      kind: "resident",
      audience: "public",
      text: "notFixed",
      status_from: "atgardad",
      status_to: "under_utredning",
      organisation_id: null,
      author_id: null,
      author_label: "",
      created_at: new Date(lamp.created_at.getTime() + 5 * DAY),
    });
    await insertUpdate(db, tenantId, lamp.id, {
      kind: "internal",
      audience: "staff",
      text: "Ny felanmälan till elnätsbolaget, ärende 4471.",
      status_from: null,
      status_to: null,
      organisation_id: null,
      author_id: null,
      author_label: "Sara Samordnare",
      created_at: new Date(lamp.created_at.getTime() + 5.5 * DAY),
    });
  }

  for (const [i, d] of PERSON.entries()) {
    const at = monthsAgoDate(now, d.monthsAgo, d.day);
    const r = await add({ ...d, times: d.times }, at, demoRef(1001 + i));
    if (!r) continue;
    if (d.status !== "mottagen") {
      const when = new Date(at.getTime() + 2 * DAY);
      await insertUpdate(db, tenantId, r.id, {
        kind: "status",
        audience: "public",
        text: "",
        status_from: "mottagen",
        status_to: d.status,
        organisation_id: null,
        author_id: null,
        author_label: label(r.organisation_id),
        created_at: when,
      });
      await updateReport(db, tenantId, r.id, { status: d.status, first_response_at: when, closed_at: d.status === "atgardad" ? when : null });
    }
  }
  // A +1 on the dark footpath today as well.
  const first = created[0];
  if (first) await insertSupport(db, tenantId, first.id, ["kvall"]);
}
