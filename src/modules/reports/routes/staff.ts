// Staff routes for handling reports:
//   /t/{slug}/arbete/rapporter                   the inbox (filters: status, kategori, område, organisation, ålder, synlighet, sök)
//   /t/{slug}/arbete/rapporter/forsenade         overdue against the tenant's response times
//   /t/{slug}/arbete/rapporter/{ref}             one report, and its forms (POST …/status, …/uppdatering,
//                                                …/anteckning, …/svar, …/dirigera, …/dubblett, …/ateroppna,
//                                                …/granskning, …/redigera-bort, …/bilder/{id})
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type FieldErrors, field, isConfirmed } from "../../../platform/http/forms.ts";
import { mixed } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { normaliseRef } from "../domain/codes.ts";
import { isOpen } from "../domain/lifecycle.ts";
import { overdue } from "../domain/stats.ts";
import { confirmPage, mapIsland, staffBase } from "../pages/format.ts";
import { type InboxFilter, type InboxRow, inboxPage, overduePage, staffReportPage } from "../pages/staff.ts";
import { can, reportAbilities } from "../policy.ts";
import { findPhoto, listPhotos } from "../repo/photos.ts";
import {
  countByStatus,
  findReportById,
  listDuplicates,
  listInbox,
  listOpenOlderThan,
  listSupports,
  type ReportFilter,
  type ReportRow,
} from "../repo/reports.ts";
import { listAudit } from "../repo/updates.ts";
import { tenantGeo } from "../service/geo.ts";
import {
  addInternalNote,
  addPublicUpdate,
  type Ctx,
  changeStatus,
  handlePhoto,
  mergeInto,
  organisationsById,
  redactText,
  reopen,
  replyToReporter,
  review,
  routeTo,
  staffHistory,
} from "../service/handle.ts";
import { photoBytes } from "../service/photos.ts";
import { placeText } from "../service/public-view.ts";
import { findCategory, isPersonRelated, type ReportsSettings, reportsSettings } from "../settings.ts";
import { REPORT_STATUSES, type ReportStatus } from "../tables.ts";
import { type ReportsPipelines, reportFacts } from "./access.ts";

const TenantParams = z.object({ tenant: z.string() });
const ReportParams = z.object({ tenant: z.string(), reportRef: z.string() });
const PhotoParams = z.object({ tenant: z.string(), reportRef: z.string(), photoId: z.string() });
const tags = ["medborgardialog (personal)"];

function q(req: FastifyRequest, name: string): string {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
}

/** The inbox filter from the query, checked against the tenant's lists. */
export function inboxFilter(
  req: FastifyRequest,
  settings: ReportsSettings,
  areas: ReadonlyArray<{ id: string }>,
  orgs: ReadonlyMap<string, { name: string }>,
): { filter: InboxFilter; repo: ReportFilter } {
  const filter: InboxFilter = {
    status: q(req, "status") || "open",
    kategori: q(req, "kategori"),
    omrade: q(req, "omrade"),
    organisation: q(req, "organisation"),
    aldre: q(req, "aldre"),
    synlighet: q(req, "synlighet"),
    sok: q(req, "sok").trim().slice(0, 100),
  };
  const repo: ReportFilter = {};
  if (filter.status === "open") repo.status = ["mottagen", "under_utredning"];
  else if ((REPORT_STATUSES as readonly string[]).includes(filter.status)) repo.status = [filter.status as ReportStatus];
  else filter.status = "alla";
  if (filter.kategori && findCategory(settings, filter.kategori)) repo.categories = [filter.kategori];
  if (filter.omrade === "inget") repo.areaId = "none";
  else if (areas.some((a) => a.id === filter.omrade)) repo.areaId = filter.omrade;
  if (filter.organisation === "ingen") repo.organisationId = "none";
  else if (orgs.has(filter.organisation)) repo.organisationId = filter.organisation;
  const days = Number(filter.aldre);
  if (Number.isInteger(days) && days > 0 && days <= 3650) repo.olderThanDays = days;
  if (filter.synlighet === "pending" || filter.synlighet === "hidden" || filter.synlighet === "public") repo.visibility = [filter.synlighet];
  if (filter.sok) repo.text = filter.sok;
  return { filter, repo };
}

