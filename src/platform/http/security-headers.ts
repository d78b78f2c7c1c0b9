// Security headers (Content-Security-Policy, X-Frame-Options, HSTS, …) from helmet, computed ONCE
// for the app's fixed options and set on every answer by one hook. (@fastify/helmet builds every
// helmet middleware — parsing the CSP directives — anew on each request, a tenth of the CPU time
// of a cached public page.) The options are static, so the headers are the same for every request.
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

/** The headers helmet sets for these options (lower-case names). */
export function securityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  // A directive computed per request (a nonce function) cannot be computed ahead of time.
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === "object" && csp ? Object.values(csp.directives ?? {}) : [];
  if (directives.some((d) => typeof d === "function" || (Array.isArray(d) && d.some((x) => typeof x === "function")))) {
    throw new Error("en CSP-direktiv beräknas per begäran: säkerhetshuvudena kan inte räknas ut i förväg");
  }
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    failure = err ?? null;
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}
