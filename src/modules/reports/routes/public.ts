// Public routes of residents' reports (no account):
//   /t/{slug}/rapportera                       the report form (GET) and sending it (POST, multipart)
//   /t/{slug}/rapporter                        map and list; …/karta.json the map layer; …/nara.json
//                                              similar open reports near a point; …/flode.atom the feed
//   /t/{slug}/rapporter/{ref}                  one report; …/instammer a +1; …/bilder/{id}.jpg a photo
//   /t/{slug}/mitt-arende?nyckel=…             the reporter's own page (private link); …/svar, …/glom-mig
//   /t/{slug}/rapporter/bevaka                 alerts by e-mail; /t/{slug}/bevakning?nyckel=… confirm or end
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { field, type FieldErrors, fields, isConfirmed } from "../../../platform/http/forms.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { latLonToSweref } from "../../../analysis/index.ts";
import { content, plain } from "../../../platform/i18n/content.ts";
import { hashSecret, looksLikeSecret, newSecret, normaliseRef } from "../domain/codes.ts";
import { parseCoordinate } from "../domain/location.ts";
import { monthKey } from "../domain/periods.ts";
import { confirmPage, mapIsland, publicBase } from "../pages/format.ts";
import { type AlertFormValues, alertFormPage, alertManagePage, followPage, linkGonePage, listPage, reportPage } from "../pages/public.ts";
import { type FormValues, submitPage } from "../pages/submit.ts";
import { findPhoto, listDraftPhotos } from "../repo/photos.ts";
import type { Bbox } from "../repo/public.ts";
import { findReportByRef, type ReportRow, supportCounts } from "../repo/reports.ts";
import { tenantGeo } from "../service/geo.ts";
import { followSecret } from "../service/notify.ts";
import { photoBytes, removeDraftPhoto, storeDraftPhotos } from "../service/photos.ts";
import { individuallyVisible, placeText, publicLayer, publicList, publicReportView } from "../service/public-view.ts";
import { checkDraft, createReport, type Problem, resolveLocation, screenDraft, similarReports } from "../service/reports.ts";
import { alertBySecret, answerFixed, confirmAlert, endAlert, forgetReporter, reportByFollowSecret, requestAlert, supportReport } from "../service/resident.ts";
import { activeCategories, categoryName, findCategory, personCategoryCodes, reportsSettings } from "../settings.ts";
import { type ReportStatus, UNSAFE_TIMES, type UnsafeTime } from "../tables.ts";
import type { ReportsPipelines } from "./access.ts";
import { draftFromForm, reportFormValues } from "./form-input.ts";

const TenantParams = z.object({ tenant: z.string() });
const ReportParams = z.object({ tenant: z.string(), reportRef: z.string() });
const PhotoParams = z.object({ tenant: z.string(), reportRef: z.string(), photoId: z.string() });
const tags = ["medborgardialog"];

const STATUS_GROUPS: Record<string, ReportStatus[]> = {
  open: ["mottagen", "under_utredning"],
  closed: ["atgardad", "avslutad", "inte_vart_ansvar", "dubblett"],
};

function q(req: FastifyRequest, name: string): string {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "";
}

export function problemsToErrors(req: FastifyRequest, problems: readonly Problem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) out[p.field] ??= req.t(p.key, p.params);
  return out;
}

/** The map view a client asks for: "west,south,east,north" (GeoJSON order); null when absent or not one. */
export function parseBbox(text: string): Bbox | null {
  if (!text) return null;
  const parts = text.split(",").map((x) => parseCoordinate(x));
  if (parts.length !== 4 || parts.some((x) => x === null)) return null;
  const [minLon, minLat, maxLon, maxLat] = parts as number[];
  if (!(minLon! < maxLon! && minLat! < maxLat!)) return null;
  return { minLon: minLon!, minLat: minLat!, maxLon: maxLon!, maxLat: maxLat! };
}

