// Answering, for residents without an account: /t/{slug}/enkat/{id}?lang=sv|en|ar|so|fi|fa.
// Plain forms, one page at a time; the continuation token travels in a cookie scoped to the
// survey's address (httpOnly, SameSite=Lax), its hash in the response row until submit.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { FormBody, htmlResponses, sendPageAsync } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { answerState, todayInStockholm } from "../domain/dates.ts";
import { type Lang, shownItems } from "../domain/definition.ts";
import { type AnswerPageBase, closedPage, questionPage, startPage } from "../pages/answer.ts";
import { thanksPage } from "../pages/answer.ts";
import { answerUrl, publicBase } from "../pages/urls.ts";
import { findDefinition } from "../repo/definitions.ts";
import type { SurveyRow } from "../repo/surveys.ts";
import { loadProgress, savePage, startResponse } from "../service/answering.ts";
import { surveyAreas } from "../service/results.ts";
import { bodyOf, ignoreWordsFor, langOf, surveyParam, uiFor } from "./common.ts";

const tags = ["trygghetsmätning (svara)"];
const SurveyParams = z.object({ tenant: z.string(), surveyId: z.string() });
const PageParams = z.object({ tenant: z.string(), surveyId: z.string(), page: z.string() });
const LangQuery = z.object({ lang: z.string().optional(), kod: z.string().max(40).optional(), fel: z.string().optional() });

/** The continuation cookie: one per survey, only sent to the survey's own address. */
const TOKEN_COOKIE = "trygg_enkat";
const DONE_COOKIE = "trygg_enkat_klar";

function cookiePath(slug: string, surveyId: string): string {
  return answerUrl(slug, surveyId);
}

// Residents' requests are not logged unless they fail: an access log line has the client's address
// and the exact time, which together with the day on a response could point at the person who
// answered (decision 0031). Failures (warn, error) are still logged for operations.
const QUIET = "warn" as const;

