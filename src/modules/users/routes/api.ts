// JSON API: who am I (GET /api/me) and a tenant's people (GET /api/t/:tenant/users, admins).
import { z } from "zod";
import { rolesIn } from "../../../platform/auth/actor.ts";
import { apiErrors } from "../../../platform/http/errors.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { tenantsForActor } from "../destinations.ts";
import { canViewOutbox } from "../../admin/index.ts";
import { abilitiesIn, canManageUsers } from "../policy.ts";
import { MemberOut, MeOut } from "../schema.ts";
import { listTenantMembers } from "../service.ts";

const TenantParams = z.object({ tenant: z.string() });
const me = pipeline({ tenant: "none", access: "signedIn", present: "json" });
const users = pipeline({
  tenant: "path",
  access: "signedIn",
  present: "json",
  visible: ({ actor, tenant }) => canManageUsers(actor, tenant.id),
  roles: ["admin"],
});

export async function registerApiRoutes(app: App): Promise<void> {
  app.get(
    "/api/me",
    {
      schema: {
        tags: ["konto"],
        summary: "Vem är jag: person, roller per kommun och vad jag får göra",
        security: [{ session: [] }],
        response: { 200: MeOut, ...apiErrors },
      },
      ...me.options,
    },
    async (req) => {
      const { actor } = me.of(req);
      const tenants = await tenantsForActor(app.db, actor);
      return {
        user: { id: actor.userId, name: actor.name, email: actor.email, isSystemAdmin: actor.isSystemAdmin },
        tenants: tenants.map((t) => ({ slug: t.slug, name: t.name, roles: [...rolesIn(actor, t.id)], abilities: abilitiesIn(actor, t.id) })),
        abilities: { viewOutbox: canViewOutbox(actor) },
      };
    },
  );

  app.get(
    "/api/t/:tenant/users",
    {
      schema: {
        tags: ["konto"],
        summary: "Kommunens personer med roller (administratörer)",
        security: [{ session: [] }],
        params: TenantParams,
        response: { 200: z.object({ users: z.array(MemberOut) }), ...apiErrors },
      },
      ...users.options,
    },
    async (req) => {
      const { tenant } = users.of(req);
      const members = await listTenantMembers(app.db, tenant.id);
      return {
        users: members.map((m) => ({
          id: m.id,
          name: m.name,
          email: m.email,
          status: m.status,
          roles: m.roles.map((r) => ({ role: r.role, organisation: r.organisationId ? { id: r.organisationId, name: r.organisation ?? "" } : null })),
        })),
      };
    },
  );
}
