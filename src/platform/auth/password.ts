// Password hashing with argon2id (OWASP parameters: m=19 MiB, t=2, p=1).
// Every verification is announced on a diagnostics channel (with the hash's parameters, never the
// hash or the password), so tests can prove that each sign-in attempt costs the same work.
import { channel } from "node:diagnostics_channel";
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 }; // the default algorithm is argon2id

/** Channel name; messages are `{ params }`, e.g. `$argon2id$v=19$m=19456,t=2,p=1`. */
export const PASSWORD_VERIFY_CHANNEL = "trygg:password.verify";
const verifyChannel = channel(PASSWORD_VERIFY_CHANNEL);

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  if (verifyChannel.hasSubscribers) verifyChannel.publish({ params: hashed.split("$").slice(0, 4).join("$") });
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
