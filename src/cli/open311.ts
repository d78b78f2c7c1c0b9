// `trygg open311 key add|list|revoke`: Open311 API keys of a tenant (the same as the admin page
// /t/{slug}/arbete/rapporter/nycklar). `key add` prints the new key alone on its last line, once;
// only its hash is stored.
import { findTenantBySlug } from "../platform/tenancy/resolve.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig, dataDirOption, parseFlags, withDatabase } from "./common.ts";

const USAGE = `användning:
  trygg open311 key add --tenant SLUG --name "Etikett" [--organisation "Namn"]   skapa en nyckel (skrivs ut en gång, sist)
  trygg open311 key list --tenant SLUG                                          lista nycklar (utan själva nyckeln)
  trygg open311 key revoke --tenant SLUG --id ID                                återkalla en nyckel`;

export async function run(argv: string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
  if (noun !== "key" || !verb || !["add", "list", "revoke"].includes(verb)) throw new CliError(USAGE, 2);
  const { values } = parseFlags(rest, {
    ...dataDirOption,
    tenant: { type: "string" },
    name: { type: "string" },
    organisation: { type: "string" },
    id: { type: "string" },
  });
  if (!values.tenant) throw new CliError(`ange --tenant (kommunens kortnamn, t.ex. osby)\n${USAGE}`, 2);
  if (verb === "add" && !values.name?.trim()) throw new CliError(`ange --name (vem eller vilket system nyckeln är till)\n${USAGE}`, 2);
  if (verb === "revoke" && !values.id) throw new CliError(`ange --id (se trygg open311 key list)\n${USAGE}`, 2);
  const config = cliConfig(values);
  return withDatabase(config, `trygg open311 key ${verb}`, async (database) => {
    const db = database.db;
    const tenant = await findTenantBySlug(db, values.tenant as string);
    if (!tenant) throw new CliError(`okänd kommun "${values.tenant}" – se trygg tenant list`);
    const { issueApiKey, revokeKey } = await import("../modules/reports/service/keys.ts");
    const { listApiKeys } = await import("../modules/reports/repo/keys.ts");
    const { listOrganisations } = await import("../modules/tenants/index.ts");
    const orgs = await listOrganisations(db, tenant.id);
    if (verb === "add") {
      let organisationId: string | null = null;
      if (values.organisation) {
        const org = orgs.find((o) => o.name === values.organisation);
        if (!org) throw new CliError(`okänd organisation "${values.organisation}" i ${tenant.name} (finns: ${orgs.map((o) => o.name).join(", ")})`);
        organisationId = org.id;
      }
      const r = await issueApiKey(db, tenant.id, { name: values.name as string, organisationId, createdBy: null });
      if (r.kind === "nameTooLong") throw new CliError("--name får vara högst 120 tecken", 2);
      if (r.kind !== "ok") throw new CliError(`nyckeln kunde inte skapas (${r.kind})`);
      process.stdout.write(
        `Skapade Open311-nyckeln "${r.row.name}" för ${tenant.name}${organisationId ? ` (${values.organisation})` : ""}. Den visas bara nu och sparas inte i klartext:\n${r.key}\n`,
      );
      return 0;
    }
    if (verb === "list") {
      const keys = await listApiKeys(db, tenant.id);
      if (!keys.length) process.stdout.write(`Inga Open311-nycklar i ${tenant.name}.\n`);
      for (const k of keys)
        process.stdout.write(
          `${k.id}  ${k.key_prefix}…  ${k.name}  ${orgs.find((o) => o.id === k.organisation_id)?.name ?? "–"}  ${k.revoked_at ? `återkallad ${k.revoked_at.toISOString().slice(0, 10)}` : "aktiv"}\n`,
        );
      return 0;
    }
    const keys = await listApiKeys(db, tenant.id);
    const key = keys.find((k) => k.id === values.id);
    if (!key) throw new CliError(`ingen nyckel med id ${values.id} i ${tenant.name} – se trygg open311 key list`);
    const done = await revokeKey(db, tenant.id, key.id, null);
    process.stdout.write(done ? `Återkallade nyckeln "${key.name}".\n` : `Nyckeln "${key.name}" var redan återkallad.\n`);
    return 0;
  });
}
