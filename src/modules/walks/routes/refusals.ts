// The walks module's refusals, once: each use-case outcome other than ok as an HTTP error for the
// API (status, code, catalog message in Swedish and English, the field it concerns) and as field
// messages for the forms.
import { fieldIssue, HttpError, type Refusal, refusal } from "../../../platform/http/errors.ts";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { type Params, type Translate, translator } from "../../../platform/i18n/i18n.ts";
import type { Finding } from "../../../platform/privacy/screen.ts";

const sv = translator("sv");
const en = translator("en");

/** Outcome kind → [HTTP status, code, catalog key, field]. */
const TABLE: Record<string, [number, string, string, string | null]> = {
  unknownPlace: [400, "validation", "walks.error.unknownPlace", "place_id"],
  positionMissing: [400, "validation", "walks.error.positionMissing", "lat"],
  badTime: [400, "validation", "walks.error.time", "start_time"],
  tooLong: [400, "validation", "walks.error.tooLong", "end_time"],
  unknownOrganisations: [400, "validation", "walks.error.unknownOrganisations", "invited_organisation_ids"],
  unknownOrganisation: [400, "validation", "walks.error.unknownOrganisations", "organisation_id"],
  unknownPromise: [400, "validation", "walks.error.unknownPromise", "promise_id"],
  noStops: [409, "no_stops", "walks.error.noStops", null],
  missingOwners: [409, "missing_owners", "walks.error.missingOwners", null],
  draftsLeft: [409, "drafts_left", "walks.error.draftsLeft", null],
  noActions: [409, "no_actions", "walks.error.noActions", null],
  reasonRequired: [400, "validation", "walks.error.reasonRequired", "reason"],
  idTaken: [409, "id_taken", "walks.error.idTaken", "id"],
  unknownStop: [400, "validation", "walks.error.unknownStop", "stop_id"],
  unknownAction: [400, "validation", "walks.error.unknownAction", "follows_action_id"],
  feedbackRequired: [400, "feedback_required", "walks.error.feedbackRequired", "public_feedback"],
  forbidden: [403, "forbidden", "walks.error.forbidden", null],
  notStaff: [400, "validation", "walks.error.notStaff", "user_id"],
  empty: [400, "photo_empty", "walks.photo.error.empty", "photo"],
  tooLarge: [413, "photo_too_large", "walks.photo.error.tooLarge", "photo"],
  notAnImage: [415, "not_an_image", "walks.photo.error.notAnImage", "photo"],
  tooManyPixels: [400, "too_many_pixels", "walks.photo.error.tooManyPixels", "photo"],
  unreadable: [400, "photo_unreadable", "walks.photo.error.unreadable", "photo"],
};

function paramsOf(r: Refusal, t: Translate): Params {
  const p: Params = {};
  if (typeof r.status === "string") p.status = t(`walks.status.${r.status}`);
  if (Array.isArray(r.numbers)) p.numbers = (r.numbers as number[]).join(", ");
  if (typeof r.count === "number") p.count = r.count;
  if (typeof r.left === "number") p.left = r.left;
  if (typeof r.cap === "number") p.cap = r.cap;
  p.mb = 10;
  return p;
}

/** Findings of the personal-data screening, one message per field, and the likely names the writer may confirm. */
export function screeningMessages(t: Translate, fields: Record<string, Finding[]>): { errors: FieldErrors; names: string[] } {
  const errors: FieldErrors = {};
  const names: string[] = [];
  for (const [field, found] of Object.entries(fields)) {
    const certain = found.filter((f) => f.certain);
    if (certain.length) {
      errors[field] = t("walks.screening.certain", { found: certain.map((f) => `${t(`walks.screening.kind.${f.kind}`)} ”${f.text}”`).join(", ") });
    } else {
      errors[field] = t("walks.screening.names", { names: found.map((f) => `”${f.text}”`).join(", ") });
      for (const f of found) if (!names.includes(f.text)) names.push(f.text);
    }
  }
  return { errors, names };
}

/** The HttpError of a refused walks use case (API and pages alike). */
export function refused(r: Refusal): HttpError {
  if (r.kind === "personalData") {
    const fields = r.fields as Record<string, Finding[]>;
    const s = screeningMessages(sv, fields);
    const e = screeningMessages(en, fields);
    return new HttpError(422, sv("walks.screening.summary"), en("walks.screening.summary"), {
      code: r.certain ? "personal_data" : "possible_names",
      fields: Object.keys(s.errors).map((f) => ({ field: f, message: s.errors[f]!, message_en: e.errors[f]! })),
    });
  }
  if (r.kind === "wrongStatus") return HttpError.of(409, "walks.error.wrongStatus", paramsOf(r, sv), { code: "wrong_status" });
  if (r.kind === "conflict") return HttpError.of(409, "walks.error.conflict", undefined, { code: "version_conflict" });
  if (r.kind === "full") return HttpError.of(409, "walks.signup.fullError", paramsOf(r, sv), { code: "walk_full" });
  const row = TABLE[r.kind];
  if (!row) return refusal(r);
  const [status, code, key, field] = row;
  const params = paramsOf(r, sv);
  return new HttpError(status, sv(key, params), en(key, paramsOf(r, en)), { code, fields: field ? [fieldIssue(field, key, params)] : undefined });
}

/** A refusal as form messages: the field's message, or the form's. */
export function refusalMessages(t: Translate, r: Refusal): { errors?: FieldErrors; formError?: string; names?: string[] } {
  if (r.kind === "personalData") {
    const s = screeningMessages(t, r.fields as Record<string, Finding[]>);
    return { errors: s.errors, names: s.names, formError: t("walks.screening.summary") };
  }
  if (r.kind === "wrongStatus") return { formError: t("walks.error.wrongStatus", paramsOf(r, t)) };
  if (r.kind === "conflict") return { formError: t("walks.error.conflict") };
  if (r.kind === "full") return { formError: t("walks.signup.fullError", paramsOf(r, t)) };
  const row = TABLE[r.kind];
  if (!row) return { formError: t("walks.error.unexpected") };
  const [, , key, field] = row;
  const text = t(key, paramsOf(r, t));
  return field ? { errors: { [field]: text } } : { formError: text };
}

/** The HTTP status a refusal is shown with on a page. */
export function refusalStatus(r: Refusal): number {
  if (r.kind === "personalData") return 422;
  if (r.kind === "wrongStatus" || r.kind === "conflict" || r.kind === "full") return 409;
  return TABLE[r.kind]?.[0] ?? 400;
}
