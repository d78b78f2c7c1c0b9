// Sign a test user in without the login form: a real session row and its cookie.
import type { Kysely } from "kysely";
import { createSession, SESSION_COOKIE } from "../auth/session.ts";
import type { DB } from "../db/schema.ts";

export async function sessionCookie(db: Kysely<DB>, userId: string): Promise<Record<string, string>> {
  const { token } = await createSession(db, userId, { hours: 1 });
  return { [SESSION_COOKIE]: token };
}

/** Fetch a page and return its CSRF token and the cookies needed to post a form from it. */
export async function csrfFor(
  app: {
    inject: (o: { method: "GET"; url: string; cookies?: Record<string, string> }) => Promise<{ body: string; cookies: Array<{ name: string; value: string }> }>;
  },
  url: string,
  cookies: Record<string, string> = {},
): Promise<{ token: string; cookies: Record<string, string> }> {
  const res = await app.inject({ method: "GET", url, cookies });
  const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
  if (!m?.[1]) throw new Error(`ingen CSRF-token på ${url}`);
  const jar = { ...cookies };
  for (const c of res.cookies) jar[c.name] = c.value;
  return { token: m[1], cookies: jar };
}
