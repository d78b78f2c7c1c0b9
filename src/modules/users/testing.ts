// Test helpers for sign-in flows: post a form like a browser (with the page's CSRF token and
// cookies), sign in through the real login form, and read links from the mail outbox.
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import type { ModuleTesting } from "../../platform/module.ts";
import { csrfFor } from "../../platform/testing/auth.ts";
import { settlePasswordMail } from "./routes/password.ts";

type Injectable = {
  inject(o: {
    method: "GET" | "POST";
    url: string;
    cookies?: Record<string, string>;
    payload?: string;
    headers?: Record<string, string>;
    remoteAddress?: string;
  }): Promise<{
    statusCode: number;
    body: string;
    headers: Record<string, unknown>;
    cookies: Array<{ name: string; value: string; [k: string]: unknown }>;
  }>;
};

export type FormResult = Awaited<ReturnType<Injectable["inject"]>> & { jar: Record<string, string> };

/** GET `pageUrl` for its CSRF token, then POST `fields` to `action` with the page's cookies. */
export async function submitForm(
  app: Injectable,
  pageUrl: string,
  action: string,
  fields: Record<string, string>,
  opts: { cookies?: Record<string, string>; remoteAddress?: string } = {},
): Promise<FormResult> {
  const { token, cookies } = await csrfFor(app as never, pageUrl, opts.cookies ?? {});
  const res = await app.inject({
    method: "POST",
    url: action,
    cookies,
    payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
  });
  const jar = { ...cookies };
  for (const c of res.cookies) {
    if (c.value === "" || (c.expires instanceof Date && c.expires.getTime() <= Date.now())) delete jar[c.name];
    else jar[c.name] = c.value;
  }
  return { ...res, jar };
}

/** Sign in through the login form. */
export function signInWithForm(app: Injectable, email: string, password: string, opts: { next?: string; tenant?: string; remoteAddress?: string } = {}) {
  const fields: Record<string, string> = { email, password };
  if (opts.next) fields.next = opts.next;
  if (opts.tenant) fields.tenant = opts.tenant;
  return submitForm(app, "/logga-in", "/logga-in", fields, { remoteAddress: opts.remoteAddress });
}

/** The newest mail to an address, and the password link in it (if any) as a path. */
export async function latestMailTo(db: Kysely<DB>, to: string) {
  await settlePasswordMail(); // links are mailed after the answer (routes/password.ts)
  const mail = await db
    .selectFrom("outbox")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["to_address"]), "=", to.toLowerCase()))
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  const link = mail ? /https?:\/\/\S+\/aterstall-losenord\?token=[A-Za-z0-9_%-]+/.exec(mail.body_text)?.[0] : undefined;
  const path = link ? new URL(link).pathname + new URL(link).search : undefined;
  const token = link ? (new URL(link).searchParams.get("token") ?? undefined) : undefined;
  return { mail, link, path, token };
}

/** The users module's pages for the accessibility sweep; the pages behind a one-time link are visited with axe in test/e2e/accounts.e2e.test.ts. */
export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "inloggningen", path: "/logga-in?tenant=osby", viewers: ["public"] },
  { name: "glömt lösenord", path: "/glomt-losenord", viewers: ["public"] },
  { name: "en ogiltig återställningslänk", path: "/aterstall-losenord?token=ogiltig", viewers: ["public"], status: 400 },
  { name: "välj kommun", path: "/valj-kommun", viewers: ["samordnare"] },
  { name: "personer och roller", path: "/t/osby/admin/anvandare", viewers: ["admin"] },
];

export const sweepExemptions: NonNullable<ModuleTesting["sweepExemptions"]> = {
  "GET /auth/oidc/start": "omdirigerar till kommunens identitetsleverantör (ingen egen sida); felsidorna testas i oidc.int.test.ts",
  "GET /auth/oidc/callback": "tar emot svaret från identitetsleverantören; felsidorna testas i oidc.int.test.ts",
};
