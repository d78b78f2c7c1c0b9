// Message-catalog check (run by `npm run messages:check`):
//  - every catalog pair (src/**/messages/sv.json, en.json) has exactly the same keys;
//  - no value is empty; placeholders {x} match between sv and en;
//  - every key is used in code (its literal appears in src/ or web/, or a template prefix
//    `prefix.${…}` covers it);
//  - every literal key passed to t("…") exists in some catalog.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

function walk(dir: string, pred: (p: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

const problems: string[] = [];
const allKeys = new Map<string, string>();
for (const sv of walk(join(ROOT, "src"), (p) => p.endsWith(`messages${"/"}sv.json`))) {
  const enPath = sv.replace(/sv\.json$/, "en.json");
  const svCat = JSON.parse(readFileSync(sv, "utf8")) as Record<string, string>;
  let enCat: Record<string, string> = {};
  try {
    enCat = JSON.parse(readFileSync(enPath, "utf8"));
  } catch {
    problems.push(`${relative(ROOT, enPath)} saknas eller är ogiltig JSON`);
  }
  for (const k of Object.keys(svCat)) {
    if (!(k in enCat)) problems.push(`${relative(ROOT, enPath)}: saknar nyckeln ${k}`);
    if (!svCat[k]?.trim()) problems.push(`${relative(ROOT, sv)}: ${k} är tom`);
    const ph = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(",");
    if (k in enCat && ph(svCat[k] ?? "") !== ph(enCat[k] ?? "")) problems.push(`${k}: platshållarna skiljer sig mellan sv och en`);
    if (allKeys.has(k) && allKeys.get(k) !== sv) problems.push(`${k}: finns i två kataloger (${relative(ROOT, allKeys.get(k)!)} och ${relative(ROOT, sv)})`);
    allKeys.set(k, sv);
  }
  for (const k of Object.keys(enCat)) if (!(k in svCat)) problems.push(`${relative(ROOT, sv)}: saknar nyckeln ${k} som finns i en.json`);
}

const code = walk(join(ROOT, "src"), (p) => /\.ts$/.test(p) && !/\.test\.ts$/.test(p))
  .concat(walk(join(ROOT, "web"), (p) => /\.(js|ts)$/.test(p)))
  .map((p) => readFileSync(p, "utf8"))
  .join("\n");
const literals = new Set([...code.matchAll(/["'`]([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_-]+)+)["'`]/g)].map((m) => m[1] as string));
const prefixes = [...code.matchAll(/`([a-zA-Z0-9_.-]+\.)\$\{/g)].map((m) => m[1] as string);

for (const k of allKeys.keys()) {
  const base = k.replace(/\.(zero|one|two|few|many|other)$/, "");
  if (literals.has(k) || literals.has(base)) continue;
  if (prefixes.some((p) => k.startsWith(p))) continue;
  problems.push(`${k}: används inte i koden (ta bort den eller använd den)`);
}
for (const m of code.matchAll(/\bt\(\s*["']([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_-]+)+)["']/g)) {
  const k = m[1] as string;
  if (!allKeys.has(k) && !allKeys.has(`${k}.other`)) problems.push(`t("${k}"): nyckeln finns inte i någon katalog`);
}

if (problems.length) {
  process.stderr.write(`Meddelandekataloger: ${problems.length} fel\n${[...new Set(problems)].map((p) => `  ${p}`).join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`Meddelandekataloger: ${allKeys.size} nycklar, sv och en stämmer.\n`);
