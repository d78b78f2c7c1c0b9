// Public pages and PDFs with stable addresses:
//   /t/{slug}/medborgarlofte              the current promise — or, when no period contains today,
//                                         the latest one, saying that its period has ended (…/medborgarlofte.pdf its PDF)
//   /t/{slug}/medborgarlofte/{id}         any published one (…/{id}.pdf)
//   /t/{slug}/medborgarlofte/{id}/uppfoljning(.pdf)   its follow-up report
// All of them are rendered once per change of the tenant's public data and then answered from
// the public-answer cache (their pipelines declare `publicCache`; decision 0015): handlers send
// through app.publicCache, which stores what an anonymous visitor gets.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { notFound } from "../../../platform/http/errors.ts";
import { htmlResponses } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { reportAsOf, todayInStockholm } from "../domain/progress.ts";
import { followUpPage, noPromisePage, publicDocUrl, publicDocumentPage } from "../pages/public.ts";
import { renderDocumentPdf, renderFollowUpPdf } from "../pdf/render.ts";
import { getTenantBoundary } from "../repo/documents.ts";
import type { DocumentRow } from "../repo/documents.ts";
import { type DocumentView, loadDocumentViews, loadPublished } from "../service/views.ts";
import { publicDocFile, publicDocPage, publicTenantFile, publicTenantPage } from "./access.ts";

const TenantParams = z.object({ tenant: z.string() });
const DocParams = z.object({ tenant: z.string(), documentId: z.string() });
const PdfResponse = {
  200: z.string().describe("PDF (application/pdf), taggad; rubriker och datum på läsarens språk (?lang= eller kakan lang), innehållet på svenska"),
  404: z.string(),
};

/** A safe file name for Content-Disposition ("Medborgarlöfte i Osby kommun 2021" → ASCII-ish). */
function pdfName(title: string): string {
  return (
    title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "medborgarlofte"
  );
}

export function sendPdf(reply: FastifyReply, pdf: Buffer, name: string): FastifyReply {
  return reply
    .type("application/pdf")
    .header("content-disposition", `inline; filename="${pdfName(name)}.pdf"`)
    .send(pdf); // Cache-Control by the app's central rule: public for anonymous readers, never for staff
}

