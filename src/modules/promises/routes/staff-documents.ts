// Staff pages for documents: the dashboard, creating (from scratch or by copying last period's
// document — the source must be chosen), the document page, editing a draft (optimistic
// locking: a stale version answers 409 with the person's input kept), deleting a draft (after a
// confirmation step) and a PDF preview of a draft.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type FieldErrors, isConfirmed, field } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { todayInStockholm } from "../domain/progress.ts";
import { type DocumentFormInput, documentFormPage, documentValues, type FormValues } from "../pages/forms.ts";
import { confirmPage, dashboardPage, staffBase } from "../pages/staff.ts";
import { renderDocumentPdf } from "../pdf/render.ts";
import { abilitiesOf } from "../policy.ts";
import { listDocuments } from "../repo/documents.ts";
import { listPromises } from "../repo/promises.ts";
import { CopyInput, DocumentInput, DocumentUpdate } from "../schema.ts";
import { copyDocument, createDocument, deleteDraftDocument, orphanedOwners, updateDocument } from "../service/documents.ts";
import { loadActiveViews, loadDocumentViews } from "../service/views.ts";
import { documentFromForm, numberInput, remapDocumentPath, validateForm } from "./form-input.ts";
import { createPage, deleteDocPage, docFile, docPage, editDocPage, staffPage } from "./access.ts";
import { sendPdf } from "./public.ts";
import { conflictText, renderDocumentStaffPage, wrongStatusText } from "./staff-common.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { KOMMUNEN, POLISEN } from "../domain/lifecycle.ts";
import type { Party } from "../tables.ts";

const TenantParams = z.object({ tenant: z.string() });
const DocParams = z.object({ tenant: z.string(), documentId: z.string() });
const tags = ["medborgarlöften (sidor för personal)"];

function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === "_csrf") continue;
    if (typeof v === "string" || Array.isArray(v)) out[k] = v as string | string[];
  }
  return out;
}

/** "Owners no longer a party" as a message on the party input that removed them. */
function ownerErrors(t: Translate, owners: readonly string[]): FieldErrors {
  if (owners.length === 0) return {};
  const name = owners.includes(KOMMUNEN)
    ? "party_kommunen"
    : owners.includes(POLISEN)
      ? "party_polisen"
      : owners.includes("tillsammans")
        ? "party_kommunen"
        : "other_parties";
  return { [name]: t("promises.error.ownerNotAParty", { owners: owners.join(", ") }) };
}

