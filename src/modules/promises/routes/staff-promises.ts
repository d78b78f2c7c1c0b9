// Staff pages for the promises of a draft: add, edit (with optimistic locking), move within its
// section, remove (after a confirmation step); and the operational status of a promise while the
// document runs.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type FieldErrors, isConfirmed } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { numberPromises, ownerKeys, statusAllows } from "../domain/lifecycle.ts";
import { type FormValues, promiseFormPage, promiseValues } from "../pages/forms.ts";
import { confirmPage, staffBase } from "../pages/staff.ts";
import type { DocumentRow } from "../repo/documents.ts";
import { listPromises, listResponsibles } from "../repo/promises.ts";
import { MoveBody, PromiseInput, PromiseStatusBody, PromiseUpdate, VersionBody } from "../schema.ts";
import { addPromise, movePromise, removePromise, setPromiseStatus, updatePromise } from "../service/promises.ts";
import { numberInput, plainInput, promiseFromForm, validateForm } from "./form-input.ts";
import { field, fields } from "../../../platform/http/forms.ts";
import { editDocPage, editPromisePage, promiseStatusPage } from "./access.ts";
import { conflictText, renderDocumentStaffPage, wrongStatusText } from "./staff-common.ts";

const DocParams = z.object({ tenant: z.string(), documentId: z.string() });
const PromiseParams = z.object({ tenant: z.string(), documentId: z.string(), promiseId: z.string() });
const tags = ["medborgarlöften (sidor för personal)"];

function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (k !== "_csrf" && (typeof v === "string" || Array.isArray(v))) out[k] = v as string | string[];
  out.responsible_organisation_ids = fields(body, "responsible_organisation_ids");
  return out;
}

/** The promise's business rules (an owner that is a party, organisations of the tenant) as field messages. */
function promiseProblems(req: FastifyRequest, doc: DocumentRow, organisationIds: ReadonlySet<string>): FieldErrors {
  const errors: FieldErrors = {};
  const owner = field(req.body, "owner");
  if (owner && !ownerKeys(doc.parties).includes(owner)) errors.owner = req.t("promises.error.owner");
  if (fields(req.body, "responsible_organisation_ids").some((id) => id && !organisationIds.has(id)))
    errors.responsible_organisation_ids = req.t("promises.error.organisations");
  return errors;
}

