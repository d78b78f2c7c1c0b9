import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../testing/harness.ts";

describe("OpenAPI", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it("serves OpenAPI 3.1 listing every documented route, and an accessible reference page", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    assert.equal(spec.openapi, "3.1.0");
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, unknown>>))
      for (const m of Object.keys(item)) documented.add(`${m.toUpperCase()} ${path}`);
    for (const key of ["GET /t/{tenant}", "GET /api/tenants", "GET /healthz", "GET /readyz", "POST /logga-in", "GET /t/{tenant}/medborgarlofte"]) {
      assert.ok(documented.has(key), `${key} saknas i OpenAPI`);
    }
    // Every $ref (zod schemas with an id) points at a schema the document defines.
    const refs = [...JSON.stringify(spec).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
    assert.ok(refs.length > 0);
    for (const r of new Set(refs)) assert.ok(spec.components?.schemas?.[r], `${r} saknas under components.schemas`);
    const page = await t.app.inject({ method: "GET", url: "/api/docs" });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>API-dokumentation<\/h1>/);
    assert.match(page.body, /GET \/api\/tenants/);
  });
});
