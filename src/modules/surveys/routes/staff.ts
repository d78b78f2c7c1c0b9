// Staff routes for survey rounds: overview, a new round, a round's page (lifecycle, link and QR
// code, live counts and results), one-time codes, weighting and paper entry. Each route declares
// its pipeline; refusals are shown on the page with the person's input kept.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { CSV_CONTENT_TYPE, csvFilename, writeCsv } from "../../../platform/csv.ts";
import { type FieldErrors, isConfirmed } from "../../../platform/http/forms.ts";
import { sv } from "../../../platform/http/html.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import { areaLookup } from "../domain/csv-import.ts";
import { todayInStockholm } from "../domain/dates.ts";
import { STEP_PATHS, STEPS, type Step, surveyAllows } from "../domain/lifecycle.ts";
import { TOTAL } from "../domain/results.ts";
import { can } from "../policy.ts";
import { abilitiesOf } from "../policy.ts";
import { codesPage, confirmStepPage, dashboardPage, newSurveyPage, paperPage, type RoundPageInput, surveyPage, weightingPage } from "../pages/staff.ts";
import { answerUrl, staffBase, surveyStaffUrl } from "../pages/urls.ts";
import { findDefinition, listDefinitions } from "../repo/definitions.ts";
import { codeCounts, freeTexts, liveCounts } from "../repo/responses.ts";
import { listSurveyEvents, type SurveyRow } from "../repo/surveys.ts";
import { listSurveys } from "../repo/surveys.ts";
import { SurveyInput, SurveyUpdate } from "../schema.ts";
import { enterPaper } from "../service/answering.ts";
import { qrSvg } from "../service/qr.ts";
import { roundResults, surveyAreas } from "../service/results.ts";
import { createSurvey, editSurvey, makeCodes, removeDraft, type StepOutcome, saveWeighting, stepSurvey } from "../service/surveys.ts";
import { codeLettersPage } from "../pages/letters.ts";
import { bodyOf, errorsFrom, ignoreWordsFor, settingsFor, surveyParam, who } from "./common.ts";

const tags = ["trygghetsmätning (personal)"];
const TenantParams = z.object({ tenant: z.string() });
const SurveyParams = z.object({ tenant: z.string(), surveyId: z.string() });

/** Steps that change what residents see: the staff page asks before taking them. */
const CONFIRMED_STEPS: ReadonlySet<Step> = new Set(["publish", "unpublish"]);

