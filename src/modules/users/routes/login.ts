// Sign in (GET/POST /logga-in), sign out (POST /logga-ut) and the tenant chooser (/valj-kommun).
import { destroySession, loadActorForUser } from "../../../platform/auth/session.ts";
import { clearSessionCookie, setSessionCookie } from "../../../platform/auth/session-cookie.ts";
import { FormBody, HtmlPage, htmlResponses, redirectWithFlash, sendPage, sendPageAsync } from "../../../platform/http/page.ts";
import { clientKey } from "../../../platform/http/client-address.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { findTenantBySlug } from "../../../platform/tenancy/resolve.ts";
import { destinationAfterLogin, TENANT_CHOOSER_PATH, tenantsForActor } from "../destinations.ts";
import { loginWithPassword, startSession } from "../login.ts";
import { safeNextPath } from "../next-path.ts";
import { loginPage, tenantChooserPage } from "../pages/login.ts";
import { LoginBody, LoginQuery } from "../schema.ts";
import { field, parseForm } from "./form.ts";
import { oidcConfigured } from "./oidc.ts";

const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

function tenantSlugOf(v: unknown): string | null {
  return typeof v === "string" && TENANT_SLUG.test(v) ? v : null;
}

export async function registerLoginRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const oidc = oidcConfigured(config);
  const page = pipeline({ tenant: "none", access: "public", present: "page" });
  const signIn = pipeline({
    tenant: "none",
    access: "public",
    present: "page",
    rateLimit: { max: config.PUBLIC_WRITE_RATE_LIMIT, timeWindow: "1 minute" },
  });
  const signedIn = pipeline({ tenant: "none", access: "signedIn", present: "page" });

  app.get(
    "/logga-in",
    { schema: { tags: ["konto"], summary: "Inloggningssidan", querystring: LoginQuery, response: htmlResponses }, ...page.options },
    async (req, reply) => {
      const next = safeNextPath(req.query.next);
      const tenantSlug = tenantSlugOf(req.query.tenant);
      if (req.actor) return reply.code(303).redirect(await destinationAfterLogin(app.db, req.actor, { next, tenantSlug }));
      const tenant = tenantSlug ? await findTenantBySlug(app.db, tenantSlug) : null;
      return sendPage(req, reply, (ctx) => loginPage(ctx, { email: "", next, tenantSlug: tenant?.slug ?? null, tenantName: tenant?.name ?? null, oidc }));
    },
  );

  app.post(
    "/logga-in",
    {
      ...signIn.options,
      schema: {
        tags: ["konto"],
        summary: "Logga in med e-post och lösenord",
        description: `Låser kontot i ${config.LOGIN_LOCK_MINUTES} minuter efter ${config.LOGIN_MAX_FAILURES} misslyckade försök i rad (svaret är detsamma som för fel lösenord; ägaren får ett mejl). Efter ${config.LOGIN_MAX_FAILURES_PER_ADDRESS} misslyckade försök från en adress inom ${config.LOGIN_LOCK_MINUTES} minuter svarar inloggningen 429 för den adressen i ${config.LOGIN_LOCK_MINUTES} minuter. Högst ${config.PUBLIC_WRITE_RATE_LIMIT} försök per minut och IP-adress.`,
        body: FormBody,
        response: { ...htmlResponses, 401: HtmlPage, 429: HtmlPage },
      },
    },
    async (req, reply) => {
      const next = safeNextPath(field(req.body, "next"));
      const tenantSlug = tenantSlugOf(field(req.body, "tenant"));
      const tenant = tenantSlug ? await findTenantBySlug(app.db, tenantSlug) : null;
      const form = { email: field(req.body, "email"), next, tenantSlug: tenant?.slug ?? null, tenantName: tenant?.name ?? null, oidc };
      const parsed = parseForm(LoginBody, req.body, req);
      if (!parsed.ok) return sendPage(req, reply, (ctx) => loginPage(ctx, { ...form, errors: parsed.errors }), 400);

      const outcome = await loginWithPassword(
        app.db,
        { maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES, maxFailuresPerAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS },
        { email: parsed.value.email, password: parsed.value.password, client: clientKey(req.ip) },
        {
          mail: { mailer: app.deps.mailer, baseUrl: config.baseUrl },
          // After the answer, so the attempt that locks an account takes no longer than any other.
          defer: (task) => setImmediate(() => void task().catch((err) => req.log.error({ err }, "kunde inte skicka låsningsmejlet"))),
        },
      );
      switch (outcome.kind) {
        // A wrong password, an unknown address and a locked account: one answer (login.ts).
        case "invalid":
          return sendPage(req, reply, (ctx) => loginPage(ctx, { ...form, formError: ctx.t("users.login.error.invalid") }), 401);
        // About the client's address, the same whichever account it names.
        case "addressBlocked":
          return sendPage(
            req,
            reply,
            (ctx) => loginPage(ctx, { ...form, formError: ctx.t("users.login.error.addressBlocked", { count: outcome.minutes }) }),
            429,
          );
        case "ok": {
          // A fresh session on every sign-in (no session fixation); the old one, if any, ends.
          if (req.sessionToken) await destroySession(app.db, req.sessionToken);
          const session = await startSession(app.db, outcome.userId, {
            hours: config.SESSION_HOURS,
            ip: req.ip,
            userAgent: req.headers["user-agent"],
            method: "password",
          });
          setSessionCookie(reply, config, session.token, session.expiresAt);
          const actor = await loadActorForUser(app.db, outcome.userId);
          const to = actor ? await destinationAfterLogin(app.db, actor, { next, tenantSlug: tenant?.slug ?? null }) : "/";
          return reply.code(303).redirect(to);
        }
      }
    },
  );

  app.post(
    "/logga-ut",
    { schema: { tags: ["konto"], summary: "Logga ut (avslutar sessionen)", body: FormBody.optional(), response: htmlResponses }, ...page.options },
    async (req, reply) => {
      if (req.sessionToken) await destroySession(app.db, req.sessionToken);
      clearSessionCookie(reply, config);
      return redirectWithFlash(reply, "/", req.t("users.logout.done"));
    },
  );

  app.get(
    TENANT_CHOOSER_PATH,
    {
      schema: { tags: ["konto"], summary: "Välj kommun att arbeta i (för personer med roller i flera kommuner)", response: htmlResponses },
      ...signedIn.options,
    },
    async (req, reply) => {
      const { actor } = signedIn.of(req);
      return sendPageAsync(req, reply, async (ctx) => tenantChooserPage(ctx, await tenantsForActor(app.db, actor)));
    },
  );
}
