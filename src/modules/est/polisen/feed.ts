// The police's open events feed behind a small adapter: a file on disk, or an HTTP fetch that
// keeps the police's rules for the API (https://polisen.se/om-polisen/om-webbplatsen/oppna-data/):
//
//   - HTTPS only (plain http only to this machine outside production: the tests' loopback server);
//   - a User-Agent that names the caller;
//   - at least 10 s between calls and at most 60 calls an hour — counted in the database
//     (est_police_calls), so the scheduled job, the command and several servers share one budget;
//     the slot is taken (row written) before the call, under a row lock, so two callers cannot
//     both pass the check;
//   - a 404 is permanent: the address is marked gone (est_police_feed) and never called again
//     until someone clears the mark (the command says how).
//
// Outcomes are named; nothing here throws for an expected problem.
import { readFile } from "node:fs/promises";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";

export const MIN_SECONDS_BETWEEN_CALLS = 10;
export const MAX_CALLS_PER_HOUR = 60;
/** A response larger than this is refused (the feed's 500 events are ~200 KB). */
export const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export type PayloadOutcome =
  | { kind: "ok"; json: unknown; bytes: number }
  | { kind: "notFound"; path: string }
  | { kind: "unreadable"; message: string }
  | { kind: "notJson"; message: string }
  | { kind: "gone"; status: number; since: Date }
  | { kind: "tooSoon"; waitSeconds: number }
  | { kind: "hourlyLimit"; waitSeconds: number }
  | { kind: "insecure"; url: string }
  | { kind: "httpError"; status: number }
  | { kind: "tooLarge" }
  | { kind: "networkError"; message: string };

function parseJson(text: string): { kind: "ok"; json: unknown; bytes: number } | { kind: "notJson"; message: string } {
  try {
    return { kind: "ok", json: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), bytes: Buffer.byteLength(text) };
  } catch (e) {
    return { kind: "notJson", message: e instanceof Error ? e.message : String(e) };
  }
}

/** A payload saved to a file (a snapshot, or a download). */
export async function readPayloadFile(path: string): Promise<PayloadOutcome> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "notFound", path };
    return { kind: "unreadable", message: code === "EISDIR" ? "det är en mapp, inte en fil" : (e as Error).message };
  }
  return parseJson(text);
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Whether Trygg may call this address: HTTPS, or plain http to this machine outside production. */
export function allowedUrl(url: string, production: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === "https:") return true;
  return u.protocol === "http:" && !production && LOOPBACK.has(u.hostname);
}

export type FetchOptions = {
  url: string;
  userAgent: string;
  production: boolean;
  /** The clock (tests move it); default the real one. */
  now?: () => Date;
  fetchImpl?: typeof fetch;
};

/** Reserve a call under the police's limits: the row is written before the call is made. */
async function reserveCall(
  db: Kysely<DB>,
  url: string,
  now: Date,
): Promise<{ kind: "ok"; callId: number } | Extract<PayloadOutcome, { kind: "gone" | "tooSoon" | "hourlyLimit" }>> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("est_police_feed")
      .values({ url })
      .onConflict((oc) => oc.column("url").doNothing())
      .execute();
    // One caller at a time per address: the feed row is the lock.
    const feed = await sql<{
      gone_at: Date | null;
      gone_status: number | null;
    }>`select gone_at, gone_status from est_police_feed where url = ${url} for update`.execute(trx);
    const state = feed.rows[0];
    if (state?.gone_at) return { kind: "gone" as const, status: state.gone_status ?? 404, since: new Date(state.gone_at) };
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const recent = await trx.selectFrom("est_police_calls").select(["called_at"]).where("called_at", ">", hourAgo).orderBy("called_at", "desc").execute();
    const last = recent[0] ? new Date(recent[0].called_at).getTime() : null;
    if (last !== null && now.getTime() - last < MIN_SECONDS_BETWEEN_CALLS * 1000)
      return { kind: "tooSoon" as const, waitSeconds: Math.ceil((last + MIN_SECONDS_BETWEEN_CALLS * 1000 - now.getTime()) / 1000) };
    if (recent.length >= MAX_CALLS_PER_HOUR) {
      const oldest = new Date(recent[recent.length - 1]!.called_at).getTime();
      return { kind: "hourlyLimit" as const, waitSeconds: Math.max(1, Math.ceil((oldest + 3_600_000 - now.getTime()) / 1000)) };
    }
    const row = await trx.insertInto("est_police_calls").values({ url, called_at: now }).returning("id").executeTakeFirstOrThrow();
    return { kind: "ok" as const, callId: Number(row.id) };
  });
}

