// zod schemas of the promises module: request bodies (shared by the JSON API and the HTML forms,
// which convert their flat fields first, see forms.ts) and API responses. Schema-level messages
// are catalog keys; the validation layer translates them into Swedish and English.
import { z } from "zod";
import { safeLinkTarget } from "../../platform/http/urls.ts";
import { DOCUMENT_STATUSES, FINDING_SOURCES, PROMISE_STATUSES, TARGET_PERIODS, VERDICTS } from "./tables.ts";

export const IsoDate = z.iso.date().describe("Datum ÅÅÅÅ-MM-DD");
const Version = z.number({ error: "promises.error.version" }).int().min(1).describe("Versionen du utgick från (optimistisk låsning)");
const Num = (max: number) => z.number({ error: "promises.error.notANumber" }).min(0).max(max);

/** Empty or whitespace text becomes null. */
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * A link shown to the public: an http(s) address, or a path that stays on this site (stored
 * normalised). "//host", "/.//host", "javascript:" and the like are refused (platform/http/urls.ts).
 */
const RefUrl = z
  .string()
  .trim()
  .max(500)
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const safe = safeLinkTarget(v);
    if (safe === null) {
      ctx.addIssue({ code: "custom", message: "promises.error.refUrl" });
      return z.NEVER;
    }
    return safe;
  })
  .describe("Länk till källan: en adress i Trygg (/t/…) eller en webbadress (http:// eller https://)");

export const PartyIn = z.object({
  key: z.string().regex(/^[a-z0-9-]{2,40}$/, "promises.error.partyKey"),
  name: z.string().trim().min(1).max(120),
});

export const FindingIn = z.object({
  text: z.string().trim().min(3).max(2000),
  source: z.enum(FINDING_SOURCES),
  ref_url: RefUrl,
});

export const SignatoryIn = z.object({
  name: z.string().trim().min(2).max(120),
  title: z.string().trim().min(1).max(120),
  organisation: z.string().trim().min(1).max(120),
  party: z.string().regex(/^[a-z0-9-]{2,40}$/, "promises.error.signatoryParty"),
  signed_on: IsoDate.nullish().transform((v) => v ?? null),
});

const DocumentFields = z.object({
  title: z.string().trim().min(3).max(200),
  valid_from: IsoDate,
  valid_to: IsoDate,
  introduction: z.string().trim().max(20_000).default(""),
  focus_areas: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  parties: z.array(PartyIn).min(1, "promises.error.noParties").max(10),
  findings: z.array(FindingIn).max(50).default([]),
  signatories: z.array(SignatoryIn).max(20).default([]),
  signing_place: optText(100),
  signed_on: IsoDate.nullish().transform((v) => v ?? null),
  agreement_title: optText(200),
  agreement_url: RefUrl,
  stated_promise_count: z
    .number({ error: "promises.error.notANumber" })
    .int()
    .min(0)
    .max(500)
    .nullish()
    .transform((v) => v ?? null),
  source_note: optText(2000),
});

type DocumentShape = z.output<typeof DocumentFields>;

function documentRules(d: DocumentShape, ctx: z.core.$RefinementCtx): void {
  if (d.valid_to < d.valid_from) ctx.addIssue({ code: "custom", path: ["valid_to"], message: "promises.error.periodOrder" });
  const keys = d.parties.map((p) => p.key);
  if (new Set(keys).size !== keys.length) ctx.addIssue({ code: "custom", path: ["parties"], message: "promises.error.duplicateParty" });
  d.signatories.forEach((s, i) => {
    if (!keys.includes(s.party)) ctx.addIssue({ code: "custom", path: ["signatories", i, "party"], message: "promises.error.signatoryParty" });
    if (s.signed_on && s.signed_on > d.valid_to)
      ctx.addIssue({ code: "custom", path: ["signatories", i, "signed_on"], message: "promises.error.signedAfterPeriod" });
  });
  if (d.signed_on && d.signed_on > d.valid_to) ctx.addIssue({ code: "custom", path: ["signed_on"], message: "promises.error.signedAfterPeriod" });
}

export const DocumentInput = DocumentFields.superRefine(documentRules);
export type DocumentInput = z.output<typeof DocumentInput>;
export const DocumentUpdate = DocumentFields.extend({ version: Version }).superRefine(documentRules);
export type DocumentUpdate = z.output<typeof DocumentUpdate>;

export const CopyInput = z
  .object({
    source_id: z.uuid({ error: "promises.error.copySource" }),
    title: z.string().trim().min(3).max(200),
    valid_from: IsoDate,
    valid_to: IsoDate,
  })
  .superRefine((d, ctx) => {
    if (d.valid_to < d.valid_from) ctx.addIssue({ code: "custom", path: ["valid_to"], message: "promises.error.periodOrder" });
  });
export type CopyInput = z.output<typeof CopyInput>;

