// Runs left 'running' by a process that died are marked failed: on the embedded database when the
// server starts (every running run: its only process is the one starting), on PostgreSQL when any
// instance starts or sweeps (a run whose liveness lock nobody holds; a run still computing
// somewhere holds it). The run page then says what happened, in words. A real kill -9 in the
// middle of a computation is in test/reliability/crash.int.test.ts.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { analysisModule } from "./index.ts";
import { insertRun } from "./repo.ts";
import { failInterruptedRuns, INTERRUPTED_RUN, runLiveness, stopRunSweeper } from "./stale.ts";
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

  const running = async (tenantId: string): Promise<string> =>
    insertRun(t.db, tenantId, {
      source: "api",
      datasetId: null,
      label: "pågår",
      parameters: { cellSize: 100, band: 250, boundaryOnly: false, categories: [], emerging: false, statistic: "gistar", classifyBy: "q" },
      inputReport: { rows: 1, used: 0, filtered: 0, outside: 0, skipped: { count: 0, first: [], badRows: 0, badCoordinates: 0, badTimestamps: 0 } },
      createdBy: null,
    });
  const statusOf = async (id: string) =>
    t.db.selectFrom("analysis_runs").select(["status", "error", "finished_at"]).where("id", "=", id).executeTakeFirstOrThrow();

  it("on start, the embedded database fails every running run; PostgreSQL those no live process holds, in every tenant", async () => {
    const orphanA = await running(tenant.id);
    const orphanB = await running(other.id);
    const done = await makeRun(t.db, tenant.id);
    const liveness = runLiveness(t.database);
    const live = await running(tenant.id);
    const held = await liveness?.hold(live);
    try {
      warned.length = 0;
      await analysisModule.onStart!(t.app.deps, log);
      for (const id of [orphanA, orphanB]) {
        const r = await statusOf(id);
        assert.deepEqual([r.status, r.error], ["failed", INTERRUPTED_RUN]);
        assert.ok(r.finished_at);
      }
      assert.equal((await statusOf(done)).status, "done");
      // PGlite has no other process: everything running at start was interrupted.
      assert.equal((await statusOf(live)).status, t.database.kind === "pglite" ? "failed" : "running");
      assert.equal(warned.length, 1, "the start logs which runs it marked");
    } finally {
      await held?.release();
    }
    if (t.database.kind === "postgres") {
      // Its process let go (it finished, or died): the next sweep marks it.
      assert.deepEqual(await failInterruptedRuns(t.db, "unlocked"), [live]);
    }
  });

  it("a run computed through the API holds its lock while computing and releases it after (PostgreSQL)", async () => {
    const liveness = runLiveness(t.database);
    if (!liveness) {
      assert.equal(t.database.kind, "pglite", "only the embedded database runs without liveness locks");
      return;
    }
    const id = await makeRun(t.db, tenant.id);
    const held = await liveness.hold(id);
    await held.release();
    // After release nobody holds it, and a finished run is never touched by a sweep.
    assert.deepEqual(await failInterruptedRuns(t.db, "unlocked"), []);
    assert.equal((await statusOf(id)).status, "done");
  });

  it("a run's lock session that the server ends does not take the process down; the run is then unheld (PostgreSQL)", async () => {
    const liveness = runLiveness(t.database);
    if (!liveness) return;
    const id = await running(tenant.id);
    const held = await liveness.hold(id);
    // The server ends the idle session holding the lock (as a PostgreSQL restart or crash does).
    const ended = await sql<{ pid: number }>`
      SELECT pg_terminate_backend(pid) AS ended, pid FROM pg_locks
      WHERE locktype = 'advisory' AND classid = 2001 AND objid::int = hashtext(${id})`.execute(t.db);
    assert.equal(ended.rows.length, 1, "the run's session held its lock");
    // The client hears of it (an 'error' event on the idle connection); before, that was an
    // unhandled 'error' event that ended the process.
    for (let i = 0; i < 100 && (await sql`SELECT 1 FROM pg_stat_activity WHERE pid = ${ended.rows[0]!.pid}`.execute(t.db)).rows.length; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));
    await held.release();
    assert.deepEqual(await failInterruptedRuns(t.db, "unlocked"), [id], "nobody holds the run any more");
  });

  it("the run page says the computation was interrupted (not an engine error), in Swedish and English", async () => {
    const id = await running(tenant.id);
    await failInterruptedRuns(t.db, "all");
    const sv = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/hotspots/${id}`, cookies: cookie });
    assert.equal(sv.statusCode, 200);
    assert.match(sv.body, /Beräkningen avbröts när servern stoppades eller startades om/);
    assert.doesNotMatch(sv.body, /Analysen kunde inte göras: interrupted/);
    const en = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/hotspots/${id}?lang=en`, cookies: cookie });
    assert.match(en.body, /The computation was interrupted/);
  });
});
