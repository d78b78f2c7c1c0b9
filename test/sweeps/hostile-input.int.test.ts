// Hostile input on every route, as every role (src/platform/testing/hostile-sweep.ts): requests
// generated with fast-check from the OpenAPI document for every route of the registry, and
// hostile values in every field of every POST form on the sweep pages, anonymously and as the
// Osby demo person of each role. No answer may be a 5xx or show a stack trace, an internal path
// or a database error. Seeded and bounded for CI (HOSTILE_RUNS per route and viewer, default 3);
// bench/fuzz/run.ts runs the same sweep longer.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { type HostileWorld, hostileWorld, runHostileSweep } from "../../src/platform/testing/hostile-sweep.ts";

const RUNS = Number(process.env.HOSTILE_RUNS ?? 3);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261207);

describe("hostile input on every route and form", () => {
  let t: TestApp;
  let world: HostileWorld;
  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1000000", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000000" } });
    world = await hostileWorld(t);
  });
  after(async () => t?.close());

  it("answers every generated request below 500 and leaks no internals", async () => {
    const stats = await runHostileSweep(t, world, { runs: RUNS, seed: SEED, log: (s) => console.log(s) });
    assert.ok(stats.routes > 50 && stats.forms > 10, `för få vägar (${stats.routes}) eller formulär (${stats.forms})`);
    assert.deepEqual(stats.findings, [], `${stats.findings.length} fynd (frö ${SEED}):\n${stats.findings.slice(0, 40).join("\n")}`);
  });
});
