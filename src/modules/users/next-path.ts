// Where to go after signing in. Only a path on this site is accepted as `next` — never another
// origin (no open redirect): it must start with a single "/", contain no backslash or control
// character, and resolve to our own origin.
const PLACEHOLDER_ORIGIN = "http://trygg.invalid";

export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return null;
  if (!next.startsWith("/") || next.startsWith("//")) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return null;
  // Never send someone back to the sign-in/out routes themselves.
  if (url.pathname === "/logga-in" || url.pathname === "/logga-ut") return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
