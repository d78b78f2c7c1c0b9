// The text of a PDF made by pdfkit, for tests: inflate the streams, find each font's ToUnicode
// map, and decode the text-showing operators (Tj, TJ) of the page contents with the font that is
// selected (Tf) when they run. Enough for asserting what a generated PDF says (and does not say)
// without a PDF library; not a general PDF parser.
import { inflateSync } from "node:zlib";

type PdfObject = { dict: string; stream: Buffer | null };

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.indexOf("stream");
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0) {
      dict = body.slice(0, s);
      let from = start + s + "stream".length;
      if (text[from] === "\r") from += 1;
      if (text[from] === "\n") from += 1;
      const to = text.lastIndexOf("endstream", end);
      const raw = pdf.subarray(from, to);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw, { finishFlush: 2 }) : raw;
    }
    out.set(Number(m[1]), { dict, stream });
  }
  return out;
}

/** A ToUnicode CMap as written by pdfkit: bfrange entries with arrays of UTF-16 code units. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) =>
    String.fromCharCode(
      ...h
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((x) => Number.parseInt(x, 16)),
    );
  for (const m of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    const first = Number.parseInt(m[1]!, 16);
    const items = [...m[3]!.matchAll(/<([^>]*)>/g)].map((x) => hex(x[1]!.replace(/(.{4})/g, "$1 ")));
    for (const [i, s] of items.entries()) map.set(first + i, s);
  }
  for (const m of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4,})>(?!\s*\])/g)) {
    const a = Number.parseInt(m[1]!, 16);
    const b = Number.parseInt(m[2]!, 16);
    const base = Number.parseInt(m[3]!, 16);
    for (let c = a; c <= b; c++) if (!map.has(c)) map.set(c, String.fromCharCode(base + c - a));
  }
  return map;
}

/** Lines of text of a pdfkit PDF, in drawing order (one entry per text-showing operator). */
export function pdfTextLines(pdf: Buffer): string[] {
  const objs = objects(pdf);
  // Font resource names (/F1 …) → their ToUnicode maps.
  const fonts = new Map<string, Map<number, string> | null>();
  for (const o of objs.values()) {
    const block = /\/Font\s*<<([^>]*)>>/.exec(o.dict);
    if (!block) continue;
    for (const f of block[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objs.get(Number(f[2]));
      const ref = font ? /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict) : null;
      const cmap = ref ? objs.get(Number(ref[1]))?.stream : null;
      fonts.set(f[1]!, cmap ? parseCmap(cmap.toString("latin1")) : null);
    }
  }
  const lines: string[] = [];
  for (const o of objs.values()) {
    if (!o.stream || /\/Type\s*\/(XObject|Metadata)|\/Subtype|\/Length1/.test(o.dict)) continue;
    const content = o.stream.toString("latin1");
    if (!/\b(Tj|TJ)\b/.test(content)) continue;
    let cmap: Map<number, string> | null = null;
    const ops = /\/(\w+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:[^)\\]|\\.)*)\)\s*Tj/g;
    for (let m = ops.exec(content); m; m = ops.exec(content)) {
      if (m[1]) {
        cmap = fonts.get(m[1]) ?? null;
        continue;
      }
      const decodeHex = (h: string) => {
        if (!cmap) return Buffer.from(h, "hex").toString("latin1");
        let s = "";
        for (let i = 0; i + 4 <= h.length; i += 4) s += cmap.get(Number.parseInt(h.slice(i, i + 4), 16)) ?? "";
        return s;
      };
      if (m[2] !== undefined) {
        let s = "";
        for (const part of m[2].matchAll(/<([0-9a-fA-F]*)>|\(((?:[^)\\]|\\.)*)\)/g)) s += part[1] !== undefined ? decodeHex(part[1]) : (part[2] ?? "");
        lines.push(s);
      } else if (m[3] !== undefined) lines.push(decodeHex(m[3]));
      else if (m[4] !== undefined) lines.push(m[4]);
    }
  }
  return lines;
}

/** All the text of a pdfkit PDF, lines joined by newlines. */
export function pdfText(pdf: Buffer): string {
  return pdfTextLines(pdf).join("\n");
}
