// A throw-away PostgreSQL 15 + PostGIS server for the bench (see ../shared/STACK.md): initdb into a
// temp dir as user `postgres` when we are root, pg_ctl start on a free port, socket in the temp dir,
// listening on 127.0.0.1 only; stop() stops it and removes the directory.
//
// Settings are what a DBA gives a bulk-analysis box with 24 GB RAM (25 % shared_buffers, big
// work_mem, no durability for a scratch database); parallel query and JIT stay at their defaults.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PgServer {
  host: string; // socket directory
  port: number;
  dir: string;
  outDir: string; // a directory the server may write COPY … TO files into
  settings: Record<string, string>;
  stop(): void;
}

export const PG_SETTINGS: Record<string, string> = {
  shared_buffers: "6GB",
  work_mem: "512MB",
  maintenance_work_mem: "2GB",
  max_wal_size: "20GB",
  checkpoint_timeout: "30min",
  wal_level: "minimal",
  max_wal_senders: "0",
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
};

export function findPgBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin/initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], "bin") : null;
}

export function hasPostgis(): boolean {
  const bin = findPgBin();
  if (!bin) return false;
  const version = bin.split("/").at(-2);
  return existsSync(`/usr/share/postgresql/${version}/extension/postgis.control`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPg(): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql postgresql-15-postgis-3)");
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "trygg-bench-pg-"));
  const outDir = join(dir, "out");
  const run = (cmd: string, args: string[]) => {
    if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    else execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  };
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = join(dir, "data");
  run(join(bin, "initdb"), ["-D", data, "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust", "-U", "postgres"]);
  run("mkdir", [outDir]);
  const port = await freePort();
  const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", ...Object.entries(PG_SETTINGS).map(([k, v]) => `-c ${k}=${v}`)].join(" ");
  run(join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "-o", opts, "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { host: dir, port, dir, outDir, settings: PG_SETTINGS, stop };
}
