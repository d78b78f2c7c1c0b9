// zod schemas of the walks module, shared by the API, the forms (the form fields are turned
// into these shapes first) and the responses (unknown keys stripped, so internal columns never
// leak). Messages that are catalog keys are shown in Swedish and English.
import { z } from "zod";
import { ACTION_STATUSES, CATEGORIES, PARTICIPANT_GROUPS, URGENCIES, WALK_KINDS } from "./domain/categories.ts";
import { WALK_STATUSES } from "./domain/lifecycle.ts";

const IsoDate = z.iso.date();
const Time = z.string().regex(/^\d{1,2}[:.]\d{2}$/, "walks.error.time");
const Uuid = z.uuid();
/** A number; "write a number" only when it is not one (range messages stay zod's own or the check's). */
const num = () => z.number({ error: (iss) => (iss.code === "invalid_type" ? "walks.error.notANumber" : undefined) });
const lat = num().min(55, "walks.error.latInSweden").max(70, "walks.error.latInSweden");
const lon = num().min(10, "walks.error.lonInSweden").max(25, "walks.error.lonInSweden");
const text = (max: number) => z.string().trim().max(max).default("");
export const Version = z
  .number({ error: (iss) => (iss.code === "invalid_type" ? "walks.error.version" : undefined) })
  .int()
  .min(1);

export const StopInput = z.object({
  id: Uuid.nullish().transform((v) => v ?? null),
  name: z.string().trim().min(1, "walks.error.stopName").max(200),
  lat,
  lon,
  note: text(1000),
});
export type StopInput = z.output<typeof StopInput>;

export const RouteLine = z.object({
  type: z.literal("LineString"),
  coordinates: z
    .array(z.tuple([lon, lat]))
    .min(2, "walks.error.routeTooShort")
    .max(500),
});

export const WalkPlanInput = z
  .object({
    kind: z.enum(WALK_KINDS),
    title: z.string().trim().min(3, "walks.error.title").max(200),
    place_id: Uuid.nullish().transform((v) => v ?? null),
    meeting_point: text(300),
    lat: lat.nullish().transform((v) => v ?? null),
    lon: lon.nullish().transform((v) => v ?? null),
    date: IsoDate,
    start_time: Time,
    end_time: Time,
    purpose: text(4000),
    organisers: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    decision_makers: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    invited_organisation_ids: z.array(Uuid).max(50).default([]),
    accessibility_note: text(2000),
    signup_cap: num().int().min(1, "walks.error.cap").max(500, "walks.error.cap").optional(),
    captures_feelings: z.boolean().default(true),
    stops: z.array(StopInput).max(30, "walks.error.tooManyStops").default([]),
    route: RouteLine.nullish().transform((v) => v ?? null),
    promise_id: Uuid.nullish().transform((v) => v ?? null),
    version: Version.optional(),
  })
  .superRefine((w, ctx) => {
    if ((w.lat === null) !== (w.lon === null)) ctx.addIssue({ code: "custom", path: [w.lat === null ? "lat" : "lon"], message: "walks.error.coordinatesPair" });
  });
export type WalkPlanInput = z.output<typeof WalkPlanInput>;

export const ParticipantsInput = z.object(
  Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, num().int().min(0).max(10_000)])) as Record<(typeof PARTICIPANT_GROUPS)[number], z.ZodNumber>,
);
export type ParticipantsInput = z.output<typeof ParticipantsInput>;

export const HoldInput = z.object({ participants: ParticipantsInput, version: Version });
export type HoldInput = z.output<typeof HoldInput>;

/** An observation as the phone sends it (PUT by its own id). Position and category may be missing: then it is a draft. */
export const ObservationInput = z
  .object({
    stop_id: Uuid.nullish().transform((v) => v ?? null),
    lat: lat.nullish().transform((v) => v ?? null),
    lon: lon.nullish().transform((v) => v ?? null),
    category: z
      .enum(CATEGORIES)
      .nullish()
      .transform((v) => v ?? null),
    unsafe: z
      .boolean()
      .nullish()
      .transform((v) => v ?? null),
    unsafe_for: text(300),
    description: text(4000),
    proposed_measure: text(2000),
    urgency: z
      .enum(URGENCIES)
      .nullish()
      .transform((v) => v ?? null),
    follows_action_id: Uuid.nullish().transform((v) => v ?? null),
    resolved: z
      .boolean()
      .nullish()
      .transform((v) => v ?? null),
    observed_at: z.iso
      .datetime({ offset: true })
      .nullish()
      .transform((v) => v ?? null),
    /** Likely names in the text the observer confirmed are not people (screening). */
    confirmed_not_names: z.array(z.string().max(100)).max(20).default([]),
  })
  .superRefine((o, ctx) => {
    if ((o.lat === null) !== (o.lon === null)) ctx.addIssue({ code: "custom", path: [o.lat === null ? "lat" : "lon"], message: "walks.error.coordinatesPair" });
  });
export type ObservationInput = z.output<typeof ObservationInput>;

export const ActionEditInput = z.object({
  title: z.string().trim().min(3, "walks.error.actionTitle").max(500),
  place_text: text(300),
  organisation_id: Uuid.nullish().transform((v) => v ?? null),
  due_on: IsoDate.nullish().transform((v) => v ?? null),
  version: Version,
});
export type ActionEditInput = z.output<typeof ActionEditInput>;

