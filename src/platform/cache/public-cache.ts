// The public-answer cache (decision 0015): public pages, their PDFs and open data are rendered
// once per change and then served from memory, for every module that declares a route with
// `publicCache: true` in its pipeline (platform/http/pipeline.ts).
//
// Key: tenant, the tenant's public version (read before anything is rendered, see versions.ts),
// today's date in Stockholm (progress "as of today", which promise is current), the locale and
// the path. A change anywhere in the tenant's public data bumps the version, so the next request
// misses and renders anew; old entries simply age out of the LRU, which is bounded in bytes.
// Only anonymous GET/HEAD requests are cached (a signed-in person's page has their name in the
// header; their answers stay `private, no-store`). Answers carry a strong ETag and
// `Cache-Control: no-cache`, so browsers revalidate and get 304 Not Modified while nothing changed.
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type PageOptions, renderPage } from "../http/layout.ts";
import { buildPageContext } from "../http/page.ts";
import type { PageContext } from "../http/page-context.ts";
import { ByteLru } from "./lru.ts";
import type { PublicVersions } from "./versions.ts";

/** A stored answer: body bytes and the headers that describe them. */
export type StoredAnswer = { type: string; body: Buffer; etag: string; headers: Readonly<Record<string, string>>; bytes: number };

/** What a handler sends: a content type, the body, extra headers (Content-Disposition). */
export type Answer = { type: string; body: string | Buffer; headers?: Record<string, string> };

export type PublicCacheStats = { hits: number; notModified: number; misses: number; stored: number; entries: number; bytes: number };

const stockholmDay = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });
const VARY = "accept-language, cookie";

/** Today's date in Stockholm (YYYY-MM-DD). */
export function stockholmDate(now: Date = new Date()): string {
  return stockholmDay.format(now);
}

let todayCache = { second: Number.NaN, date: "" };
/** Today's date in Stockholm, formatted at most once a second (it is part of every cache key). */
function stockholmToday(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== todayCache.second) todayCache = { second, date: stockholmDate(new Date(second * 1000)) };
  return todayCache.date;
}

function etagOf(body: Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** True when an If-None-Match header names this ETag (or is `*`); weak comparison, as RFC 9110 asks for. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === bare);
}

export class PublicCache {
  private readonly lru: ByteLru<StoredAnswer>;
  private readonly versions: PublicVersions;
  private readonly today: () => string;
  /** The key of a request that may be cached, set by `serveStored` before the route's data is read. */
  private readonly keys = new WeakMap<FastifyRequest, string>();
  private readonly counts = { hits: 0, notModified: 0, misses: 0, stored: 0 };

  constructor(opts: { maxBytes: number; versions: PublicVersions; today?: () => string }) {
    this.lru = new ByteLru(opts.maxBytes);
    this.versions = opts.versions;
    this.today = opts.today ?? stockholmToday;
  }

  /** Anonymous GET/HEAD without a one-time message: the answer does not depend on who asks. */
  static cacheable(req: FastifyRequest): boolean {
    return (req.method === "GET" || req.method === "HEAD") && !req.actor && !req.cookies.flash;
  }

  /**
   * Called by the pipeline first thing on a cached route: reads the tenant's public version,
   * answers from the cache (200 or 304) and returns true, or remembers the key and returns false
   * so the route renders (and `send` stores) the answer. An unknown tenant returns false: the
   * pipeline then answers 404 as usual.
   */
  async serveStored(req: FastifyRequest, reply: FastifyReply, slug: string | null): Promise<boolean> {
    if (!slug || !PublicCache.cacheable(req)) return false;
    const v = await this.versions.bySlug(slug);
    if (!v) return false;
    const [path = req.url, query = ""] = req.url.split("?");
    // The answer may depend on the query (?format=excel): it is part of the key, sorted, without
    // `lang` (the locale is keyed already). A long query is not worth storing.
    if (query.length > 200) return false;
    const params = [...new URLSearchParams(query)].filter(([k]) => k !== "lang").sort(([a], [b]) => a.localeCompare(b));
    const search = params.length ? `?${new URLSearchParams(params).toString()}` : "";
    const key = `${v.tenantId}\u0000${v.version}\u0000${this.today()}\u0000${req.locale}\u0000${path}${search}`;
    const stored = this.lru.get(key);
    if (!stored) {
      this.counts.misses++;
      this.keys.set(req, key);
      return false;
    }
    this.counts.hits++;
    this.reply(req, reply, stored);
    return true;
  }

  /** Whether this request's answer will be stored (the pipeline found it cacheable and missed). */
  isStoring(req: FastifyRequest): boolean {
    return this.keys.has(req);
  }

  /** Send an answer; store it first when the request may be cached. */
  send(req: FastifyRequest, reply: FastifyReply, answer: Answer): FastifyReply {
    const body = typeof answer.body === "string" ? Buffer.from(answer.body, "utf8") : answer.body;
    const key = this.keys.get(req);
    if (key === undefined) {
      reply.type(answer.type).header("cache-control", "no-store");
      for (const [k, v] of Object.entries(answer.headers ?? {})) reply.header(k, v);
      return reply.send(body);
    }
    const stored: StoredAnswer = { type: answer.type, body, etag: etagOf(body), headers: { ...answer.headers }, bytes: body.length + key.length + 200 };
    this.lru.set(key, stored);
    this.counts.stored++;
    return this.reply(req, reply, stored);
  }

  /**
   * Send a server-rendered page. A cacheable request is rendered with a context that holds
   * nothing of the request but its path and locale (no CSRF token, no one-time message, nobody
   * signed in), so the stored page is right for every anonymous visitor.
   */
  async sendPage(req: FastifyRequest, reply: FastifyReply, build: (ctx: PageContext) => PageOptions | Promise<PageOptions>): Promise<FastifyReply> {
    if (!this.isStoring(req)) {
      const ctx = buildPageContext(req, reply);
      const html = renderPage(ctx, await build(ctx));
      return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(html);
    }
    const ctx = anonymousPageContext(req);
    return this.send(req, reply, { type: "text/html; charset=utf-8", body: renderPage(ctx, await build(ctx)) });
  }

  stats(): PublicCacheStats {
    return { ...this.counts, entries: this.lru.size, bytes: this.lru.bytes };
  }

  private reply(req: FastifyRequest, reply: FastifyReply, stored: StoredAnswer): FastifyReply {
    reply.header("etag", stored.etag).header("cache-control", "no-cache").header("vary", VARY);
    if (matchesEtag(req.headers["if-none-match"], stored.etag)) {
      this.counts.notModified++;
      return reply.code(304).send();
    }
    reply.type(stored.type);
    for (const [k, v] of Object.entries(stored.headers)) reply.header(k, v);
    return reply.send(stored.body);
  }
}

/** The page context of an anonymous visitor: the request's locale and path only. */
function anonymousPageContext(req: FastifyRequest): PageContext {
  const tenant = req.tenant;
  return {
    locale: req.locale,
    t: req.t,
    url: req.url.split("?")[0] ?? req.url,
    csrfToken: "",
    actor: null,
    tenant: tenant ? { id: tenant.id, slug: tenant.slug, name: tenant.name, kommunkod: tenant.kommunkod } : null,
    flash: null,
    navigation: req.server.ui.navigation,
  };
}
