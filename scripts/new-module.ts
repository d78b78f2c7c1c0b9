// Scaffold a new module from the template (scripts/module-template/): its folder under
// src/modules/<name>/ with every file role the existing modules use, a first migration in the
// module's number range, messages in Swedish and English, sweep fixtures — and one line in
// src/modules/index.ts. The result starts, passes the gate and shows up in the sweeps; then make
// it yours.
//
//   node scripts/new-module.ts <name> --range NNNN [--title "Rubrik"] [--root DIR] [--no-register]
//
// <name>: a-z and digits (module name, URL segment, message namespace, table prefix).
// --range: the first migration number of the module (a free hundred, e.g. 0300); see
// docs/decisions/0002. --root writes below another folder (tests); --no-register leaves
// src/modules/index.ts alone.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

const ROOT = resolve(import.meta.dirname, "..");
const TEMPLATE = join(ROOT, "scripts", "module-template");

export type ScaffoldOptions = { name: string; range: string; title?: string; root?: string; register?: boolean };
export type ScaffoldResult = { dir: string; files: string[]; registered: boolean };

export class ScaffoldError extends Error {}

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function fill(text: string, o: { name: string; range: string; title: string }): string {
  const pascal = o.name[0]!.toUpperCase() + o.name.slice(1);
  return text
    .replaceAll("__MODULE__", o.name.toUpperCase())
    .replaceAll("__Module__", pascal)
    .replaceAll("__module__", o.name)
    .replaceAll("__Title__", o.title)
    .replaceAll("__range__", o.range);
}

/** Used migration numbers (foundation and every module), to refuse a taken range. */
function usedMigrationNumbers(root: string): Set<string> {
  const used = new Set<string>();
  const dirs = [
    join(root, "migrations"),
    ...(existsSync(join(root, "src", "modules")) ? readdirSync(join(root, "src", "modules")).map((m) => join(root, "src", "modules", m, "migrations")) : []),
  ];
  for (const d of dirs) if (existsSync(d)) for (const f of readdirSync(d)) if (/^\d{4}_/.test(f)) used.add(f.slice(0, 4));
  return used;
}

export function scaffoldModule(opts: ScaffoldOptions): ScaffoldResult {
  const root = resolve(opts.root ?? ROOT);
  if (!/^[a-z][a-z0-9]{1,30}$/.test(opts.name)) throw new ScaffoldError(`ogiltigt modulnamn "${opts.name}": använd a–z och siffror, börja med en bokstav`);
  if (!/^\d{4}$/.test(opts.range)) throw new ScaffoldError(`ogiltigt --range "${opts.range}": fyra siffror, t.ex. 0300`);
  const dir = join(root, "src", "modules", opts.name);
  if (existsSync(dir)) throw new ScaffoldError(`modulen finns redan: ${relative(root, dir)}`);
  const used = usedMigrationNumbers(root);
  if (used.has(opts.range)) throw new ScaffoldError(`migreringsnumret ${opts.range} används redan; välj ett ledigt hundratal`);
  const values = { name: opts.name, range: opts.range, title: opts.title ?? opts.name[0]!.toUpperCase() + opts.name.slice(1) };
  const files: string[] = [];
  for (const src of walk(TEMPLATE)) {
    const rel = relative(TEMPLATE, src).replace(/\.tmpl$/, "");
    const target = join(dir, rel === "migrations/__range___init.sql" ? `migrations/${opts.range}_${opts.name}.sql` : fill(rel, values));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, fill(readFileSync(src, "utf8"), values));
    files.push(target);
  }
  // Format the new files the project's way (line lengths depend on the module's name).
  const biome = join(ROOT, "node_modules", ".bin", "biome");
  if (existsSync(biome) && existsSync(join(root, "biome.json")))
    execFileSync(biome, ["format", "--write", relative(root, dir)], { cwd: root, stdio: "ignore" });
  let registered = false;
  if (opts.register !== false) {
    const index = join(root, "src", "modules", "index.ts");
    const text = readFileSync(index, "utf8");
    const importLine = `import { ${opts.name}Module } from "./${opts.name}/index.ts";\n`;
    const withImport = text.replace(/(import type \{ TryggModule \}[^\n]*\n)/, `$1${importLine}`);
    const withEntry = withImport.replace(
      /(export const modules: readonly TryggModule\[\] = \[)([^\]]*)\]/,
      (_m, head: string, list: string) => `${head}${list.trim()}, ${opts.name}Module]`,
    );
    if (withEntry === text || !withEntry.includes(`${opts.name}Module]`))
      throw new ScaffoldError("kunde inte lägga till modulen i src/modules/index.ts – lägg till den för hand");
    writeFileSync(index, withEntry);
    registered = true;
  }
  return { dir, files, registered };
}

if (import.meta.main) {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { range: { type: "string" }, title: { type: "string" }, root: { type: "string" }, "no-register": { type: "boolean" } },
      allowPositionals: true,
    });
    if (positionals.length !== 1 || !values.range) throw new ScaffoldError('användning: node scripts/new-module.ts <namn> --range NNNN [--title "Rubrik"]');
    const r = scaffoldModule({ name: positionals[0]!, range: values.range, title: values.title, root: values.root, register: !values["no-register"] });
    process.stdout.write(
      `Ny modul i ${relative(process.cwd(), r.dir)} (${r.files.length} filer)${r.registered ? ", tillagd i src/modules/index.ts" : ""}.\n` +
        "Nästa steg: skriv om README.md, tabellerna och sidorna till modulens verkliga uppgift; kör ./dev check.\n",
    );
  } catch (err) {
    process.stderr.write(`new-module: ${(err as Error).message}\n`);
    process.exit(err instanceof ScaffoldError ? 2 : 1);
  }
}
