// The tenant-isolation sweep: no user of one municipality can read or change another's data.
//
// Set-up: tenants A and B get the same data (each module's isolationFixtures, listed in
// fixtures.ts). For A there is one user per role (admin, samordnare, polis, rapportor,
// atgardsagare, lasare); none of them has any role in B. System administrators are out of scope
// (they may act in every tenant by design).
//
// Which routes: EVERY route the app registers whose pipeline declares a tenant (from the path, or
// from a query parameter such as Open311's jurisdiction_id), read from the route registry
// (src/platform/testing/routes.ts) — by what the route declares, not by its URL text — so a route
// added later is swept without anyone remembering to. The tenant is B's slug (in the path or the
// declared query parameter); every other parameter is B's id of that name from the modules'
// fixtures. The sweep FAILS when a parameter has no fixture, so coverage cannot silently lapse.
//
// The rule, for every such route and method, requested for B by each of A's users:
//  1. GET on a route that is not public for B answers 404 (never 401/403/200: B's non-public
//     resources do not exist for A's users). A GET is public when an anonymous visitor gets a 2xx
//     (or a redirect that is not to the login page) for the same URL; then A's users get the
//     same status and exactly what the anonymous visitor gets: the same JSON, or for a page the
//     same <main> (CSRF tokens and flash messages aside). Being signed in to A adds nothing in B.
//  2. Every other method (POST, PUT, PATCH, DELETE) answers 404 — with a valid CSRF token for form
//     posts and a body that passes validation (requestOverrides in fixtures.ts), so the handler is
//     really reached. The only exception are public writes (routes with `config.rateLimit`, the
//     marker of endpoints residents may use without an account): they answer A's users as they
//     answer an anonymous visitor (whose form posts carry a visitor's CSRF token, as a browser's do).
//  3. Nothing of B changes: every row of every table with a tenant_id column (found through
//     information_schema, so new tables are included) where tenant_id = B, and B's row in
//     `tenants`, is identical before and after the route's requests. Public writes may add new
//     rows (a resident's report) but never change or delete existing ones (B's public version,
//     which such a row bumps, aside).
//  4. A 400 (validation), 415 or 403 (CSRF) means the request never reached the handler: the sweep
//     fails and asks for a request override. A route may be exempted in fixtures.ts only with a
//     reason, and every exemption is printed.
//  5. Mixed URLs, the classic hole: tenant A's own slug with B's ids (`/t/A/x/<id of B>`), as
//     each of A's users and anonymously, answers 404 for every method (a 403 or a 400 from
//     looking at the id before the tenant is wrong too), and nothing of B changes.
//  6. Positive control: for each GET route with id parameters, at least one of A's users gets a
//     non-404 for A's own resource, so the fixtures return real ids (else every 404 is vacuous).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Role } from "../../src/platform/db/schema.ts";
import { ROLES } from "../../src/platform/db/schema.ts";
import { csrfFor, sessionCookie } from "../../src/platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../src/platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { collectFixtures, diffSnapshots, fillRoute, fixtureFor, mainContent, snapshotTenant, tenantOwnedTables } from "../../src/platform/testing/isolation.ts";
import { type RegisteredRoute, registeredRoutes, routeParams } from "../../src/platform/testing/routes.ts";
import { type RequestOverride, sweepInputs } from "./fixtures.ts";

type Tenant = { id: string; slug: string };
type Actor = { role: Role; cookies: Record<string, string>; csrf: string };
type Response = { statusCode: number; body: string; headers: Record<string, unknown> };

const LOGIN_PATH = "/logga-in";

/** Where the route's pipeline takes its tenant from ("none" for routes outside any tenant). */
function declaredTenant(r: RegisteredRoute): "none" | "path" | { query: string } {
  const declared = (r.config as { pipeline?: { tenant: "none" | "path" | { query: string } } }).pipeline;
  return declared?.tenant ?? "none";
}

