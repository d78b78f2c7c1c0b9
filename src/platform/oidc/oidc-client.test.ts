import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allowInsecureIssuer } from "./oidc-client.ts";

describe("allowInsecureIssuer", () => {
  it("allows plain http only to this machine and never in production", () => {
    assert.equal(allowInsecureIssuer("http://127.0.0.1:4567", "test"), true);
    assert.equal(allowInsecureIssuer("http://localhost:4567/realms/x", "development"), true);
    assert.equal(allowInsecureIssuer("http://[::1]:4567", "test"), true);
    assert.equal(allowInsecureIssuer("http://127.0.0.1:4567", "production"), false);
    assert.equal(allowInsecureIssuer("http://idp.osby.se", "development"), false);
    assert.equal(allowInsecureIssuer("http://127.0.0.1.evil.example", "test"), false);
    assert.equal(allowInsecureIssuer("https://login.osby.se", "development"), false, "https needs no exception");
    assert.equal(allowInsecureIssuer("inte en url", "test"), false);
  });
});
