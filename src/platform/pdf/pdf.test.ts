import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readPdf } from "../testing/pdf.ts";
import { content, plain, runsOf } from "../i18n/content.ts";
import { createPdf, type PdfOptions } from "./document.ts";

const base: PdfOptions = {
  locale: "sv",
  title: content("Protokoll från trygghetsvandringen i Lönsboda"),
  subject: "Protokoll",
  date: new Date("2021-11-10T12:00:00Z"),
};

describe("content marks", () => {
  it("split a translated sentence into label and content runs", () => {
    const s = `Mål: minst 2 ${content("riktade trafikkontroller")} per month`;
    assert.deepEqual(runsOf(s), [
      { text: "Mål: minst 2 ", content: false },
      { text: "riktade trafikkontroller", content: true },
      { text: " per month", content: false },
    ]);
    assert.equal(plain(s), "Mål: minst 2 riktade trafikkontroller per month");
    assert.deepEqual(runsOf(content("")), []);
  });
});

describe("tagged PDF kit", () => {
  it("writes a tagged document with language, title, headings, paragraphs, lists and a table", async () => {
    const w = createPdf({ ...base, publicUrl: "https://trygg.example/t/osby/vandringar/1" });
    w.heading(1, content("Protokoll från trygghetsvandringen i Lönsboda"));
    w.section(() => {
      w.heading(2, "Platser");
      w.paragraph("Deltagarna gick sträckan <script>alert(1)</script> på 90 minuter.");
      w.list([
        { label: "1.", body: ["Belysning vid busstationen", "Ägare: Osby kommun"] },
        { label: "2.", body: ["Skymmande växtlighet"] },
      ]);
      w.table({
        caption: "Åtgärdslista",
        header: ["Plats", "Åtgärd", "Status"],
        rows: [
          ["Busstationen", "Byt armaturer", "Planerad"],
          ["Parken", "Beskär buskar", "Åtgärdad"],
        ],
        widths: [2, 3, 1],
      });
    });
    const read = await readPdf(await w.finish());
    assert.equal(read.lang, "sv-SE");
    assert.equal(read.title, "Protokoll från trygghetsvandringen i Lönsboda");
    assert.equal(read.find("H1")[0]?.text, "Protokoll från trygghetsvandringen i Lönsboda");
    assert.equal(read.find("H2")[0]?.text, "Platser");
    assert.deepEqual(read.find("H2")[0]?.path, ["Document", "Sect"]);
    assert.ok(read.find("P", "<script>alert(1)</script>").length, "text as written");
    assert.deepEqual(
      read.find("LI").map((e) => e.text),
      ["1. Belysning vid busstationen Ägare: Osby kommun", "2. Skymmande växtlighet"],
    );
    assert.equal(read.find("Lbl").length, 2);
    assert.deepEqual(
      read.find("TH").map((e) => e.text),
      ["Plats", "Åtgärd", "Status"],
    );
    assert.deepEqual(
      read.find("TR").map((e) => e.text),
      ["Plats Åtgärd Status", "Busstationen Byt armaturer Planerad", "Parken Beskär buskar Åtgärdad"],
    );
    assert.equal(read.find("Caption")[0]?.text, "Åtgärdslista");
    assert.equal(read.pages[0]?.untagged, "");
    assert.match(read.pages[0]!.artifacts, /https:\/\/trygg\.example\/t\/osby\/vandringar\/1/);
    assert.match(read.pages[0]!.artifacts, /Sida 1 av 1/);
    // Every element's language is the document's: nothing to switch in a Swedish PDF.
    assert.ok(read.elements.every((e) => e.ownLang === null));
  });

  it("numbers pages in the document's language and repeats a table's header on a new page", async () => {
    const w = createPdf({ ...base, locale: "en" });
    w.heading(1, "Action list");
    w.table({ header: ["Place", "Action"], rows: Array.from({ length: 80 }, (_, i) => [content(`Plats ${i + 1}`), `Action ${i + 1}`]) });
    const read = await readPdf(await w.finish());
    assert.ok(read.pageCount >= 2);
    read.pages.forEach((p, i) => {
      assert.match(p.artifacts, new RegExp(`Page ${i + 1} of ${read.pageCount}`));
      assert.equal(p.untagged, "");
    });
    assert.match(read.pages[1]!.artifacts, /Place Action/, "the header again, as an artifact");
    assert.equal(read.find("TH").length, 2, "the header row is tagged once");
    assert.equal(read.find("TR").length, 81, "no row split: each TR on one page");
    assert.equal(read.find("TD", "Plats 1")[0]?.lang, "sv-SE", "content cells keep their language");
    assert.equal(read.find("TD", "Action 1")[0]?.lang, "en-GB");
  });

  it("tags content in another language than the document's, whole elements or spans", async () => {
    const w = createPdf({ ...base, locale: "en" });
    w.heading(1, content("Medborgarlöfte i Osby kommun 2021"));
    w.paragraph(content("jobba med sin synlighet"));
    w.paragraph(`Target: at least 2 ${content("riktade trafikkontroller")} per month`);
    w.paragraph(`${content("Niklas Larsson (C)")}\n${content("kommunstyrelsens ordförande")}\n19 May 2021`);
    const read = await readPdf(await w.finish());
    assert.equal(read.lang, "en-GB");
    assert.equal(read.title, "Protokoll från trygghetsvandringen i Lönsboda");
    assert.equal(read.find("H1")[0]?.ownLang, "sv-SE");
    assert.equal(read.find("P", "jobba med sin synlighet")[0]?.ownLang, "sv-SE");
    const target = read.find("P", "Target:")[0]!;
    assert.equal(target.ownLang, null);
    assert.equal(target.text, "Target: at least 2 riktade trafikkontroller per month");
    assert.deepEqual(
      read.elements.filter((e) => e.role === "Span" && e.path.at(-1) === "P" && target.text.includes(e.text)).map((e) => [e.text, e.lang]),
      [
        ["Target: at least 2", "en-GB"],
        ["riktade trafikkontroller", "sv-SE"],
        ["per month", "en-GB"],
      ],
    );
    assert.ok(read.pages[0]!.tagged.includes("Niklas Larsson (C) kommunstyrelsens ordförande 19 May 2021"));
  });

  it("keeps a block together and never ends a page with a heading", async () => {
    const filler = "Trygghetsvandringen gick från busstationen till parken och vidare längs Storgatan. ".repeat(4);
    for (let n = 6; n <= 22; n++) {
      const w = createPdf(base);
      for (let i = 0; i < n; i++) w.paragraph(filler);
      w.keepTogether(() =>
        w.section(() => {
          w.heading(2, "Underskrifter");
          w.paragraph("Lönsboda, 10 november 2021");
          w.paragraph("Niklas Larsson (C)\nkommunstyrelsens ordförande");
          w.paragraph("Veronica Gustafsson\nkommunpolis");
        }),
      );
      w.heading(2, "Om dokumentet");
      w.paragraph("Sist.");
      const read = await readPdf(await w.finish());
      const page = read.find("H2", "Underskrifter")[0]!.page;
      for (const who of ["Lönsboda, 10 november", "Niklas Larsson", "Veronica Gustafsson"]) {
        assert.deepEqual(
          read.find("P", who).map((e) => e.page),
          [page],
          `${n} paragraphs: ${who} on the page of the heading`,
        );
      }
      const about = read.find("H2", "Om dokumentet")[0]!;
      assert.equal(read.find("P", "Sist.")[0]?.page, about.page, `${n} paragraphs: a heading stays with what follows`);
    }
  });

  it("measures what it would draw", () => {
    const w = createPdf(base);
    const one = w.measure(() => w.paragraph("En rad."));
    const two = w.measure(() => {
      w.paragraph("En rad.");
      w.paragraph("En rad.");
    });
    assert.ok(one > 10 && one < 30, `one line ≈ 20 pt (${one})`);
    assert.ok(Math.abs(two - 2 * one) < 0.01);
    assert.ok(w.measure(() => w.paragraph("ord ".repeat(200))) > 5 * one, "a long paragraph wraps");
  });

  it("gives the same bytes for the same input", async () => {
    const render = async () => {
      const w = createPdf(base);
      w.heading(1, "Samma");
      w.paragraph("Samma text.");
      return w.finish();
    };
    assert.ok((await render()).equals(await render()));
  });
});
