// The security headers are computed once (security-headers.ts) and must still be on every answer:
// pages, JSON, static files, error pages and answers from the public-answer cache.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../testing/harness.ts";
import { securityHeaders } from "./security-headers.ts";

describe("security headers on every answer", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t?.close());

  it("sets the Content-Security-Policy and the other helmet headers everywhere", async () => {
    for (const url of ["/", "/healthz", "/static/styles.css", "/finns-inte", "/t/finns-inte/medborgarlofte"]) {
      const res = await t.app.inject({ method: "GET", url });
      const csp = String(res.headers["content-security-policy"]);
      assert.match(csp, /default-src 'self'/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, url);
      assert.equal(res.headers["x-content-type-options"], "nosniff", url);
      assert.equal(res.headers["referrer-policy"], "no-referrer", url);
      assert.ok(res.headers["strict-transport-security"], url);
    }
  });

  it("refuses options helmet cannot compute ahead of time", () => {
    assert.throws(() => securityHeaders({ contentSecurityPolicy: { directives: { "default-src": ["'self'", () => "'nonce-x'"] } } }));
  });
});
