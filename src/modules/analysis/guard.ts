// The first steps of every analysis route, as a route-level onRequest hook (before the body is
// read, so nobody without access gets a 32 MB JSON body parsed or a 10 MB upload read): resolve
// :runId within the tenant (another tenant's id answers 404 whoever asks), authenticate (401 for
// the API, the login page for pages), and authorize (no read access → 404). The page form's
// multipart body (the CSV and the fields, with the CSRF token) is read in preValidation, so the
// CSRF check sees its token like any other form's.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../platform/auth/actor.ts";
import { apiError, HttpError, notFound } from "../../platform/http/errors.ts";
import type { App } from "../../platform/http/types.ts";
import { canReadAnalyses } from "./policy.ts";
import { findRun, type RunRow } from "./repo.ts";
import { MAX_UPLOAD_BYTES, type Upload } from "./service.ts";

export type Resolved = { run?: RunRow; upload?: Upload };

const resolved = new WeakMap<FastifyRequest, Resolved>();

export function resolvedOf(req: FastifyRequest): Resolved {
  let r = resolved.get(req);
  if (!r) {
    r = {};
    resolved.set(req, r);
  }
  return r;
}

function loginUrl(req: FastifyRequest): string {
  const q = new URLSearchParams();
  if (req.tenant) q.set("tenant", req.tenant.slug);
  if (req.method === "GET") q.set("next", req.url);
  return `/logga-in?${q.toString()}`;
}

/** onRequest hook: tenant → :runId → signed in → may read analyses. */
export function guard(app: App) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const tenant = req.tenant;
    if (!tenant) throw notFound();
    const params = (req.params ?? {}) as Record<string, string>;
    const r = resolvedOf(req);
    if (params.runId !== undefined) {
      r.run = await findRun(app.db, tenant.id, params.runId);
      if (!r.run) throw notFound();
    }
    if (!req.actor) {
      if (req.url.startsWith("/api/")) return reply.code(401).type("application/json").send(apiError(401));
      return reply.code(303).redirect(loginUrl(req));
    }
    if (!canReadAnalyses(req.actor, tenant.id)) throw notFound();
    return undefined;
  };
}

/** preValidation hook of the form post: read the multipart body (one CSV file and the fields). */
export async function readForm(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) return;
  const fields: Record<string, string | string[]> = {};
  const r = resolvedOf(req);
  // throwFileSizeLimit: false (read by @fastify/multipart, missing from its types) truncates an
  // oversized file instead of failing the request, so the form can say what is wrong.
  const options = { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 }, throwFileSizeLimit: false };
  for await (const part of req.parts(options as Parameters<FastifyRequest["parts"]>[0])) {
    if (part.type === "file") {
      const data = await part.toBuffer();
      if (part.filename && (data.length > 0 || part.file.truncated)) r.upload = { filename: part.filename, data, truncated: part.file.truncated };
    } else {
      const value = typeof part.value === "string" ? part.value : String(part.value ?? "");
      const prior = fields[part.fieldname];
      fields[part.fieldname] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
  }
  (req as { body: unknown }).body = fields;
}

/** The signed-in actor (guaranteed by the guard). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new HttpError(401);
  return req.actor;
}

/** First value of a form field. */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : "";
  return typeof v === "string" ? v : "";
}
