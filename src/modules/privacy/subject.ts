// A resident's rights by e-mail address (GDPR art. 15 and 17): the extract gathers what every
// module holds about the address in the tenant (`personalData.find`), the erasure asks every
// module to erase or anonymise it (`personalData.erase`). Both are logged in the audit log with
// a hash of the address (the log outlives the data and must not keep what was erased).
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import type { TryggModule } from "../../platform/module.ts";

export function addressHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 16);
}

export type Extract = {
  email: string;
  tenant: string;
  generatedAt: string;
  /** Module → kind → rows. */
  data: Record<string, Record<string, unknown[]>>;
  /** Modules that hold no resident data (so the reader knows they were asked). */
  holders: string[];
};

export async function extractFor(
  db: Kysely<DB>,
  modules: readonly TryggModule[],
  tenant: { id: string; slug: string },
  email: string,
  now = new Date(),
): Promise<Extract> {
  const data: Record<string, Record<string, unknown[]>> = {};
  const holders: string[] = [];
  for (const m of modules) {
    if (!m.personalData) continue;
    holders.push(m.name);
    const found = await m.personalData.find(db, tenant.id, email.trim());
    if (Object.values(found).some((rows) => rows.length)) data[m.name] = found;
  }
  return { email: email.trim(), tenant: tenant.slug, generatedAt: now.toISOString(), data, holders };
}

export async function eraseFor(
  db: Kysely<DB>,
  modules: readonly TryggModule[],
  tenantId: string,
  email: string,
): Promise<Record<string, Record<string, number>>> {
  return db.transaction().execute(async (trx) => {
    const out: Record<string, Record<string, number>> = {};
    for (const m of modules) {
      if (!m.personalData) continue;
      out[m.name] = await m.personalData.erase(trx, tenantId, email.trim());
    }
    return out;
  });
}
