// Every promises form validates every field with the same zod schema (and so the same limits)
// as the JSON API: what the API refuses, the form refuses too — with the field's message, the
// input kept, and nothing saved.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { makePromiseDocument, postForm } from "./testing.ts";

describe("promises forms use the API's limits", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let coordinator: Record<string, string>;
  let base: string;
  let api: string;

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    base = `/t/${tenant.slug}/arbete/medborgarloften`;
    api = `/api/t/${tenant.slug}`;
  });
  after(async () => t?.close());

  it("refuses a 900 000-character follow-up reason like the API does, saving nothing", async () => {
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const huge = "a".repeat(900_000); // under the 1 MiB body limit
    const viaApi = await t.app.inject({
      method: "PUT",
      url: `${api}/promise-documents/${doc.id}/promises/${promise.id}/verdict`,
      cookies: coordinator,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ verdict: "delvis", reason: huge, version: promise.version }),
    });
    assert.equal(viaApi.statusCode, 400, "the API refuses it");
    const res = await postForm(
      t.app,
      `${base}/${doc.id}/uppfoljning`,
      `${base}/${doc.id}/uppfoljning`,
      { version: String(doc.version), [`version.${promise.id}`]: String(promise.version), [`verdict.${promise.id}`]: "delvis", [`reason.${promise.id}`]: huge },
      coordinator,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Skriv högst 4000 tecken/);
    const row = await t.db.selectFrom("promises").select(["verdict", "verdict_reason", "version"]).where("id", "=", promise.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { verdict: null, verdict_reason: null, version: promise.version });
  });

  it("refuses a follow-up summary longer than the API allows, saving nothing", async () => {
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const res = await postForm(
      t.app,
      `${base}/${doc.id}/uppfoljning`,
      `${base}/${doc.id}/uppfoljning`,
      {
        version: String(doc.version),
        followup_summary: "x".repeat(10_001),
        [`version.${promise.id}`]: String(promise.version),
        [`verdict.${promise.id}`]: "uppfyllt",
        [`reason.${promise.id}`]: "Alla kontroller genomfördes.",
      },
      coordinator,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Skriv högst 10000 tecken/);
    const d = await t.db.selectFrom("promise_documents").select(["followup_summary", "version"]).where("id", "=", doc.id).executeTakeFirstOrThrow();
    assert.deepEqual(d, { followup_summary: null, version: doc.version });
    const p = await t.db.selectFrom("promises").select("verdict").where("id", "=", promise.id).executeTakeFirstOrThrow();
    assert.equal(p.verdict, null, "nothing of the form is saved when one field is refused");
  });

  it("refuses values the API's schemas refuse on the small forms (move, status, lifecycle steps)", async () => {
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id);
    const page = `${base}/${doc.id}`;
    const move = await postForm(t.app, page, `${page}/lofte/${promise.id}/flytta`, { version: String(promise.version), direction: "åt-sidan" }, coordinator);
    assert.equal(move.statusCode, 400);
    const status = await postForm(t.app, page, `${page}/lofte/${promise.id}/status`, { version: String(promise.version), status: "kanske" }, coordinator);
    assert.equal(status.statusCode, 400);
    const sign = await postForm(t.app, page, `${page}/signera`, { version: "1.5" }, coordinator);
    assert.equal(sign.statusCode, 400);
    const remove = await postForm(t.app, page, `${page}/lofte/${promise.id}/ta-bort`, { version: "-3" }, coordinator);
    assert.equal(remove.statusCode, 400);
    assert.equal((await t.db.selectFrom("promises").select("id").where("id", "=", promise.id).executeTakeFirst())?.id, promise.id, "nothing removed");
  });

  it("refuses a field one character over the API's limit on the document, promise and activity forms", async () => {
    const { doc } = await makePromiseDocument(t.db, tenant.id);
    const over = (n: number) => "a".repeat(n + 1);
    const docForm = {
      version: String(doc.version),
      title: "Medborgarlöfte i Testkommun",
      valid_from: "2021-01-01",
      valid_to: "2021-12-31",
      party_kommunen: "Testkommun",
      party_polisen: "Polisen",
    };
    for (const [name, value] of [
      ["title", over(200)],
      ["introduction", over(20_000)],
      ["signing_place", over(100)],
      ["agreement_title", over(200)],
      ["source_note", over(2000)],
      ["party_kommunen", over(120)],
      ["findings.0.text", over(2000)],
      ["signatories.0.name", over(120)],
    ] as const) {
      const fields: Record<string, string> = { ...docForm, [name]: value };
      if (name.startsWith("findings")) fields["findings.0.source"] = "est";
      if (name.startsWith("signatories"))
        Object.assign(fields, { "signatories.0.title": "KSO", "signatories.0.organisation": "K", "signatories.0.party": "kommunen" });
      const res = await postForm(t.app, `${base}/${doc.id}/redigera`, `${base}/${doc.id}`, fields, coordinator);
      assert.equal(res.statusCode, 400, `${name}: ${res.statusCode}`);
    }
    const promiseForm = { text: "utföra trafikkontroller", owner: "polisen" };
    for (const [name, value] of [
      ["text", over(2000)],
      ["focus_area", over(100)],
      ["target_unit", over(100)],
      ["target_metric", over(60)],
      ["planned_activities", over(5000)],
    ] as const) {
      const res = await postForm(t.app, `${base}/${doc.id}/lofte/nytt`, `${base}/${doc.id}/lofte`, { ...promiseForm, [name]: value }, coordinator);
      assert.equal(res.statusCode, 400, `${name}: ${res.statusCode}`);
    }
    const published = await makePromiseDocument(t.db, tenant.id, { status: "publicerat", content: { valid_from: "2021-01-01", valid_to: "2099-12-31" } });
    const police = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "polis")).id);
    const activityForm = { promise_id: published.promise.id, title: "Trafikkontroll", occurred_on: "2021-03-01" };
    for (const [name, value] of [
      ["title", over(200)],
      ["description", over(5000)],
      ["place_name", over(200)],
      ["outcomes.0.label", over(60)],
    ] as const) {
      const fields: Record<string, string> = { ...activityForm, [name]: value };
      if (name.startsWith("outcomes")) fields["outcomes.0.value"] = "3";
      const res = await postForm(t.app, `${base}/aktivitet?lofte=${published.promise.id}`, `${base}/aktivitet`, fields, police);
      assert.equal(res.statusCode, 400, `${name}: ${res.statusCode}`);
    }
    const activities = await t.db.selectFrom("promise_activities").select("id").where("promise_id", "=", published.promise.id).execute();
    assert.equal(activities.length, 0, "nothing saved");
    // Control: the same form within the limits is saved (the 400s above were the limits).
    const ok = await postForm(
      t.app,
      `${base}/aktivitet?lofte=${published.promise.id}`,
      `${base}/aktivitet`,
      { ...activityForm, place_name: "a".repeat(200) },
      police,
    );
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  });
});
