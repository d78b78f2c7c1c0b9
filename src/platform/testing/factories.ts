// Factories for tests. Text factories inject <script> and å/ä/ö by default so escaping and
// encoding bugs surface. Every factory takes the db first and returns what it created.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, Role } from "../db/schema.ts";
import { hashPassword } from "../auth/password.ts";

export const NASTY = `<script>alert("x")</script> Åsa & Örjan i Lönsboda`;

export function nasty(label = "text"): string {
  return `${label} ${NASTY} ${randomBytes(3).toString("hex")}`;
}

let kommunSeq = 9000;

export async function makeTenant(db: Kysely<DB>, over: Partial<{ slug: string; name: string; kommunkod: string }> = {}) {
  const n = kommunSeq++;
  return db
    .insertInto("tenants")
    .values({
      slug: over.slug ?? `test-${n}-${randomBytes(2).toString("hex")}`,
      name: over.name ?? `Testkommun ${n} ${NASTY}`,
      kommunkod: over.kommunkod ?? String(n),
      lan: "Skåne län",
      boundary: JSON.stringify({
        type: "Polygon",
        coordinates: [
          [
            [13.9, 56.3],
            [14.5, 56.3],
            [14.5, 56.55],
            [13.9, 56.55],
            [13.9, 56.3],
          ],
        ],
      }),
      settings: "{}",
    })
    .returning(["id", "slug", "name", "kommunkod"])
    .executeTakeFirstOrThrow();
}

export const TEST_PASSWORD = "korrekt-häst-batteri";
let cachedHash: string | null = null;

export async function makeUser(
  db: Kysely<DB>,
  tenantId: string | null,
  role: Role | null,
  over: Partial<{ email: string; name: string; isSystemAdmin: boolean; organisationId: string | null }> = {},
) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const user = await db
    .insertInto("users")
    .values({
      email: over.email ?? `u-${randomBytes(5).toString("hex")}@test.example`,
      name: over.name ?? `Användare ${NASTY}`,
      password_hash: cachedHash,
      is_system_admin: over.isSystemAdmin ?? false,
    })
    .returning(["id", "email", "name"])
    .executeTakeFirstOrThrow();
  if (tenantId && role) {
    await db
      .insertInto("memberships")
      .values({ tenant_id: tenantId, user_id: user.id, role, organisation_id: over.organisationId ?? null })
      .execute();
  }
  return user;
}

export async function makeOrganisation(db: Kysely<DB>, tenantId: string | null, name = `Org ${NASTY}`) {
  return db.insertInto("organisations").values({ tenant_id: tenantId, name, kind: "forvaltning" }).returning(["id", "name"]).executeTakeFirstOrThrow();
}
