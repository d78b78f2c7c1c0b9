// JSON API for promise documents: list, read (published ones are public), create or copy, edit a
// draft (version required; a stale one answers 409), lifecycle steps and the follow-up report.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor.ts";
import { isStaff } from "../../../platform/auth/actor.ts";
import { apiErrors, fieldIssue, HttpError } from "../../../platform/http/errors.ts";
import type { App } from "../../../platform/http/types.ts";
import { PUBLIC_STATUSES } from "../domain/lifecycle.ts";
import { reportAsOf, todayInStockholm } from "../domain/progress.ts";
import { abilitiesOf } from "../policy.ts";
import { type DocumentRow, listDocuments, listEvents } from "../repo/documents.ts";
import { CopyInput, DocumentInput, DocumentOut, DocumentSummaryOut, DocumentUpdate, FollowUpReportOut, TransitionBody } from "../schema.ts";
import {
  archiveDocument,
  copyDocument,
  createDocument,
  createNewVersion,
  deleteDraftDocument,
  markFollowedUp,
  publishDocument,
  reopenDocument,
  signDocument,
  updateDocument,
  type Who,
} from "../service/documents.ts";
import { loadDocumentViews, loadPublished } from "../service/views.ts";
import { createApi, deleteDocApi, docApiRead, editDocApi, type LifecycleAction, lifecycleApi, publicApi } from "./access.ts";
import { documentOut, followUpReportOut, summaryOut } from "./present.ts";
import { refused } from "./refusals.ts";

const TenantParams = z.object({ tenant: z.string() });
const DocParams = z.object({ tenant: z.string(), documentId: z.string() });
const VersionQuery = z.object({ version: z.coerce.number().int().min(1) });
const tags = ["medborgarlöften"];
const security = [{ session: [] }];

function who(actor: Actor): Who {
  return { userId: actor.userId, name: actor.name };
}

