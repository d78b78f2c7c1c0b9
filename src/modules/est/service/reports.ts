// Use cases of partner reports: report (form or API), correct one's own within 7 days, review,
// recategorise, merge duplicates and undo a merge — every change with its history. Expected
// problems are named outcomes with the field they concern and a catalog key; nothing is stored
// when any rule fails, and free text is screened for personal data before storage (the platform's
// screening, shared with resident reports).
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { certainFindings, type Finding, screenText } from "../../../platform/privacy/screen.ts";
import { describePosition, findPlace, listAreas, listOrganisations, listPlaces, municipalityAt, municipalityDisplayName } from "../../tenants/index.ts";
import { diff, MAX_AGE_DAYS, peopleOf, timeProblems } from "../domain/report-rules.ts";
import { dayOfInstant, parseLocalDateTime } from "../domain/time.ts";
import { can } from "../policy.ts";
import { type EventActor, recordEvent } from "../../../platform/documents/events.ts";
import { updateWithVersion } from "../../../platform/documents/locking.ts";
import { reportLifecycle } from "../domain/lifecycle.ts";
import { findReport, insertReport, type NewReport, organisationChain, type ReportRow, type ReportView } from "../repo/reports.ts";
import type { ReportInput } from "../schema.ts";
import { type EstSettings, estSettings, findCategory } from "../settings.ts";
import type { ReportOrigin } from "../tables.ts";

export type FieldProblem = { key: string; params?: Record<string, string | number> };
export type FieldProblems = Record<string, FieldProblem>;

export type ReportOutcome =
  | { kind: "ok"; report: ReportRow }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "personalData"; field: string; findings: Finding[]; certain: boolean }
  | { kind: "conflict"; current: ReportView }
  | { kind: "forbidden" }
  | { kind: "notFound" };

export type TenantFacts = { id: string; name: string; kommunkod: string; settings: Record<string, unknown> };

/** An ISO 8601 time with an offset (API), or a Stockholm wall-clock time (forms). */
export function parseWhen(text: string | undefined): Date | null {
  if (!text) return null;
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) && /^\d{4}-\d{2}-\d{2}T/.test(text.trim())) {
    const d = new Date(text.trim());
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return parseLocalDateTime(text);
}

/** Words that are never person names here: the tenant's places, areas, organisations and its own name. */
export async function screeningWords(db: Kysely<DB>, tenant: TenantFacts): Promise<string[]> {
  const [places, areas, orgs] = await Promise.all([listPlaces(db, tenant.id), listAreas(db, tenant.id), listOrganisations(db, tenant.id)]);
  const words = [tenant.name, ...places.map((p) => p.name), ...areas.map((a) => a.name), ...orgs.map((o) => o.name)];
  return words.flatMap((w) => w.split(/[\s,()/-]+/)).filter((w) => w.length > 1);
}

/** Screen a free text: certain findings always stop it; likely names unless the writer confirmed them. */
export function screen(
  field: string,
  text: string,
  ignoreWords: string[],
  confirmed: readonly string[],
): Extract<ReportOutcome, { kind: "personalData" }> | null {
  const findings = screenText(text, { ignoreWords, confirmedNotNames: confirmed });
  if (findings.length === 0) return null;
  return { kind: "personalData", field, findings, certain: certainFindings(findings).length > 0 };
}

type Resolved = Omit<NewReport, "organisation_id" | "reporter_id" | "origin" | "batch_id">;

