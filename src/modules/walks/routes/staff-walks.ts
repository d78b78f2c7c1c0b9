// Staff pages of walks: the list, planning (new and edit), the walk's working page and its
// lifecycle steps, observers, viewpoints on the route, the action list's generation, the closing
// meeting and re-walks. Forms re-render with the person's input and what to fix.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { rowsProblemMessage } from "../../../platform/http/form-rows.ts";
import { field } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { listEvents } from "../../../platform/documents/events.ts";
import { settingsOf } from "../../../platform/tenancy/settings.ts";
import { listLoggablePromises } from "../../promises/index.ts";
import { listOrganisations, listPlaces } from "../../tenants/index.ts";
import { walkLifecycle, type WalkTransition } from "../domain/lifecycle.ts";
import { stockholmDate } from "../domain/time.ts";
import { closingPage } from "../pages/actions.ts";
import { staffBase } from "../pages/format.ts";
import { MAX_STOPS, type PlanValues, planFormPage, planValues } from "../pages/plan.ts";
import { staffListPage, type WalkPageInput, walkStaffPage } from "../pages/staff.ts";
import { abilitiesOf, can } from "../policy.ts";
import { listActions } from "../repo/actions.ts";
import { listSignups, listViewpoints } from "../repo/residents.ts";
import { listInvited, listStaff, listStops, listWalks, type WalkRow } from "../repo/walks.ts";
import { ClosingInput, HoldInput, RewalkInput, SETTINGS_KEY, WalkPlanInput, WalkSettings } from "../schema.ts";
import { generateActions } from "../service/actions.ts";
import { viewpointToStop } from "../service/protocol.ts";
import { loadWalkView } from "../service/views.ts";
import { editWalk, planWalk, scheduleRewalk, setObserver, setParticipants, transitionWalk, updateClosing } from "../service/walks.ts";
import { editWalkPage, observersPage, planPage, protocolPage, staffPage, viewpointStopPage, type WalkFacts, walkPage } from "./access.ts";
import { formValues, formValuesAll, participantsFromForm, planFromForm, validateForm, versionOf } from "./form-input.ts";
import { refusalMessages, refusalStatus } from "./refusals.ts";

const TenantParams = z.object({ tenant: z.string() });
const WalkParams = z.object({ tenant: z.string(), walkId: z.string() });
const ViewpointParams = z.object({ tenant: z.string(), walkId: z.string(), viewpointId: z.string() });
const tags = ["vandringar (personal)"];