export async function registerApiDocumentRoutes(app: App): Promise<void> {
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
        response: {
          200: z.object({
            documents: z.array(DocumentSummaryOut),
            current_id: z.uuid().nullable().describe("Det publicerade medborgarlöfte vars giltighetsperiod omfattar i dag; null när inget gör det"),
            latest_id: z.uuid().nullable().describe("Det senaste publicerade medborgarlöftet, även när dess period har slutat"),
          }),
          ...apiErrors,
        },
      },
      ...publicApi.options,
    },
    async (req) => {
      const { tenant } = publicApi.of(req);
      const staffView = isStaff(req.actor, tenant.id);
      const docs = await listDocuments(app.db, tenant.id, staffView ? undefined : PUBLIC_STATUSES);
      const { current, latest } = await loadPublished(app.db, tenant.id, todayInStockholm());
      return { documents: docs.map((d) => summaryOut(d, tenant.slug)), current_id: current?.id ?? null, latest_id: latest?.id ?? null };
    },
  );

  app.get(
    "/api/t/:tenant/promise-documents/current",
    {
      schema: {
        tags,
        summary: "Det aktuella medborgarlöftet (giltigt i dag) med utfall per löfte; 404 no_current när inget gäller i dag (se latest_id i listan)",
        params: TenantParams,
        response: { 200: DocumentOut, ...apiErrors },
      },
      ...publicApi.options,
    },
    async (req) => {
      const { current, latest } = await loadPublished(app.db, publicApi.of(req).tenant.id, todayInStockholm());
      if (current) return documentResponse(req, current);
      if (latest && latest.valid_from > todayInStockholm())
        throw HttpError.of(404, "promises.error.noCurrentLatestUpcoming", { title: latest.title, date: latest.valid_from }, { code: "no_current" });
      if (latest) throw HttpError.of(404, "promises.error.noCurrentLatestEnded", { title: latest.title, date: latest.valid_to }, { code: "no_current" });
      throw HttpError.of(404, "promises.error.noCurrent", undefined, { code: "no_current" });
    },
  );

  app.get(
    "/api/t/:tenant/promise-documents/:documentId",
    {
      schema: { tags, summary: "Ett medborgarlöfte med löften, utfall och aktiviteter", params: DocParams, response: { 200: DocumentOut, ...apiErrors } },
      ...docApiRead.options,
    },
    async (req) => documentResponse(req, docApiRead.of(req).loaded.doc),
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
      ...docApiRead.options,
    },
    async (req) => {
      const { tenant, loaded } = docApiRead.of(req);
      const doc = loaded.doc;
      const today = todayInStockholm();
      const [view] = await loadDocumentViews(app.db, tenant.id, [doc], { asOf: today });
      return followUpReportOut(req.t, view!, tenant.slug, reportAsOf(doc.valid_to, today));
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
      ...createApi.options,
    },
    async (req, reply) => {
      const { tenant, actor } = createApi.of(req);
      const r = await createDocument(app.db, tenant.id, who(actor), req.body);
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
      ...createApi.options,
    },
    async (req, reply) => {
      const { tenant, actor } = createApi.of(req);
      const r = await copyDocument(app.db, tenant.id, who(actor), req.body);
      if (r.kind !== "ok")
        throw HttpError.of(400, "promises.error.copySource", undefined, { code: "validation", fields: [fieldIssue("source_id", "promises.error.copySource")] });
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
      ...editDocApi.options,
    },
    async (req) => {
      const { tenant, actor, loaded } = editDocApi.of(req);
      const r = await updateDocument(app.db, tenant.id, who(actor), loaded.doc.id, req.body);
      if (r.kind !== "ok") throw refused(r);
      return documentResponse(req, r.document);
    },
  );

  app.delete(
    "/api/t/:tenant/promise-documents/:documentId",
    {
      schema: {
        tags,
        summary:
          "Ta bort ett utkast med dess löften (?version=; bara utkast, samordnare och admin; skicka Content-Type: application/json med {} eller huvudet x-csrf-token)",
        security,
        params: DocParams,
        querystring: VersionQuery,
        response: { 204: z.null(), ...apiErrors },
      },
      ...deleteDocApi.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = deleteDocApi.of(req);
      const r = await deleteDraftDocument(app.db, tenant.id, who(actor), loaded.doc.id, req.query.version);
      if (r.kind !== "ok") throw refused(r);
      return reply.code(204).send(null);
    },
  );

  type Run = (db: App["db"], tenantId: string, who: Who, id: string, version: number) => Promise<{ kind: string }>;
  const steps: Array<{ path: string; summary: string; action: LifecycleAction; run: Run }> = [
    { path: "sign", summary: "Markera som undertecknat (kräver löften, undertecknare per part, ort och datum)", action: "document.sign", run: signDocument },
    { path: "reopen", summary: "Återgå från undertecknat till utkast", action: "document.reopen", run: reopenDocument },
    { path: "publish", summary: "Publicera (kräver minst en undertecknare per part)", action: "document.publish", run: publishDocument },
    { path: "follow-up", summary: "Markera som uppföljt (kräver bedömning av varje löfte)", action: "document.followUp", run: markFollowedUp },
    { path: "archive", summary: "Arkivera", action: "document.archive", run: archiveDocument },
    { path: "new-version", summary: "Skapa en ny version (utkast) av ett publicerat medborgarlöfte", action: "document.newVersion", run: createNewVersion },
  ];
  for (const step of steps) {
    const route = lifecycleApi(step.action);
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
        ...route.options,
      },
      async (req) => {
        const { tenant, actor, loaded } = route.of(req);
        const r = await step.run(app.db, tenant.id, who(actor), loaded.doc.id, req.body.version);
        if (r.kind !== "ok") throw refused(r as { kind: string } & Record<string, unknown>);
        return documentResponse(req, (r as unknown as { document: DocumentRow }).document);
      },
    );
  }
}
