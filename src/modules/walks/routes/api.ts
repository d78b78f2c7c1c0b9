// The walks API (JSON), listed in /api/openapi.json:
//   GET  /api/t/{slug}/walks                                   published walks (staff: all)
//   GET  /api/t/{slug}/walks/{walkId}                          one walk, with the action list once public
//   PUT  /api/t/{slug}/walks/{walkId}/observations/{id}        capture, idempotent by the phone's id
//   POST /api/t/{slug}/walks/{walkId}/observations/{id}/photo  its photo (multipart; same bytes = no change)
//   GET  /api/t/{slug}/walks/{walkId}/observations             the walk's observations (staff)
//   POST /api/t/{slug}/walks/{walkId}/signups                  a resident's sign-up (public write)
//   POST /api/t/{slug}/walks/{walkId}/viewpoints               a förmöte viewpoint (public write)
//   GET  /api/t/{slug}/walk-actions                            my actions across walks (staff)
//   POST /api/t/{slug}/walk-actions/{actionId}/status          update an action's status
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { ApiError, apiErrors, HttpError } from "../../../platform/http/errors.ts";
import type { App } from "../../../platform/http/types.ts";
import { hasPublicProtocol, isPublicStatus } from "../domain/lifecycle.ts";
import { draftProblems } from "../domain/observation.ts";
import { publicBase } from "../pages/format.ts";
import { can } from "../policy.ts";
import { listObservations, type ObservationRow } from "../repo/observations.ts";
import type { ActionRow } from "../repo/actions.ts";
import { findWalk, listWalks } from "../repo/walks.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { ActionStatusInput, ObservationInput, ObservationOut, OwnerActionOut, PublicWalkOut, SignupInput, ViewpointInput, WalkListItemOut } from "../schema.ts";
import { listMyActions, updateActionStatus } from "../service/actions.ts";
import { attachPhoto, putObservation } from "../service/capture.ts";
import { addViewpoint, signUp } from "../service/residents.ts";
import { changedOn, loadWalkView, type WalkView } from "../service/views.ts";
import { actionStatusApi, captureApi, photoApi, publicApi, publicWriteApi, staffApi, walkApiRead, walkStaffApi } from "./access.ts";
import { refused } from "./refusals.ts";

const TenantParams = z.object({ tenant: z.string() });
const WalkParams = z.object({ tenant: z.string(), walkId: z.string() });
const ObservationParams = z.object({ tenant: z.string(), walkId: z.string(), observationId: z.uuid() });
const ActionParams = z.object({ tenant: z.string(), actionId: z.string() });
const tags = ["vandringar"];
const errors = { ...apiErrors, 422: ApiError };
const WalkListOut = z.object({ walks: z.array(WalkListItemOut) });

export function observationOut(o: ObservationRow): ObservationOut {
  return {
    id: o.id,
    walk_id: o.walk_id,
    stop_id: o.stop_id,
    lat: o.lat,
    lon: o.lon,
    category: o.category,
    unsafe: o.unsafe,
    unsafe_for: o.unsafe_for,
    description: o.description,
    proposed_measure: o.proposed_measure,
    urgency: o.urgency,
    follows_action_id: o.follows_action_id,
    resolved: o.resolved,
    has_photo: o.photo_file_id !== null,
    draft: o.draft,
    draft_problems: draftProblems(o),
    observed_at: new Date(o.observed_at).toISOString(),
    observer_name: o.observer_name,
  };
}

function walkOut(v: WalkView, withProtocol: boolean): z.input<typeof PublicWalkOut> {
  const w = v.walk;
  return {
    id: w.id,
    kind: w.kind,
    title: w.title,
    status: w.status,
    starts_at: new Date(w.starts_at).toISOString(),
    ends_at: new Date(w.ends_at).toISOString(),
    meeting_point: w.meeting_point,
    lat: w.lat,
    lon: w.lon,
    light: { at_start: v.light.atStart, darkest: v.light.darkest, sunset: v.light.day.sunset.kind === "time" ? v.light.day.sunset.at.toISOString() : null },
    purpose: w.purpose,
    organisers: w.organisers,
    invited_organisations: v.invited.map((o) => o.name),
    decision_makers: w.decision_makers,
    accessibility_note: w.accessibility_note,
    signups: { count: v.signups, cap: w.signup_cap, full: v.full },
    stops: v.stops.map((s) => ({ id: s.id, position: s.position, name: s.name, lat: s.lat, lon: s.lon, note: s.note })),
    route: w.route,
    participants: withProtocol ? v.participants : null,
    protocol_summary: withProtocol ? w.protocol_summary : null,
    actions: withProtocol
      ? v.actions.map((a) => ({
          id: a.id,
          number: a.number,
          title: a.title,
          place: a.place_text,
          category: a.observation?.category ?? null,
          owner: a.owner,
          status: a.status,
          due_on: a.due_on,
          public_feedback: a.public_feedback,
          stated_plan: a.stated_plan,
          changed_on: changedOn(a),
          history: a.changes.map((ch) => ({ on: new Date(ch.created_at).toISOString().slice(0, 10), status: ch.status, feedback: ch.public_feedback })),
        }))
      : null,
    rewalk_of_id: w.rewalk_of_id,
  };
}

