// Importing the police's open events into a tenant: exactly the events of the tenant's
// municipality, idempotently by the police's id (an unchanged event changes nothing; a changed
// version updates its row). Used by `trygg import polisen`, the scheduled fetch and the demo.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listMunicipalities } from "../../tenants/index.ts";
import { dayOfInstant } from "../domain/time.ts";
import { type ParsedPayload, type PoliceEvent, type Places, parsePayload, placesOf, type Unparseable } from "./parse.ts";

export type ImportCounts = { read: number; new: number; updated: number; other: number; unparseable: number };

export type ImportReport = {
  counts: ImportCounts;
  unparseable: Unparseable[];
  /** Clear Swedish warnings about the payload as a whole (another county, nothing of the tenant's). */
  warnings: string[];
};

export type ImportOutcome = { kind: "ok"; report: ImportReport } | { kind: "notAList"; found: string } | { kind: "unknownMunicipality"; kommunkod: string };

let places: Places | null = null;

/** Sweden's municipalities and counties (shipped open data), for reading where events are. */
export function swedishPlaces(): Places {
  places ??= placesOf([...listMunicipalities().values()].map((m) => ({ kommunkod: m.kommunkod, name: m.name, lan: m.lan })));
  return places;
}

function rowOf(tenantId: string, e: PoliceEvent) {
  return {
    tenant_id: tenantId,
    police_id: e.policeId,
    published_at: e.publishedAt,
    occurred_at: e.occurredAt,
    time_source: e.timeSource,
    day: dayOfInstant(e.occurredAt.getTime()),
    type: e.type,
    summary: e.summary,
    url: e.url,
    location_name: e.locationName,
    raw: JSON.stringify(e.raw),
    content_hash: e.hash,
  };
}

/** Import a parsed payload (any JSON value) into the tenant. */
export async function importPoliceEvents(db: Kysely<DB>, tenant: { id: string; kommunkod: string }, json: unknown): Promise<ImportOutcome> {
  const own = [...listMunicipalities().values()].find((m) => m.kommunkod === tenant.kommunkod);
  if (!own) return { kind: "unknownMunicipality", kommunkod: tenant.kommunkod };
  const parsed: ParsedPayload = parsePayload(json, swedishPlaces());
  if (parsed.kind === "notAList") return parsed;
  const read = Array.isArray(json) ? json.length : 0;
  const mine = parsed.events.filter((e) => e.municipality?.kommunkod === tenant.kommunkod);
  const counts: ImportCounts = { read, new: 0, updated: 0, other: parsed.events.length - mine.length, unparseable: parsed.unparseable.length };

  if (mine.length > 0) {
    const existing = await db
      .selectFrom("est_police_events")
      .select(["police_id", "content_hash"])
      .where("tenant_id", "=", tenant.id)
      .where(
        "police_id",
        "in",
        mine.map((e) => e.policeId),
      )
      .execute();
    const hashes = new Map(existing.map((r) => [Number(r.police_id), r.content_hash]));
    const fresh = mine.filter((e) => !hashes.has(e.policeId));
    const changed = mine.filter((e) => hashes.has(e.policeId) && hashes.get(e.policeId) !== e.hash);
    await db.transaction().execute(async (trx) => {
      if (fresh.length) {
        // ON CONFLICT: a concurrent import of the same event (the scheduled fetch and the command) inserts it once.
        const r = await trx
          .insertInto("est_police_events")
          .values(fresh.map((e) => rowOf(tenant.id, e)))
          .onConflict((oc) => oc.columns(["tenant_id", "police_id"]).doNothing())
          .executeTakeFirst();
        counts.new = Number(r.numInsertedOrUpdatedRows ?? fresh.length);
      }
      for (const e of changed) {
        const { tenant_id: _t, police_id: _p, ...values } = rowOf(tenant.id, e);
        await trx
          .updateTable("est_police_events")
          .set({ ...values, updated_at: new Date() })
          .where("tenant_id", "=", tenant.id)
          .where("police_id", "=", e.policeId)
          .execute();
        counts.updated++;
      }
    });
  }

  const warnings: string[] = [];
  const withPlace = parsed.events.filter((e) => e.county !== null);
  const inCounty = withPlace.filter((e) => e.county?.toLowerCase() === own.lan.toLowerCase()).length;
  if (parsed.events.length > 0 && inCounty === 0) {
    const byCounty = new Map<string, number>();
    for (const e of withPlace) byCounty.set(e.county as string, (byCounty.get(e.county as string) ?? 0) + 1);
    const top = [...byCounty]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([c, n]) => `${c} (${n})`)
      .join(", ");
    warnings.push(
      `ingen av filens ${parsed.events.length} händelser gäller ${own.lan}, där ${own.name} ligger${top ? ` – den har händelser från ${top}` : ""}: är det rätt fil eller rätt kommun?`,
    );
  }
  return { kind: "ok", report: { counts, unparseable: parsed.unparseable, warnings } };
}
