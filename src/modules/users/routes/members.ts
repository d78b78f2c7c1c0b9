// People and roles of a tenant (its admins and system administrators only):
// GET/POST /t/:tenant/admin/anvandare and POST /t/:tenant/admin/anvandare/:userId/ta-bort-roll.
// Anyone else gets 404 — another tenant's admin included — and nothing changes.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor.ts";
import { notFound } from "../../../platform/http/errors.ts";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { type AddMemberForm, membersPage } from "../pages/members.ts";
import { canManageUsers } from "../policy.ts";
import { isMember } from "../repo.ts";
import { AddMemberBody, MemberParams, RemoveRoleBody } from "../schema.ts";
import { inviteMember, listTenantMembers, removeRole } from "../service.ts";
import { field, parseForm, redirectToLogin } from "./form.ts";

const TenantParams = z.object({ tenant: z.string() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The admin actor and tenant, or a login redirect already sent; anyone else gets 404. */
function authorize(req: FastifyRequest, reply: FastifyReply): { actor: Actor; tenant: TenantRow } | FastifyReply {
  const tenant = req.tenant!;
  if (!req.actor) return redirectToLogin(req, reply);
  if (!canManageUsers(req.actor, tenant.id)) throw notFound();
  return { actor: req.actor, tenant };
}

/**
 * Route guard for the form posts, run before the body is read and before the CSRF check: anyone
 * who may not manage this tenant's people — and any person id that is not a member here, such as
 * another tenant's — gets 404 before anything else can answer (403, 400).
 */
function guardPost(app: App) {
  return async (req: FastifyRequest) => {
    const tenant = req.tenant!;
    if (!req.actor || !canManageUsers(req.actor, tenant.id)) throw notFound();
    const userId = (req.params as { userId?: string }).userId;
    if (userId !== undefined && (!UUID.test(userId) || !(await isMember(app.db, tenant.id, userId)))) throw notFound();
  };
}

const EMPTY_FORM: AddMemberForm = { email: "", name: "", role: "", organisation_id: "" };

export async function registerMemberRoutes(app: App): Promise<void> {
  const { config, mailer } = app.deps;

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    tenant: TenantRow,
    form: AddMemberForm,
    status = 200,
    errors?: FieldErrors,
    formError?: string,
  ) {
    const [members, organisations] = await Promise.all([listTenantMembers(app.db, tenant.id), listOrganisations(app.db, tenant.id)]);
    return sendPageAsync(
      req,
      reply,
      async (ctx) => membersPage(ctx, { tenant, members, organisations: organisations.map((o) => ({ id: o.id, name: o.name })), form, errors, formError }),
      status,
    );
  }

  app.get(
    "/t/:tenant/admin/anvandare",
    { schema: { tags: ["konto"], summary: "Personer och roller i kommunen (administratörer)", params: TenantParams, response: htmlResponses } },
    async (req, reply) => {
      const ok = authorize(req, reply);
      if (!("actor" in ok)) return ok;
      return render(req, reply, ok.tenant, EMPTY_FORM);
    },
  );

  app.post(
    "/t/:tenant/admin/anvandare",
    {
      preValidation: guardPost(app),
      schema: {
        tags: ["konto"],
        summary: "Lägg till en person med roll (nya personer får en inbjudan via e-post)",
        params: TenantParams,
        body: FormBody,
        response: htmlResponses,
      },
    },
    async (req, reply) => {
      const ok = authorize(req, reply);
      if (!("actor" in ok)) return ok;
      const { actor, tenant } = ok;
      const form: AddMemberForm = {
        email: field(req.body, "email"),
        name: field(req.body, "name"),
        role: field(req.body, "role"),
        organisation_id: field(req.body, "organisation_id"),
      };
      const parsed = parseForm(AddMemberBody, req.body, req);
      if (!parsed.ok) return render(req, reply, tenant, form, 400, parsed.errors);
      const v = parsed.value;
      const outcome = await inviteMember(
        app.db,
        { mailer, baseUrl: config.baseUrl },
        { tenant, email: v.email, name: v.name, role: v.role, organisationId: v.organisation_id, invitedBy: { id: actor.userId, name: actor.name } },
      );
      const t = req.t;
      switch (outcome.kind) {
        case "unknownOrganisation":
          return render(req, reply, tenant, form, 400, { organisation_id: t("users.error.organisationUnknown") });
        case "alreadyHasRole":
          return render(req, reply, tenant, form, 409, undefined, t("users.members.alreadyHasRole", { email: v.email, role: t(`roles.${v.role}`) }));
        case "invited":
          return redirectWithFlash(reply, `/t/${tenant.slug}/admin/anvandare`, t("users.members.invited", { email: v.email }));
        case "roleAdded":
          return redirectWithFlash(reply, `/t/${tenant.slug}/admin/anvandare`, t("users.members.roleAdded", { email: v.email, role: t(`roles.${v.role}`) }));
      }
    },
  );

  app.post(
    "/t/:tenant/admin/anvandare/:userId/ta-bort-roll",
    {
      preValidation: guardPost(app),
      schema: { tags: ["konto"], summary: "Ta bort en persons roll i kommunen", params: MemberParams, body: FormBody, response: htmlResponses },
    },
    async (req, reply) => {
      const ok = authorize(req, reply);
      if (!("actor" in ok)) return ok;
      const { actor, tenant } = ok;
      const parsed = parseForm(RemoveRoleBody, req.body, req);
      if (!parsed.ok) return render(req, reply, tenant, EMPTY_FORM, 400, undefined, Object.values(parsed.errors)[0]);
      const outcome = await removeRole(app.db, { tenantId: tenant.id, userId: req.params.userId, role: parsed.value.role, actorId: actor.userId });
      const t = req.t;
      switch (outcome.kind) {
        case "notFound":
          return reply.callNotFound();
        case "lastAdmin":
          return render(req, reply, tenant, EMPTY_FORM, 409, undefined, t("users.members.lastAdmin"));
        case "removed":
          return redirectWithFlash(reply, `/t/${tenant.slug}/admin/anvandare`, t("users.members.removed", { role: t(`roles.${parsed.value.role}`) }));
      }
    },
  );
}
