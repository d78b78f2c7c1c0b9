// Where to go after signing in. Only a path on this site is accepted as `next` — never another
// origin (no open redirect): the platform's siteLocalPath judges the path after the URL parser
// has normalised it ("/.//host" is "//host") and after percent-decoding.
import { siteLocalPath } from "../../platform/http/urls.ts";

export function safeNextPath(next: unknown): string | null {
  const path = siteLocalPath(next);
  if (path === null) return null;
  // Never send someone back to the sign-in/out routes themselves.
  const pathname = path.replace(/[?#].*$/, "").replace(/(.)\/+$/, "$1");
  if (pathname === "/logga-in" || pathname === "/logga-ut") return null;
  return path;
}
