// The Osby demo: the real 2021, 2022 and 2024 promises (public excerpts), 2021 followed up with
// the Lönsboda medborgarvandring and the monthly traffic controls, 2024 the current promise.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { seedOsby } from "../seed.ts";

describe("promises: the Osby demo", () => {
  let t: TestApp;
  let docs: Array<{ id: string; title: string; status: string }>;

  before(async () => {
    t = await createTestApp();
    // pg's Pool.end() resolves before its connections have closed, so the harness's
    // DROP DATABASE … WITH (FORCE) can terminate one, and the pool re-emits that as an 'error'
    // event without a listener (an uncaught exception). Harmless at teardown; ignore it here.
    t.database.pool.on("error", () => {});
    await seedOsby(t.db);
    docs = await t.db.selectFrom("promise_documents").select(["id", "title", "status"]).orderBy("valid_from").execute();
  });
  after(async () => t?.close());

  it("keeps the source file byte for byte", () => {
    const copy = readFileSync(new URL("./demo/osby-medborgarloften.json", import.meta.url));
    // The committed copy of the shared data set (test/fixtures/shared/README.md names its source).
    const original = readFileSync(new URL("../../../test/fixtures/shared/osby-medborgarloften.json", import.meta.url));
    assert.ok(copy.equals(original), "src/modules/promises/demo/osby-medborgarloften.json differs from its source");
    assert.equal(JSON.parse(copy.toString("utf8")).items.length, 3);
  });

  it("seeds 2021 (followed up), 2022 and 2024 (published) and a draft for 2027, idempotently", async () => {
    assert.deepEqual(
      docs.map((d) => [d.title, d.status]),
      [
        ["Medborgarlöfte i Osby kommun 2021", "uppfoljt"],
        ["Medborgarlöfte i Osby kommun 2022", "publicerat"],
        ["Medborgarlöfte i Osby kommun 2024", "publicerat"],
        ["Medborgarlöfte i Osby kommun 2027 (utkast)", "utkast"],
      ],
    );
    await seedOsby(t.db);
    const again = await t.db.selectFrom("promise_documents").select("id").execute();
    assert.equal(again.length, 4);
    const promises = await t.db.selectFrom("promises").select(["document_id", "text", "owner"]).execute();
    const of2021 = promises.filter((p) => p.document_id === docs[0]!.id);
    assert.equal(of2021.length, 8);
    assert.deepEqual(of2021.filter((p) => p.owner === "polisen").length, 3);
    assert.ok(of2021.some((p) => p.text === "tillsammans arrangera minst en medborgarvandring" && p.owner === "tillsammans"));
  });

  it("shows 2024, the latest promise, saying that its period has ended, with 2021 and 2022 as earlier ones", async () => {
    const res = await t.app.inject({ method: "GET", url: "/t/osby/medborgarlofte" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Medborgarlöfte i Osby kommun 2024<\/h1>/);
    // The tests run on the real date (after 2024): the draft for 2027 is not published, so nothing is current.
    assert.match(res.body, /Medborgarlöftets period slutade 31 december 2024\./);
    assert.doesNotMatch(res.body, /just nu/);
    assert.match(res.body, /myndighetstillsyner utifrån alkohollagen/);
    assert.match(res.body, /Tidigare medborgarlöften/);
    assert.match(res.body, /Medborgarlöfte i Osby kommun 2021<\/a>/);
    assert.match(res.body, /Medborgarlöfte i Osby kommun 2022<\/a>/);
    const start = await t.app.inject({ method: "GET", url: "/t/osby" });
    assert.match(start.body, /href="\/t\/osby\/medborgarlofte"/, "public card and navigation link");
  });

  it("shows the 2021 promise as an excerpt with its signatories, measured traffic controls and the Lönsboda walk", async () => {
    const id = docs[0]!.id;
    const res = await t.app.inject({ method: "GET", url: `/t/osby/medborgarlofte/${id}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Utdrag: 8 av 18 löften återgivna/);
    assert.match(res.body, /Niklas Larsson \(C\)/);
    assert.match(res.body, /Veronica Gustafsson/);
    assert.match(res.body, /Osby, 19 maj 2021/);
    assert.match(res.body, /minst 2 riktade trafikkontroller per månad/);
    assert.match(res.body, /7 av 8 månader uppfyllda · totalt 15 riktade trafikkontroller/);
    assert.match(res.body, /10 november 2021<\/time>: Medborgarvandring – Lönsboda centrum/);
    assert.doesNotMatch(res.body, /demodata|Om källan/i, "residents get the document, not its provenance");
    assert.match(res.body, /1 av 8 månader missade: jul 2021/);
    const user = await t.db.selectFrom("users").select("id").where("email", "=", "samordnare@osby.demo").executeTakeFirstOrThrow();
    const staff = await t.app.inject({ method: "GET", url: `/t/osby/arbete/medborgarloften/${id}`, cookies: await sessionCookie(t.db, user.id) });
    assert.match(staff.body, /demodata/i, "staff see what the demo invented");
  });

  it("shows the 2024 signatories by title and organisation, since the source names nobody", async () => {
    const res = await t.app.inject({ method: "GET", url: `/t/osby/medborgarlofte/${docs[2]!.id}` });
    assert.doesNotMatch(res.body, /namn ej angivet/);
    assert.match(res.body, /<li>företrädare för kommunen, Osby kommun \(7 maj 2024\)<\/li>/);
  });

  it("has a follow-up report for 2021 with a verdict and reason per promise", async () => {
    const id = docs[0]!.id;
    const res = await t.app.inject({ method: "GET", url: `/t/osby/medborgarlofte/${id}/uppfoljning` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Uppföljningen är klar/);
    assert.match(res.body, /Medborgarvandringen i Lönsboda centrum genomfördes den 10 november 2021/);
    assert.match(res.body, /utfört flertalet riktade trafikkontroller/);
    const report = (await t.app.inject({ method: "GET", url: `/api/t/osby/promise-documents/${id}/follow-up-report` })).json();
    assert.equal(report.final, true);
    assert.equal(report.promises.length, 8);
    assert.ok(report.promises.every((p: { verdict: string | null; reason: string | null }) => p.verdict && p.reason));
    const walk = report.promises.find((p: { text: string }) => p.text.includes("medborgarvandring"));
    assert.equal(walk.verdict, "uppfyllt");
    assert.equal(walk.achieved, "1 av 1 medborgarvandring");
    const pdf = await t.app.inject({ method: "GET", url: `/t/osby/medborgarlofte/${id}/uppfoljning.pdf` });
    assert.equal(pdf.statusCode, 200);
    assert.match(pdf.rawPayload.toString("latin1"), /\/Lang \(sv-SE\)/);
  });

  it("gives staff the dashboard, and a log form to the demo åtgärdsägare for their department's promises", async () => {
    const user = await t.db.selectFrom("users").select("id").where("email", "=", "samordnare@osby.demo").executeTakeFirstOrThrow();
    const cookies = await sessionCookie(t.db, user.id);
    const dash = await t.app.inject({ method: "GET", url: "/t/osby/arbete/medborgarloften", cookies });
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /Medborgarlöfte i Osby kommun 2024/);
    const start = await t.app.inject({ method: "GET", url: "/t/osby/arbete", cookies });
    assert.match(start.body, /Medborgarlöften som ligger efter/, "the staff start page section");
    assert.match(start.body, /Inga löften ligger efter just nu/);
    const atgard = await t.db.selectFrom("users").select("id").where("email", "=", "atgard@osby.demo").executeTakeFirstOrThrow();
    const pick = await t.app.inject({ method: "GET", url: "/t/osby/arbete/medborgarloften/aktivitet", cookies: await sessionCookie(t.db, atgard.id) });
    assert.equal(pick.statusCode, 200);
    assert.match(pick.body, /myndighetstillsyner/);
    assert.ok(!pick.body.includes("grannsamverkan"), "only promises of Samhällsbyggnadsförvaltningen");
  });

  it("exports the demo as open data", async () => {
    const data = (await t.app.inject({ method: "GET", url: "/api/t/osby/promises/open-data.json" })).json();
    assert.equal(data.documents.length, 3);
    assert.equal(data.current_id, null, "2024 has ended");
    assert.equal(data.latest_id, docs[2]!.id);
    const csv = (await t.app.inject({ method: "GET", url: "/api/t/osby/promises/open-data.csv" })).body;
    assert.equal(csv.trim().split("\r\n").length, 1 + 8 + 3 + 5);
  });
});
