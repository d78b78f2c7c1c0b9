// The hostile-input sweep behind test/sweeps/hostile-input.int.test.ts (CI: a few seeded runs per
// route and viewer) and bench/fuzz/run.ts (many more): every route of the registry, as an
// anonymous visitor and as the Osby demo person of each role, gets requests generated with
// fast-check (hostile.ts) from its OpenAPI operation; every POST form on every sweep page gets
// hostile values in its fields. Findings: any 5xx, any stack trace, internal path or database
// error text in a body. Generation is seeded (fc.sample), so a finding is reproduced by the seed.
import fc from "fast-check";
import { modules } from "../../modules/index.ts";
import { seedOsby } from "../../modules/seed.ts";
import { DEMO_USERS } from "../../modules/tenants/seed.ts";
import type { Role } from "../db/schema.ts";
import { declaredPipeline } from "../http/pipeline.ts";
import type { ModuleTesting, SweepPage } from "../module.ts";
import { sessionCookie } from "./auth.ts";
import type { TestApp } from "./harness.ts";
import {
  formsOf,
  formValues,
  exampleOf,
  formValuesOneHostile,
  plausible,
  SHARP_PAYLOADS,
  hostileJson,
  hostileString,
  leaksIn,
  matchesPattern,
  objectFor,
  type PageForm,
  queryFor,
} from "./hostile.ts";
import { collectFixtures, fixtureFor } from "./isolation.ts";
import { type RegisteredRoute, registeredRoutes, routeParams } from "./routes.ts";

export type HostileViewer = "anonym" | Role;
export type HostileStats = { requests: number; routes: number; forms: number; byStatus: Record<string, number>; findings: string[] };

type Operation = {
  parameters?: Array<{ in: string; name: string; schema?: unknown }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
};

type Session = { cookies: Record<string, string>; csrf: string };

export type HostileWorld = {
  tenantSlug: string;
  tenantId: string;
  fixtures: Map<string, { id: string; module: string }>;
  users: Map<HostileViewer, string | null>;
  openapi: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, never> } };
  sweepPages: SweepPage[];
  /** Valid requests the modules give for the isolation sweep: the base that one hostile field is put into. */
  overrides: NonNullable<ModuleTesting["requestOverrides"]>;
};

/** The Osby demo (its pages are the sweep's), the modules' fixtures in it, and its demo people. */
export async function hostileWorld(t: TestApp): Promise<HostileWorld> {
  const seeded = await seedOsby(t.db);
  const tenant = await t.db.selectFrom("tenants").select(["id", "slug"]).where("id", "=", seeded.tenantId).executeTakeFirstOrThrow();
  const sources = [];
  const sweepPages: SweepPage[] = [];
  const overrides: NonNullable<ModuleTesting["requestOverrides"]> = {};
  for (const m of modules) {
    const testing = m.testing ? await m.testing() : {};
    Object.assign(overrides, testing.requestOverrides ?? {});
    if (testing.isolationFixtures) sources.push({ module: m.name, isolationFixtures: testing.isolationFixtures });
    sweepPages.push(...(testing.sweepPages ?? []));
  }
  const fixtures = await collectFixtures(t.db, tenant.id, sources, { storage: t.app.deps.storage });
  const users = new Map<HostileViewer, string | null>([["anonym", null]]);
  for (const u of DEMO_USERS) {
    const row = await t.db.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirstOrThrow();
    users.set(u.role, row.id);
  }
  return { tenantSlug: tenant.slug, tenantId: tenant.id, fixtures, users, openapi: t.app.swagger() as never, sweepPages, overrides };
}

function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

function schemaOf(op: Operation | undefined, where: "query" | "body"): Record<string, unknown> | undefined {
  if (!op) return undefined;
  if (where === "body") {
    const content = op.requestBody?.content ?? {};
    return (content["application/json"]?.schema ?? Object.values(content)[0]?.schema) as Record<string, unknown> | undefined;
  }
  const props: Record<string, unknown> = {};
  for (const p of op.parameters ?? []) if (p.in === "query") props[p.name] = p.schema ?? {};
  return { type: "object", properties: props };
}

