// JSON API for promise documents: list, read (published ones are public), create or copy, edit a
// draft (version required; a stale one answers 409), lifecycle steps and the follow-up report.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor.ts";
import { isStaff } from "../../../platform/auth/actor.ts";
import { apiError, apiErrors } from "../../../platform/http/errors.ts";
import type { FieldIssue } from "../../../platform/http/validation.ts";
import type { App } from "../../../platform/http/types.ts";
import { type Params, translator } from "../../../platform/i18n/i18n.ts";
import { isPublicStatus, PUBLIC_STATUSES } from "../domain/lifecycle.ts";
import { todayInStockholm } from "../domain/progress.ts";
import {
  abilitiesOf,
  canArchiveDocument,
  canCreateDocument,
  canCreateVersion,
  canEditDocument,
  canFollowUp,
  canPublishDocument,
  canReopenDocument,
  canSignDocument,
} from "../policy.ts";
import { type DocumentRow, listDocuments, listEvents } from "../repo/documents.ts";
import { CopyInput, DocumentInput, DocumentOut, DocumentSummaryOut, DocumentUpdate, FollowUpReportOut, TransitionBody } from "../schema.ts";
import {
  archiveDocument,
  copyDocument,
  createDocument,
  createNewVersion,
  markFollowedUp,
  publishDocument,
  reopenDocument,
  signDocument,
  updateDocument,
  type Who,
} from "../service/documents.ts";
import { loadDocumentViews, loadPublished } from "../service/views.ts";
import { guard, resolvedOf, staffActor } from "./guard.ts";
import { documentOut, followUpReportOut, summaryOut } from "./present.ts";

const TenantParams = z.object({ tenant: z.string() });
const DocParams = z.object({ tenant: z.string(), documentId: z.string() });
const tags = ["medborgarlöften"];
const security = [{ session: [] }];

const sv = translator("sv");
const en = translator("en");

/** Reply with an API error whose message comes from the catalog in both languages. */
export function fail(reply: FastifyReply, status: number, code: string, key: string, params?: Params, fields?: FieldIssue[]): FastifyReply {
  return reply
    .code(status)
    .type("application/json")
    .send(apiError(status, sv(key, params), en(key, params), code, fields));
}

export function field(name: string, key: string, params?: Params): FieldIssue {
  return { field: name, message: sv(key, params), message_en: en(key, params) };
}

/** Map a use case's refusal to an API error (shared by document and promise endpoints). */
export function refuse(reply: FastifyReply, r: { kind: string } & Record<string, unknown>): FastifyReply {
  switch (r.kind) {
    case "notFound":
    case "unknownPromise":
      return reply.code(404).send(apiError(404));
    case "wrongStatus": {
      const status = r.status as string;
      return fail(reply, 409, "wrong_status", "promises.error.wrongStatus", { status: sv(`promises.status.${status}`) });
    }
    case "conflict":
      return fail(reply, 409, "version_conflict", "promises.error.conflict");
    case "incomplete": {
      const problems = r.problems as Array<{ code: string; parties?: Array<{ name: string }> }>;
      return reply.code(409).send(
        apiError(
          409,
          sv("promises.error.cannotSign"),
          en("promises.error.cannotSign"),
          "incomplete",
          problems.map((p) =>
            p.code === "missingSignatories"
              ? field("signatories", "promises.problem.missingSignatories", { parties: (p.parties ?? []).map((x) => x.name).join(", ") })
              : field(p.code, `promises.problem.${p.code}`),
          ),
        ),
      );
    }
    case "missingSignatures": {
      const parties = (r.missing as Array<{ name: string }>).map((p) => p.name).join(", ");
      return fail(reply, 409, "missing_signatures", "promises.error.missingSignatures", { parties }, [
        field("signatories", "promises.error.missingSignatures", { parties }),
      ]);
    }
    case "missingVerdicts":
      return fail(reply, 409, "missing_verdicts", "promises.error.missingVerdicts", { count: r.count as number });
    case "draftExists":
      return fail(reply, 409, "draft_exists", "promises.flash.draftExists");
    case "ownerNotAParty":
      return fail(reply, 409, "owner_not_a_party", "promises.error.ownerNotAParty", { owners: (r.owners as string[]).join(", ") });
    case "invalidOwner":
      return fail(reply, 400, "validation", "promises.error.owner", undefined, [field("owner", "promises.error.owner")]);
    case "unknownOrganisations":
      return fail(reply, 400, "validation", "promises.error.organisations", undefined, [field("responsible_organisation_ids", "promises.error.organisations")]);
    case "forbidden":
      return fail(reply, 403, "forbidden", "promises.error.forbidden");
    default:
      return reply.code(400).send(apiError(400));
  }
}

