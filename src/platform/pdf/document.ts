// Tagged, accessible PDFs with pdfkit (no browser): every piece of text sits in the structure
// tree (H1–H3, P, L/LI/Lbl/LBody, Table/TR/TH/TD, Sect), the document has a language and a title
// shown in the viewer's title bar, user content keeps its own language (content.ts), and every
// page gets a footer — the public address and "Sida 1 av 3" / "Page 1 of 3" — as a pagination
// artifact (outside the structure tree, so screen readers do not read it between paragraphs).
//
// Layout rules: a heading never ends a page (it starts the next one when fewer than three lines
// fit after it); a list item and a table row are never split; `keepTogether` starts a new page
// for a block (a signature block) that does not fit in what is left of the page but fits on one.
// Heights are computed before drawing (measure mode: the same calls, no output), so these rules
// do not depend on pdfkit's own page breaks.
//
//   const pdf = createPdf({ locale: "en", title: content(doc.title), subject, date, publicUrl });
//   pdf.heading(1, content(doc.title));
//   pdf.section(() => { pdf.heading(2, t(introKey)); pdf.paragraph(content(doc.introduction)); });
//   pdf.keepTogether(() => pdf.section(() => { … the signatures … }));
//   const bytes = await pdf.finish();
import PDFDocument from "pdfkit";
import { type Locale, translator } from "../i18n/i18n.ts";
import { plain, runsOf } from "../i18n/content.ts";
import { pdfFonts } from "./fonts.ts";

/** Language tags written to /Lang. */
export const LANG_TAG: Readonly<Record<Locale, string>> = { sv: "sv-SE", en: "en-GB" };

export type PdfOptions = {
  /** Language of the labels, the page numbers and the document (/Lang). */
  locale: Locale;
  /** Language of the content people wrote (default Swedish); tagged where it differs from `locale`. */
  contentLocale?: Locale;
  /** Document title (may contain content marks); shown in the viewer's title bar. */
  title: string;
  subject: string;
  /** Creation and modification date: a fixed one (the document's last change) gives the same bytes every time. */
  date: Date;
  /** The document's public address, printed in every page's footer. */
  publicUrl?: string;
};

export type ListItem = { label: string; body: string[] };
export type TableSpec = { caption?: string; header: string[]; rows: string[][] /** relative column widths */; widths?: number[] };

type Struct = PDFKit.PDFStructureElement;
type TextStyle = { font: "regular" | "bold"; size: number; color: string };

const COLOR = { text: "#1b1f24", muted: "#4a5560", rule: "#8a949e" };
const BODY: TextStyle = { font: "regular", size: 11, color: COLOR.text };
const SMALL: TextStyle = { font: "regular", size: 10, color: COLOR.muted };
const HEADING: Record<1 | 2 | 3, TextStyle> = {
  1: { font: "bold", size: 20, color: COLOR.text },
  2: { font: "bold", size: 14, color: COLOR.text },
  3: { font: "bold", size: 12, color: COLOR.text },
};
const LINE_GAP = 2;
const AFTER_PARAGRAPH = 6;
const AFTER_HEADING = 5;
const BEFORE_HEADING = { 1: 0, 2: 12, 3: 8 } as const;
const LIST_INDENT = 24;
const CELL_PAD = 4;
const MARGIN = 64;
const FOOTER_SIZE = 9;

export class PdfWriter {
  readonly locale: Locale;
  readonly contentLocale: Locale;
  private readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Buffer>;
  private readonly root: Struct;
  private readonly parents: Struct[] = [];
  private readonly publicUrl: string | undefined;
  /** Virtual y while measuring (null when drawing). */
  private measured: number | null = null;

