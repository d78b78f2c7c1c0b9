// The EST part of the Osby demo: a year (ISO weeks 2024-W01 … 2024-W52) of plausible partner
// reports, synthetic police-style events, weekly meetings with targeted places and insatser —
// from a seeded generator (mulberry32, seed 1273), so every seed gives the same demo. Pure: no
// database (seed.ts writes it). What is real and what is not is in PROVENANCE.md.
//
// The model, in short (numbers are choices for a plausible small municipality, not statistics):
//   - 8–26 reports a week: a base of 13, more in summer (weeks 24–33, ×1.5) and around New Year,
//     more on weekend evenings; 70 % at or near the demo's named places, the rest spread in Osby
//     and Lönsboda, a few in the villages;
//   - categories by fixed weights (litter, graffiti and vandalism most common), each place with
//     its own leaning (the station: gatherings, graffiti; the shopping area: reckless riding);
//   - three planted patterns the lägesbild should find: a graffiti wave at Stationsparken in
//     weeks 10–20 that falls after an insats from week 21, persistent litter at Torget, and a
//     growing cluster of reckless riding at Handelsområdet from week 30 (an emerging hot spot);
//   - about 3 % duplicates of another report (merged by the coordinator), reviews of everything
//     older than two weeks;
//   - one meeting a week (Tuesday after the week), focus areas from the week's largest categories,
//     2–3 targeted places, an insats most weeks at the place with most reports, done with an
//     outcome when its period is over (the last weeks' still decided or under way);
//   - police-style events, ~3 a week, in the feed's own format (their quirks included: unpadded
//     hours, "Skåne län" as location with the municipality last in the name, types with commas),
//     ids from 900 000 000 and every summary saying it is synthetic.
import { daysFromCivil, latLonToSweref, swerefToLatLon } from "../../../analysis/index.ts";
import { isoDate, mondayOfWeek, parseWeek, stockholmLocalToInstant } from "../domain/time.ts";

export const DEMO_SEED = 1273;
export const DEMO_YEAR = 2024;

/** mulberry32: a small, well-distributed seeded generator. */
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

/** A demo place: made up for the EST demo, near the real town centres (precision 150 m). */
export type DemoPlace = {
  key: string;
  name: string;
  kind: "centrum" | "park" | "skola" | "idrott" | "handel" | "station";
  lat: number;
  lon: number;
  polygon?: boolean;
  lean: Record<string, number>;
};

const OSBY = { lat: 56.3797, lon: 13.995 };
const LONSBODA = { lat: 56.3969, lon: 14.3189 };

export const DEMO_PLACES: DemoPlace[] = [
  {
    key: "torget",
    name: "Torget i Osby (demo)",
    kind: "centrum",
    lat: OSBY.lat + 0.001,
    lon: OSBY.lon - 0.001,
    polygon: true,
    lean: { nedskrapning: 3, paverkade_personer: 2, otrygghetsskapande_samling: 1.5 },
  },
  {
    key: "stationsparken",
    name: "Stationsparken (demo)",
    kind: "park",
    lat: OSBY.lat + 0.0025,
    lon: OSBY.lon + 0.0035,
    lean: { klotter: 2, otrygghetsskapande_samling: 2, narkotika: 2 },
  },
  {
    key: "skolan",
    name: "Skolområdet i Osby (demo)",
    kind: "skola",
    lat: OSBY.lat - 0.005,
    lon: OSBY.lon - 0.006,
    lean: { skadegorelse: 2, ungdomar_stor: 2, klotter: 1.5 },
  },
  {
    key: "idrotten",
    name: "Idrottsplatsen i Osby (demo)",
    kind: "idrott",
    lat: OSBY.lat + 0.006,
    lon: OSBY.lon - 0.008,
    lean: { skadegorelse: 1.5, nedskrapning: 1.5, arrangemang: 3 },
  },
  {
    key: "handeln",
    name: "Handelsområdet i Osby (demo)",
    kind: "handel",
    lat: OSBY.lat - 0.003,
    lon: OSBY.lon + 0.011,
    lean: { buskorning: 3, fortkorning: 2, inbrott: 1.5 },
  },
  {
    key: "lonsboda-skola",
    name: "Lönsboda skola (demo)",
    kind: "skola",
    lat: LONSBODA.lat - 0.003,
    lon: LONSBODA.lon + 0.004,
    lean: { skadegorelse: 2, klotter: 2 },
  },
  {
    key: "lonsboda-parken",
    name: "Parken i Lönsboda (demo)",
    kind: "park",
    lat: LONSBODA.lat + 0.002,
    lon: LONSBODA.lon - 0.003,
    lean: { otrygghetsskapande_samling: 2, paverkade_personer: 1.5, otrygg_plats: 2 },
  },
];

