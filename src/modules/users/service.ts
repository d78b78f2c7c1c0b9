// Use cases for accounts. Named outcomes, not exceptions, for expected results.
import type { Kysely } from "kysely";
import { hashPassword } from "../../platform/auth/password.ts";
import type { DB, Role } from "../../platform/db/schema.ts";
import { addMembership, findUserByEmail, insertUser } from "./repo.ts";

export type AddUserInput = {
  email: string;
  name: string;
  password?: string | null;
  tenantId: string;
  role: Role;
  organisationId?: string | null;
  isSystemAdmin?: boolean;
};

export type AddUserOutcome = { kind: "created"; userId: string } | { kind: "roleAdded"; userId: string } | { kind: "weakPassword" };

export const MIN_PASSWORD_LENGTH = 10;

/** Create an account (or add a role to an existing one) in a tenant. */
export async function addUser(db: Kysely<DB>, input: AddUserInput): Promise<AddUserOutcome> {
  if (input.password && input.password.length < MIN_PASSWORD_LENGTH) return { kind: "weakPassword" };
  const existing = await findUserByEmail(db, input.email);
  if (existing) {
    await addMembership(db, input.tenantId, existing.id, input.role, input.organisationId ?? null);
    return { kind: "roleAdded", userId: existing.id };
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const user = await insertUser(db, { email: input.email, name: input.name, passwordHash, isSystemAdmin: input.isSystemAdmin });
  await addMembership(db, input.tenantId, user.id, input.role, input.organisationId ?? null);
  return { kind: "created", userId: user.id };
}
