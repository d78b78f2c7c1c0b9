// Reading the police's open events (https://polisen.se/api/events): a JSON array of
// { id, datetime, name, summary, url, type, location: { name, gps } }. Pure functions; every real
// quirk of the feed is handled here and has a test (parse.test.ts):
//
//   - `datetime` is the publication time, its hour often not zero-padded
//     ("2023-03-27 7:18:18 +02:00");
//   - the event's own time is only in `name` ("27 mars 07.18, Skadegörelse, Osby"), with ":"
//     before 2023-11-09 and "." after, and no year: the year is the one that puts the time
//     closest to the publication (events near New Year: "31 december 23.50" published
//     2024-01-01 00:20 is 2023-12-31). A name time more than an hour after the publication is a
//     slip of the police's; then, and when the name has no readable time, the publication time is
//     used (time source "publicering");
//   - `type` can itself contain a comma ("Rån, försök"), so the municipality is the last
//     comma-separated part of `name`, never the third;
//   - `location.gps` is the centroid of the municipality or county, never the incident: events are
//     area-level and no position is kept;
//   - names differ in case ("Östra göinge"); later payloads may give only the county ("Skåne län")
//     in `location`, with the municipality surviving only as the last part of `name`.
//
// One bad event never stops the rest: it is reported with its position, id and the reason.
import { createHash } from "node:crypto";
import { stockholmLocalToInstant, stockholmParts } from "../domain/time.ts";

export type Municipality = { kommunkod: string; name: string; lan: string };

/** Lookup of Sweden's municipalities and counties by normalised name. */
export type Places = { municipalities: Map<string, Municipality>; counties: Set<string> };

/** "Östra göinge" → "östra göinge"; "Malung-Sälen" → "malung sälen". */
export function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-\u2010-\u2015]/g, " ")
    .replace(/\s+/g, " ");
}

export function placesOf(list: Iterable<Municipality>): Places {
  const municipalities = new Map<string, Municipality>();
  const counties = new Set<string>();
  for (const m of list) {
    municipalities.set(normaliseName(m.name), m);
    counties.add(normaliseName(m.lan));
  }
  return { municipalities, counties };
}

export type TimeSource = "namn" | "publicering";

export type PoliceEvent = {
  /** Position in the payload (0-based). */
  index: number;
  policeId: number;
  publishedAt: Date;
  occurredAt: Date;
  timeSource: TimeSource;
  type: string;
  summary: string;
  /** Absolute address of the event on polisen.se, when it has one. */
  url: string | null;
  /** `location.name` as given. */
  locationName: string;
  /** The municipality the event is about, or null for county-level (or unknown) events. */
  municipality: Municipality | null;
  /** The county the event is about (of the municipality, or named), or null when unknown. */
  county: string | null;
  raw: unknown;
  /** SHA-256 of the event's canonical JSON: a changed version has another hash. */
  hash: string;
};

export type Unparseable = { index: number; policeId: number | null; reason: string };

export type ParsedPayload = { kind: "ok"; events: PoliceEvent[]; unparseable: Unparseable[] } | { kind: "notAList"; found: string };

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})\s*([+-])(\d{2}):?(\d{2})$/;

/** The publication time of `datetime` ("2023-03-27 7:18:18 +02:00"), or null. */
export function parsePublished(text: string): Date | null {
  const m = DATETIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 60) return null;
  const sign = m[7] === "-" ? -1 : 1;
  const offset = sign * (Number(m[8]) * 60 + Number(m[9]));
  const utc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - offset * 60_000;
  const check = new Date(Date.UTC(y!, mo! - 1, d!));
  if (check.getUTCMonth() !== mo! - 1) return null; // 2023-02-30
  return new Date(utc);
}

const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];
const NAME_TIME = /^(\d{1,2})\s+([a-zåäö]+)\s+(\d{1,2})[.:](\d{2})$/i;

