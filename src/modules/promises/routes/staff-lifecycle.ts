// Staff lifecycle steps as plain form posts (sign, back to draft, publish, mark followed up,
// archive, new version) and the follow-up form (verdict and reason per promise). Public or
// final steps (publish, mark followed up, archive) first answer a confirmation page and act only
// when it is confirmed; a verdict that goes against the measured progress needs its own
// confirmation. A refused step re-renders the document page with a Swedish explanation; nothing
// changes.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type FieldErrors, isConfirmed } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { type DocumentAction, missingSignatories, statusAllows } from "../domain/lifecycle.ts";
import { todayInStockholm, verdictAgainstMeasurement } from "../domain/progress.ts";
import type { FormValues } from "../pages/forms.ts";
import { confirmPage, staffBase } from "../pages/staff.ts";
import { followUpFormPage } from "../pages/work.ts";
import { verdictConflictText } from "../pages/format.ts";
import type { DocumentRow } from "../repo/documents.ts";
import { listPromises } from "../repo/promises.ts";
import { archiveDocument, createNewVersion, markFollowedUp, publishDocument, reopenDocument, signDocument, type Who } from "../service/documents.ts";
import { saveFollowUp, type VerdictEntry } from "../service/promises.ts";
import { loadDocumentViews } from "../service/views.ts";
import { TransitionBody, VerdictInput, VersionBody } from "../schema.ts";
import { VERDICTS, type Verdict } from "../tables.ts";
import { field } from "../../../platform/http/forms.ts";
import { followUpPage, type LifecycleAction, lifecyclePage } from "./access.ts";
import { numberInput, plainInput, validateForm } from "./form-input.ts";
import { conflictText, missingSignaturesText, renderDocumentStaffPage, wrongStatusText } from "./staff-common.ts";

const DocParams = z.object({ tenant: z.string(), documentId: z.string() });
const tags = ["medborgarlöften (sidor för personal)"];

type Step = {
  path: string;
  summary: string;
  action: LifecycleAction;
  run: (app: App, tenantId: string, who: Who, doc: DocumentRow, version: number) => Promise<{ kind: string } & Record<string, unknown>>;
  flash: string;
  /** Public or final steps are confirmed first: catalog keys of the confirmation page (the question gets {title}). */
  confirm?: { heading: string; question: string; button: string; danger?: boolean };
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
    confirm: {
      heading: "promises.confirm.publish.heading",
      question: "promises.confirm.publish.question",
      button: "promises.confirm.publish.button",
    },
  },
  {
    path: "uppfoljd",
    summary: "Markera medborgarlöftet som uppföljt",
    action: "document.followUp",
    run: (a, t, w, d, v) => markFollowedUp(a.db, t, w, d.id, v),
    flash: "promises.flash.followedUp",
    confirm: {
      heading: "promises.confirm.followUp.heading",
      question: "promises.confirm.followUp.question",
      button: "promises.confirm.followUp.button",
    },
  },
  {
    path: "arkivera",
    summary: "Arkivera ett medborgarlöfte",
    action: "document.archive",
    run: (a, t, w, d, v) => archiveDocument(a.db, t, w, d.id, v),
    flash: "promises.flash.archived",
    confirm: {
      heading: "promises.confirm.archive.heading",
      question: "promises.confirm.archive.question",
      button: "promises.confirm.archive.button",
      danger: true,
    },
  },
  {
    path: "ny-version",
    summary: "Skapa en ny version (utkast) av ett publicerat medborgarlöfte",
    action: "document.newVersion",
    run: (a, t, w, d, v) => createNewVersion(a.db, t, w, d.id, v),
    flash: "promises.flash.newVersion",
  },
];

const DOCUMENT_ACTION: Record<LifecycleAction, DocumentAction> = {
  "document.sign": "sign",
  "document.reopen": "reopen",
  "document.publish": "publish",
  "document.followUp": "followUp",
  "document.archive": "archive",
  "document.newVersion": "newVersion",
};

