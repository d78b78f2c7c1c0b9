// The long hostile-input run: the same sweep as test/sweeps/hostile-input.int.test.ts with many
// more generated requests per route, viewer and form. Runs on PGlite in memory (or PostgreSQL
// when TRYGG_TEST_DB=postgres and TRYGG_TEST_PG_URL point at a server).
//   node bench/fuzz/run.ts [runs per route and viewer, default 25] [seed]
// Prints the counts and every finding; exits 1 when there is one. Numbers go in docs/reliability.md.
import { createTestApp } from "../../src/platform/testing/harness.ts";
import { hostileWorld, runHostileSweep } from "../../src/platform/testing/hostile-sweep.ts";

const runs = Number(process.argv[2] ?? 25);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const t0 = performance.now();
const t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1000000", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000000" } });
try {
  const world = await hostileWorld(t);
  const stats = await runHostileSweep(t, world, { runs, seed, log: (s) => console.log(s) });
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
  console.log(
    `frö ${seed}, ${runs} per väg och besökare: ${stats.requests} begäranden, ${stats.routes} vägar, ${stats.forms} formulär, ${JSON.stringify(stats.byStatus)}, ${stats.findings.length} fynd, ${seconds} s`,
  );
  for (const f of stats.findings) console.log(`FYND ${f}`);
  process.exitCode = stats.findings.length ? 1 : 0;
} finally {
  await t.close().catch((err) => console.error(err));
}
