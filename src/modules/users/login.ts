// Password sign-in with lockout, built so that the answer never tells whether an address has an
// account:
// - Unknown address, wrong password, no password yet, a disabled account and a LOCKED account all
//   answer "invalid" — the same page, the same status. A locked account stays locked (even the
//   right password is refused); its owner learns of the lock by mail, with a link to choose a new
//   password (which lifts the lock).
// - Every attempt costs exactly one argon2 verification with the same parameters: where there is
//   no hash to check (unknown, disabled, no password) a dummy hash is verified instead.
// - Every failure is counted in ONE statement against the client address (login_failures, shared
//   by all instances) and, when an active account was named, against the account. After
//   LOGIN_MAX_FAILURES consecutive failures the account is locked for LOGIN_LOCK_MINUTES; after
//   LOGIN_MAX_FAILURES_PER_ADDRESS failures within LOGIN_LOCK_MINUTES the address may not sign
//   in for LOGIN_LOCK_MINUTES — an answer about the address, the same whichever account it names.
//   A successful sign-in resets the account's counter, never the address's (else an attacker
//   with one account of their own could reset it between guesses).
import type { Kysely } from "kysely";
import { hashPassword, verifyPassword } from "../../platform/auth/password.ts";
import { createSession } from "../../platform/auth/session.ts";
import type { DB } from "../../platform/db/schema.ts";
import { lockedMail } from "./mail.ts";
import { issuePasswordToken, type MailDeps, passwordLink, RESET_TOKEN_HOURS } from "./password-reset.ts";
import { acceptInvitations, clearLoginFailures, deleteExpiredSessions, findAddressBlock, findUserByEmail, recordLoginFailure } from "./repo.ts";

export type LoginSettings = { maxFailures: number; lockMinutes: number; maxFailuresPerAddress: number };

export type LoginOutcome = { kind: "ok"; userId: string } | { kind: "invalid" } | { kind: "addressBlocked"; minutes: number };

/** What sign-in may do besides answering: mail the owner of a locked account, after the answer. */
export type LoginEffects = {
  mail: MailDeps;
  /** Run work that must not delay (or time) the answer, such as the lock mail. */
  defer(task: () => Promise<void>): void;
};

let dummyHash: Promise<string> | null = null;
/** A hash with the real parameters, verified when there is no real one, so timing reveals nothing. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword("trygg-ingen-användare-finns-här");
  return dummyHash;
}

function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

export async function loginWithPassword(
  db: Kysely<DB>,
  settings: LoginSettings,
  input: { email: string; password: string; client: string },
  effects: LoginEffects,
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const blocked = await findAddressBlock(db, input.client, now);
  if (blocked) return { kind: "addressBlocked", minutes: minutesLeft(blocked, now) };
  const found = await findUserByEmail(db, input.email);
  const user = found && !found.disabled_at ? found : null;
  const locked = Boolean(user?.locked_until && new Date(user.locked_until) > now);
  // Exactly one verification on every path (instrumented: platform/auth/password.ts).
  const matches = await verifyPassword(user?.password_hash ?? (await dummy()), input.password);
  const ok = matches && user !== null && user.password_hash !== null && !locked;
  if (ok) {
    if (user.failed_logins > 0 || user.locked_until) await clearLoginFailures(db, user.id, now);
    return { kind: "ok", userId: user.id };
  }
  const counted = await recordLoginFailure(db, {
    client: input.client,
    // A locked account's lock neither grows nor restarts while it lasts.
    userId: user && !locked ? user.id : null,
    settings: {
      maxPerAddress: settings.maxFailuresPerAddress,
      maxPerAccount: settings.maxFailures,
      windowMinutes: settings.lockMinutes,
      lockMinutes: settings.lockMinutes,
    },
    now,
  });
  if (counted.accountJustLocked && user) {
    const owner = user;
    effects.defer(() => mailLockedOwner(db, effects.mail, owner, settings.lockMinutes, now));
  }
  return { kind: "invalid" };
}

/** Tell the owner that their account was locked, with a link to choose a new password (it lifts the lock). */
async function mailLockedOwner(
  db: Kysely<DB>,
  deps: MailDeps,
  user: { id: string; email: string; name: string; locale: "sv" | "en" },
  minutes: number,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const token = await issuePasswordToken(trx, user.id, RESET_TOKEN_HOURS, now);
    const mail = lockedMail(user.locale, { name: user.name, minutes, link: passwordLink(deps.baseUrl, token), hours: RESET_TOKEN_HOURS });
    await deps.mailer.send(trx, { tenantId: null, to: user.email, subject: mail.subject, text: mail.text });
  });
}

/**
 * A new session for a signed-in person (old expired ones of theirs are cleaned up). Signing in
 * also accepts the person's pending invitations to tenants (their admins now see them as members).
 */
export async function startSession(
  db: Kysely<DB>,
  userId: string,
  opts: { hours: number; ip?: string; userAgent?: string; method: "password" | "oidc" },
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  await deleteExpiredSessions(db, userId, now);
  await acceptInvitations(db, userId, now);
  return createSession(db, userId, opts);
}
