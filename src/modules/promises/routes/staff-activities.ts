// Logging activities from a phone: pick a promise, fill in what/when (today by default), the
// target's figure, optionally place and attachments. Also removing an activity and downloading
// an attachment (staff only; attachments are never public).
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { formatDate, type Translate } from "../../../platform/i18n/i18n.ts";
import { activityDateProblem, statusAllows } from "../domain/lifecycle.ts";
import { type FieldErrors, field, isConfirmed } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { todayInStockholm } from "../domain/progress.ts";
import type { FormValues } from "../pages/forms.ts";
import { confirmPage, staffBase } from "../pages/staff.ts";
import { activityFormPage, choosePromisePage, type Loggable } from "../pages/work.ts";
import { findDocument } from "../repo/documents.ts";
import { findPromise } from "../repo/promises.ts";
import { ActivityInput } from "../schema.ts";
import { acceptableFile, cleanFilename, listLoggablePromises, logActivity, MAX_ATTACHMENTS, removeActivity } from "../service/activities.ts";
import { activityFromForm, validateForm } from "./form-input.ts";
import { activityPage, attachmentFile, logActivityPage } from "./access.ts";
import { renderDocumentStaffPage, wrongStatusText } from "./staff-common.ts";

const TenantParams = z.object({ tenant: z.string() });
const ActivityParams = z.object({ tenant: z.string(), activityId: z.string() });
const AttachmentParams = z.object({ tenant: z.string(), attachmentId: z.string() });
const ChooseQuery = z.object({ lofte: z.string().optional(), lang: z.string().optional() });
const tags = ["medborgarlöften (sidor för personal)"];

/** The activity's business rules (date inside the period and not in the future; acceptable files) as field messages. */
function activityProblems(
  t: Translate,
  item: Loggable,
  occurredOn: string,
  uploaded: ReadonlyArray<{ filename: string; contentType: string; data: Buffer; truncated: boolean }>,
): FieldErrors {
  const errors: FieldErrors = {};
  if (/^\d{4}-\d{2}-\d{2}$/.test(occurredOn)) {
    const problem = activityDateProblem(occurredOn, item.validFrom, item.validTo, todayInStockholm());
    if (problem === "outsidePeriod") errors.occurred_on = t("promises.error.dateOutsidePeriod", { from: item.validFrom, to: item.validTo });
    if (problem === "inFuture") errors.occurred_on = t("promises.error.dateInFuture");
  }
  const big = uploaded.find((f) => f.truncated);
  const bad = uploaded.find((f) => !f.truncated && !acceptableFile(f));
  if (big) errors.attachments = t("promises.error.fileTooLarge", { name: cleanFilename(big.filename), mb: 10 });
  else if (uploaded.length > MAX_ATTACHMENTS) errors.attachments = t("promises.error.tooManyFiles", { max: MAX_ATTACHMENTS });
  else if (bad) errors.attachments = t("promises.error.badFile", { name: cleanFilename(bad.filename) });
  return errors;
}

