// SIGTERM under a process manager: `trygg start` stops taking connections at once, finishes the
// requests in flight — a slow upload still arriving and a hot spot computation that runs in a
// worker thread after the signal — answers them, stops its jobs (pg-boss) and worker threads,
// closes the database and exits 0, leaving no process behind. What it acknowledged is there
// after a restart. On the run's engine (PGlite directory or PostgreSQL).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
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
import { incidentCsv } from "../../src/modules/analysis/testing.ts";
import { DEMO_PASSWORD } from "../../src/modules/tenants/seed.ts";

type Answer = { status: number; location: string | undefined; body: string };

/** A POST whose body is held back until finish(): the request is in flight meanwhile. */
function heldPost(url: string, headers: Record<string, string>, body: Buffer, holdBack: number) {
  const req = request(url, { method: "POST", headers: { ...headers, "content-length": String(body.length), expect: "100-continue" } });
  const response = new Promise<Answer>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d: Buffer) => {
        text += d.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }));
    });
    req.on("error", reject);
  });
  // The server has parsed the request line and headers (it answered 100 Continue): in flight.
  const accepted = new Promise<void>((resolve, reject) => {
    req.once("continue", () => {
      req.write(body.subarray(0, body.length - holdBack));
      resolve();
    });
    req.once("error", reject);
  });
  req.flushHeaders();
  return { accepted, response, finish: () => req.end(body.subarray(body.length - holdBack)) };
}

async function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(port), hostname);
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

describe("SIGTERM: graceful shutdown of trygg start", () => {
  let store: InstanceStore;
  let inst: Instance;
  before(async () => {
    store = await createInstanceStore();
    inst = await startInstance({ store, demo: true, env: { PUBLIC_WRITE_RATE_LIMIT: "1000" } });
  });
  after(async () => {
    await inst?.kill();
    await store?.drop();
  });

  it("finishes the requests in flight (a slow upload, a worker-thread computation), refuses new connections, exits 0, keeps what it acknowledged", async () => {
    const base = inst.url;
    const cookie = await signIn(base, "samordnare@osby.demo", DEMO_PASSWORD);

    // A promise to log an activity on, and its form (with the CSRF token bound to the session).
    const choose = await (await fetch(`${base}/t/osby/arbete/medborgarloften/aktivitet`, { headers: { cookie } })).text();
    const promiseId = /aktivitet\?lofte=([0-9a-f-]{36})/.exec(choose)?.[1];
    assert.ok(promiseId, "the demo has a promise to log an activity on");
    const form = formValues(await (await fetch(`${base}/t/osby/arbete/medborgarloften/aktivitet?lofte=${promiseId}`, { headers: { cookie } })).text());
    const photo = Buffer.from(`en bilaga från Lönsboda ${Date.now()}`);
    const title = `Pågår vid SIGTERM ${process.pid}`;
    const upload = multipartBody({ ...form, title, description: "skickad långsamt" }, [
      { field: "attachments", filename: "anteckning.txt", contentType: "text/plain", data: photo },
    ]);
    const slowUpload = heldPost(`${base}/t/osby/arbete/medborgarloften/aktivitet`, { cookie, "content-type": upload.contentType }, upload.body, 200);

    // A hot spot analysis big enough for the worker thread (> 5 000 points), computed after the signal.
    const hotspots = formValues(await (await fetch(`${base}/t/osby/arbete/hotspots`, { headers: { cookie } })).text());
    const csv = incidentCsv({ n: 30_000, cluster: 3_000, weeks: 8 });
    const label = `SIGTERM-${process.pid}.csv`;
    const analysis = multipartBody({ _csrf: hotspots._csrf!, cell_size: "100", band: "250", emerging: "on" }, [
      { field: "file", filename: label, contentType: "text/csv", data: Buffer.from(csv.text) },
    ]);
    const slowAnalysis = heldPost(`${base}/t/osby/arbete/hotspots`, { cookie, "content-type": analysis.contentType }, analysis.body, 100);
    await Promise.all([slowUpload.accepted, slowAnalysis.accepted]);

    assert.deepEqual(childrenOf(inst.pid), [], "trygg start runs no child processes (its workers are threads)");
    const exited = inst.stop("SIGTERM");
    // New connections are refused from the moment the server closes its listener …
    let refused = false;
    for (let i = 0; i < 500 && !refused; i++) {
      refused = !(await accepts(base));
      if (!refused) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(refused, "the server stopped listening after SIGTERM");
    // … while the requests it had taken are still served to the end.
    slowUpload.finish();
    slowAnalysis.finish();
    const [up, an] = await Promise.all([slowUpload.response, slowAnalysis.response]);
    assert.equal(up.status, 303, up.body.slice(0, 500));
    assert.equal(an.status, 303, an.body.slice(0, 500));
    assert.match(an.location ?? "", /\/t\/osby\/arbete\/hotspots\/[0-9a-f-]{36}$/);
    const runId = an.location!.split("/").pop()!;

    const { code, signal } = await exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, `a graceful exit:\n${inst.output()}`);
    assert.doesNotMatch(inst.output(), /jobbfel|unexpected error|Error:/, "nothing failed while stopping");
    if (store.kind === "pglite") assert.equal(existsSync(join(store.dataDir, "db", "trygg.lock")), false, "the data directory is released");

    // Everything acknowledged is stored: the activity with its attachment, the finished run.
    const database =
      store.kind === "postgres"
        ? await openDatabase({ kind: "postgres", url: store.url! })
        : await openDatabase({ kind: "pglite", dataDir: join(store.dataDir, "db"), purpose: "test" });
    try {
      const activity = await database.db.selectFrom("promise_activities").select(["id", "tenant_id"]).where("title", "=", title).execute();
      assert.equal(activity.length, 1);
      const files = await database.db
        .selectFrom("promise_activity_files as af")
        .innerJoin("files as f", "f.id", "af.file_id")
        .select(["f.storage_key", "f.sha256"])
        .where("af.activity_id", "=", activity[0]!.id)
        .execute();
      assert.equal(files.length, 1);
      assert.equal(files[0]!.sha256, createHash("sha256").update(photo).digest("hex"));
      assert.deepEqual(readFileSync(join(store.dataDir, "files", files[0]!.storage_key)), photo);
      const run = await database.db.selectFrom("analysis_runs").select(["status", "timings"]).where("id", "=", runId).executeTakeFirstOrThrow();
      assert.equal(run.status, "done");
      assert.equal((run.timings as { executor?: string }).executor, "worker", "the computation ran in a worker thread");
    } finally {
      await database.close();
    }
  });

  it("cuts a request that is still open when the grace period (SHUTDOWN_GRACE_SECONDS) ends, and still exits cleanly", async () => {
    await inst.kill();
    inst = await startInstance({ store, env: { SHUTDOWN_GRACE_SECONDS: "1" } });
    const never = heldPost(`${inst.url}/logga-in`, { "content-type": "application/x-www-form-urlencoded" }, Buffer.from("email=a%40b.se&password=x"), 5);
    const outcome = never.response.then(
      (r) => `answered ${r.status}`,
      (err: Error) => err.message,
    );
    await never.accepted;
    const { code, signal } = await inst.stop("SIGTERM");
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, inst.output());
    assert.match(await outcome, /socket hang up|ECONNRESET/);
    assert.match(inst.output(), /förfrågningar som fortfarande pågår avbryts/);
  });
});