function who(actor: Actor): Who {
  return { userId: actor.userId, name: actor.name };
}

export async function registerApiDocumentRoutes(app: App): Promise<void> {
  const publicGuard = { preValidation: guard(app, "public") };
  const staff = { preValidation: guard(app, "staff") };

  async function documentResponse(req: FastifyRequest, doc: DocumentRow) {
    const tenant = req.tenant!;
    const staffView = isStaff(req.actor, tenant.id);
    const [view] = await loadDocumentViews(app.db, tenant.id, [doc], { asOf: todayInStockholm(), attachments: staffView });
    const events = staffView ? await listEvents(app.db, tenant.id, doc.id) : [];
    return documentOut(req.t, view!, { slug: tenant.slug, staff: staffView, abilities: abilitiesOf(req.actor, tenant.id), events });
  }

  app.get(
    "/api/t/:tenant/promise-documents",
    {
      schema: {
        tags,
        summary: "Medborgarlöften: publicerade för alla, även utkast för personal",
        params: TenantParams,
        response: { 200: z.object({ documents: z.array(DocumentSummaryOut), current_id: z.uuid().nullable() }), ...apiErrors },
      },
      ...publicGuard,
    },
    async (req) => {
      const tenant = req.tenant!;
      const staffView = isStaff(req.actor, tenant.id);
      const docs = await listDocuments(app.db, tenant.id, staffView ? undefined : PUBLIC_STATUSES);
      const { current } = await loadPublished(app.db, tenant.id, todayInStockholm());
      return { documents: docs.map((d) => summaryOut(d, tenant.slug)), current_id: current?.id ?? null };
    },
  );

  app.get(
    "/api/t/:tenant/promise-documents/current",
    {
      schema: { tags, summary: "Det aktuella medborgarlöftet med utfall per löfte", params: TenantParams, response: { 200: DocumentOut, ...apiErrors } },
      ...publicGuard,
    },
    async (req, reply) => {
      const { current } = await loadPublished(app.db, req.tenant!.id, todayInStockholm());
      if (!current) return fail(reply, 404, "not_found", "promises.error.noCurrent");
      return documentResponse(req, current);
    },
  );

  app.get(
    "/api/t/:tenant/promise-documents/:documentId",
    {
      schema: { tags, summary: "Ett medborgarlöfte med löften, utfall och aktiviteter", params: DocParams, response: { 200: DocumentOut, ...apiErrors } },
      ...publicGuard,
    },
    async (req, reply) => {
      const doc = resolvedOf(req).doc!;
      if (!isPublicStatus(doc.status) && !isStaff(req.actor, req.tenant!.id)) return reply.code(404).send(apiError(404));
      return documentResponse(req, doc);
    },
  );

  app.get(
    "/api/t/:tenant/promise-documents/:documentId/follow-up-report",
    {
      schema: {
        tags,
        summary: "Uppföljningsrapporten: mål, utfall, bedömning och motivering per löfte",
        params: DocParams,
        response: { 200: FollowUpReportOut, ...apiErrors },
      },
      ...publicGuard,
    },
    async (req, reply) => {
      const tenant = req.tenant!;
      const doc = resolvedOf(req).doc!;
      if (!isPublicStatus(doc.status) && !isStaff(req.actor, tenant.id)) return reply.code(404).send(apiError(404));
      const [view] = await loadDocumentViews(app.db, tenant.id, [doc], { asOf: todayInStockholm() });
      return followUpReportOut(req.t, view!, tenant.slug);
    },
  );

  app.post(
    "/api/t/:tenant/promise-documents",
    {
      schema: {
        tags,
        summary: "Skapa ett medborgarlöfte (utkast)",
        security,
        params: TenantParams,
        body: DocumentInput,
        response: { 201: DocumentOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canCreateDocument(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await createDocument(app.db, req.tenant!.id, who(actor), req.body);
      return reply.code(201).send(await documentResponse(req, r.document));
    },
  );

  app.post(
    "/api/t/:tenant/promise-documents/copy",
    {
      schema: {
        tags,
        summary: "Skapa ett utkast som kopia av ett tidigare medborgarlöfte",
        security,
        params: TenantParams,
        body: CopyInput,
        response: { 201: DocumentOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canCreateDocument(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await copyDocument(app.db, req.tenant!.id, who(actor), req.body);
      if (r.kind !== "ok") return fail(reply, 400, "validation", "promises.error.copySource", undefined, [field("source_id", "promises.error.copySource")]);
      return reply.code(201).send(await documentResponse(req, r.document));
    },
  );

  app.put(
    "/api/t/:tenant/promise-documents/:documentId",
    {
      schema: {
        tags,
        summary: "Ändra ett utkast (skicka versionen du utgick från)",
        security,
        params: DocParams,
        body: DocumentUpdate,
        response: { 200: DocumentOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canEditDocument(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await updateDocument(app.db, req.tenant!.id, who(actor), resolvedOf(req).doc!.id, req.body);
      if (r.kind !== "ok") return refuse(reply, r);
      return documentResponse(req, r.document);
    },
  );

  type Run = (db: App["db"], tenantId: string, who: Who, id: string, version: number) => Promise<{ kind: string }>;
  const steps: Array<{ path: string; summary: string; allowed: (a: Actor, t: string) => boolean; run: Run }> = [
    { path: "sign", summary: "Markera som undertecknat (kräver löften, undertecknare per part, ort och datum)", allowed: canSignDocument, run: signDocument },
    { path: "reopen", summary: "Återgå från undertecknat till utkast", allowed: canReopenDocument, run: reopenDocument },
    { path: "publish", summary: "Publicera (kräver minst en undertecknare per part)", allowed: canPublishDocument, run: publishDocument },
    { path: "follow-up", summary: "Markera som uppföljt (kräver bedömning av varje löfte)", allowed: canFollowUp, run: markFollowedUp },
    { path: "archive", summary: "Arkivera", allowed: canArchiveDocument, run: archiveDocument },
    { path: "new-version", summary: "Skapa en ny version (utkast) av ett publicerat medborgarlöfte", allowed: canCreateVersion, run: createNewVersion },
  ];
  for (const step of steps) {
    app.post(
      `/api/t/:tenant/promise-documents/:documentId/${step.path}`,
      {
        schema: {
          tags,
          summary: step.summary,
          security,
          params: DocParams,
          body: TransitionBody,
          response: { 200: DocumentOut, ...apiErrors },
        },
        ...staff,
      },
      async (req, reply) => {
        const actor = staffActor(req);
        if (!step.allowed(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
        const r = await step.run(app.db, req.tenant!.id, who(actor), resolvedOf(req).doc!.id, req.body.version);
        if (r.kind !== "ok") return refuse(reply, r as { kind: string } & Record<string, unknown>);
        return documentResponse(req, (r as unknown as { document: DocumentRow }).document);
      },
    );
  }
}
