// Consistent errors: JSON for the API ({ error: { code, message, message_en, fields } }) and
// friendly Swedish/English pages for people. Never a stack trace.
//
// The one place that turns outcomes into HTTP: the pipeline and the handlers throw (or return)
// an HttpError with a status and, where the default text is not enough, a catalog key; the error
// handler (app.ts) calls sendError, which answers by the route's declared presenter — a JSON error
// for API routes, an error page for pages, and for 401 on a page the sign-in page with a way back.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type Params, translator } from "../i18n/i18n.ts";
import type { Declared } from "./pipeline.ts";
import type { FieldIssue } from "./validation.ts";

export const ApiError = z
  .object({
    error: z.object({
      code: z.string().describe("Stabil felkod för program (t.ex. validation, not_found, conflict)"),
      message: z.string().describe("Felet på svenska, för människor"),
      message_en: z.string().describe("Felet på engelska"),
      fields: z
        .array(
          z.object({
            field: z.string().describe("Fältets sökväg i begäran (t.ex. outcomes.0.value)"),
            message: z.string(),
            message_en: z.string(),
          }),
        )
        .optional()
        .describe("Ett fel per ogiltigt fält (vid code = validation)"),
    }),
  })
  .meta({
    id: "ApiError",
    description: "Alla fel från API:t har den här formen, med HTTP-statusen som svarets status.",
    examples: [
      {
        error: {
          code: "validation",
          message: "Begäran innehåller fel – title: Minst 2 tecken.",
          message_en: "The request has errors – title: At least 2 characters.",
          fields: [{ field: "title", message: "Minst 2 tecken.", message_en: "At least 2 characters." }],
        },
      },
    ],
  });
export type ApiError = z.infer<typeof ApiError>;

/** Standard error responses to add to every API route's response schema. */
export const apiErrors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 413: ApiError, 429: ApiError };

const TEXT: Record<number, [string, string, string]> = {
  400: ["bad_request", "Ogiltig begäran.", "Bad request."],
  401: ["unauthenticated", "Du behöver logga in.", "You need to sign in."],
  403: ["forbidden", "Du har inte behörighet till detta.", "You are not allowed to do this."],
  404: ["not_found", "Sidan eller resursen finns inte.", "The page or resource does not exist."],
  409: ["conflict", "Konflikt med en annan ändring.", "Conflict with another change."],
  410: ["gone", "Resursen finns inte längre.", "The resource is no longer available."],
  413: ["too_large", "Begäran är för stor.", "The request is too large."],
  415: ["unsupported_media_type", "Innehållstypen stöds inte.", "Unsupported content type."],
  429: ["rate_limited", "För många förfrågningar – vänta en stund och försök igen.", "Too many requests – wait a moment and try again."],
  500: ["internal", "Något gick fel hos oss. Försök igen senare.", "Something went wrong on our side. Please try again later."],
  503: ["unavailable", "Tjänsten är inte tillgänglig just nu.", "The service is unavailable right now."],
};

const sv = translator("sv");
const en = translator("en");

export function apiError(status: number, message?: string, messageEn?: string, code?: string, fields?: FieldIssue[]): ApiError {
  const [c, s, e] = TEXT[status] ?? TEXT[500]!;
  return { error: { code: code ?? c, message: message ?? s, message_en: messageEn ?? message ?? e, ...(fields ? { fields } : {}) } };
}

export function defaultErrorText(status: number): { sv: string; en: string } {
  const [, s, e] = TEXT[status] ?? TEXT[500]!;
  return { sv: s, en: e };
}

/** A field message from the catalogs in both languages. */
export function fieldIssue(field: string, key: string, params?: Params): FieldIssue {
  return { field, message: sv(key, params), message_en: en(key, params) };
}

