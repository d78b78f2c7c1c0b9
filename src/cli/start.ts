import { DataDirInUseError } from "../platform/db/lock.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../modules/tenants/seed.ts";
import { ProductionSafetyError, startServer } from "../main.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig, dataDirOption, describeDatabase, parseFlags } from "./common.ts";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...dataDirOption, port: { type: "string" }, "no-demo": { type: "boolean" } });
  if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new CliError(`ogiltig --port "${values.port}": ange ett heltal 0–65535`, 2);
  const config = cliConfig(values);
  const started = Date.now();
  let result: Awaited<ReturnType<typeof startServer>>;
  try {
    result = await startServer(config, { demo: !values["no-demo"] });
  } catch (err) {
    if (err instanceof DataDirInUseError || err instanceof ProductionSafetyError) throw new CliError(err.message);
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") throw new CliError(`porten ${config.PORT} används redan – välj en annan med --port`);
    throw err;
  }
  const lines = [`Trygg kör på ${result.url}  (databas: ${describeDatabase(config)}, start ${Date.now() - started} ms)`, `  Osby: ${result.url}/t/osby`];
  // Demo logins only where the demo is: outside production, in a database that has it.
  if (config.NODE_ENV !== "production" && (result.seeded || !values["no-demo"])) {
    lines.push(`  Demoinloggningar (lösenord ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) lines.push(`    ${u.role.padEnd(13)} ${u.email}`);
  }
  lines.push("  Stoppa med Ctrl+C.");
  process.stdout.write(`${lines.join("\n")}\n`);
  return new Promise<number>(() => {}); // runs until a signal closes the server
}
