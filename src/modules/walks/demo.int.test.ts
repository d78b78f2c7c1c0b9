// The Osby demo of walks: the Lönsboda walk of 2021-11-10 with its protocol, every action followed
// to the end, linked to the 2021 promise's activity; the re-walk with before/after; a coming walk
// with an open invitation. Public pages, the PDF and the staff pages render it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seedOsby } from "../seed.ts";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { readPdf } from "../../platform/testing/pdf.ts";
import { DEMO_ACTION_IDS, DEMO_WALK_IDS } from "./demo/seed.ts";

describe("walks demo", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedOsby(t.db);
    await seedOsby(t.db); // idempotent
  });
  after(async () => t?.close());

  it("seeds the Lönsboda walk once, closed, linked to the 2021 promise's activity", async () => {
    const walks = await t.db.selectFrom("walks").selectAll().execute();
    assert.equal(walks.length, 3);
    const w = walks.find((x) => x.id === DEMO_WALK_IDS.lonsboda2021)!;
    assert.equal(w.status, "avslutad");
    assert.ok(w.promise_id, "linked to the promise");
    assert.ok(w.promise_activity_id, "linked to the activity logged on 2021-11-10");
    const actions = await t.db.selectFrom("walk_actions").selectAll().where("walk_id", "=", w.id).execute();
    assert.equal(actions.length, 7);
    assert.ok(
      actions.every((a) => a.status === "atgardad" || a.status === "avslagen"),
      "every action followed to the end",
    );
  });

  it("shows the protocol publicly with the action list, the date of each change and no names", async () => {
    const res = await t.app.inject({ method: "GET", url: `/t/osby/vandringar/${DEMO_WALK_IDS.lonsboda2021}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Medborgarvandring i Lönsboda centrum/);
    assert.match(res.body, /Åtgärdslistan: 6 av 7 åtgärdade, 0 planerade, 1 avslagna/);
    assert.match(res.body, /<time datetime="2022-02-16">16 februari 2022<\/time>/);
    assert.match(res.body, /19 deltagare/);
    assert.match(res.body, /Det är mörkt under hela vandringen/);
    assert.match(res.body, /Solen går ner 16\.0\d/);
    assert.ok(!res.body.includes("Sara Samordnare"), "no staff names on the public page");
  });

  it("prints the protocol as a tagged PDF", async () => {
    const res = await t.app.inject({ method: "GET", url: `/t/osby/vandringar/${DEMO_WALK_IDS.lonsboda2021}.pdf` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "application/pdf");
    const pdf = await readPdf(res.rawPayload);
    assert.ok(pdf.find("H1", "Protokoll: Medborgarvandring i Lönsboda centrum"));
    assert.ok(pdf.find("H2", "Åtgärdslista"));
  });

  it("renders the re-walk, the invitation and the staff pages", async () => {
    for (const url of ["/t/osby/vandringar", `/t/osby/vandringar/${DEMO_WALK_IDS.rewalk2022}`, `/t/osby/vandringar/${DEMO_WALK_IDS.coming}`]) {
      const res = await t.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 400)}`);
    }
    const samordnare = await t.db.selectFrom("users").select("id").where("email", "=", "samordnare@osby.demo").executeTakeFirstOrThrow();
    const cookies = await sessionCookie(t.db, samordnare.id);
    for (const url of [
      "/t/osby/arbete/vandringar",
      "/t/osby/arbete/vandringar/ny",
      `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.lonsboda2021}`,
      `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.coming}`,
      `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.coming}/redigera`,
      `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.coming}/falt`,
      `/t/osby/arbete/vandringar/${DEMO_WALK_IDS.lonsboda2021}/avslutande-mote`,
      "/t/osby/arbete/vandringar/mina-atgarder",
      `/t/osby/arbete/vandringar/atgarder/${DEMO_ACTION_IDS.tunnelLight}`,
      "/t/osby/arbete/vandringar/installningar",
      "/t/osby/arbete",
    ]) {
      const res = await t.app.inject({ method: "GET", url, cookies });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 600)}`);
    }
  });
});
