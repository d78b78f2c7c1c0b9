// PDFs of a medborgarlöfte in its familiar form and of its follow-up report, generated with
// pdfkit (no browser). The PDFs are tagged (structure tree with headings, paragraphs and lists;
// /Lang sv-SE; the document title shown in the viewer's title bar) so screen readers can read
// them. DejaVu Sans is embedded when installed (fonts-dejavu-core), else Helvetica is used.
import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import { formatDate, translator } from "../../../platform/i18n/i18n.ts";
import { keyActivities, sections } from "../pages/public.ts";
import { achievedText, dateRange, outcomesText, ownerLabel, sectionHeading, targetText } from "../pages/format.ts";
import type { DocumentView } from "../service/views.ts";

const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
const REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
const BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;

type Struct = PDFKit.PDFStructureElement;

/** A small writer that keeps every piece of text inside the structure tree. */
class TaggedWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly root: Struct;
  readonly done: Promise<Buffer>;
  private readonly regular: string;
  private readonly bold: string;

  /** `date` is the PDF's creation date: a fixed one (the document's last change) makes the output reproducible. */
  constructor(title: string, subject: string, date: Date) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: 64, bottom: 64, left: 64, right: 64 },
      tagged: true,
      lang: "sv-SE",
      displayTitle: true,
      pdfVersion: "1.7",
      info: { Title: title, Subject: subject, Author: "Trygg", Creator: "Trygg", Producer: "Trygg (pdfkit)", CreationDate: date, ModDate: date },
    });
    const chunks: Buffer[] = [];
    this.doc.on("data", (c: Buffer) => chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
    });
    if (existsSync(REGULAR) && existsSync(BOLD)) {
      this.doc.registerFont("Body", REGULAR);
      this.doc.registerFont("Heading", BOLD);
      this.regular = "Body";
      this.bold = "Heading";
    } else {
      this.regular = "Helvetica";
      this.bold = "Helvetica-Bold";
    }
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  heading(level: 1 | 2 | 3, text: string, parent: Struct = this.root): void {
    const size = level === 1 ? 20 : level === 2 ? 14 : 12;
    if (level > 1) this.doc.moveDown(0.6);
    const left = this.doc.page.margins.left;
    parent.add(
      this.doc.struct(`H${level}`, { title: text }, () => {
        this.doc.font(this.bold).fontSize(size).fillColor("#1b1f24").text(text, left, this.doc.y, { width: this.width });
      }),
    );
    this.doc.moveDown(0.3);
  }

  paragraph(text: string, parent: Struct = this.root, opts: { muted?: boolean } = {}): void {
    if (!text.trim()) return;
    const left = this.doc.page.margins.left;
    parent.add(
      this.doc.struct("P", {}, () => {
        this.doc
          .font(this.regular)
          .fontSize(11)
          .fillColor(opts.muted ? "#4a5560" : "#1b1f24")
          .text(text, left, this.doc.y, { width: this.width, lineGap: 2 });
      }),
    );
    this.doc.moveDown(0.4);
  }

  /** A list with explicit labels ("3.", "•"), each item tagged LI → Lbl + LBody. */
  list(items: Array<{ label: string; body: string[] }>, parent: Struct = this.root): void {
    if (items.length === 0) return;
    const L = this.doc.struct("L");
    parent.add(L);
    const left = this.doc.page.margins.left;
    const indent = 24;
    for (const item of items) {
      if (this.doc.y > this.doc.page.height - this.doc.page.margins.bottom - 40) this.doc.addPage();
      const y = this.doc.y;
      const li = this.doc.struct("LI");
      L.add(li);
      li.add(
        this.doc.struct("Lbl", {}, () => {
          this.doc
            .font(this.regular)
            .fontSize(11)
            .fillColor("#1b1f24")
            .text(item.label, left, y, { width: indent - 4 });
        }),
      );
      const body = this.doc.struct("LBody");
      li.add(body);
      item.body.forEach((line, i) => {
        body.add(
          this.doc.struct("P", {}, () => {
            this.doc
              .font(i === 0 ? this.regular : this.regular)
              .fontSize(i === 0 ? 11 : 10)
              .fillColor(i === 0 ? "#1b1f24" : "#4a5560")
              .text(line, left + indent, i === 0 ? y : this.doc.y, { width: this.width - indent, lineGap: 2 });
          }),
        );
      });
      body.end();
      li.end();
      this.doc.moveDown(0.3);
    }
    L.end();
    this.doc.x = left;
  }

  section(): Struct {
    const s = this.doc.struct("Sect");
    this.root.add(s);
    return s;
  }

  async finish(): Promise<Buffer> {
    this.root.end();
    this.doc.end();
    return this.done;
  }
}

const t = translator("sv");

