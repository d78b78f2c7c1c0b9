import { ROLES, type Role } from "../platform/db/schema.ts";
import { findTenantBySlug } from "../platform/tenancy/resolve.ts";
import { addUser } from "../modules/users/service.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig, dataDirOption, parseFlags, withDatabase } from "./common.ts";

const USAGE = `användning: trygg user add --email E --name "Namn" --tenant SLUG --role ${ROLES.join("|")} [--password P] [--organisation "Namn"] [--system-admin]`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "add") throw new CliError(USAGE, 2);
  const { values } = parseFlags(rest, {
    ...dataDirOption,
    email: { type: "string" },
    name: { type: "string" },
    tenant: { type: "string" },
    role: { type: "string" },
    password: { type: "string" },
    organisation: { type: "string" },
    "system-admin": { type: "boolean" },
  });
  if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) throw new CliError(`ange en giltig --email. ${USAGE}`, 2);
  if (!values.name) throw new CliError(`ange --name. ${USAGE}`, 2);
  if (!values.tenant) throw new CliError(`ange --tenant (kommunens kortnamn, t.ex. osby). ${USAGE}`, 2);
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new CliError(`ange --role som en av ${ROLES.join(", ")}`, 2);
  const config = cliConfig(values);
  return withDatabase(config, "trygg user add", async (database) => {
    const tenant = await findTenantBySlug(database.db, values.tenant as string);
    if (!tenant) throw new CliError(`okänd kommun "${values.tenant}" – se trygg tenant list`);
    let organisationId: string | null = null;
    if (values.organisation) {
      const { listOrganisations } = await import("../modules/tenants/repo.ts");
      const org = (await listOrganisations(database.db, tenant.id)).find((o) => o.name === values.organisation);
      if (!org) throw new CliError(`okänd organisation "${values.organisation}" i ${tenant.name}`);
      organisationId = org.id;
    }
    const r = await addUser(database.db, {
      email: values.email as string,
      name: values.name as string,
      password: values.password ?? null,
      tenantId: tenant.id,
      role: values.role as Role,
      organisationId,
      isSystemAdmin: values["system-admin"] ?? false,
    });
    if (r.kind === "weakPassword") throw new CliError("lösenordet måste ha minst 10 tecken");
    process.stdout.write(
      r.kind === "created"
        ? `Skapade ${values.email} med rollen ${values.role} i ${tenant.name}${values.password ? "" : ' (inget lösenord: använd "Glömt lösenord" eller inloggning via OIDC)'}\n`
        : `${values.email} fanns redan; rollen ${values.role} i ${tenant.name} är tillagd\n`,
    );
    return 0;
  });
}
