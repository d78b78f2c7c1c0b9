// Open data as CSV: RFC 4180 for programs, a Swedish Excel variant beside it, and in both no
// text that a spreadsheet would run as a formula.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeTenant } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { makePromiseDocument } from "./testing.ts";

describe("promises open data CSV", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    const { promise } = await makePromiseDocument(t.db, tenant.id, {
      status: "publicerat",
      content: { title: "=cmd|' /C calc'!A0" },
      promise: { text: "@SUM(1) trafikkontroller", target_quantity: 2.5, target_unit: "+1 kontroller", focus_area: "\tflik" },
    });
    await t.db.updateTable("promises").set({ verdict: "delvis", verdict_reason: '-1+HYPERLINK("http://x")' }).where("id", "=", promise.id).execute();
  });
  after(async () => t?.close());

  it("guards every text cell against formulas, numbers stay numbers (RFC 4180)", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/promises/open-data.csv` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers["content-disposition"]), /filename="medborgarloften-.*\.csv"/);
    assert.ok(!res.body.startsWith("\uFEFF"));
    const [header, row] = res.body.split("\r\n");
    assert.match(header!, /^document_id,document_title,/);
    assert.ok(row!.includes(`"'-1+HYPERLINK(""http://x"")"`), row);
    assert.ok(row!.includes(`,'=cmd|' /C calc'!A0,`), row);
    assert.ok(row!.includes(",'@SUM(1) trafikkontroller,"), row);
    assert.ok(row!.includes(",'\tflik,"), row);
    assert.ok(row!.includes(",2.5,'+1 kontroller,"), row);
    for (const cell of row!.split(",")) assert.doesNotMatch(cell, /^"?\s*[=+\-@]/, `unguarded cell ${cell}`);
  });

  it("offers a Swedish Excel variant: byte order mark, semicolons, decimal comma, CRLF", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/promises/open-data.csv?format=excel` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers["content-disposition"]), /filename="medborgarloften-.*-excel\.csv"/);
    assert.ok(res.body.startsWith("\uFEFFdocument_id;document_title;"));
    const row = res.body.split("\r\n")[1]!;
    assert.ok(row.includes(";2,5;'+1 kontroller;"), row);
    assert.ok(row.includes(`;"'-1+HYPERLINK(""http://x"")";`), row);
  });

  it("links both from the public promise page, the Excel one explained", async () => {
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/api/t/${tenant.slug}/promises/open-data.csv"`));
    assert.match(page.body, new RegExp(`href="/api/t/${tenant.slug}/promises/open-data.csv\\?format=excel">[^<]*för Excel`));
  });
});
