// The role × route matrix, proven over HTTP: for EVERY route in the route registry (a module's
// new route joins by itself) and every kind of viewer — anonymous, each of the six roles of the
// tenant, a system administrator, and an admin of another municipality — the answer is exactly
// what the route's declared pipeline and its module's policy decide (src/platform/testing/
// access-matrix.ts): allowed requests reach the handler, refused ones get 401 (pages: the sign-in
// page), 403 or 404 before it and change nothing of the tenant. Forms are posted with a valid
// CSRF token and the body the modules give for the isolation sweep (requestOverrides), so a 403
// is the policy's and not the token's. Allowed writes by signed-in people, and allowed reads of
// routes declared `audit: "read" | "export"`, must add a row to the audit log. Routes that
// declare `roles` are held to them. And
// docs/access-matrix.md must be exactly what these rows render (`node scripts/access-matrix.ts`).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { ROLES } from "../../src/platform/db/schema.ts";
import {
  allowedRoles,
  buildAccessMatrix,
  decisionFor,
  type MatrixWorld,
  matrixRoutes,
  matrixWorld,
  type Outcome,
  paramsFor,
  renderAccessMatrix,
  urlFor,
  VIEWERS,
  type Viewer,
} from "../../src/platform/testing/access-matrix.ts";
import { sessionCookie } from "../../src/platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { diffSnapshots, snapshotTenant, tenantOwnedTables } from "../../src/platform/testing/isolation.ts";
import { exposePipelineOutcome, PIPELINE_HEADER, type RegisteredRoute } from "../../src/platform/testing/routes.ts";
import { declaredPipeline } from "../../src/platform/http/pipeline.ts";

const DOC = new URL("../../docs/access-matrix.md", import.meta.url);

