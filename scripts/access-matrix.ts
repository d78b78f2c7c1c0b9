// Writes docs/access-matrix.md: the role × route matrix from the route registry and each route's
// declared pipeline and policy, evaluated on the modules' fixtures in a fresh in-memory database
// (src/platform/testing/access-matrix.ts). test/sweeps/access-matrix.int.test.ts fails when the
// file differs from what this writes.  Usage: node scripts/access-matrix.ts
import { writeFileSync } from "node:fs";
import { buildAccessMatrix, matrixWorld, renderAccessMatrix } from "../src/platform/testing/access-matrix.ts";
import { createTestApp } from "../src/platform/testing/harness.ts";

const t = await createTestApp();
try {
  const world = await matrixWorld(t.db, { storage: t.app.deps.storage });
  const { rows, untested } = await buildAccessMatrix(t.db, t.app, world);
  writeFileSync(new URL("../docs/access-matrix.md", import.meta.url), renderAccessMatrix(rows, untested));
  console.log(`docs/access-matrix.md: ${rows.length} vägar${untested.length ? `, ${untested.length} utan fixtur` : ""}`);
} finally {
  await t.close();
}
