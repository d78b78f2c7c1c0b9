// Public routes: results per year (/t/{slug}/trygghetsmatning, …/{year}), an item's trend, and
// perceived beside reported per area. Only published rounds and imported official results are
// shown; every figure has passed the suppression rule.
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../../platform/db/schema.ts";
import { htmlResponses } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { isStaff } from "../../../platform/auth/actor.ts";
import { todayInStockholm } from "../domain/dates.ts";
import { SUMMARY_INDICES } from "../domain/template.ts";
import { comparisonPage, type OfficialLabels, resultsPage, trendPage } from "../pages/public.ts";
import { knownItemKeys } from "../repo/definitions.ts";
import { listAnswerable } from "../repo/surveys.ts";
import { compare, comparisonSources } from "../service/compare.ts";
import { publicYears, surveyAreas, trendOf, yearOverview } from "../service/results.ts";
import { CSV_CONTENT_TYPE, CSV_DIALECTS, csvDialectOf, csvFilename } from "../../../platform/csv.ts";
import { renderResultsPdf } from "../pdf/results.ts";
import { resultsCsv } from "../service/exports.ts";
import { yearUrl } from "../pages/urls.ts";
import { settingsFor, yearParam } from "./common.ts";

const tags = ["trygghetsmätning (publika sidor)"];
const TenantParams = z.object({ tenant: z.string() });
const YearParams = z.object({ tenant: z.string(), year: z.string() });
const ItemParams = z.object({ tenant: z.string(), itemKey: z.string() });
const AreaParams = z.object({ tenant: z.string(), areaSlug: z.string() });

/** A year with public results (a published round or official results), else nothing (404). */
export async function findPublicYear(db: Kysely<DB>, tenantId: string, yearText: string): Promise<{ year: number } | undefined> {
  const year = yearParam(yearText);
  if (year === null) return undefined;
  return (await publicYears(db, tenantId)).includes(year) ? { year } : undefined;
}

/** An item the tenant's results may name (an item of its definitions or a summary index). */
export async function findKnownItem(db: Kysely<DB>, tenantId: string, key: string): Promise<{ key: string } | undefined> {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(key)) return undefined;
  const known = await knownItemKeys(db, tenantId);
  return known.has(key) || key in SUMMARY_INDICES ? { key } : undefined;
}

export async function findArea(db: Kysely<DB>, tenantId: string, slug: string) {
  return (await surveyAreas(db, tenantId)).find((a) => a.slug === slug);
}

export async function officialLabels(db: Kysely<DB>, tenantId: string): Promise<OfficialLabels> {
  const out: OfficialLabels = new Map();
  for (const [key, text] of Object.entries(SUMMARY_INDICES)) out.set(key, { text, item: null });
  for (const [key, item] of await knownItemKeys(db, tenantId)) out.set(key, { text: item.text, item });
  return out;
}

export const yearLoader = {
  param: "year",
  load: (db: Kysely<DB>, tenantId: string | null, id: string) => (tenantId ? findPublicYear(db, tenantId, id) : Promise.resolve(undefined)),
};
export const itemLoader = {
  param: "itemKey",
  load: (db: Kysely<DB>, tenantId: string | null, id: string) => (tenantId ? findKnownItem(db, tenantId, id) : Promise.resolve(undefined)),
};

