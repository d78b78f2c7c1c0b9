// Reading the report form: everything as the resident typed it (to show again), and the draft
// the use case checks. Coordinates typed by hand may use a decimal comma.
import { field, fields } from "../../../platform/http/forms.ts";
import { parseCoordinate } from "../domain/location.ts";
import type { FormValues } from "../pages/submit.ts";
import type { LocationInput, Problem, ReportDraft } from "../service/reports.ts";
import { UNSAFE_TIMES, type UnsafeTime } from "../tables.ts";

const SINGLE = [
  "category",
  "lat",
  "lon",
  "place_id",
  "area_id",
  "location_text",
  "description",
  "feels_unsafe",
  "name",
  "email",
  "wants_updates",
  "skip_similar",
];

export function reportFormValues(body: unknown): FormValues {
  const out: FormValues = {};
  for (const k of SINGLE) out[k] = field(body, k);
  out.unsafe_times = fields(body, "unsafe_times");
  out.confirmed_not_names = fields(body, "confirmed_not_names");
  return out;
}

export type FormDraft = { draft: Omit<ReportDraft, "location">; location: LocationInput | null; problems: Problem[] };

export function draftFromForm(values: FormValues): FormDraft {
  const s = (k: string) => {
    const x = values[k];
    return (Array.isArray(x) ? x[0] : x) ?? "";
  };
  const problems: Problem[] = [];
  let location: LocationInput | null = null;
  const latText = s("lat").trim();
  const lonText = s("lon").trim();
  if (latText || lonText) {
    const lat = parseCoordinate(latText);
    const lon = parseCoordinate(lonText);
    if (lat === null) problems.push({ field: "lat", key: "reports.error.coordinate", params: { example: "56,3812" } });
    if (lon === null) problems.push({ field: "lon", key: "reports.error.coordinate", params: { example: "13,9948" } });
    if (lat !== null && lon !== null) location = { kind: "point", lat, lon };
  } else if (s("place_id")) location = { kind: "place", placeId: s("place_id") };
  else if (s("area_id")) location = { kind: "area", areaId: s("area_id") };
  else problems.push({ field: "location", key: "reports.error.locationMissing" });
  const times = Array.isArray(values.unsafe_times) ? values.unsafe_times : [];
  const unknownTime = times.find((x) => !(UNSAFE_TIMES as readonly string[]).includes(x));
  if (unknownTime) problems.push({ field: "unsafe_times", key: "reports.error.unsafeTimes" });
  const feels = s("feels_unsafe");
  if (feels && feels !== "ja" && feels !== "nej") problems.push({ field: "feels_unsafe", key: "reports.error.feelsUnsafe" });
  const email = s("email").trim();
  return {
    problems,
    location,
    draft: {
      category: s("category").trim(),
      locationText: s("location_text"),
      description: s("description"),
      feelsUnsafe: feels === "ja" ? true : feels === "nej" ? false : null,
      unsafeTimes: UNSAFE_TIMES.filter((x) => times.includes(x)) as UnsafeTime[],
      name: s("name").trim() || null,
      email: email || null,
      wantsUpdates: s("wants_updates") === "ja",
      confirmedNotNames: Array.isArray(values.confirmed_not_names) ? values.confirmed_not_names : [],
    },
  };
}