const PromiseFields = z.object({
  text: z.string().trim().min(3).max(2000),
  owner: z.string().regex(/^[a-z0-9-]{2,40}$/, "promises.error.owner"),
  focus_area: optText(100),
  responsible_organisation_ids: z.array(z.uuid()).max(20).default([]),
  target_quantity: z
    .number({ error: "promises.error.notANumber" })
    .positive("promises.error.targetQuantityPositive")
    .max(1_000_000)
    .nullish()
    .transform((v) => v ?? null),
  target_unit: optText(100),
  target_period: z
    .enum(TARGET_PERIODS)
    .nullish()
    .transform((v) => v ?? null),
  target_metric: optText(60),
  planned_activities: z.string().trim().max(5000).default(""),
  status: z.enum(PROMISE_STATUSES).default("planerad"),
});

type PromiseShape = z.output<typeof PromiseFields>;

/** A target needs quantity, unit and period together; each missing part is named. */
function promiseRules(p: PromiseShape, ctx: z.core.$RefinementCtx): void {
  const any = p.target_quantity !== null || p.target_unit !== null || p.target_period !== null || p.target_metric !== null;
  if (!any) return;
  if (p.target_quantity === null) ctx.addIssue({ code: "custom", path: ["target_quantity"], message: "promises.error.targetQuantityMissing" });
  if (p.target_unit === null) ctx.addIssue({ code: "custom", path: ["target_unit"], message: "promises.error.targetUnitMissing" });
  if (p.target_period === null) ctx.addIssue({ code: "custom", path: ["target_period"], message: "promises.error.targetPeriodMissing" });
}

export const PromiseInput = PromiseFields.superRefine(promiseRules);
export type PromiseInput = z.output<typeof PromiseInput>;
export const PromiseUpdate = PromiseFields.extend({ version: Version }).superRefine(promiseRules);
export type PromiseUpdate = z.output<typeof PromiseUpdate>;

export const OutcomeIn = z.object({ label: z.string().trim().min(1).max(60), value: Num(10_000_000) });

export const ActivityInput = z
  .object({
    promise_id: z.uuid(),
    title: z.string().trim().min(2).max(200),
    occurred_on: IsoDate,
    description: z.string().trim().max(5000).default(""),
    place_name: optText(200),
    lat: z
      .number({ error: "promises.error.notANumber" })
      .min(-90)
      .max(90)
      .nullish()
      .transform((v) => v ?? null),
    lon: z
      .number({ error: "promises.error.notANumber" })
      .min(-180)
      .max(180)
      .nullish()
      .transform((v) => v ?? null),
    outcomes: z.array(OutcomeIn).max(10).default([]),
  })
  .superRefine((a, ctx) => {
    if ((a.lat === null) !== (a.lon === null))
      ctx.addIssue({ code: "custom", path: [a.lat === null ? "lat" : "lon"], message: "promises.error.coordinatesPair" });
  });
export type ActivityInput = z.output<typeof ActivityInput>;

export const VerdictInput = z.object({
  verdict: z.enum(VERDICTS, { error: "promises.error.verdictMissing" }),
  reason: z.string().trim().min(3, "promises.error.reasonRequired").max(4000),
  version: Version,
  confirm_against_measurement: z
    .boolean()
    .default(false)
    .describe("Sant för att spara en bedömning som går emot det uppmätta utfallet (annars 409 against_measurement)"),
});
export type VerdictInput = z.output<typeof VerdictInput>;

/** The follow-up's summary text (the API's follow-up step and the follow-up form). */
export const FollowupSummary = optText(10_000);
export const TransitionBody = z.object({ version: Version, followup_summary: FollowupSummary.optional() });
/** A step that only names the version it started from (lifecycle steps, removing a promise). */
export const VersionBody = z.object({ version: Version });
export const PromiseStatusBody = z.object({ status: z.enum(PROMISE_STATUSES), version: Version });
export const MoveBody = z.object({ direction: z.enum(["up", "down"]), version: Version });

// Params
export const DocParams = z.object({ tenant: z.string(), id: z.string() });
export const PromiseParams = z.object({ tenant: z.string(), id: z.string(), promiseId: z.string() });
export const ActivityParams = z.object({ tenant: z.string(), activityId: z.string() });

// Responses
const PeriodOut = z.object({
  key: z.string(),
  start: IsoDate,
  end: IsoDate,
  partial: z.boolean(),
  target: z.number(),
  achieved: z.number(),
  state: z.enum(["met", "missed", "ongoing", "upcoming", "notEvaluated"]),
});

export const ProgressOut = z
  .object({
    kind: z.enum(["target", "noTarget"]),
    total_achieved: z.number(),
    activity_count: z.number().int(),
    last_activity_on: IsoDate.nullable(),
    periods_met: z.number().int(),
    periods_missed: z.number().int().describe("Avslutade perioder där målet inte nåddes"),
    periods_evaluated: z.number().int(),
    missed_periods: z.array(z.string()).describe('Nycklarna för de missade perioderna ("2021-07", "2021-Q3", "2021" eller "validity")'),
    behind: z.boolean().describe("Ligger efter: någon avslutad period missades, eller pågående period ligger under sin andel hittills"),
    suggested_verdict: z.enum(VERDICTS).nullable(),
    share: z.number(),
    current: PeriodOut.nullable(),
    periods: z.array(PeriodOut),
  })
  .meta({ id: "PromiseProgress" });

