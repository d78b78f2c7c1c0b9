// Sign-in through the municipality's identity provider (OpenID Connect), when OIDC_ISSUER,
// OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set: GET /auth/oidc/start redirects to the provider,
// GET /auth/oidc/callback validates the answer and signs the person in to their existing account.
// Between the two, state, nonce and the PKCE verifier live in a short-lived signed httpOnly cookie.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Config } from "../../../config/index.ts";
import { AUDIT_ACTIONS, auditRequest } from "../../../platform/audit.ts";
import { destroySession, loadActorForUser } from "../../../platform/auth/session.ts";
import { isSecureBaseUrl, setSessionCookie } from "../../../platform/auth/session-cookie.ts";
import { HtmlPage, htmlResponses, sendPage } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { allowInsecureIssuer, createOidcAdapter, type OidcAdapter, type OidcFlowState, OidcUnavailableError } from "../../../platform/oidc/oidc-client.ts";
import { destinationAfterLogin } from "../destinations.ts";
import { startSession } from "../login.ts";
import { safeNextPath } from "../next-path.ts";
import { signInWithOidc } from "../oidc-sign-in.ts";
import { oidcProblemPage } from "../pages/login.ts";

const FLOW_COOKIE = "trygg_oidc";
const FLOW_PATH = "/auth/oidc";
const FLOW_MINUTES = 10;
export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";

export function oidcConfigured(config: Config): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET);
}

const StartQuery = z.object({ next: z.string().optional(), tenant: z.string().optional() });
const CallbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
const Flow = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), next: z.string().nullable(), tenant: z.string().nullable() });

function readFlow(req: FastifyRequest): (OidcFlowState & { next: string | null; tenant: string | null }) | null {
  const raw = req.cookies[FLOW_COOKIE];
  if (!raw) return null;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const r = Flow.safeParse(JSON.parse(unsigned.value));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export async function registerOidcRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const adapter: OidcAdapter | null = oidcConfigured(config)
    ? createOidcAdapter({
        issuer: config.OIDC_ISSUER!,
        clientId: config.OIDC_CLIENT_ID!,
        clientSecret: config.OIDC_CLIENT_SECRET!,
        redirectUri: `${config.baseUrl}${OIDC_CALLBACK_PATH}`,
        allowInsecureRequests: allowInsecureIssuer(config.OIDC_ISSUER!, config.NODE_ENV),
      })
    : null;
  const cookieOptions = { path: FLOW_PATH, httpOnly: true, sameSite: "lax" as const, secure: isSecureBaseUrl(config) };
  const responses = { ...htmlResponses, 302: htmlResponses[303], 401: HtmlPage, 503: HtmlPage };
  const page = pipeline({ tenant: "none", access: "public", present: "page" });

  const problem = (req: FastifyRequest, reply: FastifyReply, status: number, key: string, params?: Record<string, string>) =>
    sendPage(req, reply, (ctx) => oidcProblemPage(ctx, ctx.t(key, params)), status);

  app.get(
    "/auth/oidc/start",
    {
      schema: {
        tags: ["konto"],
        summary: "Logga in via kommunens inloggning (OpenID Connect): till identitetsleverantören",
        querystring: StartQuery,
        response: responses,
      },
      ...page.options,
    },
    async (req, reply) => {
      if (!adapter) return reply.callNotFound();
      let begun: Awaited<ReturnType<OidcAdapter["begin"]>>;
      try {
        begun = await adapter.begin();
      } catch (err) {
        if (!(err instanceof OidcUnavailableError)) throw err;
        req.log.warn({ err }, "OIDC-leverantören svarar inte");
        return problem(req, reply, 503, "users.oidc.error.unavailable");
      }
      const tenant = typeof req.query.tenant === "string" && /^[a-z0-9][a-z0-9-]{1,62}$/.test(req.query.tenant) ? req.query.tenant : null;
      const flow = { ...begun.flow, next: safeNextPath(req.query.next), tenant };
      reply.setCookie(FLOW_COOKIE, JSON.stringify(flow), { ...cookieOptions, signed: true, maxAge: FLOW_MINUTES * 60 });
      return reply.code(302).redirect(begun.url);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    {
      schema: { tags: ["konto"], summary: "Svar från kommunens inloggning (OpenID Connect)", querystring: CallbackQuery, response: responses },
      ...page.options,
    },
    async (req, reply) => {
      if (!adapter) return reply.callNotFound();
      const flow = readFlow(req);
      reply.clearCookie(FLOW_COOKIE, cookieOptions);
      if (!flow) return problem(req, reply, 400, "users.oidc.error.expired");
      const search = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
      let outcome: Awaited<ReturnType<OidcAdapter["complete"]>>;
      try {
        outcome = await adapter.complete(new URL(`${config.baseUrl}${OIDC_CALLBACK_PATH}${search}`), flow);
      } catch (err) {
        if (!(err instanceof OidcUnavailableError)) throw err;
        req.log.warn({ err }, "OIDC-leverantören svarar inte");
        return problem(req, reply, 503, "users.oidc.error.unavailable");
      }
      if (outcome.kind === "providerError") return problem(req, reply, 401, "users.oidc.error.cancelled");
      if (outcome.kind === "invalid") {
        req.log.warn({ reason: outcome.reason }, "OIDC-svaret kunde inte verifieras");
        return problem(req, reply, 400, "users.oidc.error.invalid");
      }
      const signIn = await signInWithOidc(app.db, outcome.claims);
      switch (signIn.kind) {
        case "noEmail":
          return problem(req, reply, 403, "users.oidc.error.noEmail");
        case "emailNotVerified":
          return problem(req, reply, 403, "users.oidc.error.emailNotVerified", { email: signIn.email });
        case "noAccount":
          return problem(req, reply, 403, "users.oidc.error.noAccount", { email: signIn.email });
        case "disabled":
          return problem(req, reply, 403, "users.oidc.error.disabled");
        case "ok": {
          await auditRequest(req, {
            tenantId: null,
            actorId: signIn.userId,
            action: AUDIT_ACTIONS.signIn,
            entity: "user",
            entityId: signIn.userId,
            data: { method: "oidc" },
          });
          if (req.sessionToken) await destroySession(app.db, req.sessionToken);
          const session = await startSession(app.db, signIn.userId, {
            hours: config.SESSION_HOURS,
            ip: req.ip,
            userAgent: req.headers["user-agent"],
            method: "oidc",
          });
          setSessionCookie(reply, config, session.token, session.expiresAt);
          const actor = await loadActorForUser(app.db, signIn.userId);
          const to = actor ? await destinationAfterLogin(app.db, actor, { next: flow.next, tenantSlug: flow.tenant }) : "/";
          return reply.code(303).redirect(to);
        }
      }
    },
  );
}
