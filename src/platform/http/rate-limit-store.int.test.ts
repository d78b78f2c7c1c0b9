// Rate limits are counted in the database (decision 0040): two instances on one database share
// one budget per route and client, a restart does not forget it, and a new window starts when the
// database's clock says the old one ended.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createSecondInstance, createTestApp, type TestApp } from "../testing/harness.ts";
import type { App } from "./types.ts";
import { countHit, pruneRateLimits } from "./rate-limit-store.ts";

describe("rate limits shared by instances", () => {
  let t: TestApp;
  let b: App;
  let closeB: () => Promise<void>;
  const config = { PUBLIC_WRITE_RATE_LIMIT: "3" };
  before(async () => {
    t = await createTestApp({ config });
    const second = await createSecondInstance(t, { config });
    b = second.app;
    closeB = second.close;
  });
  after(async () => {
    await closeB?.();
    await t?.close();
  });

  const signIn = (app: App, ip: string) =>
    app.inject({
      method: "POST",
      url: "/logga-in",
      remoteAddress: ip,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "ingen@example.org", password: "fel-lösenord-åäö" }),
    });

  it("counts a client's requests on every instance against one budget", async () => {
    const statuses = [];
    for (const app of [t.app, b, t.app, b, t.app]) statuses.push((await signIn(app, "192.0.2.10")).statusCode);
    // In-process counters would have allowed 3 per instance: [401, 401, 401, 401, 401].
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const limited = await signIn(b, "192.0.2.10");
    assert.ok(Number(limited.headers["retry-after"]) > 0, "a refused client is told when to try again");
  });

  it("keeps separate budgets per client and per route", async () => {
    assert.equal((await signIn(b, "192.0.2.11")).statusCode, 401, "another address has its own budget");
    const rows = await t.db.selectFrom("rate_limits").select(["key", "hits"]).orderBy("key").execute();
    assert.deepEqual(
      rows.map((r) => [r.key, r.hits]),
      [
        ["POST /logga-in|192.0.2.10", 6],
        ["POST /logga-in|192.0.2.11", 1],
      ],
    );
  });

  it("a restarted instance remembers the count; a new window starts when the database's clock ends the old one", async () => {
    const c = await createSecondInstance(t, { config });
    try {
      assert.equal((await signIn(c.app, "192.0.2.10")).statusCode, 429);
      await t.db.updateTable("rate_limits").set({ window_ends: sql<Date>`now() - interval '1 second'` }).execute();
      assert.equal((await signIn(c.app, "192.0.2.10")).statusCode, 401);
      const row = await t.db.selectFrom("rate_limits").select("hits").where("key", "=", "POST /logga-in|192.0.2.10").executeTakeFirstOrThrow();
      assert.equal(row.hits, 1);
    } finally {
      await c.close();
    }
  });

  it("counts concurrent hits exactly (one atomic upsert each)", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => countHit(t.db, "test|concurrent", 60_000)));
    assert.deepEqual(
      results.map((r) => r.current).sort((x, y) => x - y),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    assert.ok(results.every((r) => r.ttl > 0 && r.ttl <= 60_000));
  });

  it("prunes windows that ended long ago", async () => {
    await countHit(t.db, "test|old", 60_000);
    await t.db.updateTable("rate_limits").set({ window_ends: sql<Date>`now() - interval '1 hour'` }).where("key", "=", "test|old").execute();
    await pruneRateLimits(t.db);
    const left = await t.db.selectFrom("rate_limits").select("key").where("key", "=", "test|old").execute();
    assert.equal(left.length, 0);
  });
});
