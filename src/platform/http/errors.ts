// Consistent errors: JSON for the API ({ error: { code, message, message_en, fields } }) and
// friendly Swedish/English pages for people. Never a stack trace.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldIssue } from "./validation.ts";

export const ApiError = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      message_en: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string(), message_en: z.string() })).optional(),
    }),
  })
  .meta({ id: "ApiError" });
export type ApiError = z.infer<typeof ApiError>;

/** Standard error responses to add to every API route's response schema. */
export const apiErrors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 429: ApiError };

const TEXT: Record<number, [string, string, string]> = {
  400: ["bad_request", "Ogiltig begäran.", "Bad request."],
  401: ["unauthenticated", "Du behöver logga in.", "You need to sign in."],
  403: ["forbidden", "Du har inte behörighet till detta.", "You are not allowed to do this."],
  404: ["not_found", "Sidan eller resursen finns inte.", "The page or resource does not exist."],
  409: ["conflict", "Konflikt med en annan ändring.", "Conflict with another change."],
  413: ["too_large", "Begäran är för stor.", "The request is too large."],
  415: ["unsupported_media_type", "Innehållstypen stöds inte.", "Unsupported content type."],
  429: ["rate_limited", "För många förfrågningar – vänta en stund och försök igen.", "Too many requests – wait a moment and try again."],
  500: ["internal", "Något gick fel hos oss. Försök igen senare.", "Something went wrong on our side. Please try again later."],
  503: ["unavailable", "Tjänsten är inte tillgänglig just nu.", "The service is unavailable right now."],
};

export function apiError(status: number, message?: string, messageEn?: string, code?: string, fields?: FieldIssue[]): ApiError {
  const [c, sv, en] = TEXT[status] ?? TEXT[500]!;
  return { error: { code: code ?? c, message: message ?? sv, message_en: messageEn ?? message ?? en, ...(fields ? { fields } : {}) } };
}

export function defaultErrorText(status: number): { sv: string; en: string } {
  const [, sv, en] = TEXT[status] ?? TEXT[500]!;
  return { sv, en };
}

export function isApiRequest(req: FastifyRequest): boolean {
  const url = req.url;
  return url.startsWith("/api/") || url.endsWith(".json") || /\/open311\//.test(url) || req.headers.accept === "application/json";
}

/** Reply with an API error or hand over to the HTML error page renderer. */
export function sendError(req: FastifyRequest, reply: FastifyReply, status: number, message?: string, messageEn?: string): FastifyReply {
  if (isApiRequest(req))
    return reply
      .code(status)
      .type("application/json")
      .send(apiError(status, message, messageEn));
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .send(req.server.renderErrorPage(req, reply, status, message));
}

/** Thrown by handlers for expected HTTP outcomes (404, 403 …). */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly messageEn: string | undefined;
  constructor(statusCode: number, message?: string, messageEn?: string) {
    super(message ?? defaultErrorText(statusCode).sv);
    this.statusCode = statusCode;
    this.messageEn = messageEn ?? (message ? undefined : defaultErrorText(statusCode).en);
  }
}

export const notFound = () => new HttpError(404);
export const forbidden = () => new HttpError(403);
