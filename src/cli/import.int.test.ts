// `trygg import polisen` end to end: a real process on a real PGlite data directory, the real
// snapshot, payloads built for the quirks, a loopback server for the URL form (no outbound
// network), and the one JSON line last on stdout.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/trygg.js", import.meta.url));
const SNAPSHOT = fileURLToPath(new URL("../../test/fixtures/shared/polisen-events-snapshot-2024-06-01.json", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "trygg-import-"));

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", NODE_ENV: "test" };
  delete env.DATABASE_URL;
  return env;
}

function trygg(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: cliEnv(), timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking the event loop (the loopback server must answer meanwhile). */
function tryggAsync(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv() });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

function lastJsonLine(out: string): Record<string, number> {
  const lines = out.trim().split("\n");
  return JSON.parse(lines.at(-1) as string);
}

function ev(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    datetime: "2024-05-31 9:19:43 +02:00",
    name: "31 maj 08.58, Skadegörelse, Osby",
    summary: "Skadegörelse.",
    url: "/aktuellt/handelser/x/",
    type: "Skadegörelse",
    location: { name: "Osby", gps: "56.38,13.99" },
    ...over,
  };
}

describe("trygg import polisen", () => {
  before(() => {
    assert.equal(trygg("migrate", "--data-dir", dir).code, 0);
    const r = trygg("tenant", "add", "--kommunkod", "1273", "--data-dir", dir);
    assert.equal(r.code, 0, r.err);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("imports the real snapshot: one JSON line last, nothing of Osby in it", () => {
    const r = trygg("import", "polisen", SNAPSHOT, "--tenant", "osby", "--data-dir", dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(lastJsonLine(r.out), { read: 500, new: 0, updated: 0, other: 500, unparseable: 0 });
    assert.equal(r.err, "");
  });

  it("names each unreadable event on stderr and imports the rest; the second run changes nothing", () => {
    const file = join(dir, "payload.json");
    writeFileSync(
      file,
      JSON.stringify([
        ev(1),
        ev(2, { name: "27 mars 7:18, Rån, försök, Osby", type: "Rån, försök", datetime: "2023-03-27 7:18:18 +02:00" }),
        ev(3, { location: { name: "Skåne län", gps: "x" }, name: "31 maj 08.58, Brand, Osby", type: "Brand" }),
        { id: 4, datetime: "2024-05-31 9:19:43 +02:00", name: "x", type: "Stöld" },
        "inte en händelse",
        ev(6, { name: "31 maj 08.58, Stöld, Hässleholm", location: { name: "Hässleholm", gps: "x" } }),
      ]),
    );
    const r = trygg("import", "polisen", file, "--tenant", "osby", "--data-dir", dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(lastJsonLine(r.out), { read: 6, new: 3, updated: 0, other: 1, unparseable: 2 });
    const errs = r.err.trim().split("\n");
    assert.equal(errs.length, 2);
    assert.match(errs[0]!, /^trygg: händelse 4 \(id 4\) kunde inte läsas: location\.name saknas$/);
    assert.match(errs[1]!, /^trygg: händelse 5 kunde inte läsas: händelsen är texten "inte en händelse", inte ett objekt$/);
    const again = trygg("import", "polisen", file, "--tenant", "osby", "--data-dir", dir);
    assert.deepEqual(lastJsonLine(again.out), { read: 6, new: 0, updated: 0, other: 1, unparseable: 2 });
  });

  it("warns about a payload of another county", () => {
    const file = join(dir, "stockholm.json");
    writeFileSync(file, JSON.stringify([ev(10, { name: "31 maj 08.58, Stöld, Solna", location: { name: "Solna", gps: "x" } })]));
    const r = trygg("import", "polisen", file, "--tenant", "osby", "--data-dir", dir);
    assert.equal(r.code, 0);
    assert.match(r.err, /^trygg: varning: ingen av filens 1 händelser gäller Skåne län, där Osby ligger – den har händelser från Stockholms län \(1\)/);
    assert.deepEqual(lastJsonLine(r.out), { read: 1, new: 0, updated: 0, other: 1, unparseable: 0 });
  });

  it("fetches from an address under the police's rules (a loopback server here) and says why when it may not", async () => {
    let agent = "";
    const server: Server = createServer((req, res) => {
      agent = String(req.headers["user-agent"]);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify([ev(20)]));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
    try {
      const r = await tryggAsync("import", "polisen", url, "--tenant", "osby", "--data-dir", dir);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(lastJsonLine(r.out), { read: 1, new: 1, updated: 0, other: 0, unparseable: 0 });
      assert.match(agent, /^Trygg\//);
      // Right away again: the police's 10 seconds between calls.
      const soon = await tryggAsync("import", "polisen", url, "--tenant", "osby", "--data-dir", dir);
      assert.equal(soon.code, 1);
      assert.match(soon.err, /^trygg: polisens regler kräver minst 10 s mellan anropen: vänta \d+ s och försök igen\n$/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("one clear line for an unknown tenant, a missing file, a file that is not JSON and a wrong source", () => {
    const unknown = trygg("import", "polisen", SNAPSHOT, "--tenant", "atlantis", "--data-dir", dir);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /^trygg: okänd kommun "atlantis"/);
    const missing = trygg("import", "polisen", join(dir, "finns-inte.json"), "--tenant", "osby", "--data-dir", dir);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^trygg: filen .*finns-inte\.json finns inte\n$/);
    const notJson = join(dir, "x.json");
    writeFileSync(notJson, "<html>");
    const bad = trygg("import", "polisen", notJson, "--tenant", "osby", "--data-dir", dir);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^trygg: innehållet är inte JSON/);
    const obj = join(dir, "obj.json");
    writeFileSync(obj, JSON.stringify({ error: "x" }));
    assert.match(trygg("import", "polisen", obj, "--tenant", "osby", "--data-dir", dir).err, /inte en lista med händelser/);
    const wrong = trygg("import", "skatteverket", SNAPSHOT, "--tenant", "osby", "--data-dir", dir);
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /användning: trygg import polisen/);
    const noTenant = trygg("import", "polisen", SNAPSHOT, "--data-dir", dir);
    assert.equal(noTenant.code, 2);
    assert.match(noTenant.err, /--tenant saknas/);
  });
});