  constructor(opts: PdfOptions) {
    this.locale = opts.locale;
    this.contentLocale = opts.contentLocale ?? "sv";
    this.publicUrl = opts.publicUrl;
    const title = plain(opts.title);
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      tagged: true,
      lang: LANG_TAG[opts.locale],
      displayTitle: true,
      pdfVersion: "1.7",
      bufferPages: true,
      info: { Title: title, Subject: opts.subject, Author: "Trygg", Creator: "Trygg", Producer: "Trygg (pdfkit)", CreationDate: opts.date, ModDate: opts.date },
    });
    const chunks: Buffer[] = [];
    this.doc.on("data", (c: Buffer) => chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
    });
    const fonts = pdfFonts();
    this.doc.registerFont("regular", fonts.regular);
    this.doc.registerFont("bold", fonts.bold);
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
    this.parents.push(this.root);
  }

  /** Width of the text column. */
  get width(): number {
    const p = this.doc.page;
    return p.width - p.margins.left - p.margins.right;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get maxY(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Height of the text column of a page. */
  private get pageHeight(): number {
    const p = this.doc.page;
    return p.height - p.margins.top - p.margins.bottom;
  }

  private get atTop(): boolean {
    return this.measured === null && this.doc.y <= this.doc.page.margins.top + 0.5;
  }

  private advance(pt: number): void {
    if (this.measured !== null) this.measured += pt;
    else this.doc.y += pt;
  }

  /** Start a new page unless `height` fits below the current position (or we are at a page's top). */
  private ensure(height: number): void {
    if (this.measured !== null || this.atTop) return;
    if (this.doc.y + height > this.maxY) this.doc.addPage();
  }

  private style(s: TextStyle): void {
    this.doc.font(s.font).fontSize(s.size).fillColor(s.color);
  }

  private heightOf(text: string, s: TextStyle, width: number): number {
    this.doc.font(s.font).fontSize(s.size);
    return this.doc.heightOfString(plain(text) || " ", { width, lineGap: LINE_GAP });
  }

  private lineHeight(s: TextStyle): number {
    this.doc.font(s.font).fontSize(s.size);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  private langOf(isContent: boolean): string | undefined {
    return isContent && this.contentLocale !== this.locale ? LANG_TAG[this.contentLocale] : undefined;
  }

  /**
   * One structure element of `type` holding `text` at (x, y): when the whole text has one
   * language, the element carries it (/Lang for content in another language than the document);
   * label text mixed with content becomes a Span per run. Line breaks ("\n") are kept.
   */
  private textElement(type: string, text: string, s: TextStyle, x: number, y: number, width: number, extra: Record<string, unknown> = {}): Struct {
    const runs = runsOf(text);
    const opts = { width, lineGap: LINE_GAP };
    this.style(s);
    const langs = new Set(runs.map((r) => this.langOf(r.content)));
    if (langs.size <= 1) {
      const [lang] = langs;
      return this.doc.struct(type, { ...extra, lang }, () => {
        this.doc.text(runs.map((r) => r.text).join(""), x, y, opts);
      });
    }
    // Mixed languages: one Span per run, drawn as continued text line by line (pdfkit does not
    // break a continued text at "\n", so every line ends its own continuation).
    const lines: Array<Array<{ text: string; lang: string | undefined }>> = [[]];
    for (const run of runs) {
      run.text.split("\n").forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines.at(-1)!.push({ text: part, lang: this.langOf(run.content) });
      });
    }
    const spans: Struct[] = [];
    lines.forEach((line, li) => {
      if (line.length === 0) {
        this.doc.y += this.lineHeight(s);
        return;
      }
      line.forEach((piece, i) => {
        spans.push(
          this.doc.struct("Span", { lang: piece.lang }, () => {
            const o = { ...opts, continued: i < line.length - 1 };
            if (i === 0) this.doc.text(piece.text, x, li === 0 ? y : this.doc.y, o);
            else this.doc.text(piece.text, o);
          }),
        );
      });
    });
    return this.doc.struct(type, extra, spans);
  }

  private get parent(): Struct {
    return this.parents.at(-1) ?? this.root;
  }

  heading(level: 1 | 2 | 3, text: string): void {
    const s = HEADING[level];
    const before = BEFORE_HEADING[level];
    const h = this.heightOf(text, s, this.width);
    if (this.measured !== null) {
      this.advance(before + h + AFTER_HEADING);
      return;
    }
    // Keep the heading with at least three lines of what follows.
    this.ensure(before + h + AFTER_HEADING + 3 * this.lineHeight(BODY));
    if (!this.atTop) this.advance(before);
    this.parent.add(this.textElement(`H${level}`, text, s, this.left, this.doc.y, this.width, { title: plain(text) }));
    this.advance(AFTER_HEADING);
  }

  paragraph(text: string, opts: { muted?: boolean } = {}): void {
    if (!plain(text).trim()) return;
    const s = opts.muted ? { ...BODY, color: COLOR.muted } : BODY;
    if (this.measured !== null) {
      this.advance(this.heightOf(text, s, this.width) + AFTER_PARAGRAPH);
      return;
    }
    this.ensure(this.lineHeight(s));
    this.parent.add(this.textElement("P", text, s, this.left, this.doc.y, this.width));
    this.advance(AFTER_PARAGRAPH);
  }

  /** A list with visible labels ("3.", "•"); each item LI → Lbl + LBody (a P per line; lines after the first are smaller). */
  list(items: readonly ListItem[]): void {
    if (items.length === 0) return;
    const bodyWidth = this.width - LIST_INDENT;
    const heightOfItem = (item: ListItem) => item.body.reduce((sum, line, i) => sum + this.heightOf(line, i === 0 ? BODY : SMALL, bodyWidth), 0) + 4;
    if (this.measured !== null) {
      for (const item of items) this.advance(heightOfItem(item));
      this.advance(AFTER_PARAGRAPH - 4);
      return;
    }
    const L = this.doc.struct("L");
    this.parent.add(L);
    for (const item of items) {
      const h = heightOfItem(item);
      if (h <= this.pageHeight) this.ensure(h);
      const y = this.doc.y;
      const li = this.doc.struct("LI");
      L.add(li);
      li.add(this.textElement("Lbl", item.label, BODY, this.left, y, LIST_INDENT - 4));
      const body = this.doc.struct("LBody");
      li.add(body);
      item.body.forEach((line, i) => {
        body.add(this.textElement("P", line, i === 0 ? BODY : SMALL, this.left + LIST_INDENT, i === 0 ? y : this.doc.y, bodyWidth));
      });
      body.end();
      li.end();
      this.advance(4);
    }
    L.end();
    this.advance(AFTER_PARAGRAPH - 4);
    this.doc.x = this.left;
  }

  /** A table with a header row (TH, scope Column); rows are never split, the header is repeated (as an artifact) on a new page. */
  table(spec: TableSpec): void {
    const cols = spec.header.length;
    const weights = spec.widths ?? spec.header.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (w / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const headStyle: TextStyle = { ...BODY, font: "bold", size: 10 };
    const cellStyle: TextStyle = { ...BODY, size: 10 };
    const rowHeight = (cells: readonly string[], s: TextStyle) =>
      Math.max(...cells.slice(0, cols).map((c, i) => this.heightOf(c, s, (widths[i] ?? 0) - 2 * CELL_PAD))) + 2 * CELL_PAD;
    const captionHeight = spec.caption ? this.heightOf(spec.caption, { ...BODY, font: "bold" }, this.width) + 4 : 0;
    const headHeight = rowHeight(spec.header, headStyle);
    if (this.measured !== null) {
      this.advance(captionHeight + headHeight + spec.rows.reduce((sum, r) => sum + rowHeight(r, cellStyle), 0) + AFTER_PARAGRAPH);
      return;
    }
    const table = this.doc.struct("Table");
    this.parent.add(table);
    this.ensure(captionHeight + headHeight + (spec.rows[0] ? rowHeight(spec.rows[0], cellStyle) : 0));
    if (spec.caption) {
      table.add(this.textElement("Caption", spec.caption, { ...BODY, font: "bold" }, this.left, this.doc.y, this.width));
      this.advance(4);
    }
    const drawRow = (cells: readonly string[], s: TextStyle, h: number, tr: Struct | null, cellType: "TH" | "TD") => {
      const y = this.doc.y;
      cells.slice(0, cols).forEach((c, i) => {
        const x = (xs[i] ?? this.left) + CELL_PAD;
        const w = (widths[i] ?? 0) - 2 * CELL_PAD;
        if (tr) tr.add(this.textElement(cellType, c, s, x, y + CELL_PAD, w, cellType === "TH" ? { scope: "Column" } : {}));
        else {
          this.style(s);
          this.doc.text(plain(c), x, y + CELL_PAD, { width: w, lineGap: LINE_GAP });
        }
      });
      this.doc.y = y + h;
      this.artifact(() => {
        this.doc
          .moveTo(this.left, y + h)
          .lineTo(this.left + this.width, y + h)
          .lineWidth(cellType === "TH" ? 1 : 0.5)
          .strokeColor(COLOR.rule)
          .stroke();
      });
    };
    const head = this.doc.struct("TR");
    table.add(head);
    drawRow(spec.header, headStyle, headHeight, head, "TH");
    head.end();
    for (const row of spec.rows) {
      const h = rowHeight(row, cellStyle);
      if (this.doc.y + h > this.maxY && h <= this.pageHeight) {
        this.doc.addPage();
        this.artifact(() => drawRow(spec.header, headStyle, headHeight, null, "TH"));
      }
      const tr = this.doc.struct("TR");
      table.add(tr);
      drawRow(row, cellStyle, h, tr, "TD");
      tr.end();
    }
    table.end();
    this.advance(AFTER_PARAGRAPH);
    this.doc.x = this.left;
  }

  /** A section (Sect) around what `body` writes. */
  section(body: () => void): void {
    if (this.measured !== null) {
      body();
      return;
    }
    const s = this.doc.struct("Sect");
    this.parent.add(s);
    this.parents.push(s);
    try {
      body();
    } finally {
      this.parents.pop();
      s.end();
    }
  }

  /** The height `body` takes (nothing is drawn). */
  measure(body: () => void): number {
    const outer = this.measured;
    this.measured = 0;
    try {
      body();
      return this.measured;
    } finally {
      this.measured = outer;
    }
  }

  /** Write `body` on one page: start a new page first when it does not fit below but fits on a page. */
  keepTogether(body: () => void): void {
    if (this.measured === null) {
      const h = this.measure(body);
      if (h <= this.pageHeight) this.ensure(h);
    }
    body();
  }

  /** Drawing that is not content (rules, repeated headers, footers). */
  private artifact(draw: () => void, type?: "Pagination" | "Layout"): void {
    this.doc.markContent("Artifact", type ? { type } : {});
    draw();
    this.doc.endMarkedContent();
  }

  /** The footer of every page: the public address and "Sida n av N". */
  private footers(): void {
    const t = translator(this.locale);
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const bottom = page.margins.bottom;
      page.margins.bottom = 0; // writing below the text column must not add a page
      const y = page.height - bottom + 24;
      const label = t("pdf.pageOf", { page: i + 1 - range.start, pages: range.count });
      this.artifact(() => {
        this.doc.font("regular").fontSize(FOOTER_SIZE).fillColor(COLOR.muted);
        const labelWidth = this.doc.widthOfString(label) + 2;
        if (this.publicUrl) {
          // One line: a long address gets a smaller type (down to 6 pt) rather than a second line.
          const room = this.width - labelWidth - 12;
          let size = FOOTER_SIZE;
          while (size > 6 && this.doc.fontSize(size).widthOfString(this.publicUrl) > room) size -= 0.5;
          this.doc.text(this.publicUrl, this.left, y, { lineBreak: false });
          this.doc.fontSize(FOOTER_SIZE);
        }
        this.doc.text(label, this.left + this.width - labelWidth, y, { width: labelWidth, align: "right", lineBreak: false });
      }, "Pagination");
      page.margins.bottom = bottom;
    }
  }

  async finish(): Promise<Buffer> {
    this.footers();
    this.root.end();
    this.doc.end();
    return this.done;
  }
}

export function createPdf(opts: PdfOptions): PdfWriter {
  return new PdfWriter(opts);
}
