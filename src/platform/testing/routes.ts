// The route registry for tests: every route any Fastify instance registers, with its method,
// URL pattern and config. Importing this module subscribes to Fastify's `fastify.initialization`
// diagnostics channel, which fires for each new instance before any plugin or route is added, and
// adds an onRoute hook there. So buildApp needs no test-only code, and the list is complete
// (routes of encapsulated plugins included). Used by the tenant-isolation sweep
// (test/isolation/) to enumerate every tenant-scoped route.
import { subscribe } from "node:diagnostics_channel";
import type { FastifyInstance, RouteOptions } from "fastify";
import { pipelinePassed } from "../http/pipeline.ts";

/**
 * The header a test app adds to every answer once `exposePipelineOutcome()` was called: "passed"
 * when the request went through its route's whole pipeline to the handler, else "refused". The
 * role × route matrix reads it to tell the pipeline's refusals from the handler's own answers.
 */
export const PIPELINE_HEADER = "x-trygg-test-pipeline";
let expose = false;
export function exposePipelineOutcome(): void {
  expose = true;
}

export type RegisteredRoute = {
  method: string;
  url: string;
  /** Route config (e.g. `rateLimit` on public writes). */
  config: Record<string, unknown>;
  /** Whether the schema hides the route from OpenAPI. */
  hidden: boolean;
};

const registry = new WeakMap<object, RegisteredRoute[]>();

subscribe("fastify.initialization", (message) => {
  const { fastify } = message as { fastify: FastifyInstance };
  const list: RegisteredRoute[] = [];
  registry.set(fastify, list);
  fastify.addHook("onSend", async (req, reply, payload) => {
    if (expose) reply.header(PIPELINE_HEADER, pipelinePassed(req) ? "passed" : "refused");
    return payload;
  });
  fastify.addHook("onRoute", (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      list.push({
        method: String(method).toUpperCase(),
        url: route.url,
        config: (route.config ?? {}) as Record<string, unknown>,
        hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide),
      });
    }
  });
});

/**
 * Every route of an app built after this module was imported, HEAD routes Fastify adds for GET
 * routes left out. Throws when the app was built before the import (nothing was recorded).
 */
export function registeredRoutes(app: object): RegisteredRoute[] {
  const list = registry.get(app);
  if (!list) throw new Error("inga vägar registrerade: importera src/platform/testing/routes.ts innan appen byggs (createTestApp gör det)");
  const gets = new Set(list.filter((r) => r.method === "GET").map((r) => r.url));
  const seen = new Set<string>();
  const out: RegisteredRoute[] = [];
  for (const r of list) {
    if (r.method === "HEAD" && gets.has(r.url)) continue;
    const key = `${r.method} ${r.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** Path parameters of a URL pattern (`/t/:tenant/x/:id` → ["tenant", "id"]; a wildcard is "*"). */
export function routeParams(url: string): string[] {
  const out: string[] = [];
  for (const m of url.matchAll(/:([A-Za-z0-9_]+)|\*/g)) out.push(m[1] ?? "*");
  return out;
}