export async function registerStaffWalkRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const map = { tileUrl: config.MAP_TILE_URL, attribution: config.MAP_TILE_ATTRIBUTION };

  app.get(
    "/t/:tenant/arbete/vandringar",
    { schema: { tags, summary: "Alla vandringar (personal)", params: TenantParams, response: htmlResponses }, ...staffPage.options },
    async (req, reply) => {
      const { tenant, actor } = staffPage.of(req);
      const walks = await listWalks(app.db, tenant.id);
      const withOpen = await Promise.all(
        walks.map(async (w) => ({
          ...w,
          openActions: (await listActions(app.db, tenant.id, w.id)).filter((a) => a.status === "ny" || a.status === "planerad").length,
        })),
      );
      return sendPageAsync(req, reply, async (ctx) => staffListPage(ctx, { walks: withOpen, abilities: abilitiesOf(actor, tenant.id) }));
    },
  );

  async function renderPlan(
    req: FastifyRequest,
    reply: FastifyReply,
    mode: "new" | "edit",
    values: PlanValues,
    walk?: WalkRow,
    status = 200,
    errors?: Record<string, string>,
    formError?: string | null,
  ) {
    const tenant = req.tenant!;
    const actor = req.actor!;
    const [places, orgs, loggable] = await Promise.all([
      listPlaces(app.db, tenant.id),
      listOrganisations(app.db, tenant.id),
      listLoggablePromises(app.db, tenant.id, actor, stockholmDate(new Date())),
    ]);
    const centre = walk ? { lat: walk.lat, lon: walk.lon } : places[0] ? { lat: places[0].lat, lon: places[0].lon } : { lat: 62, lon: 16 };
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        planFormPage(ctx, {
          mode,
          walk,
          values,
          errors,
          formError,
          places: places.map((p) => ({ id: p.id, name: p.name, lat: p.lat, lon: p.lon })),
          organisations: orgs.map((o) => ({ id: o.id, name: o.name })),
          promises: loggable.map((l) => ({ id: l.promise.id, label: `${l.documentTitle}: ${l.promise.number}. ${l.promise.text}`.slice(0, 200) })),
          map,
          centre,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/vandringar/ny",
    { schema: { tags, summary: "Planera en ny vandring", params: TenantParams, response: htmlResponses }, ...planPage.options },
    async (req, reply) => {
      const settings = settingsOf(planPage.of(req).tenant, SETTINGS_KEY, WalkSettings);
      return renderPlan(req, reply, "new", {
        kind: "medborgarvandring",
        start_time: "18:00",
        end_time: "20:00",
        signup_cap: String(settings.signupCap),
        captures_feelings: "on",
      });
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar",
    { schema: { tags, summary: "Spara en ny planerad vandring", params: TenantParams, body: FormBody, response: htmlResponses }, ...planPage.options },
    async (req, reply) => {
      const { tenant, actor } = planPage.of(req);
      const values = formValuesAll(req.body);
      const { data, rename, rowsProblem } = planFromForm(req.body);
      const parsed = validateForm(WalkPlanInput, data, req, rename);
      const rowsError: Record<string, string> = rowsProblem
        ? { stops: rowsProblemMessage(req.t, rowsProblem, req.t("walks.plan.routeLegend"), MAX_STOPS) }
        : {};
      if (!parsed.ok || rowsProblem) return renderPlan(req, reply, "new", values, undefined, 400, { ...rowsError, ...(parsed.ok ? {} : parsed.errors) });
      const settings = settingsOf(tenant, SETTINGS_KEY, WalkSettings);
      const r = await planWalk(app.db, tenant.id, actor, parsed.value, settings.signupCap);
      if (r.kind !== "ok") {
        const m = refusalMessages(req.t, r);
        return renderPlan(req, reply, "new", values, undefined, refusalStatus(r), m.errors, m.formError);
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${r.walk.id}`, req.t("walks.flash.planned"));
    },
  );

  async function renderWalk(
    req: FastifyRequest,
    reply: FastifyReply,
    walk: WalkFacts,
    opts: { status?: number; form?: WalkPageInput["form"]; notice?: string | null } = {},
  ) {
    const tenant = req.tenant! as TenantRow;
    const actor = req.actor;
    const [view, signups, viewpoints, staff, history] = await Promise.all([
      loadWalkView(app.db, tenant.id, walk),
      listSignups(app.db, tenant.id, walk.id),
      listViewpoints(app.db, tenant.id, walk.id),
      listStaff(app.db, tenant.id),
      listEvents(app.db, "walk_document_events", tenant.id, walk.id),
    ]);
    const abilities = { ...abilitiesOf(actor, tenant.id, walk), manageObservers: can(actor, "walk.manageObservers", walk) };
    return sendPageAsync(
      req,
      reply,
      async (ctx) => walkStaffPage(ctx, { view, abilities, signups, viewpoints, staff, history, map, form: opts.form, notice: opts.notice }),
      opts.status ?? 200,
    );
  }

  app.get(
    "/t/:tenant/arbete/vandringar/:walkId",
    {
      schema: { tags, summary: "En vandring: nästa steg, observationer, åtgärdslistan, anmälningar, synpunkter", params: WalkParams, response: htmlResponses },
      ...walkPage.options,
    },
    async (req, reply) => renderWalk(req, reply, walkPage.of(req).loaded.walk),
  );

  app.get(
    "/t/:tenant/arbete/vandringar/:walkId/redigera",
    { schema: { tags, summary: "Ändra planeringen", params: WalkParams, response: htmlResponses }, ...editWalkPage.options },
    async (req, reply) => {
      const { tenant, loaded } = editWalkPage.of(req);
      const w = loaded.walk;
      if (!walkLifecycle.statusAllows(w.status, "edit"))
        return renderWalk(req, reply, w, { status: 409, notice: req.t("walks.error.wrongStatus", { status: req.t(`walks.status.${w.status}`) }) });
      const [stops, invited] = await Promise.all([listStops(app.db, tenant.id, w.id), listInvited(app.db, tenant.id, w.id)]);
      return renderPlan(
        req,
        reply,
        "edit",
        planValues(
          w,
          stops,
          invited.map((o) => o.id),
        ),
        w,
      );
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId",
    {
      schema: { tags, summary: "Spara ändrad planering (med versionen du såg)", params: WalkParams, body: FormBody, response: htmlResponses },
      ...editWalkPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = editWalkPage.of(req);
      const values = formValuesAll(req.body);
      const { data, rename, rowsProblem } = planFromForm(req.body);
      const parsed = validateForm(WalkPlanInput, data, req, rename);
      const rowsError: Record<string, string> = rowsProblem
        ? { stops: rowsProblemMessage(req.t, rowsProblem, req.t("walks.plan.routeLegend"), MAX_STOPS) }
        : {};
      if (!parsed.ok || rowsProblem) return renderPlan(req, reply, "edit", values, loaded.walk, 400, { ...rowsError, ...(parsed.ok ? {} : parsed.errors) });
      const r = await editWalk(app.db, tenant.id, actor, loaded.walk, parsed.value);
      if (r.kind === "ok") return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${loaded.walk.id}`, req.t("walks.flash.saved"));
      if (r.kind === "notFound") throw HttpError.of(404);
      const m = refusalMessages(req.t, r);
      // A stale version: show the person's input again on top of the current version, so a deliberate second save goes through.
      if (r.kind === "conflict") values.version = String(r.current.version);
      return renderPlan(req, reply, "edit", values, loaded.walk, refusalStatus(r), m.errors, m.formError);
    },
  );

  /** A lifecycle step from the walk page; refusals show the page again with the reason. */
  function step(
    path: string,
    name: WalkTransition,
    summary: string,
    flash: string,
    extra?: (
      req: FastifyRequest,
      walk: WalkFacts,
    ) => { ok: true; extra: Parameters<typeof transitionWalk>[6] } | { ok: false; form: NonNullable<WalkPageInput["form"]> },
    rule: "edit" | "protocol" = "edit",
  ) {
    const p = rule === "edit" ? editWalkPage : protocolPage;
    app.post(
      `/t/:tenant/arbete/vandringar/:walkId/${path}`,
      { schema: { tags, summary, params: WalkParams, body: FormBody, response: htmlResponses }, ...p.options },
      async (req, reply) => {
        const { tenant, actor, loaded } = p.of(req);
        const e = extra ? extra(req, loaded.walk) : { ok: true as const, extra: {} };
        if (!e.ok) return renderWalk(req, reply, loaded.walk, { status: 400, form: e.form });
        const r = await transitionWalk(app.db, tenant.id, actor, loaded.walk.id, name, versionOf(req.body), {
          ...e.extra,
          deps: { mailer: app.deps.mailer, storage: app.deps.storage, baseUrl: config.baseUrl, tenantSlug: tenant.slug },
        });
        if (r.kind === "notFound") throw HttpError.of(404);
        if (r.kind !== "ok") {
          const m = refusalMessages(req.t, r);
          const formName = name === "cancel" ? "cancel" : name === "hold" ? "hold" : name === "publishProtocol" ? "protocol" : "step";
          return renderWalk(req, reply, r.kind === "conflict" ? { ...r.current, observerIds: loaded.walk.observerIds } : loaded.walk, {
            status: refusalStatus(r),
            form: {
              name: formName,
              values: formValues(req.body),
              errors: m.errors,
              formError: m.formError ?? (m.errors ? req.t("walks.error.fixBelow") : null),
            },
            notice: m.formError ?? null,
          });
        }
        let message = req.t(flash);
        if (r.promiseLog?.kind === "logged") message += ` ${req.t("walks.flash.promiseLogged")}`;
        if (r.promiseLog?.kind === "notLogged")
          message += ` ${req.t("walks.flash.promiseNotLogged", { reason: req.t(`walks.promise.reason.${r.promiseLog.reason}`) })}`;
        if (r.mailed !== undefined) message += ` ${req.t("walks.flash.mailed", { count: r.mailed })}`;
        return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${loaded.walk.id}`, message);
      },
    );
  }

  step("publicera", "publish", "Publicera inbjudan", "walks.flash.published");
  step("aterkalla", "withdraw", "Återkalla inbjudan (tillbaka till utkast)", "walks.flash.withdrawn");
  step("genomford", "hold", "Markera vandringen som genomförd och räkna deltagarna per grupp", "walks.flash.held", (req) => {
    const parsed = validateForm(HoldInput, participantsFromForm(req.body), req, (p) => p.replace(/^participants\./, ""));
    return parsed.ok ? { ok: true, extra: { hold: parsed.value } } : { ok: false, form: { name: "hold", values: formValues(req.body), errors: parsed.errors } };
  });
  step(
    "protokoll",
    "publishProtocol",
    "Publicera protokollet och skicka åtgärdslistan till ägarna",
    "walks.flash.protocolPublished",
    (req) => {
      const summary = field(req.body, "protocol_summary").trim();
      if (summary.length > 10_000)
        return {
          ok: false,
          form: { name: "protocol", values: formValues(req.body), errors: { protocol_summary: req.t("walks.error.tooLongText", { max: 10_000 }) } },
        };
      return { ok: true, extra: { protocolSummary: summary } };
    },
    "protocol",
  );
  step("stall-in", "cancel", "Ställ in vandringen (med en anledning)", "walks.flash.cancelled", (req) => ({
    ok: true,
    extra: { cancelReason: field(req.body, "reason").slice(0, 1000) },
  }));

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/deltagare",
    { schema: { tags, summary: "Rätta antalet deltagare per grupp", params: WalkParams, body: FormBody, response: htmlResponses }, ...editWalkPage.options },
    async (req, reply) => {
      const { tenant, actor, loaded } = editWalkPage.of(req);
      const parsed = validateForm(HoldInput, participantsFromForm(req.body), req, (p) => p.replace(/^participants\./, ""));
      if (!parsed.ok)
        return renderWalk(req, reply, loaded.walk, { status: 400, form: { name: "participants", values: formValues(req.body), errors: parsed.errors } });
      const r = await setParticipants(app.db, tenant.id, actor, loaded.walk, parsed.value);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind !== "ok") {
        const m = refusalMessages(req.t, r);
        return renderWalk(req, reply, loaded.walk, {
          status: refusalStatus(r),
          form: { name: "participants", values: formValues(req.body), formError: m.formError },
          notice: m.formError,
        });
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${loaded.walk.id}`, req.t("walks.flash.participantsSaved"));
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/observatorer",
    {
      schema: {
        tags,
        summary: "Lägg till eller ta bort en observatör (personal som får registrera observationer)",
        params: WalkParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...observersPage.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = observersPage.of(req);
      const userId = field(req.body, "user_id");
      const on = field(req.body, "on") !== "0";
      if (!z.uuid().safeParse(userId).success)
        return renderWalk(req, reply, loaded.walk, { status: 400, form: { name: "step", values: {}, formError: req.t("walks.error.notStaff") } });
      const r = await setObserver(app.db, tenant.id, loaded.walk, userId, on);
      if (r.kind !== "ok")
        return renderWalk(req, reply, loaded.walk, { status: 400, form: { name: "step", values: {}, formError: req.t("walks.error.notStaff") } });
      return redirectWithFlash(
        reply,
        `${staffBase(tenant.slug)}/${loaded.walk.id}#observers`,
        req.t(on ? "walks.flash.observerAdded" : "walks.flash.observerRemoved"),
      );
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/synpunkter/:viewpointId/stopp",
    {
      schema: { tags, summary: "Lägg till en invånares synpunkt som stopp på rutten", params: ViewpointParams, body: FormBody, response: htmlResponses },
      ...viewpointStopPage.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = viewpointStopPage.of(req);
      const r = await viewpointToStop(app.db, tenant.id, loaded.walk, loaded.viewpoint, MAX_STOPS);
      if (r.kind !== "ok") {
        const text =
          r.kind === "tooManyStops" ? req.t("walks.error.tooManyStops") : req.t("walks.error.wrongStatus", { status: req.t(`walks.status.${r.status}`) });
        return renderWalk(req, reply, loaded.walk, { status: 409, notice: text });
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${loaded.walk.id}#staff-viewpoints`, req.t("walks.flash.stopAdded"));
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/atgarder",
    {
      schema: {
        tags,
        summary: "Skapa åtgärdslistan: en åtgärd per färdig observation, med föreslagen ägare",
        params: WalkParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...protocolPage.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = protocolPage.of(req);
      const r = await generateActions(app.db, tenant, loaded.walk.id, (c) => req.t(`walks.category.${c}`));
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind !== "ok") return renderWalk(req, reply, loaded.walk, { status: 409, notice: refusalMessages(req.t, r).formError });
      const message =
        req.t("walks.flash.actionsCreated", { count: r.created }) + (r.draftsLeft ? ` ${req.t("walks.flash.draftsLeft", { count: r.draftsLeft })}` : "");
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${loaded.walk.id}#actions-heading`, message);
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/atervandring",
    {
      schema: {
        tags,
        summary: "Planera en återvandring från de öppna åtgärderna, vid samma stopp",
        params: WalkParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...protocolPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = protocolPage.of(req);
      const values = formValues(req.body);
      const parsed = validateForm(
        RewalkInput,
        { date: values.date || undefined, start_time: values.start_time || undefined, end_time: values.end_time || undefined },
        req,
      );
      if (!parsed.ok) return renderWalk(req, reply, loaded.walk, { status: 400, form: { name: "rewalk", values, errors: parsed.errors } });
      const r = await scheduleRewalk(app.db, tenant.id, actor, loaded.walk, parsed.value, req.t("walks.rewalk.titlePrefix"));
      if (r.kind !== "ok") {
        const m = refusalMessages(req.t, r);
        return renderWalk(req, reply, loaded.walk, { status: refusalStatus(r), form: { name: "rewalk", values, errors: m.errors, formError: m.formError } });
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${r.walk.id}`, req.t("walks.flash.rewalkPlanned"));
    },
  );

  async function renderClosing(
    req: FastifyRequest,
    reply: FastifyReply,
    walk: WalkFacts,
    values: Record<string, string>,
    plans: Record<string, string>,
    status = 200,
    errors?: Record<string, string>,
    formError?: string | null,
  ) {
    const view = await loadWalkView(app.db, req.tenant!.id, walk);
    return sendPageAsync(
      req,
      reply,
      async (ctx) => closingPage(ctx, { view, form: { values, errors, formError, plans }, closing: walk.status === "protokoll" }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/vandringar/:walkId/avslutande-mote",
    {
      schema: { tags, summary: "Avslutande möte: datum, anteckningar och ägarnas besked per åtgärd", params: WalkParams, response: htmlResponses },
      ...protocolPage.options,
    },
    async (req, reply) => {
      const { loaded } = protocolPage.of(req);
      const w = loaded.walk;
      if (w.status !== "protokoll" && !walkLifecycle.statusAllows(w.status, "editClosing"))
        return renderWalk(req, reply, w, { status: 409, notice: req.t("walks.error.wrongStatus", { status: req.t(`walks.status.${w.status}`) }) });
      return renderClosing(
        req,
        reply,
        w,
        { closing_meeting_on: w.closing_meeting_on ?? stockholmDate(new Date()), closing_meeting_notes: w.closing_meeting_notes, version: String(w.version) },
        {},
      );
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/:walkId/avslutande-mote",
    {
      schema: { tags, summary: "Spara det avslutande mötet (stänger vandringen första gången)", params: WalkParams, body: FormBody, response: htmlResponses },
      ...protocolPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = protocolPage.of(req);
      const values = formValues(req.body);
      const plans: Record<string, string> = {};
      for (const [k, v] of Object.entries(values)) if (k.startsWith("plan.")) plans[k.slice(5)] = v;
      const parsed = validateForm(
        ClosingInput,
        {
          closing_meeting_on: values.closing_meeting_on || undefined,
          closing_meeting_notes: values.closing_meeting_notes ?? "",
          plans,
          version: versionOf(req.body),
        },
        req,
      );
      if (!parsed.ok) return renderClosing(req, reply, loaded.walk, values, plans, 400, parsed.errors);
      const r =
        loaded.walk.status === "protokoll"
          ? await transitionWalk(app.db, tenant.id, actor, loaded.walk.id, "close", parsed.value.version, { closing: parsed.value })
          : await updateClosing(app.db, tenant.id, actor, loaded.walk, parsed.value);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind !== "ok") {
        const m = refusalMessages(req.t, r);
        if (r.kind === "conflict") values.version = String(r.current.version);
        return renderClosing(req, reply, loaded.walk, values, plans, refusalStatus(r), m.errors, m.formError);
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${loaded.walk.id}`, req.t("walks.flash.closingSaved"));
    },
  );
}
