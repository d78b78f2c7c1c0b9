// Entry of the `trygg` command (bin/trygg.js starts it under Node >= 22).
// Each subcommand lives in its own file and is loaded only when used, so `trygg analysis …`
// never pays for the web server and the web server never pays for the analysis CLI.
import { CliError } from "./cli-error.ts";

const USAGE = `Användning: trygg <kommando> [flaggor]

Kommandon:
  start [--port N] [--data-dir DIR] [--no-demo]   starta Trygg (tom databas får Osby-demo)
  migrate [--data-dir DIR]                        kör databasmigreringar
  seed osby [--data-dir DIR]                      lägg in Osby-demodata
  tenant add --kommunkod NNNN [--slug S]          lägg till en kommun som hyresgäst
  tenant list                                     lista kommuner
  user add --email E --name N --tenant S --role R [--password P]
                                                  lägg till en användare med roll
  open311 key add --tenant S --name N [--organisation O]
                                                  skapa en Open311-nyckel (skrivs ut en gång)
  open311 key list|revoke --tenant S [--id ID]    lista eller återkalla Open311-nycklar
  analysis project|hotspots|gistar|kde|emerging … analysmotorn (se trygg analysis --help)
  backup [--data-dir DIR] --out FIL               säkerhetskopiera databas och filer till en fil
  restore FIL [--data-dir DIR]                    återställ en säkerhetskopia till en tom instans
  import polisen <fil-eller-url> --tenant S [--data-dir DIR]
                                                  importera polisens öppna händelser för en kommun
                                                  (sista raden: JSON med read/new/updated/other/unparseable)

Alla kommandon som använder databasen tar --data-dir DIR eller DATABASE_URL.`;

const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  start: () => import("./start.ts"),
  migrate: () => import("./migrate.ts"),
  seed: () => import("./seed.ts"),
  tenant: () => import("./tenant.ts"),
  user: () => import("./user.ts"),
  open311: () => import("./open311.ts"),
  analysis: () => import("./analysis.ts"),
  backup: () => import("./backup.ts"),
  restore: () => import("./restore.ts"),
  import: () => import("./import.ts"),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) throw new CliError(`okänt kommando "${name}" – kör "trygg --help"`);
  const mod = await load();
  return mod.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof CliError) {
    process.stderr.write(`trygg: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`trygg: ${message}\n`);
    if (process.env.TRYGG_DEBUG) console.error(err);
    process.exitCode = 1;
  }
}
