// Identifiers the public sees: a report's reference (8 characters of Crockford base32, random,
// so numbers reveal nothing about how many reports exist or when hidden ones came in), Open311
// tokens, and secret tokens for links in mail (only their SHA-256 is stored).
import { createHash, createHmac, randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += CROCKFORD[bytes[i]! & 31];
  return out;
}

/** A new report reference, e.g. "K7M2QX4A". */
export function newRef(): string {
  return randomCode(8);
}

/** A reference as typed or read aloud: upper case, I/L → 1, O → 0, dashes and spaces ignored; null when it cannot be one. */
export function normaliseRef(input: string): string | null {
  const s = input.trim().toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(s) ? s : null;
}

/** "K7M2QX4A" → "K7M2-QX4A" (for reading aloud). */
export function displayRef(ref: string): string {
  return `${ref.slice(0, 4)}-${ref.slice(4)}`;
}

export function newOpen311Token(): string {
  return randomCode(12);
}

/** A secret for a link in mail (follow your report, confirm or end an alert): 32 random bytes. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Whether a string can be a secret made by newSecret (before hashing it for a lookup). */
export function looksLikeSecret(s: unknown): s is string {
  return typeof s === "string" && /^[A-Za-z0-9_-]{43}$/.test(s);
}

/** A new Open311 API key: a recognisable prefix and 32 characters of base32 (160 bits). */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `trygg_${randomCode(32).toLowerCase()}`;
  return { key, prefix: key.slice(0, 12), hash: hashSecret(key) };
}

/**
 * A link secret derived from the server's secret and what it is for ("follow:<report id>",
 * "alert:<subscription id>"), so every mail can carry the link while only its hash is stored.
 */
export function deriveSecret(serverSecret: string, purpose: string): string {
  return createHmac("sha256", serverSecret).update(`trygg-reports:${purpose}`, "utf8").digest("base64url");
}