/** The square polygon of a polygon place: about 140 × 110 m around its point. */
export function placePolygon(p: DemoPlace): { type: "Polygon"; coordinates: number[][][] } {
  const c = latLonToSweref(p.lat, p.lon);
  const ring = [
    [-70, -55],
    [70, -55],
    [70, 55],
    [-70, 55],
    [-70, -55],
  ].map(([de, dn]) => {
    const q = swerefToLatLon(c.n + dn!, c.e + de!);
    return [Math.round(q.lon * 1e6) / 1e6, Math.round(q.lat * 1e6) / 1e6];
  });
  return { type: "Polygon", coordinates: [ring] };
}

const WEIGHTS: Record<string, number> = {
  nedskrapning: 18,
  klotter: 14,
  skadegorelse: 14,
  otrygg_plats: 6,
  otrygghetsskapande_samling: 8,
  ungdomar_stor: 8,
  narkotika: 4,
  paverkade_personer: 6,
  brak_vald: 3,
  hot_mot_personal: 2,
  inbrott: 2,
  brand: 2,
  buskorning: 6,
  fortkorning: 4,
  ryktesspridning: 1,
  arrangemang: 1,
  ovrigt: 1,
};

/** The organisations reporting (names of the Osby demo's organisations) and their shares. */
export const REPORTING_ORGS: Array<{ name: string; share: number }> = [
  { name: "Osbybostäder AB", share: 0.35 },
  { name: "Samhällsbyggnadsförvaltningen", share: 0.2 },
  { name: "Bevakningsbolaget Nordost AB (demo)", share: 0.2 },
  { name: "Räddningstjänsten", share: 0.1 },
  { name: "Polisen, lokalpolisområde Hässleholm", share: 0.15 },
];

const DESCRIPTIONS: Record<string, string[]> = {
  nedskrapning: ["Mycket skräp och flaskor kvar efter helgen.", "Överfulla papperskorgar, skräp har blåst ut.", "Nedskräpat vid bänkarna."],
  klotter: ["Nytt klotter på väggen mot gångvägen.", "Klotter på elskåp och skylt.", "Taggar på busskuren."],
  skadegorelse: ["Sönderslagen glasruta i busskuren.", "Belysningsstolpe skadad.", "Parkbänk sönderbruten."],
  otrygg_plats: ["Trasig gatubelysning, mörkt längs gångvägen.", "Buskar skymmer sikten vid passagen."],
  otrygghetsskapande_samling: ["Grupp samlades sent på kvällen, höga ljud.", "Samling vid entrén, boende uppger att de känner sig otrygga."],
  ungdomar_stor: ["Ungdomar störde ordningen, kastade saker.", "Stökigt vid entrén under kvällen."],
  narkotika: ["Misstänkt överlämning vid bänkarna.", "Lukt av cannabis i trapphuset."],
  paverkade_personer: ["Berusade personer vid torget under eftermiddagen.", "Påverkad person sov på bänken."],
  brak_vald: ["Bråk mellan några personer, ingen skadad enligt uppgift."],
  hot_mot_personal: ["Personal blev hotad verbalt vid stängning."],
  inbrott: ["Inbrott i förråd, dörren uppbruten."],
  brand: ["Brand i papperskorg, släckt."],
  buskorning: ["Mopeder kör på gångbanan.", "A-traktorer kör i hög fart runt parkeringen."],
  fortkorning: ["Bilar kör fort förbi skolan."],
  ryktesspridning: ["Rykten i sociala medier om bråk i helgen."],
  arrangemang: ["Match med mycket publik, trafik och skräp efteråt."],
  ovrigt: ["Övergivna cyklar och skräp vid cykelstället."],
};

