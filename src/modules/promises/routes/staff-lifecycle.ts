// Staff lifecycle steps as plain form posts (sign, back to draft, publish, mark followed up,
// archive, new version) and the follow-up form (verdict and reason per promise). A refused step
// re-renders the document page with a Swedish explanation; nothing changes.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { statusAllows } from "../domain/lifecycle.ts";
import { todayInStockholm } from "../domain/progress.ts";
import type { FormValues } from "../pages/forms.ts";
import { staffBase } from "../pages/staff.ts";
import { followUpFormPage } from "../pages/work.ts";
import type { DocumentRow } from "../repo/documents.ts";
import { archiveDocument, createNewVersion, markFollowedUp, publishDocument, reopenDocument, signDocument, type Who } from "../service/documents.ts";
import { saveFollowUp, type VerdictEntry } from "../service/promises.ts";
import { loadDocumentViews } from "../service/views.ts";
import { TransitionBody, VerdictInput, VersionBody } from "../schema.ts";
import { field } from "../../../platform/http/forms.ts";
import { followUpPage, type LifecycleAction, lifecyclePage } from "./access.ts";
import { numberInput, validateForm } from "./form-input.ts";
import { conflictText, missingSignaturesText, renderDocumentStaffPage, wrongStatusText } from "./staff-common.ts";

const DocParams = z.object({ tenant: z.string(), documentId: z.string() });
const tags = ["medborgarlöften (sidor för personal)"];

type Step = {
  path: string;
  summary: string;
  action: LifecycleAction;
  run: (app: App, tenantId: string, who: Who, doc: DocumentRow, version: number) => Promise<{ kind: string } & Record<string, unknown>>;
  flash: string;
};

const STEPS: Step[] = [
  {
    path: "signera",
    summary: "Markera utkastet som undertecknat",
    action: "document.sign",
    run: (a, t, w, d, v) => signDocument(a.db, t, w, d.id, v),
    flash: "promises.flash.signed",
  },
  {
    path: "aterga",
    summary: "Återgå från undertecknat till utkast",
    action: "document.reopen",
    run: (a, t, w, d, v) => reopenDocument(a.db, t, w, d.id, v),
    flash: "promises.flash.reopened",
  },
  {
    path: "publicera",
    summary: "Publicera ett undertecknat medborgarlöfte",
    action: "document.publish",
    run: (a, t, w, d, v) => publishDocument(a.db, t, w, d.id, v),
    flash: "promises.flash.published",
  },
  {
    path: "uppfoljd",
    summary: "Markera medborgarlöftet som uppföljt",
    action: "document.followUp",
    run: (a, t, w, d, v) => markFollowedUp(a.db, t, w, d.id, v),
    flash: "promises.flash.followedUp",
  },
  {
    path: "arkivera",
    summary: "Arkivera ett medborgarlöfte",
    action: "document.archive",
    run: (a, t, w, d, v) => archiveDocument(a.db, t, w, d.id, v),
    flash: "promises.flash.archived",
  },
  {
    path: "ny-version",
    summary: "Skapa en ny version (utkast) av ett publicerat medborgarlöfte",
    action: "document.newVersion",
    run: (a, t, w, d, v) => createNewVersion(a.db, t, w, d.id, v),
    flash: "promises.flash.newVersion",
  },
];

