// The one route pipeline, declared on each route:
//
//   authenticate (session → actor, in app.ts for every request)
//   → (routes declaring `publicCache`) answer an anonymous GET from the public-answer cache when
//     the tenant's current public version has a stored answer (platform/cache, decision 0015)
//   → resolve the tenant (from the path `:tenant`, or from a query parameter such as Open311's
//     jurisdiction_id; unknown → 404)
//   → load the addressed resources within the tenant (an id of another tenant → 404, whoever asks)
//   → require the access level (public, signed in, staff of the tenant, system administrator):
//     not signed in → 401 (pages: the sign-in page), signed in without access → 404
//   → authorize with the module's object-level policy (`can`, default deny) → 403
//   → read the body (multipart forms are read here) and check the CSRF token of form posts
//   → validate (Fastify + zod) → handler (use case) → present.
//
// A route declares it once:
//
//   const edit = pipeline({ tenant: "path", access: "staff", present: "page",
//     load: { doc: byParam("documentId", findDocument) },
//     can: ({ actor, loaded }) => can(actor, "document.edit", loaded.doc) });
//   app.post(url, { schema, ...edit.options }, async (req, reply) => { const { actor, loaded } = edit.of(req); … });
//
// Every outcome of the pipeline is an HttpError, turned into a page or a JSON error in one place
// (app.ts's error handler, by the declared presenter). The declaration is kept in the route's
// config (`config.pipeline`), so the tenant-isolation and accessibility sweeps find routes by
// what they declare, not by their URL text; app.ts refuses to start with a route that declares
// none.
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";
import type { Kysely } from "kysely";
import { type Actor, isStaff } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { findTenantBySlug } from "../tenancy/resolve.ts";
import { HttpError } from "./errors.ts";
import type { FieldIssue } from "./validation.ts";
import type { TenantRow } from "./types.ts";

/** Where the tenant of a request comes from. */
export type TenantSource = "none" | "path" | { query: string };
/** Who may reach the route at all (before object-level policies). */
export type Access = "public" | "signedIn" | "staff" | "systemAdmin";
/** How the route answers, and so how its errors are shown: an HTML page, JSON, or a file. */
export type Presenter = "page" | "json" | "file";

/**
 * Load one addressed resource by a path parameter, within the tenant (null on routes without a
 * tenant); undefined → 404.
 */
export type Loader<T> = {
  param: string;
  load(db: Kysely<DB>, tenantId: string | null, id: string, loaded: Record<string, unknown>): Promise<T | undefined | null>;
};

export type Facts<L, T extends TenantSource, A extends Access> = {
  actor: A extends "public" ? Actor | null : Actor;
  tenant: T extends "none" ? null : TenantRow;
  loaded: L;
};

export type Rule<L, T extends TenantSource, A extends Access> = (facts: Facts<L, T, A>) => boolean | Promise<boolean>;

export type BodyKind = "none" | "form" | "json" | "multipart";

export type MultipartFile = { field: string; filename: string; contentType: string; data: Buffer; truncated: boolean };

export type MultipartLimits = { fileSize: number; files: number; fields?: number };

/** An error of a route with its own error format (e.g. Open311's), as the error handler hands it over. */
export type RouteError = { status: number; code: string; message: string; messageEn: string; fields?: FieldIssue[] };

/** Answers a route's errors in a format its clients expect (declared with `formatError`). */
export type ErrorFormatter = (req: FastifyRequest, reply: FastifyReply, error: RouteError) => FastifyReply;

export type PipelineSpec<L, T extends TenantSource, A extends Access> = {
  tenant: T;
  access: A;
  present: Presenter;
  /** Resources addressed by path parameters, loaded in order within the tenant. */
  load?: { [K in keyof L]: Loader<L[K]> };
  /** Whether the actor may see the route's resource at all; false → 404 as if it did not exist. */
  visible?: Rule<L, T, A>;
  /** Object-level authorization of the action (the module's `can`); false → 403. */
  can?: Rule<L, T, A>;
  /** The catalog message of that 403 (default: "Du har inte behörighet till detta."). */
  forbidden?: string;
  /** Multipart bodies are read by the pipeline (files bounded by `limits`), so the CSRF field inside them is checked. */
  multipart?: MultipartLimits;
  /**
   * A write anyone may make without an account (sign-in, a resident's report): limited per client
   * address. The isolation sweep treats routes with this mark as public writes.
   */
  rateLimit?: { max: number; timeWindow: string /** Catalog key of the 429 message (default: the general one). */; message?: string };
  /**
   * Form posts from anonymous visitors to a public write are checked by where they come from
   * (Origin / Sec-Fetch-Site must be this site when the browser says) instead of a CSRF token: an
   * anonymous form carries no session to protect, and a cross-site page still cannot post
   * through a visitor's browser. Signed-in visitors' posts always need the token.
   */
  anonymousForms?: "sameOrigin";
  /** Answer this route's errors (from the pipeline, validation, rate limits …) in its own format instead of the platform's. */
  formatError?: ErrorFormatter;
  /**
   * The route's answer to an anonymous visitor depends only on the tenant's public data, the
   * date, the locale and the path: anonymous GETs are answered from the public-answer cache
   * (src/platform/cache/public-cache.ts) when it holds the answer for the tenant's current public
   * version, before the tenant and resources are loaded; otherwise the route runs and sends
   * through `app.publicCache` (send / sendPage), which stores the answer. Needs a tenant.
   */
  publicCache?: true;
};

