// Building blocks of the tenant-isolation sweep (test/isolation/isolation.int.test.ts).
// A module takes part by exporting from its `testing.ts`
//
//   export const isolationFixtures: IsolationFixtures = async (db, tenantId) => {
//     const p = await makePromise(db, tenantId);           // the module's own factory
//     return { promiseId: p.id };                          // one id per route parameter name
//   };
//
// and listing it in test/isolation/fixtures.ts. The sweep calls it for tenant A and tenant B and
// fills each route's parameters with B's ids. A key is either a parameter name (`promiseId`:
// every route with `:promiseId`) or `name@/url/prefix` (`id@/t/:tenant/loften`: only routes
// whose pattern starts with that prefix; the longest matching prefix wins). Prefer descriptive
// parameter names (`:promiseId`, not `:id`) so one key serves pages and API alike.
import { sql, type Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { FixtureExtras } from "../module.ts";

export type IsolationFixtures = (db: Kysely<DB>, tenantId: string, extras: FixtureExtras) => Promise<Record<string, string>>;

export type FixtureSource = { module: string; isolationFixtures: IsolationFixtures };

/** Merge the modules' fixture maps; the same key from two modules is a mistake worth stopping for. */
export async function collectFixtures(
  db: Kysely<DB>,
  tenantId: string,
  sources: readonly FixtureSource[],
  extras: FixtureExtras,
): Promise<Map<string, { id: string; module: string }>> {
  const out = new Map<string, { id: string; module: string }>();
  for (const s of sources) {
    const ids = await s.isolationFixtures(db, tenantId, extras);
    for (const [key, id] of Object.entries(ids)) {
      const prior = out.get(key);
      if (prior)
        throw new Error(`isolationsfixturen "${key}" finns i både ${prior.module} och ${s.module}: använd ett unikt parameternamn eller "${key}@/prefix"`);
      if (typeof id !== "string" || id === "") throw new Error(`isolationsfixturen "${key}" i ${s.module} gav inget id`);
      out.set(key, { id, module: s.module });
    }
  }
  return out;
}

/** The fixture id for one parameter of one route pattern (most specific key wins), or null. */
export function fixtureFor(fixtures: Map<string, { id: string }>, url: string, param: string): string | null {
  let best: { id: string; len: number } | null = null;
  for (const [key, v] of fixtures) {
    const at = key.indexOf("@");
    const name = at < 0 ? key : key.slice(0, at);
    const prefix = at < 0 ? "" : key.slice(at + 1);
    if (name !== param || !url.startsWith(prefix)) continue;
    if (!best || prefix.length > best.len) best = { id: v.id, len: prefix.length };
  }
  return best?.id ?? null;
}

/** Fill a route pattern with values (`/t/:tenant/x/:id` + {tenant, id} → `/t/b/x/123`). */
export function fillRoute(url: string, values: Record<string, string>): string {
  return url
    .replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_m, name: string) => encodeURIComponent(values[name] ?? `:${name}`))
    .replace(/\*/g, () => values["*"] ?? "*");
}

/** Every base table with a tenant_id column, found from information_schema (new tables join by themselves). */
export async function tenantOwnedTables(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ table_name: string }>`
    select c.table_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.column_name = 'tenant_id' and c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return r.rows.map((x) => x.table_name);
}

export type TenantSnapshot = Map<string, string[]>;

/** All rows of one tenant (each tenant-owned table, plus its own row in `tenants`), as sorted JSON lines. */
export async function snapshotTenant(db: Kysely<DB>, tenantId: string, tables: readonly string[]): Promise<TenantSnapshot> {
  const snap: TenantSnapshot = new Map();
  const own = await sql<Record<string, unknown>>`select * from tenants where id = ${tenantId}`.execute(db);
  snap.set("tenants", own.rows.map((r) => JSON.stringify(r)).sort());
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(db);
    snap.set(table, rows.rows.map((r) => JSON.stringify(r)).sort());
  }
  return snap;
}

export type SnapshotDiff = { table: string; removedOrChanged: string[]; added: string[] };

export function diffSnapshots(before: TenantSnapshot, after: TenantSnapshot): SnapshotDiff[] {
  const out: SnapshotDiff[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(table) ?? [];
    const b = after.get(table) ?? [];
    const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    const ca = count(a);
    const cb = count(b);
    const removedOrChanged = [...ca].flatMap(([row, n]) => Array(Math.max(0, n - (cb.get(row) ?? 0))).fill(row) as string[]);
    const added = [...cb].flatMap(([row, n]) => Array(Math.max(0, n - (ca.get(row) ?? 0))).fill(row) as string[]);
    if (removedOrChanged.length || added.length) out.push({ table, removedOrChanged, added });
  }
  return out;
}

/** The <main> of an HTML page without per-request noise (CSRF tokens, one-time flash). */
export function mainContent(body: string): string {
  const m = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(body);
  return (m?.[1] ?? body)
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""')
    .replace(/<div class="flash"[^>]*>[\s\S]*?<\/div>/g, "")
    .trim();
}