export async function registerStaffPromiseRoutes(app: App): Promise<void> {
  async function organisationIds(tenantId: string): Promise<Set<string>> {
    return new Set((await listOrganisations(app.db, tenantId)).map((o) => o.id));
  }

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    doc: DocumentRow,
    values: FormValues,
    opts: { promiseId?: string; errors?: FieldErrors; formError?: string; status?: number } = {},
  ) {
    const organisations = (await listOrganisations(app.db, req.tenant!.id)).map((o) => ({ id: o.id, name: o.name }));
    return sendPageAsync(
      req,
      reply,
      async (ctx) => promiseFormPage(ctx, { doc, promiseId: opts.promiseId, values, errors: opts.errors, formError: opts.formError, organisations }),
      opts.status ?? 200,
    );
  }

  /** The draft (the pipeline checked the edit rule), or a reply already sent (the document page explaining why). */
  async function editableDraft(req: FastifyRequest, reply: FastifyReply, doc: DocumentRow): Promise<DocumentRow | FastifyReply> {
    if (!statusAllows(doc.status, "edit")) return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, doc.status), status: 409 });
    return doc;
  }

  const isReply = (x: DocumentRow | FastifyReply): x is FastifyReply => !("series_id" in x);

  app.get(
    "/t/:tenant/arbete/medborgarloften/:documentId/lofte/nytt",
    { schema: { tags, summary: "Lägg till ett löfte i ett utkast", params: DocParams, response: htmlResponses }, ...editDocPage.options },
    async (req, reply) => {
      const doc = await editableDraft(req, reply, editDocPage.of(req).loaded.doc);
      if (isReply(doc)) return doc;
      return renderForm(req, reply, doc, { owner: "tillsammans", status: "planerad" });
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/:documentId/lofte",
    { schema: { tags, summary: "Spara ett nytt löfte", params: DocParams, body: FormBody, response: htmlResponses }, ...editDocPage.options },
    async (req, reply) => {
      const { actor, loaded } = editDocPage.of(req);
      const doc = await editableDraft(req, reply, loaded.doc);
      if (isReply(doc)) return doc;
      const values = formValues(req.body);
      const extra = promiseProblems(req, doc, await organisationIds(req.tenant!.id));
      const parsed = validateForm(PromiseInput, promiseFromForm(req.body), req, { extra });
      if (!parsed.ok) return renderForm(req, reply, doc, values, { errors: parsed.errors, status: 400 });
      const r = await addPromise(app.db, req.tenant!.id, { userId: actor.userId, name: actor.name }, doc.id, parsed.value);
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, `${staffBase(req.tenant!.slug)}/${doc.id}`, req.t("promises.flash.promiseAdded"));
        case "notFound":
          return reply.callNotFound();
        case "wrongStatus":
          return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, r.status), status: 409 });
        case "invalidOwner":
          return renderForm(req, reply, doc, values, { errors: { owner: req.t("promises.error.owner") }, status: 400 });
        case "unknownOrganisations":
          return renderForm(req, reply, doc, values, { errors: { responsible_organisation_ids: req.t("promises.error.organisations") }, status: 400 });
      }
    },
  );

  app.get(
    "/t/:tenant/arbete/medborgarloften/:documentId/lofte/:promiseId/redigera",
    { schema: { tags, summary: "Redigera ett löfte i ett utkast", params: PromiseParams, response: htmlResponses }, ...editPromisePage.options },
    async (req, reply) => {
      const { loaded } = editPromisePage.of(req);
      const doc = await editableDraft(req, reply, loaded.doc);
      if (isReply(doc)) return doc;
      const p = loaded.promise;
      const responsibles = (await listResponsibles(app.db, req.tenant!.id, [p.id])).get(p.id) ?? [];
      return renderForm(req, reply, doc, promiseValues({ ...p, responsibleIds: responsibles.map((o) => o.id) }), { promiseId: p.id });
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/:documentId/lofte/:promiseId",
    {
      schema: { tags, summary: "Spara ändringar i ett löfte (med versionen du utgick från)", params: PromiseParams, body: FormBody, response: htmlResponses },
      ...editPromisePage.options,
    },
    async (req, reply) => {
      const { actor, loaded } = editPromisePage.of(req);
      const doc = await editableDraft(req, reply, loaded.doc);
      if (isReply(doc)) return doc;
      const p = loaded.promise;
      const values = formValues(req.body);
      const extra = promiseProblems(req, doc, await organisationIds(req.tenant!.id));
      const parsed = validateForm(PromiseUpdate, promiseFromForm(req.body), req, { extra });
      if (!parsed.ok) return renderForm(req, reply, doc, values, { promiseId: p.id, errors: parsed.errors, status: 400 });
      const r = await updatePromise(app.db, req.tenant!.id, { userId: actor.userId, name: actor.name }, doc.id, p.id, parsed.value);
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, `${staffBase(req.tenant!.slug)}/${doc.id}`, req.t("promises.flash.promiseSaved"));
        case "notFound":
          return reply.callNotFound();
        case "wrongStatus":
          return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, r.status), status: 409 });
        case "conflict":
          return renderForm(
            req,
            reply,
            doc,
            { ...values, version: String(r.current.version) },
            { promiseId: p.id, formError: conflictText(req.t), status: 409 },
          );
        case "invalidOwner":
          return renderForm(req, reply, doc, values, { promiseId: p.id, errors: { owner: req.t("promises.error.owner") }, status: 400 });
        case "unknownOrganisations":
          return renderForm(req, reply, doc, values, {
            promiseId: p.id,
            errors: { responsible_organisation_ids: req.t("promises.error.organisations") },
            status: 400,
          });
      }
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/:documentId/lofte/:promiseId/flytta",
    {
      schema: { tags, summary: "Flytta ett löfte upp eller ned inom sitt avsnitt", params: PromiseParams, body: FormBody, response: htmlResponses },
      ...editPromisePage.options,
    },
    async (req, reply) => {
      const { loaded } = editPromisePage.of(req);
      const doc = await editableDraft(req, reply, loaded.doc);
      if (isReply(doc)) return doc;
      const p = loaded.promise;
      const parsed = validateForm(MoveBody, plainInput({ direction: field(req.body, "direction"), version: numberInput(field(req.body, "version")) }), req);
      if (!parsed.ok) return renderDocumentStaffPage(app, req, reply, doc, { notice: Object.values(parsed.errors).join(" "), status: 400 });
      const r = await movePromise(app.db, req.tenant!.id, doc.id, p.id, parsed.value.direction, parsed.value.version);
      if (r.kind === "notFound") return reply.callNotFound();
      if (r.kind === "conflict") return renderDocumentStaffPage(app, req, reply, doc, { notice: conflictText(req.t), status: 409 });
      return reply.code(303).redirect(`${staffBase(req.tenant!.slug)}/${doc.id}#lofte-${p.id}`);
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/:documentId/lofte/:promiseId/ta-bort",
    {
      schema: { tags, summary: "Ta bort ett löfte ur ett utkast", params: PromiseParams, body: FormBody, response: htmlResponses },
      ...editPromisePage.options,
    },
    async (req, reply) => {
      const { actor, loaded } = editPromisePage.of(req);
      const doc = await editableDraft(req, reply, loaded.doc);
      if (isReply(doc)) return doc;
      const p = loaded.promise;
      const parsed = validateForm(VersionBody, plainInput({ version: numberInput(field(req.body, "version")) }), req);
      if (!parsed.ok) return renderDocumentStaffPage(app, req, reply, doc, { notice: req.t("promises.error.version"), status: 400 });
      const version = parsed.value.version;
      if (!isConfirmed(req.body)) {
        const numbered = numberPromises(await listPromises(app.db, req.tenant!.id, [doc.id]), doc.parties).find((x) => x.id === p.id);
        const base = `${staffBase(req.tenant!.slug)}/${doc.id}`;
        return sendPageAsync(req, reply, async (ctx) =>
          confirmPage(ctx, {
            doc,
            heading: req.t("promises.confirm.removePromise.heading"),
            question: req.t("promises.confirm.removePromise.question", { number: numbered?.number ?? "", text: p.text }),
            action: `${base}/lofte/${p.id}/ta-bort`,
            fields: { version: String(version) },
            confirmLabel: req.t("promises.confirm.removePromise.button"),
            danger: true,
          }),
        );
      }
      const r = await removePromise(app.db, req.tenant!.id, { userId: actor.userId, name: actor.name }, doc.id, p.id, version);
      if (r.kind === "ok") return redirectWithFlash(reply, `${staffBase(req.tenant!.slug)}/${doc.id}`, req.t("promises.flash.promiseRemoved"));
      if (r.kind === "notFound") return reply.callNotFound();
      if (r.kind === "wrongStatus") return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, r.status), status: 409 });
      return renderDocumentStaffPage(app, req, reply, doc, { notice: conflictText(req.t), status: 409 });
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/:documentId/lofte/:promiseId/status",
    {
      schema: {
        tags,
        summary: "Ändra ett löftes status (planerad, pågår, genomförd, inställd)",
        params: PromiseParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...promiseStatusPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = promiseStatusPage.of(req);
      const { doc, promise: p } = loaded;
      const parsed = validateForm(PromiseStatusBody, plainInput({ status: field(req.body, "status"), version: numberInput(field(req.body, "version")) }), req);
      if (!parsed.ok) return renderDocumentStaffPage(app, req, reply, doc, { notice: req.t("promises.error.promiseStatus"), status: 400 });
      const r = await setPromiseStatus(app.db, tenant.id, { userId: actor.userId, name: actor.name }, doc.id, p.id, parsed.value.status, parsed.value.version);
      if (r.kind === "ok") return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${doc.id}`, req.t("promises.flash.statusSaved"));
      if (r.kind === "notFound") return reply.callNotFound();
      if (r.kind === "wrongStatus") return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, r.status), status: 409 });
      return renderDocumentStaffPage(app, req, reply, doc, { notice: conflictText(req.t), status: 409 });
    },
  );
}
