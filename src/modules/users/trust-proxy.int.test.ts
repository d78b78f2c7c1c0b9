// The sign-in rate limit counts per client address. Only proxies named in TRUST_PROXY may say
// who the client is (X-Forwarded-For); otherwise anyone could rotate that header past the limit.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { csrfFor } from "../../platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";

/** 30 failed sign-ins, each claiming another X-Forwarded-For, all sent from `remoteAddress`. */
async function rotatingSignIns(t: TestApp, remoteAddress: string): Promise<number[]> {
  const { token, cookies } = await csrfFor(t.app, "/logga-in");
  const statuses: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const res = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      cookies,
      remoteAddress,
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `203.0.113.${i}` },
      payload: new URLSearchParams({ email: `ingen-${i}@test.example`, password: "fel-lösenord-här", _csrf: token }).toString(),
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe("sign-in rate limit with the default TRUST_PROXY (none)", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it("limits one address however it rotates X-Forwarded-For", async () => {
    const limit = t.config.PUBLIC_WRITE_RATE_LIMIT;
    assert.equal(t.config.trustProxy, false);
    const statuses = await rotatingSignIns(t, "198.51.100.7");
    assert.deepEqual(statuses.slice(0, limit), Array(limit).fill(401), "the first PUBLIC_WRITE_RATE_LIMIT attempts are answered");
    assert.deepEqual(statuses.slice(limit), Array(30 - limit).fill(429), "then 429, whatever the header says");
  });
});

describe("sign-in rate limit with TRUST_PROXY=127.0.0.1", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: { TRUST_PROXY: "127.0.0.1" } });
  });
  after(async () => t.close());

  it("uses the forwarded address from the trusted proxy", async () => {
    assert.deepEqual(t.config.trustProxy, ["127.0.0.1"]);
    const statuses = await rotatingSignIns(t, "127.0.0.1");
    assert.deepEqual(statuses, Array(30).fill(401), "each forwarded client has its own limit");
  });

  it("ignores X-Forwarded-For from anyone else", async () => {
    const statuses = await rotatingSignIns(t, "198.51.100.8");
    const limit = t.config.PUBLIC_WRITE_RATE_LIMIT;
    assert.deepEqual(statuses.slice(limit), Array(30 - limit).fill(429));
  });
});
