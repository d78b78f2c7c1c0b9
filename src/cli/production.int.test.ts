// Production never runs with the Osby demo: `trygg start` with NODE_ENV=production on an empty
// database seeds nothing, refuses to start while an account has the public demo password, and
// `trygg seed osby` refuses outright. Real processes on real PGlite data directories.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../platform/db/database.ts";

const BIN = fileURLToPath(new URL("../../bin/trygg.js", import.meta.url));
const SECRET = "produktionshemlighet-som-ar-minst-32-tecken-lang";
const dirs: string[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "trygg-prod-"));
  dirs.push(d);
  return d;
}

function env(nodeEnv: "production" | "development"): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", NODE_ENV: nodeEnv, SESSION_SECRET: SECRET };
  delete e.DATABASE_URL;
  return e;
}

function trygg(nodeEnv: "production" | "development", ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: env(nodeEnv), timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Counts of tenants and users in a stopped server's PGlite directory. */
async function counts(dataDir: string): Promise<{ tenants: number; users: number }> {
  const database = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "db") });
  try {
    const t = await database.db
      .selectFrom("tenants")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const u = await database.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return { tenants: Number(t.n), users: Number(u.n) };
  } finally {
    await database.close();
  }
}

describe("production never seeds or runs the Osby demo", () => {
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("`trygg start --port 0` in production on an empty database creates no tenant and no user", async () => {
    const dir = tempDir();
    const server = spawn(process.execPath, [BIN, "start", "--data-dir", dir, "--port", "0"], { env: env("production") });
    let out = "";
    let err = "";
    server.stdout.on("data", (d) => (out += d));
    server.stderr.on("data", (d) => (err += d));
    const exited = new Promise<number | null>((r) => server.once("exit", (code) => r(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`servern startade inte: ${out} ${err}`)), 90_000);
      server.stdout.on("data", () => {
        const m = /Trygg kör på (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`servern avslutades (${code}): ${err}`));
      });
    });
    try {
      const res = await fetch(`${url}/t/osby`);
      assert.equal(res.status, 404, "ingen Osby-hyresgäst i produktion");
      assert.doesNotMatch(out, /Demoinloggningar|trygg-demo-2026/, "inga demoinloggningar skrivs ut i produktion");
    } finally {
      server.kill("SIGTERM");
      await exited;
    }
    assert.deepEqual(await counts(dir), { tenants: 0, users: 0 });
  });

  it("refuses to start in production while an account has the demo password, with a Swedish message", () => {
    const dir = tempDir();
    const seeded = trygg("development", "seed", "osby", "--data-dir", dir);
    assert.equal(seeded.code, 0, seeded.err);
    const r = trygg("production", "start", "--data-dir", dir, "--port", "0");
    assert.equal(r.code, 1, r.out);
    assert.equal(r.err.trim().split("\n").length, 1, r.err);
    assert.match(r.err, /^trygg: databasen har konton med demolösenordet \(.*admin@osby\.demo.*\); ta bort dem eller byt lösenord/);
    assert.doesNotMatch(r.out, /Trygg kör på/);
  });

  it("`trygg seed osby` in production exits 2 and writes nothing", async () => {
    const dir = tempDir();
    assert.equal(trygg("production", "migrate", "--data-dir", dir).code, 0);
    const r = trygg("production", "seed", "osby", "--data-dir", dir);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^trygg: demodata läggs aldrig in i produktion/);
    assert.deepEqual(await counts(dir), { tenants: 0, users: 0 });
  });
});
