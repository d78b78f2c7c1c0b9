// The pages the accessibility sweep (a11y-sweep.e2e.test.ts) visits: each module's `sweepPages`
// (src/modules/<name>/testing.ts, reached through the module list), visited in Swedish by each
// viewer listed — anonymously, or signed in as the Osby demo user of a role — with axe and the
// 320 px reflow check on each. Which page routes are covered is checked against the route
// registry by test/sweeps/page-coverage.int.test.ts.
import { modules } from "../../src/modules/index.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../src/modules/tenants/seed.ts";
import type { Role } from "../../src/platform/db/schema.ts";
import type { SweepPage } from "../../src/platform/module.ts";

export type { SweepPage as PageSpec, Viewer } from "../../src/platform/module.ts";

/** Every module's sweep pages, in module order. */
export async function sweepPages(): Promise<SweepPage[]> {
  const out: SweepPage[] = [];
  for (const m of modules) {
    const testing = m.testing ? await m.testing() : {};
    out.push(...(testing.sweepPages ?? []));
  }
  return out;
}

/** The Osby demo login of a role. */
export function demoLogin(role: Role): { email: string; password: string } {
  const u = DEMO_USERS.find((x) => x.role === role);
  if (!u) throw new Error(`ingen demoanvändare med rollen ${role}`);
  return { email: u.email, password: DEMO_PASSWORD };
}
