// Import-boundary rules, each with the reason it exists. Run by `npm run lint`.
//  1. src/platform/ never imports src/modules/ — the platform is shared plumbing; a module
//     depending on it is fine, the reverse would tie every feature to every other.
//  2. src/analysis/ imports nothing from the rest of src/ — the engine is pure code on typed
//     arrays so it can run in worker threads, benchmarks and the CLI without the web app.
//  3. src/config/ imports nothing from src/ — configuration is read before anything else exists.
//  4. A module imports another module only through that module's index.ts — its public surface.
//  5. Only src/config/ reads process.env (outside tests, scripts and the CLI entry points).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const problems: string[] = [];
const importRe = /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

for (const file of walk(SRC)) {
  const rel = relative(SRC, file);
  const text = readFileSync(file, "utf8");
  const isTest = /\.test\.ts$/.test(rel) || rel.startsWith("platform/testing/");
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    if (!spec || !spec.startsWith(".")) continue;
    const target = relative(SRC, resolve(dirname(file), spec));
    const line = text.slice(0, m.index).split("\n").length;
    const at = `src/${rel}:${line}`;
    if (rel.startsWith("platform/") && !isTest && target.startsWith("modules/")) {
      problems.push(
        `${at}: src/platform/ får inte importera src/modules/ (${spec}). Plattformen är gemensam grund; flytta koden till modulen eller låt modulen registrera sig via en platform-funktion.`,
      );
    }
    if (rel.startsWith("analysis/") && !target.startsWith("analysis/")) {
      problems.push(
        `${at}: src/analysis/ ska vara ren kod utan beroenden till resten av src/ (${spec}), så att motorn kan köras i workers, CLI och benchmark.`,
      );
    }
    if (rel.startsWith("config/") && !target.startsWith("config/")) {
      problems.push(`${at}: src/config/ får inte importera annan kod (${spec}); konfigurationen läses först av allt.`);
    }
    const fromMod = /^modules\/([^/]+)\//.exec(rel)?.[1];
    const toMod = /^modules\/([^/]+)\/(.+)$/.exec(target);
    if (fromMod && toMod && toMod[1] !== fromMod && toMod[2] !== "index.ts" && !isTest && !rel.endsWith("/testing.ts")) {
      problems.push(`${at}: modulen ${fromMod} importerar ${target} – importera bara via modules/${toMod[1]}/index.ts (modulens publika yta).`);
    }
  }
  if (!rel.startsWith("config/") && !isTest && !rel.startsWith("cli/") && /process\.env\b/.test(text)) {
    const line = text.slice(0, text.search(/process\.env\b/)).split("\n").length;
    problems.push(`src/${rel}:${line}: process.env läses bara i src/config/ (en validerad plats för all konfiguration).`);
  }
}

if (problems.length) {
  process.stderr.write(`Importgränser brutna (${problems.length}):\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
  process.exit(1);
}
process.stdout.write("Importgränser: inga fel.\n");
