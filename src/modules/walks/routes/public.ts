// Public pages with stable addresses, and residents' writes:
//   /t/{slug}/vandringar                  coming and past walks
//   /t/{slug}/vandringar/{id}             the invitation (sign-up, viewpoints) or the protocol
//   /t/{slug}/vandringar/{id}.pdf         the protocol's tagged PDF (once published)
//   /t/{slug}/vandringar/{id}/anmalan     sign-up (form post)
//   /t/{slug}/vandringar/{id}/synpunkter  a förmöte viewpoint (form post)
//   /t/{slug}/vandringar/{id}/foton/{observationId}  a photo the protocol shows
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { field } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { hasPublicProtocol } from "../domain/lifecycle.ts";
import { publicListPage, type PublicForms, publicWalkPage } from "../pages/public.ts";
import { renderProtocolPdf } from "../pdf/render.ts";
import { findFile } from "../repo/observations.ts";
import { countSignupsByWalk } from "../repo/residents.ts";
import { listActions } from "../repo/actions.ts";
import { listWalks } from "../repo/walks.ts";
import { SignupInput, ViewpointInput } from "../schema.ts";
import { addViewpoint, signUp } from "../service/residents.ts";
import { actionSummary, loadWalkView } from "../service/views.ts";
import { publicList, publicPhoto, publicProtocolFile, publicWalk, publicWrite } from "./access.ts";
import { formValues, numberInput, validateForm } from "./form-input.ts";
import { refusalMessages, refusalStatus } from "./refusals.ts";

const TenantParams = z.object({ tenant: z.string() });
const WalkParams = z.object({ tenant: z.string(), walkId: z.string() });
const PhotoParams = z.object({ tenant: z.string(), walkId: z.string(), observationId: z.string() });
const PhotoQuery = z.object({ storlek: z.enum(["liten", "stor"]).optional(), lang: z.string().optional() });
const tags = ["vandringar"];

/** A safe file name for Content-Disposition ("Medborgarvandring i Lönsboda" → ASCII). */
export function fileName(title: string): string {
  return (
    title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "vandring"
  );
}

