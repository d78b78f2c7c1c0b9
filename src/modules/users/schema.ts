// Schemas of the users module: form bodies (validated in the handler so the form can be shown
// again with its values) and API answers (response schemas keep internal columns out).
import { z } from "zod";
import { ROLES } from "../../platform/db/schema.ts";

const Email = z.string().trim().min(1, "users.error.emailRequired").max(320).pipe(z.email("users.error.emailInvalid"));

export const LoginQuery = z.object({
  tenant: z.string().optional().describe("Kommunens kortnamn (för att landa på dess arbetsyta)"),
  next: z.string().optional().describe("Relativ sökväg att återvända till efter inloggning"),
});

export const LoginBody = z.object({
  email: z.string().trim().min(1, "users.error.emailRequired").max(320),
  password: z.string().min(1, "users.error.passwordRequired").max(1024),
  next: z.string().optional(),
  tenant: z.string().optional(),
});

export const ForgotBody = z.object({ email: Email });

export const ResetQuery = z.object({ token: z.string().optional() });

export const ResetBody = z.object({
  token: z.string().default(""),
  password: z.string().default(""),
  password_repeat: z.string().default(""),
});

export const AddMemberBody = z.object({
  email: Email,
  name: z.string().trim().min(1, "users.error.nameRequired").max(200),
  role: z.enum(ROLES, "users.error.roleRequired"),
  organisation_id: z
    .string()
    .default("")
    .transform((v) => (v === "" ? null : v))
    .pipe(z.uuid("users.error.organisationUnknown").nullable()),
});

export const RemoveRoleBody = z.object({ role: z.enum(ROLES, "users.error.roleRequired") });

export const MemberParams = z.object({ tenant: z.string(), userId: z.string() });

// ---- API ----

export const Abilities = z
  .object({
    staff: z.boolean().describe("Har en roll i kommunen (ser arbetsytan)"),
    manageUsers: z.boolean().describe("Får hantera personer och roller"),
  })
  .meta({ id: "TenantAbilities" });

export const MeOut = z
  .object({
    user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), isSystemAdmin: z.boolean() }),
    tenants: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        roles: z.array(z.enum(ROLES)),
        abilities: Abilities,
      }),
    ),
    abilities: z.object({ viewOutbox: z.boolean().describe("Får se utkorgen för e-post (systemadministratör)") }),
  })
  .meta({ id: "Me" });

export const MemberOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    status: z.enum(["invited", "active", "noPassword", "locked", "disabled"]),
    roles: z.array(z.object({ role: z.enum(ROLES), organisation: z.object({ id: z.uuid(), name: z.string() }).nullable() })),
  })
  .meta({ id: "Member" });
