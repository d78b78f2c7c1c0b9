// The accessibility sweep's coverage, proven from the route registry: every page route (a GET
// whose pipeline declares an HTML page) is visited by the sweep (some module's `sweepPages` has a
// path that matches the route's pattern) or is deliberately left out with a reason
// (`sweepExemptions`, printed on every run). A page added later without either fails here, so the
// claim "every page is checked with axe and at 320 px" stays true.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { modules } from "../../src/modules/index.ts";
import { STATEMENT_SWEEP_EXEMPTIONS } from "../../src/modules/tenants/accessibility.ts";
import type { SweepPage } from "../../src/platform/module.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { type RegisteredRoute, registeredRoutes } from "../../src/platform/testing/routes.ts";

/** Whether a concrete path (query aside) matches a Fastify route pattern. */
export function matchesPattern(pattern: string, path: string): boolean {
  const trim = (s: string) => (s.length > 1 ? s.replace(/\/$/, "") : s);
  const bare = trim(path.split("?")[0]!);
  const re = new RegExp(
    `^${trim(pattern)
      .split(/(:[A-Za-z0-9_]+)/)
      .map((part) => (part.startsWith(":") ? "[^/]+?" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
  );
  return re.test(bare);
}

describe("accessibility sweep coverage", () => {
  let t: TestApp;
  let pages: SweepPage[];
  let exemptions: Record<string, string>;
  let pageRoutes: RegisteredRoute[];

  before(async () => {
    t = await createTestApp();
    pages = [];
    exemptions = {};
    for (const m of modules) {
      const testing = m.testing ? await m.testing() : {};
      pages.push(...(testing.sweepPages ?? []));
      Object.assign(exemptions, testing.sweepExemptions ?? {});
    }
    pageRoutes = registeredRoutes(t.app).filter((r) => r.method === "GET" && (r.config as { pipeline?: { present: string } }).pipeline?.present === "page");
  });
  after(async () => t?.close());

  it("matches paths to patterns", () => {
    assert.ok(matchesPattern("/t/:tenant/arbete", "/t/osby/arbete?lang=en"));
    assert.ok(matchesPattern("/", "/"));
    assert.ok(!matchesPattern("/t/:tenant", "/t/osby/arbete"));
    assert.ok(!matchesPattern("/t/:tenant/medborgarlofte/:documentId", "/t/osby/medborgarlofte"));
  });

  it("visits every page route, or names why not", () => {
    const missing: string[] = [];
    for (const r of pageRoutes) {
      const key = `GET ${r.url}`;
      if (exemptions[key]) continue;
      if (!pages.some((p) => matchesPattern(r.url, p.path))) missing.push(key);
    }
    for (const [key, reason] of Object.entries(exemptions)) console.log(`tillgänglighetssvepet: UNDANTAG ${key} – ${reason}`);
    console.log(`tillgänglighetssvepet: ${pageRoutes.length} sidvägar, ${pages.length} sidor i svepet`);
    assert.deepEqual(
      missing,
      [],
      `sidor som svepet inte besöker – lägg dem i modulens sweepPages (testing.ts) eller i sweepExemptions med ett skäl:\n  ${missing.join("\n  ")}`,
    );
  });

  it("has no stale exemptions", () => {
    const known = new Set(pageRoutes.map((r) => `GET ${r.url}`));
    const stale = Object.keys(exemptions).filter((k) => !known.has(k));
    assert.deepEqual(stale, [], "undantag för vägar som inte längre finns");
  });

  it("leaves out only the pages the accessibility statement says it leaves out", () => {
    // The statement (src/modules/tenants/accessibility.ts, "Hur vi testat webbplatsen") says every
    // page is in the sweep except these, and says how each is checked instead. A new exemption
    // must be described there first.
    assert.deepEqual(Object.keys(exemptions).sort(), [...STATEMENT_SWEEP_EXEMPTIONS].sort());
  });
});
