// Rules for a new password (reset, invitation). Length is what matters (NIST SP 800-63B):
// at least 10 characters, counted as characters (å is one), at most 256 so hashing stays cheap.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = "tooShort" | "tooLong" | "mismatch" | "sameAsEmail";

/** Every rule the new password breaks, in the order they should be shown. */
export function checkNewPassword(password: string, repeat: string, email?: string | null): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push("tooShort");
  if (length > MAX_PASSWORD_LENGTH) problems.push("tooLong");
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) problems.push("sameAsEmail");
  if (password !== repeat) problems.push("mismatch");
  return problems;
}
