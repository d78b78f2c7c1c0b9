// The `trygg` command end to end: real processes on a real PGlite data directory.
// (Runs once per integration pass; it always uses PGlite in a temp dir, or DATABASE_URL on the
// postgres pass so both engines are covered.)
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/trygg.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "trygg-cli-"));

function trygg(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
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

  it("gives one clear line for unknown commands and flags", () => {
    const r = trygg("flyga");
    assert.notEqual(r.code, 0);
    assert.match(r.err, /^trygg: okänt kommando "flyga"/);
    const f = trygg("migrate", "--snabbt");
    assert.match(f.err, /^trygg: okänd flagga --snabbt/);
  });

  it("refuses a second process on a data directory in use, writing nothing", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent" };
    delete env.DATABASE_URL;
    const server = spawn(process.execPath, [BIN, "start", "--data-dir", dir, "--port", "0", "--no-demo"], { env });
    let out = "";
    server.stdout.on("data", (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`servern startade inte: ${out}`)), 60_000);
      server.stdout.on("data", () => {
        const m = /Trygg kör på (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
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
});
