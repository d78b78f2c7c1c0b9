// `trygg seed osby` and the demo data of an empty database: the foundation first, then each
// module's demo data (each idempotent).
import type { Kysely } from "kysely";
import type { DB } from "../platform/db/schema.ts";
import { demoSeeders } from "./index.ts";
import { type SeedOutcome, seedOsbyFoundation } from "./tenants/seed.ts";

export async function seedOsby(db: Kysely<DB>): Promise<SeedOutcome> {
  const outcome = await seedOsbyFoundation(db);
  for (const seed of demoSeeders) await seed(db, outcome.tenantId);
  return outcome;
}
