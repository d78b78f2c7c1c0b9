// buildApp(deps) → a ready-to-listen Fastify instance; used by main.ts and by every test.
// The app is built from the module list (src/modules/index.ts): messages, routes, navigation,
// widgets and styles come from the module objects. Every route declares its pipeline
// (platform/http/pipeline.ts): authenticate → tenant → load → access → authorize → body/CSRF →
// validate → handler → present; errors are answered in one place below.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyReply, type FastifyRequest, type RouteOptions } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { modules as allModules } from "./modules/index.ts";
import { loadActor, SESSION_COOKIE } from "./platform/auth/session.ts";
import { PublicCache } from "./platform/cache/public-cache.ts";
import { createPublicVersions } from "./platform/cache/versions.ts";
import { registerApiDocs } from "./platform/http/api-docs.ts";
import { isDatabaseUnavailable } from "./platform/db/unavailable.ts";
import { csrfUserInfo } from "./platform/http/csrf.ts";
import { defaultErrorText, HttpError, sendError, sendHttpError } from "./platform/http/errors.ts";
import { html } from "./platform/http/html.ts";
import { renderPage } from "./platform/http/layout.ts";
import { securityHeaders } from "./platform/http/security-headers.ts";
import { buildPageContext } from "./platform/http/page.ts";
import { auditRequest } from "./platform/audit.ts";
import { declaredPipeline, pipeline, pipelinePassed } from "./platform/http/pipeline.ts";
import { databaseRateLimitStore } from "./platform/http/rate-limit-store.ts";
import type { App, AppDeps, AppUi } from "./platform/http/types.ts";
import { bilingualValidatorCompiler, type FieldIssue } from "./platform/http/validation.ts";
import { installMessages, negotiateLocale, translator } from "./platform/i18n/i18n.ts";
import { checkModules, type TryggModule } from "./platform/module.ts";
import { clientKey } from "./platform/http/client-address.ts";

const WEB_DIR = fileURLToPath(new URL("../web/", import.meta.url));
/** How long a proxy may keep a public page or file that is the same for every anonymous visitor. */
const PUBLIC_MAX_AGE_SECONDS = 60;
/** Retry-After of a 503 while the database cannot be reached (a PostgreSQL restart takes seconds). */
const DATABASE_RETRY_AFTER_SECONDS = 10;
const LEAFLET_DIR = fileURLToPath(new URL("../node_modules/leaflet/dist/", import.meta.url));

/** Routes that need no pipeline declaration: static files served by plugins. */
function isPluginRoute(url: string): boolean {
  return url.startsWith("/static/");
}

/** The shared stylesheet: web/styles.css, then each module's styles, in module order. */
function stylesheet(modules: readonly TryggModule[]): string {
  const parts = [readFileSync(new URL("styles.css", `file://${WEB_DIR}`), "utf8")];
  for (const m of modules) for (const url of m.styles ?? []) parts.push(`/* ${m.name} */\n${readFileSync(url, "utf8")}`);
  return parts.join("\n");
}

/**
 * Build the app from the module list. `opts.modules` replaces the list (tests of a module
 * template or a module in isolation); production always uses src/modules/index.ts.
 */