export async function registerPublicRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const cache = app.publicCache;
  /** A public PDF, stored for the next anonymous visitor. */
  const sendPublicPdf = (req: FastifyRequest, reply: FastifyReply, pdf: Buffer, name: string) =>
    cache.send(req, reply, { type: "application/pdf", body: pdf, headers: { "content-disposition": `inline; filename="${pdfName(name)}.pdf"` } });
  /** The view of a published document (the pipeline answered 404 for anything else). */
  async function publishedView(req: FastifyRequest, doc: DocumentRow): Promise<DocumentView> {
    const [view] = await loadDocumentViews(app.db, req.tenant!.id, [doc], { asOf: todayInStockholm() });
    return view!;
  }

  async function renderDocument(req: FastifyRequest, reply: FastifyReply, view: DocumentView) {
    const tenant = req.tenant!;
    const today = todayInStockholm();
    const { documents, current, latest } = await loadPublished(app.db, tenant.id, today);
    const newer = view.doc.superseded_by_id ? (documents.find((d) => d.id === view.doc.superseded_by_id) ?? null) : null;
    // Earlier promises: the latest published version of each series (older versions are linked from it).
    const latestOfSeries = documents.filter((d) => !d.superseded_by_id);
    const boundary = await getTenantBoundary(app.db, tenant.id);
    // Indicators other modules name for these promises (a survey item, for instance), from the module list.
    const lineages = view.promises.map((p) => p.lineage_id);
    const indicators = (await Promise.all(app.ui.promiseIndicators.map((s) => s.indicators(app.db, tenant, lineages, req.locale)))).flat();
    return cache.sendPage(req, reply, (ctx) =>
      publicDocumentPage(ctx, {
        view,
        indicators,
        isCurrent: current?.id === view.doc.id,
        isLatest: latest?.id === view.doc.id,
        today,
        published: latestOfSeries,
        versions: documents.filter((d) => d.series_id === view.doc.series_id && d.id !== view.doc.id).sort((a, b) => a.revision - b.revision),
        newer,
        map: { boundary, tileUrl: config.MAP_TILE_URL, attribution: config.MAP_TILE_ATTRIBUTION },
      }),
    );
  }

  /** The current promise, or the latest one when no period contains today (the page says so). */
  async function currentView(req: FastifyRequest): Promise<DocumentView | null> {
    const { current, latest } = await loadPublished(app.db, req.tenant!.id, todayInStockholm());
    const shown = current ?? latest;
    if (!shown) return null;
    const [view] = await loadDocumentViews(app.db, req.tenant!.id, [shown], { asOf: todayInStockholm() });
    return view ?? null;
  }

  app.get(
    "/t/:tenant/medborgarlofte",
    {
      schema: {
        tags: ["medborgarlöften"],
        summary: "Kommunens aktuella medborgarlöfte med utfall per löfte (publik sida)",
        params: TenantParams,
        response: htmlResponses,
      },
      ...publicTenantPage.options,
    },
    async (req, reply) => {
      const view = await currentView(req);
      if (!view) return cache.sendPage(req, reply, (ctx) => noPromisePage(ctx));
      return renderDocument(req, reply, view);
    },
  );

  app.get(
    "/t/:tenant/medborgarlofte.pdf",
    {
      schema: { tags: ["medborgarlöften"], summary: "Det aktuella medborgarlöftet som PDF", params: TenantParams, response: PdfResponse },
      ...publicTenantFile.options,
    },
    async (req, reply) => {
      const view = await currentView(req);
      if (!view) throw notFound();
      const pdf = await renderDocumentPdf(view, { publicUrl: `${config.baseUrl}${publicDocUrl(req.tenant!.slug, view.doc.id)}`, locale: req.locale });
      return sendPublicPdf(req, reply, pdf, view.doc.title);
    },
  );

  app.get(
    "/t/:tenant/medborgarlofte/:documentId",
    {
      schema: { tags: ["medborgarlöften"], summary: "Ett publicerat medborgarlöfte (publik sida)", params: DocParams, response: htmlResponses },
      ...publicDocPage.options,
    },
    async (req, reply) => {
      const view = await publishedView(req, publicDocPage.of(req).loaded.doc);
      return renderDocument(req, reply, view);
    },
  );

  app.get(
    "/t/:tenant/medborgarlofte/:documentId.pdf",
    {
      schema: { tags: ["medborgarlöften"], summary: "Ett publicerat medborgarlöfte som PDF", params: DocParams, response: PdfResponse },
      ...publicDocFile.options,
    },
    async (req, reply) => {
      const view = await publishedView(req, publicDocFile.of(req).loaded.doc);
      const pdf = await renderDocumentPdf(view, { publicUrl: `${config.baseUrl}${publicDocUrl(req.tenant!.slug, view.doc.id)}`, locale: req.locale });
      return sendPublicPdf(req, reply, pdf, view.doc.title);
    },
  );

  app.get(
    "/t/:tenant/medborgarlofte/:documentId/uppfoljning",
    {
      schema: { tags: ["medborgarlöften"], summary: "Uppföljningsrapport för ett publicerat medborgarlöfte", params: DocParams, response: htmlResponses },
      ...publicDocPage.options,
    },
    async (req, reply) => {
      const view = await publishedView(req, publicDocPage.of(req).loaded.doc);
      return cache.sendPage(req, reply, (ctx) => followUpPage(ctx, view, reportAsOf(view.doc.valid_to, todayInStockholm())));
    },
  );

  app.get(
    "/t/:tenant/medborgarlofte/:documentId/uppfoljning.pdf",
    { schema: { tags: ["medborgarlöften"], summary: "Uppföljningsrapporten som PDF", params: DocParams, response: PdfResponse }, ...publicDocFile.options },
    async (req, reply) => {
      const view = await publishedView(req, publicDocFile.of(req).loaded.doc);
      const pdf = await renderFollowUpPdf(view, {
        publicUrl: `${config.baseUrl}${publicDocUrl(req.tenant!.slug, view.doc.id)}/uppfoljning`,
        asOf: reportAsOf(view.doc.valid_to, todayInStockholm()),
        locale: req.locale,
      });
      return sendPublicPdf(req, reply, pdf, `Uppfoljning ${view.doc.title}`);
    },
  );
}
