// The Osby demo's named places: the five localities of Osby kommun with an approximate centre
// point and how exact it is (precision_m). Sources and caveats per place are in PROVENANCE.md —
// these are not an official gazetteer; a real installation loads Lantmäteriet's or SCB's names.
export type DemoPlace = { name: string; lat: number; lon: number; precisionM: number; source: string };

export const OSBY_PLACES: readonly DemoPlace[] = [
  { name: "Osby", lat: 56.3797, lon: 13.995, precisionM: 300, source: "sv.wikipedia.org: Osby köping (56°22′47″N 13°59′42″E), avrundad" },
  { name: "Lönsboda", lat: 56.3969, lon: 14.3189, precisionM: 500, source: "ungefärlig ortsmitt från allmän karta; ≈ 20 km öster om Osby enligt Wikipedia" },
  {
    name: "Killeberg",
    lat: 56.4748,
    lon: 14.0984,
    precisionM: 500,
    source: "Killebergs järnvägsstation (Södra stambanan) enligt öppna stationslistor (OpenStreetMap)",
  },
  { name: "Hökön", lat: 56.475, lon: 14.285, precisionM: 1500, source: "ungefärlig läge från allmän karta, vid banan Älmhult–Sölvesborg norr om Lönsboda" },
  {
    name: "Visseltofta",
    lat: 56.42,
    lon: 13.84,
    precisionM: 2000,
    source: "härlett: ”11 km nordväst om Osby” (Wikipedia) och öster om Vesljungasjön (HaV:s badplatsdata)",
  },
];
