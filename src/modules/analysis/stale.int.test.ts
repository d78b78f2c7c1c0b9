// Runs left 'running' by a process that died are marked failed when a server starts (the module's
// onStart hook) and by the sweep: on the embedded database every one of them (its only process is
// the one starting), on PostgreSQL only those whose heartbeat is older than two minutes (another
// instance may still be computing the rest). The run page then says what happened, in words.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { analysisModule } from "./index.ts";
import { insertRun } from "./repo.ts";
import { beatRun, failInterruptedRuns, INTERRUPTED_RUN, stopRunSweeper } from "./stale.ts";
import { makeRun } from "./testing.ts";

describe("analysis: interrupted runs", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let other: { id: string; slug: string };
  let cookie: Record<string, string>;
  const warned: unknown[] = [];
  const log = { warn: (obj: unknown) => warned.push(obj) } as never;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    other = await makeTenant(t.db);
    cookie = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
  });
  after(async () => {
    stopRunSweeper();
    await t?.close();
  });

  const running = async (tenantId: string, beatSecondsAgo: number | null, createdSecondsAgo = 600): Promise<string> => {
    const id = await insertRun(t.db, tenantId, {
      source: "api",
      datasetId: null,
      label: "pågår",
      parameters: { cellSize: 100, band: 250, boundaryOnly: false, categories: [], emerging: false, statistic: "gistar", classifyBy: "q" },
      inputReport: { rows: 1, used: 0, filtered: 0, outside: 0, skipped: { count: 0, first: [], badRows: 0, badCoordinates: 0, badTimestamps: 0 } },
      createdBy: null,
    });
    await t.db
      .updateTable("analysis_runs")
      .set({
        created_at: sql<Date>`now() - make_interval(secs => ${createdSecondsAgo})`,
        heartbeat_at: beatSecondsAgo === null ? null : sql<Date>`now() - make_interval(secs => ${beatSecondsAgo})`,
      })
      .where("id", "=", id)
      .execute();
    return id;
  };
  const statusOf = async (id: string) =>
    t.db.selectFrom("analysis_runs").select(["status", "error", "finished_at"]).where("id", "=", id).executeTakeFirstOrThrow();

  it("the sweep fails runs whose beat (or, without one, whose start) is older than two minutes, in every tenant, and leaves the rest", async () => {
    const oldBeat = await running(tenant.id, 300);
    const noBeatOld = await running(other.id, null, 600);
    const freshBeat = await running(tenant.id, 10);
    const noBeatNew = await running(other.id, null, 5);
    const done = await makeRun(t.db, tenant.id);

    const marked = await failInterruptedRuns(t.db, "stale");
    assert.deepEqual(new Set(marked), new Set([oldBeat, noBeatOld]));
    for (const id of [oldBeat, noBeatOld]) {
      const r = await statusOf(id);
      assert.equal(r.status, "failed");
      assert.equal(r.error, INTERRUPTED_RUN);
      assert.ok(r.finished_at);
    }
    for (const id of [freshBeat, noBeatNew]) assert.equal((await statusOf(id)).status, "running");
    assert.equal((await statusOf(done)).status, "done");
    // A beat keeps a run alive; it never revives a failed one.
    await beatRun(t.db, tenant.id, oldBeat);
    assert.equal((await statusOf(oldBeat)).status, "failed");
    await failInterruptedRuns(t.db, "all");
  });

  it("on start: the embedded database fails every running run; PostgreSQL only the stale ones", async () => {
    const stale = await running(tenant.id, 600);
    const fresh = await running(tenant.id, 5);
    warned.length = 0;
    await analysisModule.onStart!(t.app.deps, log);
    assert.equal((await statusOf(stale)).status, "failed");
    assert.equal((await statusOf(fresh)).status, t.database.kind === "pglite" ? "failed" : "running");
    assert.equal(warned.length, 1, "the start logs which runs it marked");
    await failInterruptedRuns(t.db, "all");
  });

  it("the run page says the computation was interrupted (not an engine error), in Swedish and English", async () => {
    const id = await running(tenant.id, 600);
    await failInterruptedRuns(t.db, "stale");
    const sv = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/hotspots/${id}`, cookies: cookie });
    assert.equal(sv.statusCode, 200);
    assert.match(sv.body, /Beräkningen avbröts när servern stoppades eller startades om/);
    assert.doesNotMatch(sv.body, /Analysen kunde inte göras: interrupted/);
    const en = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/hotspots/${id}?lang=en`, cookies: cookie });
    assert.match(en.body, /The computation was interrupted/);
  });
});
