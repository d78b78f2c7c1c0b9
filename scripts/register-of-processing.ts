// Writes docs/register-of-processing.md (GDPR art. 30) from the modules' declared processing
// activities and the migrated database's tables (src/modules/privacy/register.ts).
//   node scripts/register-of-processing.ts
import { writeFileSync } from "node:fs";
import { installModuleMessages, modules } from "../src/modules/index.ts";
import { dataModel, renderRegister, uncoveredTables } from "../src/modules/privacy/register.ts";
import { createTestDatabase } from "../src/platform/testing/harness.ts";

installModuleMessages();
const database = await createTestDatabase();
try {
  const model = await dataModel(database.db);
  writeFileSync(new URL("../docs/register-of-processing.md", import.meta.url), renderRegister(modules, model));
  const missing = uncoveredTables(modules, model);
  console.log(`docs/register-of-processing.md: ${model.size} tabeller${missing.length ? `; UTAN behandling: ${missing.join(", ")}` : ""}`);
  if (missing.length) process.exitCode = 1;
} finally {
  await database.close();
}