describe("role × route matrix", () => {
  let t: TestApp;
  let world: MatrixWorld;
  let tables: string[];
  const sessions = new Map<Viewer, { cookies: Record<string, string>; csrf: string } | null>();
  let requests = 0;

  before(async () => {
    exposePipelineOutcome();
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1000000" } });
    world = await matrixWorld(t.db, { storage: t.app.deps.storage });
    tables = await tenantOwnedTables(t.db);
  });
  after(async () => t?.close());

  /** A fresh session (signed-in viewers) and a CSRF token bound to it. */
  async function session(viewer: Viewer): Promise<{ cookies: Record<string, string>; csrf: string }> {
    const known = sessions.get(viewer);
    if (known) return known;
    const userId = world.actors.get(viewer)!.userId;
    const cookies = userId ? await sessionCookie(t.db, userId) : {};
    const page = await t.app.inject({ method: "GET", url: userId ? `/t/${world.tenant.slug}` : "/logga-in", cookies });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(csrf, `ingen CSRF-token för ${viewer}`);
    const jar = { ...cookies };
    for (const c of page.cookies) jar[c.name] = c.value;
    const s = { cookies: jar, csrf };
    sessions.set(viewer, s);
    return s;
  }

  async function auditRows(): Promise<number> {
    const row = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function send(r: RegisteredRoute, viewer: Viewer) {
    const values = paramsFor(r, world)!;
    const override = world.inputs.requestOverrides[`${r.method} ${r.url}`]?.(values) ?? {};
    const url = urlFor(r, values);
    const query = override.query ? `${url.includes("?") ? "&" : "?"}${new URLSearchParams(override.query)}` : "";
    const s = await session(viewer);
    requests++;
    if (r.method === "GET") return t.app.inject({ method: "GET", url: url + query, cookies: s.cookies });
    const json = override.json ?? (url.startsWith("/api/") || r.method !== "POST");
    if (json) {
      return t.app.inject({
        method: r.method as "POST",
        url: url + query,
        cookies: s.cookies,
        headers: { "content-type": "application/json" },
        payload: JSON.stringify(override.body ?? {}),
      });
    }
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(override.body ?? {})) form.set(k, String(v));
    form.set("_csrf", s.csrf);
    return t.app.inject({
      method: r.method as "POST",
      url: url + query,
      cookies: s.cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
    });
  }

  function matches(expected: Outcome, res: { statusCode: number; headers: Record<string, unknown> }, page: boolean): string | null {
    const through = res.headers[PIPELINE_HEADER] === "passed";
    if (expected === "allowed") {
      if (!through) return `nekades i pipelinen (${res.statusCode}) fast policyn tillåter`;
      if (res.statusCode === 401 || res.statusCode === 403) return `hanteraren svarade ${res.statusCode} fast pipelinen släppte fram`;
      return null;
    }
    if (through) return `nådde hanteraren (${res.statusCode}) fast pipelinen ska svara ${expected}`;
    if (expected === 401 && page) {
      const to = String(res.headers.location ?? "");
      return res.statusCode === 303 && to.startsWith("/logga-in") ? null : `${res.statusCode} ${to} i stället för inloggningssidan`;
    }
    return res.statusCode === expected ? null : `${res.statusCode} i stället för ${expected}`;
  }

  it("answers every route as every viewer exactly as its pipeline and policy decide, and refused writes change nothing", async (ctx) => {
    const routes = matrixRoutes(t.app);
    let checked = 0;
    for (const r of routes) {
      if (!paramsFor(r, world)) continue;
      const key = `${r.method} ${r.url}`;
      // Pages and files answer 401 with the sign-in page; JSON routes with a 401.
      const declared = declaredPipeline(r.config)!;
      const page = declared.present !== "json";
      await ctx.test(key, async () => {
        const problems: string[] = [];
        const decisions = new Map<Viewer, Outcome>();
        for (const v of VIEWERS) decisions.set(v, await decisionFor(t.db, r, world, v));
        // Refused viewers first (they must change nothing), then the allowed ones.
        const refused = VIEWERS.filter((v) => decisions.get(v) !== "allowed");
        const allowed = VIEWERS.filter((v) => decisions.get(v) === "allowed");
        const write = r.method !== "GET";
        const before = write && refused.length ? await snapshotTenant(t.db, world.tenant.id, tables) : null;
        for (const v of refused) {
          const res = await send(r, v);
          const p = matches(decisions.get(v)!, res, page);
          if (p) problems.push(`${v}: ${p}`);
          checked++;
        }
        if (before) {
          for (const d of diffSnapshots(before, await snapshotTenant(t.db, world.tenant.id, tables))) {
            problems.push(`nekade begäranden ändrade ${d.table}: ${[...d.removedOrChanged, ...d.added].slice(0, 2).join(" | ")}`);
          }
        }
        for (const v of allowed) {
          const logged = await auditRows();
          const res = await send(r, v);
          const p = matches("allowed", res, page);
          if (p) problems.push(`${v}: ${p}`);
          checked++;
          // The audit log (decision 0045): a signed-in person's successful write, and a successful
          // read of a route declared a sensitive read or an export, leave a row — the platform's
          // or, for `audit: "self"`, the module's own.
          const signedIn = world.actors.get(v)!.userId !== null;
          const audited = declared.audit === "read" || declared.audit === "export" ? r.method === "GET" : write && signedIn;
          if (audited && res.statusCode < 400 && (await auditRows()) === logged) problems.push(`${v}: ${res.statusCode} utan rad i granskningsloggen`);
          // A write may use up the fixtures (a deletion) or the session (sign-out): the next viewer gets a fresh world.
          if (write && res.statusCode < 400) {
            world = await matrixWorld(t.db, { storage: t.app.deps.storage }, world);
            sessions.clear();
          }
        }
        assert.deepEqual(problems, [], `${key}:\n  ${problems.join("\n  ")}`);
      });
    }
    console.log(`roll × väg: ${routes.length} vägar, ${VIEWERS.length} slags besökare, ${checked} utfall prövade över HTTP (${requests} begäranden)`);
  });

  it("holds every route that declares `roles` to them, and names routes with rules but no declaration", async () => {
    world = await matrixWorld(t.db, { storage: t.app.deps.storage }, world);
    const { rows } = await buildAccessMatrix(t.db, t.app, world);
    const problems: string[] = [];
    const undeclared: string[] = [];
    for (const row of rows) {
      const d = row.declared;
      const got = allowedRoles(row);
      if (d.roles) {
        const declared = ROLES.filter((r) => d.roles!.includes(r));
        // Object facts (a note says which) may narrow what the role alone would allow, never widen it.
        const ok = d.rolesNote ? got.every((r) => declared.includes(r)) : got.join() === declared.join();
        if (!ok) problems.push(`${row.method} ${row.url}: deklarerade roller ${declared.join(", ")} men policyn släpper fram ${got.join(", ") || "ingen"}`);
      } else if (d.rules.can || d.rules.visible) {
        undeclared.push(`${row.method} ${row.url}`);
      }
    }
    for (const u of undeclared) console.log(`roll × väg: regler utan deklarerade roller (härledda i dokumentet): ${u}`);
    assert.deepEqual(problems, [], problems.join("\n"));
  });

  it("has every staff download declare what the audit log records, or an exemption with its reason", () => {
    const missing: string[] = [];
    const exempt = world.inputs.auditExemptions;
    for (const r of matrixRoutes(t.app)) {
      const d = declaredPipeline(r.config)!;
      const key = `${r.method} ${r.url}`;
      if (d.access === "public" || d.present !== "file" || r.method !== "GET") continue;
      if (d.audit && exempt[key]) missing.push(`${key}: både audit och undantag`);
      else if (!d.audit && !exempt[key]) missing.push(key);
    }
    for (const [k, why] of Object.entries(exempt)) console.log(`granskningslogg: ${k} loggas inte: ${why}`);
    assert.deepEqual(missing, [], "personalens nedladdningar utan `audit` (read/export/self) i pipelinen eller auditExemptions i testing.ts");
  });

  it("keeps docs/access-matrix.md generated from these rows (node scripts/access-matrix.ts)", async () => {
    const fresh = await createTestApp();
    try {
      const w = await matrixWorld(fresh.db, { storage: fresh.app.deps.storage });
      const { rows, untested } = await buildAccessMatrix(fresh.db, fresh.app, w);
      const expected = renderAccessMatrix(rows, untested);
      let actual = "";
      try {
        actual = readFileSync(DOC, "utf8");
      } catch {
        /* missing: fails below */
      }
      assert.ok(actual === expected, "docs/access-matrix.md är inaktuell: kör `node scripts/access-matrix.ts`");
    } finally {
      await fresh.close();
    }
  });
});
