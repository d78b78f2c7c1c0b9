// What a signed-in person is shown is never stored by a browser cache or a proxy: every GET
// route of the route registry (src/platform/testing/routes.ts), requested by a signed-in person,
// answers with `Cache-Control: … no-store` — pages, JSON, files and error answers alike. Public
// pages that an anonymous visitor gets without a form or a cookie are the same for everyone and
// are not forced to no-store (a proxy may keep them a minute); they vary by Cookie and
// Accept-Language. Static files (served by plugins, the same for everyone) are left out.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../src/platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../src/platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { collectFixtures, fillRoute, fixtureFor } from "../../src/platform/testing/isolation.ts";
import { type RegisteredRoute, registeredRoutes, routeParams } from "../../src/platform/testing/routes.ts";
import { sweepInputs } from "../isolation/fixtures.ts";

type Declared = { tenant: "none" | "path" | { query: string }; access: string; present: string };

/** Public routes that are never cached, with the reason. */
const NEVER_CACHED: Record<string, string> = {
  "/healthz": "hälsosvar gäller just nu",
  "/readyz": "hälsosvar gäller just nu",
};

function declared(r: RegisteredRoute): Declared | undefined {
  return (r.config as { pipeline?: Declared }).pipeline;
}

describe("Cache-Control on every GET route", () => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  let urlOf: (r: RegisteredRoute) => string;
  let people: Array<{ name: string; cookies: Record<string, string> }>;

  before(async () => {
    const inputs = await sweepInputs();
    t = await createTestApp();
    const tenant = await makeTenant(t.db);
    const ids = await collectFixtures(t.db, tenant.id, inputs.fixtureSources, { storage: t.app.deps.storage });
    urlOf = (r) => {
      const v: Record<string, string> = { tenant: tenant.slug };
      for (const p of routeParams(r.url)) if (p !== "tenant") v[p] = fixtureFor(ids, r.url, p) ?? "00000000-0000-4000-8000-000000000000";
      const source = declared(r)?.tenant;
      return fillRoute(r.url, v) + (typeof source === "object" ? `?${source.query}=${tenant.slug}` : "");
    };
    const staff = await makeUser(t.db, tenant.id, "samordnare", { isSystemAdmin: true });
    await t.db.insertInto("memberships").values({ tenant_id: tenant.id, user_id: staff.id, role: "admin" }).execute();
    const reader = await makeUser(t.db, tenant.id, "lasare");
    const outsider = await makeUser(t.db, null, null);
    people = [
      { name: "samordnare och administratör", cookies: await sessionCookie(t.db, staff.id) },
      { name: "läsare", cookies: await sessionCookie(t.db, reader.id) },
      { name: "inloggad utan roll", cookies: await sessionCookie(t.db, outsider.id) },
    ];
    routes = registeredRoutes(t.app).filter((r) => r.method === "GET" && declared(r));
  });
  after(async () => t?.close());

  it("answers a signed-in person with no-store on every GET route, whatever the status", async () => {
    assert.ok(routes.length > 20, `${routes.length} GET-vägar`);
    const failures: string[] = [];
    let ok = 0;
    for (const r of routes) {
      const url = urlOf(r);
      for (const who of people) {
        for (const u of [url, `${url}${url.includes("?") ? "&" : "?"}lang=en`]) {
          const res = await t.app.inject({ method: "GET", url: u, cookies: who.cookies });
          const cc = String(res.headers["cache-control"] ?? "");
          if (res.statusCode === 200) ok++;
          if (!/\bno-store\b/.test(cc) || /\bpublic\b/.test(cc))
            failures.push(`${r.url} som ${who.name} (${u.endsWith("lang=en") ? "en" : "sv"}): ${res.statusCode} cache-control="${cc}"`);
        }
      }
    }
    assert.deepEqual(failures, [], failures.join("\n"));
    assert.ok(ok > routes.length, `${ok} svar med 200: vägarna nåddes på riktigt`);
  });

  it("lets proxies keep public pages that are the same for every anonymous visitor, and nothing with a form or a cookie", async () => {
    const failures: string[] = [];
    const cacheable: string[] = [];
    for (const r of routes.filter((x) => declared(x)?.access === "public")) {
      const res = await t.app.inject({ method: "GET", url: urlOf(r) });
      const cc = String(res.headers["cache-control"] ?? "");
      const setsCookie = res.headers["set-cookie"] !== undefined;
      const hasForm = /name="_csrf"/.test(res.body);
      const page = String(res.headers["content-type"] ?? "").startsWith("text/html");
      if (res.statusCode !== 200) continue;
      if (setsCookie || hasForm) {
        if (!/\bno-store\b/.test(cc)) failures.push(`${r.url}: sätter en kaka eller har ett formulär men cache-control="${cc}"`);
        continue;
      }
      if (NEVER_CACHED[r.url]) {
        if (!/\bno-store\b/.test(cc)) failures.push(`${r.url}: ${NEVER_CACHED[r.url]} men cache-control="${cc}"`);
        continue;
      }
      if (/\bno-store\b|\bprivate\b/.test(cc)) failures.push(`${r.url}: samma för alla anonyma besökare men cache-control="${cc}"`);
      if (page) {
        cacheable.push(r.url);
        // Either a proxy may keep it a while (public, max-age), or — pages from the public-answer
        // cache, which must show any change on the next request — it revalidates by its ETag.
        const keptAWhile = /\bpublic\b/.test(cc) && /max-age=\d+/.test(cc);
        const revalidated = /\bno-cache\b/.test(cc) && res.headers.etag !== undefined;
        if (!keptAWhile && !revalidated) failures.push(`${r.url}: offentlig sida utan public, max-age eller no-cache med ETag (cache-control="${cc}")`);
        const vary = String(res.headers.vary ?? "").toLowerCase();
        if (!vary.includes("cookie") || !vary.includes("accept-language")) failures.push(`${r.url}: Vary="${vary}" (ska innehålla Cookie och Accept-Language)`);
      }
    }
    assert.deepEqual(failures, [], failures.join("\n"));
    assert.ok(cacheable.length >= 3, `offentliga sidor som får lagras: ${cacheable.join(", ")}`);
    // ?lang= sets the language cookie: that answer is the visitor's own.
    const lang = await t.app.inject({ method: "GET", url: `${urlOf(routes.find((r) => r.url === "/t/:tenant")!)}?lang=en` });
    assert.ok(lang.headers["set-cookie"]);
    assert.match(String(lang.headers["cache-control"]), /no-store/);
  });
});
