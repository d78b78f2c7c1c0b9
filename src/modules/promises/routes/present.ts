// Read models → API shapes (the response schemas in schema.ts strip anything else). Staff of the
// tenant also get the lifecycle history and attachments; everyone else gets the public view.
import type { z } from "zod";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { isPublicStatus } from "../domain/lifecycle.ts";
import type { PeriodResult, Progress } from "../domain/progress.ts";
import { achievedText, missedText, ownerLabel, targetText } from "../pages/format.ts";
import { keyActivities, publicDocUrl } from "../pages/public.ts";
import type { Abilities } from "../policy.ts";
import type { DocumentRow } from "../repo/documents.ts";
import type { ActivityOut, DocumentOut, DocumentSummaryOut, FollowUpReportOut, ProgressOut, PromiseOut } from "../schema.ts";
import type { ActivityView, DocumentView, PromiseView } from "../service/views.ts";

type Opts = { slug: string; staff: boolean };

function periodOut(p: PeriodResult) {
  return { key: p.key, start: p.start, end: p.end, partial: p.partial, target: p.target, achieved: p.achieved, state: p.state };
}

export function progressOut(p: Progress): z.infer<typeof ProgressOut> {
  if (p.kind === "noTarget") {
    return {
      kind: "noTarget",
      total_achieved: p.activityCount,
      activity_count: p.activityCount,
      last_activity_on: p.lastActivityOn,
      periods_met: 0,
      periods_missed: 0,
      periods_evaluated: 0,
      missed_periods: [],
      behind: false,
      suggested_verdict: null,
      share: 0,
      current: null,
      periods: [],
    };
  }
  return {
    kind: "target",
    total_achieved: p.totalAchieved,
    activity_count: 0,
    last_activity_on: null,
    periods_met: p.periodsMet,
    periods_missed: p.periodsMissed,
    periods_evaluated: p.periodsEvaluated,
    missed_periods: p.missed.map((x) => x.key),
    behind: p.behind,
    suggested_verdict: p.suggestedVerdict,
    share: p.share,
    current: p.current ? periodOut(p.current) : null,
    periods: p.periods.map(periodOut),
  };
}

export function activityOut(a: ActivityView, o: Opts): z.infer<typeof ActivityOut> {
  return {
    id: a.id,
    promise_id: a.promise_id,
    title: a.title,
    description: a.description,
    occurred_on: a.occurred_on,
    place_name: a.place_name,
    lat: a.lat,
    lon: a.lon,
    outcomes: a.outcomes,
    attachments: o.staff
      ? a.attachments.map((f) => ({
          id: f.id,
          filename: f.filename,
          content_type: f.content_type,
          size_bytes: f.size_bytes,
          url: `/t/${o.slug}/arbete/medborgarloften/bilagor/${f.id}`,
        }))
      : [],
  };
}

export function promiseOut(t: Translate, p: PromiseView, doc: DocumentRow, o: Opts): z.infer<typeof PromiseOut> {
  const progress = progressOut(p.progress);
  if (p.progress.kind === "target") progress.activity_count = p.activities.length;
  if (p.progress.kind === "target") progress.last_activity_on = p.activities.at(-1)?.occurred_on ?? null;
  return {
    id: p.id,
    lineage_id: p.lineage_id,
    number: p.number,
    position: p.position,
    text: p.text,
    owner: p.owner,
    owner_label: ownerLabel(t, p.owner, doc.parties),
    focus_area: p.focus_area,
    responsible_organisations: p.responsibles,
    target: p.target ? { ...p.target, text: targetText(t, p.target) ?? "" } : null,
    planned_activities: p.planned_activities,
    status: p.status,
    verdict: p.verdict,
    verdict_reason: p.verdict_reason,
    verdict_suggested: p.verdict_suggested ?? p.progress.suggestedVerdict,
    progress,
    activities: p.activities.map((a) => activityOut(a, o)),
    version: p.version,
  };
}

export function summaryOut(doc: DocumentRow, slug: string): z.infer<typeof DocumentSummaryOut> {
  const pub = isPublicStatus(doc.status);
  return {
    id: doc.id,
    series_id: doc.series_id,
    revision: doc.revision,
    title: doc.title,
    status: doc.status,
    valid_from: doc.valid_from,
    valid_to: doc.valid_to,
    signed_on: doc.signed_on,
    signing_place: doc.signing_place,
    published_at: doc.published_at ? new Date(doc.published_at).toISOString() : null,
    superseded_by_id: doc.superseded_by_id,
    url: pub ? publicDocUrl(slug, doc.id) : null,
    pdf_url: pub ? `${publicDocUrl(slug, doc.id)}.pdf` : null,
    version: doc.version,
  };
}

export function documentOut(
  t: Translate,
  view: DocumentView,
  o: Opts & { abilities: Abilities; events: Array<{ action: string; actor_name: string | null; note: string | null; created_at: Date }> },
): z.infer<typeof DocumentOut> {
  const doc = view.doc;
  return {
    ...summaryOut(doc, o.slug),
    introduction: doc.introduction,
    focus_areas: doc.focus_areas,
    parties: doc.parties,
    findings: doc.findings,
    signatories: doc.signatories,
    agreement_title: doc.agreement_title,
    agreement_url: doc.agreement_url,
    stated_promise_count: doc.stated_promise_count,
    source_note: doc.source_note,
    followup_summary: doc.followup_summary,
    supersedes_id: doc.supersedes_id,
    copied_from_id: doc.copied_from_id,
    promises: view.promises.map((p) => promiseOut(t, p, doc, o)),
    events: o.staff ? o.events.map((e) => ({ action: e.action, actor_name: e.actor_name, note: e.note, at: new Date(e.created_at).toISOString() })) : [],
    abilities: { ...o.abilities },
  };
}

export function followUpReportOut(t: Translate, view: DocumentView, slug: string, asOf: string): z.infer<typeof FollowUpReportOut> {
  const doc = view.doc;
  return {
    document: summaryOut(doc, slug),
    as_of: asOf,
    final: doc.status === "uppfoljt" || (doc.status === "arkiverat" && view.promises.every((p) => p.verdict !== null)),
    summary: doc.followup_summary,
    promises: view.promises.map((p) => ({
      number: p.number,
      text: p.text,
      owner_label: ownerLabel(t, p.owner, doc.parties),
      target: targetText(t, p.target),
      achieved: achievedText(t, p.progress, p.target),
      missed: missedText(t, p.progress, p.target),
      verdict: p.verdict,
      verdict_suggested: p.verdict_suggested ?? p.progress.suggestedVerdict,
      reason: p.verdict_reason,
      key_activities: keyActivities(p).map((a) => ({ occurred_on: a.occurred_on, title: a.title, place_name: a.place_name })),
    })),
  };
}
