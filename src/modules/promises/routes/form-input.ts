// Turn the flat fields of the HTML forms into the objects the zod schemas (shared with the API)
// validate, and zod issues back into field messages keyed by input name. Repeated rows use
// names like "findings.2.text", which are also the issue paths, so messages land on the right
// input; empty rows are dropped.
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { KOMMUNEN, partyKey, POLISEN } from "../domain/lifecycle.ts";
import { field, fields } from "../../../platform/http/forms.ts";

/** A number typed by a person ("1,5", " 20 "); empty → null; not a number → the text (zod then says so). */
export function numberInput(s: string): number | string | null {
  const v = s.trim().replace(/\s/g, "").replace(",", ".");
  if (v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : s;
}

function textOrNull(s: string): string | null {
  return s.trim() === "" ? null : s;
}

function lines(s: string): string[] {
  return s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Row indices present in the body for a prefix ("findings" → [0, 1, 2]). */
function rowIndices(body: Record<string, unknown>, prefix: string): number[] {
  const set = new Set<number>();
  for (const k of Object.keys(body)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(k);
    if (m) set.add(Number(m[1]));
  }
  return [...set].sort((a, b) => a - b);
}

export const FORM_ROWS_EXTRA = 2;

export type PartyFields = { party_kommunen: string; party_polisen: string; other_parties: string };

export function documentFromForm(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const parties: Array<{ key: string; name: string }> = [];
  const kommun = field(b, "party_kommunen").trim();
  const polis = field(b, "party_polisen").trim();
  if (kommun) parties.push({ key: KOMMUNEN, name: kommun });
  if (polis) parties.push({ key: POLISEN, name: polis });
  for (const name of lines(field(b, "other_parties"))) parties.push({ key: partyKey(name), name });

  // Keep each row's index so that its messages point at its inputs.
  const findings: unknown[] = [];
  for (const i of rowIndices(b, "findings")) {
    const text = field(b, `findings.${i}.text`);
    const ref = field(b, `findings.${i}.ref_url`);
    if (!text.trim() && !ref.trim()) continue;
    findings[i] = { text, source: field(b, `findings.${i}.source`), ref_url: textOrNull(ref) };
  }
  const signatories: unknown[] = [];
  for (const i of rowIndices(b, "signatories")) {
    const name = field(b, `signatories.${i}.name`);
    const title = field(b, `signatories.${i}.title`);
    const org = field(b, `signatories.${i}.organisation`);
    if (!name.trim() && !title.trim() && !org.trim()) continue;
    signatories[i] = {
      name,
      title,
      organisation: org,
      party: field(b, `signatories.${i}.party`),
      signed_on: textOrNull(field(b, `signatories.${i}.signed_on`)),
    };
  }
  const out: Record<string, unknown> = {
    title: field(b, "title"),
    valid_from: textOrNull(field(b, "valid_from")) ?? undefined,
    valid_to: textOrNull(field(b, "valid_to")) ?? undefined,
    introduction: field(b, "introduction"),
    focus_areas: lines(field(b, "focus_areas")),
    parties,
    findings: compact(findings),
    signatories: compact(signatories),
    signing_place: textOrNull(field(b, "signing_place")),
    signed_on: textOrNull(field(b, "signed_on")),
    agreement_title: textOrNull(field(b, "agreement_title")),
    agreement_url: textOrNull(field(b, "agreement_url")),
    stated_promise_count: numberInput(field(b, "stated_promise_count")),
    source_note: textOrNull(field(b, "source_note")),
  };
  if (field(b, "version") !== "") out.version = numberInput(field(b, "version"));
  // Row positions after compaction → the form's row names, for mapping messages back.
  out[ROWS] = {
    findings: rowIndices(b, "findings")
      .filter((i) => findings[i] !== undefined)
      .map((i) => `findings.${i}`),
    signatories: rowIndices(b, "signatories")
      .filter((i) => signatories[i] !== undefined)
      .map((i) => `signatories.${i}`),
  };
  return out;
}

/** Key under which form converters leave the row map for validateForm. */
const ROWS = "__rows";

function compact<T>(xs: T[]): T[] {
  return xs.filter((x) => x !== undefined);
}

export function promiseFromForm(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {
    text: field(b, "text"),
    owner: field(b, "owner"),
    focus_area: textOrNull(field(b, "focus_area")),
    responsible_organisation_ids: fields(b, "responsible_organisation_ids").filter(Boolean),
    target_quantity: numberInput(field(b, "target_quantity")),
    target_unit: textOrNull(field(b, "target_unit")),
    target_period: textOrNull(field(b, "target_period")),
    target_metric: textOrNull(field(b, "target_metric")),
    planned_activities: field(b, "planned_activities"),
    status: textOrNull(field(b, "status")) ?? undefined,
  };
  if (field(b, "version") !== "") out.version = numberInput(field(b, "version"));
  return out;
}

export function activityFromForm(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const outcomes: unknown[] = [];
  const rows: string[] = [];
  const metric = field(b, "metric_label").trim();
  const metricValue = numberInput(field(b, "metric_value"));
  if (metric && metricValue !== null) {
    outcomes.push({ label: metric, value: metricValue });
    rows.push("metric_value");
  }
  for (const i of rowIndices(b, "outcomes")) {
    const label = field(b, `outcomes.${i}.label`);
    const value = numberInput(field(b, `outcomes.${i}.value`));
    if (!label.trim() && value === null) continue;
    outcomes.push({ label, value });
    rows.push(`outcomes.${i}`);
  }
  return {
    [ROWS]: { outcomes: rows },
    promise_id: field(b, "promise_id"),
    title: field(b, "title"),
    occurred_on: textOrNull(field(b, "occurred_on")) ?? undefined,
    description: field(b, "description"),
    place_name: textOrNull(field(b, "place_name")),
    lat: numberInput(field(b, "lat")),
    lon: numberInput(field(b, "lon")),
    outcomes,
  };
}

/**
 * Validate with the shared schema; on failure, one message per input name in the reader's
 * language. Row paths are mapped back to the row numbers of the form.
 */
export function validateForm<T extends z.ZodType>(
  schema: T,
  input: Record<string, unknown>,
  req: FastifyRequest,
  remap: (path: string) => string = (p) => p,
): { ok: true; value: z.output<T> } | { ok: false; errors: FieldErrors } {
  const { [ROWS]: rowMap, ...data } = input;
  const r = validateBilingual(schema, data);
  if (r.ok) return r;
  const rows = (rowMap ?? {}) as Record<string, string[]>;
  const errors: FieldErrors = {};
  for (const i of r.issues) {
    let path = i.field;
    const m = /^([a-z_]+)\.(\d+)(\..*)?$/.exec(path);
    const mapped = m ? rows[m[1]!]?.[Number(m[2])] : undefined;
    if (m && mapped) path = mapped.includes(".") ? `${mapped}${m[3] ?? ""}` : mapped;
    path = remap(path);
    if (!(path in errors)) errors[path] = req.locale === "en" ? i.message_en : i.message;
  }
  return { ok: false, errors };
}

/** Messages on parties belong to the party inputs of the document form. */
export function remapDocumentPath(path: string): string {
  if (path === "parties" || path === "parties.0.name" || path === "parties.0.key") return "party_kommunen";
  if (path.startsWith("parties.")) return "other_parties";
  if (path.startsWith("focus_areas")) return "focus_areas";
  return path;
}
