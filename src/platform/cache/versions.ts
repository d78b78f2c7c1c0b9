// The public version of a tenant (decision 0015): a counter in `public_versions` that triggers
// bump in the same transaction as every change to data its public pages show
// (migrations/0006_public_versions.sql). A cached public answer is keyed by it, so it is read
// BEFORE the answer's data: whatever the render then reads is at least that new.
//
// - PostgreSQL (several instances may share the database): one query per request, joined with
//   the tenant's slug, so no instance serves an answer older than the last commit.
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
  name: "trygg-public-version",
  text: "select t.id, coalesce(v.version, 0)::int8 as version from tenants t left join public_versions v on v.tenant_id = t.id where t.slug = $1",
};

async function readVersion(database: Database, slug: string): Promise<PublicVersion | null> {
  const r = await database.pool.query<{ id: string; version: number | string }>({ ...QUERY, values: [slug] });
  const row = r.rows[0];
  return row ? { tenantId: row.id, version: Number(row.version) } : null;
}

export async function createPublicVersions(database: Database): Promise<PublicVersions> {
  if (database.kind !== "pglite" || !database.pglite) {
    return {
      mode: "query",
      bySlug: (slug) => (SLUG.test(slug) ? readVersion(database, slug) : Promise.resolve(null)),
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
