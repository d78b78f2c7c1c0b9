// Where the sun is at a place and time, and so whether it is light, twilight or dark during a
// walk. The algorithm is NOAA's solar calculator (after Jean Meeus, "Astronomical Algorithms"):
// the sun's declination and the equation of time from the Julian century, then the hour angle
// at the place. Accurate to about a minute for sunrise and sunset at Swedish latitudes between
// 1900 and 2100 (tested against Paul Schlyter's published tables), which is what "will it be dark"
// needs. Pure: no clock, no I/O.
//
// Definitions used (as the almanacs use them):
//   sunrise/sunset: the upper limb on the horizon with standard refraction, the centre at −0.833°;
//   civil twilight: the centre between −0.833° and −6° — "skymning" (or gryning in the morning);
//   dark ("mörkt"): the centre below −6°, when street lighting is what people see by.

const RAD = Math.PI / 180;
const DAY_MS = 86_400_000;

/** The sun's centre at these altitudes (degrees). */
export const SUNRISE_ALTITUDE = -0.833;
export const CIVIL_TWILIGHT_ALTITUDE = -6;

export type Light = "ljust" | "skymning" | "morkt";

function julianDay(ms: number): number {
  return ms / DAY_MS + 2_440_587.5;
}

/** Declination (degrees) and equation of time (minutes) at an instant. */
function solarCoordinates(ms: number): { declination: number; equationOfTime: number } {
  const t = (julianDay(ms) - 2_451_545) / 36_525;
  const l0 = (((280.46646 + t * (36_000.76983 + t * 0.0003032)) % 360) + 360) % 360;
  const m = 357.52911 + t * (35_999.05029 - 0.0001537 * t);
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const c =
    Math.sin(m * RAD) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.sin(2 * m * RAD) * (0.019993 - 0.000101 * t) + Math.sin(3 * m * RAD) * 0.000289;
  const trueLongitude = l0 + c;
  const omega = 125.04 - 1934.136 * t;
  const lambda = trueLongitude - 0.00569 - 0.00478 * Math.sin(omega * RAD);
  const seconds = 21.448 - t * (46.815 + t * (0.00059 - t * 0.001813));
  const epsilon0 = 23 + (26 + seconds / 60) / 60;
  const epsilon = epsilon0 + 0.00256 * Math.cos(omega * RAD);
  const declination = Math.asin(Math.sin(epsilon * RAD) * Math.sin(lambda * RAD)) / RAD;
  const y = Math.tan((epsilon / 2) * RAD) ** 2;
  const eqRad =
    y * Math.sin(2 * l0 * RAD) -
    2 * e * Math.sin(m * RAD) +
    4 * e * y * Math.sin(m * RAD) * Math.cos(2 * l0 * RAD) -
    0.5 * y * y * Math.sin(4 * l0 * RAD) -
    1.25 * e * e * Math.sin(2 * m * RAD);
  return { declination, equationOfTime: (4 * eqRad) / RAD };
}

