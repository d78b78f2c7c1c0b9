import { addTenant } from "../modules/tenants/service.ts";
import { listTenants } from "../modules/tenants/repo.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig, dataDirOption, parseFlags, withDatabase } from "./common.ts";

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "add") {
    const { values } = parseFlags(rest, { ...dataDirOption, kommunkod: { type: "string" }, slug: { type: "string" } });
    const kommunkod = values.kommunkod;
    if (!kommunkod || !/^\d{4}$/.test(kommunkod)) throw new CliError("ange --kommunkod med fyra siffror, t.ex. --kommunkod 1273", 2);
    const config = cliConfig(values);
    return withDatabase(config, "trygg tenant add", async (database) => {
      const r = await addTenant(database.db, { kommunkod, slug: values.slug });
      switch (r.kind) {
        case "ok":
          process.stdout.write(`La till ${r.tenant.name} (${r.tenant.kommunkod}, ${r.tenant.lan}) på /t/${r.tenant.slug}\n`);
          return 0;
        case "unknownKommunkod":
          throw new CliError(`okänd kommunkod ${r.kommunkod}: Sverige har 290 kommuner, se assets/geo/swedish_admin_areas.csv`);
        case "exists":
          throw new CliError(`kommunen finns redan i Trygg som /t/${r.slug}`);
        case "slugTaken":
          throw new CliError(`kortnamnet "${r.slug}" används redan – välj ett annat med --slug`);
        case "badSlug":
          throw new CliError(`ogiltigt kortnamn "${r.slug}": använd små bokstäver a–z, siffror och bindestreck`);
      }
    });
  }
  if (sub === "list") {
    const { values } = parseFlags(rest, { ...dataDirOption });
    return withDatabase(cliConfig(values), "trygg tenant list", async (database) => {
      for (const t of await listTenants(database.db)) process.stdout.write(`${t.kommunkod}\t${t.slug}\t${t.name}\t${t.lan}\n`);
      return 0;
    });
  }
  throw new CliError("användning: trygg tenant add --kommunkod NNNN [--slug S] | trygg tenant list", 2);
}
