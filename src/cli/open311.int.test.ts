// `trygg open311 key …` end to end: real processes on a real PGlite data directory, and the key
// it prints used against a running server's Open311 endpoint (then revoked).
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/trygg.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "trygg-open311-cli-"));

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  return env;
}

function trygg(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: cliEnv(), timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function startServer(): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [BIN, "start", "--data-dir", dir, "--port", "0", "--no-demo"], { env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
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
      reject(new Error(`trygg start avslutades (kod ${code}): ${out}`));
    });
  });
  return { server, url };
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
}

async function postRequest(url: string, apiKey: string) {
  const body = new URLSearchParams({
    api_key: apiKey,
    service_code: "belysning",
    lat: "56.3813",
    long: "13.9941",
    description: "Trasig lampa vid torget (från CLI-testet)",
    "attribute[tider][]": "natt",
  });
  return fetch(`${url}/t/osby/open311/v2/requests.json`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
  });
}

describe("trygg open311 key", () => {
  before(() => {
    assert.equal(trygg("migrate", "--data-dir", dir).code, 0);
    const added = trygg("tenant", "add", "--kommunkod", "1273", "--data-dir", dir);
    assert.equal(added.code, 0, added.err);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses missing flags and unknown tenants or organisations in one line", () => {
    const noName = trygg("open311", "key", "add", "--tenant", "osby", "--data-dir", dir);
    assert.equal(noName.code, 2);
    assert.match(noName.err, /^trygg: ange --name/);
    const noTenant = trygg("open311", "key", "add", "--tenant", "atlantis", "--name", "X", "--data-dir", dir);
    assert.equal(noTenant.code, 1);
    assert.match(noTenant.err, /^trygg: okänd kommun "atlantis"/);
    const noOrg = trygg("open311", "key", "add", "--tenant", "osby", "--name", "X", "--organisation", "Finns Inte AB", "--data-dir", dir);
    assert.equal(noOrg.code, 1);
    assert.match(noOrg.err, /okänd organisation "Finns Inte AB"/);
    const verb = trygg("open311", "nyckel");
    assert.equal(verb.code, 2);
    assert.match(verb.err, /användning:/);
  });

  it("prints a new key alone on its last line, which works against Open311 until it is revoked", async () => {
    const added = trygg("open311", "key", "add", "--tenant", "osby", "--name", "Polisens ärendesystem", "--data-dir", dir);
    assert.equal(added.code, 0, added.err);
    const lines = added.out.trimEnd().split("\n");
    const key = lines[lines.length - 1]!;
    assert.match(key, /^trygg_[0-9a-hjkmnp-tv-z]{32}$/);
    const list = trygg("open311", "key", "list", "--tenant", "osby", "--data-dir", dir);
    assert.equal(list.code, 0);
    assert.match(list.out, new RegExp(`${key.slice(0, 12)}…\\s+Polisens ärendesystem\\s+–\\s+aktiv`));
    assert.ok(!list.out.includes(key), "the key itself is never shown again");
    const id = /^([0-9a-f-]{36})/m.exec(list.out)![1]!;

    let { server, url } = await startServer();
    try {
      const ok = await postRequest(url, key);
      assert.equal(ok.status, 200, await ok.clone().text());
      const [created] = (await ok.json()) as Array<{ service_request_id: string }>;
      assert.match(created!.service_request_id, /^[0-9A-Z]{8}$/);
      const wrong = await postRequest(url, `${key}x`);
      assert.equal(wrong.status, 403);
      assert.deepEqual(await wrong.json(), [{ code: 403, description: "Ogiltig api_key." }]);
    } finally {
      await stop(server);
    }

    const revoked = trygg("open311", "key", "revoke", "--tenant", "osby", "--id", id, "--data-dir", dir);
    assert.equal(revoked.code, 0, revoked.err);
    assert.match(revoked.out, /Återkallade nyckeln "Polisens ärendesystem"/);
    ({ server, url } = await startServer());
    try {
      const refused = await postRequest(url, key);
      assert.equal(refused.status, 403);
      assert.deepEqual(await refused.json(), [{ code: 403, description: "api_key är återkallad." }]);
    } finally {
      await stop(server);
    }
  });
});
