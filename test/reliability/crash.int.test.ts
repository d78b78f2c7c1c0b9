// Crash without loss, CI-sized: while a bounded client submits writes and a hot spot analysis
// computes in a worker thread, the server process is killed with SIGKILL (no shutdown at all).
// It starts again on the same database — on PGlite the data directory the dead process left,
// lock and all. Then: every write that was answered 2xx is stored, none twice; the run that was
// computing is marked failed ('interrupted'), not 'running' for ever. On the run's engine. The
// long version (several instances, PostgreSQL itself killed, every module's writes) is bench/crash.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { incidentCsv } from "../../src/modules/analysis/testing.ts";
import { INTERRUPTED_RUN } from "../../src/modules/analysis/stale.ts";
import { DEMO_PASSWORD } from "../../src/modules/tenants/seed.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import {
  createInstanceStore,
  formValues,
  type Instance,
  type InstanceStore,
  multipartBody,
  signIn,
  startInstance,
} from "../../src/platform/testing/instances.ts";
import { activitySubmission, BoundedClient, estReportSubmission, prepareContext, verdict } from "../../src/platform/testing/submissions.ts";

async function until(what: string, probe: () => Promise<boolean> | boolean, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 20; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: inte inom ${seconds} s`);
}

describe("kill -9 while writes are submitted and an analysis computes", () => {
  let store: InstanceStore;
  let inst: Instance;
  const env = { PUBLIC_WRITE_RATE_LIMIT: "100000", SHUTDOWN_GRACE_SECONDS: "5" };
  before(async () => {
    store = await createInstanceStore();
    inst = await startInstance({ store, demo: true, env });
  });
  after(async () => {
    await inst?.kill();
    await store?.drop();
  });

  it("keeps every acknowledged write exactly once and marks the interrupted run failed", async () => {
    let base = inst.url;
    const cookie = await signIn(base, "samordnare@osby.demo", DEMO_PASSWORD);
    const submissions = [activitySubmission, estReportSubmission];
    const client = new BoundedClient({
      target: () => base,
      submissions,
      context: await prepareContext(base, cookie, submissions),
      workers: 4,
      limit: 5_000, // a bound; the test stops the client itself
      prefix: `krasch-${process.pid}`,
    });
    client.start();
    await until("de första skrivningarna bekräftas", () => client.acknowledged >= 30, 60);

    // A hot spot analysis big enough to be computing in its worker thread when the process dies.
    const page = formValues(await (await fetch(`${base}/t/osby/arbete/hotspots`, { headers: { cookie } })).text());
    const label = `krasch-${process.pid}.csv`;
    const csv = incidentCsv({ n: 165_000, cluster: 15_000, weeks: 26 }); // 8.7 MB (the form takes 10); emerging: ~5 s here
    const upload = multipartBody({ _csrf: page._csrf!, cell_size: "50", band: "150", emerging: "on" }, [
      { field: "file", filename: label, contentType: "text/csv", data: Buffer.from(csv.text) },
    ]);
    const analysis = fetch(`${base}/t/osby/arbete/hotspots`, {
      method: "POST",
      headers: { cookie, "content-type": upload.contentType },
      body: new Uint8Array(upload.body),
    }).then(
      (r) => r.status,
      () => null,
    );
    await until(
      "analysen pågår",
      async () => {
        const html = await (await fetch(`${base}/t/osby/arbete/hotspots`, { headers: { cookie } })).text();
        const row = [...html.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((r) => r.includes(label));
        return row?.includes("Pågår") ?? false;
      },
      60,
    );

    const killedPid = inst.pid;
    await inst.kill(); // SIGKILL: no shutdown, no lock released, nothing flushed by Trygg
    assert.equal(await analysis, null, "the analysis request died with the process");
    if (store.kind === "pglite") {
      const lock = join(store.dataDir, "db", "trygg.lock");
      assert.ok(existsSync(lock), "the dead process left its lock behind");
      assert.equal(JSON.parse(readFileSync(lock, "utf8")).pid, killedPid);
    }
    const before = client.acknowledged;

    // The same data directory / database again; the client goes on against the new process.
    inst = await startInstance({ store, env });
    base = inst.url;
    await until("skrivningar bekräftas efter omstarten", () => client.acknowledged >= before + 20, 60);
    await client.stop();
    assert.match(inst.output(), /analyser som avbröts markerades som misslyckade/);
    const { code } = await inst.stop("SIGTERM");
    assert.equal(code, 0);

    const database =
      store.kind === "postgres"
        ? await openDatabase({ kind: "postgres", url: store.url! })
        : await openDatabase({ kind: "pglite", dataDir: join(store.dataDir, "db"), purpose: "test" });
    try {
      const v = await verdict(database.db, client.outcomes, submissions);
      assert.deepEqual(v.lost, [], "every acknowledged write is stored");
      assert.deepEqual(v.doubled, [], "no write is stored twice");
      assert.ok(v.acknowledged >= 50 && v.failed >= 1, JSON.stringify(v));
      for (const s of submissions) {
        const ok = client.outcomes.filter((o) => o.submission === s.name && o.status !== null && o.status >= 200 && o.status < 300).length;
        assert.ok(ok >= 10, `${s.name}: ${ok} acknowledged (every kind of write is really written, not refused)`);
      }
      const runs = await database.db
        .selectFrom("analysis_runs")
        .select(["status", "error", "label"])
        .where("label", "like", `%krasch-${process.pid}%`)
        .execute();
      assert.equal(runs.length, 1);
      assert.deepEqual([runs[0]!.status, runs[0]!.error], ["failed", INTERRUPTED_RUN]);
      process.stdout.write(`# ${store.kind}: ${JSON.stringify({ ...v, lost: v.lost.length, doubled: v.doubled.length })}\n`);
    } finally {
      await database.close();
    }
  });
});
