// The first steps of every promises route, run as a route-level preValidation hook (before body
// validation and before the CSRF check): resolve the ids in the URL within the tenant (another
// tenant's id answers 404 whoever asks, and nothing else is looked at), then authenticate staff
// routes (401 for the API, the login page for pages; signed in without a role here → 404).
// Multipart forms (activity attachments) are read here too, so that the CSRF field inside them
// is checked like any other form.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor.ts";
import { isStaff } from "../../../platform/auth/actor.ts";
import { apiError, HttpError, notFound } from "../../../platform/http/errors.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { type ActivityRow, findActivity, findAttachment } from "../repo/activities.ts";
import { type DocumentRow, findDocument } from "../repo/documents.ts";
import { findPromise, type PromiseRow } from "../repo/promises.ts";
import type { UploadedFile } from "../service/activities.ts";

export type Resolved = {
  doc?: DocumentRow;
  promise?: PromiseRow;
  activity?: ActivityRow;
  attachment?: NonNullable<Awaited<ReturnType<typeof findAttachment>>>;
  files: UploadedFile[];
};

const resolved = new WeakMap<FastifyRequest, Resolved>();

export function resolvedOf(req: FastifyRequest): Resolved {
  return resolved.get(req) ?? { files: [] };
}

export type Access = "public" | "staff";

async function resolveParams(app: App, req: FastifyRequest, tenant: TenantRow): Promise<Resolved> {
  const p = (req.params ?? {}) as Record<string, string>;
  const r: Resolved = { files: [] };
  if (p.documentId !== undefined) {
    r.doc = await findDocument(app.db, tenant.id, p.documentId);
    if (!r.doc) throw notFound();
  }
  if (p.promiseId !== undefined) {
    r.promise = await findPromise(app.db, tenant.id, p.promiseId);
    if (!r.promise || (r.doc && r.promise.document_id !== r.doc.id)) throw notFound();
  }
  if (p.activityId !== undefined) {
    r.activity = await findActivity(app.db, tenant.id, p.activityId);
    if (!r.activity) throw notFound();
  }
  if (p.attachmentId !== undefined) {
    r.attachment = await findAttachment(app.db, tenant.id, p.attachmentId);
    if (!r.attachment) throw notFound();
  }
  return r;
}

function loginUrl(req: FastifyRequest): string {
  const q = new URLSearchParams();
  if (req.tenant) q.set("tenant", req.tenant.slug);
  if (req.method === "GET") q.set("next", req.url);
  return `/logga-in?${q.toString()}`;
}

const MAX_FILE_BYTES = 10 * 1024 * 1024;

async function readMultipart(req: FastifyRequest, r: Resolved): Promise<void> {
  const fields: Record<string, string | string[]> = {};
  for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES } })) {
    if (part.type === "file") {
      const data = await part.toBuffer();
      if (part.filename && data.length > 0) r.files.push({ filename: part.filename, contentType: part.mimetype, data });
    } else {
      const value = typeof part.value === "string" ? part.value : String(part.value ?? "");
      const prior = fields[part.fieldname];
      fields[part.fieldname] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
  }
  (req as { body: unknown }).body = fields;
}

/** The route's preValidation hook. */
export function guard(app: App, access: Access) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const tenant = req.tenant;
    if (!tenant) throw notFound();
    const r = await resolveParams(app, req, tenant);
    resolved.set(req, r);
    if (access === "staff") {
      const api = req.url.startsWith("/api/");
      if (!req.actor) {
        if (api) return reply.code(401).type("application/json").send(apiError(401));
        return reply.code(303).redirect(loginUrl(req));
      }
      if (!isStaff(req.actor, tenant.id)) throw notFound();
    }
    if (req.isMultipart()) await readMultipart(req, r);
    return undefined;
  };
}

/** The staff actor (guaranteed by the guard on staff routes). */
export function staffActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new HttpError(401);
  return req.actor;
}

/** First value of a form field (forms may repeat a name). */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : "";
  return typeof v === "string" ? v : "";
}

/** All values of a repeated form field. */
export function fields(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}
