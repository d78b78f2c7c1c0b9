import { cliConfig, dataDirOption, describeDatabase, parseFlags, withDatabase } from "./common.ts";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...dataDirOption });
  const config = cliConfig(values);
  return withDatabase(config, "trygg migrate", async (_db, applied) => {
    process.stdout.write(
      applied.length
        ? `Körde ${applied.length} migrering(ar) på ${describeDatabase(config)}: ${applied.join(", ")}\n`
        : `Databasen är redan aktuell (${describeDatabase(config)}).\n`,
    );
    return 0;
  });
}
