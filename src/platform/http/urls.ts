// Links and redirects that people can type or send: the one place that decides whether a string
// is a path on this site (safe to redirect to, or to link as "internal") or an absolute web
// address. A browser resolves "/.//evil.example" and "/..//evil.example" to "//evil.example" —
// another site — so a path is judged after the URL parser has normalised it, and again after
// percent-decoding (servers and proxies that decode "%2F" or "%5C" would otherwise see "//host").
const PLACEHOLDER_ORIGIN = "http://trygg.invalid";

/** Longest link or redirect target accepted. */
export const MAX_LINK_LENGTH = 2000;

/** Whitespace and control characters: the URL parser drops or trims them silently. */
const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/u;

/** "//host" or "/\host": a protocol-relative address, i.e. another site. */
const OFF_SITE = /^\/[/\\]/;

/**
 * The normalised path (with query and fragment) when `input` is a path on this site, else null.
 * Refused: anything not starting with one "/", backslashes, whitespace and control characters,
 * malformed percent-encoding, and whatever normalises or decodes to a "//" or "/\" start.
 */
export function siteLocalPath(input: unknown): string | null {
  if (typeof input !== "string" || input.length === 0 || input.length > MAX_LINK_LENGTH) return null;
  if (!input.startsWith("/") || OFF_SITE.test(input)) return null;
  if (input.includes("\\") || INVISIBLE.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input, PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || OFF_SITE.test(path)) return null;
  // Decode repeatedly (double encoding) and refuse when a decoded form would leave the site.
  let decoded = url.pathname;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return null;
    }
    if (!staysOnSite(next)) return null;
    if (next === decoded) break;
    decoded = next;
  }
  return path;
}

/** Whether a decoded path, normalised again, is still a single-slash path on this site. */
function staysOnSite(decoded: string): boolean {
  if (decoded.includes("\\") || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(decoded)) return false;
  const stripped = decoded.replace(/[\t\n\r]/g, "");
  if (OFF_SITE.test(stripped)) return false;
  try {
    const url = new URL(stripped, PLACEHOLDER_ORIGIN);
    return url.origin === PLACEHOLDER_ORIGIN && !OFF_SITE.test(url.pathname);
  } catch {
    return false;
  }
}

/** An absolute http(s) address with a host (as typed, trimmed), else null. */
export function webAddress(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const s = input.trim();
  if (s.length === 0 || s.length > MAX_LINK_LENGTH || INVISIBLE.test(s) || s.includes("\\")) return null;
  if (!/^https?:\/\/[^/?#]/i.test(s)) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
  return s;
}

/**
 * A link target shown to the public: an absolute http(s) address, or a path on this site
 * (normalised). Null for anything else (javascript:, //host, /.//host, …).
 */
export function safeLinkTarget(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const s = input.trim();
  return s.startsWith("/") ? siteLocalPath(s) : webAddress(s);
}
