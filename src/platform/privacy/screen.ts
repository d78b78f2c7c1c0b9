// Personal-data screening of free text, before it is stored (resident reports, EST incidents,
// walk observations, survey free text). Finds Swedish personnummer and samordningsnummer (with a
// Luhn check and a real date, with or without century and separator), phone numbers, e-mail
// addresses and likely person names. Nothing is changed silently: the caller shows the writer
// what was found (`describeFindings`, `markFindings`) and asks them to rephrase. Identity numbers,
// phone numbers and e-mail addresses are certain findings; a likely name is a guess the writer may
// confirm is not a person ("Per" is also a preposition, "Björn" an animal).
import { readFileSync } from "node:fs";
import { FIRST_NAMES, NAME_LIKE_WORDS, PERSON_CUES, STRONG_SURNAME_ENDINGS, SURNAME_ENDINGS } from "./names.ts";

export type FindingKind = "personnummer" | "samordningsnummer" | "telefon" | "epost" | "namn";

export type Finding = {
  kind: FindingKind;
  /** Offsets in the screened text (UTF-16, as String.prototype.slice). */
  start: number;
  end: number;
  text: string;
  /** False for guesses (names): the writer may confirm that it is not personal data. */
  certain: boolean;
};

const DIGIT = /\d/;

/** Luhn checksum over the 10 digits YYMMDDNNNC. */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/**
 * Whether `digits` (YYMMDDNNNC or YYYYMMDDNNNC) is a personnummer or samordningsnummer: a real
 * date (a samordningsnummer adds 60 to the day) and a valid Luhn digit.
 */
export function identityNumberKind(digits: string): "personnummer" | "samordningsnummer" | null {
  const ten = digits.length === 12 ? digits.slice(2) : digits;
  if (!/^\d{10}$/.test(ten) || (digits.length !== 10 && digits.length !== 12)) return null;
  if (!luhnValid(ten)) return null;
  const month = Number(ten.slice(2, 4));
  const rawDay = Number(ten.slice(4, 6));
  const coordination = rawDay > 60;
  const day = coordination ? rawDay - 60 : rawDay;
  // The century is unknown for 10 digits: accept the date if it is real in either century.
  const yy = Number(ten.slice(0, 2));
  const years = digits.length === 12 ? [Number(digits.slice(0, 4))] : [1900 + yy, 2000 + yy];
  if (digits.length === 12 && Math.floor(years[0]! / 100) !== 18 && Math.floor(years[0]! / 100) !== 19 && Math.floor(years[0]! / 100) !== 20) return null;
  if (!years.some((y) => isRealDate(y, month, day))) return null;
  return coordination ? "samordningsnummer" : "personnummer";
}

// 8 or 6 digits of date, an optional separator (-, + or a space), 4 digits; not inside a longer number.
const IDENTITY = /(?<![\d])((?:\d{2})?\d{6})\s?([-+]?)\s?(\d{4})(?![\d])/g;
// Swedish phone numbers: +46/0046 or a leading 0, then 7–9 more digits in groups.
const PHONE = /(?<![\d\w])(?:(?:\+|00)\s?46[\s-]?\(?0?\)?[\s-]?|0)[1-9](?:[\s-]?\d){6,9}(?![\d])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// A capitalised word (Swedish letters, with a hyphenated second part).
const WORD = /[A-ZÅÄÖÉÜ][a-zåäöéüß]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüß]+)?/g;

function overlaps(a: { start: number; end: number }, list: readonly Finding[]): boolean {
  return list.some((b) => a.start < b.end && b.start < a.end);
}

function findIdentityNumbers(text: string, out: Finding[]): void {
  for (const m of text.matchAll(IDENTITY)) {
    const digits = `${m[1]}${m[3]}`;
    const kind = identityNumberKind(digits);
    if (!kind) continue;
    out.push({ kind, start: m.index!, end: m.index! + m[0].length, text: m[0], certain: true });
  }
}

function findPhones(text: string, out: Finding[]): void {
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, "");
    const national = digits.startsWith("46") ? digits.slice(2) : digits.startsWith("0046") ? digits.slice(4) : digits.replace(/^0/, "");
    if (national.length < 7 || national.length > 10) continue;
    const f = { kind: "telefon" as const, start: m.index!, end: m.index! + m[0].length, text: m[0], certain: true };
    if (!overlaps(f, out)) out.push(f);
  }
}

function findEmails(text: string, out: Finding[]): void {
  for (const m of text.matchAll(EMAIL)) {
    const f = { kind: "epost" as const, start: m.index!, end: m.index! + m[0].length, text: m[0], certain: true };
    if (!overlaps(f, out)) out.push(f);
  }
}

/** Whether the word at `index` starts a sentence (so its capital letter says nothing). */
function sentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).trimEnd();
  return before === "" || /[.!?:\n]$/.test(before) || /["'”»(]$/.test(before);
}

