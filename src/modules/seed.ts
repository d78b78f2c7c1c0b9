// `trygg seed osby` and the demo data of an empty database outside production: the foundation
// first, then each module's demo data in module order (each idempotent). The file storage is
// passed on so a module's demo can store files (report photos).
import type { Kysely } from "kysely";
import type { DB } from "../platform/db/schema.ts";
import type { DemoDeps } from "../platform/module.ts";
import { modules } from "./index.ts";
import { type SeedOutcome, seedOsbyFoundation } from "./tenants/seed.ts";

export async function seedOsby(db: Kysely<DB>, deps: DemoDeps = {}): Promise<SeedOutcome> {
  const outcome = await seedOsbyFoundation(db);
  for (const m of modules) if (m.demo) await m.demo(db, outcome.tenantId, deps);
  return outcome;
}