/** Check an input against the tenant's rules; the fields of the report, or the problems. */
async function resolveInput(
  db: Kysely<DB>,
  tenant: TenantFacts,
  settings: EstSettings,
  input: ReportInput,
  now: Date,
  opts: { keepCategory?: string; ageFrom?: Date; maxAgeDays?: number | null; storedDescription?: string },
): Promise<{ kind: "ok"; fields: Resolved } | Extract<ReportOutcome, { kind: "invalid" | "personalData" }>> {
  const problems: FieldProblems = {};
  // When
  let from: Date | null = null;
  let to: Date | null = null;
  if (input.when === "tid") {
    if (!input.occurred_at) problems.occurred_at = { key: "est.report.error.timeRequired" };
    else if (!(from = parseWhen(input.occurred_at))) problems.occurred_at = { key: "est.report.error.timeInvalid" };
  } else {
    if (!input.occurred_from) problems.occurred_from = { key: "est.report.error.timeRequired" };
    else if (!(from = parseWhen(input.occurred_from))) problems.occurred_from = { key: "est.report.error.timeInvalid" };
    if (!input.occurred_to) problems.occurred_to = { key: "est.report.error.timeRequired" };
    else if (!(to = parseWhen(input.occurred_to))) problems.occurred_to = { key: "est.report.error.timeInvalid" };
  }
  if (from)
    for (const p of timeProblems(from, to, now, opts.maxAgeDays === undefined ? MAX_AGE_DAYS : opts.maxAgeDays, opts.ageFrom ?? now))
      problems[p.field] ??= { key: p.key, ...(p.params ? { params: p.params } : {}) };
  // What
  const category = findCategory(settings, input.category);
  if (!category || (!category.active && category.key !== opts.keepCategory))
    problems.category = { key: "est.report.error.unknownCategory", params: { category: input.category } };
  // Where
  let lat = input.lat;
  let lon = input.lon;
  let placeId: string | null = null;
  let placeName: string | null = null;
  if (input.place_id) {
    const place = await findPlace(db, tenant.id, input.place_id);
    if (!place) problems.place_id = { key: "est.report.error.unknownPlace" };
    else {
      placeId = place.id;
      placeName = place.name;
      if (lat === undefined || lon === undefined) {
        lat = place.lat;
        lon = place.lon;
      }
    }
  }
  if (lat === undefined || lon === undefined) {
    if (!input.place_id) problems.place_id = { key: "est.report.error.placeRequired" };
  } else if (lat < 54 || lat > 70 || lon < 10 || lon > 25) problems.lat = { key: "est.report.error.outsideSweden" };
  else {
    const where = municipalityAt(lat, lon);
    if (where?.kommunkod !== tenant.kommunkod)
      problems.lat = where
        ? { key: "est.report.error.outsideTenant", params: { tenant: tenant.name, municipality: municipalityDisplayName(where) } }
        : { key: "est.report.error.outsideSweden" };
  }
  if (Object.keys(problems).length) return { kind: "invalid", problems };
  // No personal data in the free text (after the other checks: one message at a time is kinder).
  if (input.description) {
    const words = await screeningWords(db, tenant);
    // A correction does not ask again about the likely names the stored text already has: they
    // were confirmed as not people when it was saved (certain findings are never stored).
    const confirmed = opts.storedDescription
      ? [
          ...input.confirm_not_names,
          ...screenText(opts.storedDescription, { ignoreWords: words })
            .filter((f) => !f.certain)
            .map((f) => f.text),
        ]
      : input.confirm_not_names;
    const found = screen("description", input.description, words, confirmed);
    if (found) return found;
  }
  const { n, e } = latLonToSweref(lat as number, lon as number);
  if (!placeName) placeName = describePosition(await listPlaces(db, tenant.id), lat as number, lon as number, "sv");
  const people = peopleOf(input.people);
  return {
    kind: "ok",
    fields: {
      occurred_from: from as Date,
      occurred_to: to,
      day: dayOfInstant((from as Date).getTime()),
      category: (category as { key: string }).key,
      place_id: placeId,
      place_name: placeName,
      setting: input.setting,
      lat: lat as number,
      lon: lon as number,
      n,
      e,
      description: input.description,
      assessment: input.assessment,
      people_min: people.min,
      people_max: people.max,
    },
  };
}

const actorOf = (a: Actor): EventActor => ({ userId: a.userId, name: a.name });

type ReportChange = Partial<Omit<ReportRow, "id" | "tenant_id" | "version" | "created_at" | "updated_at">>;

/**
 * Change a report if it still has the version the person saw and its status allows the action,
 * and record the change in its history — in one transaction. A stale version → conflict (with
 * the current report, so the form can show the person's input on top of it).
 */