export type Declared = {
  tenant: TenantSource;
  access: Access;
  present: Presenter;
  params: string[];
  multipart: boolean;
  /** Catalog key of the route's 429 message. */
  rateLimitMessage?: string;
  anonymousForms?: "sameOrigin";
  formatError?: ErrorFormatter;
  publicCache: boolean;
};

export type Pipeline<L, T extends TenantSource, A extends Access> = {
  /** Spread into the route options: hooks and the declaration in `config.pipeline`. */
  options: Pick<RouteShorthandOptions, "onRequest" | "preValidation" | "config">;
  /** The facts the pipeline established for this request (actor, tenant, loaded resources). */
  of(req: FastifyRequest): Facts<L, T, A> & { files: MultipartFile[] };
  spec: PipelineSpec<L, T, A>;
};

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route's pipeline declaration (read by the error handler and the sweeps). */
    pipeline?: Declared;
  }
}

type State = { loaded: Record<string, unknown>; files: MultipartFile[] };
const states = new WeakMap<FastifyRequest, State>();

function stateOf(req: FastifyRequest): State {
  let s = states.get(req);
  if (!s) {
    s = { loaded: {}, files: [] };
    states.set(req, s);
  }
  return s;
}

/** A loader for `:param` with a repository finder `(db, tenantId, id)`. */
export function byParam<T>(
  param: string,
  find: (db: Kysely<DB>, tenantId: string, id: string) => Promise<T | undefined | null>,
  belongs?: (row: T, loaded: Record<string, unknown>) => boolean,
): Loader<T> {
  return {
    param,
    async load(db, tenantId, id, loaded) {
      if (tenantId === null) return undefined;
      const row = await find(db, tenantId, id);
      if (!row) return undefined;
      if (belongs && !belongs(row, loaded)) return undefined;
      return row;
    },
  };
}

/** The tenant slug of a request by the declared source (null when absent). */
export function tenantSlugOf(req: FastifyRequest, source: TenantSource): string | null {
  if (source === "none") return null;
  if (source === "path") return (req.params as Record<string, string | undefined>).tenant ?? null;
  const v = (req.query as Record<string, unknown> | undefined)?.[source.query];
  return typeof v === "string" ? v : null;
}

export function pipeline<L extends Record<string, unknown> = Record<never, never>, T extends TenantSource = TenantSource, A extends Access = Access>(
  spec: PipelineSpec<L, T, A>,
): Pipeline<L, T, A> {
  const loaders = Object.entries((spec.load ?? {}) as Record<string, Loader<unknown>>);
  if (spec.publicCache && spec.tenant === "none") throw new Error("publicCache kräver en tenant (den publika versionen är kommunens)");
  const declared: Declared = {
    tenant: spec.tenant,
    access: spec.access,
    present: spec.present,
    params: loaders.map(([, l]) => l.param),
    multipart: spec.multipart !== undefined,
    ...(spec.rateLimit?.message ? { rateLimitMessage: spec.rateLimit.message } : {}),
    ...(spec.anonymousForms ? { anonymousForms: spec.anonymousForms } : {}),
    ...(spec.formatError ? { formatError: spec.formatError } : {}),
    publicCache: spec.publicCache === true,
  };

  const facts = (req: FastifyRequest): Facts<L, T, A> =>
    ({ actor: req.actor, tenant: req.tenant, loaded: stateOf(req).loaded as L }) as unknown as Facts<L, T, A>;

  async function onRequest(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const server = req.server;
    // A stored public answer for the tenant's current public version: answered here, nothing loaded.
    if (spec.publicCache && (await server.publicCache.serveStored(req, reply, tenantSlugOf(req, spec.tenant)))) return reply;
    // Tenant
    if (spec.tenant !== "none") {
      const slug = tenantSlugOf(req, spec.tenant);
      const tenant = slug ? await findTenantBySlug(server.db, slug) : null;
      if (!tenant) throw HttpError.of(404, "errors.unknownTenant", { slug: slug ?? "" });
      req.tenant = tenant;
    }
    // Addressed resources, within the tenant
    const state = stateOf(req);
    const params = (req.params ?? {}) as Record<string, string>;
    for (const [name, loader] of loaders) {
      const id = params[loader.param];
      if (id === undefined) throw HttpError.of(404);
      const row = await loader.load(server.db, req.tenant?.id ?? null, id, state.loaded);
      if (!row) throw HttpError.of(404);
      state.loaded[name] = row;
    }
    // Access
    const actor = req.actor;
    if (spec.access !== "public" && !actor) throw HttpError.of(401);
    if (spec.access === "staff" && (!req.tenant || !isStaff(actor, req.tenant.id))) throw HttpError.of(404);
    if (spec.access === "systemAdmin" && !actor?.isSystemAdmin) throw HttpError.of(404);
    const f = facts(req);
    if (spec.visible && !(await spec.visible(f))) throw HttpError.of(spec.access === "public" || actor ? 404 : 401);
    // Object-level policy
    if (spec.can && !(await spec.can(f))) throw HttpError.of(403, spec.forbidden);
    return undefined;
  }

  async function preValidation(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (spec.multipart && req.isMultipart()) await readMultipart(req, spec.multipart);
    await checkCsrf(req, reply);
  }

  return {
    spec,
    options: {
      onRequest,
      preValidation,
      config: { pipeline: declared, ...(spec.rateLimit ? { rateLimit: { max: spec.rateLimit.max, timeWindow: spec.rateLimit.timeWindow } } : {}) },
    },
    of(req) {
      return { ...facts(req), files: stateOf(req).files };
    },
  };
}