export async function registerAnswerRoutes(app: App): Promise<void> {
  const limit = app.deps.config.PUBLIC_WRITE_RATE_LIMIT;
  // Drafts do not exist for residents; every other status says what it is.
  const page = pipeline({
    tenant: "path",
    access: "public",
    present: "page",
    load: { survey: surveyParam },
    visible: ({ loaded }) => loaded.survey.status !== "utkast",
  });
  const start = pipeline({
    tenant: "path",
    access: "public",
    present: "page",
    load: { survey: surveyParam },
    visible: ({ loaded }) => loaded.survey.status !== "utkast",
    // Guessing one-time codes is a write anyone may try: limited per client address.
    rateLimit: { max: limit, timeWindow: "1 minute" },
  });
  const save = pipeline({
    tenant: "path",
    access: "public",
    present: "page",
    load: { survey: surveyParam },
    visible: ({ loaded }) => loaded.survey.status !== "utkast",
    rateLimit: { max: limit * 5, timeWindow: "1 minute" },
  });

  async function base(req: FastifyRequest, survey: SurveyRow, lang: Lang): Promise<AnswerPageBase> {
    const d = await findDefinition(app.db, survey.tenant_id, survey.definition_id);
    return { slug: req.tenant!.slug, survey, content: d!.content, lang, ui: uiFor(d!.content, lang) };
  }

  const setToken = (reply: FastifyReply, slug: string, survey: SurveyRow, token: string) =>
    reply.setCookie(TOKEN_COOKIE, token, {
      path: cookiePath(slug, survey.id),
      httpOnly: true,
      sameSite: "lax",
      secure: app.deps.config.baseUrl.startsWith("https:"),
      maxAge: 60 * 60 * 24 * 120,
    });

  app.get(
    "/t/:tenant/enkat/:surveyId",
    {
      schema: { tags, summary: "Enkätens startsida (välj språk, ange kod)", params: SurveyParams, querystring: LangQuery, response: htmlResponses },
      ...page.options,
      logLevel: QUIET,
    },
    async (req, reply) => {
      const { tenant, loaded } = page.of(req);
      const q = req.query as z.infer<typeof LangQuery>;
      const b = await base(req, loaded.survey, langOf(q.lang, req.locale));
      const today = todayInStockholm();
      const state = answerState(loaded.survey, today);
      if (state === "closed" || state === "notYet")
        return sendPageAsync(req, reply, async (ctx) =>
          closedPage(ctx, b, state === "notYet" ? { kind: "notYet", from: loaded.survey.field_from } : { kind: "closed" }, publicBase(tenant.slug)),
        );
      // A respondent who has begun continues where the saved answers are.
      const progress = await loadProgress(app.db, tenant.id, loaded.survey, b.content, req.cookies[TOKEN_COOKIE]);
      if (progress && q.fel === undefined)
        return reply.code(303).redirect(`${answerUrl(tenant.slug, loaded.survey.id)}/sida/${progress.pages[0] ?? 1}?lang=${b.lang}`);
      return sendPageAsync(req, reply, async (ctx) => startPage(ctx, b, { code: q.kod ?? "", error: q.fel === "session" ? "sessionLost" : null }));
    },
  );

  app.post(
    "/t/:tenant/enkat/:surveyId/start",
    {
      schema: { tags, summary: "Börja svara (med engångskod när enkäten har sådana)", params: SurveyParams, body: FormBody, response: htmlResponses },
      ...start.options,
      logLevel: QUIET,
    },
    async (req, reply) => {
      const { tenant, loaded } = start.of(req);
      const body = bodyOf(req);
      const b = await base(req, loaded.survey, langOf(body.lang, req.locale));
      const code = typeof body.code === "string" ? body.code.slice(0, 40) : "";
      const r = await startResponse(app.db, tenant.id, loaded.survey, b.content, { lang: b.lang, code }, todayInStockholm());
      if (r.kind === "ok") {
        setToken(reply, tenant.slug, loaded.survey, r.token);
        return reply.code(303).redirect(`${answerUrl(tenant.slug, loaded.survey.id)}/sida/${r.firstPage}?lang=${b.lang}`);
      }
      if (r.kind === "closed" || r.kind === "notYet") return sendPageAsync(req, reply, async (ctx) => closedPage(ctx, b, r, publicBase(tenant.slug)), 409);
      // A used code is a double submission: refused, kindly.
      return sendPageAsync(req, reply, async (ctx) => startPage(ctx, b, { code, error: r.kind }), r.kind === "codeUsed" ? 409 : 400);
    },
  );

  app.get(
    "/t/:tenant/enkat/:surveyId/sida/:page",
    { schema: { tags, summary: "En sida av enkäten", params: PageParams, querystring: LangQuery, response: htmlResponses }, ...page.options, logLevel: QUIET },
    async (req, reply) => {
      const { tenant, loaded } = page.of(req);
      const q = req.query as z.infer<typeof LangQuery>;
      const b = await base(req, loaded.survey, langOf(q.lang, req.locale));
      const startUrl = answerUrl(tenant.slug, loaded.survey.id);
      if (answerState(loaded.survey, todayInStockholm()) !== "open") return reply.code(303).redirect(`${startUrl}?lang=${b.lang}`);
      const progress = await loadProgress(app.db, tenant.id, loaded.survey, b.content, req.cookies[TOKEN_COOKIE]);
      if (!progress) return reply.code(303).redirect(`${startUrl}?lang=${b.lang}&fel=session`);
      const n = Number((req.params as { page: string }).page);
      if (!progress.pages.includes(n)) return reply.code(303).redirect(`${startUrl}/sida/${progress.pages[0] ?? 1}?lang=${b.lang}`);
      const areas = await surveyAreas(app.db, tenant.id);
      return sendPageAsync(req, reply, async (ctx) =>
        questionPage(ctx, b, {
          page: n,
          pages: progress.pages,
          items: shownItems(b.content, n, progress.chosen),
          values: progress.saved,
          areas,
          errors: {},
          text: {},
          last: progress.pages.at(-1) === n,
        }),
      );
    },
  );

  app.post(
    "/t/:tenant/enkat/:surveyId/sida/:page",
    {
      schema: { tags, summary: "Spara en sida (och gå vidare eller skicka in)", params: PageParams, body: FormBody, response: htmlResponses },
      ...save.options,
      logLevel: QUIET,
    },
    async (req, reply) => {
      const { tenant, loaded } = save.of(req);
      const body = bodyOf(req);
      const b = await base(req, loaded.survey, langOf(body.lang, req.locale));
      const n = Number((req.params as { page: string }).page);
      const startUrl = answerUrl(tenant.slug, loaded.survey.id);
      const areas = await surveyAreas(app.db, tenant.id);
      const action = body.action === "back" ? "back" : body.action === "submit" ? "submit" : "next";
      const r = await savePage(
        app.db,
        tenant.id,
        loaded.survey,
        b.content,
        { token: req.cookies[TOKEN_COOKIE], page: n, body, lang: b.lang, submit: action === "submit", back: action === "back" },
        areas,
        await ignoreWordsFor(app, tenant.id, areas),
        todayInStockholm(),
      );
      if (r.kind === "closed" || r.kind === "notYet") return sendPageAsync(req, reply, async (ctx) => closedPage(ctx, b, r, publicBase(tenant.slug)), 409);
      if (r.kind === "lost") {
        // Sent again after submitting (back button, double click): the answers are already in.
        if (req.cookies[DONE_COOKIE])
          return sendPageAsync(req, reply, async (ctx) => closedPage(ctx, b, { kind: "alreadySubmitted" }, publicBase(tenant.slug)), 409);
        return reply.code(303).redirect(`${startUrl}?lang=${b.lang}&fel=session`);
      }
      if (r.kind === "invalid") {
        const progress = await loadProgress(app.db, tenant.id, loaded.survey, b.content, req.cookies[TOKEN_COOKIE]);
        const items = shownItems(b.content, n, progress?.chosen ?? new Map());
        // Show the person's input again, as typed.
        const values = new Map(progress?.saved ?? []);
        for (const item of items) {
          const v = body[`q.${item.key}`];
          const list = Array.isArray(v) ? v.map(String) : typeof v === "string" && v !== "" ? [v] : [];
          values.set(item.key, {
            itemKey: item.key,
            options: item.type === "text" || item.type === "number" ? [] : list,
            num:
              item.type === "number" && list[0] !== undefined && Number.isFinite(Number(list[0].replace(",", "."))) ? Number(list[0].replace(",", ".")) : null,
            text: item.type === "text" ? (list[0] ?? "") : null,
          });
        }
        const pages = progress?.pages ?? [n];
        return sendPageAsync(
          req,
          reply,
          async (ctx) => questionPage(ctx, b, { page: n, pages, items, values, areas, errors: r.errors, text: r.text, last: pages.at(-1) === n }),
          400,
        );
      }
      if (r.next === null && action === "submit") {
        reply.clearCookie(TOKEN_COOKIE, { path: cookiePath(tenant.slug, loaded.survey.id) });
        reply.setCookie(DONE_COOKIE, "1", { path: cookiePath(tenant.slug, loaded.survey.id), httpOnly: true, sameSite: "lax", maxAge: 60 * 60 * 24 * 120 });
        return reply.code(303).redirect(`${startUrl}/tack?lang=${b.lang}`);
      }
      return reply.code(303).redirect(`${startUrl}/sida/${r.next ?? n}?lang=${b.lang}`);
    },
  );

  app.get(
    "/t/:tenant/enkat/:surveyId/tack",
    {
      schema: { tags, summary: "Tack-sidan efter inskickade svar", params: SurveyParams, querystring: LangQuery, response: htmlResponses },
      ...page.options,
      logLevel: QUIET,
    },
    async (req, reply) => {
      const { tenant, loaded } = page.of(req);
      const q = req.query as z.infer<typeof LangQuery>;
      const b = await base(req, loaded.survey, langOf(q.lang, req.locale));
      return sendPageAsync(req, reply, async (ctx) => thanksPage(ctx, b, publicBase(tenant.slug)));
    },
  );
}
