// The session cookie: httpOnly, SameSite=Lax, Secure when the public base URL is https, and
// expiring with the session row (SESSION_HOURS). It holds the random token; the database holds
// only its hash (see session.ts).
import type { FastifyReply } from "fastify";
import type { Config } from "../../config/index.ts";
import { SESSION_COOKIE } from "./session.ts";

export function isSecureBaseUrl(config: Pick<Config, "baseUrl">): boolean {
  return config.baseUrl.startsWith("https:");
}

export function setSessionCookie(reply: FastifyReply, config: Pick<Config, "baseUrl">, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureBaseUrl(config),
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, "baseUrl">): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure: isSecureBaseUrl(config) });
}
