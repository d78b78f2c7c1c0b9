// Password reset and first password (invitation) through mailed single-use links. The token is
// random (256 bits), stored only as its SHA-256, valid for one hour (invitations: 72 hours) and
// used once. Asking for a reset answers the same whether or not the address has an account.
// A successful reset ends every session of the person and lifts any lockout.
import type { Kysely } from "kysely";
import { hashPassword } from "../../platform/auth/password.ts";
import { destroyUserSessions, hashToken, newToken } from "../../platform/auth/session.ts";
import type { DB } from "../../platform/db/schema.ts";
import type { Mailer } from "../../platform/mail/mailer.ts";
import { resetMail } from "./mail.ts";
import { checkNewPassword, type PasswordProblem } from "./password-rules.ts";
import {
  claimPasswordToken,
  findUsablePasswordToken,
  findUserByEmail,
  insertAudit,
  insertPasswordToken,
  retirePasswordTokens,
  setPasswordHash,
} from "./repo.ts";

export const RESET_TOKEN_HOURS = 1;
export const INVITE_TOKEN_HOURS = 72;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type MailDeps = { mailer: Mailer; baseUrl: string };

export function passwordLink(baseUrl: string, token: string): string {
  return `${baseUrl}/aterstall-losenord?token=${encodeURIComponent(token)}`;
}

/** A new single-use token for the user; returns the token to put in the link. */
export async function issuePasswordToken(db: Kysely<DB>, userId: string, hours: number, now: Date = new Date()): Promise<string> {
  const token = newToken();
  await insertPasswordToken(db, userId, hashToken(token), new Date(now.getTime() + hours * 3600_000));
  return token;
}

export type RequestResetOutcome = { kind: "sent" } | { kind: "noAccount" };

/** Mail a reset link when the address has an active account. Callers answer the same either way. */
export async function requestPasswordReset(db: Kysely<DB>, deps: MailDeps, email: string, now: Date = new Date()): Promise<RequestResetOutcome> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled_at) return { kind: "noAccount" };
  await db.transaction().execute(async (trx) => {
    const token = await issuePasswordToken(trx, user.id, RESET_TOKEN_HOURS, now);
    const mail = resetMail(user.locale, { name: user.name, link: passwordLink(deps.baseUrl, token), hours: RESET_TOKEN_HOURS });
    await deps.mailer.send(trx, { tenantId: null, to: user.email, subject: mail.subject, text: mail.text });
  });
  return { kind: "sent" };
}

export type TokenCheck = { kind: "usable"; email: string; name: string; firstPassword: boolean } | { kind: "invalid" };

export async function checkPasswordToken(db: Kysely<DB>, token: string, now: Date = new Date()): Promise<TokenCheck> {
  if (!TOKEN_SHAPE.test(token)) return { kind: "invalid" };
  const row = await findUsablePasswordToken(db, hashToken(token), now);
  if (!row || row.disabled_at) return { kind: "invalid" };
  return { kind: "usable", email: row.email, name: row.name, firstPassword: row.password_hash === null };
}

export type ResetOutcome = { kind: "ok"; userId: string } | { kind: "invalidToken" } | { kind: "rejected"; problems: PasswordProblem[] };

export async function resetPassword(db: Kysely<DB>, input: { token: string; password: string; repeat: string }, now: Date = new Date()): Promise<ResetOutcome> {
  if (!TOKEN_SHAPE.test(input.token)) return { kind: "invalidToken" };
  const tokenHash = hashToken(input.token);
  const row = await findUsablePasswordToken(db, tokenHash, now);
  if (!row || row.disabled_at) return { kind: "invalidToken" };
  // Check the rules before using the token up, so a rejected password keeps the link working.
  const problems = checkNewPassword(input.password, input.repeat, row.email);
  if (problems.length) return { kind: "rejected", problems };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx): Promise<ResetOutcome> => {
    const userId = await claimPasswordToken(trx, tokenHash, now);
    if (!userId) return { kind: "invalidToken" }; // used by a concurrent request
    await setPasswordHash(trx, userId, passwordHash, now);
    await retirePasswordTokens(trx, userId, now);
    await destroyUserSessions(trx, userId);
    await insertAudit(trx, null, { actorId: userId, action: row.password_hash ? "password.reset" : "password.set", entity: "user", entityId: userId });
    return { kind: "ok", userId };
  });
}