/**
 * CSRF on every state-changing request from a browser form: the token travels in the form (field
 * `_csrf`, also inside multipart bodies) or the `x-csrf-token` header. JSON requests are protected
 * by the SameSite=Lax session cookie and their content type (no cross-site form can send JSON);
 * anonymous API writes carry no ambient authority.
 */
async function checkCsrf(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("application/json")) return;
  const declared = (req.routeOptions.config as { pipeline?: Declared }).pipeline;
  if (declared?.present === "json" && !req.actor) return;
  if (declared?.anonymousForms === "sameOrigin" && !req.actor) return checkSameOrigin(req);
  await new Promise<void>((resolve, reject) => {
    req.server.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
  });
}

/**
 * An anonymous form post must come from this site when the browser says where it comes from.
 * Sec-Fetch-Site decides when present (same-origin, or none: typed or bookmarked). Without it, an
 * Origin naming another host is refused; "null" says nothing (a no-referrer policy, as this
 * site's, makes browsers send it for their own form posts). Clients that send neither (scripts,
 * curl) carry no ambient authority and are rate limited.
 */
function checkSameOrigin(req: FastifyRequest): void {
  const refuse = () => HttpError.of(403, "errors.csrf", undefined, { code: "csrf" });
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") {
    if (site !== "same-origin" && site !== "none") throw refuse();
    return;
  }
  const origin = req.headers.origin;
  if (typeof origin !== "string" || origin === "null") return;
  // Both sides through URL, so a default port (:80, :443) written on one side only still matches.
  let same = false;
  try {
    same = new URL(origin).host === new URL(`${req.protocol}://${req.host}`).host;
  } catch {
    same = false;
  }
  if (!same) throw refuse();
}

/** Read a multipart body: files (bounded) into the pipeline state, fields into req.body. */
async function readMultipart(req: FastifyRequest, limits: MultipartLimits): Promise<void> {
  const fields: Record<string, string | string[]> = {};
  const files = stateOf(req).files;
  // throwFileSizeLimit: false truncates an oversized file (marked) instead of failing the request,
  // so the form can say what is wrong; a body cut short by the client fails with 400 (errors.ts).
  const options = { limits: { fileSize: limits.fileSize, files: limits.files, fields: limits.fields ?? 100 }, throwFileSizeLimit: false };
  for await (const part of req.parts(options as Parameters<FastifyRequest["parts"]>[0])) {
    if (part.type === "file") {
      const data = await part.toBuffer();
      if (part.filename && (data.length > 0 || part.file.truncated))
        files.push({ field: part.fieldname, filename: part.filename, contentType: part.mimetype, data, truncated: part.file.truncated });
    } else {
      const value = typeof part.value === "string" ? part.value : String(part.value ?? "");
      const prior = fields[part.fieldname];
      fields[part.fieldname] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
  }
  (req as { body: unknown }).body = fields;
}

/** The pipeline a route declared (undefined for routes of plugins such as static files). */
export function declaredPipeline(config: unknown): Declared | undefined {
  return (config as { pipeline?: Declared } | undefined)?.pipeline;
}
