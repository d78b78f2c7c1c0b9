// Map verified OpenID Connect claims to an existing account. Accounts are created by admins,
// never by signing in: the identity (issuer + subject) is looked up first, then the e-mail
// claim; a match by e-mail links the identity so later sign-ins survive an address change.
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import type { OidcClaims } from "../../platform/oidc/oidc-client.ts";
import { findUserByEmail, findUserByIdentity, insertAudit, linkIdentity } from "./repo.ts";

export type OidcSignInOutcome =
  | { kind: "ok"; userId: string; linked: boolean }
  | { kind: "noEmail" }
  | { kind: "emailNotVerified"; email: string }
  | { kind: "noAccount"; email: string }
  | { kind: "disabled" };

export async function signInWithOidc(db: Kysely<DB>, claims: OidcClaims): Promise<OidcSignInOutcome> {
  const known = await findUserByIdentity(db, claims.issuer, claims.subject);
  if (known) return known.disabled_at ? { kind: "disabled" } : { kind: "ok", userId: known.id, linked: false };
  if (!claims.email) return { kind: "noEmail" };
  // Providers that say the address is unverified are not trusted with it; absent means trusted
  // (many municipal directories do not send email_verified for their own addresses).
  if (claims.emailVerified === false) return { kind: "emailNotVerified", email: claims.email };
  const user = await findUserByEmail(db, claims.email);
  if (!user) return { kind: "noAccount", email: claims.email };
  if (user.disabled_at) return { kind: "disabled" };
  await linkIdentity(db, claims.issuer, claims.subject, user.id);
  await insertAudit(db, null, { actorId: user.id, action: "oidc.link", entity: "user", entityId: user.id, data: { issuer: claims.issuer } });
  return { kind: "ok", userId: user.id, linked: true };
}