async function finishCall(db: Kysely<DB>, callId: number, r: { status?: number; events?: number; error?: string }): Promise<void> {
  await db
    .updateTable("est_police_calls")
    .set({ status: r.status ?? null, events: r.events ?? null, error: r.error?.slice(0, 500) ?? null })
    .where("id", "=", callId)
    .execute();
}

/** Read a response body, refusing one larger than MAX_RESPONSE_BYTES. */
async function boundedText(res: Response): Promise<string | null> {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > MAX_RESPONSE_BYTES) return null;
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Fetch the feed once, under the police's rules (module comment). */
export async function fetchPayload(db: Kysely<DB>, opts: FetchOptions): Promise<PayloadOutcome> {
  if (!allowedUrl(opts.url, opts.production)) return { kind: "insecure", url: opts.url };
  const now = (opts.now ?? (() => new Date()))();
  const slot = await reserveCall(db, opts.url, now);
  if (slot.kind !== "ok") return slot;
  let res: Response;
  try {
    res = await (opts.fetchImpl ?? fetch)(opts.url, {
      headers: { "user-agent": opts.userAgent, accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    const message = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
    await finishCall(db, slot.callId, { error: message });
    return { kind: "networkError", message };
  }
  if (res.status === 404) {
    await finishCall(db, slot.callId, { status: 404 });
    await db.updateTable("est_police_feed").set({ gone_at: now, gone_status: 404, updated_at: new Date() }).where("url", "=", opts.url).execute();
    await res.body?.cancel();
    return { kind: "gone", status: 404, since: now };
  }
  if (!res.ok) {
    await finishCall(db, slot.callId, { status: res.status });
    await res.body?.cancel();
    return { kind: "httpError", status: res.status };
  }
  const text = await boundedText(res);
  if (text === null) {
    await finishCall(db, slot.callId, { status: res.status, error: "för stort svar" });
    return { kind: "tooLarge" };
  }
  const parsed = parseJson(text);
  await finishCall(db, slot.callId, {
    status: res.status,
    ...(parsed.kind === "ok" ? { events: Array.isArray(parsed.json) ? parsed.json.length : 0 } : { error: `inte JSON: ${parsed.message}` }),
  });
  return parsed;
}

/** Clear the "gone" mark of an address (after the police moved the feed back, or a mistyped URL). */
export async function clearGone(db: Kysely<DB>, url: string): Promise<boolean> {
  const r = await db.updateTable("est_police_feed").set({ gone_at: null, gone_status: null, updated_at: new Date() }).where("url", "=", url).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The User-Agent of Trygg's calls: the configured one, or one naming Trygg and the installation's address. */
export function userAgentOf(config: { POLISEN_USER_AGENT?: string | undefined; baseUrl: string }): string {
  return config.POLISEN_USER_AGENT ?? `Trygg/0.1 (kommunens trygghetsarbete; ${config.baseUrl})`;
}

/** A person-readable Swedish line for an outcome that is not "ok". */
export function describeOutcome(o: Exclude<PayloadOutcome, { kind: "ok" }>): string {
  switch (o.kind) {
    case "notFound":
      return `filen ${o.path} finns inte`;
    case "unreadable":
      return `filen går inte att läsa: ${o.message}`;
    case "notJson":
      return `innehållet är inte JSON (${o.message})`;
    case "gone":
      return `adressen svarade ${o.status} den ${o.since.toISOString().slice(0, 10)} och anropas inte igen (polisens regel: 404 är permanent); kör "trygg import polisen --rensa-404 <url>" om den fungerar igen`;
    case "tooSoon":
      return `polisens regler kräver minst ${MIN_SECONDS_BETWEEN_CALLS} s mellan anropen: vänta ${o.waitSeconds} s och försök igen`;
    case "hourlyLimit":
      return `polisens regler tillåter högst ${MAX_CALLS_PER_HOUR} anrop i timmen: vänta ${Math.ceil(o.waitSeconds / 60)} min`;
    case "insecure":
      return `adressen ${o.url} är inte HTTPS (vanlig http bara till den här datorn, utanför produktion)`;
    case "httpError":
      return `polisens server svarade ${o.status}`;
    case "tooLarge":
      return `svaret är större än ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`;
    case "networkError":
      return `kunde inte nå adressen: ${o.message}`;
  }
}
