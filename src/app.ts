// buildApp(deps) → a ready-to-listen Fastify instance; used by main.ts and by every test.
// The pipeline on every route: authenticate (session → actor) → locale → tenant (/t/:tenant)
// → validate (zod) → authorize (module policy) → use case → present.
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { loadActor, SESSION_COOKIE } from "./platform/auth/session.ts";
import { registerApiDocs } from "./platform/http/api-docs.ts";
import { apiError, defaultErrorText, HttpError, isApiRequest, sendError } from "./platform/http/errors.ts";
import { html } from "./platform/http/html.ts";
import { renderPage } from "./platform/http/layout.ts";
import { buildPageContext } from "./platform/http/page.ts";
import type { App, AppDeps } from "./platform/http/types.ts";
import { bilingualValidatorCompiler, type FieldIssue } from "./platform/http/validation.ts";
import { negotiateLocale, translator } from "./platform/i18n/i18n.ts";
import { findTenantBySlug } from "./platform/tenancy/resolve.ts";
import { modules } from "./modules/index.ts";

const WEB_DIR = fileURLToPath(new URL("../web/", import.meta.url));
const LEAFLET_DIR = fileURLToPath(new URL("../node_modules/leaflet/dist/", import.meta.url));

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: config.LOG_LEVEL === "silent" ? false : { level: config.LOG_LEVEL, redact: ["req.headers.cookie", "req.headers.authorization", "body.password"] },
    bodyLimit: 1024 * 1024,
    trustProxy: config.NODE_ENV === "production",
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(bilingualValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("deps", deps);
  app.decorate("db", deps.database.db);
  app.decorateRequest("actor", null);
  app.decorateRequest("locale", "sv");
  app.decorateRequest("t", translator("sv"));
  app.decorateRequest("tenant", null);
  app.decorateRequest("sessionToken", undefined);

  const tileOrigin = config.MAP_TILE_URL ? new URL(config.MAP_TILE_URL.replace(/\{[a-z]\}/g, "a")).origin : null;
  await app.register(helmet, {
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
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 50 } });
  await app.register(csrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: "lax", path: "/", secure: config.baseUrl.startsWith("https:") },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers["x-csrf-token"] as string | undefined),
  });
  await app.register(rateLimit, { global: false });

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
  });

  await app.register(fastifyStatic, { root: WEB_DIR, prefix: "/static/", maxAge: "1h" });
  await app.register(fastifyStatic, { root: LEAFLET_DIR, prefix: "/static/vendor/leaflet/", decorateReply: false, maxAge: "1d" });

  // authenticate → locale → tenant, once per request.
  app.addHook("onRequest", async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    req.sessionToken = token;
    req.actor = token ? await loadActor(app.db, token) : null;
    const q = (req.query as Record<string, unknown> | undefined)?.lang;
    req.locale = negotiateLocale(q, req.cookies.lang, req.headers["accept-language"]);
    if (q === "sv" || q === "en") reply.setCookie("lang", q, { path: "/", sameSite: "lax", maxAge: 365 * 86400 });
    req.t = translator(req.locale);
    const slug = (req.params as Record<string, string> | undefined)?.tenant;
    if (slug !== undefined) {
      req.tenant = await findTenantBySlug(app.db, slug);
      if (!req.tenant) {
        const msg = req.t("errors.unknownTenant", { slug });
        return sendError(req, reply, 404, msg, translator("en")("errors.unknownTenant", { slug }));
      }
    }
  });

  // CSRF on every state-changing request from a browser form. JSON API requests are protected by
  // the SameSite=Lax session cookie and the JSON content type (no cross-site form can send it).
  app.addHook("preHandler", async (req, reply) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("application/json")) return;
    if (req.url.startsWith("/open311/") || req.url.startsWith("/api/")) {
      if (!req.actor) return; // anonymous API writes carry no ambient authority
    }
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
    });
  });

  app.decorate("renderErrorPage", (req: FastifyRequest, reply: FastifyReply, status: number, message?: string) => {
    const ctx = buildPageContext(req, reply);
    const t = req.t;
    const title = t(`errors.page.${status}.title`);
    return renderPage(ctx, {
      title: title === `errors.page.${status}.title` ? t("errors.page.500.title") : title,
      main: html`<h1>${title === `errors.page.${status}.title` ? t("errors.page.500.title") : title}</h1>
<p>${message ?? (req.locale === "en" ? defaultErrorText(status).en : defaultErrorText(status).sv)}</p>
<p><a href="${req.tenant ? `/t/${req.tenant.slug}` : "/"}">${t("errors.page.backToStart")}</a></p>`,
    });
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; trygg_issues?: FieldIssue[]; messageEn?: string }, req, reply) => {
    let status = err.statusCode ?? 500;
    if (err.code === "FST_CSRF_INVALID_TOKEN" || err.code === "FST_CSRF_MISSING_SECRET") status = 403;
    if (status >= 500) req.log.error({ err }, "unexpected error");
    if (err.trygg_issues) {
      const body = apiError(400, "Begäran innehåller fel – se fälten.", "The request has errors – see the fields.", "validation", err.trygg_issues);
      if (isApiRequest(req)) return reply.code(400).type("application/json").send(body);
      const list = err.trygg_issues.map((i) => `${i.field}: ${req.locale === "en" ? i.message_en : i.message}`).join("; ");
      return sendError(req, reply, 400, list);
    }
    if (err instanceof HttpError) return sendError(req, reply, status, err.message, err.messageEn);
    if (status === 403 && err.code?.startsWith("FST_CSRF")) {
      return sendError(req, reply, 403, req.t("errors.csrf"), translator("en")("errors.csrf"));
    }
    if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") status = 415;
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE" || err.code === "FST_REQ_FILE_TOO_LARGE") status = 413;
    if (err.code === "FST_ERR_CTP_INVALID_JSON_BODY" || err.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      return sendError(req, reply, 400, "Ogiltig JSON i begäran.", "Invalid JSON in the request.");
    }
    if (status === 429) return sendError(req, reply, 429);
    return sendError(req, reply, status >= 400 && status < 600 ? status : 500);
  });

  app.setNotFoundHandler((req, reply) => sendError(req, reply, 404));

  // Health: liveness and readiness (checks the database).
  const Health = z.object({ status: z.enum(["ok", "unavailable"]), database: z.string().optional() });
  app.get("/healthz", { schema: { tags: ["drift"], summary: "Liveness", response: { 200: Health } } }, async () => ({ status: "ok" as const }));
  app.get(
    "/readyz",
    { schema: { tags: ["drift"], summary: "Readiness: checks the database", response: { 200: Health, 503: Health } } },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(app.db);
        return { status: "ok" as const, database: deps.database.kind };
      } catch {
        return reply.code(503).send({ status: "unavailable" as const, database: deps.database.kind });
      }
    },
  );
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  registerApiDocs(app);

  for (const mod of modules) await mod.register(app, deps);
  return app;
}
