// Row-level security as a second line of tenant defence: what it would take and cost on Trygg's
// two databases (docs/decisions/0013). Measured on each engine with a table like Trygg's
// (tenant_id, id, payload; 10 tenants × 2 000 rows):
//   facts     whether FORCE ROW LEVEL SECURITY holds for the connecting user (a superuser on
//             PGlite, always), and for a non-superuser role taken with SET LOCAL ROLE
//   request   one "request" of 3 point reads: plain (tenant_id in every WHERE, no transaction)
//             against RLS (BEGIN; SET LOCAL ROLE; set_config('trygg.tenant_id', …, true); the 3
//             reads without tenant_id; COMMIT on one checked-out connection) — mean per request
//   blocking  a request that holds its transaction for 200 ms of work outside the database (a
//             worker-thread computation, an upload to storage): the latency of a fast request
//             issued meanwhile, plain and RLS, with as many slow requests as the pool has connections
//
//   node bench/rls/run.ts [--requests N] [--engines pglite,postgres]
import { parseArgs } from "node:util";
import pg from "pg";
import { startPrivatePostgres } from "../../scripts/pg-test-server.ts";
import { openDatabase } from "../../src/platform/db/database.ts";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "2000" }, engines: { type: "string", default: "pglite,postgres" } },
});
const REQUESTS = Number(values.requests);
const TENANTS = 10;
const ROWS = 2000;
const SLOW_MS = 200;

const SETUP = `
  create table items (tenant_id uuid not null, id uuid primary key default gen_random_uuid(), payload text not null);
  create index items_tenant_idx on items (tenant_id, id);
  insert into items (tenant_id, payload)
    select ('00000000-0000-4000-8000-' || lpad(t::text, 12, '0'))::uuid, repeat('x', 200)
    from generate_series(1, ${TENANTS}) t, generate_series(1, ${ROWS}) r;
  analyze items;
  alter table items enable row level security;
  alter table items force row level security;
  create policy tenant_rows on items using (tenant_id = nullif(current_setting('trygg.tenant_id', true), '')::uuid);
  create role trygg_rls_app nologin;
  grant select, insert, update, delete on items to trygg_rls_app;`;