async function changeReport(
  db: Kysely<DB>,
  tenantId: string,
  current: ReportView,
  version: number,
  values: ReportChange,
  event: { action: string; actor: EventActor; note?: string | null; changes: Record<string, { from: unknown; to: unknown }> },
  statusIn: readonly string[],
  after?: (trx: Kysely<DB>) => Promise<void>,
): Promise<ReportOutcome> {
  return db.transaction().execute(async (trx) => {
    const r = await updateWithVersion(trx, "est_reports", tenantId, current.id, version, values, { statusIn });
    if (r.kind === "notFound") return { kind: "notFound" as const };
    if (r.kind !== "ok") {
      const now = await findReport(trx, tenantId, current.id);
      if (!now) return { kind: "notFound" as const };
      return r.kind === "conflict"
        ? { kind: "conflict" as const, current: now }
        : { kind: "invalid" as const, problems: { status: { key: "est.review.error.status" } } };
    }
    await recordEvent(trx, "est_report_events", tenantId, current.id, event);
    await after?.(trx);
    return { kind: "ok" as const, report: r.row as ReportRow };
  });
}

/** A new report by a reporter (from the form or the API). */
export async function createReport(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  input: ReportInput,
  origin: Extract<ReportOrigin, "formular" | "api">,
  now: Date = new Date(),
): Promise<ReportOutcome> {
  if (!can(actor, "report.create", { tenant_id: tenant.id })) return { kind: "forbidden" };
  const settings = estSettings(tenant);
  const r = await resolveInput(db, tenant, settings, input, now, {});
  if (r.kind !== "ok") return r;
  const report = await db.transaction().execute(async (trx) => {
    const row = await insertReport(trx, tenant.id, {
      ...r.fields,
      organisation_id: actor.organisations.get(tenant.id) ?? null,
      reporter_id: actor.userId,
      origin,
      batch_id: null,
    });
    await recordEvent(trx, "est_report_events", tenant.id, row.id, { action: "created", actor: actorOf(actor) });
    return row;
  });
  return { kind: "ok", report };
}

/** The facts the policy needs about a report and the actor. */
export async function reportFacts(db: Kysely<DB>, tenant: TenantFacts, actor: Actor | null, r: ReportRow, now: Date = new Date()) {
  return {
    tenant_id: r.tenant_id,
    reporter_id: r.reporter_id,
    organisation_id: r.organisation_id,
    created_at: r.created_at,
    status: r.status,
    reportersSeeAll: estSettings(tenant).reportersSeeAll,
    actorOrganisations: actor ? await organisationChain(db, tenant.id, actor.organisations.get(tenant.id) ?? null) : [],
    now,
  };
}

const EDITABLE = [
  "occurred_from",
  "occurred_to",
  "category",
  "place_id",
  "place_name",
  "setting",
  "lat",
  "lon",
  "description",
  "assessment",
  "people_min",
  "people_max",
] as const;

/** Correct a report: its reporter within 7 days, or a coordinator. */
export async function correctReport(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  reportId: string,
  version: number,
  input: ReportInput,
  now: Date = new Date(),
): Promise<ReportOutcome> {
  const current = await findReport(db, tenant.id, reportId);
  if (!current) return { kind: "notFound" };
  if (!can(actor, "report.correct", await reportFacts(db, tenant, actor, current, now))) return { kind: "forbidden" };
  if (current.version !== version) return { kind: "conflict", current };
  // A correction may keep the time the report had: its age counts from when it was made.
  const r = await resolveInput(db, tenant, estSettings(tenant), input, now, {
    keepCategory: current.category,
    ageFrom: new Date(current.created_at),
    // Reports read from a CSV file may be of any age.
    maxAgeDays: current.origin === "csv" ? null : MAX_AGE_DAYS,
    storedDescription: current.description,
  });
  if (r.kind !== "ok") return r;
  return saveCorrection(db, tenant, actor, current, version, r.fields);
}

async function saveCorrection(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  current: ReportView,
  version: number,
  fields: Resolved,
): Promise<ReportOutcome> {
  const changes = diff(current as unknown as Record<string, unknown>, fields as unknown as Record<string, unknown>, EDITABLE);
  if (Object.keys(changes).length === 0) return { kind: "ok", report: current };
  return changeReport(
    db,
    tenant.id,
    current,
    version,
    fields,
    { action: "corrected", actor: actorOf(actor), changes },
    reportLifecycle.statusesAllowing("correct"),
  );
}