export async function registerPublicRoutes(app: App): Promise<void> {
  // Every public answer here is rendered once per change (decision 0015): the pipelines declare
  // `publicCache` and the handlers send through `app.publicCache`; triggers on the module's tables
  // (migration 0501) bump the tenant's public version with every change these answers show.
  const cache = app.publicCache;
  const landing = pipeline({ tenant: "path", access: "public", present: "page", publicCache: true });
  const year = pipeline({ tenant: "path", access: "public", present: "page", publicCache: true, load: { year: yearLoader } });
  const item = pipeline({ tenant: "path", access: "public", present: "page", publicCache: true, load: { item: itemLoader } });
  const area = pipeline({
    tenant: "path",
    access: "public",
    present: "page",
    publicCache: true,
    load: { area: { param: "areaSlug", load: (db, tenantId, slug) => (tenantId ? findArea(db, tenantId, slug) : Promise.resolve(undefined)) } },
  });

  app.get(
    "/t/:tenant/trygghetsmatning",
    { schema: { tags, summary: "Trygghetsmätningens resultat (senaste året)", params: TenantParams, response: htmlResponses }, ...landing.options },
    async (req, reply) => {
      const { tenant } = landing.of(req);
      const settings = settingsFor(tenant);
      const [years, areas, open, labels] = await Promise.all([
        publicYears(app.db, tenant.id),
        surveyAreas(app.db, tenant.id),
        listAnswerable(app.db, tenant.id, todayInStockholm()),
        officialLabels(app.db, tenant.id),
      ]);
      const overview = years[0] !== undefined ? await yearOverview(app.db, tenant.id, years[0], areas, settings) : null;
      return cache.sendPage(req, reply, (ctx) => resultsPage(ctx, { slug: tenant.slug, tenantName: tenant.name, overview, areas, settings, open, labels }));
    },
  );

  app.get(
    "/t/:tenant/trygghetsmatning/:year",
    { schema: { tags, summary: "Trygghetsmätningens resultat ett år", params: YearParams, response: htmlResponses }, ...year.options },
    async (req, reply) => {
      const { tenant, loaded } = year.of(req);
      const settings = settingsFor(tenant);
      const [areas, open, labels] = await Promise.all([
        surveyAreas(app.db, tenant.id),
        listAnswerable(app.db, tenant.id, todayInStockholm()),
        officialLabels(app.db, tenant.id),
      ]);
      const overview = await yearOverview(app.db, tenant.id, loaded.year.year, areas, settings);
      return cache.sendPage(req, reply, (ctx) => resultsPage(ctx, { slug: tenant.slug, tenantName: tenant.name, overview, areas, settings, open, labels }));
    },
  );

  const yearFile = pipeline({ tenant: "path", access: "public", present: "file", publicCache: true, load: { year: yearLoader } });
  app.get(
    "/t/:tenant/trygghetsmatning/:year.pdf",
    {
      schema: {
        tags,
        summary: "Ett års resultat som taggad PDF (rubriker på läsarens språk)",
        params: YearParams,
        response: { 200: z.string().describe("PDF (application/pdf), taggad") },
      },
      ...yearFile.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = yearFile.of(req);
      const settings = settingsFor(tenant);
      const [areas, labels] = await Promise.all([surveyAreas(app.db, tenant.id), officialLabels(app.db, tenant.id)]);
      const overview = await yearOverview(app.db, tenant.id, loaded.year.year, areas, settings);
      const pdf = await renderResultsPdf(overview, {
        locale: req.locale,
        tenantName: tenant.name,
        areas,
        settings,
        labels,
        publicUrl: `${app.deps.config.baseUrl}${yearUrl(tenant.slug, loaded.year.year)}`,
      });
      return cache.send(req, reply, {
        type: "application/pdf",
        body: pdf,
        headers: { "content-disposition": `inline; filename="trygghetsmatning-${tenant.slug}-${loaded.year.year}.pdf"` },
      });
    },
  );

  app.get(
    "/t/:tenant/trygghetsmatning/:year.csv",
    {
      schema: {
        tags,
        summary: "Ett års resultat som CSV: sammanställningar, aldrig enskilda svar",
        description:
          "En rad per fråga, område och svarsalternativ (antal, procent, andelen som mäts med 95 % Wilson-intervall), en rad per dold cell utan siffror, och polisens officiella värden. RFC 4180; `?format=excel` ger samma data för Excel med svenska inställningar.",
        params: YearParams,
        querystring: z.object({ format: z.enum(CSV_DIALECTS).or(z.literal("")).optional() }),
        response: { 200: z.string().describe("text/csv") },
      },
      ...yearFile.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = yearFile.of(req);
      const settings = settingsFor(tenant);
      const [areas, labels] = await Promise.all([surveyAreas(app.db, tenant.id), officialLabels(app.db, tenant.id)]);
      const overview = await yearOverview(app.db, tenant.id, loaded.year.year, areas, settings);
      const dialect = csvDialectOf((req.query as { format?: string }).format);
      const csv = resultsCsv(overview, { locale: req.locale, areas, labels, dialect });
      return cache.send(req, reply, {
        type: CSV_CONTENT_TYPE,
        body: csv,
        headers: { "content-disposition": `attachment; filename="${csvFilename(`trygghetsmatning-${tenant.slug}-${loaded.year.year}`, dialect)}"` },
      });
    },
  );

  app.get(
    "/t/:tenant/trygghetsmatning/fraga/:itemKey",
    { schema: { tags, summary: "En fråga över åren, per område", params: ItemParams, response: htmlResponses }, ...item.options },
    async (req, reply) => {
      const { tenant, loaded } = item.of(req);
      const settings = settingsFor(tenant);
      const areas = await surveyAreas(app.db, tenant.id);
      const trend = await trendOf(app.db, tenant.id, loaded.item.key, areas, settings);
      if (!trend) return reply.callNotFound();
      return cache.sendPage(req, reply, (ctx) => trendPage(ctx, { slug: tenant.slug, itemKey: loaded.item.key, trend, settings }));
    },
  );

  const comparison = async (req: FastifyRequest, areaSlug: string | null) => {
    const tenant = req.tenant!;
    const settings = settingsFor(tenant);
    const areas = await surveyAreas(app.db, tenant.id);
    const staff = isStaff(req.actor, tenant.id);
    // Staff also see sources that are not public (EST's reports and the police's events, for instance).
    const sources = comparisonSources(app.ui.incidentSources, staff);
    const chosen = areaSlug ? (areas.find((a) => a.slug === areaSlug) ?? null) : null;
    return { comparison: await compare(app.db, tenant.id, chosen, areas, settings, sources), areas, staff };
  };

  app.get(
    "/t/:tenant/trygghetsmatning/jamforelse",
    {
      schema: { tags, summary: "Upplevd trygghet bredvid anmälda brott och andra händelser (hela kommunen)", params: TenantParams, response: htmlResponses },
      ...landing.options,
    },
    async (req, reply) => {
      const { tenant } = landing.of(req);
      const c = await comparison(req, null);
      return cache.sendPage(req, reply, (ctx) => comparisonPage(ctx, { slug: tenant.slug, tenantName: tenant.name, ...c }));
    },
  );

  app.get(
    "/t/:tenant/trygghetsmatning/jamforelse/:areaSlug",
    {
      schema: { tags, summary: "Upplevd trygghet bredvid anmälda brott och andra händelser i ett område", params: AreaParams, response: htmlResponses },
      ...area.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = area.of(req);
      const c = await comparison(req, loaded.area.slug);
      return cache.sendPage(req, reply, (ctx) => comparisonPage(ctx, { slug: tenant.slug, tenantName: tenant.name, ...c }));
    },
  );
}
