// A 409 (someone else saved first, or the document is in another state) is an expected answer:
// the page (or JSON) says what happened and nothing is logged as a warning or an error — in
// particular no TypeError from a reply being awaited as a thenable. Logs captured at debug level.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { submitForm } from "../users/testing.ts";
import { makePromiseDocument, postForm } from "./testing.ts";

describe("409 answers log no error", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ captureLogs: "debug" });
    t.database.pool.on("error", () => {});
  });
  after(async () => t?.close());

  it("answers every kind of 409 without a warning, an error or a TypeError in the log", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    await t.db.insertInto("memberships").values({ tenant_id: tenant.id, user_id: user.id, role: "admin" }).execute();
    const c = await sessionCookie(t.db, user.id);
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id);
    const pub = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const base = `/t/${tenant.slug}/arbete/medborgarloften`;
    const api = `/api/t/${tenant.slug}/promise-documents`;
    const json = (method: "POST" | "PUT", url: string, body: unknown) =>
      t.app.inject({ method, url, cookies: c, headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
    const docForm = {
      version: "999",
      title: "Medborgarlöfte i Testkommun",
      valid_from: "2021-01-01",
      valid_to: "2021-12-31",
      party_kommunen: "K",
      party_polisen: "P",
    };
    const cases: Array<[string, () => Promise<{ statusCode: number; body: string }>]> = [
      ["edit with a stale version", () => postForm(t.app, `${base}/${doc.id}/redigera`, `${base}/${doc.id}`, docForm, c)],
      ["edit a published document", () => postForm(t.app, `${base}/${pub.doc.id}`, `${base}/${pub.doc.id}`, { ...docForm, version: "1" }, c)],
      ["sign with a stale version", () => postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/signera`, { version: "999" }, c)],
      [
        "edit a promise with a stale version",
        () => postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/lofte/${promise.id}`, { version: "999", text: "något att göra", owner: "polisen" }, c),
      ],
      [
        "promise status, stale",
        () => postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/lofte/${promise.id}/status`, { version: "999", status: "pagar" }, c),
      ],
      ["move, stale", () => postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/lofte/${promise.id}/flytta`, { version: "999", direction: "up" }, c)],
      ["follow up a draft", () => postForm(t.app, `${base}/${doc.id}`, `${base}/${doc.id}/uppfoljning`, { version: "1" }, c)],
      [
        "follow-up, stale",
        () =>
          postForm(
            t.app,
            `${base}/${pub.doc.id}`,
            `${base}/${pub.doc.id}/uppfoljning`,
            {
              version: "999",
              [`version.${pub.promise.id}`]: "999",
              [`verdict.${pub.promise.id}`]: "delvis",
              [`reason.${pub.promise.id}`]: "för att",
              [`confirm.${pub.promise.id}`]: "ja",
            },
            c,
          ),
      ],
      ["API: sign, stale", () => json("POST", `${api}/${doc.id}/sign`, { version: 999 })],
      ["API: promise status, stale", () => json("PUT", `${api}/${doc.id}/promises/${promise.id}/status`, { version: 999, status: "pagar" })],
      [
        "members: the role is already there",
        () =>
          submitForm(
            t.app,
            `/t/${tenant.slug}/admin/anvandare`,
            `/t/${tenant.slug}/admin/anvandare`,
            { email: user.email, name: "X Y", role: "admin", organisation_id: "" },
            { cookies: c },
          ),
      ],
    ];
    const problems: string[] = [];
    for (const [name, run] of cases) {
      t.logs.length = 0;
      const res = await run();
      // Let anything the reply does after sending (a thenable settling) reach the log.
      await new Promise((r) => setTimeout(r, 50));
      if (res.statusCode !== 409) problems.push(`${name}: ${res.statusCode}`);
      const bad = t.logs.filter((l) => l.level >= 40 || /TypeError/.test(JSON.stringify(l)));
      for (const l of bad) problems.push(`${name}: ${l.msg ?? ""} ${l.err?.type ?? ""} ${l.err?.message ?? ""}`);
    }
    assert.deepEqual(problems, [], problems.join("\n"));
  });
});