export async function registerStaffActivityRoutes(app: App): Promise<void> {
  async function loggable(req: FastifyRequest): Promise<Loggable[]> {
    const { tenant, actor } = logActivityPage.of(req);
    return listLoggablePromises(app.db, tenant.id, actor, todayInStockholm());
  }

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    item: Loggable,
    values: FormValues,
    status = 200,
    errors?: FieldErrors,
    formError?: string,
  ) {
    return sendPageAsync(req, reply, async (ctx) => activityFormPage(ctx, { item, values, errors, formError }), status);
  }

  app.get(
    "/t/:tenant/arbete/medborgarloften/aktivitet",
    {
      schema: {
        tags,
        summary: "Logga en aktivitet: välj löfte, sedan ett kort formulär",
        params: TenantParams,
        querystring: ChooseQuery,
        response: htmlResponses,
      },
      ...logActivityPage.options,
    },
    async (req, reply) => {
      const items = await loggable(req);
      const chosen = req.query.lofte ? items.find((i) => i.promise.id === req.query.lofte) : undefined;
      if (req.query.lofte && !chosen) return reply.callNotFound();
      if (!chosen) return sendPageAsync(req, reply, async (ctx) => choosePromisePage(ctx, items));
      const today = todayInStockholm();
      // Today, kept inside the validity period.
      const date = [chosen.validFrom, today, chosen.validTo].sort()[1]!;
      return renderForm(req, reply, chosen, { occurred_on: date, metric_value: chosen.promise.target?.metric ? "1" : "" });
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/aktivitet",
    {
      schema: {
        tags,
        summary: "Spara en aktivitet (formulär, även multipart med bilagor)",
        params: TenantParams,
        body: FormBody,
        consumes: ["application/x-www-form-urlencoded", "multipart/form-data"],
        response: htmlResponses,
      },
      ...logActivityPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, files: uploaded } = logActivityPage.of(req);
      const items = await loggable(req);
      const promiseId = field(req.body, "promise_id");
      const item = items.find((i) => i.promise.id === promiseId);
      if (!item) return reply.callNotFound();
      const values: FormValues = {};
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (k !== "_csrf" && typeof v === "string") values[k] = v;
      const files = uploaded.map((f) => ({ filename: f.filename, contentType: f.contentType, data: f.data }));
      // The rules on date and files are checked with the schema, so one submit shows every problem.
      const parsed = validateForm(ActivityInput, activityFromForm(req.body, req.t), req, {
        extra: activityProblems(req.t, item, field(req.body, "occurred_on"), uploaded),
      });
      if (!parsed.ok) return renderForm(req, reply, item, values, 400, parsed.errors);
      const r = await logActivity(app.db, app.deps.storage, tenant.id, actor, parsed.value, files, todayInStockholm());
      const t = req.t;
      switch (r.kind) {
        case "ok":
          // No fragment: the confirmation is at the top of main and must be in view after saving (on a phone too).
          return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${item.documentId}`, t("promises.flash.activityLogged"));
        case "notFound":
          return reply.callNotFound();
        case "forbidden":
          throw HttpError.of(403, "promises.error.forbidden");
        case "wrongStatus":
          return renderForm(req, reply, item, values, 409, undefined, wrongStatusText(t, r.status));
        case "dateOutsidePeriod":
          return renderForm(req, reply, item, values, 400, { occurred_on: t("promises.error.dateOutsidePeriod", { from: r.validFrom, to: r.validTo }) });
        case "dateInFuture":
          return renderForm(req, reply, item, values, 400, { occurred_on: t("promises.error.dateInFuture") });
        case "badFile":
          return renderForm(req, reply, item, values, 400, { attachments: t("promises.error.badFile", { name: r.filename }) });
        case "tooManyFiles":
          return renderForm(req, reply, item, values, 400, { attachments: t("promises.error.tooManyFiles", { max: MAX_ATTACHMENTS }) });
      }
    },
  );

  app.post(
    "/t/:tenant/arbete/medborgarloften/aktivitet/:activityId/ta-bort",
    {
      schema: {
        tags,
        summary: "Ta bort en aktivitet (den som loggade den eller samordnare; först en bekräftelsesida, med confirm=ja tas den bort)",
        params: ActivityParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...activityPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = activityPage.of(req);
      const activity = loaded.activity;
      if (!isConfirmed(req.body)) {
        const promise = await findPromise(app.db, tenant.id, activity.promise_id);
        const doc = promise ? await findDocument(app.db, tenant.id, promise.document_id) : undefined;
        if (!doc) return reply.callNotFound();
        if (!statusAllows(doc.status, "logActivity"))
          return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, doc.status), status: 409 });
        return sendPageAsync(req, reply, async (ctx) =>
          confirmPage(ctx, {
            doc,
            heading: req.t("promises.confirm.removeActivity.heading"),
            question: req.t("promises.confirm.removeActivity.question", { title: activity.title, date: formatDate(activity.occurred_on, req.locale) }),
            action: `${staffBase(tenant.slug)}/aktivitet/${activity.id}/ta-bort`,
            fields: {},
            confirmLabel: req.t("promises.confirm.removeActivity.button"),
            danger: true,
          }),
        );
      }
      const r = await removeActivity(app.db, app.deps.storage, tenant.id, actor, loaded.activity.id);
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${r.documentId}`, req.t("promises.flash.activityRemoved"));
        case "notFound":
          return reply.callNotFound();
        case "forbidden":
          throw HttpError.of(403, "promises.error.forbidden");
        case "wrongStatus": {
          const promise = await findPromise(app.db, tenant.id, loaded.activity.promise_id);
          const doc = promise ? await findDocument(app.db, tenant.id, promise.document_id) : undefined;
          if (!doc) return reply.callNotFound();
          return renderDocumentStaffPage(app, req, reply, doc, { notice: wrongStatusText(req.t, r.status), status: 409 });
        }
      }
    },
  );

  app.get(
    "/t/:tenant/arbete/medborgarloften/bilagor/:attachmentId",
    {
      schema: { tags, summary: "Hämta en bilaga till en aktivitet (personal)", params: AttachmentParams, response: { 200: z.string().describe("Filen") } },
      ...attachmentFile.options,
    },
    async (req, reply) => {
      const file = attachmentFile.of(req).loaded.attachment;
      const data = await app.deps.storage.get(file.storage_key);
      if (!data) throw HttpError.of(410, "promises.error.fileGone");
      const safeName = file.filename.replace(/[^\w.\- ]/g, "_");
      return (reply as FastifyReply)
        .type(file.content_type)
        .header("content-disposition", `attachment; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header("cache-control", "private, no-store")
        .send(data);
    },
  );
}
