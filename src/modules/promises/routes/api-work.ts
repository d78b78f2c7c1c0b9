// JSON API for the promises inside a document (add, edit, move, remove, status, verdict), for
// activities (log, attach files, remove) and the dashboard of all promises under way.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor.ts";
import { apiErrors } from "../../../platform/http/errors.ts";
import type { App } from "../../../platform/http/types.ts";
import { todayInStockholm } from "../domain/progress.ts";
import { canEditDocument, canFollowUp, canLogAnyActivity, canSetPromiseStatus } from "../policy.ts";
import { listAttachments } from "../repo/activities.ts";
import { ActivityInput, ActivityOut, DashboardOut, MoveBody, PromiseInput, PromiseOut, PromiseStatusBody, PromiseUpdate, VerdictInput } from "../schema.ts";
import { attachFiles, logActivity, MAX_ATTACHMENTS, removeActivity } from "../service/activities.ts";
import type { Who } from "../service/documents.ts";
import { addPromise, movePromise, removePromise, saveFollowUp, setPromiseStatus, updatePromise } from "../service/promises.ts";
import { loadActiveViews, loadDocumentViews } from "../service/views.ts";
import { fail, field, refuse } from "./api-documents.ts";
import { guard, resolvedOf, staffActor } from "./guard.ts";
import { activityOut, progressOut, promiseOut } from "./present.ts";
import { ownerLabel, targetText } from "../pages/format.ts";

const TenantParams = z.object({ tenant: z.string() });
const DocParams = z.object({ tenant: z.string(), documentId: z.string() });
const PromiseParams = z.object({ tenant: z.string(), documentId: z.string(), promiseId: z.string() });
const ActivityParams = z.object({ tenant: z.string(), activityId: z.string() });
const VersionQuery = z.object({ version: z.coerce.number().int().min(1) });
const tags = ["medborgarlöften"];
const security = [{ session: [] }];

function who(actor: Actor): Who {
  return { userId: actor.userId, name: actor.name };
}

