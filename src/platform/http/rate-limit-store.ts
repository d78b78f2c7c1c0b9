// Rate-limit counters in the database, shared by every instance on it (decision 0040).
// @fastify/rate-limit's own store counts in each process's memory: with N instances behind a
// load balancer a client got N times the limit, and a restart forgot every count. This store
// keeps one row per route and client (`rate_limits`), counted with one atomic upsert in fixed
// windows opened and closed by the database's clock (never by an instance's own clock, which may
// differ between machines). The same SQL runs on PGlite and PostgreSQL.
//
// The plugin constructs the store itself (`new Store(options)`) and asks it for a child per
// route; the child prefixes its keys with the route, so each route has its own budget, as the
// plugin's in-memory store gives. Options the database store does not implement
// (continueExceeding, exponentialBackoff) are refused at start rather than silently ignored.
import type { FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, result?: Result) => void;
/** What the plugin passes to the constructor and to child(): its merged options, with `routeInfo` for a route (its types leave that out). */
type StoreOptions = { routeInfo?: { method?: string | string[]; url?: string }; continueExceeding?: boolean; exponentialBackoff?: boolean };

/** Rows whose window ended this long ago are deleted (by whichever instance counts next, at most once a minute per process). */
const PRUNE_AFTER_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;

/** Count one request of `key` in its window; returns the count so far and the ms left in the window. */
export async function countHit(db: Kysely<DB>, key: string, windowMs: number): Promise<Result> {
  const r = await sql<{ hits: number; ttl: number }>`
    INSERT INTO rate_limits AS r (key, hits, window_ends)
    VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN r.window_ends <= now() THEN 1 ELSE r.hits + 1 END,
      window_ends = CASE WHEN r.window_ends <= now() THEN EXCLUDED.window_ends ELSE r.window_ends END
    RETURNING r.hits, ceil(extract(epoch FROM r.window_ends - now()) * 1000)::int AS ttl`.execute(db);
  const row = r.rows[0]!;
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) };
}

/** The count of `key` in its current window, without counting. */
export async function peekHits(db: Kysely<DB>, key: string): Promise<Result> {
  const r = await sql<{ hits: number; ttl: number }>`
    SELECT hits, ceil(extract(epoch FROM window_ends - now()) * 1000)::int AS ttl
    FROM rate_limits WHERE key = ${key} AND window_ends > now()`.execute(db);
  const row = r.rows[0];
  return row ? { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) } : { current: 0, ttl: 0 };
}

export async function pruneRateLimits(db: Kysely<DB>): Promise<void> {
  await db
    .deleteFrom("rate_limits")
    .where("window_ends", "<", sql<Date>`now() - make_interval(secs => ${PRUNE_AFTER_MS / 1000})`)
    .execute();
}

/** The store class for `app.register(rateLimit, { store: databaseRateLimitStore(db) })`. */
export function databaseRateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  let lastPrune = 0;
  const maybePrune = () => {
    const now = Date.now();
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    void pruneRateLimits(db).catch(() => undefined); // best effort: the next one tries again
  };

  class DatabaseRateLimitStore {
    readonly prefix: string;
    constructor(opts: object) {
      const options = opts as StoreOptions;
      if (options.continueExceeding || options.exponentialBackoff) {
        throw new Error("rate-limit-store: continueExceeding och exponentialBackoff stöds inte av databasens räknare");
      }
      const info = options.routeInfo;
      const method = Array.isArray(info?.method) ? info.method.join(",") : (info?.method ?? "");
      this.prefix = info?.url ? `${method} ${info.url}|` : "";
    }
    incr(key: string, cb: Callback, timeWindow: number): void {
      maybePrune();
      countHit(db, this.prefix + key, timeWindow).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }
    read(key: string, cb: Callback): void {
      peekHits(db, this.prefix + key).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }
    child(routeOptions: object): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  }
  return DatabaseRateLimitStore;
}
