// When the database cannot be reached (PostgreSQL restarting, failing over, crashed, or out of
// connections) every request that needs it is answered 503 with Retry-After and a plain Swedish
// (or English) sentence — not 500 "something went wrong on our side" — so the proxy, API clients
// and people know to try again in a moment. The app here is built on a PostgreSQL address where
// nothing listens (the same on both engines' test runs: no test database is used).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildApp } from "../../app.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { createMailer } from "../mail/mailer.ts";
import { createDiskStorage } from "../storage/storage.ts";
import { testConfig } from "../testing/harness.ts";
import type { App } from "./types.ts";

describe("the database cannot be reached", () => {
  let database: Database;
  let app: App;
  before(async () => {
    // Port 1 on this machine: nothing listens, every connection is refused at once.
    database = await openDatabase({ kind: "postgres", url: "postgres://trygg@127.0.0.1:1/trygg" });
    const config = testConfig();
    app = await buildApp({ config, database, mailer: createMailer(config), storage: createDiskStorage(config.TRYGG_DATA_DIR) });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  it("a page answers 503 with Retry-After and says so in Swedish, and in English", async () => {
    const sv = await app.inject({ method: "GET", url: "/t/osby/medborgarlofte" });
    assert.equal(sv.statusCode, 503);
    assert.equal(sv.headers["retry-after"], "10");
    assert.equal(sv.headers["cache-control"], "no-store");
    assert.match(sv.body, /Trygg når inte sin databas just nu/);
    const en = await app.inject({ method: "GET", url: "/t/osby/medborgarlofte?lang=en" });
    assert.equal(en.statusCode, 503);
    assert.match(en.body, /Trygg cannot reach its database right now/);
  });

  it("the API answers 503 with the code database_unavailable", async () => {
    const r = await app.inject({ method: "GET", url: "/api/t/osby/places" });
    assert.equal(r.statusCode, 503);
    assert.equal(r.headers["retry-after"], "10");
    const body = r.json() as { error: { code: string; message: string; message_en: string } };
    assert.equal(body.error.code, "database_unavailable");
    assert.match(body.error.message, /databas/);
    assert.match(body.error.message_en, /database/);
  });

  it("readiness says unavailable; liveness stays ok (the process itself is fine)", async () => {
    assert.equal((await app.inject({ method: "GET", url: "/readyz" })).statusCode, 503);
    assert.equal((await app.inject({ method: "GET", url: "/healthz" })).statusCode, 200);
  });
});
