// The police's open events into a tenant: exactly the tenant's events, idempotent by id, a
// changed version updates its row, one bad event never stops the rest, clear warnings for a
// payload of another county; the HTTP fetcher under the police's rules against a loopback
// server (no outbound network in tests); the scheduled job.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { saveSettings } from "../../platform/tenancy/settings.ts";
import { addTenant } from "../tenants/index.ts";
import { fetchPayload } from "./polisen/feed.ts";
import { importPoliceEvents } from "./polisen/import.ts";
import { policeFetchEnabled, runPoliceFetch } from "./polisen/job.ts";
import { EstSettings } from "./settings.ts";

const SNAPSHOT = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/shared/polisen-events-snapshot-2024-06-01.json", import.meta.url), "utf8"),
) as unknown[];

/** An event in the feed's format (id and fields as given). */
function ev(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    datetime: "2024-05-31 9:19:43 +02:00",
    name: "31 maj 08.58, Skadegörelse, Osby",
    summary: "Skadegörelse på en busskur i centrum.",
    url: `/aktuellt/handelser/2024/maj/31/${id}/`,
    type: "Skadegörelse",
    location: { name: "Osby", gps: "56.380054,13.994608" },
    ...over,
  };
}

describe("the police's open events", () => {
  let t: TestApp;
  let osby: { id: string; kommunkod: string; slug: string };
  let hassleholm: { id: string; kommunkod: string; slug: string };

  before(async () => {
    t = await createTestApp();
    const a = await addTenant(t.db, { kommunkod: "1273" });
    const b = await addTenant(t.db, { kommunkod: "1293" });
    if (a.kind !== "ok" || b.kind !== "ok") throw new Error("tenants");
    osby = a.tenant;
    hassleholm = b.tenant;
  });
  after(async () => t?.close());

  const rows = (tenantId: string) => t.db.selectFrom("est_police_events").selectAll().where("tenant_id", "=", tenantId).orderBy("police_id").execute();

  it("imports the real snapshot: nothing of Osby, every event counted as read and as another municipality's", async () => {
    const r = await importPoliceEvents(t.db, osby, SNAPSHOT);
    assert.equal(r.kind, "ok");
    if (r.kind !== "ok") return;
    assert.deepEqual(r.report.counts, { read: 500, new: 0, updated: 0, other: 500, unparseable: 0 });
    assert.deepEqual(r.report.warnings, [], "the snapshot has Skåne events: it is not a payload of another county");
    assert.equal((await rows(osby.id)).length, 0);
  });

  it("imports exactly the tenant's events — every quirk — and a second run changes nothing", async () => {
    const payload = [
      ev(1),
      ev(2, { datetime: "2023-03-27 7:18:18 +02:00", name: "27 mars 07:18, Rån, försök, Osby", type: "Rån, försök" }),
      ev(3, { location: { name: "Skåne län", gps: "55.99,13.59" }, name: "31 maj 08.58, Brand, Osby", type: "Brand" }),
      ev(4, { datetime: "2024-01-01 0:20:05 +01:00", name: "31 december 23.50, Brand, Osby", type: "Brand" }),
      ev(5, { location: { name: "OSBY", gps: "x" } }),
      ev(6, { location: { name: "Hässleholm", gps: "x" }, name: "31 maj 08.58, Stöld, Hässleholm" }),
      ev(7, { location: { name: "Skåne län", gps: "x" }, name: "31 maj 07.00, Sammanfattning natt, Skåne län" }),
      { id: 8, datetime: "trasig", name: "x", type: "y", location: { name: "Osby" } },
      ev(9, { datetime: "2024-05-28 6:16:12 +02:00", name: "28 maj 23.57, Skadegörelse, Osby" }),
    ];
    const r = await importPoliceEvents(t.db, osby, payload);
    if (r.kind !== "ok") return assert.fail(r.kind);
    assert.deepEqual(r.report.counts, { read: 9, new: 6, updated: 0, other: 2, unparseable: 1 });
    assert.match(r.report.unparseable[0]!.reason, /datetime går inte att läsa: "trasig"/);
    const stored = await rows(osby.id);
    assert.deepEqual(
      stored.map((x) => Number(x.police_id)),
      [1, 2, 3, 4, 5, 9],
    );
    const byId = new Map(stored.map((x) => [Number(x.police_id), x]));
    assert.equal(byId.get(2)!.type, "Rån, försök");
    assert.equal(new Date(byId.get(2)!.occurred_at).toISOString(), "2023-03-27T05:18:00.000Z");
    assert.equal(new Date(byId.get(4)!.occurred_at).toISOString(), "2023-12-31T22:50:00.000Z", "the event before New Year keeps its year");
    assert.equal(byId.get(9)!.time_source, "publicering");
    // Area-level: no position is stored anywhere (the table has none).
    assert.ok(!("lat" in byId.get(1)!) && !("n" in byId.get(1)!));
    // The same payload again: nothing new, nothing updated.
    const again = await importPoliceEvents(t.db, osby, payload);
    if (again.kind !== "ok") return assert.fail();
    assert.deepEqual(again.report.counts, { read: 9, new: 0, updated: 0, other: 2, unparseable: 1 });
    // Hässleholm gets its own event from the same payload, and only that one.
    const h = await importPoliceEvents(t.db, hassleholm, payload);
    if (h.kind !== "ok") return assert.fail();
    assert.equal(h.report.counts.new, 1);
    assert.deepEqual(
      (await rows(hassleholm.id)).map((x) => Number(x.police_id)),
      [6],
    );
  });

  it("a changed version of an event updates its row", async () => {
    const before = (await rows(osby.id)).find((x) => Number(x.police_id) === 1)!;
    const r = await importPoliceEvents(t.db, osby, [ev(1, { summary: "Uppdatering: två busskurar skadade." })]);
    if (r.kind !== "ok") return assert.fail();
    assert.deepEqual(r.report.counts, { read: 1, new: 0, updated: 1, other: 0, unparseable: 0 });
    const after = (await rows(osby.id)).find((x) => Number(x.police_id) === 1)!;
    assert.equal(after.summary, "Uppdatering: två busskurar skadade.");
    assert.equal(after.id, before.id);
    assert.notEqual(after.content_hash, before.content_hash);
  });

  it("warns clearly about a payload of another county; refuses what is not a list", async () => {
    const stockholm = [
      ev(100, { name: "31 maj 08.58, Stöld, Solna", location: { name: "Solna", gps: "x" } }),
      ev(101, { name: "31 maj, Trafikolycka, Stockholms län", location: { name: "Stockholms län", gps: "x" } }),
    ];
    const r = await importPoliceEvents(t.db, osby, stockholm);
    if (r.kind !== "ok") return assert.fail();
    assert.equal(r.report.counts.other, 2);
    assert.match(r.report.warnings[0]!, /ingen av filens 2 händelser gäller Skåne län, där Osby ligger – den har händelser från Stockholms län \(2\)/);
    assert.deepEqual(await importPoliceEvents(t.db, osby, { error: "x" }), { kind: "notAList", found: "ett objekt" });
  });

  describe("the HTTP fetcher (a loopback server stands in for polisen.se)", () => {
    let server: Server;
    let url: string;
    let requests: IncomingMessage[];
    let status = 200;
    let body = "[]";
    let clock = new Date("2024-06-01T10:00:00Z");
    const now = () => clock;

    before(async () => {
      requests = [];
      server = createServer((req, res) => {
        requests.push(req);
        res.writeHead(status, { "content-type": "application/json" });
        res.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(async () => {
      requests.length = 0;
      status = 200;
      body = JSON.stringify([ev(200)]);
      clock = new Date(clock.getTime() + 2 * 3_600_000);
      await t.db.deleteFrom("est_police_calls").execute();
      await t.db.deleteFrom("est_police_feed").execute();
    });

    it("sends a User-Agent, reads the payload and logs the call", async () => {
      const r = await fetchPayload(t.db, { url, userAgent: "Trygg-test/1 (test@example.org)", production: false, now });
      assert.equal(r.kind, "ok");
      assert.equal(requests.length, 1);
      assert.equal(requests[0]!.headers["user-agent"], "Trygg-test/1 (test@example.org)");
      const calls = await t.db.selectFrom("est_police_calls").selectAll().execute();
      assert.equal(calls.length, 1);
      assert.equal(calls[0]!.status, 200);
      assert.equal(calls[0]!.events, 1);
    });

    it("keeps at least 10 s between calls and at most 60 calls an hour — without calling", async () => {
      assert.equal((await fetchPayload(t.db, { url, userAgent: "t", production: false, now })).kind, "ok");
      clock = new Date(clock.getTime() + 4000);
      const soon = await fetchPayload(t.db, { url, userAgent: "t", production: false, now });
      assert.deepEqual(soon, { kind: "tooSoon", waitSeconds: 6 });
      assert.equal(requests.length, 1, "the refused call never reached the server");
      for (let i = 0; i < 59; i++) {
        clock = new Date(clock.getTime() + 10_000);
        assert.equal((await fetchPayload(t.db, { url, userAgent: "t", production: false, now })).kind, "ok");
      }
      clock = new Date(clock.getTime() + 10_000);
      const limit = await fetchPayload(t.db, { url, userAgent: "t", production: false, now });
      assert.equal(limit.kind, "hourlyLimit");
      assert.equal(requests.length, 60);
    });

    it("a 404 is permanent: the address is not called again until the mark is cleared", async () => {
      status = 404;
      const first = await fetchPayload(t.db, { url, userAgent: "t", production: false, now });
      assert.equal(first.kind, "gone");
      status = 200;
      clock = new Date(clock.getTime() + 3_600_000);
      const second = await fetchPayload(t.db, { url, userAgent: "t", production: false, now });
      assert.equal(second.kind, "gone");
      assert.equal(requests.length, 1);
      const { clearGone } = await import("./polisen/feed.ts");
      assert.equal(await clearGone(t.db, url), true);
      assert.equal((await fetchPayload(t.db, { url, userAgent: "t", production: false, now })).kind, "ok");
    });

    it("refuses plain http to another host, and http at all in production", async () => {
      assert.equal((await fetchPayload(t.db, { url: "http://polisen.se/api/events", userAgent: "t", production: false, now })).kind, "insecure");
      assert.equal((await fetchPayload(t.db, { url, userAgent: "t", production: true, now })).kind, "insecure");
      assert.equal(requests.length, 0);
    });

    it("names a server error and a body that is not JSON", async () => {
      status = 503;
      assert.deepEqual(await fetchPayload(t.db, { url, userAgent: "t", production: false, now }), { kind: "httpError", status: 503 });
      status = 200;
      body = "<html>underhåll</html>";
      clock = new Date(clock.getTime() + 20_000);
      assert.equal((await fetchPayload(t.db, { url, userAgent: "t", production: false, now })).kind, "notJson");
    });

    it("the scheduled job fetches once and imports for each tenant that wants it", async () => {
      body = JSON.stringify([ev(300), ev(301, { name: "31 maj 08.58, Stöld, Hässleholm", location: { name: "Hässleholm", gps: "x" } })]);
      await saveSettings(t.db, hassleholm.id, "est", EstSettings, { policeFetch: false });
      const config = { ...t.config, POLISEN_EVENTS_URL: url, NODE_ENV: "test" as const };
      const r = await runPoliceFetch(t.db, config, { now });
      assert.equal(r.kind, "imported");
      if (r.kind !== "imported") return;
      assert.equal(requests.length, 1);
      assert.deepEqual(
        r.tenants.map((x) => [x.slug, x.new]),
        [["osby", 1]],
      );
      assert.ok(!(await rows(hassleholm.id)).some((x) => Number(x.police_id) === 301), "a tenant that switched it off gets nothing");
      // Off outside production unless asked for; on in production.
      assert.equal(policeFetchEnabled({ ...config, POLISEN_FETCH: "auto" }), false);
      assert.equal(policeFetchEnabled({ ...config, POLISEN_FETCH: "auto", NODE_ENV: "production" }), true);
      assert.equal(policeFetchEnabled({ ...config, POLISEN_FETCH: "on" }), true);
      assert.equal(policeFetchEnabled({ ...config, POLISEN_FETCH: "off", NODE_ENV: "production" }), false);
    });
  });
});
