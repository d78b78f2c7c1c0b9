// Staff routes that take survey results into the promise: cite a result as a lägesbild finding
// of a draft promise document, and name a survey item as a promise's indicator.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { listDraftDocuments, listPromiseChoices } from "../../promises/index.ts";
import { can } from "../policy.ts";
import { citePage } from "../pages/cite.ts";
import { staffBase } from "../pages/urls.ts";
import { findIndicator } from "../repo/indicators.ts";
import type { SurveyRow } from "../repo/surveys.ts";
import { citeFinding, findingLink, findingText, indicatorViews, nameIndicator, removeIndicator } from "../service/cite.ts";
import { roundResults, surveyAreas } from "../service/results.ts";
import { bodyOf, settingsFor, surveyParam, who } from "./common.ts";

const tags = ["trygghetsmätning (personal)"];
const SurveyParams = z.object({ tenant: z.string(), surveyId: z.string() });
const TenantParams = z.object({ tenant: z.string() });
const IndicatorParams = z.object({ tenant: z.string(), indicatorId: z.string() });
const str = (body: Record<string, unknown>, k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");

export async function registerCiteRoutes(app: App): Promise<void> {
  const cite = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { survey: surveyParam },
    visible: ({ loaded }) => loaded.survey.status === "publicerad",
    can: ({ actor, tenant }) => can(actor, "promise.cite", { tenant_id: tenant.id }),
  });
  const indicator = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    can: ({ actor, tenant }) => can(actor, "promise.cite", { tenant_id: tenant.id }),
  });
  const indicatorRemove = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { indicator: { param: "indicatorId", load: (db, tenantId, id) => (tenantId ? findIndicator(db, tenantId, id) : Promise.resolve(undefined)) } },
    can: ({ actor, tenant }) => can(actor, "promise.cite", { tenant_id: tenant.id }),
  });

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    tenant: TenantRow,
    survey: SurveyRow,
    values: Record<string, string>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const settings = settingsFor(tenant);
    const areas = await surveyAreas(app.db, tenant.id);
    const [round] = await roundResults(app.db, tenant.id, [survey], areas, settings, { live: false });
    const items = round!.content.items.filter((i) => i.measure);
    const item = items.find((i) => i.key === values.fraga) ?? null;
    const area = values.omrade ? (areas.find((a) => a.slug === values.omrade) ?? null) : null;
    const chosen = item && (!values.omrade || area) ? { item, area } : null;
    const [drafts, promises, indicators] = await Promise.all([
      listDraftDocuments(app.db, tenant.id),
      listPromiseChoices(app.db, tenant.id),
      indicatorViews(app.db, tenant.id, tenant.slug, areas, settings, { locale: req.locale }),
    ]);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        citePage(ctx, {
          survey,
          items,
          areas,
          chosen,
          text: chosen ? findingText(round!.view, chosen.item, chosen.area, survey.year, tenant.name) : null,
          refUrl: chosen ? findingLink(tenant.slug, survey.year, chosen.item.key, chosen.area) : null,
          drafts,
          promises,
          indicators,
          values,
          errors,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/citera",
    {
      schema: {
        tags,
        summary: "Ta ett resultat till medborgarlöftet: som iakttagelse i lägesbilden eller som indikator",
        params: SurveyParams,
        querystring: z.object({ fraga: z.string().max(40).optional(), omrade: z.string().max(100).optional() }),
        response: htmlResponses,
      },
      ...cite.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = cite.of(req);
      const q = req.query as { fraga?: string; omrade?: string };
      return show(req, reply, tenant, loaded.survey, { fraga: q.fraga ?? "", omrade: q.omrade ?? "" });
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/citera",
    {
      schema: { tags, summary: "Citera ett resultat i ett utkast till medborgarlöfte", params: SurveyParams, body: FormBody, response: htmlResponses },
      ...cite.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = cite.of(req);
      const body = bodyOf(req);
      const values = { fraga: str(body, "fraga"), omrade: str(body, "omrade"), text: str(body, "text"), document_id: str(body, "document_id") };
      const areas = await surveyAreas(app.db, tenant.id);
      const area = values.omrade ? (areas.find((a) => a.slug === values.omrade) ?? null) : null;
      if (values.omrade && !area) return show(req, reply, tenant, loaded.survey, values, { omrade: req.t("surveys.cite.error.area") }, 400);
      const drafts = await listDraftDocuments(app.db, tenant.id);
      const doc = drafts.find((d) => d.id === values.document_id);
      if (!doc) return show(req, reply, tenant, loaded.survey, values, { document_id: req.t("surveys.cite.error.document") }, 400);
      const r = await citeFinding(app.db, tenant.id, who(actor), {
        documentId: doc.id,
        version: doc.version,
        text: values.text,
        refUrl: findingLink(tenant.slug, loaded.survey.year, values.fraga, area),
      });
      if (r.kind === "ok") return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/medborgarloften/${doc.id}`, req.t("surveys.flash.cited"));
      const errors: FieldErrors =
        r.kind === "invalidText"
          ? { text: req.t("surveys.cite.error.text") }
          : r.kind === "full"
            ? { document_id: req.t("surveys.cite.error.full", { max: r.max }) }
            : r.kind === "conflict"
              ? { document_id: req.t("surveys.error.conflict") }
              : { document_id: req.t("surveys.cite.error.document") };
      return show(req, reply, tenant, loaded.survey, values, errors, r.kind === "invalidText" ? 400 : 409);
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/indikator",
    {
      schema: {
        tags,
        summary: "Använd en fråga i trygghetsmätningen som indikator för ett löfte",
        params: TenantParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...indicator.options,
    },
    async (req, reply) => {
      const { tenant, actor } = indicator.of(req);
      const body = bodyOf(req);
      const areas = await surveyAreas(app.db, tenant.id);
      const slug = str(body, "omrade");
      const area = slug ? areas.find((a) => a.slug === slug) : null;
      const back = str(body, "tillbaka").startsWith(`${staffBase(tenant.slug)}/`) ? str(body, "tillbaka") : staffBase(tenant.slug);
      if (slug && !area) return redirectWithFlash(reply, back, req.t("surveys.cite.error.area"));
      const r = await nameIndicator(app.db, tenant.id, who(actor), { lineageId: str(body, "promise"), itemKey: str(body, "fraga"), areaId: area?.id ?? null });
      const flash =
        r.kind === "ok"
          ? req.t("surveys.flash.indicator")
          : r.kind === "unknownPromise"
            ? req.t("surveys.indicator.error.promise")
            : req.t("surveys.indicator.error.item");
      return redirectWithFlash(reply, back, flash);
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/indikator/:indicatorId/ta-bort",
    { schema: { tags, summary: "Ta bort en indikator", params: IndicatorParams, body: FormBody, response: htmlResponses }, ...indicatorRemove.options },
    async (req, reply) => {
      const { tenant, loaded } = indicatorRemove.of(req);
      await removeIndicator(app.db, tenant.id, loaded.indicator.id);
      return redirectWithFlash(reply, staffBase(tenant.slug), req.t("surveys.flash.indicatorRemoved"));
    },
  );
}
