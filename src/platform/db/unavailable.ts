// Is this error "the database cannot be reached right now" (as opposed to a bug or bad data)?
// Then the request is answered 503 with Retry-After (src/app.ts), not 500: PostgreSQL is
// restarting, failing over, crashed or out of connections, and trying again in a moment helps.
// Recognised by what pg reports, never by message text alone where a code exists:
// - SQLSTATE class 08 (connection exception), 57P01–57P03 (administrator or crash shutdown, cannot
//   connect now: the server is starting or recovering), 53300 (too many connections);
// - the socket's own errors while connecting or talking to the server (ECONNREFUSED …);
// - pg's and pg-pool's messages for a connection that ended or never came (they carry no code).
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const MESSAGES =
  /^(Connection terminated unexpectedly|Connection terminated|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") {
    if (code.startsWith("08") && code.length === 5) return true;
    if (SQLSTATES.has(code) || SOCKET.has(code)) return true;
  }
  // Several addresses tried (IPv4 and IPv6): Node reports them together.
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.every(isDatabaseUnavailable);
  return MESSAGES.test(err.message);
}