function multipartBody(
  fields: Array<[string, string]>,
  files: Array<{ field: string; filename: string; data: Buffer; type: string }>,
): { payload: Buffer; type: string } {
  const boundary = `----trygg-fuzz-${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  const safe = (s: string) => s.replace(/[\r\n"]/g, "_");
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${safe(k)}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${safe(f.field)}"; filename="${safe(f.filename)}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
    );
    parts.push(f.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const fileArb = fc.record({
  filename: fc.oneof(hostileString(), fc.constantFrom("../../etc/passwd", "a.csv", "bild.jpg", "x.svg", "\u202egpj.exe")),
  data: fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    hostileString().map((s) => Buffer.from(`lat,lon,kategori,datum\n56.38,13.99,${s},2024-01-01\n`)),
    fc.constant(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')),
  ),
  type: fc.constantFrom("text/csv", "image/jpeg", "image/svg+xml", "application/octet-stream", "text/html"),
});

/**
 * Run the sweep: `runs` generated requests per route and viewer, and per form and viewer, from
 * `seed`. Returns counts and findings (empty when every answer was below 500 and leaked nothing).
 */
export async function runHostileSweep(t: TestApp, world: HostileWorld, opts: { runs: number; seed: number; log?: (s: string) => void }): Promise<HostileStats> {
  const stats: HostileStats = { requests: 0, routes: 0, forms: 0, byStatus: {}, findings: [] };
  const viewers = [...world.users.keys()];

  async function session(viewer: HostileViewer): Promise<Session> {
    const userId = world.users.get(viewer) ?? null;
    const cookies = userId ? await sessionCookie(t.db, userId) : {};
    const page = await t.app.inject({ method: "GET", url: userId ? `/t/${world.tenantSlug}` : "/logga-in", cookies });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const jar = { ...cookies };
    for (const c of page.cookies) jar[c.name] = c.value;
    return { cookies: jar, csrf };
  }

  async function check(what: string, res: { statusCode: number; body: string; headers: Record<string, unknown> }, input: unknown): Promise<void> {
    stats.requests++;
    const bucket = `${Math.floor(res.statusCode / 100)}xx`;
    stats.byStatus[bucket] = (stats.byStatus[bucket] ?? 0) + 1;
    const problems: string[] = [];
    if (res.statusCode >= 500) problems.push(`${res.statusCode}`);
    problems.push(...leaksIn(res.body));
    for (const [h, v] of Object.entries(res.headers)) if (/[\r\n]/.test(String(v))) problems.push(`radbrytning i huvudet ${h}`);
    if (problems.length) {
      const shown = JSON.stringify(input, (_k, v) => (typeof v === "string" && v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v));
      stats.findings.push(`${what} → ${problems.join(", ")} ${shown.slice(0, 600)}`);
    }
  }

  // 0. The forms of every sweep page, found on the pristine demo: the requests below change it (a
  // walk filled up, a meeting held, a protocol published), which would hide forms from later pages.
  const discovered: Array<{ page: SweepPage; first: boolean; viewer: HostileViewer; forms: PageForm[]; token: string }> = [];
  for (const page of world.sweepPages) {
    for (const v of page.viewers) {
      const viewer: HostileViewer = v === "public" ? "anonym" : v;
      const s = await session(viewer);
      const res = await t.app.inject({ method: "GET", url: page.path, cookies: s.cookies });
      const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? "";
      discovered.push({ page, first: v === page.viewers[0], viewer, forms: formsOf(res.body, page.path.split("?")[0]!), token });
    }
  }

  // 1. Every route, from its OpenAPI operation.
  const routes = registeredRoutes(t.app).filter((r) => declaredPipeline(r.config) !== undefined);
  let seed = opts.seed;
  for (const r of routes) {
    stats.routes++;
    const declared = declaredPipeline(r.config)!;
    const op = world.openapi.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
    const params = routeParams(r.url);
    const paramArb = fc.record(
      Object.fromEntries(
        params.map((p) => {
          const real = p === "tenant" ? world.tenantSlug : (fixtureFor(world.fixtures, r.url, p) ?? "x");
          return [p, fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 2, arbitrary: hostileString() })];
        }),
      ) as Record<string, fc.Arbitrary<string>>,
    );
    const json = declared.present === "json" || r.url.startsWith("/api/") || r.method !== "POST";
    // A valid body (the modules' request overrides) with one field made hostile reaches deepest.
    const realParams = Object.fromEntries(params.map((p) => [p, p === "tenant" ? world.tenantSlug : (fixtureFor(world.fixtures, r.url, p) ?? "x")]));
    const example = r.method !== "GET" && json ? exampleOf(schemaOf(op, "body") as never, world.openapi.components?.schemas ?? {}) : undefined;
    const baseBody =
      world.overrides[`${r.method} ${r.url}`]?.(realParams).body ??
      (example && typeof example === "object" && !Array.isArray(example) ? (example as Record<string, unknown>) : undefined);
    const oneField: fc.Arbitrary<Record<string, unknown>> | null =
      baseBody && Object.keys(baseBody).length
        ? fc
            .tuple(fc.constantFrom(...Object.keys(baseBody)), hostileJson(1), fc.boolean())
            .map(([k, v, asString]) => ({ ...baseBody, [k]: asString || !json ? (typeof v === "string" ? v : JSON.stringify(v)) : v }))
        : null;
    const bodyArb: fc.Arbitrary<{ kind: "json" | "raw" | "form" | "multipart"; value: unknown }> =
      r.method === "GET"
        ? fc.constant({ kind: "json" as const, value: undefined })
        : fc.oneof(
            ...(oneField ? [{ weight: 6, arbitrary: oneField.map((value) => ({ kind: json ? ("json" as const) : ("form" as const), value })) }] : []),
            {
              weight: 5,
              arbitrary: (json ? objectFor(schemaOf(op, "body") as never) : objectFor(undefined)).map((value) => ({
                kind: json ? ("json" as const) : ("form" as const),
                value,
              })),
            },
            { weight: 1, arbitrary: hostileJson(2).map((value) => ({ kind: "json" as const, value })) },
            {
              weight: 1,
              arbitrary: fc.constantFrom('{"a":', "[1,2", "\u0000", "x".repeat(1_100_000), "null").map((value) => ({ kind: "raw" as const, value })),
            },
            ...(declared.multipart
              ? [
                  {
                    weight: 3,
                    arbitrary: fc.tuple(objectFor(undefined), fc.array(fileArb, { maxLength: 2 })).map((value) => ({ kind: "multipart" as const, value })),
                  },
                ]
              : []),
          );
    const arb = fc.record({
      params: paramArb,
      query: queryFor(schemaOf(op, "query") as never),
      body: bodyArb,
      csrf: fc.constantFrom("valid", "valid", "valid", "none", "bogus"),
    });
    // Systematic: each sharp payload in each field of the valid body, as the admin (who reaches most handlers).
    const sharp: Array<typeof arb extends fc.Arbitrary<infer T> ? T : never> = [];
    if (baseBody && r.method !== "GET") {
      for (const k of Object.keys(baseBody))
        for (const v of SHARP_PAYLOADS)
          sharp.push({ params: realParams, query: {}, body: { kind: json ? "json" : "form", value: { ...baseBody, [k]: v } }, csrf: "valid" });
    }
    for (const viewer of viewers) {
      const s = await session(viewer);
      for (const input of [...(viewer === "admin" ? sharp : []), ...fc.sample(arb, { seed: seed++, numRuns: opts.runs })]) {
        const url = r.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent((input.params[name] ?? "").toWellFormed()));
        const q = new URLSearchParams(input.query).toString();
        const full = q ? `${url}?${q}` : url;
        const csrf = input.csrf === "valid" ? s.csrf : input.csrf === "bogus" ? "falsk-token" : undefined;
        const headers: Record<string, string> = {};
        let payload: string | Buffer | undefined;
        if (r.method !== "GET") {
          if (input.body.kind === "json") {
            headers["content-type"] = "application/json";
            if (csrf) headers["x-csrf-token"] = csrf;
            payload = JSON.stringify(input.body.value ?? {});
          } else if (input.body.kind === "raw") {
            headers["content-type"] = "application/json";
            payload = String(input.body.value);
          } else if (input.body.kind === "form") {
            headers["content-type"] = "application/x-www-form-urlencoded";
            const form = new URLSearchParams();
            for (const [k, v] of Object.entries(input.body.value as Record<string, unknown>)) form.append(k, typeof v === "string" ? v : JSON.stringify(v));
            if (csrf) form.set("_csrf", csrf);
            payload = form.toString();
          } else {
            const [fields, files] = input.body.value as [Record<string, unknown>, Array<{ filename: string; data: Buffer; type: string }>];
            const list: Array<[string, string]> = Object.entries(fields).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]);
            if (csrf) list.push(["_csrf", csrf]);
            const mp = multipartBody(
              list,
              files.map((f) => ({ ...f, field: "file" })),
            );
            headers["content-type"] = mp.type;
            payload = mp.payload;
          }
        }
        let res: Awaited<ReturnType<typeof t.app.inject>>;
        try {
          res = await t.app.inject({ method: r.method as "GET", url: full, cookies: s.cookies, headers, ...(payload !== undefined ? { payload } : {}) });
        } catch (err) {
          stats.findings.push(`${viewer} ${r.method} ${r.url} → kastade ${(err as Error).message}`);
          continue;
        }
        await check(`${viewer} ${r.method} ${r.url}`, res, {
          url: full,
          body: input.body.kind === "multipart" ? "(multipart)" : input.body.value,
          csrf: input.csrf,
        });
      }
    }
  }
  opts.log?.(`fientlig indata: ${stats.routes} vägar × ${viewers.length} besökare, ${stats.requests} begäranden hittills`);

  // 2. Every POST form found on every sweep page, for each viewer the sweep lists, posted in a
  // fresh session with its token (a value equal to the page's token is replaced; hostile ones stay).
  for (const { page, first, viewer, forms, token } of discovered) {
    const s = await session(viewer);
    const jar = s.cookies;
    const fresh = (values: Array<[string, string]>) => values.map(([k, val]) => [k, token && val === token ? s.csrf : val] as [string, string]);
    for (const form of forms) {
      if (form.action === "/logga-ut") continue; // ends the session the rest of this page's forms use
      stats.forms++;
      if (!routes.some((r) => r.method === "POST" && matchesPattern(r.url, form.action))) {
        stats.findings.push(`${viewer} formulär på ${page.path} postar till ${form.action}, som ingen väg tar emot`);
        continue;
      }
      const arb = fc.oneof(formValuesOneHostile(form), formValues(form));
      // Systematic: each sharp payload in each visible text field, the rest as a person would fill them in (first viewer of the page).
      const sharp: Array<Array<[string, string]>> = [];
      if (first) {
        const fields = form.fields.filter((f) => f.kind !== "file");
        for (const target of fields.filter((f) => f.kind === "text" || f.kind === "textarea"))
          for (const p of SHARP_PAYLOADS) sharp.push(fields.map((f) => [f.name, f.name === target.name ? p : plausible(f)] as [string, string]));
      }
      for (const sent of [...sharp, ...fc.sample(arb, { seed: seed++, numRuns: opts.runs })]) {
        const values = fresh(sent);
        let payload: string | Buffer;
        let type: string;
        if (form.enctype.startsWith("multipart/")) {
          const mp = multipartBody(values, []);
          payload = mp.payload;
          type = mp.type;
        } else {
          const body = new URLSearchParams();
          for (const [k, val] of values) body.append(k, val);
          payload = body.toString();
          type = "application/x-www-form-urlencoded";
        }
        const answer = await t.app.inject({ method: "POST", url: form.action, cookies: jar, headers: { "content-type": type }, payload });
        await check(`${viewer} formulär ${page.path} → POST ${form.action}`, answer, Object.fromEntries(values));
      }
    }
  }
  opts.log?.(`fientlig indata: ${stats.forms} formulär, ${stats.requests} begäranden, ${JSON.stringify(stats.byStatus)}, ${stats.findings.length} fynd`);
  return stats;
}

export type { RegisteredRoute };
