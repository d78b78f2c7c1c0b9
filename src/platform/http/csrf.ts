// What a CSRF token is bound to: the session (its hash), or "anonym" before signing in. Used
// when a token is made (page.ts) and when one is checked (the pipeline, via app.ts's plugin
// options), so a token from one session — or from before signing in — fails in another.
import type { FastifyRequest } from "fastify";
import { hashToken } from "../auth/session.ts";

export function csrfUserInfo(req: FastifyRequest): string {
  return req.actor && req.sessionToken ? hashToken(req.sessionToken) : "anonym";
}
