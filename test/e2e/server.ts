// The real server for browser tests (and the start-up benchmark): `node bin/trygg.js start
// --data-dir <fresh temp dir> --port 0`, exactly as a user starts it, with the Osby demo seeded
// into the empty PGlite database. The URL is read from the line the command prints
// ("Trygg kör på http://127.0.0.1:PORT …").
//
// scripts/test.ts starts one server for all browser test files and passes its URL in
// TRYGG_E2E_URL; a test file run on its own (`node --test test/e2e/x.e2e.test.ts`) starts its own.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "trygg.js");

export type RunningTrygg = {
  url: string;
  pid: number;
  dataDir: string | null;
  /** Milliseconds from spawn until the server printed its URL. */
  startupMs: number;
  process: ChildProcess;
  stop(): Promise<void>;
};

export type StartOptions = {
  /** Reuse this data directory (kept on stop); default a fresh temp dir (removed on stop). */
  dataDir?: string;
  /** Extra environment (e.g. DATABASE_URL for PostgreSQL). */
  env?: Record<string, string>;
  /** Extra `trygg start` flags. */
  args?: string[];
  timeoutMs?: number;
};

export async function startTrygg(opts: StartOptions = {}): Promise<RunningTrygg> {
  const ownDir = opts.dataDir ? null : mkdtempSync(join(tmpdir(), "trygg-e2e-"));
  const dataDir = opts.dataDir ?? ownDir!;
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, "start", "--data-dir", dataDir, "--port", "0", ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", TZ: "Europe/Stockholm", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`ingen adress inom ${(opts.timeoutMs ?? 120_000) / 1000} s`)), opts.timeoutMs ?? 120_000);
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /Trygg kör på (https?:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`trygg start avslutades (kod ${code})`));
      });
    });
    return { url, pid: child.pid!, dataDir, startupMs: Math.round(performance.now() - t0), process: child, stop };
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- stdout ---\n${out.slice(-2000)}\n--- stderr ---\n${err}`);
  }
}

/** Browser tests sign in many times from one address: lift the per-IP limit on public writes. */
export const E2E_ENV = { PUBLIC_WRITE_RATE_LIMIT: "100000" };

/** The server for a browser test file: the runner's shared one, or one of its own. */
export async function e2eServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const shared = process.env.TRYGG_E2E_URL;
  if (shared) return { url: shared.replace(/\/$/, ""), stop: async () => {} };
  return startTrygg({ env: E2E_ENV });
}