const tenant = (t: number) => `00000000-0000-4000-8000-${String(t).padStart(12, "0")}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ids(pool: pg.Pool, t: number): Promise<string[]> {
  const c = await pool.connect();
  try {
    await c.query("begin");
    await c.query("set local row_security = off"); // the owner's own set-up read
    await c.query("set local role none");
    const r = await c.query("select id from items where tenant_id = $1 order by id limit 50", [tenant(t)]);
    await c.query("commit");
    return r.rows.map((x: { id: string }) => x.id);
  } finally {
    c.release();
  }
}

async function plainRequest(pool: pg.Pool, t: number, idList: string[], slowMs = 0): Promise<void> {
  for (let i = 0; i < 3; i++) await pool.query("select id, payload from items where tenant_id = $1 and id = $2", [tenant(t), idList[i]]);
  if (slowMs) await sleep(slowMs); // work outside the database holds nothing
}

async function rlsRequest(pool: pg.Pool, t: number, idList: string[], slowMs = 0): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query("begin");
    await c.query("set local role trygg_rls_app");
    await c.query("select set_config('trygg.tenant_id', $1, true)", [tenant(t)]);
    for (let i = 0; i < 3; i++) await c.query("select id, payload from items where id = $1", [idList[i]]);
    if (slowMs) await sleep(slowMs); // the transaction (and the connection) is held meanwhile
    await c.query("commit");
  } catch (err) {
    await c.query("rollback");
    throw err;
  } finally {
    c.release();
  }
}

async function facts(pool: pg.Pool): Promise<Record<string, string | number>> {
  const who = await pool.query("select current_user as u, usesuper from pg_user where usename = current_user");
  const asOwner = await pool.query("select count(*)::int as n from items");
  const c = await pool.connect();
  try {
    await c.query("begin");
    await c.query("set local role trygg_rls_app");
    const unset = await c.query("select count(*)::int as n from items");
    await c.query("select set_config('trygg.tenant_id', $1, true)", [tenant(1)]);
    const one = await c.query("select count(*)::int as n from items");
    await c.query("commit");
    return {
      user: `${who.rows[0].u}${who.rows[0].usesuper ? " (superuser)" : ""}`,
      "rows seen as that user, FORCE RLS, no tenant set": asOwner.rows[0].n,
      "rows seen as a plain role, no tenant set": unset.rows[0].n,
      "rows seen as a plain role, tenant 1 set": one.rows[0].n,
    };
  } finally {
    c.release();
  }
}

async function perRequest(pool: pg.Pool, run: typeof plainRequest, idsByTenant: string[][]): Promise<number> {
  for (let i = 0; i < 200; i++) await run(pool, (i % TENANTS) + 1, idsByTenant[i % TENANTS]!); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) await run(pool, (i % TENANTS) + 1, idsByTenant[i % TENANTS]!);
  return ((performance.now() - t0) * 1000) / REQUESTS;
}

/** Latency of one fast request issued while `slow` slow requests are in flight. */
async function blocking(pool: pg.Pool, run: typeof plainRequest, idsByTenant: string[][], slow: number): Promise<number> {
  const inFlight = Array.from({ length: slow }, (_, i) => run(pool, (i % TENANTS) + 1, idsByTenant[i % TENANTS]!, SLOW_MS));
  await sleep(20);
  const t0 = performance.now();
  await run(pool, 1, idsByTenant[0]!);
  const ms = performance.now() - t0;
  await Promise.all(inFlight);
  return ms;
}

async function bench(engine: string, pool: pg.Pool, poolSize: number): Promise<void> {
  for (const statement of SETUP.split(";")
    .map((s) => s.trim())
    .filter(Boolean))
    await pool.query(statement);
  const idsByTenant: string[][] = [];
  for (let t = 1; t <= TENANTS; t++) idsByTenant.push(await ids(pool, t));
  console.log(`\n## ${engine} (pool of ${poolSize})\n`);
  for (const [k, v] of Object.entries(await facts(pool))) console.log(`- ${k}: ${v}`);
  const plain = await perRequest(pool, plainRequest, idsByTenant);
  const rls = await perRequest(pool, rlsRequest, idsByTenant);
  console.log(`\n| ${REQUESTS} requests of 3 reads | µs per request |\n|---|---:|`);
  console.log(`| plain (tenant_id in WHERE) | ${plain.toFixed(0)} |`);
  console.log(`| RLS (transaction, SET LOCAL ROLE, set_config) | ${rls.toFixed(0)} (×${(rls / plain).toFixed(2)}) |`);
  const bPlain = await blocking(pool, plainRequest, idsByTenant, poolSize);
  const bRls = await blocking(pool, rlsRequest, idsByTenant, poolSize);
  console.log(`\n| a fast request while ${poolSize} request(s) hold ${SLOW_MS} ms of outside work | ms |\n|---|---:|`);
  console.log(`| plain | ${bPlain.toFixed(1)} |`);
  console.log(`| RLS | ${bRls.toFixed(1)} |`);
}

const engines = values.engines.split(",");
if (engines.includes("pglite")) {
  const database = await openDatabase({ kind: "pglite-memory" });
  try {
    await bench("PGlite (PostgreSQL 18, WASM)", database.pool, 1);
  } finally {
    await database.close();
  }
}
if (engines.includes("postgres")) {
  const server = await startPrivatePostgres();
  const pool = new pg.Pool({ connectionString: server.url, max: 10 });
  try {
    await bench(`PostgreSQL ${server.version}`, pool, 10);
  } finally {
    await pool.end();
    server.stop();
  }
}
