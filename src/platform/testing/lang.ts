// Which language a screen reader uses for each piece of a page's text: a small HTML walker
// (enough for Trygg's own server-rendered markup) that labels every character of the body's text
// with the nearest `lang` attribute around it. Used to prove that Swedish content on English
// pages is marked lang="sv".
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const RAW = new Set(["script", "style"]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The body's text (head, scripts and styles left out) and the language of each character. */
export function textWithLanguages(page: string): { text: string; langs: string[] } {
  const stack: Array<{ name: string; lang: string | null }> = [];
  let text = "";
  const langs: string[] = [];
  let inBody = false;
  const tagRe = /<!--[\s\S]*?-->|<!doctype[^>]*>|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/gi;
  let last = 0;
  const langNow = () => [...stack].reverse().find((e) => e.lang !== null)?.lang ?? "";
  const addText = (raw: string) => {
    if (!inBody || !raw) return;
    const s = decode(raw);
    text += s;
    const l = langNow();
    for (let i = 0; i < s.length; i++) langs.push(l);
  };
  for (let m = tagRe.exec(page); m; m = tagRe.exec(page)) {
    addText(page.slice(last, m.index));
    last = tagRe.lastIndex;
    const name = m[1]?.toLowerCase();
    if (!name) continue;
    const closing = m[0].startsWith("</");
    if (closing) {
      const i = stack.map((e) => e.name).lastIndexOf(name);
      if (i >= 0) stack.length = i;
      if (name === "body") inBody = false;
      continue;
    }
    if (name === "body") inBody = true;
    const lang = /\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[2] ?? "");
    if (RAW.has(name)) {
      // Skip to the end tag: the content is not text people read.
      const end = page.toLowerCase().indexOf(`</${name}`, last);
      last = end < 0 ? page.length : end;
      tagRe.lastIndex = last;
      continue;
    }
    if (VOID.has(name) || m[3] === "/") continue;
    stack.push({ name, lang: lang ? (lang[1] ?? lang[2] ?? lang[3] ?? "") : null });
  }
  addText(page.slice(last));
  // Spaces between block elements are not part of any needle; make the text searchable.
  return { text, langs };
}

/** Occurrences of each needle in the body's text that are not entirely in `lang` (with some context). */
export function untaggedOccurrences(page: string, needles: readonly string[], lang = "sv"): Array<{ needle: string; context: string; langs: string[] }> {
  const { text, langs } = textWithLanguages(page);
  const out: Array<{ needle: string; context: string; langs: string[] }> = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      const these = langs.slice(i, i + needle.length);
      if (these.some((l) => l !== lang && !l.startsWith(`${lang}-`))) {
        out.push({ needle, context: text.slice(Math.max(0, i - 40), i + needle.length + 40).replace(/\s+/g, " "), langs: [...new Set(these)] });
      }
    }
  }
  return out;
}
