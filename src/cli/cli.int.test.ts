// The `trygg` command end to end: real processes on a real PGlite data directory.
// (Runs once per integration pass; it always uses PGlite in a temp dir, or DATABASE_URL on the
// postgres pass so both engines are covered.)
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/trygg.js", import.meta.url));
const LAUNCHER = fileURLToPath(new URL("../../trygg", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "trygg-cli-"));

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  return env;
}

function trygg(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: cliEnv(), timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts `command args` (a trygg start) and waits for the URL it prints. */
async function startServer(command: string, args: string[]): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(command, args, { env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  server.stdout!.on("data", (d) => (out += d));
  server.stderr!.on("data", (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`servern startade inte: ${out}`)), 60_000);
    server.stdout!.on("data", () => {
      const m = /Trygg kör på (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} avslutades (kod ${code}): ${out}`));
    });
  });
  return { server, url };
}

/** Whether a TCP connection to the URL's port is accepted (false: refused). */
async function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid that holds the data directory's lock file (DIR/db/trygg.lock), or null when there is none. */
function lockHolder(dataDir: string): number | null {
  const file = join(dataDir, "db", "trygg.lock");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { pid: number }).pid : null;
}

describe("trygg CLI", () => {
  before(() => {
    const r = trygg("migrate", "--data-dir", dir);
    assert.equal(r.code, 0, r.err);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("adds any municipality by kommunkod and refuses unknown ones in one line", () => {
    const ok = trygg("tenant", "add", "--kommunkod", "1293", "--data-dir", dir);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /Hässleholms kommun \(1293, Skåne län\) på \/t\/hassleholm/);
    const bad = trygg("tenant", "add", "--kommunkod", "0000", "--data-dir", dir);
    assert.equal(bad.code, 1);
    assert.equal(bad.err.trim().split("\n").length, 1);
    assert.match(bad.err, /^trygg: okänd kommunkod 0000/);
    const dup = trygg("tenant", "add", "--kommunkod", "1293", "--data-dir", dir);
    assert.match(dup.err, /finns redan/);
  });

  it("seeds Osby and adds users with roles", () => {
    assert.equal(trygg("seed", "osby", "--data-dir", dir).code, 0);
    const u = trygg(
      "user",
      "add",
      "--email",
      "ny@osby.demo",
      "--name",
      "Ny Person",
      "--tenant",
      "osby",
      "--role",
      "lasare",
      "--password",
      "ett-langt-losenord",
      "--data-dir",
      dir,
    );
    assert.equal(u.code, 0, u.err);
    const badRole = trygg("user", "add", "--email", "x@osby.demo", "--name", "X", "--tenant", "osby", "--role", "kung", "--data-dir", dir);
    assert.equal(badRole.code, 2);
    assert.match(badRole.err, /--role som en av admin, samordnare/);
    const list = trygg("tenant", "list", "--data-dir", dir);
    assert.match(list.out, /1273\tosby\tOsby kommun/);
  });

  it("backs up and restores through the commands: refuses to overwrite, refuses a non-empty target, restores into a new data directory", () => {
    const out = join(dir, "säkerhetskopia.tar.gz");
    const b = trygg("backup", "--data-dir", dir, "--out", out);
    assert.equal(b.code, 0, b.err);
    assert.match(b.out, /Säkerhetskopia av PGlite .*\n {2}\d+ tabeller, \d+ rader, \d+ filer/);
    const again = trygg("backup", "--data-dir", dir, "--out", out);
    assert.equal(again.code, 1);
    assert.match(again.err, /finns redan .* skrivs aldrig över/);
    assert.equal(trygg("backup", "--data-dir", dir).code, 2);
    const intoItself = trygg("restore", out, "--data-dir", dir);
    assert.equal(intoItself.code, 1);
    assert.match(intoItself.err, /^trygg: databasen är inte tom/);
    const target = join(dir, "återställd");
    const r = trygg("restore", out, "--data-dir", target);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Återställde .* till PGlite/);
    assert.equal(trygg("tenant", "list", "--data-dir", target).out, trygg("tenant", "list", "--data-dir", dir).out);
  });

  it("gives one clear line for unknown commands and flags", () => {
    const r = trygg("flyga");
    assert.notEqual(r.code, 0);
    assert.match(r.err, /^trygg: okänt kommando "flyga"/);
    const f = trygg("migrate", "--snabbt");
    assert.match(f.err, /^trygg: okänd flagga --snabbt/);
  });

  it("refuses a second process on a data directory in use, writing nothing", async () => {
    const { server, url } = await startServer(process.execPath, [BIN, "start", "--data-dir", dir, "--port", "0", "--no-demo"]);
    try {
      const res = await fetch(`${url}/t/osby`);
      assert.equal(res.status, 200);
      const second = trygg("tenant", "add", "--kommunkod", "1256", "--data-dir", dir);
      assert.equal(second.code, 1);
      assert.match(second.err, /används redan av en annan Trygg-process .*Stoppa den först/);
      const other = trygg("start", "--data-dir", dir, "--port", "0");
      assert.equal(other.code, 1);
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
    // Nothing was written by the refused process; after the server stops the CLI works again.
    const list = trygg("tenant", "list", "--data-dir", dir);
    assert.equal(list.code, 0, list.err);
    assert.doesNotMatch(list.out, /1256/);
  });

  // `npx trygg` on a machine whose own Node is older runs bin/trygg.js under that Node, which
  // starts the real server as a child under Node 24. SIGTERM to the launcher (a service manager,
  // `kill`) must stop the server too — with the launcher waiting, the server shutting down
  // gracefully and releasing the data directory.
  const machineNode = existsSync("/usr/bin/node") ? "/usr/bin/node" : null;
  it(`stops the server on SIGTERM to the launcher (${machineNode ? "bin/trygg.js under /usr/bin/node" : "./trygg"})`, async () => {
    const [command, args] = machineNode ? [machineNode, [BIN]] : [LAUNCHER, []];
    const { server: launcher, url } = await startServer(command, [...args, "start", "--no-demo", "--data-dir", dir, "--port", "0"]);
    const holder = lockHolder(dir);
    try {
      assert.ok(holder, "the running server holds the data directory");
      assert.equal(await accepts(url), true);
      const exited = once(launcher, "exit");
      launcher.kill("SIGTERM");
      const [code, signal] = await exited;
      // The launcher has ended: nothing of the server may be left.
      assert.equal(await accepts(url), false, `${url} still accepts connections: the server outlived its launcher`);
      assert.equal(lockHolder(dir), null, "the data directory's lock is released");
      assert.equal(isAlive(holder), false, `server process ${holder} still runs`);
      assert.deepEqual({ code, signal }, { code: 0, signal: null }, "the launcher ends as the server did: a graceful exit");
    } finally {
      // An orphaned server (the bug this test guards against) must not outlive the test.
      if (holder && isAlive(holder)) {
        process.kill(holder, "SIGKILL");
        for (let i = 0; i < 250 && isAlive(holder); i++) await new Promise((r) => setTimeout(r, 20));
      }
    }
  });

  it("./trygg execs node: the server is the launcher's own process, and stops gracefully on SIGTERM", async () => {
    const { server, url } = await startServer(LAUNCHER, ["start", "--no-demo", "--data-dir", dir, "--port", "0"]);
    try {
      assert.equal(lockHolder(dir), server.pid, "no process between ./trygg and the server");
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      const [code] = await exited;
      assert.equal(code, 0);
      assert.equal(await accepts(url), false);
      assert.equal(lockHolder(dir), null);
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
    }
  });
});