/** The document as signed: lägesbild, the sections "Polisen lovar att" …, signatures. */
/** `provenance`: include the source note ("Om källan") — for staff previews; residents' PDFs leave it out. */
export async function renderDocumentPdf(view: DocumentView, opts: { publicUrl: string; provenance?: boolean }): Promise<Buffer> {
  const doc = view.doc;
  const w = new TaggedWriter(doc.title, t("promises.pdf.subject"), new Date(doc.updated_at));
  w.heading(1, doc.title);
  const facts: string[] = [t("promises.pdf.validity", { range: dateRange("sv", doc.valid_from, doc.valid_to) })];
  facts.push(t("promises.pdf.parties", { parties: doc.parties.map((p) => p.name).join(", ") }));
  if (doc.agreement_title) facts.push(t("promises.pdf.agreement", { agreement: doc.agreement_title }));
  for (const f of facts) w.paragraph(f);
  if (doc.stated_promise_count !== null && doc.stated_promise_count > view.promises.length) {
    w.paragraph(t("promises.public.excerpt", { shown: view.promises.length, total: doc.stated_promise_count }), w.root, { muted: true });
  }
  if (doc.introduction.trim()) {
    const s = w.section();
    w.heading(2, t("promises.doc.introduction"), s);
    for (const p of doc.introduction.split(/\n\s*\n/)) w.paragraph(p.trim(), s);
    s.end();
  }
  if (doc.focus_areas.length) {
    const s = w.section();
    w.heading(2, t("promises.doc.focusAreas"), s);
    w.list(
      doc.focus_areas.map((f) => ({ label: "•", body: [f] })),
      s,
    );
    s.end();
  }
  if (doc.findings.length) {
    const s = w.section();
    w.heading(2, t("promises.doc.findings"), s);
    w.list(
      doc.findings.map((f) => ({
        label: "•",
        body: [f.text, `${t("promises.finding.sourceLabel")}: ${t(`promises.source.${f.source}`)}${f.ref_url ? ` (${f.ref_url})` : ""}`],
      })),
      s,
    );
    s.end();
  }
  for (const group of sections(view)) {
    const s = w.section();
    w.heading(2, sectionHeading(t, group.owner, doc.parties), s);
    w.list(
      group.promises.map((p) => {
        const body = [p.text];
        const target = targetText(t, p.target);
        if (target) body.push(`${t("promises.field.target")}: ${target}`);
        if (p.responsibles.length) body.push(`${t("promises.field.responsible")}: ${p.responsibles.map((o) => o.name).join(", ")}`);
        return { label: `${p.number}.`, body };
      }),
      s,
    );
    s.end();
  }
  const sig = w.section();
  w.heading(2, t("promises.doc.signatures"), sig);
  const signed = [doc.signing_place, doc.signed_on ? formatDate(doc.signed_on, "sv") : null].filter(Boolean).join(", ");
  if (signed) w.paragraph(signed, sig);
  if (doc.signatories.length === 0) w.paragraph(t("promises.pdf.unsigned"), sig, { muted: true });
  // A signatory whose name is not known is shown by title and organisation.
  for (const s of doc.signatories)
    w.paragraph(`${s.name.trim() ? `${s.name}\n` : ""}${s.title}, ${s.organisation}${s.signed_on ? `\n${formatDate(s.signed_on, "sv")}` : ""}`, sig);
  sig.end();
  const about = w.section();
  w.heading(2, t("promises.pdf.about"), about);
  if (doc.source_note && opts.provenance) w.paragraph(doc.source_note, about, { muted: true });
  w.paragraph(t("promises.pdf.followUpAt", { url: opts.publicUrl }), about, { muted: true });
  about.end();
  return w.finish();
}

/** The follow-up report: per promise target, achieved, verdict, reason and key activities. */
export async function renderFollowUpPdf(view: DocumentView, opts: { publicUrl: string; asOf: string }): Promise<Buffer> {
  const doc = view.doc;
  const title = t("promises.followUp.title", { title: doc.title });
  const w = new TaggedWriter(title, t("promises.pdf.followUpSubject"), new Date(doc.updated_at));
  w.heading(1, title);
  w.paragraph(t("promises.pdf.validity", { range: dateRange("sv", doc.valid_from, doc.valid_to) }));
  w.paragraph(doc.status === "uppfoljt" ? t("promises.followUp.leadFinal") : t("promises.followUp.leadPreliminary"));
  w.paragraph(t("promises.pdf.asOf", { date: formatDate(opts.asOf, "sv") }), w.root, { muted: true });
  if (doc.followup_summary) {
    const s = w.section();
    w.heading(2, t("promises.followUp.summary"), s);
    for (const p of doc.followup_summary.split(/\n\s*\n/)) w.paragraph(p.trim(), s);
    s.end();
  }
  for (const p of view.promises) {
    const s = w.section();
    w.heading(2, `${p.number}. ${p.text}`, s);
    w.paragraph(`${t("promises.field.owner")}: ${ownerLabel(t, p.owner, doc.parties)}`, s);
    w.paragraph(`${t("promises.field.target")}: ${targetText(t, p.target) ?? t("promises.target.none")}`, s);
    w.paragraph(`${t("promises.progress.achieved")}: ${achievedText(t, p.progress, p.target)}`, s);
    w.paragraph(`${t("promises.field.verdict")}: ${p.verdict ? t(`promises.verdict.${p.verdict}`) : t("promises.verdict.none")}`, s);
    if (p.verdict_reason) w.paragraph(`${t("promises.field.reason")}: ${p.verdict_reason}`, s);
    const acts = keyActivities(p);
    if (acts.length) {
      w.heading(3, t("promises.followUp.keyActivities"), s);
      w.list(
        acts.map((a) => {
          const outcomes = outcomesText("sv", a.outcomes);
          return {
            label: "•",
            body: [`${formatDate(a.occurred_on, "sv")}: ${a.title}${a.place_name ? ` – ${a.place_name}` : ""}${outcomes ? ` (${outcomes})` : ""}`],
          };
        }),
        s,
      );
    }
    s.end();
  }
  const about = w.section();
  w.heading(2, t("promises.pdf.about"), about);
  w.paragraph(t("promises.pdf.followUpAt", { url: opts.publicUrl }), about, { muted: true });
  about.end();
  return w.finish();
}
