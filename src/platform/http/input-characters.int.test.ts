// A NUL character (U+0000) cannot be stored in PostgreSQL text: any field carrying one used to
// reach the database and fail there (500). The pipeline refuses it for every route, in JSON,
// form, multipart and query input, with a 400 that names the field. Found by the hostile-input
// sweep (test/sweeps/hostile-input.int.test.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { csrfFor, sessionCookie } from "../testing/auth.ts";
import { makeTenant, makeUser } from "../testing/factories.ts";
import { createTestApp, type TestApp } from "../testing/harness.ts";

describe("control characters in input", () => {
  let t: TestApp;
  let slug: string;
  let cookies: Record<string, string>;
  before(async () => {
    t = await createTestApp();
    const tenant = await makeTenant(t.db, { kommunkod: "1273" });
    slug = tenant.slug;
    cookies = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
  });
  after(async () => t.close());

  it("answers a JSON body with a NUL character 400 naming the field, not 500", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/t/${slug}/places`,
      cookies,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ name: "Parken\u0000", kind: "park", lat: 56.38, lon: 13.99 }),
    });
    assert.equal(res.statusCode, 400);
    const body = res.json() as { error: { code: string; fields?: Array<{ field: string }> } };
    assert.equal(body.error.code, "invalid_characters");
    assert.deepEqual(
      body.error.fields?.map((f) => f.field),
      ["name"],
    );
    assert.equal((await t.db.selectFrom("places").select("id").where("name", "like", "Parken%").execute()).length, 0);
  });

  it("answers a form post and a query with a NUL character 400", async () => {
    const { token, cookies: jar } = await csrfFor(t.app, `/t/${slug}/arbete/platser`, cookies);
    const form = await t.app.inject({
      method: "POST",
      url: `/t/${slug}/arbete/platser`,
      cookies: jar,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: token, name: "a\u0000b", kind: "park", lat: "56.38", lon: "13.99" }).toString(),
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /tecken som inte kan sparas/);
    const query = await t.app.inject({ method: "GET", url: `/t/${slug}/arbete/platser?x=%00`, cookies });
    assert.equal(query.statusCode, 400);
  });
});
