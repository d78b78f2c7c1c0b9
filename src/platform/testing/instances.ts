// Real Trygg server processes for the reliability proofs (test/reliability/, bench/crash,
// bench/load): `node src/cli/main.ts start` exactly as `./trygg start` runs it, on a database of
// the run's kind — a fresh PostgreSQL database (several processes may share it) or a fresh PGlite
// data directory (one process at a time) — killed gracefully (SIGTERM) or not at all (SIGKILL).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pgliteTemplate, postgresDatabase, testDbKind } from "./harness.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const MAIN = join(ROOT, "src", "cli", "main.ts");

export type InstanceStore = {
  kind: "pglite" | "postgres";
  /** Data directory (PGlite database and disk files; with PostgreSQL only files). */
  dataDir: string;
  /** Environment for processes on this store (DATABASE_URL on PostgreSQL). */
  env: Record<string, string>;
  /** PostgreSQL only. */
  url?: string;
  drop(): Promise<void>;
};

/**
 * A fresh, migrated, empty database of the run's kind (TRYGG_TEST_DB) for server processes. The
 * PGlite directory is unpacked from the test template (~1 s instead of a 6–8 s initdb).
 */
export async function createInstanceStore(kind: "pglite" | "postgres" = testDbKind()): Promise<InstanceStore> {
  const dataDir = mkdtempSync(join(tmpdir(), "trygg-inst-"));
  if (kind === "postgres") {
    const { url, drop } = await postgresDatabase();
    return {
      kind,
      dataDir,
      url,
      env: { DATABASE_URL: url },
      async drop() {
        await drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  mkdirSync(join(dataDir, "db"), { recursive: true });
  const pglite = await PGlite.create(join(dataDir, "db", "pgdata"), { loadDataDir: await pgliteTemplate() });
  await pglite.close();
  return {
    kind,
    dataDir,
    env: {},
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Instance = {
  url: string;
  pid: number;
  process: ChildProcess;
  /** Everything the process wrote (stdout and stderr), last 20 000 characters. */
  output(): string;
  /** SIGTERM (or another signal) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9, and wait until the process is gone. */
  kill(): Promise<void>;
};

export type InstanceOptions = {
  store: InstanceStore;
  env?: Record<string, string>;
  /** Seed the Osby demo into an empty database (default false: --no-demo). */
  demo?: boolean;
  port?: number;
  timeoutMs?: number;
};

/** The environment a server process gets: the test's own, without a developer's DATABASE_URL. */
function processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn", TZ: "Europe/Stockholm", NODE_ENV: "test" };
  delete env.DATABASE_URL;
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS; // the test process's preloads are not the server's
  return { ...env, ...extra };
}

/** Start `trygg start` on the store and wait for the address it prints. */
export async function startInstance(opts: InstanceOptions): Promise<Instance> {
  const args = [MAIN, "start", "--data-dir", opts.store.dataDir, "--port", String(opts.port ?? 0)];
  if (!opts.demo) args.push("--no-demo");
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: processEnv({ ...opts.store.env, ...opts.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const take = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`trygg start gav ingen adress inom ${(opts.timeoutMs ?? 120_000) / 1000} s:\n${out}`)),
      opts.timeoutMs ?? 120_000,
    );
    const look = () => {
      const m = /Trygg kör på (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", look);
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`trygg start avslutades (kod ${code}, signal ${signal}):\n${out}`));
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    pid: child.pid!,
    process: child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (!gone()) child.kill(signal);
      const [code, sig] = await exited;
      return { code, signal: sig };
    },
    async kill() {
      if (!gone()) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Sign in through the login form (GET for the CSRF token, POST); returns the session cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/logga-in`);
  const html = await page.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("ingen CSRF-token på /logga-in");
  const jar = cookiesOf(page);
  const res = await fetch(`${baseUrl}/logga-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`inloggningen som ${email} gav ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return mergeCookies(jar, cookiesOf(res));
}

/** The cookies a response sets, as a Cookie header value. */
export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

/** Cookie header values merged, later values winning. */
export function mergeCookies(...jars: string[]): string {
  const m = new Map<string, string>();
  for (const jar of jars)
    for (const part of jar.split(/;\s*/).filter(Boolean)) {
      const i = part.indexOf("=");
      m.set(part.slice(0, i), part.slice(i + 1));
    }
  return [...m].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** The named inputs of the first form on a page that has `<input … name=… value=…>` (hidden fields, prefilled values), entities decoded. */
export function formValues(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const tag = m[0];
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
    if (name && value !== undefined && !(name in out)) out[name] = decodeEntities(value);
  }
  return out;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A multipart/form-data body: fields, then files. */
export function multipartBody(
  fields: Record<string, string>,
  files: Array<{ field: string; filename: string; contentType: string; data: Buffer }> = [],
): { body: Buffer; contentType: string } {
  const boundary = `----trygg${Math.random().toString(36).slice(2)}${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`),
    );
    parts.push(f.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
