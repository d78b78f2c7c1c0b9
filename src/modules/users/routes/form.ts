// Form plumbing shared by this module's routes: validate a form body with its zod schema into
// field messages in the reader's language, and send people who are not signed in to the login.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";

export function parseForm<T extends z.ZodType>(
  schema: T,
  body: unknown,
  req: FastifyRequest,
): { ok: true; value: z.output<T> } | { ok: false; errors: FieldErrors } {
  const r = validateBilingual(schema, body ?? {});
  if (r.ok) return r;
  const errors: FieldErrors = {};
  for (const i of r.issues) if (!(i.field in errors)) errors[i.field] = req.locale === "en" ? i.message_en : i.message;
  return { ok: false, errors };
}

/** First value of a form field (forms may repeat a name). */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : "";
  return typeof v === "string" ? v : "";
}

export function redirectToLogin(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const q = new URLSearchParams();
  if (req.tenant) q.set("tenant", req.tenant.slug);
  if (req.method === "GET") q.set("next", req.url);
  return reply.code(303).redirect(`/logga-in?${q.toString()}`);
}