export async function buildApp(deps: AppDeps, opts: { modules?: readonly TryggModule[] } = {}): Promise<App> {
  const { config } = deps;
  const modules = opts.modules ?? allModules;
  checkModules(modules);
  installMessages(modules.map((m) => m.messages));
  const app = Fastify({
    logger:
      config.LOG_LEVEL === "silent"
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ["req.headers.cookie", "req.headers.authorization", "body.password"],
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    bodyLimit: 1024 * 1024,
    // Only the proxies named in TRUST_PROXY may set the client address (X-Forwarded-For); anyone
    // else could otherwise rotate it past the per-address rate limits.
    trustProxy: typeof config.trustProxy === "number" ? trustHops(config.trustProxy) : config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(bilingualValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("deps", deps);
  app.decorate("db", deps.database.db);
  const ui: AppUi = {
    navigation: modules.flatMap((m) => m.navigation ?? []).sort((a, b) => a.order - b.order),
    publicLinks: modules.flatMap((m) => m.publicLinks ?? []).sort((a, b) => a.order - b.order),
    publicNotices: modules.flatMap((m) => m.publicNotices ?? []).sort((a, b) => a.order - b.order),
    staffWidgets: modules.flatMap((m) => m.staffWidgets ?? []).sort((a, b) => a.order - b.order),
    incidentSources: modules.flatMap((m) => m.incidentSources ?? []),
    promiseIndicators: modules.flatMap((m) => (m.promiseIndicators ? [m.promiseIndicators] : [])),
  };
  app.decorate("ui", ui);
  // The module list the app was built from (privacy: retention rules and personal-data holders).
  app.decorate("modules", modules);
  // Public answers rendered once per change of the tenant's public data (decision 0015).
  const versions = await createPublicVersions(deps.database);
  app.decorate("publicCache", new PublicCache({ maxBytes: config.PUBLIC_CACHE_MB * 1024 * 1024, versions }));
  app.addHook("onClose", async () => versions.close());
  app.decorateRequest("actor", null);
  app.decorateRequest("locale", "sv");
  app.decorateRequest("t", translator("sv"));
  app.decorateRequest("tenant", null);
  app.decorateRequest("sessionToken", undefined);

  // Every route declares its pipeline; a route without one would escape the tenant and access
  // rules (and the sweeps that prove them), so the app refuses to start.
  app.addHook("onRoute", (route: RouteOptions) => {
    if (isPluginRoute(route.url) || route.method === "HEAD") return;
    if (!declaredPipeline(route.config)) {
      throw new Error(`vägen ${String(route.method)} ${route.url} saknar pipeline-deklaration (se src/platform/http/pipeline.ts)`);
    }
  });

  const tileOrigin = config.MAP_TILE_URL ? new URL(config.MAP_TILE_URL.replace(/\{[a-z]\}/g, "a")).origin : null;
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:", ...(tileOrigin ? [tileOrigin] : [])],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        formAction: ["'self'", ...(config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [])],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.baseUrl.startsWith("https:") ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", async (_req, reply) => {
    reply.headers(security);
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 100 } });
  // CSRF tokens are bound to the session: a token taken from one session (or from before signing
  // in) is refused in another.
  await app.register(csrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: "lax", path: "/", secure: config.baseUrl.startsWith("https:") },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers["x-csrf-token"] as string | undefined),
    getUserInfo: (req) => csrfUserInfo(req),
    csrfOpts: { userInfo: true, hmacKey: config.sessionSecret },
  });
  // Counted in the database, so every instance on it shares one budget per client (decision 0040),
  // keyed by the platform's client key. A request whose client has already gone has no address
  // (req.ip undefined): it is counted under one key rather than failing in the limiter.
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(deps.database.db),
    keyGenerator: (req) => (req.ip ? clientKey(req.ip) : "gone"),
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Trygg API",
        version: "0.1.0",
        description:
          "Trygg – kommunens och polisens gemensamma brottsförebyggande arbete. Alla tenant-specifika vägar ligger under /t/{tenant}/ eller /api/t/{tenant}/.",
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
    // The schemas named with `.meta({ id })` go into components.schemas, where the operations'
    // `$ref`s point (without this the document refers into an empty components.schemas).
    transformObject: jsonSchemaTransformObject,
  });

  const css = stylesheet(modules);
  app.get("/static/styles.css", { schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(css),
  );
  await app.register(fastifyStatic, { root: WEB_DIR, prefix: "/static/", maxAge: "1h" });
  await app.register(fastifyStatic, { root: LEAFLET_DIR, prefix: "/static/vendor/leaflet/", decorateReply: false, maxAge: "1d" });

  // authenticate → locale, once per request (the tenant is resolved by each route's pipeline).
  app.addHook("onRequest", async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    req.sessionToken = token;
    req.actor = token ? await loadActor(app.db, token) : null;
    const q = (req.query as Record<string, unknown> | undefined)?.lang;
    req.locale = negotiateLocale(q, req.cookies.lang, req.headers["accept-language"]);
    if (q === "sv" || q === "en") reply.setCookie("lang", q, { path: "/", sameSite: "lax", maxAge: 365 * 86400 });
    req.t = translator(req.locale);
  });

  // Caching, decided once for every route with a pipeline (static files keep their own):
  // - what a signed-in person is shown is theirs: never stored by a browser or a proxy, whatever
  //   the handler said;
  // - an answer that sets a cookie (language choice, CSRF secret, flash) is the visitor's own;
  // - an anonymous visitor's successful GET of a public route, without a form or a cookie, is the
  //   same for everyone: a proxy may keep it a minute (it varies by language and by session).
  // Pages with a CSRF token or a flash message mark themselves no-store (platform/http/page.ts).
  app.addHook("onSend", async (req, reply) => {
    const declared = declaredPipeline(req.routeOptions?.config);
    if (!declared) return;
    if (req.actor) {
      reply.header("cache-control", "private, no-store");
      return;
    }
    if (reply.hasHeader("set-cookie")) {
      reply.header("cache-control", "no-store");
      return;
    }
    if (reply.hasHeader("cache-control")) return;
    if ((req.method === "GET" || req.method === "HEAD") && reply.statusCode === 200 && declared.access === "public") {
      reply.header("cache-control", `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`).header("vary", "Accept-Language, Cookie");
    }
  });

  // The audit log (platform/audit.ts): a signed-in person's successful state-changing request, and
  // every successful answer of a route declared as a sensitive read or an export. Written before
  // the answer leaves, so an acknowledged change has its record.
  app.addHook("onSend", async (req, reply, payload) => {
    const declared = declaredPipeline(req.routeOptions.config);
    if (!declared || !pipelinePassed(req) || reply.statusCode >= 400) return payload;
    const write = req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS";
    const action = write
      ? req.actor && declared.audit !== "self"
        ? "write"
        : null
      : req.method === "GET" && (declared.audit === "read" || declared.audit === "export")
        ? declared.audit
        : null;
    if (!action) return payload;
    const params = { ...((req.params ?? {}) as Record<string, string>) };
    delete params.tenant;
    const ids = Object.values(params);
    try {
      await auditRequest(req, {
        action,
        entity: req.routeOptions.url ?? req.url,
        entityId: ids.length ? ids[ids.length - 1] : null,
        data: { method: req.method, status: reply.statusCode, params },
      });
    } catch (err) {
      req.log.error({ err }, "kunde inte skriva till granskningsloggen");
    }
    return payload;
  });

  app.decorate("renderErrorPage", (req: FastifyRequest, reply: FastifyReply, status: number, message?: string) => {
    const ctx = buildPageContext(req, reply);
    const t = req.t;
    const key = `errors.page.${status}.title`;
    const title = t(key) === key ? t("errors.page.500.title") : t(key);
    const fallback = req.locale === "en" ? defaultErrorText(status).en : defaultErrorText(status).sv;
    return renderPage(ctx, {
      title,
      main: html`<h1>${title}</h1>
<p>${message ?? fallback}</p>
<p><a href="${req.tenant ? `/t/${req.tenant.slug}` : "/"}">${t("errors.page.backToStart")}</a></p>`,
    });
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; trygg_issues?: FieldIssue[] }, req, reply) => {
    if (err instanceof HttpError) return sendHttpError(req, reply, err);
    let status = err.statusCode ?? 500;
    if (err.trygg_issues) {
      const list = err.trygg_issues.map((i) => `${i.field}: ${i.message}`).join("; ");
      const listEn = err.trygg_issues.map((i) => `${i.field}: ${i.message_en}`).join("; ");
      return sendError(req, reply, 400, `Begäran innehåller fel – ${list}`, `The request has errors – ${listEn}`, {
        code: "validation",
        fields: err.trygg_issues,
      });
    }
    if (err.code === "FST_CSRF_INVALID_TOKEN" || err.code === "FST_CSRF_MISSING_SECRET") {
      return sendError(req, reply, 403, req.t("errors.csrf"), translator("en")("errors.csrf"), { code: "csrf" });
    }
    if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") status = 415;
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE" || err.code === "FST_REQ_FILE_TOO_LARGE" || err.code === "FST_FILES_LIMIT" || err.code === "FST_PARTS_LIMIT")
      status = 413;
    if (err.code === "FST_ERR_CTP_INVALID_JSON_BODY" || err.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      return sendError(req, reply, 400, "Ogiltig JSON i begäran.", "Invalid JSON in the request.", { code: "invalid_json" });
    }
    // A body that ends before its closing boundary, is malformed, or whose sender gave up half-way:
    // the client's side, answered 400 (nobody may be listening any more) and never logged as ours.
    if (isBrokenBody(err, req.raw)) {
      req.log.info({ code: err.code, reason: err.message }, "formuläret kom inte fram helt");
      return sendError(req, reply, 400, "Formuläret kom inte fram helt. Skicka det igen.", "The form did not arrive complete. Please send it again.", {
        code: "incomplete_body",
      });
    }
    if (status === 429) {
      // A route may say in its own words why it refused (a resident's report, a +1 …).
      const key = declaredPipeline(req.routeOptions?.config)?.rateLimitMessage;
      return key ? sendError(req, reply, 429, translator("sv")(key), translator("en")(key), { code: "rate_limited" }) : sendError(req, reply, 429);
    }
    // The database is away (restart, failover, crash): a moment's wait helps; not our bug.
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err: { message: err.message, code: err.code } }, "databasen går inte att nå");
      reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
      return sendError(req, reply, 503, req.t("errors.databaseUnavailable"), translator("en")("errors.databaseUnavailable"), {
        code: "database_unavailable",
      });
    }
    if (status >= 500 || status < 400) {
      req.log.error({ err }, "unexpected error");
      return sendError(req, reply, 500);
    }
    return sendError(req, reply, status);
  });

  app.setNotFoundHandler((req, reply) => sendError(req, reply, 404));

  // Health: liveness and readiness (checks the database).
  const Health = z.object({ status: z.enum(["ok", "unavailable"]), database: z.string().optional() });
  const open = pipeline({ tenant: "none", access: "public", present: "json" });
  // Health answers are about this moment: never from a cache.
  app.get("/healthz", { schema: { tags: ["drift"], summary: "Liveness", response: { 200: Health } }, ...open.options }, async (_req, reply) => {
    reply.header("cache-control", "no-store");
    return { status: "ok" as const };
  });
  app.get(
    "/readyz",
    { schema: { tags: ["drift"], summary: "Readiness: checks the database", response: { 200: Health, 503: Health } }, ...open.options },
    async (_req, reply) => {
      reply.header("cache-control", "no-store");
      try {
        await sql`select 1`.execute(app.db);
        return { status: "ok" as const, database: deps.database.kind };
      } catch {
        return reply.code(503).send({ status: "unavailable" as const, database: deps.database.kind });
      }
    },
  );
  app.get("/api/openapi.json", { schema: { hide: true }, ...open.options }, async () => app.swagger());
  registerApiDocs(app);

  for (const mod of modules) await mod.routes(app, deps);
  app.addHook("onClose", async () => {
    for (const mod of modules) await mod.onClose?.();
  });
  return app;
}

/** Trust the nearest `hops` proxies (proxy-addr calls this with each address from the nearest). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/**
 * Errors that mean the request body did not arrive whole or well-formed. @fastify/multipart gives
 * codes (FST_*); @fastify/busboy (its Dicer) only messages: "Multipart: Boundary not found",
 * "Unexpected end of multipart data", "Part terminated early due to unexpected end of multipart
 * data". A client that closes the connection half-way makes Node destroy the request with an
 * "aborted" (ECONNRESET) error — recognised as the request's own error, never by code alone (a
 * database connection reset is our failure).
 */
export function isBrokenBody(err: Error & { code?: string }, raw: { errored?: Error | null }): boolean {
  if (err.code && BROKEN_BODY_CODES.has(err.code)) return true;
  if (raw.errored && raw.errored === err) return true;
  return /^Multipart: Boundary not found$|^Unexpected end of multipart data$|terminated early due to unexpected end of multipart data$/.test(err.message ?? "");
}

const BROKEN_BODY_CODES = new Set(["FST_INVALID_MULTIPART_CONTENT_TYPE", "FST_MP_PREMATURE_CLOSE", "FST_PROTO_VIOLATION", "FST_INVALID_JSON_FIELD_ERROR"]);
