// Content language. Labels follow the reader's language (sv or en); the content people wrote
// (titles, promise texts, findings, names of organisations and areas …) stays as written, in
// Swedish. `content(text)` marks such a piece anywhere in a string — inside a translated sentence
// too: t(key, { unit: content(unit) }) — and the output tags it with its language where that
// differs from the page's or document's: `mixed(ctx, s)` in HTML (src/platform/http/html.ts,
// <span lang="sv">) and the PDF writer (src/platform/pdf/, /Lang on the structure element).
// The marks are two private-use characters that never reach the output.

const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKS = /[\uE000\uE001]/g;

/** Mark a piece of user content (no translation exists) inside any string. */
export function content(text: string): string {
  return `${OPEN}${text.replace(MARKS, "")}${CLOSE}`;
}

/** A stretch of text and whether it is user content. */
export type Run = { text: string; content: boolean };

/** Split a string into runs of label text and marked content (empty runs dropped). */
export function runsOf(s: string): Run[] {
  const out: Run[] = [];
  let inContent = false;
  let buf = "";
  const flush = () => {
    if (buf) out.push({ text: buf, content: inContent });
    buf = "";
  };
  for (const ch of s) {
    if (ch === OPEN) {
      flush();
      inContent = true;
    } else if (ch === CLOSE) {
      flush();
      inContent = false;
    } else buf += ch;
  }
  flush();
  return out;
}

/** The string without marks (for /Title, /T and measuring). */
export function plain(s: string): string {
  return s.replace(MARKS, "");
}
