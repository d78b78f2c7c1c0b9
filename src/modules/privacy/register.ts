// The register of processing activities (GDPR art. 30), rendered from the data model: each
// module's declared processing activities with the columns of the tables that hold them (from
// information_schema), the retention rules with their defaults, and which modules can find and
// erase a resident's data. docs/register-of-processing.md is this text
// (scripts/register-of-processing.ts); privacy.int.test.ts fails when it is stale or when a table
// of the database belongs to no activity.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import type { TryggModule } from "../../platform/module.ts";

/** Bookkeeping tables that hold no data about anyone. */
export const NOT_PERSONAL = new Set(["schema_migrations", "schema_migrations_lock"]);

/** Every base table of the app's schema with its columns, in order. */
export async function dataModel(db: Kysely<DB>): Promise<Map<string, string[]>> {
  const r = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const out = new Map<string, string[]>();
  for (const row of r.rows) out.set(row.table_name, [...(out.get(row.table_name) ?? []), row.column_name]);
  return out;
}

/** Tables of the database that no module's processing activity names. */
export function uncoveredTables(modules: readonly TryggModule[], model: ReadonlyMap<string, string[]>): string[] {
  const covered = new Set(modules.flatMap((m) => (m.processing ?? []).flatMap((p) => p.tables)));
  return [...model.keys()].filter((t) => !covered.has(t) && !NOT_PERSONAL.has(t)).sort();
}

/** A column that holds an e-mail address (by name: `email`, `reporter_email`, `e_post` …; hashes excluded). */
const EMAIL_COLUMN = /(^|_)(e_?mail|e_?post)(_|$)/;

/**
 * Modules whose tables hold e-mail addresses of people who are not staff accounts are the ones a
 * resident's extract and erasure must reach: each must declare `personalData`. The users module
 * holds staff accounts (their data is the account page and the audit log).
 */
export const STAFF_ACCOUNT_MODULES = new Set(["users"]);

export function emailHoldersWithoutPersonalData(modules: readonly TryggModule[], model: ReadonlyMap<string, string[]>): string[] {
  const out: string[] = [];
  for (const m of modules) {
    if (m.personalData || STAFF_ACCOUNT_MODULES.has(m.name)) continue;
    for (const table of (m.processing ?? []).flatMap((p) => p.tables)) {
      const cols = (model.get(table) ?? []).filter((c) => EMAIL_COLUMN.test(c) && !c.endsWith("_hash"));
      if (cols.length) out.push(`${m.name}: ${table}.${cols.join(", ")}`);
    }
  }
  return out.sort();
}

export function renderRegister(modules: readonly TryggModule[], model: ReadonlyMap<string, string[]>): string {
  const t = translator("sv");
  const L: string[] = [];
  L.push("# Register över behandlingar (dataskyddsförordningen artikel 30)");
  L.push("");
  L.push(
    "Genererad av `node scripts/register-of-processing.ts` ur varje moduls deklarerade behandlingar (`processing` i modulobjektet) och databasens tabeller och kolumner (information_schema). `src/modules/privacy/privacy.int.test.ts` fallerar när filen är inaktuell eller när en tabell inte hör till någon behandling. Redigera inte för hand – ändra modulens `processing.ts`.",
  );
  L.push("");
  L.push(
    "Personuppgiftsansvarig: respektive kommun (och Polismyndigheten för sina uppgifter). Trygg är kommunens system; leverantören är personuppgiftsbiträde.",
  );
  L.push("");
  for (const m of modules) {
    for (const p of m.processing ?? []) {
      L.push(`## ${p.name} (modul \`${m.name}\`)`);
      L.push("");
      L.push(`- **Ändamål:** ${p.purpose}`);
      L.push(`- **Rättslig grund:** ${p.legalBasis}`);
      L.push(`- **Registrerade:** ${p.dataSubjects.join("; ")}`);
      L.push(`- **Kategorier av uppgifter:** ${p.categories.join("; ")}`);
      L.push(`- **Mottagare:** ${p.recipients.join("; ")}`);
      L.push(`- **Lagringstid:** ${p.retention}`);
      if (p.safeguards) L.push(`- **Skyddsåtgärder:** ${p.safeguards}`);
      L.push("- **Tabeller och kolumner:**");
      for (const table of p.tables) L.push(`  - \`${table}\`: ${(model.get(table) ?? ["(saknas i databasen)"]).join(", ")}`);
      L.push("");
    }
  }
  L.push("## Gallringsregler (inställbara per kommun)");
  L.push("");
  L.push("| slag | modul | standard |");
  L.push("|---|---|---|");
  for (const m of modules)
    for (const r of m.retention ?? [])
      L.push(`| ${t(r.label)} (\`${r.kind}\`) | ${m.name} | ${r.defaultDays === null ? "sparas utan gräns" : `${r.defaultDays} dagar`} |`);
  L.push("");
  L.push("## Registerutdrag och radering för invånare");
  L.push("");
  const holders = modules.filter((m) => m.personalData).map((m) => `\`${m.name}\``);
  L.push(
    `Moduler som söker och raderar uppgifter om en e-postadress: ${holders.join(", ") || "inga"}. Personalens egna konton är inte invånaruppgifter (modulen \`users\`).`,
  );
  L.push("");
  return L.join("\n");
}
