import { seedOsby } from "../modules/seed.ts";
import { createStorage } from "../platform/storage/storage.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig, dataDirOption, parseFlags, withDatabase } from "./common.ts";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...dataDirOption }, true);
  if (positionals[0] !== "osby" || positionals.length !== 1)
    throw new CliError("användning: trygg seed osby [--data-dir DIR] (endast demodata för Osby finns)", 2);
  const config = cliConfig(values);
  // The demo has accounts with a published password: never in production.
  if (config.NODE_ENV === "production")
    throw new CliError("demodata läggs aldrig in i produktion (NODE_ENV=production): demokontonas lösenord är offentligt", 2);
  return withDatabase(config, "trygg seed", async (database) => {
    const r = await seedOsby(database.db, { storage: createStorage(config) });
    process.stdout.write(r.kind === "seeded" ? "Osby-demodata har lagts in.\n" : "Osby fanns redan; demodata kompletterades där den saknades.\n");
    return 0;
  });
}
