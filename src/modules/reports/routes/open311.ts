// Open311 GeoReport v2 for each tenant under /t/{slug}/open311/v2/, in XML and JSON (the format
// is the address's extension): discovery, services, services/{code}, requests (GET and POST),
// requests/{id}, tokens/{token}. The tenant comes from the path; jurisdiction_id, when a client
// sends it, must be the tenant's slug or its kommunkod. Every error — from the pipeline (unknown
// tenant), validation, the rate limit or the use case — is answered in the spec's error format
// ({code, description} list) in the requested format, with the spec's status codes.
// Every GET is answered through the public-answer cache (decision 0015; pipelines declare
// `publicCache`): rendered once per change of the tenant's public data and per query string, then
// served from memory with an ETag. A request with an api_key is never stored nor answered from
// memory (a key sees its own reports under review, and may be revoked at any time); errors are
// never stored.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { byParam, type ErrorFormatter, pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { findCategory, isPersonRelated, reportsSettings } from "../settings.ts";
import { type Format, type O311Value, render, renderErrors } from "../domain/open311-format.ts";
import { findReportByOpen311Token, findReportByRef, type ReportRow } from "../repo/reports.ts";
import {
  checkJurisdiction,
  discoveryDoc,
  findRequests,
  Open311Failure,
  optionalApiKey,
  parseRequestQuery,
  postRequest,
  type RequestContext,
  requestsDoc,
  requireApiKey,
  serviceDefinitionDoc,
  servicesDoc,
} from "../service/open311.ts";

const tags = ["Open311 GeoReport v2"];
const FORMATS: Format[] = ["json", "xml"];

/** Open311's status codes: 404 for what does not exist, 403 for the api_key, 400 for the rest (429 and server faults keep theirs). */
function open311Status(status: number): number {
  if (status === 404) return 404;
  if (status === 401 || status === 403) return 403;
  if (status === 429 || status >= 500) return status;
  return 400;
}

function formatter(format: Format): ErrorFormatter {
  return (req, reply, e) => {
    const status = open311Status(e.status);
    const text = req.locale === "en" ? e.messageEn : e.message;
    const errors = e.fields?.length
      ? e.fields.map((f) => ({ code: status, description: `${f.field}: ${req.locale === "en" ? f.message_en : f.message}` }))
      : [{ code: status, description: text }];
    const doc = renderErrors(format, errors);
    return reply.code(status).type(doc.type).header("cache-control", "no-store").send(doc.body);
  };
}

function send(reply: FastifyReply, format: Format, root: string, value: O311Value, status = 200): FastifyReply {
  const doc = render(format, root, value);
  return reply.code(status).type(doc.type).header("cache-control", "no-store").send(doc.body);
}

/** A GET's answer: through the public-answer cache, unless the request carries an api_key. */
function sendRead(req: FastifyRequest, reply: FastifyReply, format: Format, root: string, value: O311Value): FastifyReply {
  const doc = render(format, root, value);
  if ((req.query as Record<string, unknown> | undefined)?.api_key !== undefined) return reply.type(doc.type).header("cache-control", "no-store").send(doc.body);
  return req.server.publicCache.send(req, reply, { type: doc.type, body: doc.body });
}

function sendFailure(reply: FastifyReply, format: Format, f: Open311Failure): FastifyReply {
  const doc = renderErrors(format, f.errors);
  return reply.code(f.status).type(doc.type).header("cache-control", "no-store").send(doc.body);
}

const Doc = z.unknown().describe("Open311-dokument (XML eller JSON enligt adressens ändelse); fel som lista av {code, description}");