export const ActionStatusInput = z.object({
  status: z.enum(ACTION_STATUSES),
  due_on: IsoDate.nullish().transform((v) => v ?? null),
  public_feedback: text(4000),
  version: Version,
});
export type ActionStatusInput = z.output<typeof ActionStatusInput>;

export const SignupInput = z.object({
  name: z
    .string()
    .trim()
    .max(120)
    .nullish()
    .transform((v) => (v ? v : null)),
  party_size: num().int().min(1, "walks.error.partySize").max(10, "walks.error.partySize").default(1),
  needs: text(500),
});
export type SignupInput = z.output<typeof SignupInput>;

export const ViewpointInput = z.object({
  lat,
  lon,
  category: z
    .enum(CATEGORIES)
    .nullish()
    .transform((v) => v ?? null),
  body: z.string().trim().min(3, "walks.error.viewpointBody").max(2000),
  confirmed_not_names: z.array(z.string().max(100)).max(20).default([]),
});
export type ViewpointInput = z.output<typeof ViewpointInput>;

export const ClosingInput = z.object({
  closing_meeting_on: IsoDate,
  closing_meeting_notes: text(10_000),
  plans: z.record(Uuid, z.string().trim().max(4000)).default({}),
  version: Version,
});
export type ClosingInput = z.output<typeof ClosingInput>;

export const RewalkInput = z.object({ date: IsoDate, start_time: Time, end_time: Time });
export type RewalkInput = z.output<typeof RewalkInput>;

/** The module's per-tenant settings (src/platform/tenancy/settings.ts), with defaults. */
export const WalkSettings = z.object({
  signupCap: z.number().int().min(1).max(500).default(20),
  ownerByCategory: z.partialRecord(z.enum(CATEGORIES), Uuid).default({}),
  defaultOwner: Uuid.nullable().default(null),
  /** Grid cell (m) and smallest count for person-related observations (häng) on public maps. */
  publicCellSize: z.number().int().min(50).max(2000).default(250),
  publicMinCount: z.number().int().min(1).max(50).default(3),
});
export type WalkSettings = z.output<typeof WalkSettings>;
export const SETTINGS_KEY = "walks";

// Responses

export const StopOut = z
  .object({ id: Uuid, position: z.number(), name: z.string(), lat: z.number(), lon: z.number(), note: z.string() })
  .meta({ id: "WalkStop" });

export const ObservationOut = z
  .object({
    id: Uuid,
    walk_id: Uuid,
    stop_id: Uuid.nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    category: z.enum(CATEGORIES).nullable(),
    unsafe: z.boolean().nullable(),
    unsafe_for: z.string(),
    description: z.string(),
    proposed_measure: z.string(),
    urgency: z.enum(URGENCIES).nullable(),
    follows_action_id: Uuid.nullable(),
    resolved: z.boolean().nullable(),
    has_photo: z.boolean(),
    draft: z.boolean(),
    draft_problems: z.array(z.enum(["position", "category"])),
    observed_at: z.string(),
    observer_name: z.string().nullable(),
  })
  .meta({ id: "WalkObservation" });
export type ObservationOut = z.output<typeof ObservationOut>;

export const PublicActionOut = z
  .object({
    id: Uuid,
    number: z.number(),
    title: z.string(),
    place: z.string(),
    category: z.enum(CATEGORIES).nullable(),
    owner: z.string().nullable(),
    status: z.enum(ACTION_STATUSES),
    due_on: z.string().nullable(),
    public_feedback: z.string(),
    stated_plan: z.string(),
    changed_on: z.string().describe("Datum för senaste ändringen (Europe/Stockholm)"),
    history: z.array(z.object({ on: z.string(), status: z.enum(ACTION_STATUSES), feedback: z.string() })),
  })
  .meta({ id: "WalkAction" });

export const PublicWalkOut = z
  .object({
    id: Uuid,
    kind: z.enum(WALK_KINDS),
    title: z.string(),
    status: z.enum(WALK_STATUSES),
    starts_at: z.string(),
    ends_at: z.string(),
    meeting_point: z.string(),
    lat: z.number(),
    lon: z.number(),
    light: z.object({ at_start: z.enum(["ljust", "skymning", "morkt"]), darkest: z.enum(["ljust", "skymning", "morkt"]), sunset: z.string().nullable() }),
    purpose: z.string(),
    organisers: z.array(z.string()),
    invited_organisations: z.array(z.string()),
    decision_makers: z.array(z.string()),
    accessibility_note: z.string(),
    signups: z.object({ count: z.number(), cap: z.number(), full: z.boolean() }),
    stops: z.array(StopOut),
    route: RouteLine.nullable(),
    participants: z.record(z.string(), z.number()).nullable(),
    protocol_summary: z.string().nullable(),
    actions: z.array(PublicActionOut).nullable(),
    rewalk_of_id: Uuid.nullable(),
  })
  .meta({ id: "Walk" });

export const WalkListItemOut = z
  .object({ id: Uuid, kind: z.enum(WALK_KINDS), title: z.string(), status: z.enum(WALK_STATUSES), starts_at: z.string(), url: z.string() })
  .meta({ id: "WalkListItem" });

export const OwnerActionOut = z
  .object({
    id: Uuid,
    walk_id: Uuid,
    walk_title: z.string(),
    number: z.number(),
    title: z.string(),
    place: z.string(),
    status: z.enum(ACTION_STATUSES),
    due_on: z.string().nullable(),
    public_feedback: z.string(),
    organisation: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: "WalkOwnerAction" });