export async function registerPublicRoutes(app: App, p: ReportsPipelines): Promise<void> {
  const { config } = app.deps;

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    opts: {
      errors?: FieldErrors;
      formError?: string;
      findings?: ReturnType<typeof screenDraft>;
      similar?: Awaited<ReturnType<typeof similarItems>>;
      draftKey: string;
      otherKommunkod?: string;
    },
    status = 200,
  ) {
    const tenant = req.tenant!;
    const settings = reportsSettings(tenant);
    const g = await tenantGeo(app.db, tenant.id);
    const drafts = opts.draftKey ? await listDraftPhotos(app.db, tenant.id, hashSecret(opts.draftKey)) : [];
    const otherTenant = opts.otherKommunkod
      ? ((await app.db.selectFrom("tenants").select(["slug", "name"]).where("kommunkod", "=", opts.otherKommunkod).executeTakeFirst()) ?? null)
      : null;
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        submitPage(ctx, {
          categories: activeCategories(settings),
          places: g.places,
          areas: g.areas,
          boundary: g.boundary,
          tileUrl: config.MAP_TILE_URL,
          attribution: config.MAP_TILE_ATTRIBUTION,
          values,
          errors: opts.errors,
          formError: opts.formError,
          findings: opts.findings,
          similar: opts.similar,
          drafts,
          draftKey: opts.draftKey,
          otherTenant,
        }),
      status,
    );
  }

  async function similarItems(tenantId: string, reports: Awaited<ReturnType<typeof similarReports>>, t: FastifyRequest["t"], locale: "sv" | "en") {
    const g = await tenantGeo(app.db, tenantId);
    const counts = await supportCounts(
      app.db,
      tenantId,
      reports.map((r) => r.id),
    );
    return reports.map((r) => ({
      report: r as ReportRow,
      distance: r.distance,
      supports: counts.get(r.id) ?? 0,
      where: placeText(r, g.places, g.areas, t, locale),
    }));
  }

  app.get(
    "/t/:tenant/rapportera",
    {
      schema: { tags, summary: "Formuläret för en ny rapport om en otrygg plats (fungerar utan JavaScript)", params: TenantParams, response: htmlResponses },
      ...p.publicPage.options,
    },
    async (req, reply) => {
      const kategori = q(req, "kategori");
      return renderForm(req, reply, { category: kategori, unsafe_times: [], confirmed_not_names: [] }, { draftKey: "" });
    },
  );

  app.post(
    "/t/:tenant/rapportera",
    {
      schema: {
        tags,
        summary: "Skicka en rapport (multipart: text, plats, upp till 3 bilder). Personuppgifter i fritext visas för den som skriver innan något sparas.",
        params: TenantParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...p.submit.options,
    },
    async (req, reply) => {
      const { tenant, files } = p.submit.of(req);
      const settings = reportsSettings(tenant);
      const values = reportFormValues(req.body);
      // Photos are kept as drafts under a key the form carries, so a correction never asks for them again.
      let draftKey = looksLikeSecret(field(req.body, "draft_key")) ? field(req.body, "draft_key") : "";
      if (!draftKey && files.length) draftKey = newSecret();
      const problems: Problem[] = [];
      if (draftKey) {
        const draftHash = hashSecret(draftKey);
        for (const id of fields(req.body, "remove_photo")) await removeDraftPhoto(app.db, app.deps.storage, tenant.id, draftHash, id);
        const photos = files.filter((f) => f.field === "photos");
        const stored = await storeDraftPhotos(app.db, app.deps.storage, tenant.id, draftHash, photos);
        if (stored.problems.length)
          problems.push({
            field: "photos",
            key: "reports.photo.error.list",
            params: { list: stored.problems.map((x) => `${x.file}: ${req.t(x.key, x.params)}`).join(" ") },
          });
      }
      const form = draftFromForm(values);
      problems.push(...form.problems, ...checkDraft(settings, form.draft));
      let where: Awaited<ReturnType<typeof resolveLocation>> | null = null;
      if (form.location) {
        where = await resolveLocation(app.db, tenant, form.location, form.draft.locationText);
        if (!where.ok) problems.push(where.problem);
      }
      if (problems.length)
        return renderForm(
          req,
          reply,
          values,
          { errors: problemsToErrors(req, problems), draftKey, otherKommunkod: where && !where.ok ? where.otherKommunkod : undefined },
          400,
        );
      const located = where as Extract<typeof where, { ok: true }>;
      const draft = { ...form.draft, location: form.location! };
      const findings = screenDraft(draft, located.geo);
      if (Object.keys(findings).length) {
        const errors: FieldErrors = {};
        for (const f of Object.keys(findings)) errors[f] = req.t("reports.findings.fieldError");
        return renderForm(req, reply, values, { errors, findings, draftKey }, 400);
      }
      if (values.skip_similar !== "1") {
        const similar = await similarReports(app.db, tenant.id, settings, draft.category, located.where);
        if (similar.length) return renderForm(req, reply, values, { similar: await similarItems(tenant.id, similar, req.t, req.locale), draftKey });
      }
      const report = await createReport(app.db, app.deps, tenant, settings, draft, located.where, {
        source: "web",
        draftKeyHash: draftKey ? hashSecret(draftKey) : null,
      });
      return reply.code(303).redirect(`/t/${tenant.slug}/mitt-arende?nyckel=${followSecret(app.deps, report.id)}&ny=1`);
    },
  );

  app.get(
    "/t/:tenant/rapporter",
    {
      schema: {
        tags,
        summary: "Rapporter på karta och i lista (personrelaterade kategorier bara som antal per ruta)",
        params: TenantParams,
        response: htmlResponses,
      },
      ...p.publicPage.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicPage.of(req);
      const settings = reportsSettings(tenant);
      const g = await tenantGeo(app.db, tenant.id);
      const filter = {
        kategori: q(req, "kategori"),
        status: q(req, "status"),
        omrade: q(req, "omrade"),
        dagar: ["30", "90", "365"].includes(q(req, "dagar")) ? q(req, "dagar") : "90",
      };
      const categories = filter.kategori && findCategory(settings, filter.kategori) ? [filter.kategori] : undefined;
      const status = STATUS_GROUPS[filter.status];
      const areaId = g.areas.some((a) => a.id === filter.omrade) ? filter.omrade : undefined;
      const page = Math.max(1, Math.min(1000, Number.parseInt(q(req, "sida"), 10) || 1));
      const days = Number(filter.dagar);
      const [list, layer] = await Promise.all([
        publicList(app.db, tenant, settings, { categories, status, areaId, days }, { offset: (page - 1) * 50, limit: 50 }, req.t, req.locale),
        publicLayer(app.db, tenant, settings, { categories, status, days }, req.t, req.locale),
      ]);
      const cells = layer.layer.cells.map((c) => ({
        category: c.category,
        count: c.count,
        where:
          placeText({ lat: c.lat, lon: c.lon, area_id: null }, g.places, g.areas, req.t, req.locale) ??
          req.t("reports.public.cellAt", { lat: c.lat.toFixed(3), lon: c.lon.toFixed(3) }),
      }));
      return sendPageAsync(req, reply, async (ctx) =>
        listPage(ctx, {
          filter,
          categories: settings.categories,
          areas: g.areas,
          items: list.items,
          page,
          more: list.more,
          map: mapIsland(ctx, "reports-map", ctx.t("reports.map.label"), {
            boundary: g.boundary,
            layers: [{ geojson: layer.layer.geojson }],
            tileUrl: config.MAP_TILE_URL,
            attribution: config.MAP_TILE_ATTRIBUTION,
            places: g.places.map((pl) => ({ name: pl.name, lat: pl.lat, lon: pl.lon })),
          }),
          truncated: layer.truncated,
          cells,
          personPeriod: { from: monthKey(layer.personPeriod.from), to: monthKey(new Date(layer.personPeriod.to.getTime() - 1)) },
          minCount: settings.minCount,
          cellSize: settings.cellSize,
          hasPersonCategories: personCategoryCodes(settings).length > 0,
        }),
      );
    },
  );

  app.get(
    "/t/:tenant/rapporter/karta.json",
    {
      schema: {
        tags,
        summary:
          "Kartlagret (GeoJSON): platsrelaterade rapporter som punkter, personrelaterade bara som antal per ruta över hela månader (rutor under tröskeln utelämnas). bbox=väst,syd,öst,nord; kategori; status=open|closed; dagar.",
        params: TenantParams,
      },
      ...p.cachedJson.options,
    },
    async (req, reply) => {
      const { tenant } = p.cachedJson.of(req);
      const settings = reportsSettings(tenant);
      const bboxText = q(req, "bbox");
      const bbox = parseBbox(bboxText);
      if (bboxText && !bbox) throw HttpError.of(400, "reports.error.bbox", undefined, { code: "bbox" });
      const kategori = q(req, "kategori");
      if (kategori && !findCategory(settings, kategori))
        throw HttpError.of(400, "reports.error.unknownCategory", { code: kategori.slice(0, 40) }, { code: "category" });
      const daysText = q(req, "dagar");
      const days = daysText ? Number(daysText) : 90;
      if (!Number.isInteger(days) || days < 1 || days > 365) throw HttpError.of(400, "reports.error.days", undefined, { code: "days" });
      const layer = await publicLayer(
        app.db,
        tenant,
        settings,
        { categories: kategori ? [kategori] : undefined, status: STATUS_GROUPS[q(req, "status")], bbox: bbox ?? undefined, days },
        req.t,
        req.locale,
      );
      // The same for every anonymous visitor: rendered once per change (decision 0015).
      return app.publicCache.send(req, reply, {
        type: "application/geo+json; charset=utf-8",
        body: JSON.stringify({
          ...layer.layer.geojson,
          truncated: layer.truncated,
          personPeriod: { from: layer.personPeriod.from.toISOString(), to: layer.personPeriod.to.toISOString() },
        }),
      });
    },
  );

  app.get(
    "/t/:tenant/rapporter/nara.json",
    {
      schema: {
        tags,
        summary: "Öppna, offentliga rapporter av samma kategori nära en punkt (förslag att instämma i stället för en dubblett)",
        params: TenantParams,
      },
      ...p.publicJson.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicJson.of(req);
      const settings = reportsSettings(tenant);
      const lat = parseCoordinate(q(req, "lat"));
      const lon = parseCoordinate(q(req, "lon"));
      const category = q(req, "kategori");
      if (lat === null || lon === null || lat < 54 || lat > 70 || lon < 10 || lon > 25)
        throw HttpError.of(400, "reports.error.coordinate", { example: "56,3812" }, { code: "coordinates" });
      if (!findCategory(settings, category)) throw HttpError.of(400, "reports.error.unknownCategory", { code: category.slice(0, 40) }, { code: "category" });
      const { n, e } = latLonToSweref(lat, lon);
      const similar = await similarReports(app.db, tenant.id, settings, category, {
        precision: "point",
        lat,
        lon,
        n,
        e,
        placeId: null,
        areaId: null,
        placeName: null,
      });
      const items = await similarItems(tenant.id, similar, req.t, req.locale);
      return reply.header("cache-control", "no-store").send({
        reports: items.map((i) => ({
          ref: i.report.ref,
          url: `${publicBase(tenant.slug)}/${i.report.ref}`,
          category: categoryName(settings, i.report.category, req.locale),
          status: req.t(`reports.status.${i.report.status}`),
          where: i.where === null ? null : plain(i.where),
          distance: Math.round(i.distance),
          supports: i.supports,
          description: i.report.description.slice(0, 200),
        })),
      });
    },
  );

  app.get(
    "/t/:tenant/rapporter/:reportRef",
    {
      schema: { tags, summary: "En rapport (bara platsrelaterade, synliga rapporter visas enskilt)", params: ReportParams, response: htmlResponses },
      ...p.publicReportPage.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = p.publicReportPage.of(req);
      const settings = reportsSettings(tenant);
      const view = await publicReportView(app.db, tenant, settings, loaded.report, req.t, req.locale);
      const g = await tenantGeo(app.db, tenant.id);
      const r = loaded.report;
      return sendPageAsync(req, reply, async (ctx) =>
        reportPage(
          ctx,
          view,
          r.lat !== null && r.lon !== null
            ? mapIsland(ctx, "report-map", ctx.t("reports.map.reportLabel"), {
                boundary: g.boundary,
                layers: [
                  {
                    geojson: {
                      type: "FeatureCollection",
                      features: [{ type: "Feature", properties: { label: view.categoryName }, geometry: { type: "Point", coordinates: [r.lon, r.lat] } }],
                    },
                  },
                ],
                tileUrl: config.MAP_TILE_URL,
                attribution: config.MAP_TILE_ATTRIBUTION,
                places: g.places.map((pl) => ({ name: pl.name, lat: pl.lat, lon: pl.lon })),
                fit: "layers",
              })
            : null,
          { supported: q(req, "instammer") === "1" },
        ),
      );
    },
  );

  app.post(
    "/t/:tenant/rapporter/:reportRef/instammer",
    {
      schema: {
        tags,
        summary: "Jag känner mig också otrygg här (+1), med när det känns otryggt",
        params: ReportParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...p.support.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = p.support.of(req);
      const settings = reportsSettings(tenant);
      const times = fields(req.body, "unsafe_times").filter((x): x is UnsafeTime => (UNSAFE_TIMES as readonly string[]).includes(x));
      const r = await supportReport(app.db, settings, tenant.id, loaded.report, times);
      const url = `${publicBase(tenant.slug)}/${loaded.report.ref}`;
      if (r.kind === "closed") return redirectWithFlash(reply, url, req.t("reports.support.closed"));
      return reply.code(303).redirect(`${url}?instammer=1`);
    },
  );

  app.get(
    "/t/:tenant/rapporter/:reportRef/bilder/:photoId.jpg",
    {
      schema: { tags, summary: "En bild till en rapport (rensad från metadata; ?storlek=liten för miniatyren)", params: PhotoParams },
      ...p.publicReportFile.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = p.publicReportFile.of(req);
      const photo = await findPhoto(app.db, tenant.id, loaded.report.id, (req.params as { photoId: string }).photoId);
      if (!photo || photo.hidden_at) throw HttpError.of(404);
      const bytes = await photoBytes(app.db, app.deps.storage, tenant.id, photo, q(req, "storlek") === "liten" ? "thumb" : "full");
      // The photo exists but its file is gone from the storage: say so, and leave a trace for the operators.
      if (!bytes) {
        req.log.warn({ photo: photo.id }, "rapportbildens fil saknas i lagringen");
        throw HttpError.of(410);
      }
      return reply.type("image/jpeg").header("cache-control", "public, max-age=300").header("content-disposition", "inline").send(bytes);
    },
  );

  // The reporter's own page, by the private link from the receipt (the secret is in the query, never a path, so no route parameter can guess it).
  app.get(
    "/t/:tenant/mitt-arende",
    {
      schema: { tags, summary: "Den som rapporterat följer sitt ärende med den privata länken (?nyckel=…)", params: TenantParams, response: htmlResponses },
      ...p.publicPage.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicPage.of(req);
      const secret = q(req, "nyckel");
      const report = await reportByFollowSecret(app.db, tenant.id, secret);
      if (!report) return sendPageAsync(req, reply, async (ctx) => linkGonePage(ctx), 404);
      const settings = reportsSettings(tenant);
      const view = await publicReportView(app.db, tenant, settings, report, req.t, req.locale, "reporter");
      // The page's address carries the secret: no Referer may take it anywhere.
      reply.header("referrer-policy", "no-referrer");
      return sendPageAsync(req, reply, async (ctx) =>
        followPage(ctx, view, { secret, isNew: q(req, "ny") === "1", publicLink: individuallyVisible(settings, report) }),
      );
    },
  );

  app.post(
    "/t/:tenant/mitt-arende/svar",
    {
      schema: { tags, summary: "Den som rapporterat svarar på frågan om det är åtgärdat", params: TenantParams, body: FormBody, response: htmlResponses },
      ...p.publicWrite.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicWrite.of(req);
      const secret = field(req.body, "nyckel");
      const report = await reportByFollowSecret(app.db, tenant.id, secret);
      if (!report) return sendPageAsync(req, reply, async (ctx) => linkGonePage(ctx), 404);
      const fixed = field(req.body, "fixed");
      if (fixed !== "ja" && fixed !== "nej") throw HttpError.of(400, "reports.error.fixedAnswer");
      const r = await answerFixed(app.db, app.deps, tenant, reportsSettings(tenant), report, fixed === "ja");
      const msg =
        r.kind === "notApplicable"
          ? req.t("reports.follow.answerNotApplicable")
          : req.t(fixed === "ja" ? "reports.follow.answeredFixed" : "reports.follow.answeredNotFixed");
      return redirectWithFlash(reply, `/t/${tenant.slug}/mitt-arende?nyckel=${secret}`, msg);
    },
  );

  app.post(
    "/t/:tenant/mitt-arende/glom-mig",
    {
      schema: { tags, summary: "Den som rapporterat tar bort sitt namn och sin e-postadress", params: TenantParams, body: FormBody, response: htmlResponses },
      ...p.publicWrite.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicWrite.of(req);
      const secret = field(req.body, "nyckel");
      const report = await reportByFollowSecret(app.db, tenant.id, secret);
      if (!report) return sendPageAsync(req, reply, async (ctx) => linkGonePage(ctx), 404);
      if (!isConfirmed(req.body)) {
        reply.header("referrer-policy", "no-referrer");
        return sendPageAsync(req, reply, async (ctx) =>
          confirmPage(ctx, {
            title: ctx.t("reports.follow.forgetTitle"),
            text: ctx.t("reports.follow.forgetIntro"),
            action: `/t/${tenant.slug}/mitt-arende/glom-mig`,
            fields: { nyckel: secret },
            confirmLabel: ctx.t("reports.follow.forgetButton"),
            cancelHref: `/t/${tenant.slug}/mitt-arende?nyckel=${secret}`,
          }),
        );
      }
      await forgetReporter(app.db, tenant.id, report);
      return redirectWithFlash(reply, `/t/${tenant.slug}/mitt-arende?nyckel=${secret}`, req.t("reports.follow.forgotten"));
    },
  );

  async function alertTarget(tenantId: string, ref: string): Promise<ReportRow | null> {
    const n = normaliseRef(ref);
    if (!n) return null;
    const r = await findReportByRef(app.db, tenantId, n);
    const tenant = (await app.db.selectFrom("tenants").select("settings").where("id", "=", tenantId).executeTakeFirstOrThrow()) as {
      settings: Record<string, unknown>;
    };
    return r && individuallyVisible(reportsSettings(tenant), r) ? r : null;
  }

  app.get(
    "/t/:tenant/rapporter/bevaka",
    {
      schema: {
        tags,
        summary: "Bevaka nya rapporter eller uppdateringar i ett område eller en kategori via e-post",
        params: TenantParams,
        response: htmlResponses,
      },
      ...p.publicPage.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicPage.of(req);
      const settings = reportsSettings(tenant);
      const g = await tenantGeo(app.db, tenant.id);
      const report = q(req, "rapport") ? await alertTarget(tenant.id, q(req, "rapport")) : null;
      const values: AlertFormValues = { email: "", events: "new", kategori: q(req, "kategori"), omrade: q(req, "omrade"), rapport: report?.ref ?? "" };
      return sendPageAsync(req, reply, async (ctx) => alertFormPage(ctx, { values, categories: activeCategories(settings), areas: g.areas, report }));
    },
  );

  app.post(
    "/t/:tenant/rapporter/bevaka",
    {
      schema: { tags, summary: "Beställ en bevakning (bekräftas via en länk i e-post)", params: TenantParams, body: FormBody, response: htmlResponses },
      ...p.publicWrite.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicWrite.of(req);
      const settings = reportsSettings(tenant);
      const g = await tenantGeo(app.db, tenant.id);
      const values: AlertFormValues = {
        email: field(req.body, "email").trim(),
        events: field(req.body, "events"),
        kategori: field(req.body, "kategori"),
        omrade: field(req.body, "omrade"),
        rapport: field(req.body, "rapport"),
      };
      const report = values.rapport ? await alertTarget(tenant.id, values.rapport) : null;
      const errors: FieldErrors = {};
      if (!values.email) errors.email = req.t("reports.error.emailRequired");
      else if (values.email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) errors.email = req.t("reports.error.email");
      if (values.rapport && !report) errors.email ??= req.t("reports.error.alertReport");
      if (!report) {
        if (!["new", "updates", "both"].includes(values.events)) errors.events = req.t("reports.error.alertEvents");
        const cat = values.kategori ? findCategory(settings, values.kategori) : null;
        if (values.kategori && cat?.kind !== "place") errors.kategori = req.t("reports.error.alertCategory");
        if (values.omrade && !g.areas.some((a) => a.id === values.omrade)) errors.omrade = req.t("reports.error.unknownArea");
      }
      if (Object.keys(errors).length)
        return sendPageAsync(
          req,
          reply,
          async (ctx) => alertFormPage(ctx, { values, categories: activeCategories(settings), areas: g.areas, report, errors }),
          400,
        );
      const what = report
        ? req.t("reports.alerts.whatReport", { ref: report.ref })
        : [
            req.t(`reports.alerts.events.${values.events}`),
            values.kategori ? categoryName(settings, values.kategori, req.locale) : req.t("reports.alerts.allPlaceCategories"),
            values.omrade ? content(g.areas.find((a) => a.id === values.omrade)?.name ?? "") : req.t("reports.alerts.wholeMunicipality"),
          ].join(" · ");
      await requestAlert(
        app.db,
        app.deps,
        tenant,
        {
          email: values.email,
          events: (values.events || "updates") as "new" | "updates" | "both",
          category: values.kategori || null,
          areaId: values.omrade || null,
          reportId: report?.id ?? null,
        },
        plain(what),
      );
      return sendPageAsync(req, reply, async (ctx) => alertFormPage(ctx, { values, categories: [], areas: [], report, sent: true }));
    },
  );

  app.get(
    "/t/:tenant/bevakning",
    {
      schema: { tags, summary: "En bevakning via länken i e-post (?nyckel=…): bekräfta eller avsluta", params: TenantParams, response: htmlResponses },
      ...p.publicPage.options,
    },
    async (req, reply) => {
      const { tenant } = p.publicPage.of(req);
      const secret = q(req, "nyckel");
      const sub = await alertBySecret(app.db, tenant.id, secret);
      if (!sub) return sendPageAsync(req, reply, async (ctx) => linkGonePage(ctx), 404);
      const settings = reportsSettings(tenant);
      const g = await tenantGeo(app.db, tenant.id);
      let what: string;
      if (sub.report_id) {
        const r = await app.db.selectFrom("reports").select("ref").where("tenant_id", "=", tenant.id).where("id", "=", sub.report_id).executeTakeFirst();
        what = req.t("reports.alerts.whatReport", { ref: r?.ref ?? "" });
      } else
        what = [
          req.t(`reports.alerts.events.${sub.events}`),
          sub.category ? categoryName(settings, sub.category, req.locale) : req.t("reports.alerts.allPlaceCategories"),
          sub.area_id ? content(g.areas.find((a) => a.id === sub.area_id)?.name ?? "") : req.t("reports.alerts.wholeMunicipality"),
        ].join(" · ");
      reply.header("referrer-policy", "no-referrer");
      return sendPageAsync(req, reply, async (ctx) => alertManagePage(ctx, { secret, confirmed: sub.confirmed_at !== null, what }));
    },
  );

  for (const [path, action] of [
    ["bekrafta", "confirm"],
    ["avsluta", "end"],
  ] as const) {
    app.post(
      `/t/:tenant/bevakning/${path}`,
      {
        schema: {
          tags,
          summary: action === "confirm" ? "Bekräfta en bevakning (dubbel bekräftelse)" : "Avsluta en bevakning med ett klick",
          params: TenantParams,
          body: FormBody,
          response: htmlResponses,
        },
        ...p.publicWrite.options,
      },
      async (req, reply) => {
        const { tenant } = p.publicWrite.of(req);
        const secret = field(req.body, "nyckel");
        const sub = await alertBySecret(app.db, tenant.id, secret);
        if (!sub) return sendPageAsync(req, reply, async (ctx) => linkGonePage(ctx), 404);
        if (action === "confirm") await confirmAlert(app.db, tenant.id, sub);
        else await endAlert(app.db, tenant.id, sub);
        return sendPageAsync(req, reply, async (ctx) =>
          alertManagePage(ctx, { secret, confirmed: true, what: "", done: action === "confirm" ? "confirmed" : "ended" }),
        );
      },
    );
  }
}