export async function registerApiWorkRoutes(app: App): Promise<void> {
  const staff = { preValidation: guard(app, "staff") };

  /** The promise as the API shows it, after a change. */
  async function promiseResponse(req: FastifyRequest, promiseId: string) {
    const tenant = req.tenant!;
    const doc = resolvedOf(req).doc!;
    const [view] = await loadDocumentViews(app.db, tenant.id, [doc], { asOf: todayInStockholm(), attachments: true });
    const p = view!.promises.find((x) => x.id === promiseId)!;
    return promiseOut(req.t, p, view!.doc, { slug: tenant.slug, staff: true });
  }

  app.post(
    "/api/t/:tenant/promise-documents/:documentId/promises",
    {
      schema: {
        tags,
        summary: "Lägg till ett löfte i ett utkast",
        security,
        params: DocParams,
        body: PromiseInput,
        response: { 201: PromiseOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canEditDocument(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await addPromise(app.db, req.tenant!.id, who(actor), resolvedOf(req).doc!.id, req.body);
      if (r.kind !== "ok") return refuse(reply, r);
      return reply.code(201).send(await promiseResponse(req, r.promise.id));
    },
  );

  app.put(
    "/api/t/:tenant/promise-documents/:documentId/promises/:promiseId",
    {
      schema: {
        tags,
        summary: "Ändra ett löfte i ett utkast (skicka versionen du utgick från)",
        security,
        params: PromiseParams,
        body: PromiseUpdate,
        response: { 200: PromiseOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canEditDocument(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await updatePromise(app.db, req.tenant!.id, who(actor), resolvedOf(req).doc!.id, resolvedOf(req).promise!.id, req.body);
      if (r.kind !== "ok") return refuse(reply, r);
      return promiseResponse(req, r.promise.id);
    },
  );

  app.delete(
    "/api/t/:tenant/promise-documents/:documentId/promises/:promiseId",
    {
      schema: {
        tags,
        summary: "Ta bort ett löfte ur ett utkast (?version=; skicka Content-Type: application/json med {} eller huvudet x-csrf-token)",
        security,
        params: PromiseParams,
        querystring: VersionQuery,
        response: { 204: z.null(), ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canEditDocument(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await removePromise(app.db, req.tenant!.id, who(actor), resolvedOf(req).doc!.id, resolvedOf(req).promise!.id, req.query.version);
      if (r.kind !== "ok") return refuse(reply, r);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/t/:tenant/promise-documents/:documentId/promises/:promiseId/move",
    {
      schema: {
        tags,
        summary: "Flytta ett löfte upp eller ned inom sitt avsnitt",
        security,
        params: PromiseParams,
        body: MoveBody,
        response: { 200: PromiseOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      if (!canEditDocument(staffActor(req), req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await movePromise(app.db, req.tenant!.id, resolvedOf(req).doc!.id, resolvedOf(req).promise!.id, req.body.direction, req.body.version);
      if (r.kind !== "ok") return refuse(reply, r);
      return promiseResponse(req, resolvedOf(req).promise!.id);
    },
  );

  app.put(
    "/api/t/:tenant/promise-documents/:documentId/promises/:promiseId/status",
    {
      schema: {
        tags,
        summary: "Ändra ett löftes status medan dokumentet gäller",
        security,
        params: PromiseParams,
        body: PromiseStatusBody,
        response: { 200: PromiseOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canSetPromiseStatus(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await setPromiseStatus(
        app.db,
        req.tenant!.id,
        who(actor),
        resolvedOf(req).doc!.id,
        resolvedOf(req).promise!.id,
        req.body.status,
        req.body.version,
      );
      if (r.kind !== "ok") return refuse(reply, r);
      return promiseResponse(req, r.promise.id);
    },
  );

  app.put(
    "/api/t/:tenant/promise-documents/:documentId/promises/:promiseId/verdict",
    {
      schema: {
        tags,
        summary: "Uppföljning: bedömning (uppfyllt, delvis, ej uppfyllt) med motivering; förslaget från uppmätt utfall sparas bredvid",
        security,
        params: PromiseParams,
        body: VerdictInput,
        response: { 200: PromiseOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canFollowUp(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const promiseId = resolvedOf(req).promise!.id;
      const r = await saveFollowUp(
        app.db,
        req.tenant!.id,
        who(actor),
        resolvedOf(req).doc!.id,
        { verdicts: [{ promiseId, verdict: req.body.verdict, reason: req.body.reason, version: req.body.version }] },
        todayInStockholm(),
      );
      if (r.kind !== "ok") return refuse(reply, r);
      return promiseResponse(req, promiseId);
    },
  );

  app.post(
    "/api/t/:tenant/promise-activities",
    {
      schema: {
        tags,
        summary: "Logga en aktivitet på ett löfte (datum inom giltighetsperioden)",
        security,
        params: TenantParams,
        body: ActivityInput,
        response: { 201: ActivityOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      if (!canLogAnyActivity(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const r = await logActivity(app.db, app.deps.storage, req.tenant!.id, actor, req.body, [], todayInStockholm());
      switch (r.kind) {
        case "ok":
          return reply.code(201).send(activityOut({ ...r.activity, attachments: [] }, { slug: req.tenant!.slug, staff: true }));
        case "dateOutsidePeriod":
          return fail(reply, 400, "validation", "promises.error.dateOutsidePeriod", { from: r.validFrom, to: r.validTo }, [
            field("occurred_on", "promises.error.dateOutsidePeriod", { from: r.validFrom, to: r.validTo }),
          ]);
        case "dateInFuture":
          return fail(reply, 400, "validation", "promises.error.dateInFuture", undefined, [field("occurred_on", "promises.error.dateInFuture")]);
        case "notFound":
          return fail(reply, 404, "not_found", "promises.error.promiseNotFound", undefined, [field("promise_id", "promises.error.promiseNotFound")]);
        default:
          return refuse(reply, r);
      }
    },
  );

  app.post(
    "/api/t/:tenant/promise-activities/:activityId/attachments",
    {
      schema: {
        tags,
        summary: "Lägg till bilagor till en aktivitet (multipart/form-data, fältet attachments; CSRF-token i huvudet x-csrf-token)",
        security,
        params: ActivityParams,
        consumes: ["multipart/form-data"],
        response: { 201: ActivityOut, ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const actor = staffActor(req);
      const activity = resolvedOf(req).activity!;
      if (actor.userId !== activity.created_by && !canFollowUp(actor, req.tenant!.id)) return fail(reply, 403, "forbidden", "promises.error.forbidden");
      const files = resolvedOf(req).files;
      if (files.length === 0) return fail(reply, 400, "validation", "promises.error.noFiles", undefined, [field("attachments", "promises.error.noFiles")]);
      const r = await attachFiles(app.db, app.deps.storage, req.tenant!.id, actor, activity, files);
      if (r.kind === "badFile")
        return fail(reply, 400, "validation", "promises.error.badFile", { name: r.filename }, [
          field("attachments", "promises.error.badFile", { name: r.filename }),
        ]);
      if (r.kind === "tooManyFiles") return fail(reply, 400, "validation", "promises.error.tooManyFiles", { max: MAX_ATTACHMENTS });
      if (r.kind !== "ok") return refuse(reply, r);
      const attachments = (await listAttachments(app.db, req.tenant!.id, [activity.id])).get(activity.id) ?? [];
      return reply.code(201).send(activityOut({ ...activity, attachments }, { slug: req.tenant!.slug, staff: true }));
    },
  );

  app.delete(
    "/api/t/:tenant/promise-activities/:activityId",
    {
      schema: {
        tags,
        summary: "Ta bort en aktivitet (skicka Content-Type: application/json med {} eller huvudet x-csrf-token)",
        security,
        params: ActivityParams,
        response: { 204: z.null(), ...apiErrors },
      },
      ...staff,
    },
    async (req, reply) => {
      const r = await removeActivity(app.db, app.deps.storage, req.tenant!.id, staffActor(req), resolvedOf(req).activity!.id);
      if (r.kind !== "ok") return refuse(reply, r);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/t/:tenant/promises/dashboard",
    {
      schema: {
        tags,
        summary: "Alla löften under arbete med mål, utfall och om de ligger efter",
        security,
        params: TenantParams,
        response: { 200: DashboardOut, ...apiErrors },
      },
      ...staff,
    },
    async (req) => {
      const views = await loadActiveViews(app.db, req.tenant!.id, todayInStockholm());
      return {
        promises: views.flatMap((v) =>
          v.promises.map((p) => ({
            document_id: v.doc.id,
            document_title: v.doc.title,
            id: p.id,
            number: p.number,
            text: p.text,
            owner_label: ownerLabel(req.t, p.owner, v.doc.parties),
            target: targetText(req.t, p.target),
            progress: progressOut(p.progress),
          })),
        ),
      };
    },
  );
}