export async function registerStaffLifecycleRoutes(app: App): Promise<void> {
  for (const step of STEPS) {
    const route = lifecyclePage(step.action);
    app.post(
      `/t/:tenant/arbete/medborgarloften/:documentId/${step.path}`,
      { schema: { tags, summary: step.summary, params: DocParams, body: FormBody, response: htmlResponses }, ...route.options },
      async (req, reply) => {
        const { tenant, actor, loaded } = route.of(req);
        const doc = loaded.doc;
        const t = req.t;
        const parsed = validateForm(VersionBody, { version: numberInput(field(req.body, "version")) }, req);
        if (!parsed.ok) return renderDocumentStaffPage(app, req, reply, doc, { notice: t("promises.error.version"), status: 400 });
        const r = await step.run(app, tenant.id, { userId: actor.userId, name: actor.name }, doc, parsed.value.version);
        const base = staffBase(tenant.slug);
        switch (r.kind) {
          case "ok": {
            const target = (r.document as DocumentRow).id;
            return redirectWithFlash(reply, `${base}/${target}`, t(step.flash));
          }
          case "notFound":
            return reply.callNotFound();
          case "draftExists":
            return redirectWithFlash(reply, `${base}/${r.id as string}`, t("promises.flash.draftExists"));
          case "wrongStatus":
            return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(t, r.status as string), status: 409 });
          case "conflict":
            return renderDocumentStaffPage(app, req, reply, r.current as DocumentRow, { notice: conflictText(t), status: 409 });
          case "incomplete":
            return renderDocumentStaffPage(app, req, reply, doc, { notice: t("promises.error.cannotSign"), status: 409 });
          case "missingSignatures":
            return renderDocumentStaffPage(app, req, reply, doc, {
              notice: missingSignaturesText(t, r.missing as Array<{ key: string; name: string }>),
              status: 409,
            });
          case "missingVerdicts":
            return renderDocumentStaffPage(app, req, reply, doc, { notice: t("promises.error.missingVerdicts", { count: r.count as number }), status: 409 });
          default:
            return reply.callNotFound();
        }
      },
    );
  }

  async function renderFollowUp(
    req: FastifyRequest,
    reply: FastifyReply,
    doc: DocumentRow,
    values: FormValues | null,
    status = 200,
    errors?: FieldErrors,
    formError?: string,
  ) {
    const [view] = await loadDocumentViews(app.db, req.tenant!.id, [doc], { asOf: todayInStockholm() });
    const stored: FormValues = { version: String(doc.version), followup_summary: doc.followup_summary ?? "" };
    for (const p of view!.promises) {
      stored[`version.${p.id}`] = String(p.version);
      stored[`verdict.${p.id}`] = p.verdict ?? p.progress.suggestedVerdict ?? "";
      stored[`reason.${p.id}`] = p.verdict_reason ?? "";
    }
    return sendPageAsync(req, reply, async (ctx) => followUpFormPage(ctx, { view: view!, values: values ?? stored, errors, formError }), status);
  }

  app.get(
    "/t/:tenant/arbete/medborgarloften/:documentId/uppfoljning",
    {
      schema: { tags, summary: "Följ upp: bekräfta eller ändra den föreslagna bedömningen per löfte", params: DocParams, response: htmlResponses },
      ...followUpPage.options,
    },
    async (req, reply) => {
      const doc = followUpPage.of(req).loaded.doc;
      if (!statusAllows(doc.status, "setVerdict"))
        return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, doc.status), status: 409 });
      return renderFollowUp(req, reply, doc, null);
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/:documentId/uppfoljning",
    {
      schema: { tags, summary: "Spara bedömningar (uppfyllt, delvis, ej uppfyllt) med motivering", params: DocParams, body: FormBody, response: htmlResponses },
      ...followUpPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = followUpPage.of(req);
      const doc = loaded.doc;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values: FormValues = {};
      for (const [k, v] of Object.entries(body)) if (k !== "_csrf" && typeof v === "string") values[k] = v;
      // Each promise's row is validated with the API's VerdictInput, the summary with its
      // TransitionBody: the same limits (a reason of at most 4000 characters …) on both paths.
      const errors: FieldErrors = {};
      const verdicts: VerdictEntry[] = [];
      for (const key of Object.keys(body)) {
        const m = /^version\.([0-9a-f-]{36})$/.exec(key);
        if (!m) continue;
        const id = m[1]!;
        const verdict = field(body, `verdict.${id}`);
        const reason = field(body, `reason.${id}`);
        if (!verdict) {
          // Not judged yet: fine, unless a reason was written for no verdict.
          if (reason.trim()) errors[`verdict.${id}`] = req.t("promises.error.verdictMissing");
          continue;
        }
        const row = validateForm(VerdictInput, { verdict, reason, version: numberInput(field(body, key)) }, req, (path) => `${path}.${id}`);
        if (row.ok) verdicts.push({ promiseId: id, ...row.value });
        else Object.assign(errors, row.errors);
      }
      const summary = validateForm(TransitionBody, { version: numberInput(field(body, "version")), followup_summary: field(body, "followup_summary") }, req);
      if (!summary.ok) Object.assign(errors, summary.errors);
      if (Object.keys(errors).length || !summary.ok) return renderFollowUp(req, reply, doc, values, 400, errors);
      const r = await saveFollowUp(
        app.db,
        tenant.id,
        { userId: actor.userId, name: actor.name },
        doc.id,
        { verdicts, summary: { text: summary.value.followup_summary ?? null, version: summary.value.version } },
        todayInStockholm(),
      );
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${doc.id}`, req.t("promises.flash.verdictsSaved", { count: r.saved }));
        case "notFound":
        case "unknownPromise":
          return reply.callNotFound();
        case "wrongStatus":
          return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, r.status), status: 409 });
        case "conflict": {
          // Keep the person's verdicts; take the current versions so a deliberate resave works.
          const [view] = await loadDocumentViews(app.db, tenant.id, [r.document ?? doc], { asOf: todayInStockholm() });
          const fresh: FormValues = { ...values, version: String((r.document ?? doc).version) };
          for (const p of view!.promises) fresh[`version.${p.id}`] = String(p.version);
          return renderFollowUp(req, reply, r.document ?? doc, fresh, 409, undefined, conflictText(req.t));
        }
      }
    },
  );
}