export type DemoReport = {
  seq: number;
  week: number;
  occurredFrom: Date;
  occurredTo: Date | null;
  category: string;
  placeKey: string | null;
  lat: number;
  lon: number;
  setting: "utomhus" | "gemensamt_utrymme";
  description: string;
  assessment: "ja" | "nej" | "osakert";
  people: "" | "1" | "2-4" | "5-9" | "10-19" | "20+";
  org: string;
  /** seq of the report this one repeats (a duplicate the coordinator merged), or null. */
  duplicateOf: number | null;
};

export type DemoInsats = {
  seq: number;
  meetingWeek: number;
  title: string;
  description: string;
  placeKey: string;
  org: string;
  startsOn: string;
  endsOn: string;
  categories: string[];
  comparisonKey: string | null;
  /** Keyword of the 2024 promise it serves, or null. */
  promise: string | null;
  outcome: string;
};

export type DemoMeeting = {
  week: number;
  heldOn: string;
  focus: string[];
  targets: Array<{ org: string; placeKey: string; note: string }>;
  insatser: DemoInsats[];
};

export type DemoData = { reports: DemoReport[]; meetings: DemoMeeting[]; policePayload: unknown[]; places: DemoPlace[] };

function pick<T>(rnd: () => number, items: readonly T[], weight: (x: T) => number): T {
  let total = 0;
  for (const x of items) total += weight(x);
  let r = rnd() * total;
  for (const x of items) {
    r -= weight(x);
    if (r <= 0) return x;
  }
  return items[items.length - 1] as T;
}

/** A point within `metres` of (lat, lon), uniformly in the disc. */
function jitter(rnd: () => number, lat: number, lon: number, metres: number): { lat: number; lon: number } {
  const c = latLonToSweref(lat, lon);
  const r = metres * Math.sqrt(rnd());
  const a = 2 * Math.PI * rnd();
  const p = swerefToLatLon(c.n + r * Math.cos(a), c.e + r * Math.sin(a));
  return { lat: Math.round(p.lat * 1e6) / 1e6, lon: Math.round(p.lon * 1e6) / 1e6 };
}

/** Weekday (0 = Monday) and minutes after midnight, evening- and weekend-heavy. */
function when(rnd: () => number): { weekday: number; minutes: number } {
  const weekday = pick(rnd, [0, 1, 2, 3, 4, 5, 6], (d) => (d >= 4 ? 1.6 : 1));
  const hour = pick(
    rnd,
    Array.from({ length: 24 }, (_, h) => h),
    (h) => (h >= 18 || h <= 1 ? 3 : h >= 8 && h <= 17 ? 1.5 : 0.4),
  );
  return { weekday, minutes: hour * 60 + Math.floor(rnd() * 60) };
}

const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];
const POLICE_TYPES = [
  "Trafikolycka",
  "Skadegörelse",
  "Stöld",
  "Brand",
  "Rattfylleri",
  "Misshandel",
  "Narkotikabrott",
  "Ordningslagen",
  "Trafikolycka, singel",
  "Stöld/inbrott",
  "Rån, försök",
  "Fylleri/LOB",
];

