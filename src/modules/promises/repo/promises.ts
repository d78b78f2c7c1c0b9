// SQL for promises and their responsible organisations. Every function takes db, then tenantId.
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { deleteWithVersion, updateWithVersion, type VersionedUpdate } from "../../../platform/documents/locking.ts";
import type { PromisesTable, PromiseStatus, TargetPeriod, Verdict } from "../tables.ts";
import { isUuid } from "./documents.ts";

export type PromiseRow = Selectable<PromisesTable>;

export type PromiseContent = {
  text: string;
  owner: string;
  focus_area: string | null;
  target_quantity: number | null;
  target_unit: string | null;
  target_period: TargetPeriod | null;
  target_metric: string | null;
  planned_activities: string;
  status: PromiseStatus;
};

export async function listPromises(db: Kysely<DB>, tenantId: string, documentIds: readonly string[]): Promise<PromiseRow[]> {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom("promises")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("document_id", "in", documentIds as string[])
    .orderBy("position")
    .execute();
}

export async function findPromise(db: Kysely<DB>, tenantId: string, id: string): Promise<PromiseRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("promises").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export async function nextPosition(db: Kysely<DB>, tenantId: string, documentId: string): Promise<number> {
  const r = await db
    .selectFrom("promises")
    .select((eb) => eb.fn.max("position").as("m"))
    .where("tenant_id", "=", tenantId)
    .where("document_id", "=", documentId)
    .executeTakeFirst();
  return r?.m === null || r?.m === undefined ? 1 : Number(r.m) + 1;
}

export async function insertPromise(
  db: Kysely<DB>,
  tenantId: string,
  p: PromiseContent & { documentId: string; lineageId: string; position: number },
): Promise<PromiseRow> {
  return db
    .insertInto("promises")
    .values({
      tenant_id: tenantId,
      document_id: p.documentId,
      lineage_id: p.lineageId,
      position: p.position,
      text: p.text,
      owner: p.owner,
      focus_area: p.focus_area,
      target_quantity: p.target_quantity,
      target_unit: p.target_unit,
      target_period: p.target_period,
      target_metric: p.target_metric,
      planned_activities: p.planned_activities,
      status: p.status,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The updated row, or undefined when the version was stale (optimistic locking, platform/documents/locking.ts). */
export async function updatePromiseContent(db: Kysely<DB>, tenantId: string, id: string, version: number, p: PromiseContent): Promise<PromiseRow | undefined> {
  return okRow(await updateWithVersion(db, "promises", tenantId, id, version, p));
}

function okRow(r: VersionedUpdate<PromiseRow>): PromiseRow | undefined {
  return r.kind === "ok" ? r.row : undefined;
}

export async function updatePromiseStatus(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  version: number,
  status: PromiseStatus,
): Promise<PromiseRow | undefined> {
  return okRow(await updateWithVersion(db, "promises", tenantId, id, version, { status }));
}

export async function updatePromiseVerdict(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  version: number,
  v: { verdict: Verdict; reason: string; suggested: Verdict | null; by: string | null },
): Promise<PromiseRow | undefined> {
  return okRow(
    await updateWithVersion(db, "promises", tenantId, id, version, {
      verdict: v.verdict,
      verdict_reason: v.reason,
      verdict_suggested: v.suggested,
      verdict_by: v.by,
      verdict_at: sql`now()`,
    }),
  );
}

export async function setPromisePosition(db: Kysely<DB>, tenantId: string, id: string, position: number): Promise<void> {
  await db
    .updateTable("promises")
    .set({ position, version: sql`version + 1`, updated_at: sql`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

export async function deletePromise(db: Kysely<DB>, tenantId: string, id: string, version: number): Promise<boolean> {
  return (await deleteWithVersion(db, "promises", tenantId, id, version)).kind === "ok";
}

export async function listResponsibles(
  db: Kysely<DB>,
  tenantId: string,
  promiseIds: readonly string[],
): Promise<Map<string, Array<{ id: string; name: string }>>> {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  if (promiseIds.length === 0) return out;
  const rows = await db
    .selectFrom("promise_responsibles")
    .innerJoin("organisations", "organisations.id", "promise_responsibles.organisation_id")
    .select(["promise_responsibles.promise_id", "organisations.id", "organisations.name"])
    .where("promise_responsibles.tenant_id", "=", tenantId)
    .where("promise_responsibles.promise_id", "in", promiseIds as string[])
    .orderBy("organisations.name")
    .execute();
  for (const r of rows) out.set(r.promise_id, [...(out.get(r.promise_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

export async function replaceResponsibles(db: Kysely<DB>, tenantId: string, promiseId: string, organisationIds: readonly string[]): Promise<void> {
  await db.deleteFrom("promise_responsibles").where("tenant_id", "=", tenantId).where("promise_id", "=", promiseId).execute();
  if (organisationIds.length === 0) return;
  await db
    .insertInto("promise_responsibles")
    .values([...new Set(organisationIds)].map((organisation_id) => ({ tenant_id: tenantId, promise_id: promiseId, organisation_id })))
    .execute();
}

/**
 * The organisation and its parents (a department acts for its municipality), among the
 * organisations usable in the tenant (organisation_tenants: its own and the regional ones serving it).
 */
export async function organisationChain(db: Kysely<DB>, tenantId: string, organisationId: string | null | undefined): Promise<string[]> {
  const chain: string[] = [];
  let id = organisationId ?? null;
  while (id && !chain.includes(id) && chain.length < 10) {
    const row = await db
      .selectFrom("organisation_tenants")
      .innerJoin("organisations", "organisations.id", "organisation_tenants.organisation_id")
      .select("organisations.parent_id")
      .where("organisation_tenants.tenant_id", "=", tenantId)
      .where("organisation_tenants.organisation_id", "=", id)
      .executeTakeFirst();
    if (!row) break;
    chain.push(id);
    id = row.parent_id;
  }
  return chain;
}
