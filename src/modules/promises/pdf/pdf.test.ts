import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readPdf } from "../../../platform/testing/pdf.ts";
import { installModuleMessages } from "../../index.ts";
import { computeProgress } from "../domain/progress.ts";
import type { DocumentView, PromiseView } from "../service/views.ts";
import { renderDocumentPdf, renderFollowUpPdf } from "./render.ts";

installModuleMessages();

const parties = [
  { key: "kommunen", name: "Osby kommun" },
  { key: "polisen", name: "Polisen" },
];

function promise(n: number, owner: string, text: string, withTarget = false): PromiseView {
  const target = withTarget ? { quantity: 2, unit: "riktade trafikkontroller", period: "month" as const, metric: null } : null;
  const activities = withTarget
    ? [
        {
          id: "a1",
          tenant_id: "t",
          promise_id: `p${n}`,
          lineage_id: `l${n}`,
          title: "Riktad trafikkontroll, väg 15",
          description: "",
          occurred_on: "2021-06-10",
          place_name: "Lönsboda",
          lat: 56.398,
          lon: 14.319,
          outcomes: [{ label: "kontrollerade fordon", value: 45 }],
          created_by: null,
          created_at: new Date(),
          updated_at: new Date(),
          attachments: [],
        },
      ]
    : [];
  return {
    id: `p${n}`,
    tenant_id: "t",
    document_id: "d",
    lineage_id: `l${n}`,
    position: n,
    number: n,
    text,
    owner,
    focus_area: null,
    target_quantity: target?.quantity ?? null,
    target_unit: target?.unit ?? null,
    target_period: target?.period ?? null,
    target_metric: null,
    planned_activities: "",
    status: "pagar",
    verdict: withTarget ? "delvis" : null,
    verdict_reason: withTarget ? "Juli saknade kontroller (semester)." : null,
    verdict_suggested: withTarget ? "delvis" : null,
    verdict_by: null,
    verdict_at: null,
    version: 1,
    created_at: new Date(),
    updated_at: new Date(),
    responsibles: [{ id: "o1", name: "Polisen, lokalpolisområde Hässleholm" }],
    activities,
    target,
    progress: computeProgress({
      target,
      validFrom: "2021-05-19",
      validTo: "2021-12-31",
      activities: activities.map((a) => ({ occurredOn: a.occurred_on, outcomes: a.outcomes })),
      asOf: "2022-01-10",
    }),
  };
}

const view: DocumentView = {
  doc: {
    id: "d",
    tenant_id: "t",
    series_id: "s",
    revision: 1,
    supersedes_id: null,
    superseded_by_id: null,
    copied_from_id: null,
    title: "Medborgarlöfte i Osby kommun 2021",
    valid_from: "2021-05-19",
    valid_to: "2021-12-31",
    introduction: "Osby kommun och Polisen lovar invånarna konkreta saker.\n\nVi följer upp öppet.",
    focus_areas: ["otrygga miljöer", "trafikbrott", "droganvändning"],
    parties,
    findings: [{ text: "83 % hade inte utsatts för brott (2019).", source: "trygghetsmatning", ref_url: "https://example.org/x" }],
    signatories: [
      { name: "Niklas Larsson (C)", title: "kommunstyrelsens ordförande", organisation: "Osby kommun", party: "kommunen", signed_on: "2021-05-19" },
      { name: "Veronica Gustafsson", title: "kommunpolis", organisation: "Polisen", party: "polisen", signed_on: "2021-05-19" },
    ],
    signing_place: "Osby",
    signed_on: "2021-05-19",
    agreement_title: null,
    agreement_url: null,
    stated_promise_count: 18,
    source_note: "Utdrag ur det publicerade löftet.",
    followup_summary: "Sammanfattning av året.",
    status: "uppfoljt",
    published_at: new Date(),
    version: 3,
    created_by: null,
    created_at: new Date(),
    updated_at: new Date(),
  },
  promises: [
    promise(1, "polisen", "utföra riktade insatser mot trafikbrott", true),
    promise(2, "kommunen", "åtgärda miljöer som upplevs som mörka och otrygga"),
    promise(3, "tillsammans", "tillsammans arrangera minst en medborgarvandring"),
  ],
};

/** How pdfkit writes a string in a PDF dictionary: ASCII as (…), anything else as UTF-16BE with a BOM. */
function pdfStringBytes(s: string): Buffer {
  if (/^[\x20-\x7e]*$/.test(s)) return Buffer.from(`(${s})`, "latin1");
  const le = Buffer.from(`\ufeff${s}`, "utf16le");
  const be = Buffer.from(le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]!));
  return Buffer.concat([Buffer.from("("), be, Buffer.from(")")]);
}

