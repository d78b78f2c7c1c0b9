// JSON API for the promises inside a document (add, edit, move, remove, status, verdict), for
// activities (log, attach files, remove) and the dashboard of all promises under way.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor.ts";
import { apiErrors, fieldIssue, HttpError } from "../../../platform/http/errors.ts";
import type { App } from "../../../platform/http/types.ts";
import { todayInStockholm } from "../domain/progress.ts";
import { listAttachments } from "../repo/activities.ts";
import { ActivityInput, ActivityOut, DashboardOut, MoveBody, PromiseInput, PromiseOut, PromiseStatusBody, PromiseUpdate, VerdictInput } from "../schema.ts";
import { attachFiles, logActivity, removeActivity } from "../service/activities.ts";
import type { Who } from "../service/documents.ts";
import { addPromise, movePromise, removePromise, saveFollowUp, setPromiseStatus, updatePromise } from "../service/promises.ts";
import { loadActiveViews, loadDocumentViews } from "../service/views.ts";
import { attachApi, editDocApi, editPromiseApi, logActivityApi, promiseStatusApi, removeActivityApi, staffApi, verdictApi } from "./access.ts";
import { activityOut, progressOut, promiseOut } from "./present.ts";
import { refused } from "./refusals.ts";
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
  /** The promise as the API shows it, after a change. */
  async function promiseResponse(req: FastifyRequest, promiseId: string) {
    const { tenant, loaded } = editDocApi.of(req);
    const doc = loaded.doc;
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
      ...editDocApi.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = editDocApi.of(req);
      const r = await addPromise(app.db, tenant.id, who(actor), loaded.doc.id, req.body);
      if (r.kind !== "ok") throw refused(r);
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
      ...editPromiseApi.options,
    },
    async (req) => {
      const { tenant, actor, loaded } = editPromiseApi.of(req);
      const r = await updatePromise(app.db, tenant.id, who(actor), loaded.doc.id, loaded.promise.id, req.body);
      if (r.kind !== "ok") throw refused(r);
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
      ...editPromiseApi.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = editPromiseApi.of(req);
      const r = await removePromise(app.db, tenant.id, who(actor), loaded.doc.id, loaded.promise.id, req.query.version);
      if (r.kind !== "ok") throw refused(r);
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
      ...editPromiseApi.options,
    },
    async (req) => {
      const { tenant, loaded } = editPromiseApi.of(req);
      const r = await movePromise(app.db, tenant.id, loaded.doc.id, loaded.promise.id, req.body.direction, req.body.version);
      if (r.kind !== "ok") throw refused(r);
      return promiseResponse(req, loaded.promise.id);
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
      ...promiseStatusApi.options,
    },
    async (req) => {
      const { tenant, actor, loaded } = promiseStatusApi.of(req);
      const r = await setPromiseStatus(app.db, tenant.id, who(actor), loaded.doc.id, loaded.promise.id, req.body.status, req.body.version);
      if (r.kind !== "ok") throw refused(r);
      return promiseResponse(req, r.promise.id);
    },
  );

  app.put(
    "/api/t/:tenant/promise-documents/:documentId/promises/:promiseId/verdict",
    {
      schema: {
        tags,
        summary:
          "Uppföljning: bedömning (uppfyllt, delvis, ej uppfyllt) med motivering; förslaget från uppmätt utfall sparas bredvid. En bedömning som går emot utfallet kräver confirm_against_measurement: true (annars 409 against_measurement)",
        security,
        params: PromiseParams,
        body: VerdictInput,
        response: { 200: PromiseOut, ...apiErrors },
      },
      ...verdictApi.options,
    },
    async (req) => {
      const { tenant, actor, loaded } = verdictApi.of(req);
      const promiseId = loaded.promise.id;
      const r = await saveFollowUp(
        app.db,
        tenant.id,
        who(actor),
        loaded.doc.id,
        {
          verdicts: [
            { promiseId, verdict: req.body.verdict, reason: req.body.reason, version: req.body.version, confirmed: req.body.confirm_against_measurement },
          ],
        },
        todayInStockholm(),
      );
      if (r.kind !== "ok") throw refused(r);
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
      ...logActivityApi.options,
    },
    async (req, reply) => {
      const { tenant, actor } = logActivityApi.of(req);
      const r = await logActivity(app.db, app.deps.storage, tenant.id, actor, req.body, [], todayInStockholm());
      if (r.kind === "ok") return reply.code(201).send(activityOut({ ...r.activity, attachments: [] }, { slug: tenant.slug, staff: true }));
      if (r.kind === "notFound")
        throw HttpError.of(404, "promises.error.promiseNotFound", undefined, { fields: [fieldIssue("promise_id", "promises.error.promiseNotFound")] });
      throw refused(r);
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
      ...attachApi.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded, files: uploaded } = attachApi.of(req);
      const activity = loaded.activity;
      const big = uploaded.find((f) => f.truncated);
      if (big)
        throw HttpError.of(
          413,
          "promises.error.fileTooLarge",
          { name: big.filename, mb: 10 },
          { fields: [fieldIssue("attachments", "promises.error.fileTooLarge", { name: big.filename, mb: 10 })] },
        );
      const files = uploaded.map((f) => ({ filename: f.filename, contentType: f.contentType, data: f.data }));
      if (files.length === 0)
        throw HttpError.of(400, "promises.error.noFiles", undefined, { code: "validation", fields: [fieldIssue("attachments", "promises.error.noFiles")] });
      const r = await attachFiles(app.db, app.deps.storage, tenant.id, actor, activity, files);
      if (r.kind !== "ok") throw refused(r);
      const attachments = (await listAttachments(app.db, tenant.id, [activity.id])).get(activity.id) ?? [];
      return reply.code(201).send(activityOut({ ...activity, attachments }, { slug: tenant.slug, staff: true }));
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
      ...removeActivityApi.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = removeActivityApi.of(req);
      const r = await removeActivity(app.db, app.deps.storage, tenant.id, actor, loaded.activity.id);
      if (r.kind !== "ok") throw refused(r);
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
      ...staffApi.options,
    },
    async (req) => {
      const views = await loadActiveViews(app.db, staffApi.of(req).tenant.id, todayInStockholm());
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