describe("tenant isolation sweep", () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let idsA: Map<string, { id: string; module: string }>;
  let idsB: Map<string, { id: string; module: string }>;
  let actors: Actor[];
  let routes: RegisteredRoute[];
  let tables: string[];
  let requestOverrides: Record<string, RequestOverride>;
  let exemptions: Record<string, string>;
  /** A visitor's CSRF token (from the sign-in page): a resident's form post carries one like a browser's. */
  let anonymousCsrf: { token: string; cookies: Record<string, string> };

  before(async () => {
    const inputs = await sweepInputs();
    const fixtureSources = inputs.fixtureSources;
    requestOverrides = inputs.requestOverrides;
    exemptions = inputs.exemptions;
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1000000" } });
    a = await makeTenant(t.db);
    b = await makeTenant(t.db);
    idsA = await collectFixtures(t.db, a.id, fixtureSources, { storage: t.app.deps.storage });
    idsB = await collectFixtures(t.db, b.id, fixtureSources, { storage: t.app.deps.storage });
    actors = [];
    for (const role of ROLES) {
      const user = await makeUser(t.db, a.id, role);
      const cookies = await sessionCookie(t.db, user.id);
      const { token, cookies: jar } = await csrfFor(t.app, `/t/${a.slug}/arbete`, cookies);
      actors.push({ role, cookies: jar, csrf: token });
    }
    anonymousCsrf = await csrfFor(t.app, "/logga-in");
    routes = registeredRoutes(t.app)
      .filter((r) => declaredTenant(r) !== "none")
      .sort((x, y) => x.url.localeCompare(y.url) || x.method.localeCompare(y.method));
    tables = await tenantOwnedTables(t.db);
  });
  after(async () => t?.close());

  it("finds the tenant-scoped routes and tenant-owned tables", () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    assert.ok(keys.includes("GET /t/:tenant"), `saknar GET /t/:tenant bland ${keys.join(", ")}`);
    assert.ok(keys.includes("GET /t/:tenant/arbete"));
    assert.ok(keys.includes("GET /api/t/:tenant/organisations"));
    for (const table of ["areas", "organisations", "memberships", "files", "audit_log", "outbox"]) assert.ok(tables.includes(table), `saknar ${table}`);
    console.log(`isolation: ${routes.length} tenant-vägar, ${tables.length} tenant-tabeller, ${actors.length} roller`);
    for (const [key, reason] of Object.entries(exemptions)) console.log(`isolation: UNDANTAG ${key} – ${reason}`);
  });

  it("has a fixture for every route parameter", () => {
    const missing: string[] = [];
    for (const r of routes) {
      for (const p of routeParams(r.url)) {
        if (p === "tenant") continue;
        if (!fixtureFor(idsB, r.url, p)) missing.push(`${r.method} ${r.url} (:${p})`);
      }
    }
    assert.deepEqual(
      missing,
      [],
      `vägar med parametrar som ingen isolationsfixtur täcker – exportera isolationFixtures från modulens testing.ts och lista den i test/isolation/fixtures.ts:\n  ${missing.join("\n  ")}`,
    );
  });

  function valuesFor(r: RegisteredRoute, tenant: Tenant, ids: Map<string, { id: string }>): Record<string, string> | null {
    const values: Record<string, string> = { tenant: tenant.slug };
    const source = declaredTenant(r);
    if (typeof source === "object") values[`?${source.query}`] = tenant.slug;
    for (const p of routeParams(r.url)) {
      if (p === "tenant") continue;
      const id = fixtureFor(ids, r.url, p);
      if (!id) return null;
      values[p] = id;
    }
    return values;
  }

  async function send(r: RegisteredRoute, url: string, values: Record<string, string>, actor: Actor | null): Promise<Response> {
    const override = requestOverrides[`${r.method} ${r.url}`]?.(values) ?? {};
    // A tenant from a query parameter (e.g. Open311's jurisdiction_id) travels in the query.
    const tenantQuery = Object.fromEntries(
      Object.entries(values)
        .filter(([k]) => k.startsWith("?"))
        .map(([k, v]) => [k.slice(1), v]),
    );
    const q = { ...tenantQuery, ...(override.query ?? {}) };
    const query = Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : "";
    const anonymousForm = !actor && r.method !== "GET" && r.config.rateLimit !== undefined;
    const cookies = actor?.cookies ?? (anonymousForm ? anonymousCsrf.cookies : {});
    if (r.method === "GET") {
      return t.app.inject({ method: "GET", url: url + query, cookies });
    }
    const json = override.json ?? (url.startsWith("/api/") || r.method !== "POST");
    if (json) {
      return t.app.inject({
        method: r.method as "POST",
        url: url + query,
        cookies,
        headers: { "content-type": "application/json" },
        payload: JSON.stringify(override.body ?? {}),
      });
    }
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(override.body ?? {})) form.set(k, String(v));
    if (actor) form.set("_csrf", actor.csrf);
    else if (anonymousForm) form.set("_csrf", anonymousCsrf.token);
    return t.app.inject({
      method: r.method as "POST",
      url: url + query,
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
    });
  }

  function sameForAnonymous(anon: Response, res: Response, publicWrite: boolean): boolean {
    if (anon.statusCode !== res.statusCode) return false;
    if (anon.statusCode >= 300 && anon.statusCode < 400) return anon.headers.location === res.headers.location;
    const type = String(res.headers["content-type"] ?? "");
    if (type.includes("text/html")) return mainContent(anon.body) === mainContent(res.body);
    // A public write that succeeded made a new thing each time (its own id or reference): the
    // answers must have the same shape — the signed-in user from A learns no more — not the same id.
    if (publicWrite && anon.statusCode < 300 && type.includes("json")) return shapeOf(anon.body) === shapeOf(res.body);
    if (publicWrite && anon.statusCode < 300 && type.includes("xml")) return elementsOf(anon.body) === elementsOf(res.body);
    return anon.body === res.body;
  }

  /** The XML answer's elements without their text. */
  function elementsOf(body: string): string {
    return body.replace(/>[^<]*</g, "><");
  }

  /** The JSON answer's structure: keys and kinds of values, not the values. */
  function shapeOf(body: string): string {
    const shape = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(shape) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;
    try {
      return JSON.stringify(shape(JSON.parse(body)));
    } catch {
      return body;
    }
  }

  function firstDifference(x: Response, y: Response): string {
    const bx = String(x.headers["content-type"] ?? "").includes("text/html") ? mainContent(x.body) : x.body;
    const by = String(y.headers["content-type"] ?? "").includes("text/html") ? mainContent(y.body) : y.body;
    let i = 0;
    while (i < bx.length && bx[i] === by[i]) i++;
    return `${bx.length} mot ${by.length} tecken, först vid ${i}: ${JSON.stringify(bx.slice(Math.max(0, i - 30), i + 50))} / ${JSON.stringify(by.slice(Math.max(0, i - 30), i + 50))}`;
  }

  function isPublicAnswer(res: Response): boolean {
    if (res.statusCode >= 200 && res.statusCode < 300) return true;
    if (res.statusCode >= 300 && res.statusCode < 400) return !String(res.headers.location ?? "").startsWith(LOGIN_PATH);
    return false;
  }

  function explain(status: number): string {
    if (status === 400) return " – valideringen svarade 400 innan hanteraren nåddes: lägg till en requestOverride i test/isolation/fixtures.ts";
    if (status === 415) return " – fel innehållstyp för vägen: lägg till en requestOverride i test/isolation/fixtures.ts";
    if (status === 403) return " – 403 (CSRF eller behörighet): en annan kommuns resurs ska svara 404";
    if (status === 401) return " – 401: med en inloggad användare från A ska B:s resurs svara 404";
    return "";
  }

  it("answers 404 to every role of tenant A for tenant B's non-public resources and changes nothing of B", async (ctx) => {
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (exemptions[key]) {
        await ctx.test(key, { skip: `undantag: ${exemptions[key]}` });
        continue;
      }
      const values = valuesFor(r, b, idsB);
      if (!values) {
        // Reported once, with every such route, by "has a fixture for every route parameter".
        await ctx.test(key, { skip: "parameter utan isolationsfixtur" });
        continue;
      }
      await ctx.test(key, async () => {
        const url = fillRoute(r.url, values);
        const publicWrite = r.method !== "GET" && r.config.rateLimit !== undefined;
        const problems: string[] = [];

        const beforeSnap = await snapshotTenant(t.db, b.id, tables);
        const anon = r.method === "GET" || publicWrite ? await send(r, url, values, null) : null;
        const isPublic = anon ? (r.method === "GET" ? isPublicAnswer(anon) : true) : false;
        for (const actor of actors) {
          const res = await send(r, url, values, actor);
          if (isPublic && anon) {
            if (!sameForAnonymous(anon, res, publicWrite)) {
              problems.push(
                `${actor.role}: ${res.statusCode}, anonym ${anon.statusCode}, men svaren skiljer sig – en inloggad användare från A får se eller göra mer i B än allmänheten (${firstDifference(anon, res)})`,
              );
            }
          } else if (res.statusCode !== 404) {
            problems.push(`${actor.role}: ${res.statusCode} i stället för 404${explain(res.statusCode)}`);
          }
        }
        const diffs = diffSnapshots(beforeSnap, await snapshotTenant(t.db, b.id, tables));
        for (const d of diffs) {
          // A public write's new row (a resident's +1) bumps B's public version (decision 0015):
          // that counter follows B's data and is not itself data anyone could see or take.
          if (publicWrite && d.table === "public_versions") continue;
          if (d.removedOrChanged.length) problems.push(`ändrade/raderade rader i ${d.table} för B: ${d.removedOrChanged.slice(0, 2).join(" | ")}`);
          if (d.added.length && !publicWrite) problems.push(`nya rader i ${d.table} för B: ${d.added.slice(0, 2).join(" | ")}`);
        }
        assert.deepEqual(problems, [], `${key} (${url}):\n  ${problems.join("\n  ")}`);
      });
    }
  });

  it("answers 404 to A's own URLs carrying B's ids, for every role of A and anonymously, and changes nothing of B", async (ctx) => {
    for (const r of routes) {
      const params = routeParams(r.url).filter((p) => p !== "tenant");
      const key = `${r.method} ${r.url}`;
      if (params.length === 0 || exemptions[key]) continue;
      const values = valuesFor(r, b, idsB);
      if (!values) {
        await ctx.test(key, { skip: "parameter utan isolationsfixtur" });
        continue;
      }
      await ctx.test(key, async () => {
        values.tenant = a.slug;
        for (const k of Object.keys(values)) if (k.startsWith("?")) values[k] = a.slug;
        const url = fillRoute(r.url, values);
        const problems: string[] = [];
        const beforeSnap = await snapshotTenant(t.db, b.id, tables);
        for (const actor of [null, ...actors]) {
          const res = await send(r, url, values, actor);
          if (res.statusCode !== 404) problems.push(`${actor?.role ?? "anonym"}: ${res.statusCode} i stället för 404${explain(res.statusCode)}`);
        }
        for (const d of diffSnapshots(beforeSnap, await snapshotTenant(t.db, b.id, tables))) {
          problems.push(`ändrade rader i ${d.table} för B: ${[...d.removedOrChanged, ...d.added].slice(0, 2).join(" | ")}`);
        }
        assert.deepEqual(problems, [], `${key} (${url}, A:s adress med B:s id):\n  ${problems.join("\n  ")}`);
      });
    }
  });

  it("uses fixture ids that are real: A's own resources answer some role of A", async (ctx) => {
    for (const r of routes) {
      const params = routeParams(r.url).filter((p) => p !== "tenant");
      const key = `${r.method} ${r.url}`;
      if (r.method !== "GET" || params.length === 0 || exemptions[key]) continue;
      const values = valuesFor(r, a, idsA);
      if (!values) {
        await ctx.test(key, { skip: "parameter utan isolationsfixtur" });
        continue;
      }
      await ctx.test(key, async () => {
        const url = fillRoute(r.url, values);
        const statuses: number[] = [];
        for (const actor of actors) statuses.push((await send(r, url, values, actor)).statusCode);
        assert.ok(
          statuses.some((s) => s !== 404),
          `${key}: alla roller i A fick 404 för A:s egen resurs (${url}) – ger isolationsfixturen ett riktigt id?`,
        );
      });
    }
  });
});
