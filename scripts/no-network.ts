// Preloaded into every test process (`node --import ./scripts/no-network.ts --test …`, see
// scripts/test.ts): a test that reaches the internet would pass here and fail (or hang) on a
// machine without it, and it would send test data somewhere. Any TCP or UDP connection and any DNS
// query to something other than this machine throws an Error naming the host, at once.
// Allowed: 127.0.0.0/8, ::1 (also as ::ffff:127.x.x.x), 0.0.0.0 and :: (this machine),
// `localhost` and names under `.localhost`, and Unix sockets.
// Covered: net.Socket#connect — under net.connect/createConnection, tls.connect, http(s) agents
// and fetch (undici opens its sockets with net/tls.connect) — dgram send/connect, dns.lookup,
// dns.promises.lookup and the dns.resolve* family (a query to a name server).
import dgram from "node:dgram";
import dns from "node:dns";
import { isIP } from "node:net";
import net from "node:net";
import { syncBuiltinESMExports } from "node:module";

/** Thrown instead of the connection. */
export class NetworkBlockedError extends Error {
  readonly code = "ERR_TRYGG_NO_NETWORK";
  readonly host: string;
  constructor(host: string, port: number | string | undefined, what: string) {
    const target = port === undefined || port === "" ? host : `${host}:${port}`;
    super(
      `nätverk är avstängt i testerna: ${what} till ${target} stoppades – bara 127.0.0.1, ::1, localhost och Unix-socketar är tillåtna ` +
        `(scripts/no-network.ts). Network is disabled in tests: ${what} to ${target} was blocked.`,
    );
    this.name = "NetworkBlockedError";
    this.host = host;
  }
}

/** Whether a host name or address is this machine. */
export function isLocalHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  if (h === "" || h === "localhost" || h.endsWith(".localhost")) return true;
  const v = isIP(h);
  if (v === 4) return h.startsWith("127.") || h === "0.0.0.0";
  if (v === 6) {
    if (h === "::1" || h === "::" || h === "0:0:0:0:0:0:0:1") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped !== null && mapped[1]!.startsWith("127.");
  }
  return false;
}

type ConnectTarget = { host?: string; port?: number | string; path?: string };

/** What a call of Socket#connect(options | port, host | path …) connects to. */
export function connectTarget(args: unknown[]): ConnectTarget {
  // net.connect() passes its already normalised arguments as one array: [options, callback].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === "object") {
    const o = first as { host?: unknown; port?: unknown; path?: unknown };
    if (typeof o.path === "string" && o.path !== "") return { path: o.path };
    return { host: typeof o.host === "string" ? o.host : undefined, port: o.port as number | string | undefined };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { path: first };
  return { port: first as number | string | undefined, host: typeof args[1] === "string" ? args[1] : undefined };
}

function guardConnect(args: unknown[]): void {
  const t = connectTarget(args);
  if (t.path !== undefined) return;
  const host = t.host ?? "localhost";
  if (!isLocalHost(host)) throw new NetworkBlockedError(host, t.port, "anslutning (TCP)");
}

function guardLookup(host: unknown, what: string): void {
  if (typeof host === "string" && !isLocalHost(host)) throw new NetworkBlockedError(host, undefined, what);
}

// TCP (and TLS, HTTP, fetch on top of it).
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  guardConnect(args);
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof connect;

// UDP: send(msg, [offset, length,] port [, address] [, callback]) and connect(port [, address]).
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (this: dgram.Socket, ...args: unknown[]) {
  const address = args.slice(1).find((a) => typeof a === "string");
  if (typeof address === "string" && !isLocalHost(address)) throw new NetworkBlockedError(address, undefined, "UDP-paket");
  return (send as (...a: unknown[]) => void).apply(this, args);
} as typeof send;
const udpConnect = dgram.Socket.prototype.connect;
dgram.Socket.prototype.connect = function (this: dgram.Socket, ...args: unknown[]) {
  if (typeof args[1] === "string" && !isLocalHost(args[1])) throw new NetworkBlockedError(args[1], args[0] as number, "anslutning (UDP)");
  return (udpConnect as (...a: unknown[]) => void).apply(this, args);
} as typeof udpConnect;

// DNS: lookup (the system resolver) and queries to name servers.
const lookup = dns.lookup;
dns.lookup = ((host: string, ...rest: unknown[]) => {
  guardLookup(host, "DNS-uppslagning");
  return (lookup as (...a: unknown[]) => void)(host, ...rest);
}) as typeof lookup;
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = ((host: string, ...rest: unknown[]) => {
  try {
    guardLookup(host, "DNS-uppslagning");
  } catch (err) {
    return Promise.reject(err);
  }
  return (lookupPromise as (...a: unknown[]) => Promise<unknown>)(host, ...rest);
}) as typeof lookupPromise;

const QUERIES = [
  "resolve",
  "resolve4",
  "resolve6",
  "resolveAny",
  "resolveCaa",
  "resolveCname",
  "resolveMx",
  "resolveNaptr",
  "resolveNs",
  "resolvePtr",
  "resolveSoa",
  "resolveSrv",
  "resolveTlsa",
  "resolveTxt",
  "reverse",
];
function blockQueries(target: object, promises: boolean): void {
  const t = target as Record<string, unknown>;
  for (const name of QUERIES) {
    const original = t[name];
    if (typeof original !== "function") continue;
    t[name] = function (this: unknown, host: unknown, ...rest: unknown[]) {
      try {
        guardLookup(host, "DNS-fråga");
      } catch (err) {
        if (promises) return Promise.reject(err);
        throw err;
      }
      return (original as (...a: unknown[]) => unknown).apply(this, [host, ...rest]);
    };
  }
}
blockQueries(dns, false);
blockQueries(dns.Resolver.prototype, false);
blockQueries(dns.promises, true);
blockQueries(dns.promises.Resolver.prototype, true);

// `import { lookup } from "node:dns"` in ES modules sees the guarded functions too.
syncBuiltinESMExports();
