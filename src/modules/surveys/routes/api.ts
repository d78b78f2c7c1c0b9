// The survey API (JSON, documented at /api/docs): rounds, a year's results (aggregates only, with
// intervals; suppressed cells carry no counts), an item's trend, the perceived-and-reported
// comparison, and live counts for staff while a round runs.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { isStaff } from "../../../platform/auth/actor.ts";
import { apiErrors } from "../../../platform/http/errors.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { plain as plainText } from "../../../platform/i18n/content.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { answerState, todayInStockholm } from "../domain/dates.ts";
import { type Cell, type Column, type ResultView, TOTAL, UNKNOWN } from "../domain/results.ts";
import { colourOf } from "../domain/stats.ts";
import { statementText } from "../pages/public.ts";
import { answerUrl } from "../pages/urls.ts";
import { liveCounts } from "../repo/responses.ts";
import { listSurveys } from "../repo/surveys.ts";
import { ComparisonOut, ResultsOut, SurveySummaryOut, TrendOut } from "../schema.ts";
import { compare, comparisonSources } from "../service/compare.ts";
import { type Area, surveyAreas, trendOf, yearOverview } from "../service/results.ts";
import { settingsFor, surveyParam } from "./common.ts";
import { itemLoader, yearLoader } from "./public.ts";

const tags = ["trygghetsmätning"];
const TenantParams = z.object({ tenant: z.string() });
const YearParams = z.object({ tenant: z.string(), year: z.string() });
const ItemParams = z.object({ tenant: z.string(), itemKey: z.string() });
const SurveyParams = z.object({ tenant: z.string(), surveyId: z.string() });

const SurveysOut = z.object({ surveys: z.array(SurveySummaryOut) });

const pc = (p: number) => Math.round(p * 1000) / 10;

function columnKey(c: Column): string {
  return c.kind === "total" ? TOTAL : c.kind === "unknown" ? UNKNOWN : (c.slug ?? "");
}

function cellOut(area: string, cell: Cell | undefined) {
  const empty = {
    area,
    suppressed: false,
    answered: 0,
    dont_know: 0,
    distribution: null,
    share: null,
    weighted_share: null,
    per_option: null,
    mean: null,
    index: null,
  };
  if (!cell) return empty;
  if (cell.suppressed) return { ...empty, suppressed: true, answered: null, dont_know: null };
  return {
    area,
    suppressed: false,
    answered: cell.answered,
    dont_know: cell.dontKnow,
    distribution: cell.distribution.length ? cell.distribution.map((d) => ({ option: d.key, count: d.count, percent: pc(d.pct) })) : null,
    share:
      cell.share && !cell.share.suppressed
        ? { percent: pc(cell.share.p), lo: pc(cell.share.lo), hi: pc(cell.share.hi), k: cell.share.k, base: cell.share.base }
        : null,
    weighted_share: cell.weighted
      ? { percent: pc(cell.weighted.p), lo: pc(cell.weighted.lo), hi: pc(cell.weighted.hi), n_eff: Math.round(cell.weighted.nEff * 10) / 10 }
      : null,
    per_option: cell.perOption ? cell.perOption.map((o) => ({ option: o.key, k: o.k, percent: pc(o.iv.p), lo: pc(o.iv.lo), hi: pc(o.iv.hi) })) : null,
    mean: cell.mean ? { mean: cell.mean.mean, lo: cell.mean.lo, hi: cell.mean.hi, n: cell.mean.n } : null,
    index: cell.index ? { value: cell.index.value, colour: cell.index.colour, official: false as const } : null,
  };
}

export function viewOut(view: ResultView) {
  return view.items.map((r) => ({
    key: r.item.key,
    type: r.item.type,
    theme: r.item.theme,
    text: { sv: r.item.text.sv, en: r.item.text.en ?? null },
    measure: r.item.measure?.kind ?? null,
    cells: view.columns.map((c) => cellOut(columnKey(c), r.cells[c.key])),
  }));
}

