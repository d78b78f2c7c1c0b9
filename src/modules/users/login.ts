// Password sign-in with lockout. Unknown address, wrong password, no password yet and a disabled
// account all give the same answer ("invalid"), and take about as long, so the form never tells
// whether an address has an account. After LOGIN_MAX_FAILURES consecutive failures the account
// is locked for LOGIN_LOCK_MINUTES; a successful sign-in resets the counter.
import type { Kysely } from "kysely";
import { hashPassword, verifyPassword } from "../../platform/auth/password.ts";
import { createSession } from "../../platform/auth/session.ts";
import type { DB } from "../../platform/db/schema.ts";
import { clearLoginFailures, deleteExpiredSessions, findUserByEmail, recordFailedLogin } from "./repo.ts";

export type LockoutSettings = { maxFailures: number; lockMinutes: number };

/** The account a refusal concerns (for the audit log only; never shown — the answer is the same without an account). */
export type LoginOutcome = { kind: "ok"; userId: string } | { kind: "invalid"; userId?: string } | { kind: "locked"; minutes: number; userId?: string };

let dummyHash: Promise<string> | null = null;
/** Spend the same argon2 work when there is no hash to check, so timing reveals nothing. */
async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword("trygg-ingen-användare-finns-här");
  await verifyPassword(await dummyHash, password);
}

function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

export async function loginWithPassword(
  db: Kysely<DB>,
  settings: LockoutSettings,
  input: { email: string; password: string },
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const user = await findUserByEmail(db, input.email);
  if (!user || user.disabled_at) {
    await burnVerify(input.password);
    return { kind: "invalid" };
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    return { kind: "locked", minutes: minutesLeft(new Date(user.locked_until), now), userId: user.id };
  }
  let ok = false;
  if (user.password_hash) ok = await verifyPassword(user.password_hash, input.password);
  else await burnVerify(input.password); // invited, or OIDC only: no password to match
  if (!ok) {
    const lockUntil = new Date(now.getTime() + settings.lockMinutes * 60_000);
    const after = await recordFailedLogin(db, user.id, settings.maxFailures, lockUntil, now);
    if (after?.locked_until && new Date(after.locked_until) > now) {
      return { kind: "locked", minutes: minutesLeft(new Date(after.locked_until), now), userId: user.id };
    }
    return { kind: "invalid", userId: user.id };
  }
  if (user.failed_logins > 0 || user.locked_until) await clearLoginFailures(db, user.id, now);
  return { kind: "ok", userId: user.id };
}

/** A new session for a signed-in person (old expired ones of theirs are cleaned up). */
export async function startSession(
  db: Kysely<DB>,
  userId: string,
  opts: { hours: number; ip?: string; userAgent?: string; method: "password" | "oidc" },
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  await deleteExpiredSessions(db, userId, now);
  return createSession(db, userId, opts);
}
