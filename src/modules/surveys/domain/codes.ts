// One-time codes for a drawn sample: eight characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), shown as XXXX-XXXX, about 40 bits each. Only a hash is stored (salted with the
// survey's id, so the same code in two surveys differs); the plain codes exist once, in the file
// staff download when they are made. Typing is forgiving: case, spaces and dashes do not matter.
import { createHash, randomInt } from "node:crypto";

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const LENGTH = 8;

export function generateCode(): string {
  let s = "";
  for (let i = 0; i < LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** The code as typed → its canonical form (upper case, no separators), or null when it cannot be a code. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s\-–_.]/g, "");
  if (s.length !== LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

export function hashCode(surveyId: string, canonical: string): string {
  return createHash("sha256").update(`${surveyId}:${canonical}`).digest("hex");
}

/** `n` distinct codes. */
export function generateCodes(n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(generateCode());
  return [...out];
}
