// A real OpenID Connect provider for the test suite: panva's oidc-provider, in-process on
// 127.0.0.1 on a free port, with one confidential client (Trygg) and a tiny sign-in page of
// its own. Nothing leaves the machine. Used by the OIDC integration tests only.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type JWK } from "oidc-provider";

export type TestAccount = { sub: string; email: string | null; name?: string };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts the provider knows, by sub. Tests may add or change them at any time. */
  accounts: Map<string, TestAccount>;
  /**
   * Act as the person's browser at the provider: open the authorization URL, sign in as `sub`
   * (or cancel), give consent, and return the URL the provider redirects back to.
   */
  signIn(authorizationUrl: string, sub: string | { cancel: true }): Promise<URL>;
  close(): Promise<void>;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The provider's storage, in memory (its built-in one works too but warns on every start).
class MemoryAdapter {
  static store = new Map<string, Record<string, unknown>>();
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  private key(id: string) {
    return `${this.name}:${id}`;
  }
  async upsert(id: string, payload: Record<string, unknown>) {
    MemoryAdapter.store.set(this.key(id), payload);
  }
  async find(id: string) {
    return MemoryAdapter.store.get(this.key(id)) as never;
  }
  async findByUid(uid: string) {
    for (const [k, v] of MemoryAdapter.store) if (k.startsWith(`${this.name}:`) && v.uid === uid) return v as never;
    return undefined;
  }
  async findByUserCode(code: string) {
    for (const [k, v] of MemoryAdapter.store) if (k.startsWith(`${this.name}:`) && v.userCode === code) return v as never;
    return undefined;
  }
  async consume(id: string) {
    const v = MemoryAdapter.store.get(this.key(id));
    if (v) v.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MemoryAdapter.store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [k, v] of MemoryAdapter.store) if (v.grantId === grantId) MemoryAdapter.store.delete(k);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startTestOidcProvider(opts: { redirectUri: string; clientId?: string; clientSecret?: string }): Promise<TestOidcProvider> {
  const clientId = opts.clientId ?? "trygg-test";
  const clientSecret = opts.clientSecret ?? "trygg-test-secret-0123456789abcdef";
  const accounts = new Map<string, TestAccount>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: "jwk" }) as JWK), kid: "test-key", use: "sig", alg: "RS256" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    adapter: MemoryAdapter,
    jwks: { keys: [jwk] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    cookies: { keys: ["test-provider-cookie-key-0123456789"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const a = accounts.get(id);
      if (!a) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: a.sub, ...(a.email ? { email: a.email, email_verified: true } : {}), ...(a.name ? { name: a.name } : {}) };
        },
      };
    },
    // A municipality's IdP grants its own first-party apps without a consent screen.
    async loadExistingGrant(ctx) {
      const existing = ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return provider.Grant.find(existing);
      const grant = new provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  // The provider's own sign-in page: choose an account (by sub) or cancel.
  async function interaction(req: IncomingMessage, res: ServerResponse, action: string | undefined) {
    if (action === "abort") {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "End-User aborted interaction" },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (req.method === "POST") {
      const login = (await readForm(req)).get("login") ?? "";
      if (accounts.has(login)) {
        await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
        return;
      }
    }
    const details = await provider.interactionDetails(req, res);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Test IdP</title><form method="post" action="/interaction/${escapeHtml(details.uid)}">
<label>Konto <input name="login"></label><button>Logga in</button></form><a href="/interaction/${escapeHtml(details.uid)}/abort">Avbryt</a>`);
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/interaction\/([^/?]+)(?:\/([a-z]+))?/.exec(req.url ?? "");
    if (m?.[1]) {
      interaction(req, res, m[2]).catch((err: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      });
      return;
    }
    handle(req, res);
  });

  async function signIn(authorizationUrl: string, who: string | { cancel: true }): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const remember = (r: Response) => {
      for (const c of r.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const eq = pair!.indexOf("=");
        const name = pair!.slice(0, eq);
        const value = pair!.slice(eq + 1);
        if (/expires=Thu, 01 Jan 1970/i.test(c) || value === "") jar.delete(name);
        else jar.set(name, value);
      }
    };
    let url = new URL(authorizationUrl);
    let init: RequestInit = {};
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== issuer) return url; // back at the relying party
      const r = await fetch(url, { redirect: "manual", ...init, headers: { ...(init.headers ?? {}), cookie: cookieHeader() } });
      remember(r);
      init = {};
      const location = r.headers.get("location");
      if (location) {
        url = new URL(location, url);
        continue;
      }
      if (r.status !== 200) throw new Error(`test IdP answered ${r.status}: ${await r.text()}`);
      await r.text();
      const m = /^\/interaction\/([^/?]+)$/.exec(url.pathname);
      if (!m) throw new Error(`unexpected page at the test IdP: ${url.href}`);
      if (typeof who === "object") {
        url = new URL(`/interaction/${m[1]}/abort`, issuer);
      } else {
        init = { method: "POST", body: new URLSearchParams({ login: who }), headers: { "content-type": "application/x-www-form-urlencoded" } };
      }
    }
    throw new Error("too many redirects at the test IdP");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signIn,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
