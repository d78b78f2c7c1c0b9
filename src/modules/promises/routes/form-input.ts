// Turn the flat fields of the HTML forms into the objects the zod schemas (shared with the API)
// validate, and zod issues back into field messages keyed by input name. Repeated rows use
// names like "findings.2.text", which are also the issue paths, so messages land on the right
// input; empty rows are dropped. Rows are read with the platform's bounded row reader
// (platform/http/form-rows.ts): a row index the form cannot have sent is refused with a message,
// never allocated or rendered.
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { type FieldErrors, field, fields, mergeErrors } from "../../../platform/http/forms.ts";
import { type FormRow, type RowsSpec, readRows, rowsProblemMessage } from "../../../platform/http/form-rows.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { KOMMUNEN, partyKey, POLISEN } from "../domain/lifecycle.ts";
import { FINDING_ROWS, OUTCOME_ROWS, SIGNATORY_ROWS } from "../pages/forms.ts";

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

/**
 * A form converted for its schema: the data to validate, the form's row names in the order the
 * rows reach the schema (to map "findings.0" of the data back to "findings.3" of the form), and
 * problems found while reading (too many rows, impossible row numbers).
 */
export type FormInput = { data: Record<string, unknown>; rows: Record<string, string[]>; errors: FieldErrors };

/** Read a group of rows; a problem becomes a message on the group's name (its fieldset in the form). */
function rowsOf(
  body: unknown,
  spec: RowsSpec,
  label: string,
  t: Translate,
  errors: FieldErrors,
  isBlank?: (row: Readonly<Record<string, string>>) => boolean,
): FormRow[] {
  const r = readRows(body, spec, isBlank);
  if (r.problem) errors[spec.prefix] = rowsProblemMessage(t, r.problem, label, spec.max);
  return r.rows;
}

export function documentFromForm(body: unknown, t: Translate): FormInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const parties: Array<{ key: string; name: string }> = [];
  const kommun = field(b, "party_kommunen").trim();
  const polis = field(b, "party_polisen").trim();
  if (kommun) parties.push({ key: KOMMUNEN, name: kommun });
  if (polis) parties.push({ key: POLISEN, name: polis });
  for (const name of lines(field(b, "other_parties"))) parties.push({ key: partyKey(name), name });

  // A row counts when something was typed into it (the source and party choices alone do not).
  const findings = rowsOf(b, FINDING_ROWS, t("promises.doc.findings"), t, errors, (r) => !r.text?.trim() && !r.ref_url?.trim());
  const signatories = rowsOf(b, SIGNATORY_ROWS, t("promises.doc.signatures"), t, errors, (r) => !r.name?.trim() && !r.title?.trim() && !r.organisation?.trim());
  const data: Record<string, unknown> = {
    title: field(b, "title"),
    valid_from: textOrNull(field(b, "valid_from")) ?? undefined,
    valid_to: textOrNull(field(b, "valid_to")) ?? undefined,
    introduction: field(b, "introduction"),
    focus_areas: lines(field(b, "focus_areas")),
    parties,
    findings: findings.map(({ values: r }) => ({ text: r.text ?? "", source: r.source ?? "", ref_url: textOrNull(r.ref_url ?? "") })),
    signatories: signatories.map(({ values: r }) => ({
      name: r.name ?? "",
      title: r.title ?? "",
      organisation: r.organisation ?? "",
      party: r.party ?? "",
      signed_on: textOrNull(r.signed_on ?? ""),
    })),
    signing_place: textOrNull(field(b, "signing_place")),
    signed_on: textOrNull(field(b, "signed_on")),
    agreement_title: textOrNull(field(b, "agreement_title")),
    agreement_url: textOrNull(field(b, "agreement_url")),
    stated_promise_count: numberInput(field(b, "stated_promise_count")),
    source_note: textOrNull(field(b, "source_note")),
  };
  if (field(b, "version") !== "") data.version = numberInput(field(b, "version"));
  return {
    data,
    rows: { findings: findings.map((r) => `findings.${r.index}`), signatories: signatories.map((r) => `signatories.${r.index}`) },
    errors,
  };
}

export function promiseFromForm(body: unknown): FormInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const data: Record<string, unknown> = {
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
  if (field(b, "version") !== "") data.version = numberInput(field(b, "version"));
  return { data, rows: {}, errors: {} };
}

export function activityFromForm(body: unknown, t: Translate): FormInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const outcomes: unknown[] = [];
  const rows: string[] = [];
  const metric = field(b, "metric_label").trim();
  const metricValue = numberInput(field(b, "metric_value"));
  if (metric && metricValue !== null) {
    outcomes.push({ label: metric, value: metricValue });
    rows.push("metric_value");
  }
  for (const { index, values } of rowsOf(b, OUTCOME_ROWS, t("promises.activity.outcomes"), t, errors)) {
    outcomes.push({ label: values.label ?? "", value: numberInput(values.value ?? "") });
    rows.push(`outcomes.${index}`);
  }
  return {
    data: {
      promise_id: field(b, "promise_id"),
      title: field(b, "title"),
      occurred_on: textOrNull(field(b, "occurred_on")) ?? undefined,
      description: field(b, "description"),
      place_name: textOrNull(field(b, "place_name")),
      lat: numberInput(field(b, "lat")),
      lon: numberInput(field(b, "lon")),
      outcomes,
    },
    rows: { outcomes: rows },
    errors,
  };
}

/** A form of a few plain fields (no rows), validated with an API schema as it is. */
export function plainInput(data: Record<string, unknown>): FormInput {
  return { data, rows: {}, errors: {} };
}

/**
 * Validate with the shared schema; on failure, one message per input name in the reader's
 * language. Row paths are mapped back to the row numbers of the form. Problems found while
 * reading the form, and `extra` messages from business rules checked alongside (dates inside the
 * period, an owner that is a party …), are reported in the same answer, so one submit shows
 * every problem. Any message at all means not ok.
 */
export function validateForm<T extends z.ZodType>(
  schema: T,
  input: FormInput,
  req: FastifyRequest,
  opts: { remap?: (path: string) => string; extra?: FieldErrors } = {},
): { ok: true; value: z.output<T> } | { ok: false; errors: FieldErrors } {
  const r = validateBilingual(schema, input.data);
  const schemaErrors: FieldErrors = {};
  if (!r.ok) {
    for (const i of r.issues) {
      let path = i.field;
      const m = /^([a-z_]+)\.(\d+)(\..*)?$/.exec(path);
      const mapped = m ? input.rows[m[1]!]?.[Number(m[2])] : undefined;
      if (m && mapped) path = mapped.includes(".") ? `${mapped}${m[3] ?? ""}` : mapped;
      path = opts.remap ? opts.remap(path) : path;
      if (!(path in schemaErrors)) schemaErrors[path] = req.locale === "en" ? i.message_en : i.message;
    }
  }
  const errors = mergeErrors(input.errors, schemaErrors, opts.extra);
  if (r.ok && Object.keys(errors).length === 0) return { ok: true, value: r.value };
  return { ok: false, errors };
}

/** Messages on parties belong to the party inputs of the document form. */
export function remapDocumentPath(path: string): string {
  if (path === "parties" || path === "parties.0.name" || path === "parties.0.key") return "party_kommunen";
  if (path.startsWith("parties.")) return "other_parties";
  if (path.startsWith("focus_areas")) return "focus_areas";
  return path;
}