export async function registerStaffDocumentRoutes(app: App): Promise<void> {
  async function renderForm(req: FastifyRequest, reply: FastifyReply, input: DocumentFormInput, status = 200) {
    const tenant = req.tenant!;
    const copySources = input.mode === "new" ? await listDocuments(app.db, tenant.id) : undefined;
    return sendPageAsync(req, reply, async (ctx) => documentFormPage(ctx, { ...input, copySources }), status);
  }

  app.get(
    "/t/:tenant/arbete/medborgarloften",
    {
      schema: { tags, summary: "Alla löften under arbete: mål, utfall och vad som ligger efter", params: TenantParams, response: htmlResponses },
      ...staffPage.options,
    },
    async (req, reply) => {
      const { tenant, actor } = staffPage.of(req);
      const [active, documents] = await Promise.all([loadActiveViews(app.db, tenant.id, todayInStockholm()), listDocuments(app.db, tenant.id)]);
      return sendPageAsync(req, reply, async (ctx) => dashboardPage(ctx, { active, documents, abilities: abilitiesOf(actor, tenant.id) }));
    },
  );

  app.get(
    "/t/:tenant/arbete/medborgarloften/nytt",
    {
      schema: { tags, summary: "Nytt medborgarlöfte: från början eller som kopia av förra periodens", params: TenantParams, response: htmlResponses },
      ...createPage.options,
    },
    async (req, reply) => {
      const year = Number(todayInStockholm().slice(0, 4)) + 1;
      const name = req.tenant!.name.replace(/ kommun$/, "");
      const values: FormValues = {
        title: req.t("promises.form.defaultTitle", { name, year: String(year) }),
        valid_from: `${year}-01-01`,
        valid_to: `${year}-12-31`,
        party_kommunen: req.tenant!.name,
        party_polisen: req.t("promises.owner.polisen"),
        signing_place: name,
      };
      return renderForm(req, reply, {
        mode: "new",
        values,
        copyValues: { title: values.title as string, valid_from: `${year}-01-01`, valid_to: `${year}-12-31` },
      });
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften",
    { schema: { tags, summary: "Skapa ett medborgarlöfte (utkast)", params: TenantParams, body: FormBody, response: htmlResponses }, ...createPage.options },
    async (req, reply) => {
      const { tenant, actor } = createPage.of(req);
      const parsed = validateForm(DocumentInput, documentFromForm(req.body, req.t), req, { remap: remapDocumentPath });
      if (!parsed.ok) return renderForm(req, reply, { mode: "new", values: formValues(req.body), errors: parsed.errors }, 400);
      const r = await createDocument(app.db, tenant.id, { userId: actor.userId, name: actor.name }, parsed.value);
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${r.document.id}`, req.t("promises.flash.created"));
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/kopiera",
    {
      schema: { tags, summary: "Skapa ett utkast som kopia av ett tidigare medborgarlöfte", params: TenantParams, body: FormBody, response: htmlResponses },
      ...createPage.options,
    },
    async (req, reply) => {
      const { tenant, actor } = createPage.of(req);
      const parsed = validateForm(
        CopyInput,
        {
          data: {
            source_id: field(req.body, "source_id"),
            title: field(req.body, "title"),
            valid_from: field(req.body, "valid_from") || undefined,
            valid_to: field(req.body, "valid_to") || undefined,
          },
          rows: {},
          errors: {},
        },
        req,
      );
      const newValues: FormValues = { party_kommunen: tenant.name, party_polisen: req.t("promises.owner.polisen") };
      if (!parsed.ok) return renderForm(req, reply, { mode: "new", values: newValues, copyValues: formValues(req.body), copyErrors: parsed.errors }, 400);
      const r = await copyDocument(app.db, tenant.id, { userId: actor.userId, name: actor.name }, parsed.value);
      if (r.kind === "notFound") {
        return renderForm(
          req,
          reply,
          { mode: "new", values: newValues, copyValues: formValues(req.body), copyErrors: { source_id: req.t("promises.error.copySource") } },
          400,
        );
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${r.document.id}`, req.t("promises.flash.copied"));
    },
  );

  app.get(
    "/t/:tenant/arbete/medborgarloften/:documentId",
    {
      schema: { tags, summary: "Ett medborgarlöfte: livscykel, löften, utfall, aktiviteter och historik", params: DocParams, response: htmlResponses },
      ...docPage.options,
    },
    async (req, reply) => renderDocumentStaffPage(app, req, reply, docPage.of(req).loaded.doc),
  );

  app.get(
    "/t/:tenant/arbete/medborgarloften/:documentId/redigera",
    { schema: { tags, summary: "Redigera ett utkast", params: DocParams, response: htmlResponses }, ...editDocPage.options },
    async (req, reply) => {
      const doc = editDocPage.of(req).loaded.doc;
      if (doc.status !== "utkast") return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, doc.status), status: 409 });
      return renderForm(req, reply, { mode: "edit", doc, values: documentValues(doc), parties: doc.parties });
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/:documentId",
    {
      schema: { tags, summary: "Spara ändringar i ett utkast (med versionen du utgick från)", params: DocParams, body: FormBody, response: htmlResponses },
      ...editDocPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = editDocPage.of(req);
      const doc = loaded.doc;
      const values = formValues(req.body);
      const input = documentFromForm(req.body, req.t);
      // Business rules checked together with the schema, so one submit shows every problem.
      const owners = await orphanedOwners(app.db, tenant.id, doc.id, input.data.parties as Party[]);
      const parsed = validateForm(DocumentUpdate, input, req, { remap: remapDocumentPath, extra: ownerErrors(req.t, owners) });
      if (!parsed.ok) return renderForm(req, reply, { mode: "edit", doc, values, errors: parsed.errors, parties: doc.parties }, 400);
      const r = await updateDocument(app.db, tenant.id, { userId: actor.userId, name: actor.name }, doc.id, parsed.value);
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${doc.id}`, req.t("promises.flash.saved"));
        case "notFound":
          return reply.callNotFound();
        case "wrongStatus":
          return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, r.status), status: 409 });
        case "conflict": {
          // Keep what the person typed; move them onto the current version so a deliberate second
          // save can go through, and say clearly that someone else saved in between.
          const errors: FieldErrors = {};
          const current = r.current;
          return renderForm(
            req,
            reply,
            {
              mode: "edit",
              doc: current,
              values: { ...values, version: String(current.version) },
              errors,
              formError: `${conflictText(req.t)} ${req.t("promises.error.conflictBy", { when: formatDate(current.updated_at, req.locale, true) })}`,
              parties: current.parties,
            },
            409,
          );
        }
        case "ownerNotAParty":
          return renderForm(req, reply, { mode: "edit", doc, values, errors: ownerErrors(req.t, r.owners), parties: doc.parties }, 409);
      }
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/:documentId/ta-bort",
    {
      schema: {
        tags,
        summary: "Ta bort ett utkast med dess löften (först en bekräftelsesida; med confirm=ja tas det bort)",
        params: DocParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...deleteDocPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = deleteDocPage.of(req);
      const doc = loaded.doc;
      const t = req.t;
      if (doc.status !== "utkast") return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(t, doc.status), status: 409 });
      const version = numberInput(field(req.body, "version"));
      if (typeof version !== "number") return renderDocumentStaffPage(app, req, reply, doc, { notice: t("promises.error.version"), status: 400 });
      const base = staffBase(tenant.slug);
      if (!isConfirmed(req.body)) {
        const promises = await listPromises(app.db, tenant.id, [doc.id]);
        return sendPageAsync(req, reply, async (ctx) =>
          confirmPage(ctx, {
            doc,
            heading: t("promises.confirm.deleteDraft.heading"),
            question: t("promises.confirm.deleteDraft.question", { title: doc.title, count: promises.length }),
            action: `${base}/${doc.id}/ta-bort`,
            fields: { version: String(version) },
            confirmLabel: t("promises.confirm.deleteDraft.button"),
            danger: true,
          }),
        );
      }
      const r = await deleteDraftDocument(app.db, tenant.id, { userId: actor.userId, name: actor.name }, doc.id, version);
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, base, t("promises.flash.draftDeleted", { title: r.title }));
        case "notFound":
          return reply.callNotFound();
        case "wrongStatus":
          return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(t, r.status), status: 409 });
        case "conflict":
          return renderDocumentStaffPage(app, req, reply, r.current, { notice: conflictText(t), status: 409 });
        case "hasActivities":
          return renderDocumentStaffPage(app, req, reply, doc, { notice: t("promises.error.draftHasActivities", { count: r.count }), status: 409 });
      }
    },
  );

  app.get(
    "/t/:tenant/arbete/medborgarloften/:documentId/forhandsgranska.pdf",
    { schema: { tags, summary: "Förhandsgranska ett utkast som PDF", params: DocParams, response: { 200: z.string().describe("PDF") } }, ...docFile.options },
    async (req, reply) => {
      const { tenant, loaded } = docFile.of(req);
      const doc = loaded.doc;
      const [view] = await loadDocumentViews(app.db, tenant.id, [doc], { asOf: todayInStockholm() });
      const pdf = await renderDocumentPdf(view!, {
        publicUrl: `${app.deps.config.baseUrl}/t/${tenant.slug}/medborgarlofte`,
        locale: req.locale,
        provenance: true,
      });
      return sendPdf(reply, pdf, req.t("promises.staff.previewFileName", { title: doc.title }));
    },
  );
}
