// The audit log viewer: GET /t/:tenant/admin/logg (the tenant's admins and system administrators)
// and GET /admin/logg (system administrators, every tenant and the entries of none), each with a
// CSV download of the same selection (an export, logged in the audit log itself).
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { CSV_CONTENT_TYPE, csvDialectOf, csvFilename, writeCsv } from "../../platform/csv.ts";
import { htmlResponses, sendPage } from "../../platform/http/page.ts";
import { pipeline } from "../../platform/http/pipeline.ts";
import type { App } from "../../platform/http/types.ts";
import { auditPage } from "./pages.ts";
import { canViewAllAudit, canViewAudit } from "./policy.ts";
import { type AuditFilter, auditActions, countAudit, listAudit } from "./repo.ts";

const PAGE_SIZE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const AuditQuery = z.object({
  action: z.string().max(100).optional().describe("Händelse, t.ex. signin.failure"),
  actor: z.string().max(200).optional().describe("Del av personens namn eller e-post"),
  entity: z.string().max(200).optional().describe("Objektets typ eller id"),
  from: z.string().regex(DATE).optional().or(z.literal("")).describe("Från och med datum (ÅÅÅÅ-MM-DD)"),
  to: z.string().regex(DATE).optional().or(z.literal("")).describe("Till och med datum (ÅÅÅÅ-MM-DD)"),
  sida: z.coerce.number().int().min(1).max(100000).optional().describe("Sidnummer, 1 = nyaste"),
});
const CsvQuery = AuditQuery.omit({ sida: true }).extend({ format: z.enum(["rfc4180", "excel"]).optional().describe("excel: semikolon och BOM för Excel") });
/** At most this many rows in one download (narrow the dates for more). */
const CSV_MAX_ROWS = 100_000;
type AuditQuery = z.infer<typeof AuditQuery>;
const TenantParams = z.object({ tenant: z.string() });

const tenantLog = pipeline({
  tenant: "path",
  access: "signedIn",
  present: "page",
  visible: ({ actor, tenant }) => canViewAudit(actor, tenant.id),
  roles: ["admin"],
  audit: "read",
});
const allLog = pipeline({ tenant: "none", access: "systemAdmin", present: "page", visible: ({ actor }) => canViewAllAudit(actor), roles: [], audit: "read" });
const tenantCsv = pipeline({
  tenant: "path",
  access: "signedIn",
  present: "file",
  visible: ({ actor, tenant }) => canViewAudit(actor, tenant.id),
  roles: ["admin"],
  audit: "export",
});
const allCsv = pipeline({ tenant: "none", access: "systemAdmin", present: "file", visible: ({ actor }) => canViewAllAudit(actor), roles: [], audit: "export" });

function filterOf(q: AuditQuery): AuditFilter {
  return { action: q.action || undefined, actor: q.actor || undefined, entity: q.entity || undefined, from: q.from || undefined, to: q.to || undefined };
}

export async function registerAuditRoutes(app: App): Promise<void> {
  async function show(req: FastifyRequest, reply: FastifyReply, q: AuditQuery, scope: { tenantId: string } | { all: true }, base: string, name: string | null) {
    const filter = filterOf(q);
    const total = await countAudit(app.db, scope, filter);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(q.sida ?? 1, pages);
    const [rows, actions] = await Promise.all([
      listAudit(app.db, scope, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      auditActions(app.db, scope),
    ]);
    return sendPage(req, reply, (ctx) => auditPage(ctx, { base, scopeName: name, rows, total, page, pages, filter, actions, showTenant: "all" in scope }));
  }

  async function csv(reply: FastifyReply, q: z.infer<typeof CsvQuery>, scope: { tenantId: string } | { all: true }, base: string) {
    const rows = await listAudit(app.db, scope, filterOf({ ...q }), { limit: CSV_MAX_ROWS, offset: 0 });
    const dialect = csvDialectOf(q.format);
    const body = writeCsv(
      ["tid", "kommun", "person_id", "person", "e-post", "handelse", "objekt", "objekt_id", "uppgifter"],
      rows.map((r) => [
        new Date(r.created_at).toISOString(),
        r.tenant ?? "",
        r.actor_id ?? "",
        r.actor_name ?? "",
        r.actor_email ?? "",
        r.action,
        r.entity,
        r.entity_id ?? "",
        JSON.stringify(r.data ?? {}),
      ]),
      dialect,
    );
    return reply
      .type(CSV_CONTENT_TYPE)
      .header("content-disposition", `attachment; filename="${csvFilename(base, dialect)}"`)
      .send(body);
  }

  app.get(
    "/t/:tenant/admin/logg.csv",
    {
      schema: {
        tags: ["granskning"],
        summary: "Kommunens granskningslogg som CSV (urvalet; exporten loggas)",
        params: TenantParams,
        querystring: CsvQuery,
        response: { 200: z.string().describe("CSV (text/csv)") },
      },
      ...tenantCsv.options,
    },
    async (req, reply) => {
      const { tenant } = tenantCsv.of(req);
      return csv(reply, req.query, { tenantId: tenant.id }, `granskningslogg-${tenant.slug}`);
    },
  );

  app.get(
    "/admin/logg.csv",
    {
      schema: {
        tags: ["granskning"],
        summary: "Granskningsloggen för alla kommuner som CSV (systemadministratörer; exporten loggas)",
        querystring: CsvQuery,
        response: { 200: z.string().describe("CSV (text/csv)") },
      },
      ...allCsv.options,
    },
    async (req, reply) => csv(reply, req.query, { all: true }, "granskningslogg"),
  );

  app.get(
    "/t/:tenant/admin/logg",
    {
      schema: {
        tags: ["granskning"],
        summary: "Kommunens granskningslogg (administratörer)",
        params: TenantParams,
        querystring: AuditQuery,
        response: htmlResponses,
      },
      ...tenantLog.options,
    },
    async (req, reply) => {
      const { tenant } = tenantLog.of(req);
      return show(req, reply, req.query, { tenantId: tenant.id }, `/t/${tenant.slug}/admin/logg`, tenant.name);
    },
  );

  app.get(
    "/admin/logg",
    {
      schema: {
        tags: ["granskning"],
        summary: "Granskningsloggen för alla kommuner (systemadministratörer)",
        querystring: AuditQuery,
        response: htmlResponses,
      },
      ...allLog.options,
    },
    async (req, reply) => show(req, reply, req.query, { all: true }, "/admin/logg", null),
  );
}
