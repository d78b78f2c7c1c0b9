// Osby demo seed: writes the documents of osby.ts (real public excerpts plus flagged demo data)
// with their promises, activities and lifecycle history. Idempotent: a tenant that already has
// promise documents is left alone.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { type DemoDocument, osbyDemoDocuments, PARTIES } from "./osby.ts";

export { DEMO_DOCUMENT_IDS, DEMO_DRAFT_PROMISE_ID } from "./osby.ts";

async function ids(db: Kysely<DB>, tenantId: string) {
  const users = await db
    .selectFrom("users")
    .select(["id", "email", "name"])
    .where("email", "in", ["samordnare@osby.demo", "polis@osby.demo", "atgard@osby.demo"])
    .execute();
  const user = (email: string) => users.find((u) => u.email === email) ?? null;
  const orgs = await listOrganisations(db, tenantId);
  const org = (name: string) => orgs.find((o) => o.name === name)?.id ?? null;
  return { samordnare: user("samordnare@osby.demo"), polis: user("polis@osby.demo"), atgard: user("atgard@osby.demo"), org };
}

async function insertDocument(db: Kysely<DB>, tenantId: string, d: DemoDocument): Promise<void> {
  const who = await ids(db, tenantId);
  const doc = await db
    .insertInto("promise_documents")
    .values({
      id: d.id,
      tenant_id: tenantId,
      series_id: randomUUID(),
      title: d.title,
      valid_from: d.from,
      valid_to: d.to,
      introduction: d.introduction,
      focus_areas: JSON.stringify(d.focus),
      parties: JSON.stringify(PARTIES),
      findings: JSON.stringify(d.findings),
      signatories: JSON.stringify(d.signatories),
      signing_place: d.place,
      signed_on: d.status === "utkast" ? null : d.signedOn,
      agreement_title: null,
      agreement_url: null,
      stated_promise_count: d.stated,
      source_note: d.note,
      followup_summary: d.followup,
      status: d.status,
      published_at: d.status === "utkast" || d.status === "signerat" ? null : `${d.signedOn}T10:00:00+02:00`,
      created_by: who.samordnare?.id ?? null,
      created_at: `${d.events[0]?.at ?? d.from}T09:00:00+01:00`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  let position = 1;
  for (const p of d.promises) {
    const lineage = randomUUID();
    const row = await db
      .insertInto("promises")
      .values({
        ...(p.id ? { id: p.id } : {}),
        tenant_id: tenantId,
        document_id: doc.id,
        lineage_id: lineage,
        position: position++,
        text: p.text,
        owner: p.owner,
        focus_area: p.focus ?? null,
        target_quantity: p.target?.quantity ?? null,
        target_unit: p.target?.unit ?? null,
        target_period: p.target?.period ?? null,
        target_metric: null,
        planned_activities: "",
        status: p.status ?? "pagar",
        verdict: p.verdict?.verdict ?? null,
        verdict_reason: p.verdict?.reason ?? null,
        verdict_suggested: p.verdict?.suggested ?? null,
        verdict_by: p.verdict ? (who.samordnare?.id ?? null) : null,
        verdict_at: p.verdict ? `${d.events.at(-1)?.at ?? d.to}T12:00:00+01:00` : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const orgIds = p.orgs.map(who.org).filter((x): x is string => x !== null);
    if (orgIds.length)
      await db
        .insertInto("promise_responsibles")
        .values(orgIds.map((organisation_id) => ({ tenant_id: tenantId, promise_id: row.id, organisation_id })))
        .execute();
    for (const a of p.activities ?? []) {
      const author = p.owner === "polisen" ? who.polis : p.orgs.includes("Samhällsbyggnadsförvaltningen") ? who.atgard : who.samordnare;
      await db
        .insertInto("promise_activities")
        .values({
          tenant_id: tenantId,
          promise_id: row.id,
          lineage_id: lineage,
          title: a.title,
          description: a.description ?? "",
          occurred_on: a.on,
          place_name: a.place ?? null,
          lat: a.at?.[0] ?? null,
          lon: a.at?.[1] ?? null,
          outcomes: JSON.stringify(a.outcomes ?? []),
          created_by: author?.id ?? null,
          created_at: `${a.on}T16:00:00+01:00`,
        })
        .execute();
    }
  }
  for (const e of d.events) {
    const u = e.by === "polis" ? who.polis : who.samordnare;
    await db
      .insertInto("promise_document_events")
      .values({
        tenant_id: tenantId,
        document_id: doc.id,
        action: e.action,
        actor_id: u?.id ?? null,
        actor_name: u?.name ?? null,
        note: null,
        created_at: `${e.at}T10:00:00+01:00`,
      })
      .execute();
  }
}

export async function seedPromisesDemo(db: Kysely<DB>, tenantId: string): Promise<void> {
  const existing = await db.selectFrom("promise_documents").select("id").where("tenant_id", "=", tenantId).limit(1).executeTakeFirst();
  if (existing) return;
  for (const doc of osbyDemoDocuments()) await insertDocument(db, tenantId, doc);
}