/** The geometric altitude of the sun's centre (degrees above the horizon, no refraction). */
export function solarAltitude(at: Date, lat: number, lon: number): number {
  const ms = at.getTime();
  const { declination, equationOfTime } = solarCoordinates(ms);
  const minutesUtc = (((ms % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
  const trueSolarTime = (((minutesUtc + equationOfTime + 4 * lon) % 1440) + 1440) % 1440;
  const hourAngle = trueSolarTime / 4 - 180;
  const cosZenith = Math.sin(lat * RAD) * Math.sin(declination * RAD) + Math.cos(lat * RAD) * Math.cos(declination * RAD) * Math.cos(hourAngle * RAD);
  return 90 - Math.acos(Math.max(-1, Math.min(1, cosZenith))) / RAD;
}

/** Light at an instant: the sun up, civil twilight, or darker. */
export function lightAt(at: Date, lat: number, lon: number): Light {
  const h = solarAltitude(at, lat, lon);
  if (h > SUNRISE_ALTITUDE) return "ljust";
  if (h > CIVIL_TWILIGHT_ALTITUDE) return "skymning";
  return "morkt";
}

/** UTC midnight (ms) of a civil date "YYYY-MM-DD". */
function utcMidnight(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** Solar noon of the local day around `approxMs` (UTC ms), for longitude `lon`. */
function solarNoon(dayUtc: number, lon: number): number {
  let noon = dayUtc + (720 - 4 * lon) * 60_000;
  for (let i = 0; i < 2; i++) noon = dayUtc + (720 - 4 * lon - solarCoordinates(noon).equationOfTime) * 60_000;
  return noon;
}

export type Crossing = { kind: "time"; at: Date } | { kind: "always"; above: boolean };

/**
 * When the sun's centre crosses `altitude` rising ("morning") or setting ("evening") on the solar
 * day of `date` (a calendar date; the day's solar noon is taken at the place's longitude), or
 * `always` when it stays above (midnight sun) or below (polar night) all day. Iterated three
 * times with the sun's position at the event itself.
 */
export function altitudeCrossing(date: string, lat: number, lon: number, altitude: number, side: "morning" | "evening"): Crossing {
  const noon = solarNoon(utcMidnight(date), lon);
  let event = noon;
  for (let i = 0; i < 3; i++) {
    const { declination, equationOfTime } = solarCoordinates(event);
    const cosH = (Math.sin(altitude * RAD) - Math.sin(lat * RAD) * Math.sin(declination * RAD)) / (Math.cos(lat * RAD) * Math.cos(declination * RAD));
    if (cosH > 1) return { kind: "always", above: false };
    if (cosH < -1) return { kind: "always", above: true };
    const hourAngle = Math.acos(cosH) / RAD;
    const dayUtc = utcMidnight(date);
    const noonHere = dayUtc + (720 - 4 * lon - equationOfTime) * 60_000;
    event = noonHere + (side === "morning" ? -1 : 1) * 4 * hourAngle * 60_000;
  }
  return { kind: "time", at: new Date(Math.round(event / 1000) * 1000) };
}

export type SunDay = {
  sunrise: Crossing;
  sunset: Crossing;
  /** The end of civil twilight in the evening (from then on it is dark). */
  dusk: Crossing;
  /** The start of civil twilight in the morning. */
  dawn: Crossing;
};

export function sunDay(date: string, lat: number, lon: number): SunDay {
  return {
    sunrise: altitudeCrossing(date, lat, lon, SUNRISE_ALTITUDE, "morning"),
    sunset: altitudeCrossing(date, lat, lon, SUNRISE_ALTITUDE, "evening"),
    dawn: altitudeCrossing(date, lat, lon, CIVIL_TWILIGHT_ALTITUDE, "morning"),
    dusk: altitudeCrossing(date, lat, lon, CIVIL_TWILIGHT_ALTITUDE, "evening"),
  };
}

export type WalkLight = {
  /** Light when the walk starts and when it ends. */
  atStart: Light;
  atEnd: Light;
  /** The darkest it gets during the walk (sampled every five minutes). */
  darkest: Light;
  day: SunDay;
};

const ORDER: Record<Light, number> = { ljust: 0, skymning: 1, morkt: 2 };

/** The light during a walk from `startsAt` to `endsAt` at the place, and the sun's times that day. */
export function walkLight(startsAt: Date, endsAt: Date, lat: number, lon: number, localDate: string): WalkLight {
  const atStart = lightAt(startsAt, lat, lon);
  const atEnd = lightAt(endsAt, lat, lon);
  let darkest: Light = ORDER[atStart] >= ORDER[atEnd] ? atStart : atEnd;
  const step = 5 * 60_000;
  for (let ms = startsAt.getTime() + step; ms < endsAt.getTime() && darkest !== "morkt"; ms += step) {
    const l = lightAt(new Date(ms), lat, lon);
    if (ORDER[l] > ORDER[darkest]) darkest = l;
  }
  return { atStart, atEnd, darkest, day: sunDay(localDate, lat, lon) };
}