export function generateDemo(seed = DEMO_SEED): DemoData {
  const rnd = mulberry32(seed);
  const first = parseWeek(`${DEMO_YEAR}-W01`) as number;
  const reports: DemoReport[] = [];
  const meetings: DemoMeeting[] = [];
  const police: unknown[] = [];
  const cats = Object.keys(WEIGHTS);
  let seq = 0;
  let policeId = 900_000_000;
  for (let k = 0; k < 52; k++) {
    const week = first + k;
    const monday = mondayOfWeek(week);
    const isoWeek = k + 1;
    const season = isoWeek >= 24 && isoWeek <= 33 ? 1.5 : isoWeek >= 51 || isoWeek <= 1 ? 1.3 : 1;
    const n = Math.max(8, Math.min(26, Math.round(13 * season + (rnd() - 0.5) * 8)));
    const planted: Array<{ placeKey: string; category: string; count: number }> = [];
    if (isoWeek >= 10 && isoWeek <= 20) planted.push({ placeKey: "stationsparken", category: "klotter", count: 3 + Math.floor(rnd() * 3) });
    if (isoWeek >= 23 && isoWeek <= 26) planted.push({ placeKey: "stationsparken", category: "klotter", count: Math.floor(rnd() * 2) });
    planted.push({ placeKey: "torget", category: "nedskrapning", count: 1 + Math.floor(rnd() * 2) });
    if (isoWeek >= 30 && isoWeek <= 44)
      planted.push({ placeKey: "handeln", category: "buskorning", count: Math.min(7, 1 + Math.floor((isoWeek - 29) / 2) + Math.floor(rnd() * 2)) });
    const make = (category: string, placeKey: string | null, lat: number, lon: number) => {
      const w = when(rnd);
      const day = monday + w.weekday;
      const date = isoDate(day).split("-").map(Number) as [number, number, number];
      const from = stockholmLocalToInstant(date[0], date[1], date[2], Math.floor(w.minutes / 60), w.minutes % 60);
      const span = rnd() < 0.15;
      const personish = ["otrygghetsskapande_samling", "ungdomar_stor", "paverkade_personer", "brak_vald", "buskorning"].includes(category);
      const descs = DESCRIPTIONS[category] ?? ["Händelse på platsen."];
      reports.push({
        seq: seq++,
        week,
        occurredFrom: from,
        occurredTo: span ? new Date(from.getTime() + (30 + Math.floor(rnd() * 150)) * 60_000) : null,
        category,
        placeKey,
        lat,
        lon,
        setting: rnd() < 0.12 ? "gemensamt_utrymme" : "utomhus",
        description: rnd() < 0.85 ? (descs[Math.floor(rnd() * descs.length)] as string) : "",
        assessment: personish ? (rnd() < 0.75 ? "ja" : "osakert") : rnd() < 0.4 ? "ja" : rnd() < 0.7 ? "nej" : "osakert",
        people: personish ? (pick(rnd, ["2-4", "5-9", "10-19", "1"] as const, (x) => (x === "2-4" ? 4 : x === "5-9" ? 3 : 1)) as DemoReport["people"]) : "",
        org: pick(rnd, REPORTING_ORGS, (o) => o.share).name,
        duplicateOf: null,
      });
    };
    for (const pl of planted) {
      const place = DEMO_PLACES.find((p) => p.key === pl.placeKey)!;
      for (let i = 0; i < pl.count; i++) {
        const pt = jitter(rnd, place.lat, place.lon, 60);
        make(pl.category, place.key, pt.lat, pt.lon);
      }
    }
    for (let i = 0; i < n; i++) {
      const u = rnd();
      if (u < 0.7) {
        const place = pick(rnd, DEMO_PLACES, (p) => (p.key.startsWith("lonsboda") ? 0.6 : 1));
        const category = pick(rnd, cats, (c) => (WEIGHTS[c] ?? 1) * (place.lean[c] ?? 1));
        const pt = jitter(rnd, place.lat, place.lon, 180);
        make(category, rnd() < 0.6 ? place.key : null, pt.lat, pt.lon);
      } else if (u < 0.95) {
        const centre = rnd() < 0.7 ? OSBY : LONSBODA;
        const pt = jitter(rnd, centre.lat, centre.lon, 1200);
        make(
          pick(rnd, cats, (c) => WEIGHTS[c] ?? 1),
          null,
          pt.lat,
          pt.lon,
        );
      } else {
        const village = pick(
          rnd,
          [
            { lat: 56.4748, lon: 14.0984 },
            { lat: 56.475, lon: 14.285 },
            { lat: 56.42, lon: 13.84 },
          ],
          () => 1,
        );
        const pt = jitter(rnd, village.lat, village.lon, 500);
        make(
          pick(rnd, cats, (c) => WEIGHTS[c] ?? 1),
          null,
          pt.lat,
          pt.lon,
        );
      }
    }
    // Duplicates: another organisation reports the same incident.
    const thisWeek = reports.filter((r) => r.week === week && r.duplicateOf === null);
    for (const r of thisWeek) {
      if (rnd() < 0.03) {
        const pt = jitter(rnd, r.lat, r.lon, 40);
        reports.push({
          ...r,
          seq: seq++,
          lat: pt.lat,
          lon: pt.lon,
          occurredFrom: new Date(r.occurredFrom.getTime() + 20 * 60_000),
          org: REPORTING_ORGS[(REPORTING_ORGS.findIndex((o) => o.name === r.org) + 1) % REPORTING_ORGS.length]!.name,
          duplicateOf: r.seq,
        });
      }
    }
    // Police-style events (synthetic), 1–5 a week.
    const events = 1 + Math.floor(rnd() * 5);
    for (let i = 0; i < events; i++) {
      const w = when(rnd);
      const day = monday + w.weekday;
      const [y, mo, d] = isoDate(day).split("-").map(Number) as [number, number, number];
      const at = stockholmLocalToInstant(y, mo, d, Math.floor(w.minutes / 60), w.minutes % 60);
      const published = new Date(at.getTime() + (20 + Math.floor(rnd() * 300)) * 60_000);
      const type = POLICE_TYPES[Math.floor(rnd() * POLICE_TYPES.length)] as string;
      const hh = Math.floor(w.minutes / 60);
      const mm = String(w.minutes % 60).padStart(2, "0");
      const countyOnly = rnd() < 0.2;
      police.push({
        id: policeId++,
        datetime: policeDatetime(published),
        name: `${d} ${MONTHS[mo - 1]} ${String(hh).padStart(2, "0")}.${mm}, ${type}, Osby`,
        summary: `Syntetisk demohändelse (inte från polisen): ${type.toLowerCase()} i Osby kommun.`,
        url: "",
        type,
        location: countyOnly ? { name: "Skåne län", gps: "55.990257,13.595769" } : { name: "Osby", gps: "56.380054,13.994608" },
      });
    }
    // The meeting about this week, on the Tuesday after it.
    const heldOn = isoDate(monday + 8);
    const counts = new Map<string, number>();
    for (const r of reports.filter((x) => x.week === week && x.duplicateOf === null)) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([c]) => c);
    const byPlace = new Map<string, number>();
    for (const r of reports.filter((x) => x.week === week && x.placeKey)) byPlace.set(r.placeKey as string, (byPlace.get(r.placeKey as string) ?? 0) + 1);
    const hotPlaces = [...byPlace].sort((a, b) => b[1] - a[1]).map(([p]) => p);
    const targets = hotPlaces.slice(0, 2 + Math.floor(rnd() * 2)).map((placeKey, i) => ({
      org: ["Bevakningsbolaget Nordost AB (demo)", "Samhällsbyggnadsförvaltningen", "Polisen, lokalpolisområde Hässleholm"][i % 3] as string,
      placeKey,
      note: ["Extra rondering kvällstid.", "Städning och översyn av belysning.", "Synlig närvaro fredag och lördag kväll."][i % 3] as string,
    }));
    const insatser: DemoInsats[] = [];
    // "Next week" after the meeting (held on the Tuesday of week + 1) is week + 2.
    const nextMonday = mondayOfWeek(week + 2);
    if (isoWeek === 20) {
      insatser.push({
        seq: 0,
        meetingWeek: week,
        title: "Klottersanering och kvällsrondering i Stationsparken",
        description: "Samhällsbyggnadsförvaltningen sanerar klottret inom 24 timmar; bevakningen ronderar parken varje kväll.",
        placeKey: "stationsparken",
        org: "Samhällsbyggnadsförvaltningen",
        // From the day after the meeting until the end of week 28 (the summer, when graffiti peaks).
        startsOn: isoDate(monday + 9),
        endsOn: isoDate(nextMonday + 48),
        // Sanering and rondering act on graffiti and vandalism alike.
        categories: ["klotter", "skadegorelse"],
        // The school area: graffiti and vandalism there too, in the same town, and no insats of its own then.
        comparisonKey: "skolan",
        promise: "mörka",
        outcome: "Klottret sanerat inom ett dygn nio gånger; rondering 44 kvällar. Inget nytt klotter de sista tre veckorna.",
      });
    } else if (hotPlaces[0] && rnd() < 0.75) {
      const placeKey = hotPlaces[0];
      const place = DEMO_PLACES.find((p) => p.key === placeKey)!;
      const org =
        placeKey === "handeln"
          ? "Polisen, lokalpolisområde Hässleholm"
          : pick(rnd, ["Bevakningsbolaget Nordost AB (demo)", "Samhällsbyggnadsförvaltningen", "Osbybostäder AB"], () => 1);
      const cat = top[0] ?? "nedskrapning";
      insatser.push({
        seq: 0,
        meetingWeek: week,
        title: `${org.startsWith("Polisen") ? "Riktad polisiär närvaro" : org.startsWith("Samhälls") ? "Översyn och städning" : "Förstärkt rondering"} vid ${place.name.replace(" (demo)", "")}`,
        description: "",
        placeKey,
        org,
        startsOn: isoDate(nextMonday),
        endsOn: isoDate(nextMonday + 6),
        categories: [cat],
        comparisonKey: null,
        promise: org.startsWith("Polisen") ? "synlighet" : rnd() < 0.5 ? "trygga vuxna" : null,
        outcome: org.startsWith("Polisen") ? "Närvaro tre kvällar, kontakt med ungdomar och fordonskontroller." : "Genomfört enligt plan.",
      });
    }
    meetings.push({ week, heldOn, focus: top.map((c) => FOCUS[c] ?? "otrygga miljöer"), targets, insatser });
  }
  return { reports, meetings, policePayload: police, places: DEMO_PLACES };
}

