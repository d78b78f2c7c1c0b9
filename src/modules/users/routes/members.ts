// People and roles of a tenant (its admins and system administrators only):
// GET/POST /t/:tenant/admin/anvandare and POST /t/:tenant/admin/anvandare/:userId/ta-bort-roll.
// Anyone else gets 404 — another tenant's admin included — and nothing changes.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { type AddMemberForm, membersPage } from "../pages/members.ts";
import { canManageUsers } from "../policy.ts";
import { isMember } from "../repo.ts";
import { AddMemberBody, MemberParams, RemoveRoleBody } from "../schema.ts";
import { inviteMember, listTenantMembers, removeRole } from "../service.ts";
import { field, parseForm } from "./form.ts";

const TenantParams = z.object({ tenant: z.string() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Managing people is for the tenant's admins: anyone else — another tenant's admin included — gets 404. */
const manage = pipeline({
  tenant: "path",
  access: "signedIn",
  present: "page",
  visible: ({ actor, tenant }) => canManageUsers(actor, tenant.id),
});

/** The same, for one member by :userId (a person who is not a member here, such as another tenant's, is 404). */
const manageMember = pipeline({
  tenant: "path",
  access: "signedIn",
  present: "page",
  load: {
    member: { param: "userId", load: async (db, tenantId, id) => (tenantId && UUID.test(id) && (await isMember(db, tenantId, id)) ? { id } : undefined) },
  },
  visible: ({ actor, tenant }) => canManageUsers(actor, tenant.id),
});

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
    {
      schema: { tags: ["konto"], summary: "Personer och roller i kommunen (administratörer)", params: TenantParams, response: htmlResponses },
      ...manage.options,
    },
    async (req, reply) => render(req, reply, manage.of(req).tenant, EMPTY_FORM),
  );

  app.post(
    "/t/:tenant/admin/anvandare",
    {
      schema: {
        tags: ["konto"],
        summary: "Lägg till en person med roll (nya personer får en inbjudan via e-post)",
        params: TenantParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...manage.options,
    },
    async (req, reply) => {
      const { actor, tenant } = manage.of(req);
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
        // One answer whether the address was new or had an account for another tenant.
        case "invited":
        case "roleAdded":
          return redirectWithFlash(reply, `/t/${tenant.slug}/admin/anvandare`, t("users.members.added", { email: v.email, role: t(`roles.${v.role}`) }));
      }
    },
  );

  app.post(
    "/t/:tenant/admin/anvandare/:userId/ta-bort-roll",
    {
      schema: { tags: ["konto"], summary: "Ta bort en persons roll i kommunen", params: MemberParams, body: FormBody, response: htmlResponses },
      ...manageMember.options,
    },
    async (req, reply) => {
      const { actor, tenant } = manageMember.of(req);
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
