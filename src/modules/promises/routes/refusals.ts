// The promises module's refusals as HTTP errors (platform/http/errors.ts `refusal` handles the
// common kinds and answers for pages and the API alike): each use-case outcome other than ok has
// its status, code and catalog message here, once.
import { fieldIssue, HttpError, type Refusal, refusal } from "../../../platform/http/errors.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { MAX_ATTACHMENTS } from "../service/activities.ts";

const sv = translator("sv");
const en = translator("en");

const PROMISE_REFUSALS: Record<string, (r: Refusal) => HttpError> = {
  unknownPromise: () => HttpError.of(404),
  wrongStatus: (r) => {
    const key = `promises.status.${r.status as string}`;
    return new HttpError(409, sv("promises.error.wrongStatus", { status: sv(key) }), en("promises.error.wrongStatus", { status: en(key) }), {
      code: "wrong_status",
    });
  },
  conflict: () => HttpError.of(409, "promises.error.conflict", undefined, { code: "version_conflict" }),
  incomplete: (r) => {
    const problems = r.problems as Array<{ code: string; parties?: Array<{ name: string }> }>;
    return HttpError.of(409, "promises.error.cannotSign", undefined, {
      code: "incomplete",
      fields: problems.map((p) =>
        p.code === "missingSignatories"
          ? fieldIssue("signatories", "promises.problem.missingSignatories", { parties: (p.parties ?? []).map((x) => x.name).join(", ") })
          : fieldIssue(p.code, `promises.problem.${p.code}`),
      ),
    });
  },
  missingSignatures: (r) => {
    const parties = (r.missing as Array<{ name: string }>).map((p) => p.name).join(", ");
    return HttpError.of(
      409,
      "promises.error.missingSignatures",
      { parties },
      {
        code: "missing_signatures",
        fields: [fieldIssue("signatories", "promises.error.missingSignatures", { parties })],
      },
    );
  },
  againstMeasurement: (r) => {
    const [first] = r.items as Array<{ verdict: string; conflict: { kind: string; suggested?: string } }>;
    const say = (tr: typeof sv) => {
      const verdict = tr(`promises.verdict.${first?.verdict ?? "uppfyllt"}`);
      return first?.conflict.kind === "differsFromMeasured"
        ? tr("promises.error.againstMeasurement", { verdict, suggested: tr(`promises.verdict.${first.conflict.suggested}`) })
        : tr("promises.error.againstMeasurementNoActivities", { verdict });
    };
    return new HttpError(409, say(sv), say(en), { code: "against_measurement" });
  },
  missingVerdicts: (r) => HttpError.of(409, "promises.error.missingVerdicts", { count: r.count as number }, { code: "missing_verdicts" }),
  hasActivities: (r) => HttpError.of(409, "promises.error.draftHasActivities", { count: r.count as number }, { code: "has_activities" }),
  draftExists: () => HttpError.of(409, "promises.flash.draftExists", undefined, { code: "draft_exists" }),
  ownerNotAParty: (r) => HttpError.of(409, "promises.error.ownerNotAParty", { owners: (r.owners as string[]).join(", ") }, { code: "owner_not_a_party" }),
  invalidOwner: () => HttpError.of(400, "promises.error.owner", undefined, { code: "validation", fields: [fieldIssue("owner", "promises.error.owner")] }),
  unknownOrganisations: () =>
    HttpError.of(400, "promises.error.organisations", undefined, {
      code: "validation",
      fields: [fieldIssue("responsible_organisation_ids", "promises.error.organisations")],
    }),
  forbidden: () => HttpError.of(403, "promises.error.forbidden"),
  badFile: (r) =>
    HttpError.of(
      400,
      "promises.error.badFile",
      { name: r.filename as string },
      {
        code: "validation",
        fields: [fieldIssue("attachments", "promises.error.badFile", { name: r.filename as string })],
      },
    ),
  tooManyFiles: () => HttpError.of(400, "promises.error.tooManyFiles", { max: MAX_ATTACHMENTS }, { code: "validation" }),
  dateOutsidePeriod: (r) => {
    const params = { from: r.validFrom as string, to: r.validTo as string };
    return HttpError.of(400, "promises.error.dateOutsidePeriod", params, {
      code: "validation",
      fields: [fieldIssue("occurred_on", "promises.error.dateOutsidePeriod", params)],
    });
  },
  dateInFuture: () =>
    HttpError.of(400, "promises.error.dateInFuture", undefined, { code: "validation", fields: [fieldIssue("occurred_on", "promises.error.dateInFuture")] }),
};

/** The HttpError for a refused promises use case. */
export function refused(r: Refusal): HttpError {
  return refusal(r, PROMISE_REFUSALS);
}
