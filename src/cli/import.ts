// `trygg import polisen <file-or-url> --tenant <slug> [--data-dir DIR]`: import the police's open
// events of one municipality from a saved payload or the feed's address (HTTPS, under the
// police's rules: User-Agent, ≥ 10 s between calls, ≤ 60 an hour, 404 permanent). Each event that
// cannot be read is named on stderr with its reason, warnings about the payload as a whole too;
// the last line on stdout is one JSON object {"read","new","updated","other","unparseable"}.
// Running it twice on the same payload changes nothing the second time.
//
// `trygg import polisen --rensa-404 <url>` clears the "gone" mark of an address that answered 404.
import { findTenantBySlug } from "../platform/tenancy/resolve.ts";
import { clearGone, describeOutcome, fetchPayload, importPoliceEvents, type PayloadOutcome, readPayloadFile, userAgentOf } from "../modules/est/index.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig, dataDirOption, parseFlags, withDatabase } from "./common.ts";

const USAGE = "användning: trygg import polisen <fil-eller-url> --tenant <slug> [--data-dir DIR]";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...dataDirOption, tenant: { type: "string" }, "rensa-404": { type: "string" } }, true);
  if (positionals[0] !== "polisen") throw new CliError(`${USAGE} (bara polisens öppna händelser kan importeras)`, 2);
  const config = cliConfig(values);
  if (typeof values["rensa-404"] === "string") {
    const url = values["rensa-404"];
    return withDatabase(config, "trygg import polisen", async (database) => {
      const cleared = await clearGone(database.db, url);
      process.stdout.write(cleared ? `${url} anropas igen vid nästa hämtning.\n` : `${url} var inte markerad som borttagen.\n`);
      return 0;
    });
  }
  const source = positionals[1];
  if (!source || positionals.length !== 2) throw new CliError(USAGE, 2);
  if (typeof values.tenant !== "string" || !values.tenant) throw new CliError(`${USAGE} (--tenant saknas)`, 2);
  const slug = values.tenant;
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
  // A file is read before the database is opened: a wrong path fails at once.
  const fromFile: PayloadOutcome | null = isUrl ? null : await readPayloadFile(source);
  if (fromFile && fromFile.kind !== "ok") throw new CliError(describeOutcome(fromFile));
  return withDatabase(config, "trygg import polisen", async (database) => {
    const tenant = await findTenantBySlug(database.db, slug);
    if (!tenant) throw new CliError(`okänd kommun "${slug}" – se trygg tenant list`);
    const payload: PayloadOutcome =
      fromFile ?? (await fetchPayload(database.db, { url: source, userAgent: userAgentOf(config), production: config.NODE_ENV === "production" }));
    if (payload.kind !== "ok") throw new CliError(describeOutcome(payload));
    const r = await importPoliceEvents(database.db, tenant, payload.json);
    if (r.kind === "notAList") throw new CliError(`innehållet är ${r.found}, inte en lista med händelser som polisen.se/api/events ger`);
    if (r.kind === "unknownMunicipality") throw new CliError(`kommunkoden ${r.kommunkod} finns inte bland Sveriges kommuner`);
    for (const u of r.report.unparseable)
      process.stderr.write(`trygg: händelse ${u.index + 1}${u.policeId !== null ? ` (id ${u.policeId})` : ""} kunde inte läsas: ${u.reason}\n`);
    for (const w of r.report.warnings) process.stderr.write(`trygg: varning: ${w}\n`);
    process.stdout.write(`${JSON.stringify(r.report.counts)}\n`);
    return 0;
  });
}
