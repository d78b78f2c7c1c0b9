// Capturing observations: the phone page (offline-capable with JavaScript, a plain form
// without), its service worker, the form post that works without JavaScript, the page to
// complete or correct one observation, the coordinator's protocol flags, and photos for staff.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { field } from "../../../platform/http/forms.ts";
import { html, type SafeHtml } from "../../../platform/http/html.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { MultipartFile } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { walkLifecycle } from "../domain/lifecycle.ts";
import { draftProblems } from "../domain/observation.ts";
import { type CaptureForm, capturePage, observationPage, observationValues } from "../pages/capture.ts";
import { staffBase } from "../pages/format.ts";
import { can } from "../policy.ts";
import type { ObservationRow } from "../repo/observations.ts";
import { ObservationInput } from "../schema.ts";
import { attachPhoto, putObservation, removePhoto } from "../service/capture.ts";
import { setProtocolFlags } from "../service/protocol.ts";
import { loadWalkView } from "../service/views.ts";
import {
  capturePage as capturePipeline,
  observationPage as observationPipeline,
  observationProtocolPage,
  serviceWorkerFile,
  staffPhoto,
  type WalkFacts,
} from "./access.ts";
import { formValues, observationFromForm, validateForm } from "./form-input.ts";
import { refusalMessages, refusalStatus } from "./refusals.ts";
import { sendPhoto } from "./public.ts";

const TenantParams = z.object({ tenant: z.string() });
const WalkParams = z.object({ tenant: z.string(), walkId: z.string() });
const ObservationParams = z.object({ tenant: z.string(), walkId: z.string(), observationId: z.string() });
const PhotoQuery = z.object({ storlek: z.enum(["liten", "stor"]).optional(), lang: z.string().optional() });
const tags = ["vandringar (personal)"];

const SERVICE_WORKER = readFileSync(new URL("../web/sw.js", import.meta.url), "utf8");

/** The photo of a form post, if one was chosen (a file field left empty sends nothing). */
function photoOf(files: MultipartFile[]): MultipartFile | undefined {
  return files.find((f) => f.field === "photo");
}