/**
 * An expected HTTP outcome (404, 403, 409 …). `key` names a catalog message (both languages are
 * taken from the catalogs when the error is shown); without it the status's default text is used.
 */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly messageEn: string | undefined;
  readonly code: string | undefined;
  readonly fields: FieldIssue[] | undefined;
  constructor(statusCode: number, message?: string, messageEn?: string, opts: { code?: string; fields?: FieldIssue[] } = {}) {
    super(message ?? defaultErrorText(statusCode).sv);
    this.statusCode = statusCode;
    this.messageEn = messageEn ?? (message ? undefined : defaultErrorText(statusCode).en);
    this.code = opts.code;
    this.fields = opts.fields;
  }

  /** An error whose message comes from the catalogs (`key` with `params`), or the default text. */
  static of(status: number, key?: string, params?: Params, opts: { code?: string; fields?: FieldIssue[] } = {}): HttpError {
    if (!key) return new HttpError(status, undefined, undefined, opts);
    return new HttpError(status, sv(key, params), en(key, params), opts);
  }
}

export const notFound = () => HttpError.of(404);
export const forbidden = (key?: string, params?: Params) => HttpError.of(403, key, params);
export const conflict = (key: string, params?: Params, code = "conflict") => HttpError.of(409, key, params, { code });
export const invalid = (key: string, params?: Params, fields?: FieldIssue[]) => HttpError.of(400, key, params, { code: "validation", fields });

function declaredOf(req: FastifyRequest): Declared | undefined {
  return (req.routeOptions?.config as { pipeline?: Declared } | undefined)?.pipeline;
}

/** Whether the request is answered as JSON: by the route's declaration, else by its address. */
export function isApiRequest(req: FastifyRequest): boolean {
  const declared = declaredOf(req);
  if (declared) return declared.present === "json";
  const url = req.url;
  return url.startsWith("/api/") || url.split("?")[0]!.endsWith(".json") || /\/open311\//.test(url) || req.headers.accept === "application/json";
}

/** The sign-in page, with the way back for a GET. */
export function loginUrl(req: FastifyRequest): string {
  const q = new URLSearchParams();
  if (req.tenant) q.set("tenant", req.tenant.slug);
  if (req.method === "GET") q.set("next", req.url);
  return `/logga-in?${q.toString()}`;
}

/** Reply with an API error or hand over to the HTML error page renderer. */
export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message?: string,
  messageEn?: string,
  opts: { code?: string; fields?: FieldIssue[] } = {},
): FastifyReply {
  const own = declaredOf(req)?.formatError;
  if (own) {
    const [code] = TEXT[status] ?? TEXT[500]!;
    const text = defaultErrorText(status);
    return own(req, reply, { status, code: opts.code ?? code, message: message ?? text.sv, messageEn: messageEn ?? message ?? text.en, fields: opts.fields });
  }
  if (isApiRequest(req))
    return reply
      .code(status)
      .type("application/json")
      .header("cache-control", "no-store")
      .send(apiError(status, message, messageEn, opts.code, opts.fields));
  if (status === 401) return reply.code(303).header("cache-control", "no-store").redirect(loginUrl(req));
  const text = req.locale === "en" ? (messageEn ?? message) : message;
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(req.server.renderErrorPage(req, reply, status, text));
}

/** Send an HttpError (thrown or returned by a handler) by the central rules. */
export function sendHttpError(req: FastifyRequest, reply: FastifyReply, err: HttpError): FastifyReply {
  return sendError(req, reply, err.statusCode, err.message, err.messageEn, { code: err.code, fields: err.fields });
}

/** A use case's refusal: a named outcome other than ok. */
export type Refusal = { kind: string } & Record<string, unknown>;

/**
 * Turn a use case's refusal into the HttpError the central handler shows (for pages and the API
 * alike). `specific` maps the module's own outcome kinds; the common ones have defaults:
 * notFound → 404, forbidden → 403, conflict (a stale version) → 409.
 */
export function refusal(r: Refusal, specific: Record<string, (r: Refusal) => HttpError> = {}): HttpError {
  const own = specific[r.kind];
  if (own) return own(r);
  switch (r.kind) {
    case "notFound":
      return HttpError.of(404);
    case "forbidden":
      return HttpError.of(403);
    case "conflict":
      return HttpError.of(409, "errors.versionConflict", undefined, { code: "version_conflict" });
    default:
      return HttpError.of(400);
  }
}
