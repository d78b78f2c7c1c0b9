import assert from "node:assert/strict";
import dgram from "node:dgram";
import dns from "node:dns";
import { lookup as lookupPromise } from "node:dns/promises";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
// The runner preloads this module (--import); importing it here as well makes the file work when
// run on its own. It is one module either way, so nothing is patched twice.
import { connectTarget, isLocalHost, NetworkBlockedError } from "./no-network.ts";

/** A loopback HTTP server answering "hej"; returns its port and a close function. */
async function localServer(host: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.end("hej"));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("no network in tests (scripts/no-network.ts)", () => {
  it("fetch to the internet fails at once with a message naming the host", async () => {
    const err = await fetch("http://example.com/").then(
      () => assert.fail("fetch reached example.com"),
      (e: Error) => e,
    );
    const cause = (err as Error & { cause?: unknown }).cause;
    assert.ok(cause instanceof NetworkBlockedError, `cause: ${String(cause)}`);
    assert.match(cause.message, /^nätverk är avstängt i testerna: anslutning \(TCP\) till example\.com:80 stoppades/);
    assert.equal(cause.host, "example.com");
    const https = await fetch("https://registry.npmjs.org/").catch((e: Error & { cause?: Error }) => e.cause);
    assert.match(String(https), /registry\.npmjs\.org:443 stoppades/);
  });

  it("a loopback HTTP server still answers fetch, by address and as localhost", async () => {
    // (Not on ::1: CI containers may have no IPv6; isLocalHost covers it below.)
    for (const [listen, host] of [
      ["127.0.0.1", "127.0.0.1"],
      ["127.0.0.1", "localhost"],
    ] as const) {
      const s = await localServer(listen);
      try {
        const res = await fetch(`http://${host}:${s.port}/`);
        assert.equal(await res.text(), "hej", host);
      } finally {
        await s.close();
      }
    }
  });

  it("raw TCP to a public address throws; a Unix socket connects", async () => {
    assert.throws(() => net.connect(443, "192.0.2.10"), /anslutning \(TCP\) till 192\.0\.2\.10:443 stoppades/);
    assert.throws(() => net.createConnection({ host: "db.example", port: 5432 }), /db\.example:5432/);
    const dir = mkdtempSync(join(tmpdir(), "trygg-nonet-"));
    const path = join(dir, "s.sock");
    const server = net.createServer((c) => c.end("ok"));
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const text = await new Promise<string>((resolve, reject) => {
        let got = "";
        net
          .connect(path)
          .on("data", (d) => (got += d))
          .on("end", () => resolve(got))
          .on("error", reject);
      });
      assert.equal(text, "ok");
    } finally {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("DNS lookups and queries of public names fail; localhost resolves", async () => {
    assert.throws(() => dns.lookup("example.org", () => {}), /DNS-uppslagning till example\.org stoppades/);
    await assert.rejects(dns.promises.lookup("example.org"), NetworkBlockedError);
    await assert.rejects(lookupPromise("example.net"), /example\.net/, "the ES module export is guarded too");
    await assert.rejects(dns.promises.resolve4("example.com"), /DNS-fråga till example\.com/);
    assert.throws(() => dns.resolveTxt("example.com", () => {}), NetworkBlockedError);
    const local = await dns.promises.lookup("localhost");
    assert.ok(isLocalHost(local.address), local.address);
  });

  it("UDP to a public address throws", () => {
    const socket = dgram.createSocket("udp4");
    try {
      assert.throws(() => socket.send("x", 53, "192.0.2.53"), /UDP-paket till 192\.0\.2\.53 stoppades/);
    } finally {
      socket.close();
    }
  });

  it("knows which hosts are this machine", () => {
    for (const h of ["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.8.9.1", "::1", "[::1]", "::ffff:127.0.0.1", "0.0.0.0", ""]) {
      assert.equal(isLocalHost(h), true, h);
    }
    for (const h of ["example.com", "10.0.0.1", "192.168.1.1", "::ffff:10.0.0.1", "2001:db8::1", "localhost.example.com", "128.0.0.1"]) {
      assert.equal(isLocalHost(h), false, h);
    }
  });

  it("reads the target of every form of Socket#connect", () => {
    assert.deepEqual(connectTarget([{ host: "a.se", port: 80 }]), { host: "a.se", port: 80 });
    assert.deepEqual(connectTarget([[{ host: "b.se", port: 443 }, () => {}]]), { host: "b.se", port: 443 });
    assert.deepEqual(connectTarget([{ path: "/tmp/s.sock" }]), { path: "/tmp/s.sock" });
    assert.deepEqual(connectTarget([5432, "db.se"]), { port: 5432, host: "db.se" });
    assert.deepEqual(connectTarget(["5432", "db.se"]), { port: "5432", host: "db.se" });
    assert.deepEqual(connectTarget(["/run/postgresql/.s.PGSQL.5432"]), { path: "/run/postgresql/.s.PGSQL.5432" });
    assert.deepEqual(connectTarget([3000]), { port: 3000, host: undefined });
  });
});
