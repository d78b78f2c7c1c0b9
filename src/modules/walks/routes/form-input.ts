// Turn the flat fields of the HTML forms into the shapes the zod schemas (shared with the API)
// validate, and their issues back into one message per input. Repeated stop rows use names like
// "stops.2.name", which are also the issue paths, so messages land on the right input; empty
// rows are dropped.
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { type FieldErrors, field, fields } from "../../../platform/http/forms.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { readRows, type RowsProblem } from "../../../platform/http/form-rows.ts";
import { PARTICIPANT_GROUPS } from "../domain/categories.ts";
import { STOP_ROWS } from "../pages/plan.ts";

/** A number typed by a person ("56,3985", " 20 "); empty → null; not a number → the text (zod then says so). */
export function numberInput(s: string): number | string | null {
  const v = s.trim().replace(/\s/g, "").replace(",", ".");
  if (v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : s;
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);
const yesNo = (s: string) => (s === "ja" ? true : s === "nej" ? false : null);

/**
 * The plan form as the schema's shape, and `rename` to put an issue of the n-th filled stop row
 * back on the form's row (empty rows are skipped, so the indices differ).
 */
export function planFromForm(body: unknown): { data: Record<string, unknown>; rename: (path: string) => string; rowsProblem: RowsProblem | null } {
  const b = (body ?? {}) as Record<string, unknown>;
  // The stop rows, bounded: an index the form cannot have sent is refused, never read.
  const read = readRows(b, STOP_ROWS, (r) => !(r.name ?? "").trim() && !(r.lat ?? "").trim() && !(r.lon ?? "").trim() && !(r.note ?? "").trim());
  const stops = read.rows.map(({ values: r }) => ({
    id: orNull(r.id ?? ""),
    name: r.name ?? "",
    lat: numberInput(r.lat ?? "") ?? undefined,
    lon: numberInput(r.lon ?? "") ?? undefined,
    note: r.note ?? "",
  }));
  const rows = read.rows.map((r) => r.index);
  let route: unknown = null;
  const routeText = field(b, "route").trim();
  if (routeText) {
    try {
      route = JSON.parse(routeText);
    } catch {
      route = "—";
    }
  }
  const cap = numberInput(field(b, "signup_cap"));
  const version = numberInput(field(b, "version"));
  const data = {
    kind: field(b, "kind"),
    title: field(b, "title"),
    place_id: orNull(field(b, "place_id")),
    meeting_point: field(b, "meeting_point"),
    lat: numberInput(field(b, "lat")),
    lon: numberInput(field(b, "lon")),
    date: orNull(field(b, "date")) ?? undefined,
    start_time: orNull(field(b, "start_time")) ?? undefined,
    end_time: orNull(field(b, "end_time")) ?? undefined,
    purpose: field(b, "purpose"),
    organisers: lines(field(b, "organisers")),
    decision_makers: lines(field(b, "decision_makers")),
    invited_organisation_ids: fields(b, "invited_organisation_ids"),
    accessibility_note: field(b, "accessibility_note"),
    ...(cap === null ? {} : { signup_cap: cap }),
    captures_feelings: field(b, "captures_feelings") === "on",
    stops,
    route,
    promise_id: orNull(field(b, "promise_id")),
    ...(version === null ? {} : { version }),
  };
  const rename = (path: string) => {
    const m = /^stops\.(\d+)(\..*)?$/.exec(path);
    if (!m) return path === "invited_organisation_ids" || path.startsWith("invited_organisation_ids.") ? "invited_organisation_ids" : path.split(".")[0]!;
    const row = rows[Number(m[1])];
    return row === undefined ? "stops" : `stops.${row}${m[2] ?? ".name"}`;
  };
  return { data, rename, rowsProblem: read.problem };
}

export function observationFromForm(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    stop_id: orNull(field(b, "stop_id")),
    lat: numberInput(field(b, "lat")),
    lon: numberInput(field(b, "lon")),
    category: orNull(field(b, "category")),
    unsafe: yesNo(field(b, "unsafe")),
    unsafe_for: field(b, "unsafe_for"),
    description: field(b, "description"),
    proposed_measure: field(b, "proposed_measure"),
    urgency: orNull(field(b, "urgency")),
    follows_action_id: orNull(field(b, "follows_action_id")),
    resolved: yesNo(field(b, "resolved")),
    confirmed_not_names: fields(b, "confirmed_not_names"),
  };
}

export function participantsFromForm(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const participants: Record<string, unknown> = {};
  for (const g of PARTICIPANT_GROUPS) participants[g] = numberInput(field(b, g)) ?? 0;
  return { participants, version: numberInput(field(b, "version")) };
}

export function versionOf(body: unknown): number {
  const n = Number(field(body, "version"));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The form's fields as strings (for showing the form again with what the person typed). */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === "_csrf") continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === "string") out[k] = v[0];
  }
  return out;
}

/** All form fields, repeated ones as arrays. */
export function formValuesAll(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === "_csrf") continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/** Validate a form's shape with the shared schema; issues become one message per input in the reader's language. */
export function validateForm<T extends z.ZodType>(
  schema: T,
  data: unknown,
  req: FastifyRequest,
  rename: (path: string) => string = (p) => p,
): { ok: true; value: z.output<T> } | { ok: false; errors: FieldErrors } {
  const r = validateBilingual(schema, data);
  if (r.ok) return r;
  const errors: FieldErrors = {};
  for (const i of r.issues) {
    const key = rename(i.field);
    if (!(key in errors)) errors[key] = req.locale === "en" ? i.message_en : i.message;
  }
  return { ok: false, errors };
}
