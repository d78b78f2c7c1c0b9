// Insatser: the list, one decided between meetings, one insats (evaluation, the owner's report,
// the comparison area, history), and the analysis pages (tertial or kvartal, and the year) that
// list every insats with its evaluation.
import type { FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { type FieldErrors, field } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import type { LogProgressOutcome } from "../../promises/index.ts";
import { describePromise } from "../../promises/index.ts";
import { listPlaces } from "../../tenants/index.ts";
import { isoDate, parsePeriod, type Period, periodOfDay, previousPeriod, today } from "../domain/time.ts";
import { errorsOf, estBase } from "../pages/common.ts";
import { analysisPage, insatserPage, insatsPage, type InsatsPageInput, newInsatsPage } from "../pages/insatser.ts";
import type { InsatsFormInput } from "../pages/meetings.ts";
import { can } from "../policy.ts";
import { type InsatsView, listInsatsEvents, listInsatser } from "../repo/insatser.ts";
import { InsatsInput, InsatsStatusInput } from "../schema.ts";
import { evaluateInsatser } from "../service/evaluation.ts";
import { changeInsatsStatus, chooseComparison, createInsats, insatsFacts } from "../service/insatser.ts";
import { categoryLabel, estSettings } from "../settings.ts";
import { INSATS_STATUSES } from "../tables.ts";
import type { EstAccess } from "./access.ts";
import { insatsFormInput, insatsFormParts, insatsFormValues, insatsProblems } from "./meetings.ts";

const TenantParams = z.object({ tenant: z.string() });
const InsatsParams = z.object({ tenant: z.string(), insatsId: z.string() });
const tags = ["EST (sidor för personal)"];

/** What happened on the promise when an insats was reported done, in words. */
function promiseNotice(req: FastifyRequest, p: LogProgressOutcome | null): string | null {
  if (!p) return null;
  switch (p.kind) {
    case "ok":
      return req.t("est.promise.logged");
    case "dateOutsidePeriod":
      return req.t("est.promise.outsidePeriod", { from: p.validFrom, to: p.validTo });
    case "wrongStatus":
      return req.t("est.promise.wrongStatus");
    case "forbidden":
      return req.t("est.promise.forbidden");
    case "dateInFuture":
      return req.t("est.promise.future");
    case "notFound":
      return req.t("est.promise.notFound");
  }
}

export async function registerInsatsRoutes(app: App, access: EstAccess): Promise<void> {
  app.get(
    "/t/:tenant/arbete/est/insatser",
    {
      schema: {
        tags,
        summary: "Insatserna",
        params: TenantParams,
        querystring: z.object({ status: z.string().optional(), lang: z.string().optional() }),
        response: htmlResponses,
      },
      ...access.insatser.options,
    },
    async (req, reply) => {
      const { tenant, actor } = access.insatser.of(req);
      const status = (INSATS_STATUSES as readonly string[]).includes(req.query.status ?? "")
        ? (req.query.status as (typeof INSATS_STATUSES)[number])
        : undefined;
      const insatser = await listInsatser(app.db, tenant.id, status ? { status } : {});
      return sendPageAsync(req, reply, async (ctx) =>
        insatserPage(ctx, { insatser, status: status ?? "", mayCreate: can(actor, "insats.create", { tenant_id: tenant.id }) }),
      );
    },
  );

  async function renderNew(req: FastifyRequest, reply: FastifyReply, tenant: TenantRow, extra: Partial<InsatsFormInput> = {}, status = 200) {
    const on = isoDate(today());
    const parts = await insatsFormParts(app, tenant, on);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        newInsatsPage(ctx, {
          action: `${estBase(tenant.slug)}/insatser/ny`,
          ...parts,
          values: { starts_on: on, ends_on: isoDate(today() + 13), radius_m: "250" },
          ...extra,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/est/insatser/ny",
    { schema: { tags, summary: "Besluta en insats mellan mötena (samordnare)", params: TenantParams, response: htmlResponses }, ...access.newInsats.options },
    async (req, reply) => renderNew(req, reply, access.newInsats.of(req).tenant),
  );

  app.post(
    "/t/:tenant/arbete/est/insatser/ny",
    { schema: { tags, summary: "Spara en insats", params: TenantParams, body: FormBody, response: htmlResponses }, ...access.newInsats.options },
    async (req, reply) => {
      const { tenant, actor } = access.newInsats.of(req);
      const values = insatsFormValues(req.body);
      const parsed = validateBilingual(InsatsInput, insatsFormInput(req.body));
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[i.field.split(".")[0]!] ??= req.locale === "en" ? i.message_en : i.message;
        return renderNew(req, reply, tenant, { values, errors }, 400);
      }
      const r = await createInsats(app.db, tenant, actor, null, parsed.value);
      const problem = insatsProblems(req, r, { title: parsed.value.title, description: parsed.value.description });
      if (problem) return renderNew(req, reply, tenant, { values, ...problem }, 400);
      const id = (r as { insats: { id: string } }).insats.id;
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/insatser/${id}`, req.t("est.flash.insatsDecided"));
    },
  );

  async function renderInsats(
    req: FastifyRequest,
    reply: FastifyReply,
    insats: InsatsView,
    extra: Partial<Pick<InsatsPageInput, "status" | "conflict" | "promiseNotice">> = {},
    status = 200,
  ) {
    const { tenant, actor } = access.insats.of(req);
    const [all, history, places, promise] = await Promise.all([
      listInsatser(app.db, tenant.id),
      listInsatsEvents(app.db, tenant.id, insats.id),
      listPlaces(app.db, tenant.id),
      insats.promise_id ? describePromise(app.db, tenant.id, insats.promise_id) : Promise.resolve(undefined),
    ]);
    const evaluations = await evaluateInsatser(app.db, tenant, [insats], all, app.ui.incidentSources);
    const facts = await insatsFacts(app.db, tenant.id, actor, insats);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        insatsPage(ctx, {
          insats,
          evaluation: evaluations.get(insats.id)!,
          settings: estSettings(tenant),
          history,
          places,
          promise: promise ?? null,
          may: { report: can(actor, "insats.report", facts), manage: can(actor, "insats.manage", insats) },
          ...extra,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/est/insatser/:insatsId",
    {
      schema: { tags, summary: "En insats: uppföljning, utvärdering före/efter, historik", params: InsatsParams, response: htmlResponses },
      ...access.insats.options,
    },
    async (req, reply) => renderInsats(req, reply, access.insats.of(req).loaded.insats),
  );

  app.post(
    "/t/:tenant/arbete/est/insatser/:insatsId/status",
    {
      schema: {
        tags,
        summary: "Rapportera en insats påbörjad, genomförd (med utfall) eller inställd",
        params: InsatsParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...access.insats.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.insats.of(req);
      const values = { status: field(req.body, "status"), outcome: field(req.body, "outcome"), done_on: field(req.body, "done_on") };
      const parsed = validateBilingual(InsatsStatusInput, { ...values, version: field(req.body, "version") });
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[i.field] ??= req.locale === "en" ? i.message_en : i.message;
        return renderInsats(req, reply, loaded.insats, { status: { values, errors } }, 400);
      }
      const r = await changeInsatsStatus(app.db, app.deps.storage, tenant, actor, loaded.insats.id, parsed.value);
      if (r.kind === "conflict") return renderInsats(req, reply, r.current, { status: { values }, conflict: true }, 409);
      if (r.kind === "forbidden") throw HttpError.of(403, "est.error.forbidden");
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind !== "ok") {
        const problem = insatsProblems(req, r, { outcome: values.outcome }) ?? {};
        return renderInsats(req, reply, loaded.insats, { status: { values, ...problem } }, 400);
      }
      const notice = promiseNotice(req, r.promise);
      return redirectWithFlash(
        reply,
        `${estBase(tenant.slug)}/insatser/${loaded.insats.id}`,
        `${req.t(`est.flash.insats.${r.insats.status}`)}${notice ? ` ${notice}` : ""}`,
      );
    },
  );

  app.post(
    "/t/:tenant/arbete/est/insatser/:insatsId/jamforelse",
    {
      schema: { tags, summary: "Välj jämförelseområde för utvärderingen (samordnare)", params: InsatsParams, body: FormBody, response: htmlResponses },
      ...access.insats.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.insats.of(req);
      const r = await chooseComparison(app.db, tenant, actor, loaded.insats.id, {
        comparison_place_id: field(req.body, "comparison_place_id") || undefined,
        version: Number(field(req.body, "version")),
      });
      if (r.kind === "forbidden") throw HttpError.of(403, "est.error.forbidden");
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind === "conflict") return renderInsats(req, reply, r.current, { conflict: true }, 409);
      if (r.kind === "invalid") return renderInsats(req, reply, loaded.insats, { status: { values: {}, errors: errorsOf(req, r.problems) } }, 400);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/insatser/${loaded.insats.id}#evaluation-heading`, req.t("est.flash.comparisonSaved"));
    },
  );

  app.get(
    "/t/:tenant/arbete/est/analys",
    {
      schema: {
        tags,
        summary: "Tertial-, kvartals- och årsanalys: alla insatser med utvärdering",
        params: TenantParams,
        querystring: z.object({ period: z.string().optional(), lang: z.string().optional() }),
        response: htmlResponses,
      },
      ...access.analysis.options,
    },
    async (req, reply) => {
      const { tenant } = access.analysis.of(req);
      const settings = estSettings(tenant);
      const kind = settings.analysisPeriod;
      let period: Period;
      if (req.query.period) {
        const p = parsePeriod(req.query.period);
        if (!p) throw HttpError.of(400, "est.error.period", { period: req.query.period.slice(0, 20) });
        period = p;
      } else period = previousPeriod(periodOfDay(kind, today()));
      // The periods around the chosen one, and its year.
      const periods: Period[] = [];
      let p = periodOfDay(kind, period.days.to + 400);
      for (let i = 0; i < 8; i++) {
        periods.unshift(p);
        p = previousPeriod(p);
      }
      periods.push(parsePeriod(String(period.year)) as Period, parsePeriod(String(period.year - 1)) as Period);
      const all = await listInsatser(app.db, tenant.id);
      const insatser = all.filter((i) => i.starts_on <= period.last && i.ends_on >= period.first && i.status !== "installd");
      const evaluations = await evaluateInsatser(app.db, tenant, insatser, all, app.ui.incidentSources);
      const lastYear = parsePeriod(
        period.kind === "ar" ? String(period.year - 1) : period.label.replace(String(period.year), String(period.year - 1)),
      ) as Period;
      const before = previousPeriod(period);
      const figures = await periodFigures(app, tenant, [period, before, lastYear]);
      return sendPageAsync(req, reply, async (ctx) =>
        analysisPage(ctx, {
          period,
          kind,
          periods: periods.filter((x, i, a) => a.findIndex((y) => y.label === x.label) === i),
          insatser,
          evaluations,
          settings,
          figures: figures.map((f) => ({
            ...f,
            label: f.source === "est" ? categoryLabel(settings, f.category, ctx.locale) : f.category,
            sourceLabel: ctx.t(app.ui.incidentSources.find((s) => s.key === f.source)?.label ?? f.source),
          })),
        }),
      );
    },
  );

  /** Counts per source and category in three periods (the period, the one before, last year's). */
  async function periodFigures(app2: App, tenant: TenantRow, periods: [Period, Period, Period]) {
    const sources = app2.ui.incidentSources;
    // The tenant filter is in each source's rows (tenant_id = …).
    const results = await Promise.all(
      periods.map(async (p) => {
        const parts = sources.map((s) => sql`select ${s.key}::text as source, q.category from (${s.rows(tenant.id, p.days)}) q`);
        if (parts.length === 0) return [];
        const r = await sql<{ source: string; category: string; count: number }>`
          select source, category, count(*)::int as count from (${sql.join(parts, sql` union all `)}) i group by 1, 2`.execute(app2.db);
        return r.rows;
      }),
    );
    const keys = new Map<string, { source: string; category: string; counts: [number, number, number] }>();
    results.forEach((rows, k) => {
      for (const r of rows) {
        const id = `${r.source}\u0000${r.category}`;
        const g = keys.get(id) ?? { source: r.source, category: r.category, counts: [0, 0, 0] as [number, number, number] };
        g.counts[k] = r.count;
        keys.set(id, g);
      }
    });
    return [...keys.values()]
      .sort((a, b) => b.counts[0] - a.counts[0] || b.counts[1] - a.counts[1])
      .map((g) => ({ source: g.source, category: g.category, period: g.counts[0], previous: g.counts[1], lastYear: g.counts[2] }));
  }
}