export async function registerStaffCaptureRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const map = { tileUrl: config.MAP_TILE_URL, attribution: config.MAP_TILE_ATTRIBUTION };

  app.get(
    "/t/:tenant/arbete/vandringar/sw.js",
    {
      schema: {
        tags,
        summary: "Service worker för fältregistreringen (håller sidan och skripten tillgängliga utan nät)",
        params: TenantParams,
        response: { 200: z.string() },
      },
      ...serviceWorkerFile.options,
    },
    async (_req, reply) =>
      (reply as FastifyReply)
        .type("text/javascript; charset=utf-8")
        // Always checked for a newer version (the browser also limits this to 24 h by itself).
        .header("cache-control", "no-cache")
        .send(SERVICE_WORKER),
  );

  async function renderCapture(req: FastifyRequest, reply: FastifyReply, walk: WalkFacts, form: CaptureForm, status = 200, newId: string = randomUUID()) {
    const view = await loadWalkView(app.db, req.tenant!.id, walk);
    return sendPageAsync(
      req,
      reply,
      async (ctx) => {
        const page = capturePage(ctx, { view, form, newId, map });
        if (!walkLifecycle.statusAllows(walk.status, "capture")) {
          return { ...page, main: htmlNotice(req.t("walks.capture.closed", { status: req.t(`walks.status.${walk.status}`) }), page.main) };
        }
        return page;
      },
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/vandringar/:walkId/falt",
    {
      schema: { tags, summary: "Registrera observationer under vandringen (fungerar utan nät med JavaScript)", params: WalkParams, response: htmlResponses },
      ...capturePipeline.options,
    },
    async (req, reply) => renderCapture(req, reply, capturePipeline.of(req).loaded.walk, { values: {} }),
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/observationer",
    {
      schema: {
        tags,
        summary: "Spara en observation från formuläret (utan JavaScript); id:t kommer från sidan, så ett dubbelklick sparar en gång",
        params: WalkParams,
        body: FormBody,
        consumes: ["application/x-www-form-urlencoded", "multipart/form-data"],
        response: htmlResponses,
      },
      ...capturePipeline.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded, files } = capturePipeline.of(req);
      const walk = loaded.walk;
      const values = formValues(req.body);
      const id = field(req.body, "id");
      if (!z.uuid().safeParse(id).success) return renderCapture(req, reply, walk, { values, formError: req.t("walks.error.formExpired") }, 400);
      const parsed = validateForm(ObservationInput, observationFromForm(req.body), req);
      if (!parsed.ok) return renderCapture(req, reply, walk, { values, errors: parsed.errors }, 400, id);
      const photo = photoOf(files);
      if (photo?.truncated) return renderCapture(req, reply, walk, { values, errors: { photo: req.t("walks.photo.error.tooLarge", { mb: 10 }) } }, 413, id);
      const r = await putObservation(app.db, tenant.id, actor, walk, id, parsed.value);
      if (r.kind !== "ok") {
        const m = refusalMessages(req.t, r);
        return renderCapture(req, reply, walk, { values, ...m }, refusalStatus(r), id);
      }
      const base = `${staffBase(tenant.slug)}/${walk.id}`;
      if (photo) {
        const p = await attachPhoto(app.db, app.deps.storage, tenant.id, actor, walk, r.observation, photo.data);
        if (p.kind !== "ok") {
          // The observation is saved; only the photo was refused. Say so where it can be added again.
          const m = refusalMessages(req.t, p);
          return redirectWithFlash(
            reply,
            `${base}/observationer/${r.observation.id}`,
            `${req.t("walks.flash.savedPhotoRefused")} ${m.errors?.photo ?? m.formError ?? ""}`,
          );
        }
      }
      const problems = draftProblems(r.observation);
      const message = problems.length
        ? req.t("walks.flash.savedDraft", { missing: problems.map((p) => req.t(`walks.observation.missing.${p}`)).join(", ") })
        : req.t("walks.flash.observationSaved");
      return redirectWithFlash(reply, `${base}/falt`, message);
    },
  );

  async function renderObservation(
    req: FastifyRequest,
    reply: FastifyReply,
    walk: WalkFacts,
    o: ObservationRow,
    form: CaptureForm,
    status = 200,
    protocolForm?: { formError?: string | null },
  ) {
    const view = await loadWalkView(app.db, req.tenant!.id, walk);
    const actor = req.actor;
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        observationPage(ctx, {
          view,
          observation: o,
          form,
          mayEdit: can(actor, "observation.edit", { ...o, observerIds: walk.observerIds }),
          mayManage:
            can(actor, "protocol.manage", walk) &&
            (walkLifecycle.statusAllows(walk.status, "capture") || walkLifecycle.statusAllows(walk.status, "editActions")),
          editable: walkLifecycle.statusAllows(walk.status, "capture"),
          protocolForm,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/vandringar/:walkId/observationer/:observationId",
    {
      schema: { tags, summary: "En observation: komplettera ett utkast eller rätta", params: ObservationParams, response: htmlResponses },
      ...observationPipeline.options,
    },
    async (req, reply) => {
      const { loaded } = observationPipeline.of(req);
      return renderObservation(req, reply, loaded.walk, loaded.observation, { values: observationValues(loaded.observation) });
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/observationer/:observationId",
    {
      schema: {
        tags,
        summary: "Spara en kompletterad eller rättad observation (även nytt eller borttaget foto)",
        params: ObservationParams,
        body: FormBody,
        consumes: ["application/x-www-form-urlencoded", "multipart/form-data"],
        response: htmlResponses,
      },
      ...observationPipeline.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded, files } = observationPipeline.of(req);
      const { walk, observation } = loaded;
      if (!can(actor, "observation.edit", { ...observation, observerIds: walk.observerIds })) throw HttpError.of(403, "walks.error.forbidden");
      const values = formValues(req.body);
      const parsed = validateForm(ObservationInput, observationFromForm(req.body), req);
      if (!parsed.ok) return renderObservation(req, reply, walk, observation, { values, errors: parsed.errors }, 400);
      const photo = photoOf(files);
      if (photo?.truncated)
        return renderObservation(req, reply, walk, observation, { values, errors: { photo: req.t("walks.photo.error.tooLarge", { mb: 10 }) } }, 413);
      const r = await putObservation(app.db, tenant.id, actor, walk, observation.id, {
        ...parsed.value,
        observed_at: new Date(observation.observed_at).toISOString(),
      });
      if (r.kind !== "ok") return renderObservation(req, reply, walk, observation, { values, ...refusalMessages(req.t, r) }, refusalStatus(r));
      let current = r.observation;
      if (photo) {
        const p = await attachPhoto(app.db, app.deps.storage, tenant.id, actor, walk, current, photo.data);
        if (p.kind !== "ok") return renderObservation(req, reply, walk, current, { values, ...refusalMessages(req.t, p) }, refusalStatus(p));
        current = p.observation;
      } else if (field(req.body, "remove_photo") === "on" && current.photo_file_id) {
        await removePhoto(app.db, app.deps.storage, tenant.id, actor, walk, current);
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${walk.id}/observationer/${current.id}`, req.t("walks.flash.observationSaved"));
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/observationer/:observationId/protokoll",
    {
      schema: {
        tags,
        summary: "Observationen i protokollet: visa fotot publikt, eller ingen åtgärd behövs",
        params: ObservationParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...observationProtocolPage.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = observationProtocolPage.of(req);
      const { walk, observation } = loaded;
      const r = await setProtocolFlags(app.db, tenant.id, walk, observation, {
        photoPublic: field(req.body, "photo_public") === "on",
        noAction: field(req.body, "no_action") === "on",
      });
      if (r.kind !== "ok") {
        const m = refusalMessages(req.t, r);
        return renderObservation(req, reply, walk, observation, { values: observationValues(observation) }, refusalStatus(r), { formError: m.formError });
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${walk.id}/observationer/${observation.id}`, req.t("walks.flash.flagsSaved"));
    },
  );

  app.get(
    "/t/:tenant/arbete/vandringar/:walkId/foton/:observationId",
    {
      schema: {
        tags,
        summary: "En observations foto (personal)",
        params: ObservationParams,
        querystring: PhotoQuery,
        response: { 200: z.string().describe("JPEG") },
      },
      ...staffPhoto.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = staffPhoto.of(req);
      return sendPhoto(app, req, reply, tenant.id, loaded.observation, req.query.storlek === "liten", "staff");
    },
  );
}

function htmlNotice(text: string, main: SafeHtml): SafeHtml {
  return html`<div class="notice" role="status">${text}</div>${main}`;
}
