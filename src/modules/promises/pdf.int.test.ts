// The public PDFs in the reader's language: labels (headings, dates, statuses, page numbers)
// follow ?lang= or the lang cookie; the content stays as written, in Swedish, and is tagged sv-SE
// inside an English PDF so a screen reader switches voice.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { readPdf } from "../../platform/testing/pdf.ts";
import { seedOsby } from "../seed.ts";
import { DEMO_DOCUMENT_IDS } from "./demo/osby.ts";

const DOC = `/t/osby/medborgarlofte/${DEMO_DOCUMENT_IDS[2021]}`;

describe("promises: PDFs in the reader's language", () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    await seedOsby(t.db);
  });
  after(async () => t?.close());

  async function pdf(url: string, cookies: Record<string, string> = {}) {
    const res = await t.app.inject({ method: "GET", url, cookies });
    assert.equal(res.statusCode, 200, url);
    assert.equal(res.headers["content-type"], "application/pdf");
    return res.rawPayload;
  }

  it("gives the English PDF English labels and keeps the content Swedish, tagged sv-SE", async () => {
    const sv = await pdf(`${DOC}.pdf`);
    const en = await pdf(`${DOC}.pdf?lang=en`);
    assert.ok(!sv.equals(en), "the English PDF is not the Swedish one");
    const read = await readPdf(en);
    assert.equal(read.lang, "en-GB");
    assert.equal(read.title, "Medborgarlöfte i Osby kommun 2021");
    for (const h of ["The police promise to", "The municipality promise", "Signatures", "Situational picture", "Introduction", "Focus areas"]) {
      assert.ok(read.find("H2", h).length > 0 || read.find("H2").some((e) => e.text.startsWith(h)), `English heading ${h}`);
    }
    assert.equal(read.find("H2", "Polisen lovar att").length, 0);
    assert.equal(read.find("H2", "Underskrifter").length, 0);
    read.pages.forEach((p, i) => {
      assert.match(p.artifacts, new RegExp(`Page ${i + 1} of ${read.pageCount}`));
    });
    assert.ok(
      read.pages.some((p) => /19 May 2021/.test(p.tagged)),
      "dates in English",
    );
    // The content is Swedish and says so.
    const h1 = read.find("H1")[0]!;
    assert.equal(h1.text, "Medborgarlöfte i Osby kommun 2021");
    assert.equal(h1.lang, "sv-SE");
    const promiseTexts = await t.db.selectFrom("promises").select("text").where("document_id", "=", DEMO_DOCUMENT_IDS[2021]).execute();
    assert.ok(promiseTexts.length > 0);
    for (const { text } of promiseTexts) {
      const found = read.elements.filter(
        (e) => e.text.includes(text.slice(0, 40)) && e.role !== "LBody" && e.role !== "LI" && e.role !== "L" && e.role !== "Sect" && e.role !== "Document",
      );
      assert.ok(found.length > 0, `promise text in the PDF: ${text.slice(0, 40)}`);
      for (const e of found) assert.equal(e.lang, "sv-SE", `${e.role} "${e.text.slice(0, 40)}" is tagged Swedish`);
    }
    for (const e of read.find("H2")) if (e.text.startsWith("The police")) assert.equal(e.lang, "en-GB", "labels stay English");
  });

  it("follows the lang cookie, and the follow-up report too", async () => {
    const en = await readPdf(await pdf(`${DOC}/uppfoljning.pdf`, { lang: "en" }));
    assert.equal(en.lang, "en-GB");
    assert.ok(en.find("H1")[0]!.text.startsWith("Follow-up"), en.find("H1")[0]?.text);
    assert.ok(
      en.pages.some((p) => /Fulfilled|Partly fulfilled|Not fulfilled/.test(p.tagged)),
      "verdicts in English",
    );
    const sv = await readPdf(await pdf(`${DOC}/uppfoljning.pdf`));
    assert.equal(sv.lang, "sv-SE");
    assert.ok(sv.find("H1")[0]!.text.startsWith("Uppföljning"));
    assert.ok(
      sv.elements.every((e) => e.ownLang === null),
      "a Swedish PDF needs no language changes",
    );
  });

  it("gives the same bytes for the same document and language", async () => {
    assert.ok((await pdf(`${DOC}.pdf?lang=en`)).equals(await pdf(`${DOC}.pdf?lang=en`)));
  });
});
