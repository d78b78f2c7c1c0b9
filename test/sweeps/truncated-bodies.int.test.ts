// A form that does not arrive whole is the client's problem, never a 500. Every POST/PUT/PATCH/
// DELETE route of the route registry (src/platform/testing/routes.ts) gets three broken
// multipart bodies — the closing boundary never comes; a part header cut in the middle; a body
// shorter than its Content-Length — from every role of the tenant, a system administrator and an
// anonymous visitor. Routes whose pipeline declares `multipart` read the body, so for them at
// least one of those people must reach the reading and get the "did not arrive complete" answer
// (else the sweep would be vacuous); the other routes are the control. No answer is 5xx, and
// nothing is logged as an error. The short body is also sent over a real socket, where the
// client gives up half-way.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import type { AddressInfo } from "node:net";
import { ROLES } from "../../src/platform/db/schema.ts";
import { csrfFor, sessionCookie } from "../../src/platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../src/platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { collectFixtures, fillRoute, fixtureFor } from "../../src/platform/testing/isolation.ts";
import { type RegisteredRoute, registeredRoutes, routeParams } from "../../src/platform/testing/routes.ts";
import { sweepInputs } from "../isolation/fixtures.ts";

type Who = { name: string; cookies: Record<string, string>; csrf: string };
type Declared = { tenant: "none" | "path" | { query: string }; multipart: boolean };

const BOUNDARY = "----tryggTrasig7MA4YWxkTrZu0gW";
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function declared(r: RegisteredRoute): Declared | undefined {
  return (r.config as { pipeline?: Declared }).pipeline;
}

/** The three broken bodies; `csrf` goes first so a route that checks it would pass. */
function brokenBodies(csrf: string): Array<{ name: string; payload: Buffer; contentLength?: number }> {
  const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = field("_csrf", csrf) + field("title", "Trasig");
  const filePart = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nx,y\r\n1,2\r\n`;
  const whole = Buffer.from(`${head}${filePart}--${BOUNDARY}--\r\n`);
  return [
    { name: "closing boundary never comes", payload: Buffer.from(head + filePart) },
    { name: "part header cut in the middle", payload: Buffer.from(`${head}--${BOUNDARY}\r\nContent-Disposition: form-da`) },
    { name: "shorter than Content-Length", payload: whole.subarray(0, Math.floor(whole.length / 2)), contentLength: whole.length },
  ];
}

describe("truncated multipart bodies on every write route", () => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  let people: Who[];
  let values: (r: RegisteredRoute) => Record<string, string>;

  before(async () => {
    const inputs = await sweepInputs();
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1000000" }, captureLogs: "warn" });
    const tenant = await makeTenant(t.db);
    const ids = await collectFixtures(t.db, tenant.id, inputs.fixtureSources, { storage: t.app.deps.storage });
    values = (r) => {
      const v: Record<string, string> = { tenant: tenant.slug };
      for (const p of routeParams(r.url)) if (p !== "tenant") v[p] = fixtureFor(ids, r.url, p) ?? "00000000-0000-4000-8000-000000000000";
      return v;
    };
    people = [];
    const page = `/t/${tenant.slug}/arbete`;
    for (const role of ROLES) {
      const user = await makeUser(t.db, tenant.id, role);
      const { token, cookies } = await csrfFor(t.app, page, await sessionCookie(t.db, user.id));
      people.push({ name: role, cookies, csrf: token });
    }
    const admin = await makeUser(t.db, tenant.id, "admin", { isSystemAdmin: true });
    const a = await csrfFor(t.app, page, await sessionCookie(t.db, admin.id));
    people.push({ name: "systemadministratör", cookies: a.cookies, csrf: a.token });
    const anon = await csrfFor(t.app, "/logga-in");
    people.push({ name: "anonym", cookies: anon.cookies, csrf: anon.token });
    routes = registeredRoutes(t.app).filter((r) => WRITES.has(r.method) && declared(r));
  });
  after(async () => t?.close());

  it("answers every route 4xx, reaches the reading on every multipart route, and logs no error", async () => {
    const multipart = routes.filter((r) => declared(r)?.multipart);
    assert.ok(multipart.length >= 3, `multipart-vägar: ${multipart.map((r) => r.url).join(", ")}`);
    const failures: string[] = [];
    const reached = new Set<string>();
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      const v = values(r);
      const source = declared(r)?.tenant;
      const query = typeof source === "object" ? `?${source.query}=${encodeURIComponent(v.tenant!)}` : "";
      const url = fillRoute(r.url, v) + query;
      for (const who of people) {
        for (const body of brokenBodies(who.csrf)) {
          t.logs.length = 0;
          const res = await t.app.inject({
            method: r.method as "POST",
            url,
            cookies: who.cookies,
            headers: {
              "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
              ...(body.contentLength ? { "content-length": String(body.contentLength) } : {}),
            },
            payload: body.payload,
          });
          const errors = t.logs.filter((l) => l.level >= 50);
          if (res.statusCode >= 500 || errors.length)
            failures.push(`${key} som ${who.name} (${body.name}): ${res.statusCode} ${errors.map((e) => e.err?.message ?? e.msg).join("; ")}`);
          if (res.statusCode === 400 && /incomplete_body|kom inte fram helt/.test(res.body)) reached.add(key);
        }
      }
    }
    assert.deepEqual(failures, [], failures.join("\n"));
    const notReached = multipart.map((r) => `${r.method} ${r.url}`).filter((k) => !reached.has(k));
    assert.deepEqual(notReached, [], "multipart-vägar där ingen nådde läsningen av formuläret (sveppet vore tomt)");
    console.log(`trasiga formulär: ${routes.length} skrivvägar (${multipart.length} multipart) × ${people.length} personer × 3 kroppar`);
  });

  it("answers a client that gives up half-way through a multipart body over a real socket without an error", async () => {
    const multipart = routes.filter((r) => declared(r)?.multipart);
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as AddressInfo;
    const failures: string[] = [];
    for (const r of multipart) {
      const url = fillRoute(r.url, values(r));
      for (const who of people) {
        t.logs.length = 0;
        const [, , short] = brokenBodies(who.csrf);
        const cookie = Object.entries(who.cookies)
          .map(([k, val]) => `${k}=${val}`)
          .join("; ");
        const answer = await new Promise<string>((resolve) => {
          const socket = connect(port, "127.0.0.1", () => {
            socket.write(
              `${r.method} ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${short!.contentLength}\r\n\r\n`,
            );
            socket.write(short!.payload);
            socket.end(); // the client gives up: no more bytes will come
          });
          let got = "";
          socket.on("data", (d) => (got += d.toString("latin1")));
          socket.on("close", () => resolve(got));
          socket.on("error", () => resolve(got));
          socket.setTimeout(10_000, () => socket.destroy());
        });
        // Give the server a moment to log what happened after the socket closed.
        await new Promise((res) => setImmediate(res));
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
        const errors = t.logs.filter((l) => l.level >= 50);
        if (status >= 500 || errors.length)
          failures.push(`${r.method} ${r.url} som ${who.name}: ${status || "inget svar"} ${errors.map((e) => e.err?.message ?? e.msg).join("; ")}`);
      }
    }
    assert.deepEqual(failures, [], failures.join("\n"));
  });
});
