import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "./index.ts";

describe("config", () => {
  it("defaults to embedded PGlite in ./data on port 3000", () => {
    const c = loadConfig({});
    assert.equal(c.databaseKind, "pglite");
    assert.equal(c.PORT, 3000);
    assert.equal(c.TRYGG_DATA_DIR, "data");
    assert.equal(c.baseUrl, "http://127.0.0.1:3000");
  });
  it("uses PostgreSQL when DATABASE_URL is set", () => {
    assert.equal(loadConfig({ DATABASE_URL: "postgres://u@h/db" }).databaseKind, "postgres");
  });
  it("names the variable in the error", () => {
    assert.throws(
      () => loadConfig({ PORT: "hundra" }),
      (e: Error) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: "mysql://x" }), /DATABASE_URL måste börja med postgres/);
    assert.throws(() => loadConfig({ NODE_ENV: "production" }), /SESSION_SECRET krävs/);
    assert.throws(() => loadConfig({ MAIL_TRANSPORT: "smtp" }), /SMTP_URL krävs/);
    assert.throws(() => loadConfig({ LOG_LEVEL: "loud" }), /LOG_LEVEL/);
  });
  it("trusts no proxy unless TRUST_PROXY names one (a client must not choose its own address)", () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: "1" }).trustProxy, 1);
    assert.deepEqual(loadConfig({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" }).trustProxy, ["127.0.0.1", "10.0.0.0/8"]);
    assert.throws(() => loadConfig({ TRUST_PROXY: "true" }), /TRUST_PROXY/);
  });
  it("lets CLI flags override the environment", () => {
    assert.equal(loadConfig({ TRYGG_DATA_DIR: "a" }, { TRYGG_DATA_DIR: "b" }).TRYGG_DATA_DIR, "b");
  });
});