/** Day, month (1–12), hour and minute of the time at the start of `name`, or null. */
export function nameTime(name: string): { day: number; month: number; hour: number; minute: number } | null {
  const first = name.split(",")[0]?.trim() ?? "";
  const m = NAME_TIME.exec(first);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  const [day, hour, minute] = [Number(m[1]), Number(m[3]), Number(m[4])];
  if (month === 0 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return { day, month, hour, minute };
}

const HOUR = 3_600_000;

/**
 * The event's time: the name's day and time in the year that puts it closest to the publication,
 * or the publication itself when the name has no readable time, names a day that does not exist
 * in that year, or lies more than an hour after the publication.
 */
export function eventTime(name: string, published: Date): { at: Date; source: TimeSource } {
  const t = nameTime(name);
  if (!t) return { at: published, source: "publicering" };
  const y = Number(stockholmParts(published).date.slice(0, 4));
  let best: Date | null = null;
  for (const year of [y - 1, y, y + 1]) {
    const probe = new Date(Date.UTC(year, t.month - 1, t.day));
    if (probe.getUTCMonth() !== t.month - 1) continue; // 29 februari in a common year
    const at = stockholmLocalToInstant(year, t.month, t.day, t.hour, t.minute);
    if (!best || Math.abs(at.getTime() - published.getTime()) < Math.abs(best.getTime() - published.getTime())) best = at;
  }
  if (!best || best.getTime() > published.getTime() + HOUR) return { at: published, source: "publicering" };
  return { at: best, source: "namn" };
}

/** Canonical JSON (keys sorted at every level), so the same event always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "en lista";
  if (typeof v === "object") return "ett objekt";
  return typeof v === "string" ? `texten "${v.slice(0, 40)}"` : `${typeof v} ${String(v)}`;
}

/** Where the event is: the municipality of `location.name` or of the last part of `name`, else the county. */
export function whereOf(locationName: string, name: string, places: Places): { municipality: Municipality | null; county: string | null } {
  const last = name.split(",").at(-1)?.trim() ?? "";
  for (const candidate of [locationName, last]) {
    const m = places.municipalities.get(normaliseName(candidate));
    if (m) return { municipality: m, county: m.lan };
  }
  for (const candidate of [locationName, last]) {
    const n = normaliseName(candidate);
    if (places.counties.has(n)) return { municipality: null, county: candidate.trim() };
  }
  return { municipality: null, county: null };
}

const str = (v: unknown): v is string => typeof v === "string";

/** One event, or the reason it cannot be read. */
export function parseEvent(raw: unknown, index: number, places: Places): PoliceEvent | Unparseable {
  const fail = (reason: string, policeId: number | null = null): Unparseable => ({ index, policeId, reason });
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return fail(`händelsen är ${describe(raw)}, inte ett objekt`);
  const o = raw as Record<string, unknown>;
  const id = o.id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) return fail(`id saknas eller är inte ett positivt heltal (${describe(id)})`);
  if (!str(o.datetime)) return fail(`datetime saknas (${describe(o.datetime)})`, id);
  const published = parsePublished(o.datetime);
  if (!published) return fail(`datetime går inte att läsa: "${o.datetime.slice(0, 40)}"`, id);
  if (!str(o.name) || !o.name.trim()) return fail("name saknas", id);
  if (!str(o.type) || !o.type.trim()) return fail("type saknas", id);
  if (o.type.length > 200) return fail("type är längre än 200 tecken", id);
  const loc = o.location;
  if (!loc || typeof loc !== "object" || !str((loc as Record<string, unknown>).name) || !(loc as { name: string }).name.trim())
    return fail("location.name saknas", id);
  if (o.summary !== undefined && o.summary !== null && !str(o.summary)) return fail(`summary är ${describe(o.summary)}, inte text`, id);
  if (o.url !== undefined && o.url !== null && !str(o.url)) return fail(`url är ${describe(o.url)}, inte text`, id);
  const locationName = (loc as { name: string }).name.trim();
  const { at, source } = eventTime(o.name, published);
  const { municipality, county } = whereOf(locationName, o.name, places);
  return {
    index,
    policeId: id,
    publishedAt: published,
    occurredAt: at,
    timeSource: source,
    type: o.type.trim(),
    summary: str(o.summary) ? o.summary.trim().slice(0, 4000) : "",
    url: absoluteUrl(o.url),
    locationName,
    municipality,
    county,
    raw,
    hash: createHash("sha256").update(canonicalJson(raw)).digest("hex"),
  };
}

/** The event's address on polisen.se: relative addresses are the police's own; only http(s) is kept. */
export function absoluteUrl(url: unknown): string | null {
  if (!str(url) || !url.trim()) return null;
  try {
    const u = new URL(url.trim(), "https://polisen.se");
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Every event of a payload (the parsed JSON), the unreadable ones with their reasons. */
export function parsePayload(json: unknown, places: Places): ParsedPayload {
  if (!Array.isArray(json)) return { kind: "notAList", found: describe(json) };
  const events: PoliceEvent[] = [];
  const unparseable: Unparseable[] = [];
  const seen = new Set<number>();
  json.forEach((raw, i) => {
    const e = parseEvent(raw, i, places);
    if ("reason" in e) unparseable.push(e);
    else if (seen.has(e.policeId)) unparseable.push({ index: i, policeId: e.policeId, reason: "samma id förekommer tidigare i filen" });
    else {
      seen.add(e.policeId);
      events.push(e);
    }
  });
  return { kind: "ok", events, unparseable };
}
