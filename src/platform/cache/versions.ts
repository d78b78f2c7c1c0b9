// The public version of a tenant (decision 0015): a counter in `public_versions` that triggers
// bump in the same transaction as every change to data its public pages show
// (migrations/0007_public_versions.sql). A cached public answer is keyed by it, so it is read
// BEFORE the answer's data: whatever the render then reads is at least that new.
//
// - PostgreSQL (several instances may share the database): read from the database for every
//   request, so no instance serves an answer older than the last commit. Requests that arrive
//   while a read is on its way wait for the NEXT read and share it (one query for all of them):
//   each request's version is then read after the request arrived, never before.
// - PGlite (one process owns the database): each bump also NOTIFYs `trygg_public_version`, and
//   PGlite hands the notification to its listeners while it processes the COMMIT, before the
//   writer's own code goes on. So this process always knows the newest version without asking:
//   a query is needed only for a slug not seen yet or after its tenant changed.
import type { Database } from "../db/database.ts";

export type PublicVersion = { tenantId: string; version: number };

export type PublicVersions = {
  /** The tenant at `slug` and its public version; null when no tenant has the slug. */
  bySlug(slug: string): Promise<PublicVersion | null>;
  /** "query": read on every call; "notify": known from notifications, read only when unknown. */
  readonly mode: "query" | "notify";
  close(): Promise<void>;
};

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const CHANNEL = "trygg_public_version";
const QUERY = {
  name: "trygg-public-versions",
  text: "select t.slug, t.id, coalesce(v.version, 0)::int8 as version from tenants t left join public_versions v on v.tenant_id = t.id where t.slug = any($1::text[])",
};

async function readVersions(database: Database, slugs: readonly string[]): Promise<Map<string, PublicVersion>> {
  const r = await database.pool.query<{ slug: string; id: string; version: number | string }>({ ...QUERY, values: [slugs] });
  return new Map(r.rows.map((row) => [row.slug, { tenantId: row.id, version: Number(row.version) }]));
}

async function readVersion(database: Database, slug: string): Promise<PublicVersion | null> {
  return (await readVersions(database, [slug])).get(slug) ?? null;
}

type Waiter = { slug: string; resolve(v: PublicVersion | null): void; reject(e: unknown): void };

/**
 * Reads for every request, batched: a request joins the next read not yet sent. At most one read
 * is on its way at a time; when it returns, everyone who arrived meanwhile goes in the next one.
 */
function batchedReader(database: Database): (slug: string) => Promise<PublicVersion | null> {
  let waiting: Waiter[] = [];
  let reading = false;
  async function drain(): Promise<void> {
    reading = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        const found = await readVersions(database, [...new Set(batch.map((w) => w.slug))]);
        for (const w of batch) w.resolve(found.get(w.slug) ?? null);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    reading = false;
  }
  return (slug) =>
    new Promise((resolve, reject) => {
      waiting.push({ slug, resolve, reject });
      if (!reading) void drain();
    });
}

export async function createPublicVersions(database: Database): Promise<PublicVersions> {
  if (database.kind !== "pglite" || !database.pglite) {
    const read = batchedReader(database);
    return {
      mode: "query",
      bySlug: (slug) => (SLUG.test(slug) ? read(slug) : Promise.resolve(null)),
      async close() {},
    };
  }
  const slugs = new Map<string, string>();
  const versions = new Map<string, number>();
  // Bumped on every notification: a query that started before one may hold an old slug.
  let generation = 0;
  const unlisten = await database.pglite.listen(CHANNEL, (payload) => {
    const [tenantId, v] = payload.split(":");
    if (!tenantId || !v) return;
    generation++;
    versions.set(tenantId, Math.max(Number(v), versions.get(tenantId) ?? 0));
    // The tenant's slug may have changed with it.
    for (const [s, id] of slugs) if (id === tenantId) slugs.delete(s);
  });
  return {
    mode: "notify",
    async bySlug(slug) {
      const known = slugs.get(slug);
      const v = known === undefined ? undefined : versions.get(known);
      if (known !== undefined && v !== undefined) return { tenantId: known, version: v };
      if (!SLUG.test(slug)) return null;
      const gen = generation;
      const row = await readVersion(database, slug);
      if (!row) return null;
      // Versions only grow: a notification that arrived while the query ran wins.
      const version = Math.max(row.version, versions.get(row.tenantId) ?? 0);
      if (gen === generation) {
        slugs.set(slug, row.tenantId);
        versions.set(row.tenantId, version);
      }
      return { tenantId: row.tenantId, version };
    },
    async close() {
      await unlisten();
    },
  };
}