const str = (body: Record<string, unknown>, k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");

export async function registerStaffRoutes(app: App): Promise<void> {
  const staff = pipeline({ tenant: "path", access: "staff", present: "page" });
  const manage = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    can: ({ actor, tenant }) => can(actor, "survey.manage", { tenant_id: tenant.id }),
  });
  const round = pipeline({ tenant: "path", access: "staff", present: "page", load: { survey: surveyParam } });
  const roundManage = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { survey: surveyParam },
    can: ({ actor, tenant }) => can(actor, "survey.manage", { tenant_id: tenant.id }),
  });
  const roundFile = pipeline({ tenant: "path", access: "staff", present: "file", load: { survey: surveyParam } });
  const paper = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { survey: surveyParam },
    can: ({ actor, loaded }) => can(actor, "survey.enterPaper", loaded.survey),
    forbidden: "surveys.paper.forbidden",
  });

  async function roundInput(req: FastifyRequest, tenant: TenantRow, survey: SurveyRow): Promise<RoundPageInput> {
    const settings = settingsFor(tenant);
    const areas = await surveyAreas(app.db, tenant.id);
    const definition = (await findDefinition(app.db, tenant.id, survey.definition_id))!;
    const [results] = await roundResults(app.db, tenant.id, [survey], areas, settings, { live: true });
    const abilities = abilitiesOf(req.actor, tenant.id);
    const textItems = definition.content.items.filter((i) => i.type === "text");
    const freeTextsOut = [];
    if (abilities.readFreeText) {
      for (const item of textItems) {
        const cell = results!.view.items.find((i) => i.item.key === item.key)?.cells[TOTAL];
        // Free text is shown to the coordinator only when enough people wrote, never with area or date.
        const enough = cell && !cell.suppressed;
        freeTextsOut.push({ item, texts: enough ? await freeTexts(app.db, tenant.id, survey.id, item.key) : [] });
      }
    }
    return {
      survey,
      definition,
      results: results!,
      live: await liveCounts(app.db, tenant.id, survey.id),
      codes: await codeCounts(app.db, tenant.id, survey.id),
      areas,
      settings,
      abilities,
      freeTexts: freeTextsOut,
      events: await listSurveyEvents(app.db, tenant.id, survey.id),
      qrSvg: await qrSvg(`${app.deps.config.baseUrl}${answerUrl(tenant.slug, survey.id)}`, req.t("surveys.staff.qrLabel", { title: survey.title })),
      baseUrl: app.deps.config.baseUrl,
    };
  }

  app.get(
    "/t/:tenant/arbete/trygghetsmatning",
    { schema: { tags, summary: "Trygghetsmätningar: omgångar, enkäter och import", params: TenantParams, response: htmlResponses }, ...staff.options },
    async (req, reply) => {
      const { tenant, actor } = staff.of(req);
      const [surveys, definitions] = await Promise.all([listSurveys(app.db, tenant.id), listDefinitions(app.db, tenant.id)]);
      const counts = await app.db
        .selectFrom("survey_responses")
        .select((eb) => ["survey_id", eb.fn.countAll<number>().as("n")])
        .where("tenant_id", "=", tenant.id)
        .groupBy("survey_id")
        .execute();
      const responses = new Map(counts.map((c) => [c.survey_id, Number(c.n)]));
      return sendPageAsync(req, reply, async (ctx) => dashboardPage(ctx, { surveys, responses, definitions, abilities: abilitiesOf(actor, tenant.id) }));
    },
  );

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/ny",
    { schema: { tags, summary: "Formulär för en ny omgång", params: TenantParams, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const { tenant } = manage.of(req);
      const year = new Date().getFullYear();
      const values = {
        title: req.t("surveys.staff.defaultTitle", { year: String(year) }),
        year: String(year),
        field_from: `${year}-08-15`,
        field_to: `${year}-10-05`,
        definition: "template",
      };
      return sendPageAsync(req, reply, async (ctx) => newSurveyPage(ctx, { definitions: await listDefinitions(app.db, tenant.id), values }));
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning",
    {
      schema: { tags, summary: "Skapa en omgång (från mallen eller en befintlig enkät)", params: TenantParams, body: FormBody, response: htmlResponses },
      ...manage.options,
    },
    async (req, reply) => {
      const { tenant, actor } = manage.of(req);
      const body = bodyOf(req);
      const values = Object.fromEntries(["title", "year", "field_from", "field_to", "definition", "requires_code"].map((k) => [k, str(body, k)]));
      const rerender = async (errors: FieldErrors) =>
        sendPageAsync(req, reply, async (ctx) => newSurveyPage(ctx, { definitions: await listDefinitions(app.db, tenant.id), values, errors }), 400);
      const parsed = validateBilingual(SurveyInput, {
        title: values.title,
        year: values.year?.trim() === "" ? undefined : Number(values.year),
        field_from: values.field_from,
        field_to: values.field_to,
        requires_code: values.requires_code === "on",
        definition: values.definition || "template",
      });
      if (!parsed.ok) return rerender(errorsFrom(parsed.issues, req.locale));
      const r = await createSurvey(app.db, tenant.id, who(actor), parsed.value);
      if (r.kind === "notFound") return rerender({ definition: req.t("surveys.error.definitionGone") });
      return redirectWithFlash(reply, surveyStaffUrl(tenant.slug, r.survey.id), req.t("surveys.flash.created"));
    },
  );

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId",
    {
      schema: { tags, summary: "En omgång: status, länk och QR-kod, svar hittills och resultat", params: SurveyParams, response: htmlResponses },
      ...round.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = round.of(req);
      const input = await roundInput(req, tenant, loaded.survey);
      return sendPageAsync(req, reply, async (ctx) => surveyPage(ctx, input));
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId",
    {
      schema: { tags, summary: "Ändra omgångens titel och fältperiod", params: SurveyParams, body: FormBody, response: htmlResponses },
      ...roundManage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = roundManage.of(req);
      const body = bodyOf(req);
      const values = Object.fromEntries(["title", "field_from", "field_to", "requires_code"].map((k) => [k, str(body, k)]));
      const rerender = async (survey: SurveyRow, errors: FieldErrors | undefined, refusal: string | null, status: number) => {
        const input = await roundInput(req, tenant, survey);
        return sendPageAsync(req, reply, async (ctx) => surveyPage(ctx, { ...input, values, errors, refusal }), status);
      };
      const parsed = validateBilingual(SurveyUpdate, {
        title: values.title,
        field_from: values.field_from,
        field_to: values.field_to,
        requires_code: values.requires_code === "on",
        version: Number(str(body, "version")),
      });
      if (!parsed.ok) return rerender(loaded.survey, errorsFrom(parsed.issues, req.locale), null, 400);
      const r = await editSurvey(app.db, tenant.id, who(actor), loaded.survey.id, parsed.value);
      if (r.kind === "ok") return redirectWithFlash(reply, surveyStaffUrl(tenant.slug, r.survey.id), req.t("surveys.flash.saved"));
      if (r.kind === "conflict") return rerender(r.current, undefined, req.t("surveys.error.conflict"), 409);
      if (r.kind === "codesLocked") return rerender(loaded.survey, { requires_code: req.t("surveys.error.codesLocked") }, null, 409);
      if (r.kind === "wrongStatus")
        return rerender(loaded.survey, undefined, req.t("surveys.error.wrongStatus", { status: req.t(`surveys.status.${r.status}`) }), 409);
      throw HttpError.of(404);
    },
  );

  function stepRefusal(req: FastifyRequest, r: Exclude<StepOutcome, { kind: "ok" } | { kind: "notFound" }>): string {
    if (r.kind === "conflict") return req.t("surveys.error.conflict");
    if (r.kind === "wrongStatus") return req.t("surveys.error.wrongStatus", { status: req.t(`surveys.status.${r.status}`) });
    if (r.kind === "periodEnded") return req.t("surveys.error.periodEnded", { date: formatDate(r.fieldTo, req.locale) });
    return req.t("surveys.error.yearTaken", { year: String(r.year) });
  }

  for (const step of STEPS) {
    app.post(
      `/t/:tenant/arbete/trygghetsmatning/:surveyId/${STEP_PATHS[step]}`,
      { schema: { tags, summary: STEP_SUMMARIES[step], params: SurveyParams, body: FormBody, response: htmlResponses }, ...roundManage.options },
      async (req, reply) => {
        const { tenant, actor, loaded } = roundManage.of(req);
        const body = bodyOf(req);
        // Publishing and withdrawing change what residents see: asked first (unless the round
        // does not allow the step, which is refused below without asking).
        if (CONFIRMED_STEPS.has(step) && !isConfirmed(body) && surveyAllows(loaded.survey.status, step)) {
          const s = loaded.survey;
          const url = surveyStaffUrl(tenant.slug, s.id);
          const key = step === "publish" ? "publish" : "unpublish";
          return sendPageAsync(req, reply, async (ctx) =>
            confirmStepPage(ctx, {
              heading: req.t(`surveys.confirm.${key}.heading`, { year: String(s.year) }),
              question: req.t(`surveys.confirm.${key}.question`, { year: String(s.year) }),
              action: `${url}/${STEP_PATHS[step]}`,
              fields: { version: str(body, "version") },
              confirmLabel: req.t(`surveys.confirm.${key}.button`),
              cancelHref: url,
              trail: [[sv(ctx, s.title), url]],
              danger: step === "unpublish",
            }),
          );
        }
        const r = await stepSurvey(app.db, tenant.id, who(actor), loaded.survey.id, Number(str(body, "version")), step);
        if (r.kind === "ok") return redirectWithFlash(reply, surveyStaffUrl(tenant.slug, r.survey.id), req.t(`surveys.flash.${step}`));
        if (r.kind === "notFound") throw HttpError.of(404);
        const input = await roundInput(req, tenant, r.kind === "conflict" ? r.current : loaded.survey);
        return sendPageAsync(req, reply, async (ctx) => surveyPage(ctx, { ...input, refusal: stepRefusal(req, r) }), 409);
      },
    );
  }

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/ta-bort",
    { schema: { tags, summary: "Ta bort en omgång som är utkast", params: SurveyParams, body: FormBody, response: htmlResponses }, ...roundManage.options },
    async (req, reply) => {
      const { tenant, loaded } = roundManage.of(req);
      const body = bodyOf(req);
      if (!isConfirmed(body) && surveyAllows(loaded.survey.status, "delete")) {
        const s = loaded.survey;
        const url = surveyStaffUrl(tenant.slug, s.id);
        return sendPageAsync(req, reply, async (ctx) =>
          confirmStepPage(ctx, {
            heading: req.t("surveys.confirm.delete.heading", { title: s.title }),
            question: req.t("surveys.confirm.delete.question"),
            action: `${url}/ta-bort`,
            fields: { version: str(body, "version") },
            confirmLabel: req.t("surveys.confirm.delete.button"),
            cancelHref: url,
            trail: [[sv(ctx, s.title), url]],
            danger: true,
          }),
        );
      }
      const r = await removeDraft(app.db, tenant.id, loaded.survey.id, Number(str(body, "version")));
      if (r.kind === "ok") return redirectWithFlash(reply, staffBase(tenant.slug), req.t("surveys.flash.deleted"));
      if (r.kind === "notFound") throw HttpError.of(404);
      const input = await roundInput(req, tenant, r.kind === "conflict" ? r.current : loaded.survey);
      const refusal =
        r.kind === "conflict" ? req.t("surveys.error.conflict") : req.t("surveys.error.wrongStatus", { status: req.t(`surveys.status.${r.status}`) });
      return sendPageAsync(req, reply, async (ctx) => surveyPage(ctx, { ...input, refusal }), 409);
    },
  );

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/qr.svg",
    { schema: { tags, summary: "QR-kod (SVG) till enkätens länk", params: SurveyParams }, ...roundFile.options },
    async (req, reply) => {
      const { tenant, loaded } = roundFile.of(req);
      const svg = await qrSvg(
        `${app.deps.config.baseUrl}${answerUrl(tenant.slug, loaded.survey.id)}`,
        req.t("surveys.staff.qrLabel", { title: loaded.survey.title }),
      );
      return reply
        .type("image/svg+xml; charset=utf-8")
        .header("content-disposition", `attachment; filename="enkat-${loaded.survey.year}.svg"`)
        .send(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`);
    },
  );

  // ---- One-time codes ----
  app.get(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/koder",
    { schema: { tags, summary: "Formulär för engångskoder", params: SurveyParams, response: htmlResponses }, ...roundManage.options },
    async (req, reply) => {
      const { tenant, loaded } = roundManage.of(req);
      const counts = await codeCounts(app.db, tenant.id, loaded.survey.id);
      return sendPageAsync(req, reply, async (ctx) => codesPage(ctx, { survey: loaded.survey, counts, values: {} }));
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/koder",
    {
      schema: {
        tags,
        summary: "Skapa engångskoder (visas en gång, som utskickbara brev med QR-kod)",
        params: SurveyParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...roundManage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = roundManage.of(req);
      const body = bodyOf(req);
      const values = { count: str(body, "count"), frame: str(body, "frame"), format: str(body, "format") };
      const count = values.count.trim() === "" ? null : Number(values.count);
      const areas = await surveyAreas(app.db, tenant.id);
      const r = await makeCodes(
        app.db,
        tenant.id,
        who(actor),
        loaded.survey.id,
        { count: Number.isFinite(count) ? count : -1, frame: values.frame },
        areaLookup(areas, tenant.name),
      );
      const again = async (errors: FieldErrors | undefined, rowErrors: Parameters<typeof codesPage>[1]["rowErrors"], status: number) => {
        const counts = await codeCounts(app.db, tenant.id, loaded.survey.id);
        return sendPageAsync(req, reply, async (ctx) => codesPage(ctx, { survey: loaded.survey, counts, values, errors, rowErrors }), status);
      };
      if (r.kind === "invalidFrame") return again(undefined, r.errors, 400);
      if (r.kind === "badCount") return again({ count: req.t("surveys.codes.badCount", { max: 20000 }) }, undefined, 400);
      if (r.kind === "notRequired") return again({ count: req.t("surveys.codes.notRequired") }, undefined, 409);
      if (r.kind === "wrongStatus")
        return again({ count: req.t("surveys.error.wrongStatus", { status: req.t(`surveys.status.${r.status}`) }) }, undefined, 409);
      if (r.kind === "notFound") throw HttpError.of(404);
      const link = (code: string) => `${app.deps.config.baseUrl}${answerUrl(tenant.slug, loaded.survey.id)}?kod=${code}`;
      if (values.format === "csv" || values.format === "excel") {
        // For a printing house: one row per code with its link (the only copy: Trygg keeps hashes).
        const dialect = values.format === "excel" ? "excel" : "rfc4180";
        const areaSlug = (id: string | null) => (id ? (areas.find((a) => a.id === id)?.slug ?? "") : "");
        const csv = writeCsv(
          [
            req.t("surveys.codes.csvCode"),
            req.t("surveys.codes.csvLink"),
            req.t("surveys.csv.area"),
            req.t("surveys.weighting.ageGroup"),
            req.t("surveys.weighting.sex"),
          ],
          r.codes.map((c) => [c.code, link(c.code), areaSlug(c.area_id), c.age_group, c.sex]),
          dialect,
        );
        return reply
          .type(CSV_CONTENT_TYPE)
          .header("content-disposition", `attachment; filename="${csvFilename(`engangskoder-${loaded.survey.year}`, dialect)}"`)
          .send(csv);
      }
      const letters = await Promise.all(
        r.codes.map(async (c) => ({ ...c, link: link(c.code), qr: await qrSvg(link(c.code), req.t("surveys.letters.qrLabel", { code: c.code })) })),
      );
      return sendPageAsync(req, reply, async (ctx) => codeLettersPage(ctx, { survey: loaded.survey, letters, areas, baseUrl: app.deps.config.baseUrl }));
    },
  );

  // ---- Weighting ----
  app.get(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/viktning",
    { schema: { tags, summary: "Viktning efter område × ålder × kön", params: SurveyParams, response: htmlResponses }, ...roundManage.options },
    async (req, reply) => {
      const { tenant, loaded } = roundManage.of(req);
      const areas = await surveyAreas(app.db, tenant.id);
      const d = await findDefinition(app.db, tenant.id, loaded.survey.definition_id);
      return sendPageAsync(req, reply, async (ctx) =>
        weightingPage(ctx, {
          survey: loaded.survey,
          areas,
          content: d!.content,
          values: { enabled: loaded.survey.weighting.enabled ? "on" : "", population: "" },
        }),
      );
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/viktning",
    { schema: { tags, summary: "Spara viktningen", params: SurveyParams, body: FormBody, response: htmlResponses }, ...roundManage.options },
    async (req, reply) => {
      const { tenant, actor, loaded } = roundManage.of(req);
      const body = bodyOf(req);
      const values = { enabled: str(body, "enabled"), population: str(body, "population") };
      const areas = await surveyAreas(app.db, tenant.id);
      const r = await saveWeighting(
        app.db,
        tenant.id,
        who(actor),
        loaded.survey.id,
        Number(str(body, "version")),
        { enabled: values.enabled === "on", population: values.population },
        areaLookup(areas, tenant.name),
      );
      if (r.kind === "ok") return redirectWithFlash(reply, surveyStaffUrl(tenant.slug, loaded.survey.id), req.t("surveys.flash.weighting"));
      if (r.kind === "notFound") throw HttpError.of(404);
      const d = await findDefinition(app.db, tenant.id, loaded.survey.definition_id);
      const survey = r.kind === "conflict" ? r.current : loaded.survey;
      const errors: FieldErrors | undefined =
        r.kind === "conflict"
          ? { population: req.t("surveys.error.conflict") }
          : r.kind === "wrongStatus"
            ? { population: req.t("surveys.error.wrongStatus", { status: req.t(`surveys.status.${r.status}`) }) }
            : undefined;
      const rowErrors = r.kind === "invalid" ? r.errors : undefined;
      return sendPageAsync(
        req,
        reply,
        async (ctx) => weightingPage(ctx, { survey, areas, content: d!.content, values, errors, rowErrors }),
        r.kind === "invalid" ? 400 : 409,
      );
    },
  );

  // ---- Paper questionnaires ----
  async function paperInput(tenant: TenantRow, survey: SurveyRow) {
    const d = await findDefinition(app.db, tenant.id, survey.definition_id);
    const areas = await surveyAreas(app.db, tenant.id);
    const entered = await app.db
      .selectFrom("survey_responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", tenant.id)
      .where("survey_id", "=", survey.id)
      .where("channel", "=", "papper")
      .executeTakeFirstOrThrow();
    return { content: d!.content, areas, entered: Number(entered.n) };
  }

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/pappersenkat",
    { schema: { tags, summary: "Mata in en pappersenkät (snabb tangentbordsinmatning)", params: SurveyParams, response: htmlResponses }, ...paper.options },
    async (req, reply) => {
      const { tenant, loaded } = paper.of(req);
      const input = await paperInput(tenant, loaded.survey);
      return sendPageAsync(req, reply, async (ctx) => paperPage(ctx, { survey: loaded.survey, ...input, values: {}, errors: {}, text: {} }));
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/:surveyId/pappersenkat",
    { schema: { tags, summary: "Spara en inmatad pappersenkät", params: SurveyParams, body: FormBody, response: htmlResponses }, ...paper.options },
    async (req, reply) => {
      const { tenant, loaded } = paper.of(req);
      const body = bodyOf(req);
      const input = await paperInput(tenant, loaded.survey);
      const r = await enterPaper(
        app.db,
        tenant.id,
        loaded.survey,
        input.content,
        body,
        input.areas,
        await ignoreWordsFor(app, tenant.id, input.areas),
        todayInStockholm(),
      );
      const url = `${surveyStaffUrl(tenant.slug, loaded.survey.id)}/pappersenkat`;
      if (r.kind === "ok") {
        const flash = r.dropped.length
          ? req.t("surveys.flash.paperDropped", { count: r.dropped.length, items: r.dropped.join(", ") })
          : req.t("surveys.flash.paper");
        return redirectWithFlash(reply, url, flash);
      }
      const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
      const errors: Record<string, string> = {};
      if (r.kind === "invalid") {
        for (const [k, e] of Object.entries(r.errors))
          errors[k] = req.t(e.key === "errorNumber" ? "surveys.paper.errorNumber" : "surveys.paper.errorCode", e.params);
        for (const [k, p] of Object.entries(r.text)) errors[k] = req.t("surveys.paper.errorPersonal", { found: [...p.found, ...p.names].join(", ") });
      }
      const status = r.kind === "invalid" ? 400 : 409;
      const codeError =
        r.kind === "codeUsed"
          ? "surveys.paper.codeUsed"
          : r.kind === "codeUnknown"
            ? "surveys.paper.codeUnknown"
            : r.kind === "wrongStatus"
              ? "surveys.paper.forbidden"
              : null;
      const fieldErrors = codeError ? { ...errors, code: req.t(codeError) } : errors;
      return sendPageAsync(
        req,
        reply,
        async (ctx) => paperPage(ctx, { survey: loaded.survey, ...input, values, errors: fieldErrors, text: r.kind === "invalid" ? r.text : {} }),
        status,
      );
    },
  );
}

const STEP_SUMMARIES: Record<Step, string> = {
  open: "Öppna omgången för svar",
  close: "Stäng omgången (resultatet sammanställs)",
  reopen: "Öppna en stängd omgång igen (inom fältperioden)",
  aggregate: "Sammanställ resultatet igen (efter sena pappersenkäter)",
  publish: "Publicera omgångens resultat",
  unpublish: "Dra tillbaka publicerade resultat",
};