const FOCUS: Record<string, string> = {
  nedskrapning: "nedskräpning i centrum",
  klotter: "klotter och skadegörelse",
  skadegorelse: "klotter och skadegörelse",
  otrygg_plats: "otrygga miljöer",
  otrygghetsskapande_samling: "otrygghetsskapande samlingar",
  ungdomar_stor: "ungdomar kvällstid",
  narkotika: "droganvändning",
  paverkade_personer: "påverkade personer i centrum",
  buskorning: "buskörning och trafik",
  fortkorning: "trafikbrott",
};

/** The feed's own datetime format: Swedish offset, hour without leading zero. */
function policeDatetime(at: Date): string {
  const offset = at.getTime() >= summerStart(at.getUTCFullYear()) && at.getTime() < summerEnd(at.getUTCFullYear()) ? 2 : 1;
  const local = new Date(at.getTime() + offset * 3_600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())} ${local.getUTCHours()}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} +0${offset}:00`;
}

function lastSundayUtc(year: number, month: number): number {
  const last = daysFromCivil(year, month + 1, 1) - 1;
  const weekday = (((last + 3) % 7) + 7) % 7;
  return (last - ((weekday + 1) % 7)) * 86_400_000 + 3_600_000;
}
function summerStart(y: number): number {
  return lastSundayUtc(y, 3);
}
function summerEnd(y: number): number {
  return lastSundayUtc(y, 10);
}