export const AttachmentOut = z.object({ id: z.uuid(), filename: z.string(), content_type: z.string(), size_bytes: z.number(), url: z.string() });

export const ActivityOut = z
  .object({
    id: z.uuid(),
    promise_id: z.uuid(),
    title: z.string(),
    description: z.string(),
    occurred_on: IsoDate,
    place_name: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    outcomes: z.array(z.object({ label: z.string(), value: z.number() })),
    attachments: z.array(AttachmentOut).describe("Bilagor (bara för personal)"),
  })
  .meta({ id: "PromiseActivity" });

export const PromiseOut = z
  .object({
    id: z.uuid(),
    lineage_id: z.uuid(),
    number: z.number().int(),
    position: z.number().int(),
    text: z.string(),
    owner: z.string(),
    owner_label: z.string(),
    focus_area: z.string().nullable(),
    responsible_organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
    target: z.object({ quantity: z.number(), unit: z.string(), period: z.enum(TARGET_PERIODS), metric: z.string().nullable(), text: z.string() }).nullable(),
    planned_activities: z.string(),
    status: z.enum(PROMISE_STATUSES),
    verdict: z.enum(VERDICTS).nullable(),
    verdict_reason: z.string().nullable(),
    verdict_suggested: z.enum(VERDICTS).nullable(),
    progress: ProgressOut,
    activities: z.array(ActivityOut),
    version: z.number().int(),
  })
  .meta({ id: "Promise" });

export const DocumentSummaryOut = z
  .object({
    id: z.uuid(),
    series_id: z.uuid(),
    revision: z.number().int(),
    title: z.string(),
    status: z.enum(DOCUMENT_STATUSES),
    valid_from: IsoDate,
    valid_to: IsoDate,
    signed_on: IsoDate.nullable(),
    signing_place: z.string().nullable(),
    published_at: z.string().nullable(),
    superseded_by_id: z.uuid().nullable(),
    url: z.string().nullable().describe("Publik adress (när dokumentet är publicerat)"),
    pdf_url: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: "PromiseDocumentSummary" });

export const AbilitiesOut = z.record(z.string(), z.boolean()).describe("Vad den inloggade får göra (samma regler som servern tillämpar)");

export const EventOut = z.object({ action: z.string(), actor_name: z.string().nullable(), note: z.string().nullable(), at: z.string() });

export const DocumentOut = DocumentSummaryOut.extend({
  introduction: z.string(),
  focus_areas: z.array(z.string()),
  parties: z.array(z.object({ key: z.string(), name: z.string() })),
  findings: z.array(z.object({ text: z.string(), source: z.enum(FINDING_SOURCES), ref_url: z.string().nullable() })),
  signatories: z.array(z.object({ name: z.string(), title: z.string(), organisation: z.string(), party: z.string(), signed_on: IsoDate.nullable() })),
  agreement_title: z.string().nullable(),
  agreement_url: z.string().nullable(),
  stated_promise_count: z.number().int().nullable(),
  source_note: z.string().nullable(),
  followup_summary: z.string().nullable(),
  supersedes_id: z.uuid().nullable(),
  copied_from_id: z.uuid().nullable(),
  promises: z.array(PromiseOut),
  events: z.array(EventOut).describe("Livscykelns händelser (bara för personal)"),
  abilities: AbilitiesOut,
}).meta({ id: "PromiseDocument" });

export const FollowUpReportOut = z
  .object({
    document: DocumentSummaryOut,
    as_of: IsoDate.describe("Utfallet gäller per detta datum: i dag medan perioden pågår, periodens sista dag när den har slutat"),
    final: z.boolean().describe("Sant när dokumentet är markerat som uppföljt"),
    summary: z.string().nullable(),
    promises: z.array(
      z.object({
        number: z.number().int(),
        text: z.string(),
        owner_label: z.string(),
        target: z.string().nullable(),
        achieved: z.string(),
        missed: z.string().nullable().describe("Vilka avslutade perioder som missade målet, i ord (null när inga)"),
        verdict: z.enum(VERDICTS).nullable(),
        verdict_suggested: z.enum(VERDICTS).nullable(),
        reason: z.string().nullable(),
        key_activities: z.array(z.object({ occurred_on: IsoDate, title: z.string(), place_name: z.string().nullable() })),
      }),
    ),
  })
  .meta({ id: "PromiseFollowUpReport" });

export const DashboardOut = z
  .object({
    promises: z.array(
      z.object({
        document_id: z.uuid(),
        document_title: z.string(),
        id: z.uuid(),
        number: z.number().int(),
        text: z.string(),
        owner_label: z.string(),
        target: z.string().nullable(),
        progress: ProgressOut,
      }),
    ),
  })
  .meta({ id: "PromiseDashboard" });
