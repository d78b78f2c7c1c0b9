// Page helpers: build the PageContext for a request and send a rendered page.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { csrfUserInfo } from "./csrf.ts";
import { type PageOptions, renderPage } from "./layout.ts";
import type { PageContext } from "./page-context.ts";

/**
 * The page context of a request. The CSRF token is made when a page first uses it (a form): a
 * page with a token, or with a one-time flash message, is the visitor's own and never stored by a
 * cache (`no-store`); a public page without either may be (app.ts decides the Cache-Control).
 */
export function buildPageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
  const flash = req.cookies.flash ? (reply.unsignCookie(req.cookies.flash).value ?? null) : null;
  if (req.cookies.flash) {
    reply.clearCookie("flash", { path: "/" });
    reply.header("cache-control", "no-store");
  }
  let token: string | null = null;
  return {
    locale: req.locale,
    t: req.t,
    url: req.url,
    get csrfToken(): string {
      if (token === null) {
        token = reply.generateCsrf({ userInfo: csrfUserInfo(req) });
        reply.header("cache-control", "no-store");
      }
      return token;
    },
    actor: req.actor,
    tenant: req.tenant ? { id: req.tenant.id, slug: req.tenant.slug, name: req.tenant.name, kommunkod: req.tenant.kommunkod } : null,
    flash,
    navigation: req.server.ui.navigation,
  };
}

export function sendPage(req: FastifyRequest, reply: FastifyReply, build: (ctx: PageContext) => PageOptions, status = 200): FastifyReply {
  const ctx = buildPageContext(req, reply);
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .send(renderPage(ctx, build(ctx)));
}

export async function sendPageAsync(
  req: FastifyRequest,
  reply: FastifyReply,
  build: (ctx: PageContext) => Promise<PageOptions>,
  status = 200,
): Promise<FastifyReply> {
  const ctx = buildPageContext(req, reply);
  const opts = await build(ctx);
  return reply.code(status).type("text/html; charset=utf-8").send(renderPage(ctx, opts));
}

/** Redirect after a successful POST, with a one-time status message shown on the next page. */
export function redirectWithFlash(reply: FastifyReply, url: string, message: string): FastifyReply {
  reply.setCookie("flash", message, { path: "/", signed: true, httpOnly: true, sameSite: "lax", maxAge: 60 });
  return reply.code(303).redirect(url);
}

/** Response schema for HTML pages (documented in OpenAPI as text/html). */
export const HtmlPage = z.string().describe("HTML-sida (text/html)");
const Redirect = z.string().optional().describe("Omdirigering (Location-huvud)");
export const htmlResponses = { 200: HtmlPage, 303: Redirect, 400: HtmlPage, 403: HtmlPage, 404: HtmlPage, 409: HtmlPage };

/** Form bodies are parsed by the use case's schema inside the handler so the form can be re-rendered. */
export const FormBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
