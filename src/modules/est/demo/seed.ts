// Writes the EST part of the Osby demo (generator.ts; provenance in PROVENANCE.md): the demo's
// named places for EST, a year of partner reports with their history, the real police snapshot
// (which holds no event of Osby) and the synthetic police-style events through the real import,
// the weekly meetings with targeted places and insatser (done ones log an activity on the 2024
// promise they serve, through the promises module), and a saved summary of 2024-W22.
// Idempotent: a tenant that already has EST reports is left alone.
import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import { loadActorForUser } from "../../../platform/auth/session.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { recordEvent } from "../../../platform/documents/events.ts";
import { createDiskStorage } from "../../../platform/storage/storage.ts";
import { listPromisesValidOn, logPromiseProgress } from "../../promises/index.ts";
import { addPlace, describePosition, listOrganisations, listPlaces } from "../../tenants/index.ts";
import { dayOfInstant, isoDate, parseWeek, weekLabel } from "../domain/time.ts";
import { importPoliceEvents } from "../polisen/import.ts";
import { areaScope, buildLagesbild } from "../service/lagesbild.ts";
import { partnerReportsSource, policeEventsSource } from "../sources.ts";
import { DEMO_YEAR, type DemoData, generateDemo, placePolygon } from "./generator.ts";

/** Deterministic ids of the demo's rows (kind 1 reports, 2 meetings, 3 insatser). */
export function demoUuid(kind: 1 | 2 | 3, n: number): string {
  return `e5700000-000${kind}-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

/** Ids the tests and the accessibility sweep use: the meeting about 2024-W21, the planted insats (decided at the meeting about W20). */
export const DEMO_IDS = { meeting: demoUuid(2, 20), insats: demoUuid(3, 19), week: `${DEMO_YEAR}-W22` } as const;

let cached: DemoData | null = null;
export function demoData(): DemoData {
  cached ??= generateDemo();
  return cached;
}

/** The first report of an organisation in a week (for the sweep: a reporter's own and another's). */
export function demoReportId(org: string, week = DEMO_IDS.week): string {
  const w = parseWeek(week) as number;
  const r = demoData().reports.find((x) => x.week === w && x.org === org && x.duplicateOf === null);
  if (!r) throw new Error(`demon har ingen rapport från ${org} vecka ${week}`);
  return demoUuid(1, r.seq);
}

const SNAPSHOT = new URL("./polisen-events-snapshot-2024-06-01.json", import.meta.url);

export async function seedEstDemo(db: Kysely<DB>, tenantId: string): Promise<void> {
  const existing = await db.selectFrom("est_reports").select("id").where("tenant_id", "=", tenantId).limit(1).executeTakeFirst();
  if (existing) return;
  const tenant = await db.selectFrom("tenants").select(["id", "slug", "name", "kommunkod", "settings"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
  const data = demoData();

  // Named places of the EST demo (made up, near the real town centres).
  for (const p of data.places)
    await addPlace(db, tenant, {
      name: p.name,
      kind: p.kind,
      lat: p.lat,
      lon: p.lon,
      description: "Påhittad plats för EST-demon.",
      precision_m: 150,
      source: "EST-demo: påhittad plats nära den verkliga ortsmitten, inte en verklig adress",
      geometry: p.polygon ? placePolygon(p) : null,
    });
  const places = await listPlaces(db, tenantId);
  const placeId = (key: string | null) => {
    const name = data.places.find((p) => p.key === key)?.name;
    return places.find((p) => p.name === name) ?? null;
  };
  const orgs = await listOrganisations(db, tenantId);
  const orgId = (name: string) => orgs.find((o) => o.name === name)?.id ?? null;
  const users = await db.selectFrom("users").select(["id", "email", "name"]).where("email", "in", ["rapportor@osby.demo", "samordnare@osby.demo"]).execute();
  const reporter = users.find((u) => u.email === "rapportor@osby.demo") ?? null;
  const coordinator = users.find((u) => u.email === "samordnare@osby.demo") ?? null;
  const reporterOrg = "Osbybostäder AB";
  const lastWeek = Math.max(...data.reports.map((r) => r.week));

  // Reports, in batches.
  const rows = data.reports.map((r) => {
    const place = placeId(r.placeKey);
    const { n, e } = latLonToSweref(r.lat, r.lon);
    const reviewed = r.week <= lastWeek - 2;
    return {
      id: demoUuid(1, r.seq),
      tenant_id: tenantId,
      organisation_id: orgId(r.org),
      reporter_id: r.org === reporterOrg ? (reporter?.id ?? null) : null,
      origin: "formular" as const,
      batch_id: null,
      occurred_from: r.occurredFrom,
      occurred_to: r.occurredTo,
      day: dayOfInstant(r.occurredFrom.getTime()),
      category: r.category,
      place_id: place?.id ?? null,
      place_name: place?.name ?? describePosition(places, r.lat, r.lon, "sv"),
      setting: r.setting,
      lat: r.lat,
      lon: r.lon,
      n,
      e,
      description: r.description,
      assessment: r.assessment,
      people_min: r.people === "" ? null : Number(r.people.split(/[-+]/)[0]),
      people_max: r.people === "" || r.people === "20+" ? null : Number(r.people.split("-").at(-1)),
      status: r.duplicateOf !== null ? ("sammanslagen" as const) : reviewed ? ("granskad" as const) : ("ny" as const),
      merged_into_id: r.duplicateOf !== null ? demoUuid(1, r.duplicateOf) : null,
      created_at: new Date(r.occurredFrom.getTime() + 3 * 3_600_000),
      updated_at: new Date(r.occurredFrom.getTime() + 3 * 3_600_000),
    };
  });
  // Kept reports first: a duplicate points at one that must exist.
  rows.sort((a, b) => Number(a.merged_into_id !== null) - Number(b.merged_into_id !== null));
  for (let k = 0; k < rows.length; k += 200)
    await db
      .insertInto("est_reports")
      .values(rows.slice(k, k + 200))
      .execute();
  const events = rows.flatMap((r) => [
    {
      tenant_id: tenantId,
      document_id: r.id,
      action: "created",
      actor_id: r.reporter_id,
      actor_name: r.reporter_id ? (reporter?.name ?? null) : null,
      note: null,
      changes: "{}",
      created_at: r.created_at,
    },
    ...(r.status !== "ny"
      ? [
          {
            tenant_id: tenantId,
            document_id: r.id,
            action: r.status === "sammanslagen" ? "merged" : "reviewed",
            actor_id: coordinator?.id ?? null,
            actor_name: coordinator?.name ?? null,
            note: null,
            changes: JSON.stringify(
              r.status === "sammanslagen"
                ? { status: { from: "ny", to: "sammanslagen" }, merged_into_id: { from: null, to: r.merged_into_id } }
                : { status: { from: "ny", to: "granskad" } },
            ),
            created_at: new Date(r.created_at.getTime() + 2 * 86_400_000),
          },
        ]
      : []),
  ]);
  for (let k = 0; k < events.length; k += 500)
    await db
      .insertInto("est_report_events")
      .values(events.slice(k, k + 500))
      .execute();

  // The police's events: the real snapshot (no event of Osby: nothing is added) and the
  // synthetic police-style events, both through the real import.
  await importPoliceEvents(db, tenant, JSON.parse(readFileSync(SNAPSHOT, "utf8")));
  await importPoliceEvents(db, tenant, data.policePayload);

  // Meetings, targeted places and insatser.
  // Activities logged by the demo carry no attachments: the storage is never written.
  const storage = createDiskStorage("/nonexistent-est-demo-storage");
  const actor = coordinator ? await loadActorForUser(db, coordinator.id) : null;
  const end = `${DEMO_YEAR}-12-31`;
  for (const [k, m] of data.meetings.entries()) {
    const lastMeetings = k >= data.meetings.length - 2;
    await db
      .insertInto("est_meetings")
      .values({
        id: demoUuid(2, k),
        tenant_id: tenantId,
        week: weekLabel(m.week),
        held_on: m.heldOn,
        focus_areas: JSON.stringify(m.focus),
        notes: "",
        status: lastMeetings ? "planerat" : "genomfort",
        created_by: coordinator?.id ?? null,
      })
      .execute();
    for (const t of m.targets) {
      const org = orgId(t.org);
      const place = placeId(t.placeKey);
      if (!org || !place) continue;
      await db
        .insertInto("est_meeting_targets")
        .values({ tenant_id: tenantId, meeting_id: demoUuid(2, k), organisation_id: org, place_id: place.id, place_name: place.name, note: t.note })
        .execute();
    }
    for (const i of m.insatser) {
      const place = placeId(i.placeKey);
      if (!place) continue;
      const done = i.endsOn < end && !lastMeetings;
      const promises = i.promise ? await listPromisesValidOn(db, tenantId, i.startsOn) : [];
      const promise = i.promise ? (promises.find((p) => p.text.toLowerCase().includes(i.promise as string)) ?? promises[0] ?? null) : null;
      const id = demoUuid(3, k);
      await db
        .insertInto("est_insatser")
        .values({
          id,
          tenant_id: tenantId,
          meeting_id: demoUuid(2, k),
          title: i.title,
          description: i.description,
          place_id: place.id,
          place_name: place.name,
          lat: place.lat,
          lon: place.lon,
          radius_m: 250,
          categories: JSON.stringify(i.categories),
          organisation_id: orgId(i.org),
          starts_on: i.startsOn,
          ends_on: i.endsOn,
          promise_id: promise?.id ?? null,
          comparison_place_id: i.comparisonKey ? (placeId(i.comparisonKey)?.id ?? null) : null,
          status: done ? "genomford" : k === data.meetings.length - 1 ? "beslutad" : "pagar",
          outcome: done ? i.outcome : "",
          done_on: done ? i.endsOn : null,
          created_by: coordinator?.id ?? null,
        })
        .execute();
      const who = { userId: coordinator?.id ?? null, name: coordinator?.name ?? null };
      await recordEvent(db, "est_insats_events", tenantId, id, { action: "decided", actor: who });
      if (done) {
        await recordEvent(db, "est_insats_events", tenantId, id, {
          action: "complete",
          actor: who,
          note: i.outcome,
          changes: { status: { from: "beslutad", to: "genomford" } },
        });
        // Progress on the promise, through the promises module's own use case and rules.
        if (promise && actor) {
          const r = await logPromiseProgress(
            db,
            storage,
            tenantId,
            actor,
            { promiseId: promise.id, title: i.title, occurredOn: i.endsOn, description: i.outcome, placeName: place.name, lat: place.lat, lon: place.lon },
            isoDate(dayOfInstant(Date.now())),
          );
          if (r.kind === "ok") {
            await db.updateTable("est_insatser").set({ activity_id: r.activityId }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
            await recordEvent(db, "est_insats_events", tenantId, id, {
              action: "activityLogged",
              actor: who,
              changes: { activity_id: { from: null, to: r.activityId } },
            });
          }
        }
      }
    }
  }

  // A saved summary for the sweep's week (the other weeks show the generated draft).
  const week = parseWeek(DEMO_IDS.week) as number;
  const { scope, areas } = await areaScope(db, tenantId, "");
  const l = await buildLagesbild(db, { ...tenant, settings: (tenant.settings ?? {}) as Record<string, unknown> }, week, scope!, areas, [
    partnerReportsSource,
    policeEventsSource,
  ]);
  await db
    .insertInto("est_week_summaries")
    .values({
      tenant_id: tenantId,
      week: DEMO_IDS.week,
      area_key: "",
      text: `${l.summary.draft}\n\nMötet tar upp klottret vid Stationsparken särskilt.`,
      updated_by: coordinator?.id ?? null,
    })
    .execute();
}
