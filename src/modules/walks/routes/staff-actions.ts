// The action list for staff: one action's page (the coordinator's edit and the owner's status
// update), "my actions" across walks, removing an action that is not needed, and the module's
// settings (sign-up cap, owners by category, the public map's privacy grid).
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { field } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { saveSettings, settingsOf } from "../../../platform/tenancy/settings.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { CATEGORIES } from "../domain/categories.ts";
import { hasPublicProtocol, walkLifecycle } from "../domain/lifecycle.ts";
import { actionPage, actionValues, myActionsPage, settingsPage } from "../pages/actions.ts";
import { staffBase } from "../pages/format.ts";
import { can } from "../policy.ts";
import type { ActionRow } from "../repo/actions.ts";
import { ActionEditInput, ActionStatusInput, SETTINGS_KEY, WalkSettings } from "../schema.ts";
import { editAction, listMyActions, organisationsActedFor, removeAction, updateActionStatus } from "../service/actions.ts";
import { loadWalkView } from "../service/views.ts";
import { sendActionList } from "../service/walks.ts";
import { findWalkFacts, actionEditPage, actionPage as actionPipeline, actionStatusPage, settingsPage as settingsPipeline, staffPage } from "./access.ts";
import { formValues, numberInput, validateForm, versionOf } from "./form-input.ts";
import { refusalMessages, refusalStatus } from "./refusals.ts";

const TenantParams = z.object({ tenant: z.string() });
const ActionParams = z.object({ tenant: z.string(), actionId: z.string() });
const MineQuery = z.object({ alla: z.string().optional(), lang: z.string().optional() });
const tags = ["vandringar (personal)"];

type Form = { values: Record<string, string>; errors?: Record<string, string>; formError?: string | null };

