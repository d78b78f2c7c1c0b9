// A private, throw-away PostgreSQL server for the tests and the start-up benchmark.
// Uses Debian's server binaries (/usr/lib/postgresql/<version>/bin): initdb into a temp
// directory, trust authentication, a free port on 127.0.0.1 and a private socket directory, so
// it never touches a system cluster. As root the server runs as user `postgres` (runuser),
// because PostgreSQL refuses to run as root. stop() removes everything again.
//
// Used by scripts/test.ts and bench/startup/run.ts. Run directly for a server to develop against:
//   node scripts/pg-test-server.ts     (prints TRYGG_TEST_PG_URL=…; Ctrl+C stops and deletes it)
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class PostgresMissingError extends Error {}

export type PrivatePostgres = {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  version: string;
  dir: string;
  stop(): void;
  /** kill -9 the server: the postmaster and every process under it (a crash, not a shutdown). */
  kill9(): void;
  /** Start it again on the same data and port (crash recovery runs first). */
  restart(): void;
};

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl, or null. */
export function findPostgresBin(): { bin: string; version: string } | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")) && existsSync(join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  const v = versions[0];
  return v ? { bin: join(root, v, "bin"), version: v } : null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Run a PostgreSQL binary as the `postgres` user when we are root, else as ourselves. */
function runPg(bin: string, args: string[], timeoutMs = 120_000): { status: number | null; output: string } {
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, {
    encoding: "utf8",
    timeout: timeoutMs,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" },
  });
  return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

/**
 * `durable`: fsync, synchronous_commit and full_page_writes stay on (PostgreSQL's defaults), as a
 * production server runs — for the crash benchmark. Without it the test server trades durability
 * for speed: a committed transaction may be lost if the server itself crashes.
 */
export async function startPrivatePostgres(opts: { log?: (line: string) => void; durable?: boolean } = {}): Promise<PrivatePostgres> {
  const found = findPostgresBin();
  if (!found) {
    throw new PostgresMissingError(
      "PostgreSQL-serverns program saknas (/usr/lib/postgresql/*/bin/initdb). Installera dem: apt-get install postgresql " +
        "(./dev test gör det själv som root), eller hoppa medvetet över PostgreSQL med TRYGG_SKIP_POSTGRES=1.",
    );
  }
  if (isRoot) {
    try {
      execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    } catch {
      throw new PostgresMissingError("användaren postgres saknas (skapas av Debians paket postgresql): apt-get install postgresql");
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "trygg-pg-"));
  const data = join(dir, "data");
  const sock = dir;
  const logFile = join(dir, "server.log");
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const bin = (name: string) => join(found.bin, name);

  const init = runPg(bin("initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);
  if (init.status !== 0) {
    cleanup();
    throw new Error(`initdb misslyckades:\n${init.output}`);
  }
  // A fixed port may be taken: try a few free ones.
  let lastError = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const serverOpts = [
      `-p ${port}`,
      `-k ${sock}`,
      "-c listen_addresses=127.0.0.1",
      // A disposable test server: durability off for speed (unless asked for).
      ...(opts.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
      "-c max_connections=200",
    ].join(" ");
    const started = runPg(bin("pg_ctl"), ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", serverOpts, "start"]);
    if (started.status === 0) {
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      opts.log?.(`PostgreSQL ${found.version} (privat, ${dir}) på ${url}`);
      let stopped = false;
      return {
        url,
        port,
        version: found.version,
        dir,
        stop() {
          if (stopped) return;
          stopped = true;
          runPg(bin("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"], 40_000);
          cleanup();
        },
        kill9() {
          const postmaster = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
          const victims = [postmaster, ...childrenOf(postmaster)];
          for (const pid of victims) {
            try {
              process.kill(pid, "SIGKILL");
            } catch {
              /* already gone */
            }
          }
        },
        restart() {
          const r = runPg(bin("pg_ctl"), ["-D", data, "-l", logFile, "-w", "-t", "120", "-o", serverOpts, "start"], 150_000);
          if (r.status !== 0) throw new Error(`PostgreSQL startade inte igen:\n${r.output}\n${readFileSync(logFile, "utf8").slice(-2000)}`);
        },
      };
    }
    lastError = `${started.output}\n${existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : ""}`;
  }
  cleanup();
  throw new Error(`PostgreSQL startade inte:\n${lastError}`);
}

/** Processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

if (import.meta.main) {
  const pg = await startPrivatePostgres({ log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`TRYGG_TEST_PG_URL=${pg.url}\n`);
  const stop = () => {
    pg.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => {}, 1 << 30);
}
