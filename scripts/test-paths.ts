// Every file a test reads lives in this repository. A fresh clone must be able to run the whole
// suite; a test that reads ../shared/… (the data folder beside the checkout during development)
// or any other path outside the repository passes here and fails on every other machine.
// Checked by scripts/test-paths.test.ts (part of the unit layer) over every test file and every
// test helper. The check is textual, on string literals:
//   1. any mention of `../shared` or `shared/data/` (the shared folder, however it is reached);
//   2. a relative path literal ("./x", "../x") that, taken from the file's own folder (as
//      `new URL("../x", import.meta.url)` does), points outside the repository;
//   3. an absolute path literal into the repository's parent folder (a sibling checkout or data
//      folder), or into /work/ or /home/.
import { globSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");

/** Test files and test helpers: everything that runs inside a test process. */
export function testSourceFiles(root = ROOT): string[] {
  const patterns = ["src/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.ts", "src/**/testing.ts", "src/**/testing/**/*.ts"];
  const found = new Set<string>();
  for (const p of patterns) for (const f of globSync(p, { cwd: root })) if (!f.includes("node_modules")) found.add(f);
  return [...found].sort();
}

/** String literals ("…", '…', `…` without `${}`). Comments and interpolating templates are skipped. */
function stringLiterals(text: string): Array<{ value: string; line: number }> {
  const out: Array<{ value: string; line: number }> = [];
  const re = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
  for (const m of text.matchAll(re)) {
    const value = m[1] ?? m[2] ?? m[3];
    if (value === undefined || (m[3] !== undefined && value.includes("${"))) continue;
    out.push({ value, line: text.slice(0, m.index).split("\n").length });
  }
  return out;
}

/** Problems of one file (`file` relative to root), one line each: "path:line: what". */
export function outsideReferences(file: string, text: string, root = ROOT): string[] {
  const problems: string[] = [];
  const dir = dirname(resolve(root, file));
  const parent = dirname(root) + sep;
  const inside = (p: string) => p === root || p.startsWith(root + sep);
  // Scratch files in the temp folder are the test's own. When the checkout itself lies in the temp
  // folder (a fresh clone in /tmp, as CI may make) and so shares its parent, a file directly in
  // it is still scratch; a folder beside the checkout is not.
  const isTemp = (p: string) => (p.startsWith("/tmp/") || p.startsWith(tmpdir() + sep)) && (!p.startsWith(parent) || !relative(parent, p).includes(sep));
  for (const { value, line } of stringLiterals(text)) {
    const at = `${file}:${line}`;
    if (/(^|[/\\])\.\.[/\\]shared\b|(^|[/\\])shared[/\\]data[/\\]/.test(value)) {
      problems.push(`${at}: "${value}" pekar på den delade datamappen – kopiera filen till test/fixtures/shared/ (med källa i README.md)`);
    } else if (/^\.\.?\//.test(value) && !inside(resolve(dir, value.split(/[?#]/)[0]!))) {
      problems.push(`${at}: "${value}" pekar utanför förrådet (från ${relative(root, dir) || "."})`);
    } else if (value.startsWith("/") && !inside(value) && !isTemp(value) && (value.startsWith(parent) || /^\/(work|home)\//.test(value))) {
      problems.push(`${at}: "${value}" är en absolut sökväg utanför förrådet`);
    }
  }
  return problems;
}

/** All problems of the repository's test files. */
export function checkTestPaths(root = ROOT): string[] {
  return testSourceFiles(root).flatMap((f) => outsideReferences(f, readFileSync(join(root, f), "utf8"), root));
}