export async function registerPublicRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const map = { tileUrl: config.MAP_TILE_URL, attribution: config.MAP_TILE_ATTRIBUTION };
  const limit = { max: config.PUBLIC_WRITE_RATE_LIMIT, timeWindow: "1 minute" };
  const signupWrite = publicWrite(limit);
  const viewpointWrite = publicWrite(limit);

  app.get(
    "/t/:tenant/vandringar",
    { schema: { tags, summary: "Kommande och genomförda vandringar (publik sida)", params: TenantParams, response: htmlResponses }, ...publicList.options },
    async (req, reply) => {
      const { tenant } = publicList.of(req);
      const walks = await listWalks(app.db, tenant.id, ["inbjudan", "genomford", "protokoll", "avslutad", "installd"]);
      const now = Date.now();
      const coming = walks.filter((w) => new Date(w.ends_at).getTime() >= now && w.status !== "protokoll" && w.status !== "avslutad").reverse();
      const past = walks.filter((w) => !coming.includes(w));
      const signups = await countSignupsByWalk(
        app.db,
        tenant.id,
        coming.map((w) => w.id),
      );
      const withCounts = await Promise.all(
        past.map(async (w) => ({ ...w, actionCounts: hasPublicProtocol(w.status) ? actionSummary(await listActions(app.db, tenant.id, w.id)) : null })),
      );
      return app.publicCache.sendPage(req, reply, (ctx) =>
        publicListPage(ctx, { coming: coming.map((w) => ({ ...w, signups: signups.get(w.id) ?? 0 })), past: withCounts }),
      );
    },
  );

  async function renderWalk(req: FastifyRequest, reply: FastifyReply, forms: PublicForms = {}, status = 200) {
    const { tenant, loaded } = publicWalk.of(req);
    const view = await loadWalkView(app.db, tenant.id, loaded.walk);
    // An open invitation has forms (sign-up, viewpoints) with the visitor's CSRF token: never stored.
    if (status !== 200 || hasForms(loaded.walk)) return sendPageAsync(req, reply, async (ctx) => publicWalkPage(ctx, view, map, forms), status);
    return app.publicCache.sendPage(req, reply, (ctx) => publicWalkPage(ctx, view, map, forms));
  }

  app.get(
    "/t/:tenant/vandringar/:walkId",
    {
      schema: {
        tags,
        summary: "En vandring: inbjudan med anmälan och synpunkter, eller protokollet med åtgärdslistan",
        params: WalkParams,
        response: htmlResponses,
      },
      ...publicWalk.options,
    },
    async (req, reply) => renderWalk(req, reply),
  );

  app.get(
    "/t/:tenant/vandringar/:walkId.pdf",
    {
      schema: {
        tags,
        summary: "Protokollet med åtgärdslistan som taggad PDF (åtgärdslistan som den är nu)",
        params: WalkParams,
        response: { 200: z.string().describe("PDF (application/pdf)"), 404: z.string() },
      },
      ...publicProtocolFile.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = publicProtocolFile.of(req);
      const view = await loadWalkView(app.db, tenant.id, loaded.walk);
      const pdf = await renderProtocolPdf(view, { locale: req.locale, publicUrl: `${config.baseUrl}/t/${tenant.slug}/vandringar/${loaded.walk.id}` });
      return app.publicCache.send(req, reply as FastifyReply, {
        type: "application/pdf",
        body: pdf,
        headers: { "content-disposition": `inline; filename="${fileName(loaded.walk.title)}.pdf"` },
      });
    },
  );

  app.post(
    "/t/:tenant/vandringar/:walkId/anmalan",
    {
      schema: {
        tags,
        summary: "Anmäl dig till en vandring (namn frivilligt; antalet räknas alltid)",
        params: WalkParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...signupWrite.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = signupWrite.of(req);
      const values = formValues(req.body);
      const data = { name: field(req.body, "name"), party_size: numberInput(field(req.body, "party_size")) ?? 1, needs: field(req.body, "needs") };
      const parsed = validateForm(SignupInput, data, req);
      if (!parsed.ok) return renderWalk(req, reply, { signup: { values, errors: parsed.errors } }, 400);
      const r = await signUp(app.db, tenant.id, loaded.walk.id, parsed.value);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind !== "ok") {
        const m = r.kind === "wrongStatus" ? { formError: req.t("walks.signup.closed") } : refusalMessages(req.t, r);
        return renderWalk(req, reply, { signup: { values, ...m } }, refusalStatus(r));
      }
      return redirectWithFlash(reply, `/t/${tenant.slug}/vandringar/${loaded.walk.id}#signup`, req.t("walks.signup.thanks", { count: r.count, cap: r.cap }));
    },
  );

  app.post(
    "/t/:tenant/vandringar/:walkId/synpunkter",
    {
      schema: {
        tags,
        summary: "Skicka en synpunkt inför vandringen (en punkt på kartan och en text)",
        params: WalkParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...viewpointWrite.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = viewpointWrite.of(req);
      const values = formValues(req.body);
      const data = {
        lat: numberInput(field(req.body, "lat")) ?? undefined,
        lon: numberInput(field(req.body, "lon")) ?? undefined,
        category: field(req.body, "category") || null,
        body: field(req.body, "body"),
        confirmed_not_names: ((req.body as Record<string, unknown>)?.confirmed_not_names ?? []) as string[] | string,
      };
      if (typeof data.confirmed_not_names === "string") data.confirmed_not_names = [data.confirmed_not_names];
      const parsed = validateForm(ViewpointInput, data, req);
      if (!parsed.ok) return renderWalk(req, reply, { viewpoint: { values, errors: parsed.errors } }, 400);
      const r = await addViewpoint(app.db, tenant.id, loaded.walk.id, parsed.value);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind !== "ok") {
        const m = r.kind === "wrongStatus" ? { formError: req.t("walks.viewpoint.closed") } : refusalMessages(req.t, r);
        return renderWalk(req, reply, { viewpoint: { values, ...m } }, refusalStatus(r));
      }
      return redirectWithFlash(reply, `/t/${tenant.slug}/vandringar/${loaded.walk.id}#viewpoints`, req.t("walks.viewpoint.thanks"));
    },
  );

  app.get(
    "/t/:tenant/vandringar/:walkId/foton/:observationId",
    {
      schema: {
        tags,
        summary: "Ett foto som protokollet visar (utan metadata)",
        params: PhotoParams,
        querystring: PhotoQuery,
        response: { 200: z.string().describe("JPEG") },
      },
      ...publicPhoto.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = publicPhoto.of(req);
      return sendPhoto(app, req, reply, tenant.id, loaded.observation, req.query.storlek === "liten", "public");
    },
  );
}

/**
 * Send an observation's photo (or its thumbnail) from storage: a public one through the
 * public-answer cache (stored for the next anonymous visitor), a staff one never stored.
 */
export async function sendPhoto(
  app: App,
  req: FastifyRequest,
  reply: FastifyReply,
  tenantId: string,
  o: { photo_file_id: string | null; thumb_file_id: string | null },
  small: boolean,
  audience: "public" | "staff",
): Promise<FastifyReply> {
  const id = small ? (o.thumb_file_id ?? o.photo_file_id) : o.photo_file_id;
  if (!id) throw HttpError.of(404);
  const file = await findFile(app.db, tenantId, id);
  if (!file) throw HttpError.of(404);
  const data = await app.deps.storage.get(file.storage_key);
  if (!data) throw HttpError.of(410, "walks.photo.gone");
  if (audience === "public") return app.publicCache.send(req, reply, { type: file.content_type, body: data, headers: { "x-content-type-options": "nosniff" } });
  return reply.type(file.content_type).header("cache-control", "private, no-store").header("x-content-type-options", "nosniff").send(data);
}

/** Whether the walk's public page has forms now (an open invitation: sign-up until it ends, viewpoints until it starts). */
function hasForms(w: { status: string; ends_at: Date }): boolean {
  return w.status === "inbjudan" && new Date(w.ends_at).getTime() > Date.now();
}
