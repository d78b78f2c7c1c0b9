// What the tenant-isolation sweep (isolation.int.test.ts) needs from each module, gathered from
// the module list: each module's `testing()` (src/modules/<name>/testing.ts) gives its
// isolation fixtures, the request bodies some routes need to reach their handler, and — each with
// its reason, printed on every run — any route the sweep does not check.
import { modules } from "../../src/modules/index.ts";
import type { ModuleTesting } from "../../src/platform/module.ts";
import type { FixtureSource } from "../../src/platform/testing/isolation.ts";

export type RequestOverride = NonNullable<ModuleTesting["requestOverrides"]>[string];

export type SweepInputs = {
  fixtureSources: FixtureSource[];
  requestOverrides: Record<string, RequestOverride>;
  exemptions: Record<string, string>;
};

export async function sweepInputs(): Promise<SweepInputs> {
  const out: SweepInputs = { fixtureSources: [], requestOverrides: {}, exemptions: {} };
  for (const m of modules) {
    const testing = m.testing ? await m.testing() : {};
    if (testing.isolationFixtures) out.fixtureSources.push({ module: m.name, isolationFixtures: testing.isolationFixtures });
    Object.assign(out.requestOverrides, testing.requestOverrides ?? {});
    Object.assign(out.exemptions, testing.isolationExemptions ?? {});
  }
  return out;
}
