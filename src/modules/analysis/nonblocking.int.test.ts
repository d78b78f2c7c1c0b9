// A big computation never blocks requests: the engine runs in a worker thread while the event
// loop keeps answering. Proven by ORDER, not by timing thresholds: GET /healthz is sent the moment
// the computation is handed to the engine ("computing") and must be answered before the engine
// reports its result ("computed"). Were the computation on the request thread, "computed" would
// necessarily come first — the health request could not even be read until it finished.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { analysisEvents, runHotspotAnalysis } from "./service.ts";
import { seeded } from "./testing.ts";

/** Record the order of: health answered, computation finished, caller done. */
function watch(t: TestApp): { order: string[]; health: () => Promise<void> | null; stop(): void } {
  const order: string[] = [];
  let health: Promise<void> | null = null;
  const onComputing = () => {
    health = t.app.inject({ method: "GET", url: "/healthz" }).then((res) => {
      order.push(`healthz ${res.statusCode}`);
    });
  };
  const onComputed = () => order.push("computed");
  analysisEvents.once("computing", onComputing);
  analysisEvents.once("computed", onComputed);
  return {
    order,
    health: () => health,
    stop() {
      analysisEvents.off("computing", onComputing);
      analysisEvents.off("computed", onComputed);
    },
  };
}

describe("analysis: a big computation does not block requests", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let polis: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    polis = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "polis")).id);
  });
  after(async () => t?.close());

  it("answers /healthz while 10^6 incidents are analysed in the worker", async () => {
    const n = 1_000_000;
    const rnd = seeded(42);
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const hot = i % 5 === 0;
      lat[i] = hot ? 56.3806 + (rnd() - 0.5) * 0.004 : 56.3 + rnd() * 0.24;
      lon[i] = hot ? 13.9934 + (rnd() - 0.5) * 0.007 : 13.92 + rnd() * 0.5;
    }
    const w = watch(t);
    try {
      const outcome = await runHotspotAnalysis(t.db, tenant.id, null, {
        source: "api",
        datasetId: null,
        label: "10^6",
        parameters: { cellSize: 100, band: 250, boundaryOnly: false, categories: [], emerging: false, statistic: "gistar", classifyBy: "q" },
        points: { lat, lon },
        position: (i) => i,
        read: { rows: n, filtered: 0, bad: { count: 0, first: [] } },
      }).then((r) => {
        w.order.push("stored");
        return r;
      });
      await w.health();
      assert.equal(outcome.kind, "ok");
      assert.deepEqual(w.order, ["healthz 200", "computed", "stored"], "health was answered while the worker computed");
      const run = await t.db
        .selectFrom("analysis_runs")
        .select(["status", "timings", "input_report"])
        .where("tenant_id", "=", tenant.id)
        .executeTakeFirstOrThrow();
      assert.equal(run.status, "done");
      assert.equal((run.timings as { executor: string }).executor, "worker");
      assert.equal((run.input_report as { used: number }).used, n);
    } finally {
      w.stop();
    }
  });

  it("answers /healthz while an API request of 200 000 points is computed (whole municipality, 50 m cells)", async () => {
    const n = 200_000;
    const rnd = seeded(7);
    const points = new Array(n);
    for (let i = 0; i < n; i++) points[i] = { lat: Math.round((56.3 + rnd() * 0.24) * 1e6) / 1e6, lon: Math.round((13.92 + rnd() * 0.5) * 1e6) / 1e6 };
    const w = watch(t);
    try {
      const res = await t.app
        .inject({
          method: "POST",
          url: `/api/t/${tenant.slug}/analysis/hotspots`,
          cookies: polis,
          headers: { "content-type": "application/json" },
          payload: JSON.stringify({ points, cellSize: 50, band: 125, boundaryOnly: true }),
        })
        .then((r) => {
          w.order.push(`api ${r.statusCode}`);
          return r;
        });
      await w.health();
      assert.equal(res.statusCode, 201, res.body.slice(0, 500));
      assert.deepEqual(w.order, ["healthz 200", "computed", "api 201"]);
      assert.equal(res.json().timings, null, "engine timings are for administrators");
      const run = await t.db.selectFrom("analysis_runs").select("timings").where("id", "=", res.json().id).executeTakeFirstOrThrow();
      assert.equal((run.timings as { executor: string }).executor, "worker");
    } finally {
      w.stop();
    }
  });
});
