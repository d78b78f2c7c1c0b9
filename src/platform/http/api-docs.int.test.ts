import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createTestApp, type TestApp } from "../testing/harness.ts";

/** Every `$ref` in a document, with where it occurs. */
function refs(v: unknown, at = "#", out: Array<{ ref: string; at: string }> = []): Array<{ ref: string; at: string }> {
  if (Array.isArray(v)) for (const [i, x] of v.entries()) refs(x, `${at}/${i}`, out);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string") out.push({ ref: x, at });
      else refs(x, `${at}/${k}`, out);
    }
  return out;
}

/** Follow a local JSON pointer (#/a/b) in a document; undefined when it leads nowhere. */
function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!cur || typeof cur !== "object" || !(key in cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

describe("OpenAPI", () => {
  let t: TestApp;
  let spec: Record<string, unknown>;
  before(async () => {
    t = await createTestApp();
    spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
  });
  after(async () => t.close());

  it("serves OpenAPI 3.1 listing every documented route, and an accessible reference page", async () => {
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
    const schemas = (spec.components as { schemas?: Record<string, unknown> } | undefined)?.schemas;
    for (const r of new Set(refs)) assert.ok(schemas?.[r], `${r} saknas under components.schemas`);
    const page = await t.app.inject({ method: "GET", url: "/api/docs" });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>API-dokumentation<\/h1>/);
    assert.match(page.body, /GET \/api\/tenants/);
  });

  it("resolves every $ref (a generator needs the schemas in components.schemas)", () => {
    const all = refs(spec);
    assert.ok(all.length > 0);
    const broken = all.filter((r) => resolvePointer(spec, r.ref) === undefined).map((r) => `${r.ref} (i ${r.at})`);
    assert.deepEqual([...new Set(broken)], []);
  });

  it("is a valid OpenAPI 3.1 document by an independent validator, references included", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(spec));
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(validator.version, "3.1");
    assert.doesNotThrow(() => validator.resolveRefs());
  });

  it("shows request and response schemas with fields, types, required, limits, descriptions and an example", async () => {
    const body = (await t.app.inject({ method: "GET", url: "/api/docs" })).body;
    // A request body (logging an activity): its fields, whether required, limits.
    const op = body.slice(body.indexOf("<code>POST /api/t/{tenant}/promise-activities</code>"));
    const article = op.slice(0, op.indexOf("</article>"));
    assert.match(article, /Begärans innehåll/);
    assert.match(
      article,
      /<code class="schema-name">title<\/code>: <code>string<\/code> <span class="schema-req">\(obligatoriskt\)<\/span><span class="muted">; 2–200 tecken<\/span>/,
    );
    assert.match(article, /<code class="schema-name">place_name<\/code>: <code>string<\/code> eller null <span class="schema-req">\(valfritt\)/);
    // Nested objects are listed under their field.
    assert.match(
      article,
      /<code class="schema-name">outcomes<\/code>: lista av <code>object<\/code>[\s\S]*?<ul class="schema-fields"><li><code class="schema-name">label<\/code>/,
    );
    // Responses link to the named schema, which has its own section.
    assert.match(article, /<dt><code>201<\/code><\/dt><dd>[\s\S]*?<a href="#schema-PromiseActivity"><code>PromiseActivity<\/code><\/a>/);
    assert.match(body, /<section class="api-schema" id="schema-PromiseActivity"/);
    assert.match(body, /<section class="api-schema" id="schema-ApiError"[\s\S]*?Stabil felkod för program/);
    // The example the ApiError schema gives.
    assert.match(body, /<pre class="schema-example"><code>\{\n {2}&quot;error&quot;: \{\n {4}&quot;code&quot;: &quot;validation&quot;/);
    // Only schemas the operations use are listed (not the unused input twins).
    assert.doesNotMatch(body, /id="schema-MeInput"/);
  });
});
