// The document lifecycle and the document's structural rules, as pure functions:
// utkast → signerat → publicerat → uppfoljt → arkiverat (with "back to draft" from signerat, and
// new versions of published documents). Which *role* may act is policy.ts; whether the
// *document* allows it is here.
import { defineLifecycle } from "../../../platform/documents/lifecycle.ts";
import { DOCUMENT_STATUSES, type DocumentStatus, type Party, type Signatory } from "../tables.ts";

/**
 * The medborgarlöfte's lifecycle. Content is edited only in utkast; a published (or followed-up)
 * document changes only through a new version; operational data (promise statuses, activities,
 * verdicts) may change while the document runs.
 */
export const documentLifecycle = defineLifecycle({
  states: DOCUMENT_STATUSES,
  transitions: {
    sign: { from: ["utkast"], to: "signerat" },
    reopen: { from: ["signerat"], to: "utkast" },
    publish: { from: ["signerat"], to: "publicerat" },
    followUp: { from: ["publicerat"], to: "uppfoljt" },
    archive: { from: ["publicerat", "uppfoljt"], to: "arkiverat" },
  },
  allows: {
    edit: ["utkast"],
    newVersion: ["publicerat", "uppfoljt"],
    logActivity: ["signerat", "publicerat"],
    setVerdict: ["publicerat"],
    setPromiseStatus: ["signerat", "publicerat"],
  },
});

export type DocumentTransition = keyof typeof documentLifecycle.transitions;
export type DocumentAction = DocumentTransition | keyof typeof documentLifecycle.allows;

export function statusAllows(status: DocumentStatus, action: DocumentAction): boolean {
  return documentLifecycle.statusAllows(status, action);
}

/** Statuses residents can read. */
export const PUBLIC_STATUSES: readonly DocumentStatus[] = ["publicerat", "uppfoljt", "arkiverat"];
export function isPublicStatus(status: DocumentStatus): boolean {
  return PUBLIC_STATUSES.includes(status);
}

/** Statuses of the one open draft a series may have (a new version is refused while one exists). */
export const OPEN_STATUSES: readonly DocumentStatus[] = ["utkast", "signerat"];

export const KOMMUNEN = "kommunen";
export const POLISEN = "polisen";
export const TILLSAMMANS = "tillsammans";
const RESERVED = new Set([KOMMUNEN, POLISEN, TILLSAMMANS]);

/** Keys a promise's owner may take in a document with these parties. */
export function ownerKeys(parties: readonly Party[]): string[] {
  const keys = parties.map((p) => p.key);
  const both = keys.includes(KOMMUNEN) && keys.includes(POLISEN);
  return both ? [POLISEN, KOMMUNEN, TILLSAMMANS, ...keys.filter((k) => !RESERVED.has(k))] : keys;
}

/** Section order of the familiar document: Polisen, Kommunen, tillsammans, then other parties. */
export function sectionRank(owner: string, parties: readonly Party[]): number {
  if (owner === POLISEN) return 0;
  if (owner === KOMMUNEN) return 1;
  if (owner === TILLSAMMANS) return 2;
  const i = parties.findIndex((p) => p.key === owner);
  return 3 + (i < 0 ? parties.length : i);
}

/** Order promises as in the document (by section, then position) and number them 1…n. */
export function numberPromises<T extends { owner: string; position: number }>(
  promises: readonly T[],
  parties: readonly Party[],
): Array<T & { number: number }> {
  return [...promises]
    .sort((a, b) => sectionRank(a.owner, parties) - sectionRank(b.owner, parties) || a.position - b.position)
    .map((p, i) => ({ ...p, number: i + 1 }));
}

/** Parties that have no signatory yet. */
export function missingSignatories(parties: readonly Party[], signatories: readonly Signatory[]): Party[] {
  return parties.filter((p) => !signatories.some((s) => s.party === p.key && s.name.trim() !== ""));
}

export type SigningProblem =
  | { code: "noPromises" }
  | { code: "missingSignatories"; parties: Party[] }
  | { code: "missingSigningDate" }
  | { code: "missingSigningPlace" }
  | { code: "signingDateAfterPeriod" };

/** What stands between a draft and a signed document (empty when it can be signed). */
export function signingProblems(
  doc: { parties: readonly Party[]; signatories: readonly Signatory[]; signed_on: string | null; signing_place: string | null; valid_to: string },
  promiseCount: number,
): SigningProblem[] {
  const out: SigningProblem[] = [];
  if (promiseCount === 0) out.push({ code: "noPromises" });
  const missing = missingSignatories(doc.parties, doc.signatories);
  if (missing.length) out.push({ code: "missingSignatories", parties: missing });
  if (!doc.signed_on) out.push({ code: "missingSigningDate" });
  else if (doc.signed_on > doc.valid_to) out.push({ code: "signingDateAfterPeriod" });
  if (!doc.signing_place?.trim()) out.push({ code: "missingSigningPlace" });
  return out;
}

/** Where an activity's date breaks the rules: outside the validity period, or in the future. */
export function activityDateProblem(date: string, validFrom: string, validTo: string, today: string): "outsidePeriod" | "inFuture" | null {
  if (date < validFrom || date > validTo) return "outsidePeriod";
  if (date > today) return "inFuture";
  return null;
}

/**
 * The current promise: the latest published (publicerat or uppfoljt) document whose validity
 * period contains today — none when no period does (the latest one has ended, or the next has
 * not begun). Archived documents are earlier promises, never current.
 */
export function pickCurrent<T extends { status: DocumentStatus; valid_from: string; valid_to: string }>(docs: readonly T[], today: string): T | null {
  return liveNewestFirst(docs).find((d) => d.valid_from <= today && today <= d.valid_to) ?? null;
}

/** The latest published (publicerat or uppfoljt) document, current or not. */
export function pickLatest<T extends { status: DocumentStatus; valid_from: string }>(docs: readonly T[]): T | null {
  return liveNewestFirst(docs)[0] ?? null;
}

function liveNewestFirst<T extends { status: DocumentStatus; valid_from: string }>(docs: readonly T[]): T[] {
  return docs.filter((d) => d.status === "publicerat" || d.status === "uppfoljt").sort((a, b) => (a.valid_from < b.valid_from ? 1 : -1));
}

const FOLD: Record<string, string> = { å: "a", ä: "a", ö: "o", é: "e", ü: "u" };

/** A party key from its name ("Länsförsäkringar Göinge-Kristianstad" → "lansforsakringar-goinge-kristianstad"). */
export function partyKey(name: string): string {
  const k = name
    .toLocaleLowerCase("sv-SE")
    .replace(/[åäöéü]/g, (c) => FOLD[c] ?? c)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  const key = k.length >= 2 ? k : `part-${k || "x"}`;
  return RESERVED.has(key) ? `${key}-2` : key;
}