function endsWithAny(word: string, endings: readonly string[]): boolean {
  const w = word.toLowerCase();
  return endings.some((e) => w.length > e.length + 1 && w.endsWith(e));
}

/** The word before `index`, lower case ("" at the start). */
function previousWord(text: string, index: number): string {
  return /([A-Za-zÅÄÖåäöéü]+)\s+$/.exec(text.slice(Math.max(0, index - 40), index))?.[1]?.toLowerCase() ?? "";
}

function findNames(text: string, out: Finding[], ignore: ReadonlySet<string>): void {
  const words = [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index!, end: m.index! + m[0].length }));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lower = w.word.toLowerCase();
    if (ignore.has(lower)) continue;
    const first = lower.split("-").every((part) => FIRST_NAMES.has(part));
    const next = words[i + 1];
    const adjacent = next && /^[ \t]+$/.test(text.slice(w.end, next.start));
    if (first && adjacent && next && !ignore.has(next.word.toLowerCase())) {
      // "Anna Svensson", "Per-Olof Lind": a first name and a capitalised word right after it.
      const f = { kind: "namn" as const, start: w.start, end: next.end, text: text.slice(w.start, next.end), certain: false };
      if (!overlaps(f, out)) out.push(f);
      i++;
      continue;
    }
    if (first) {
      // A first name alone: a name unless it is also a common word (Per, Bo, Sten …) or only
      // capitalised because it starts a sentence.
      if (NAME_LIKE_WORDS.has(lower) || sentenceStart(text, w.start)) continue;
      const f = { kind: "namn" as const, start: w.start, end: w.end, text: w.word, certain: false };
      if (!overlaps(f, out)) out.push(f);
      continue;
    }
    const cue = PERSON_CUES.has(previousWord(text, w.start));
    if ((!sentenceStart(text, w.start) && endsWithAny(w.word, STRONG_SURNAME_ENDINGS)) || (cue && endsWithAny(w.word, SURNAME_ENDINGS))) {
      // "… Karlsson …" inside a sentence, or "grannen Lindqvist": a surname. A place-like ending
      // (-berg, -holm, -lund) counts only after a word that points at a person.
      const f = { kind: "namn" as const, start: w.start, end: w.end, text: w.word, certain: false };
      if (!overlaps(f, out)) out.push(f);
    }
  }
}

let placeNames: Set<string> | null = null;

/** Sweden's municipality names (shipped open data), and their genitive forms: never person names. */
function swedishPlaceNames(): ReadonlySet<string> {
  if (placeNames) return placeNames;
  const csv = readFileSync(new URL("../../../assets/geo/swedish_admin_areas.csv", import.meta.url), "utf8");
  placeNames = new Set();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [, name, , lan] = line.split(",");
    for (const n of [name, lan?.replace(/ län$/, "")]) {
      if (!n) continue;
      for (const part of n.toLowerCase().split(/\s+/)) {
        placeNames.add(part);
        placeNames.add(`${part}s`);
      }
    }
  }
  return placeNames;
}

export type ScreenOptions = {
  /** Words that are never names here (the tenant's place names: "Lönsboda", "Killeberg" …), any case. */
  ignoreWords?: Iterable<string>;
  /** Likely names the writer confirmed are not people (their exact text). */
  confirmedNotNames?: Iterable<string>;
};

/** Every finding in `text`, in order of position. */
export function screenText(text: string, opts: ScreenOptions = {}): Finding[] {
  if (!text || (!DIGIT.test(text) && !/[A-ZÅÄÖ@]/.test(text))) return [];
  const out: Finding[] = [];
  findIdentityNumbers(text, out);
  findEmails(text, out);
  findPhones(text, out);
  const ignore = new Set([...swedishPlaceNames(), ...[...(opts.ignoreWords ?? [])].map((w) => w.toLowerCase())]);
  const confirmed = new Set(opts.confirmedNotNames ?? []);
  const names: Finding[] = [];
  findNames(text, names, ignore);
  for (const n of names) if (!confirmed.has(n.text) && !overlaps(n, out)) out.push(n);
  return out.sort((a, b) => a.start - b.start);
}

/** Screen several fields at once: field name → its findings (fields without findings left out). */
export function screenFields(fields: Record<string, string | null | undefined>, opts: ScreenOptions = {}): Record<string, Finding[]> {
  const out: Record<string, Finding[]> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!value) continue;
    const found = screenText(value, opts);
    if (found.length) out[name] = found;
  }
  return out;
}

/** Only the findings the writer cannot wave through (identity numbers, phone numbers, e-mail). */
export function certainFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.certain);
}

/** The text in pieces, each marked whether it is a finding (for highlighting in a page). */
export function markFindings(text: string, findings: readonly Finding[]): Array<{ text: string; finding: Finding | null }> {
  const parts: Array<{ text: string; finding: Finding | null }> = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start > at) parts.push({ text: text.slice(at, f.start), finding: null });
    parts.push({ text: text.slice(f.start, f.end), finding: f });
    at = f.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), finding: null });
  return parts;
}