export async function registerApiRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const limit = { max: config.PUBLIC_WRITE_RATE_LIMIT, timeWindow: "1 minute" };
  const signupApi = publicWriteApi(limit);
  const viewpointApi = publicWriteApi(limit);

  app.get(
    "/api/t/:tenant/walks",
    {
      schema: {
        tags,
        summary: "Vandringar: publicerade för alla, även utkast för personal",
        params: TenantParams,
        response: { 200: z.object({ walks: z.array(WalkListItemOut) }), ...errors },
      },
      ...publicApi.options,
    },
    async (req) => {
      const { tenant, actor } = publicApi.of(req);
      const staff = can(actor, "walks.readStaff", { tenant_id: tenant.id });
      const walks = (await listWalks(app.db, tenant.id)).filter((w) => staff || isPublicStatus(w.status));
      return {
        walks: walks.map((w) => ({
          id: w.id,
          kind: w.kind,
          title: w.title,
          status: w.status,
          starts_at: new Date(w.starts_at).toISOString(),
          url: `${config.baseUrl}${publicBase(tenant.slug)}/${w.id}`,
        })),
      };
    },
  );

  app.get(
    "/api/t/:tenant/walks/:walkId",
    {
      schema: {
        tags,
        summary: "En vandring; åtgärdslistan och deltagarna när protokollet är publicerat",
        params: WalkParams,
        response: { 200: PublicWalkOut, ...errors },
      },
      ...walkApiRead.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = walkApiRead.of(req);
      const view = await loadWalkView(app.db, tenant.id, loaded.walk);
      const staff = can(actor, "walks.readStaff", { tenant_id: tenant.id });
      const body = walkOut(view, hasPublicProtocol(loaded.walk.status) || staff);
      if (staff) return body;
      return app.publicCache.send(req, reply as FastifyReply, { type: "application/json; charset=utf-8", body: JSON.stringify(PublicWalkOut.parse(body)) });
    },
  );

  app.get(
    "/api/t/:tenant/walks/:walkId/observations",
    {
      schema: {
        tags,
        summary: "Vandringens observationer (personal), utkast markerade",
        security: [{ session: [] }],
        params: WalkParams,
        response: { 200: z.object({ observations: z.array(ObservationOut) }), ...errors },
      },
      ...walkStaffApi.options,
    },
    async (req) => {
      const { tenant, loaded } = walkStaffApi.of(req);
      return { observations: (await listObservations(app.db, tenant.id, loaded.walk.id)).map(observationOut) };
    },
  );

  app.put(
    "/api/t/:tenant/walks/:walkId/observations/:observationId",
    {
      schema: {
        tags,
        summary: "Registrera en observation med telefonens id (idempotent: samma observation två gånger lagras en gång)",
        description:
          "Id:t skapas av telefonen (UUID). Första anropet skapar observationen (201); samma innehåll igen ändrar inget (200); ändrat innehåll från den som registrerade den eller en arrangör uppdaterar den (200). Utan position eller kategori sparas den som utkast (draft: true). Fritext granskas för personuppgifter (422). Ett id som redan används av en annan vandring ger 409.",
        security: [{ session: [] }],
        params: ObservationParams,
        body: ObservationInput,
        response: { 200: ObservationOut, 201: ObservationOut, ...errors },
      },
      ...captureApi.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = captureApi.of(req);
      const r = await putObservation(app.db, tenant.id, actor, loaded.walk, req.params.observationId, req.body);
      if (r.kind !== "ok") throw refused(r);
      return reply.code(r.created ? 201 : 200).send(observationOut(r.observation));
    },
  );

  app.post(
    "/api/t/:tenant/walks/:walkId/observations/:observationId/photo",
    {
      schema: {
        tags,
        summary: "Observationens foto (multipart, fältet photo); bytes avgör typen, all metadata tas bort; samma bild igen ändrar inget",
        security: [{ session: [] }],
        params: ObservationParams,
        consumes: ["multipart/form-data"],
        response: { 200: ObservationOut, ...errors, 415: ApiError },
      },
      ...photoApi.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded, files } = photoApi.of(req);
      const file = files.find((f) => f.field === "photo");
      if (!file) throw refused({ kind: "empty" });
      if (file.truncated) throw refused({ kind: "tooLarge", maxBytes: 10 * 1024 * 1024 });
      const r = await attachPhoto(app.db, app.deps.storage, tenant.id, actor, loaded.walk, loaded.observation, file.data);
      if (r.kind !== "ok") throw refused(r);
      return (reply as FastifyReply).code(200).send(observationOut(r.observation));
    },
  );

  app.post(
    "/api/t/:tenant/walks/:walkId/signups",
    {
      schema: {
        tags,
        summary: "Anmälan till en vandring (namn frivilligt); 409 när vandringen är fullbokad",
        params: WalkParams,
        body: SignupInput,
        response: { 201: z.object({ count: z.number(), cap: z.number() }), ...errors },
      },
      ...signupApi.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = signupApi.of(req);
      const r = await signUp(app.db, tenant.id, loaded.walk.id, req.body);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind === "wrongStatus") throw HttpError.of(409, "walks.signup.closed", undefined, { code: "signup_closed" });
      if (r.kind !== "ok") throw refused(r);
      return reply.code(201).send({ count: r.count, cap: r.cap });
    },
  );

  app.post(
    "/api/t/:tenant/walks/:walkId/viewpoints",
    {
      schema: {
        tags,
        summary: "En synpunkt inför vandringen: en punkt och en text (granskas för personuppgifter)",
        params: WalkParams,
        body: ViewpointInput,
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
      ...viewpointApi.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = viewpointApi.of(req);
      const r = await addViewpoint(app.db, tenant.id, loaded.walk.id, req.body);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind === "wrongStatus") throw HttpError.of(409, "walks.viewpoint.closed", undefined, { code: "viewpoints_closed" });
      if (r.kind !== "ok") throw refused(r);
      return reply.code(201).send({ id: r.viewpoint.id });
    },
  );

  const MineQuery = z.object({ alla: z.enum(["0", "1"]).optional() });
  const ownerOut = (a: ActionRow & { walk_title: string; organisation_name: string | null }) => ({
    id: a.id,
    walk_id: a.walk_id,
    walk_title: a.walk_title,
    number: a.number,
    title: a.title,
    place: a.place_text,
    status: a.status,
    due_on: a.due_on,
    public_feedback: a.public_feedback,
    organisation: a.organisation_name,
    version: a.version,
  });

  app.get(
    "/api/t/:tenant/walk-actions",
    {
      schema: {
        tags,
        summary: "Mina åtgärder från alla vandringar (åtgärdsägare: den egna organisationens; samordnare: alla); ?alla=1 även stängda",
        security: [{ session: [] }],
        params: TenantParams,
        querystring: MineQuery,
        response: { 200: z.object({ actions: z.array(OwnerActionOut) }), ...errors },
      },
      ...staffApi.options,
    },
    async (req) => {
      const { tenant, actor } = staffApi.of(req);
      const r = await listMyActions(app.db, tenant.id, actor, { openOnly: req.query.alla !== "1" });
      return { actions: r.actions.map(ownerOut) };
    },
  );

  app.post(
    "/api/t/:tenant/walk-actions/:actionId/status",
    {
      schema: {
        tags,
        summary: "Uppdatera en åtgärds status, datum och återkoppling (återkoppling krävs för åtgärdad och avslagen)",
        security: [{ session: [] }],
        params: ActionParams,
        body: ActionStatusInput,
        response: { 200: OwnerActionOut, ...errors },
      },
      ...actionStatusApi.options,
    },
    async (req) => {
      const { tenant, actor, loaded } = actionStatusApi.of(req);
      const r = await updateActionStatus(app.db, tenant.id, actor, loaded.action, req.body);
      if (r.kind !== "ok") throw refused(r);
      const [walk, orgs] = await Promise.all([findWalk(app.db, tenant.id, r.action.walk_id), listOrganisations(app.db, tenant.id)]);
      return ownerOut({
        ...r.action,
        walk_title: walk?.title ?? "",
        organisation_name: orgs.find((o) => o.id === r.action.organisation_id)?.name ?? null,
      });
    },
  );
}