describe("promise PDFs", () => {
  it("renders the document as a tagged PDF with language, title and the familiar sections", async () => {
    const pdf = await renderDocumentPdf(view, { publicUrl: "https://trygg.example/t/osby/medborgarlofte/d", locale: "sv" });
    const text = pdf.toString("latin1");
    assert.ok(text.startsWith("%PDF-1.7"));
    assert.match(text, /\/StructTreeRoot/);
    assert.match(text, /\/MarkInfo \d+ 0 R/);
    assert.match(text, /\/Marked true/);
    assert.match(text, /\/Lang \(sv-SE\)/);
    assert.match(text, /\/DisplayDocTitle true/);
    assert.match(text, /\/Title \d+ 0 R/);
    assert.ok(pdf.includes(pdfStringBytes("Medborgarlöfte i Osby kommun 2021")), "document title in /Info");
    for (const h of ["Polisen lovar att", "Kommunen lovar att", "Polisen och kommunen lovar att", "Inledning", "Underskrifter", "Lägesbild", "Fokusområden"]) {
      assert.ok(pdf.includes(Buffer.concat([Buffer.from("/T "), pdfStringBytes(h)])), `heading ${h} is tagged with its text`);
    }
    for (const tag of ["/S /H1", "/S /H2", "/S /P", "/S /L", "/S /LI", "/S /Lbl", "/S /LBody"]) assert.ok(text.includes(tag), `structure element ${tag}`);
  });

  it("renders the follow-up report as a tagged PDF", async () => {
    const pdf = await renderFollowUpPdf(view, { publicUrl: "https://trygg.example/t/osby/medborgarlofte/d/uppfoljning", asOf: "2022-01-10", locale: "sv" });
    const text = pdf.toString("latin1");
    assert.match(text, /\/StructTreeRoot/);
    assert.match(text, /\/Lang \(sv-SE\)/);
    assert.ok(pdf.includes(pdfStringBytes("Uppföljning: Medborgarlöfte i Osby kommun 2021")), "document title in /Info");
    assert.ok(pdf.includes(pdfStringBytes("Viktiga aktiviteter")));
    assert.ok(pdf.includes(pdfStringBytes("1. utföra riktade insatser mot trafikbrott")));
  });

  it("numbers every page: 'Sida n av N' in the footer, outside the structure tree", async () => {
    const many: DocumentView = {
      ...view,
      promises: Array.from({ length: 30 }, (_, i) => promise(i + 1, i % 2 ? "kommunen" : "polisen", `löfte nummer ${i + 1} om trygghet i Lönsboda`)),
    };
    for (const pdf of [
      await renderDocumentPdf(many, { publicUrl: "https://trygg.example/t/osby/medborgarlofte/d", locale: "sv" }),
      await renderFollowUpPdf(many, { publicUrl: "https://trygg.example/u", asOf: "2022-01-10", locale: "sv" }),
    ]) {
      const read = await readPdf(pdf);
      assert.ok(read.pageCount >= 2, "several pages");
      read.pages.forEach((page, i) => {
        assert.match(page.artifacts, new RegExp(`Sida ${i + 1} av ${read.pageCount}`), `page ${i + 1} has its number`);
        assert.doesNotMatch(page.tagged, /Sida \d+ av/, "page numbers are artifacts, not content");
        assert.equal(page.untagged, "", "no text outside the structure tree");
      });
    }
  });

  it("never splits the signature block across pages, however many promises come before it", async () => {
    const names = view.doc.signatories.map((s) => s.name);
    for (let n = 2; n <= 24; n++) {
      const many: DocumentView = {
        ...view,
        promises: Array.from({ length: n }, (_, i) => promise(i + 1, "polisen", `löfte ${i + 1}: utföra riktade insatser mot trafikbrott i Osby och Lönsboda`)),
      };
      const read = await readPdf(await renderDocumentPdf(many, { publicUrl: "https://trygg.example/x", locale: "sv" }));
      const heading = read.find("H2", "Underskrifter");
      assert.equal(heading.length, 1, `${n} promises: one heading Underskrifter`);
      const page = heading[0]!.page;
      for (const name of names) {
        const onPages = read.elements.filter((e) => e.role === "P" && e.text.includes(name)).map((e) => e.page);
        assert.deepEqual(onPages, [page], `${n} promises: ${name} signs on the page of the heading (${page})`);
      }
    }
  });
});