export async function registerStaffRoutes(app: App, p: ReportsPipelines): Promise<void> {
  const { config } = app.deps;

  app.get(
    "/t/:tenant/arbete/rapporter",
    {
      schema: {
        tags,
        summary: "Inkorgen: rapporter med filter på status, kategori, område, organisation och ålder",
        params: TenantParams,
        response: htmlResponses,
      },
      ...p.staffPage.options,
    },
    async (req, reply) => {
      const { tenant, actor } = p.staffPage.of(req);
      const settings = reportsSettings(tenant);
      const [g, orgs] = await Promise.all([tenantGeo(app.db, tenant.id), organisationsById(app.db, tenant.id)]);
      const { filter, repo } = inboxFilter(req, settings, g.areas, orgs);
      const page = Math.max(1, Math.min(10_000, Number.parseInt(q(req, "sida"), 10) || 1));
      const { status: _omit, ...withoutStatus } = repo;
      const [rows, counts] = await Promise.all([
        listInbox(app.db, tenant.id, repo, { offset: (page - 1) * 50, limit: 51 }),
        // Open ones only: the closed grow for ever and counting them would read every report.
        countByStatus(app.db, tenant.id, { ...withoutStatus, status: ["mottagen", "under_utredning"] }),
      ]);
      const now = new Date();
      const items: InboxRow[] = rows.slice(0, 50).map((r) => ({
        report: r,
        where: placeText(r, g.places, g.areas, req.t, req.locale),
        organisation: r.organisation_id ? (orgs.get(r.organisation_id)?.name ?? null) : null,
        overdue: (() => {
          const o = overdue({ status_open: isOpen(r.status), created_at: r.created_at, first_response_at: r.first_response_at }, now, settings);
          return o.firstResponse || o.closure;
        })(),
      }));
      const t = { tenant_id: tenant.id };
      return sendPageAsync(req, reply, async (ctx) =>
        inboxPage(ctx, {
          filter,
          rows: items,
          counts,
          page,
          more: rows.length > 50,
          categories: settings.categories,
          areas: g.areas,
          organisations: [...orgs.values()].map((o) => ({ id: o.id, name: o.name })),
          may: {
            rules: can(actor, "reports.manageRules", t),
            settings: can(actor, "reports.manageSettings", t),
            keys: can(actor, "reports.manageKeys", t),
            export: can(actor, "reports.export", t),
          },
        }),
      );
    },
  );

  app.get(
    "/t/:tenant/arbete/rapporter/forsenade",
    { schema: { tags, summary: "Försenade rapporter enligt kommunens svarstider", params: TenantParams, response: htmlResponses }, ...p.staffPage.options },
    async (req, reply) => {
      const { tenant } = p.staffPage.of(req);
      const settings = reportsSettings(tenant);
      const now = new Date();
      const earliest = Math.min(settings.firstResponseDays, settings.closureDays);
      const [open, orgs, g] = await Promise.all([
        listOpenOlderThan(app.db, tenant.id, new Date(now.getTime() - earliest * 86_400_000), 500),
        organisationsById(app.db, tenant.id),
        tenantGeo(app.db, tenant.id),
      ]);
      const rows = open.flatMap((r) => {
        const o = overdue({ status_open: true, created_at: r.created_at, first_response_at: r.first_response_at }, now, settings);
        if (!o.firstResponse && !o.closure) return [];
        return [
          {
            report: r,
            where: placeText(r, g.places, g.areas, req.t, req.locale),
            organisation: r.organisation_id ? (orgs.get(r.organisation_id)?.name ?? null) : null,
            overdue: true,
            reason: o.firstResponse ? ("firstResponse" as const) : ("closure" as const),
            dueAt: o.dueAt,
          },
        ];
      });
      return sendPageAsync(req, reply, async (ctx) => overduePage(ctx, { rows, settings, categories: settings.categories }));
    },
  );

  async function renderReport(
    req: FastifyRequest,
    reply: FastifyReply,
    report: ReportRow,
    opts: { values?: Record<string, string>; errors?: FieldErrors; formError?: string | null; notice?: string | null; status?: number } = {},
  ) {
    const tenant = req.tenant!;
    const settings = reportsSettings(tenant);
    const r = (await findReportById(app.db, tenant.id, report.id)) ?? report;
    const [g, photos, history, supports, dups, audit, orgs, facts] = await Promise.all([
      tenantGeo(app.db, tenant.id),
      listPhotos(app.db, tenant.id, [r.id], { includeHidden: true }),
      staffHistory(app.db, tenant.id, r.id),
      listSupports(app.db, tenant.id, r.id),
      listDuplicates(app.db, tenant.id, r.id),
      listAudit(app.db, tenant.id, r.id),
      organisationsById(app.db, tenant.id),
      reportFacts(app.db, req.actor, r),
    ]);
    const duplicateOf = r.duplicate_of ? ((await findReportById(app.db, tenant.id, r.duplicate_of)) ?? null) : null;
    const o = overdue({ status_open: isOpen(r.status), created_at: r.created_at, first_response_at: r.first_response_at }, new Date(), settings);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        staffReportPage(ctx, {
          report: r,
          categoryName: findCategory(settings, r.category)?.name[ctx.locale] ?? r.category,
          person: isPersonRelated(settings, r),
          where: placeText(r, g.places, g.areas, ctx.t, ctx.locale),
          areaName: g.areas.find((a) => a.id === r.area_id)?.name ?? null,
          organisation: r.organisation_id ? (orgs.get(r.organisation_id)?.name ?? null) : null,
          photos,
          history,
          supports,
          duplicates: dups,
          duplicateOf,
          audit,
          organisations: [...orgs.values()].map((x) => ({ id: x.id, name: x.name })),
          orgNames: new Map([...orgs.values()].map((x) => [x.id, x.name])),
          may: reportAbilities(req.actor, facts),
          overdue: o,
          map:
            r.lat !== null && r.lon !== null
              ? mapIsland(ctx, "staff-report-map", ctx.t("reports.map.reportLabel"), {
                  boundary: g.boundary,
                  layers: [
                    {
                      geojson: {
                        type: "FeatureCollection",
                        features: [{ type: "Feature", properties: { label: r.ref }, geometry: { type: "Point", coordinates: [r.lon, r.lat] } }],
                      },
                    },
                  ],
                  tileUrl: config.MAP_TILE_URL,
                  attribution: config.MAP_TILE_ATTRIBUTION,
                  places: g.places.map((pl) => ({ name: pl.name, lat: pl.lat, lon: pl.lon })),
                  fit: "layers",
                })
              : null,
          values: opts.values,
          errors: opts.errors,
          formError: opts.formError,
          notice: opts.notice,
        }),
      opts.status ?? 200,
    );
  }

  const ctxOf = (req: FastifyRequest): Ctx => {
    const tenant = req.tenant!;
    return { db: app.db, deps: app.deps, tenant, settings: reportsSettings(tenant), actor: req.actor! };
  };
  const back = (req: FastifyRequest, report: ReportRow, anchor = "") => `${staffBase(req.tenant!.slug)}/${report.ref}${anchor}`;
  const confirmed = (req: FastifyRequest) => field(req.body, "bekraftat") === "ja";
  const personalDataText = (req: FastifyRequest, findings: Array<{ kind: string; text: string }>) =>
    req.t("reports.staff.personalData", { found: findings.map((f) => `${req.t(`reports.finding.${f.kind}`)} (${f.text})`).join(", ") });

  app.get(
    "/t/:tenant/arbete/rapporter/:reportRef",
    {
      schema: { tags, summary: "En rapport med allt som behövs för att hantera den", params: ReportParams, response: htmlResponses },
      ...p.staffReport.options,
    },
    async (req, reply) => renderReport(req, reply, p.staffReport.of(req).loaded.report),
  );

  app.get(
    "/t/:tenant/arbete/rapporter/:reportRef/bilder/:photoId.jpg",
    { schema: { tags, summary: "En bild till en rapport (även dolda, för personalen)", params: PhotoParams }, ...p.staffReportFile.options },
    async (req, reply) => {
      const { tenant, loaded } = p.staffReportFile.of(req);
      const photo = await findPhoto(app.db, tenant.id, loaded.report.id, (req.params as { photoId: string }).photoId);
      if (!photo) throw HttpError.of(404);
      const bytes = await photoBytes(app.db, app.deps.storage, tenant.id, photo, q(req, "storlek") === "liten" ? "thumb" : "full");
      // The photo exists but its file is gone from the storage: say so, and leave a trace for the operators.
      if (!bytes) {
        req.log.warn({ photo: photo.id }, "rapportbildens fil saknas i lagringen");
        throw HttpError.of(410);
      }
      return reply.type("image/jpeg").header("cache-control", "private, no-store").send(bytes);
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/:reportRef/status",
    {
      schema: {
        tags,
        summary: "Ändra status (avslutad kräver skäl, inte vårt ansvar kräver ansvarig myndighet)",
        params: ReportParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...p.handle.options,
    },
    async (req, reply) => {
      const report = p.handle.of(req).loaded.report;
      const values = {
        status: field(req.body, "status"),
        skal: field(req.body, "skal"),
        myndighet: field(req.body, "myndighet"),
        statusText: field(req.body, "text"),
      };
      const r = await changeStatus(ctxOf(req), report, {
        to: values.status as ReportStatus,
        reason: values.skal,
        authority: values.myndighet,
        text: values.statusText,
        confirmed: confirmed(req),
      });
      const t = req.t;
      switch (r.kind) {
        case "ok":
          return redirectWithFlash(reply, back(req, report), t("reports.flash.status", { status: t(`reports.status.${r.report.status}`) }));
        case "reasonRequired":
          return renderReport(req, reply, report, { values, errors: { skal: t("reports.error.reasonRequired") }, status: 400 });
        case "authorityRequired":
          return renderReport(req, reply, report, { values, errors: { myndighet: t("reports.error.authorityRequired") }, status: 400 });
        case "unchanged":
          return renderReport(req, reply, report, { values, errors: { status: t("reports.error.statusUnchanged") }, status: 400 });
        case "notSettable":
          return renderReport(req, reply, report, { values, errors: { status: t("reports.error.statusNotSettable") }, status: 400 });
        case "closed":
          return renderReport(req, reply, report, { formError: t("reports.error.statusClosed"), status: 409 });
        case "tooLong":
          return renderReport(req, reply, report, { values, errors: { statusText: t("reports.error.updateLong", { max: 4000 }) }, status: 400 });
        case "personalData":
          return renderReport(req, reply, report, { values, errors: { statusText: personalDataText(req, r.findings) }, status: 400 });
      }
    },
  );

  const textRoutes = [
    {
      path: "uppdatering",
      name: "uppdatering",
      summary: "Publicera en uppdatering (syns för alla och mejlas till den som rapporterat och till bevakare)",
      flash: "reports.flash.update",
      run: (c: Ctx, r: ReportRow, text: string, ok: boolean) => addPublicUpdate(c, r, text, ok),
    },
    {
      path: "anteckning",
      name: "anteckning",
      summary: "Intern anteckning (bara personal)",
      flash: "reports.flash.note",
      run: (c: Ctx, r: ReportRow, text: string) => addInternalNote(c, r, text),
    },
    {
      path: "svar",
      name: "svar",
      summary: "Svara den som rapporterat via e-post (utkorgen); syns på deras privata sida",
      flash: "reports.flash.reply",
      run: (c: Ctx, r: ReportRow, text: string, ok: boolean) => replyToReporter(c, r, text, ok),
    },
  ] as const;
  for (const tr of textRoutes) {
    app.post(
      `/t/:tenant/arbete/rapporter/:reportRef/${tr.path}`,
      { schema: { tags, summary: tr.summary, params: ReportParams, body: FormBody, response: htmlResponses }, ...p.handle.options },
      async (req, reply) => {
        const report = p.handle.of(req).loaded.report;
        const text = field(req.body, tr.name);
        const r = await tr.run(ctxOf(req), report, text, confirmed(req));
        const values = { [tr.name]: text };
        if (r.kind === "ok") return redirectWithFlash(reply, back(req, report), req.t(tr.flash));
        if (r.kind === "empty") return renderReport(req, reply, report, { values, errors: { [tr.name]: req.t("reports.error.updateEmpty") }, status: 400 });
        if (r.kind === "tooLong")
          return renderReport(req, reply, report, { values, errors: { [tr.name]: req.t("reports.error.updateLong", { max: 4000 }) }, status: 400 });
        if (r.kind === "noAddress") return renderReport(req, reply, report, { values, errors: { [tr.name]: req.t("reports.staff.noAddress") }, status: 409 });
        return renderReport(req, reply, report, { values, errors: { [tr.name]: personalDataText(req, r.findings) }, status: 400 });
      },
    );
  }

  app.post(
    "/t/:tenant/arbete/rapporter/:reportRef/dirigera",
    {
      schema: {
        tags,
        summary: "Dirigera rapporten till en organisation (förvaltning, bolag, polisens LPO)",
        params: ReportParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...p.route.options,
    },
    async (req, reply) => {
      const report = p.route.of(req).loaded.report;
      const org = field(req.body, "organisation");
      const r = await routeTo(ctxOf(req), report, org || null);
      if (r.kind === "unknownOrganisation")
        return renderReport(req, reply, report, { errors: { organisation: req.t("reports.error.unknownOrganisation") }, status: 400 });
      return redirectWithFlash(reply, back(req, report), req.t(r.kind === "ok" ? "reports.flash.routed" : "reports.flash.unchanged"));
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/:reportRef/dubblett",
    {
      schema: {
        tags,
        summary: "Slå ihop med en annan rapport som dubblett (ange dess ärendenummer)",
        params: ReportParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...p.merge.options,
    },
    async (req, reply) => {
      const report = p.merge.of(req).loaded.report;
      const target = field(req.body, "mal");
      const ref = normaliseRef(target);
      const r = ref ? await mergeInto(ctxOf(req), report, ref) : ({ kind: "targetMissing" } as const);
      if (r.kind === "ok") return redirectWithFlash(reply, back(req, report), req.t("reports.flash.merged", { ref: r.target.ref }));
      return renderReport(req, reply, report, { values: { mal: target }, errors: { mal: req.t(`reports.error.merge.${r.kind}`) }, status: 400 });
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/:reportRef/ateroppna",
    { schema: { tags, summary: "Återöppna en stängd rapport", params: ReportParams, body: FormBody, response: htmlResponses }, ...p.handle.options },
    async (req, reply) => {
      const report = p.handle.of(req).loaded.report;
      const text = field(req.body, "text");
      const r = await reopen(ctxOf(req), report, text, confirmed(req));
      if (r.kind === "ok") return redirectWithFlash(reply, back(req, report), req.t("reports.flash.reopened"));
      if (r.kind === "notClosed") return renderReport(req, reply, report, { formError: req.t("reports.error.notClosed"), status: 409 });
      if (r.kind === "tooLong")
        return renderReport(req, reply, report, {
          values: { reopenText: text },
          errors: { reopenText: req.t("reports.error.updateLong", { max: 4000 }) },
          status: 400,
        });
      return renderReport(req, reply, report, { values: { reopenText: text }, errors: { reopenText: personalDataText(req, r.findings) }, status: 400 });
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/:reportRef/granskning",
    {
      schema: {
        tags,
        summary: "Publicera en rapport som väntar på granskning, dölj den för allmänheten (med skäl) eller visa den igen",
        params: ReportParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...p.review.options,
    },
    async (req, reply) => {
      const report = p.review.of(req).loaded.report;
      const decision = field(req.body, "beslut");
      const reason = field(req.body, "skal");
      if (decision !== "publish" && decision !== "hide")
        return renderReport(req, reply, report, { formError: req.t("reports.error.reviewDecision"), status: 400 });
      const r = await review(ctxOf(req), report, decision, reason);
      if (r.kind === "reasonRequired")
        return renderReport(req, reply, report, { values: { hideReason: reason }, errors: { hideReason: req.t("reports.error.hideReason") }, status: 400 });
      return redirectWithFlash(reply, back(req, report), req.t(r.kind === "ok" ? `reports.flash.review.${decision}` : "reports.flash.unchanged"));
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/:reportRef/redigera-bort",
    {
      schema: {
        tags,
        summary: "Ta bort personuppgifter ur texten (loggas utan den borttagna texten)",
        params: ReportParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...p.redact.options,
    },
    async (req, reply) => {
      const report = p.redact.of(req).loaded.report;
      const where = field(req.body, "falt");
      const text = field(req.body, "text");
      const reason = field(req.body, "skal");
      const target: { field: "description" | "location_text" } | { updateId: string } | null =
        where === "description" || where === "location_text" ? { field: where } : where.startsWith("update:") ? { updateId: where.slice(7) } : null;
      const values = { falt: where, redactText: text, redactReason: reason };
      if (!target) return renderReport(req, reply, report, { values, errors: { falt: req.t("reports.error.redactWhere") }, status: 400 });
      if (!text.trim()) return renderReport(req, reply, report, { values, errors: { redact: req.t("reports.error.redactEmpty") }, status: 400 });
      if (!reason.trim()) return renderReport(req, reply, report, { values, errors: { redactReason: req.t("reports.error.redactReason") }, status: 400 });
      // Removing text cannot be undone: a second step says what will go.
      if (!isConfirmed(req.body))
        return sendPageAsync(req, reply, async (ctx) =>
          confirmPage(ctx, {
            title: ctx.t("reports.confirm.redactTitle"),
            text: mixed(ctx, ctx.t("reports.confirm.redactText", { text: content(text.trim()) })),
            action: `${back(req, report)}/redigera-bort`,
            fields: { falt: where, text, skal: reason },
            confirmLabel: ctx.t("reports.staff.redact"),
            cancelHref: back(req, report),
          }),
        );
      const r = await redactText(ctxOf(req), report, target, text, reason);
      if (r.kind === "ok") return redirectWithFlash(reply, back(req, report), req.t("reports.flash.redacted", { count: r.count }));
      if (r.kind === "reasonRequired")
        return renderReport(req, reply, report, { values, errors: { redactReason: req.t("reports.error.redactReason") }, status: 400 });
      return renderReport(req, reply, report, {
        values,
        errors: { redact: req.t(r.kind === "empty" ? "reports.error.redactEmpty" : "reports.error.redactNotFound") },
        status: 400,
      });
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/:reportRef/bilder/:photoId",
    {
      schema: { tags, summary: "Dölj, visa eller radera en bild (med skäl; loggas)", params: PhotoParams, body: FormBody, response: htmlResponses },
      ...p.photos.options,
    },
    async (req, reply) => {
      const report = p.photos.of(req).loaded.report;
      const action = field(req.body, "atgard");
      if (action !== "hide" && action !== "show" && action !== "delete")
        return renderReport(req, reply, report, { formError: req.t("reports.error.photoAction"), status: 400 });
      const photoId = (req.params as { photoId: string }).photoId;
      if (action === "delete" && field(req.body, "skal").trim() && !isConfirmed(req.body))
        return sendPageAsync(req, reply, async (ctx) =>
          confirmPage(ctx, {
            title: ctx.t("reports.confirm.photoTitle"),
            text: ctx.t("reports.confirm.photoText"),
            action: `${back(req, report)}/bilder/${photoId}`,
            fields: { atgard: "delete", skal: field(req.body, "skal") },
            confirmLabel: ctx.t("reports.staff.photoDelete"),
            cancelHref: back(req, report),
          }),
        );
      const r = await handlePhoto(ctxOf(req), report, photoId, action, field(req.body, "skal"));
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind === "reasonRequired") return renderReport(req, reply, report, { formError: req.t("reports.error.photoReason"), status: 400 });
      return redirectWithFlash(reply, back(req, report), req.t(`reports.flash.photo.${action}`));
    },
  );
}
