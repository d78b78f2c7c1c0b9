// Reading a PDF back in tests, as a screen reader would: Mozilla's PDF.js (pdfjs-dist, a
// devDependency) gives each page's text — split into tagged content and artifacts (page
// numbers, rules) — and its structure tree, so a test can say "the heading 'Polisen lovar att'
// is an H2", "every page says 'Sida n av N'", "the signature block is on one page" or "the promise
// text is tagged sv-SE inside an English PDF".
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export type PdfElement = {
  /** Structure type: H1, P, LI, Span, TD … */
  role: string;
  /** /Lang of the element itself. */
  ownLang: string | null;
  /** The language a reader uses: the nearest /Lang up the tree, else the document's. */
  lang: string | null;
  /** The element's text on this page (its content and its descendants'). */
  text: string;
  /** 1-based page number (an element that runs over a page break is listed once per page). */
  page: number;
  /** Roles of the ancestors, outermost first. */
  path: string[];
};

export type PdfPage = {
  /** All text of the page. */
  text: string;
  /** Text inside the structure tree. */
  tagged: string;
  /** Text marked as artifacts (page numbers, footers). */
  artifacts: string;
  /** Text in no marked content at all (should be empty in a tagged PDF). */
  untagged: string;
};

export type ReadPdf = {
  pageCount: number;
  /** The catalog's /Lang. */
  lang: string | null;
  title: string | null;
  pages: PdfPage[];
  elements: PdfElement[];
  /** Elements of `role` whose text contains `text` (whitespace-normalised). */
  find(role: string, text?: string): PdfElement[];
};

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

type TreeNode = { role?: string; lang?: string; type?: string; id?: string; children?: TreeNode[] };
type TextItem = { str?: string; hasEOL?: boolean; type?: string; id?: string; tag?: string };

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false });
  const doc = await task.promise;
  try {
    const meta = await doc.getMetadata();
    const info = meta.info as { Language?: string; Title?: string };
    const docLang = info.Language ?? null;
    const pages: PdfPage[] = [];
    const elements: PdfElement[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const byId = new Map<string, string>();
      const stack: Array<{ id?: string; tag?: string }> = [];
      const all: string[] = [];
      const tagged: string[] = [];
      const artifacts: string[] = [];
      const untagged: string[] = [];
      for (const item of content.items as TextItem[]) {
        if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
          stack.push({ id: item.id, tag: item.tag });
          continue;
        }
        if (item.type === "endMarkedContent") {
          stack.pop();
          continue;
        }
        const s = `${item.str ?? ""}${item.hasEOL ? " " : ""}`;
        all.push(s);
        const id = [...stack].reverse().find((m) => m.id)?.id;
        if (stack.some((m) => m.tag === "Artifact")) artifacts.push(s);
        else if (id) {
          tagged.push(s);
          byId.set(id, (byId.get(id) ?? "") + s);
        } else untagged.push(s);
      }
      pages.push({ text: norm(all.join("")), tagged: norm(tagged.join("")), artifacts: norm(artifacts.join("")), untagged: norm(untagged.join("")) });
      const tree = (await page.getStructTree()) as TreeNode | null;
      // PDF.js lists a page's tree with whole subtrees; an element counts on this page when some
      // of its marked content is drawn here.
      const walk = (node: TreeNode, path: string[], inherited: string | null): string | null => {
        if (node.type === "content") return node.id && byId.has(node.id) ? (byId.get(node.id) ?? "") : null;
        const lang = node.lang ?? inherited;
        const role = node.role === "Root" ? "" : (node.role ?? "");
        const parts = (node.children ?? []).map((c) => walk(c, role ? [...path, role] : path, lang)).filter((x): x is string => x !== null);
        if (parts.length === 0) return null;
        const text = parts.join("");
        if (role) elements.push({ role, ownLang: node.lang ?? null, lang, text: norm(text), page: n, path });
        return text;
      };
      if (tree) walk(tree, [], docLang);
    }
    return {
      pageCount: doc.numPages,
      lang: docLang,
      title: info.Title ?? null,
      pages,
      elements,
      find: (role, text) => elements.filter((e) => e.role === role && (text === undefined || e.text.includes(norm(text)))),
    };
  } finally {
    await task.destroy();
  }
}