export async function registerStaffActionRoutes(app: App): Promise<void> {
  async function renderAction(req: FastifyRequest, reply: FastifyReply, action: ActionRow, forms: { editForm?: Form; statusForm?: Form } = {}, status = 200) {
    const tenant = req.tenant!;
    const actor = req.actor!;
    const walk = await findWalkFacts(app.db, tenant.id, action.walk_id);
    if (!walk) throw HttpError.of(404);
    const [view, orgs, actingFor] = await Promise.all([
      loadWalkView(app.db, tenant.id, walk),
      listOrganisations(app.db, tenant.id),
      organisationsActedFor(app.db, tenant.id, actor),
    ]);
    const a = view.actions.find((x) => x.id === action.id);
    if (!a) throw HttpError.of(404);
    const coordinator = can(actor, "protocol.manage", walk);
    const mayUpdate =
      can(actor, "action.update", { ...a, actorOrganisations: actingFor }) &&
      walkLifecycle.statusAllows(walk.status, coordinator ? "editActions" : "ownerUpdate");
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        actionPage(ctx, {
          view,
          action: a,
          organisations: orgs.map((o) => ({ id: o.id, name: o.name })),
          mayEdit: coordinator && walkLifecycle.statusAllows(walk.status, "editActions"),
          mayUpdate,
          mayRemove: coordinator && walkLifecycle.statusAllows(walk.status, "generateActions"),
          ...forms,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/vandringar/mina-atgarder",
    {
      schema: {
        tags,
        summary: "Mina åtgärder: åtgärdsägarens åtgärder från alla vandringar",
        params: TenantParams,
        querystring: MineQuery,
        response: htmlResponses,
      },
      ...staffPage.options,
    },
    async (req, reply) => {
      const { tenant, actor } = staffPage.of(req);
      const openOnly = req.query.alla !== "1";
      const r = await listMyActions(app.db, tenant.id, actor, { openOnly });
      return sendPageAsync(req, reply, async (ctx) => myActionsPage(ctx, { actions: r.actions, scope: r.scope, openOnly }));
    },
  );

  app.get(
    "/t/:tenant/arbete/vandringar/atgarder/:actionId",
    {
      schema: { tags, summary: "En åtgärd: status och återkoppling, ägare och datum", params: ActionParams, response: htmlResponses },
      ...actionPipeline.options,
    },
    async (req, reply) => renderAction(req, reply, actionPipeline.of(req).loaded.action),
  );

  app.post(
    "/t/:tenant/arbete/vandringar/atgarder/:actionId/status",
    {
      schema: {
        tags,
        summary: "Uppdatera status, datum och återkoppling (återkoppling krävs för åtgärdad och avslagen)",
        params: ActionParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...actionStatusPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = actionStatusPage.of(req);
      const values = formValues(req.body);
      const parsed = validateForm(
        ActionStatusInput,
        {
          status: values.status,
          due_on: values.due_on || null,
          public_feedback: values.public_feedback ?? "",
          version: numberInput(values.version ?? "") ?? undefined,
        },
        req,
      );
      if (!parsed.ok) return renderAction(req, reply, loaded.action, { statusForm: { values, errors: parsed.errors } }, 400);
      const r = await updateActionStatus(app.db, tenant.id, actor, loaded.action, parsed.value);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind === "forbidden") throw HttpError.of(403, "walks.error.notOwner");
      if (r.kind !== "ok") {
        const m = refusalMessages(req.t, r);
        if (r.kind === "conflict") values.version = String(r.current.version);
        return renderAction(
          req,
          reply,
          loaded.action,
          { statusForm: { values, errors: m.errors, formError: m.formError ?? (m.errors ? req.t("walks.error.fixBelow") : null) } },
          refusalStatus(r),
        );
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/atgarder/${loaded.action.id}`, req.t("walks.flash.actionUpdated"));
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/atgarder/:actionId",
    {
      schema: { tags, summary: "Ändra åtgärdens text, plats, ägare och datum (samordnare)", params: ActionParams, body: FormBody, response: htmlResponses },
      ...actionEditPage.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = actionEditPage.of(req);
      const values = formValues(req.body);
      const parsed = validateForm(
        ActionEditInput,
        {
          title: values.title ?? "",
          place_text: values.place_text ?? "",
          organisation_id: values.organisation_id || null,
          due_on: values.due_on || null,
          version: versionOf(req.body) || undefined,
        },
        req,
      );
      if (!parsed.ok) return renderAction(req, reply, loaded.action, { editForm: { values, errors: parsed.errors } }, 400);
      const r = await editAction(app.db, tenant.id, actor, loaded.action, parsed.value);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind !== "ok") {
        const m = refusalMessages(req.t, r);
        if (r.kind === "conflict") values.version = String(r.current.version);
        return renderAction(req, reply, loaded.action, { editForm: { values, errors: m.errors, formError: m.formError } }, refusalStatus(r));
      }
      // Once the protocol is out, a new owner gets the action by mail like the others did.
      const walk = await findWalkFacts(app.db, tenant.id, r.action.walk_id);
      let message = req.t("walks.flash.actionSaved");
      if (walk && hasPublicProtocol(walk.status) && r.action.sent_at === null && r.action.organisation_id) {
        const mailed = await sendActionList(app.db, tenant.id, walk, { mailer: app.deps.mailer, baseUrl: app.deps.config.baseUrl, tenantSlug: tenant.slug });
        message += ` ${req.t("walks.flash.mailed", { count: mailed })}`;
      }
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/atgarder/${loaded.action.id}`, message);
    },
  );

  app.post(
    "/t/:tenant/arbete/vandringar/atgarder/:actionId/ta-bort",
    {
      schema: {
        tags,
        summary: "Ingen åtgärd behövs: ta bort åtgärden (observationen finns kvar)",
        params: ActionParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...actionEditPage.options,
    },
    async (req, reply) => {
      const { tenant, loaded } = actionEditPage.of(req);
      const r = await removeAction(app.db, tenant.id, loaded.action);
      if (r.kind === "notFound") throw HttpError.of(404);
      if (r.kind !== "ok")
        return renderAction(
          req,
          reply,
          loaded.action,
          { editForm: { values: actionValues(loaded.action), formError: refusalMessages(req.t, r).formError } },
          409,
        );
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/${loaded.action.walk_id}#actions-heading`, req.t("walks.flash.actionRemoved"));
    },
  );

  async function renderSettings(req: FastifyRequest, reply: FastifyReply, values?: Record<string, string>, errors?: Record<string, string>, status = 200) {
    const tenant = req.tenant!;
    const orgs = await listOrganisations(app.db, tenant.id);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        settingsPage(ctx, {
          settings: settingsOf(tenant, SETTINGS_KEY, WalkSettings),
          organisations: orgs.map((o) => ({ id: o.id, name: o.name })),
          values,
          errors,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/vandringar/installningar",
    {
      schema: {
        tags,
        summary: "Inställningar för vandringar (antal platser, ägare per kategori, kartans integritetsskydd)",
        params: TenantParams,
        response: htmlResponses,
      },
      ...settingsPipeline.options,
    },
    async (req, reply) => renderSettings(req, reply),
  );

  app.post(
    "/t/:tenant/arbete/vandringar/installningar",
    { schema: { tags, summary: "Spara inställningarna", params: TenantParams, body: FormBody, response: htmlResponses }, ...settingsPipeline.options },
    async (req, reply) => {
      const { tenant } = settingsPipeline.of(req);
      const values = formValues(req.body);
      const owners: Record<string, string> = {};
      for (const k of CATEGORIES) {
        const v = field(req.body, `owner.${k}`);
        if (v) owners[k] = v;
      }
      const data = {
        signupCap: numberInput(values.signupCap ?? "") ?? undefined,
        ownerByCategory: owners,
        defaultOwner: values.defaultOwner || null,
        publicCellSize: numberInput(values.publicCellSize ?? "") ?? undefined,
        publicMinCount: numberInput(values.publicMinCount ?? "") ?? undefined,
      };
      const parsed = validateForm(WalkSettings, data, req, (p) => (p.startsWith("ownerByCategory.") ? `owner.${p.split(".")[1]}` : p));
      if (!parsed.ok) return renderSettings(req, reply, values, parsed.errors, 400);
      const usable = new Set((await listOrganisations(app.db, tenant.id)).map((o) => o.id));
      const unknown = [
        ...Object.entries(parsed.value.ownerByCategory)
          .filter(([, id]) => !usable.has(id as string))
          .map(([k]) => `owner.${k}`),
        ...(parsed.value.defaultOwner && !usable.has(parsed.value.defaultOwner) ? ["defaultOwner"] : []),
      ];
      if (unknown.length)
        return renderSettings(req, reply, values, Object.fromEntries(unknown.map((k) => [k, req.t("walks.error.unknownOrganisations")])), 400);
      await saveSettings(app.db, tenant.id, SETTINGS_KEY, WalkSettings, parsed.value);
      return redirectWithFlash(reply, `${staffBase(tenant.slug)}/installningar`, req.t("walks.flash.settingsSaved"));
    },
  );
}