export async function registerOpen311Routes(app: App): Promise<void> {
  const { config } = app.deps;
  for (const format of FORMATS) {
    const read = pipeline({ tenant: "path", access: "public", present: "json", formatError: formatter(format), publicCache: true });
    const request = pipeline({
      tenant: "path",
      access: "public",
      present: "json",
      formatError: formatter(format),
      publicCache: true,
      load: { report: byParam("requestId", findReportByRef) },
    });
    const token = pipeline({
      tenant: "path",
      access: "public",
      present: "json",
      formatError: formatter(format),
      publicCache: true,
      load: { report: byParam("tokenId", findReportByOpen311Token) },
    });
    const post = pipeline({
      tenant: "path",
      access: "public",
      present: "json",
      formatError: formatter(format),
      rateLimit: { max: config.PUBLIC_WRITE_RATE_LIMIT * 10, timeWindow: "1 minute", message: "reports.open311.error.rateLimited" },
    });

    const ctxOf = (req: FastifyRequest): RequestContext => {
      const tenant = req.tenant!;
      return { db: app.db, deps: app.deps, tenant, settings: reportsSettings(tenant), t: req.t, locale: req.locale };
    };
    /** Run an Open311 handler: its named failures become Open311 errors. */
    const handle =
      (fn: (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
      async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
        try {
          checkJurisdiction(
            req.t,
            req.tenant!,
            (req.query as Record<string, unknown>)?.jurisdiction_id ?? (req.body as Record<string, unknown> | undefined)?.jurisdiction_id,
          );
          return await fn(req, reply);
        } catch (err) {
          if (err instanceof Open311Failure) return sendFailure(reply, format, err);
          throw err;
        }
      };
    const base = `/t/:tenant/open311/v2`;
    const schema = (summary: string, extra: Record<string, unknown> = {}) => ({
      tags,
      summary: `${summary} (${format.toUpperCase()})`,
      response: { 200: Doc },
      ...extra,
    });

    app.get(
      `${base}/discovery.${format}`,
      { schema: schema("Tjänsteupptäckt (Service Discovery)"), ...read.options },
      handle(async (req, reply) => {
        const tenant = req.tenant!;
        const row = await app.db.selectFrom("tenants").select("updated_at").where("id", "=", tenant.id).executeTakeFirstOrThrow();
        return sendRead(req, reply, format, "discovery", discoveryDoc(app.deps, req.t, tenant, row.updated_at));
      }),
    );

    app.get(
      `${base}/services.${format}`,
      { schema: schema("Tjänstelista: kommunens rapportkategorier"), ...read.options },
      handle(async (req, reply) => sendRead(req, reply, format, "services", servicesDoc(ctxOf(req).settings, req.locale))),
    );

    app.get(
      `${base}/services/:serviceCode.${format}`,
      { schema: schema("Tjänstedefinition med attribut (otrygg, tider)"), ...read.options },
      handle(async (req, reply) => {
        const code = (req.params as { serviceCode: string }).serviceCode;
        const cat = findCategory(ctxOf(req).settings, code);
        if (!cat?.active)
          throw new Open311Failure(404, [{ code: 404, description: req.t("reports.open311.error.unknownServiceCode", { code: code.slice(0, 40) }) }]);
        return sendRead(req, reply, format, "service_definition", serviceDefinitionDoc(req.t, cat));
      }),
    );

    app.get(
      `${base}/requests.${format}`,
      {
        schema: schema(
          "Ärenden: standard senaste 90 dagarna och högst 1000; filter service_request_id, service_code, status, start_date, end_date, updated_after, updated_before, bbox=väst,syd,öst,nord, lat+long+radius (m), page, page_size; extensions=true ger notes (historik) och attribut. Personrelaterade kategorier visas inte enskilt.",
        ),
        ...read.options,
      },
      handle(async (req, reply) => {
        const c = ctxOf(req);
        const query = (req.query ?? {}) as Record<string, unknown>;
        const key = await optionalApiKey(app.db, req.t, c.tenant.id, query.api_key);
        const parsed = parseRequestQuery(req.t, c.settings, query);
        const rows = await findRequests(c, parsed, key);
        return sendRead(req, reply, format, "service_requests", await requestsDoc(c, rows, parsed.extensions));
      }),
    );

    app.post(
      `${base}/requests.${format}`,
      {
        schema: schema("Skapa ett ärende (application/x-www-form-urlencoded, kräver api_key)", {
          body: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
        }),
        ...post.options,
      },
      handle(async (req, reply) => {
        const c = ctxOf(req);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const key = await requireApiKey(app.db, req.t, c.tenant.id, body.api_key);
        const { report, notice } = await postRequest(c, req.tenant!, key, body);
        const item: Record<string, O311Value> = report.open311_token
          ? { token: report.open311_token, service_notice: notice, account_id: null }
          : { service_request_id: report.ref, service_notice: notice, account_id: null };
        return send(reply, format, "service_requests", [item]);
      }),
    );

    const visibleTo = (c: RequestContext, r: ReportRow, keyId: string | undefined) =>
      (r.visibility === "public" && !isPersonRelated(c.settings, r)) || (keyId !== undefined && r.api_key_id === keyId && r.visibility !== "hidden");

    app.get(
      `${base}/requests/:requestId.${format}`,
      { schema: schema("Ett ärende (extensions=true ger historiken)"), ...request.options },
      handle(async (req, reply) => {
        const c = ctxOf(req);
        const query = (req.query ?? {}) as Record<string, unknown>;
        const key = await optionalApiKey(app.db, req.t, c.tenant.id, query.api_key);
        const r = request.of(req).loaded.report;
        if (!visibleTo(c, r, key?.id)) throw new Open311Failure(404, [{ code: 404, description: req.t("reports.open311.error.requestNotFound") }]);
        return sendRead(req, reply, format, "service_requests", await requestsDoc(c, [r], query.extensions === "true"));
      }),
    );

    app.get(
      `${base}/tokens/:tokenId.${format}`,
      { schema: schema("Ärendets id från en token (tjänster som granskas först)"), ...token.options },
      handle(async (req, reply) => {
        const r = token.of(req).loaded.report;
        const item: Record<string, O311Value> = r.visibility === "public" ? { service_request_id: r.ref, token: r.open311_token } : { token: r.open311_token };
        return sendRead(req, reply, format, "service_requests", [item]);
      }),
    );
  }
}