export async function registerApiRoutes(app: App): Promise<void> {
  // Public answers are stored once per change for anonymous callers (decision 0015; the module's
  // triggers bump the public version): the body is encoded here, as Fastify's serializer would.
  const open = pipeline({ tenant: "path", access: "public", present: "json", publicCache: true });
  const year = pipeline({ tenant: "path", access: "public", present: "json", publicCache: true, load: { year: yearLoader } });
  const item = pipeline({ tenant: "path", access: "public", present: "json", publicCache: true, load: { item: itemLoader } });
  const sendJson = <S extends z.ZodType>(req: FastifyRequest, reply: FastifyReply, schema: S, body: z.output<S>) =>
    app.publicCache.send(req, reply, { type: "application/json; charset=utf-8", body: JSON.stringify(z.encode(schema, body)) });
  const live = pipeline({ tenant: "path", access: "staff", present: "json", load: { survey: surveyParam } });
  const sv = translator("sv");

  app.get(
    "/api/t/:tenant/surveys",
    {
      schema: {
        tags,
        summary: "Trygghetsmätningens omgångar: publicerade och öppna (personal ser alla)",
        params: TenantParams,
        response: { 200: SurveysOut, ...apiErrors },
      },
      ...open.options,
    },
    async (req, reply) => {
      const { tenant, actor } = open.of(req);
      const staff = isStaff(actor, tenant.id);
      const today = todayInStockholm();
      const rows = await listSurveys(app.db, tenant.id);
      return sendJson(req, reply, SurveysOut, {
        surveys: rows
          .filter((s) => staff || s.status === "publicerad" || answerState(s, today) === "open")
          .map((s) => ({
            id: s.id,
            year: s.year,
            title: s.title,
            status: s.status,
            field_from: s.field_from,
            field_to: s.field_to,
            open: answerState(s, today) === "open",
            answer_url: answerState(s, today) === "open" ? answerUrl(tenant.slug, s.id) : null,
          })),
      });
    },
  );

  app.get(
    "/api/t/:tenant/surveys/results/:year",
    {
      schema: {
        tags,
        summary: "Ett års resultat: fördelningar, andelar med 95 % KI (Wilson), officiella värden",
        params: YearParams,
        response: { 200: ResultsOut, ...apiErrors },
      },
      ...year.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = year.of(req);
      const settings = settingsFor(tenant);
      const areas = await surveyAreas(app.db, tenant.id);
      const o = await yearOverview(app.db, tenant.id, loaded.year.year, areas, settings);
      const view = o.round?.view ?? null;
      const slugOf = (id: string | null) => (id ? (areas.find((a) => a.id === id)?.slug ?? id) : TOTAL);
      return sendJson(req, reply, ResultsOut, {
        year: o.year,
        survey: o.round
          ? {
              id: o.round.survey.id,
              title: o.round.survey.title,
              field_from: o.round.survey.field_from,
              field_to: o.round.survey.field_to,
              responses: o.round.view.responses,
              complete: o.round.view.complete,
              published_at: o.round.survey.published_at ? new Date(o.round.survey.published_at).toISOString() : null,
            }
          : null,
        min_cell: settings.minCell,
        weighting: view?.weights
          ? {
              population: view.weights.population,
              excluded: view.weights.excluded,
              label: sv("surveys.results.weightedText", { population: view.weights.population, excluded: view.weights.excluded }),
            }
          : null,
        index_label: settings.index.enabled ? sv("surveys.results.indexLabel") : null,
        areas: view
          ? view.columns.map((c) => ({
              area: columnKey(c),
              name: c.kind === "area" ? (c.name ?? "") : sv(c.kind === "total" ? "surveys.results.total" : "surveys.results.unknownArea"),
              responses: c.responses,
            }))
          : [...areas.map((a: Area) => ({ area: a.slug, name: a.name, responses: null })), { area: TOTAL, name: sv("surveys.results.total"), responses: null }],
        items: view ? viewOut(view) : [],
        official: o.official.map((x) => ({
          year: x.year,
          area: slugOf(x.area_id),
          item: x.item_key,
          index: x.index_value,
          share_percent: x.share,
          n: x.n,
          colour: x.colour,
          band_colour: x.colour === null && x.index_value !== null ? colourOf(x.index_value, settings.bands) : null,
        })),
      });
    },
  );

  app.get(
    "/api/t/:tenant/surveys/trend/:itemKey",
    {
      schema: {
        tags,
        summary: "En fråga över åren, per område (egna omgångar och officiella värden)",
        params: ItemParams,
        response: { 200: TrendOut, ...apiErrors },
      },
      ...item.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = item.of(req);
      const areas = await surveyAreas(app.db, tenant.id);
      const trend = await trendOf(app.db, tenant.id, loaded.item.key, areas, settingsFor(tenant));
      if (!trend) return reply.callNotFound();
      const text = trend.item?.text ?? trend.summary!;
      return sendJson(req, reply, TrendOut, {
        item: loaded.item.key,
        text: { sv: text.sv, en: text.en ?? null },
        measure: trend.item?.measure?.kind ?? null,
        series: trend.series.map((s) => ({
          area: s.areaId ? (areas.find((a) => a.id === s.areaId)?.slug ?? "") : TOTAL,
          name: s.name ?? sv("surveys.results.total"),
          points: s.points.map((p) => ({
            year: p.year,
            source: p.source,
            share_percent: p.share ? pc(p.share.p) : null,
            lo: p.share?.lo != null ? pc(p.share.lo) : null,
            hi: p.share?.hi != null ? pc(p.share.hi) : null,
            index: p.index,
            suppressed: p.suppressed,
          })),
        })),
      });
    },
  );

  app.get(
    "/api/t/:tenant/surveys/comparison",
    {
      schema: {
        tags,
        summary: "Upplevd trygghet bredvid anmälda brott och andra händelser, med var de går isär",
        params: TenantParams,
        querystring: z.object({ area: z.string().max(100).optional() }),
        response: { 200: ComparisonOut, ...apiErrors },
      },
      ...open.options,
    },
    async (req, reply) => {
      const { tenant, actor } = open.of(req);
      const settings = settingsFor(tenant);
      const areas = await surveyAreas(app.db, tenant.id);
      const slug = (req.query as { area?: string }).area;
      const area = slug ? areas.find((a) => a.slug === slug) : null;
      if (slug && !area) return reply.callNotFound();
      const staff = isStaff(actor, tenant.id);
      const c = await compare(app.db, tenant.id, area ?? null, areas, settings, comparisonSources(app.ui.incidentSources, staff));
      const ctx = { t: sv };
      return sendJson(req, reply, ComparisonOut, {
        area: area?.slug ?? TOTAL,
        name: area?.name ?? tenant.name,
        perceived: c.perceived.map((p) => ({
          key: p.key,
          label:
            p.kind === "problems"
              ? sv("surveys.compare.series.problems", { n: p.problemItems })
              : sv(
                  p.kind === "problemindex"
                    ? "surveys.compare.series.problemindex"
                    : p.official
                      ? "surveys.compare.series.officialInsecurity"
                      : "surveys.compare.series.insecurity",
                ),
          scale: p.scale,
          official: p.official,
          points: p.points,
        })),
        reported: c.reported.map((r) => ({
          key: r.key,
          label: r.category ? `${sv(r.source.label)}: ${r.category}` : sv(r.source.label),
          level: r.level,
          points: r.points,
        })),
        statements: c.statements.map((s) => ({
          text: plainText(statementText(ctx, s, c)),
          from: s.from,
          to: s.to,
          diverges: s.diverges,
          uncertain: s.uncertain,
        })),
      });
    },
  );

  app.get(
    "/api/t/:tenant/surveys/:surveyId/live",
    {
      schema: {
        tags,
        summary: "Svar hittills i en omgång (personal): per område, kanal och om svaret är komplett",
        security: [{ session: [] }],
        params: SurveyParams,
        response: {
          200: z.object({
            survey_id: z.uuid(),
            status: z.string(),
            counts: z.array(z.object({ area: z.string(), channel: z.string(), complete: z.boolean(), responses: z.number().int() })),
          }),
          ...apiErrors,
        },
      },
      ...live.options,
    },
    async (req) => {
      const { tenant, loaded } = live.of(req);
      const areas = await surveyAreas(app.db, tenant.id);
      const rows = await liveCounts(app.db, tenant.id, loaded.survey.id);
      return {
        survey_id: loaded.survey.id,
        status: loaded.survey.status,
        counts: rows.map((r) => ({
          area: r.area_id ? (areas.find((a) => a.id === r.area_id)?.slug ?? r.area_id) : UNKNOWN,
          channel: r.channel,
          complete: r.complete,
          responses: Number(r.n),
        })),
      };
    },
  );
}