export async function registerStaffLifecycleRoutes(app: App): Promise<void> {
  /** Why a step would be refused now (so that nobody confirms a step that cannot happen), or null. */
  async function stepProblem(req: FastifyRequest, step: Step, doc: DocumentRow, version: number): Promise<string | null> {
    const t = req.t;
    if (!statusAllows(doc.status, DOCUMENT_ACTION[step.action])) return wrongStatusText(t, doc.status);
    if (doc.version !== version) return conflictText(t);
    if (step.action === "document.publish") {
      const missing = missingSignatories(doc.parties, doc.signatories);
      if (missing.length) return missingSignaturesText(t, missing);
    }
    if (step.action === "document.followUp") {
      const promises = await listPromises(app.db, req.tenant!.id, [doc.id]);
      const count = promises.filter((p) => !p.verdict).length;
      if (count > 0 || promises.length === 0) return t("promises.error.missingVerdicts", { count });
    }
    return null;
  }

  for (const step of STEPS) {
    const route = lifecyclePage(step.action);
    app.post(
      `/t/:tenant/arbete/medborgarloften/:documentId/${step.path}`,
      { schema: { tags, summary: step.summary, params: DocParams, body: FormBody, response: htmlResponses }, ...route.options },
      async (req, reply) => {
        const { tenant, actor, loaded } = route.of(req);
        const doc = loaded.doc;
        const t = req.t;
        const parsed = validateForm(VersionBody, plainInput({ version: numberInput(field(req.body, "version")) }), req);
        if (!parsed.ok) return renderDocumentStaffPage(app, req, reply, doc, { notice: t("promises.error.version"), status: 400 });
        const version = parsed.value.version;
        const confirm = step.confirm;
        if (confirm && !isConfirmed(req.body)) {
          const problem = await stepProblem(req, step, doc, version);
          if (problem) return renderDocumentStaffPage(app, req, reply, doc, { notice: problem, status: 409 });
          return sendPageAsync(req, reply, async (ctx) =>
            confirmPage(ctx, {
              doc,
              heading: t(confirm.heading),
              question: t(confirm.question, { title: doc.title }),
              action: `${staffBase(tenant.slug)}/${doc.id}/${step.path}`,
              fields: { version: String(version) },
              confirmLabel: t(confirm.button),
              danger: confirm.danger,
            }),
          );
        }
        const r = await step.run(app, tenant.id, { userId: actor.userId, name: actor.name }, doc, version);
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
      // The measured progress, to check every verdict against it together with the form's own rules.
      const [view] = await loadDocumentViews(app.db, tenant.id, [doc], { asOf: todayInStockholm() });
      const measured = new Map(view!.promises.map((p) => [p.id, p]));
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
        const confirmed = isConfirmed(body, `confirm.${id}`);
        const row = validateForm(
          VerdictInput,
          plainInput({ verdict, reason, version: numberInput(field(body, key)), confirm_against_measurement: confirmed }),
          req,
          { remap: (path) => `${path}.${id}` },
        );
        if (!row.ok) Object.assign(errors, row.errors);
        // All of a row's problems at once: the measurement is checked even when another field is wrong.
        const valid = VERDICTS.includes(verdict as Verdict) ? (verdict as Verdict) : null;
        const p = measured.get(id);
        const conflict = p && valid ? verdictAgainstMeasurement(valid, p.progress, p.activities.length) : null;
        if (p && valid && conflict && !confirmed) errors[`confirm.${id}`] = verdictConflictText(req.t, conflict, valid, p);
        if (row.ok) verdicts.push({ promiseId: id, verdict: row.value.verdict, reason: row.value.reason, version: row.value.version, confirmed });
      }
      const summary = validateForm(
        TransitionBody,
        plainInput({ version: numberInput(field(body, "version")), followup_summary: field(body, "followup_summary") }),
        req,
      );
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
        case "againstMeasurement": {
          // The measurement changed since the form was checked (an activity was logged or removed).
          const [fresh] = await loadDocumentViews(app.db, tenant.id, [doc], { asOf: todayInStockholm() });
          const againstErrors: FieldErrors = {};
          for (const item of r.items) {
            const p = fresh!.promises.find((x) => x.id === item.promiseId);
            if (p) againstErrors[`confirm.${item.promiseId}`] = verdictConflictText(req.t, item.conflict, item.verdict, p);
          }
          return renderFollowUp(req, reply, doc, values, 409, againstErrors);
        }
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