/** Mark a report reviewed (coordinator). */
export async function reviewReport(db: Kysely<DB>, tenant: TenantFacts, actor: Actor, reportId: string, version: number): Promise<ReportOutcome> {
  const current = await findReport(db, tenant.id, reportId);
  if (!current) return { kind: "notFound" };
  if (!can(actor, "report.review", current)) return { kind: "forbidden" };
  const to = reportLifecycle.target(current.status, "review");
  if (!to) return { kind: "invalid", problems: { status: { key: "est.review.error.notNew" } } };
  return changeReport(
    db,
    tenant.id,
    current,
    version,
    { status: to },
    { action: "reviewed", actor: actorOf(actor), changes: { status: { from: current.status, to } } },
    reportLifecycle.statusesAllowing("review"),
  );
}

/** Change a report's category with a reason (coordinator). */
export async function recategoriseReport(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  reportId: string,
  input: { category: string; reason: string; version: number },
): Promise<ReportOutcome> {
  const current = await findReport(db, tenant.id, reportId);
  if (!current) return { kind: "notFound" };
  if (!can(actor, "report.review", current)) return { kind: "forbidden" };
  const category = findCategory(estSettings(tenant), input.category);
  if (!category?.active) return { kind: "invalid", problems: { category: { key: "est.report.error.unknownCategory", params: { category: input.category } } } };
  if (category.key === current.category) return { kind: "invalid", problems: { category: { key: "est.review.error.sameCategory" } } };
  const found = screen("reason", input.reason, await screeningWords(db, tenant), []);
  if (found) return found;
  return changeReport(
    db,
    tenant.id,
    current,
    input.version,
    { category: category.key },
    { action: "recategorised", actor: actorOf(actor), note: input.reason, changes: { category: { from: current.category, to: category.key } } },
    reportLifecycle.statusesAllowing("recategorise"),
  );
}

/**
 * Merge a duplicate into the report it repeats (coordinator): the duplicate stops counting and
 * points at the kept one; both histories say so. A report already merged, or one that others are
 * merged into, cannot be merged (merges do not chain).
 */
export async function mergeReport(
  db: Kysely<DB>,
  tenant: TenantFacts,
  actor: Actor,
  duplicateId: string,
  input: { into: string; version: number },
): Promise<ReportOutcome> {
  const dup = await findReport(db, tenant.id, duplicateId);
  if (!dup) return { kind: "notFound" };
  if (!can(actor, "report.review", dup)) return { kind: "forbidden" };
  const kept = await findReport(db, tenant.id, input.into);
  if (!kept || kept.id === dup.id) return { kind: "invalid", problems: { into: { key: "est.review.error.mergeTarget" } } };
  if (dup.status === "sammanslagen" || kept.status === "sammanslagen")
    return { kind: "invalid", problems: { into: { key: "est.review.error.alreadyMerged" } } };
  const hasChildren = await db
    .selectFrom("est_reports")
    .select("id")
    .where("tenant_id", "=", tenant.id)
    .where("merged_into_id", "=", dup.id)
    .executeTakeFirst();
  if (hasChildren) return { kind: "invalid", problems: { into: { key: "est.review.error.hasMerged" } } };
  return changeReport(
    db,
    tenant.id,
    dup,
    input.version,
    { status: "sammanslagen", merged_into_id: kept.id },
    { action: "merged", actor: actorOf(actor), changes: { status: { from: dup.status, to: "sammanslagen" }, merged_into_id: { from: null, to: kept.id } } },
    reportLifecycle.statusesAllowing("merge"),
    (trx) =>
      recordEvent(trx, "est_report_events", tenant.id, kept.id, {
        action: "mergedFrom",
        actor: actorOf(actor),
        changes: { merged: { from: null, to: dup.id } },
      }),
  );
}

/** Undo a merge: the report counts again (status "ny"). */
export async function unmergeReport(db: Kysely<DB>, tenant: TenantFacts, actor: Actor, reportId: string, version: number): Promise<ReportOutcome> {
  const current = await findReport(db, tenant.id, reportId);
  if (!current) return { kind: "notFound" };
  if (!can(actor, "report.review", current)) return { kind: "forbidden" };
  const to = reportLifecycle.target(current.status, "unmerge");
  if (!to) return { kind: "invalid", problems: { status: { key: "est.review.error.notMerged" } } };
  return changeReport(
    db,
    tenant.id,
    current,
    version,
    { status: to, merged_into_id: null },
    {
      action: "unmerged",
      actor: actorOf(actor),
      changes: { status: { from: current.status, to }, merged_into_id: { from: current.merged_into_id, to: null } },
    },
    reportLifecycle.statusesAllowing("unmerge"),
  );
}
