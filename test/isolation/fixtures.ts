// What the tenant-isolation sweep (isolation.int.test.ts) needs from each module. Keep this list
// explicit: a module with tenant-scoped routes that take ids adds its `isolationFixtures` here
// (exported from src/modules/<module>/testing.ts; see src/platform/testing/isolation.ts).
//
//   import * as promises from "../../src/modules/promises/testing.ts";
//   export const fixtureSources: FixtureSource[] = [foundation, { module: "promises", ...promises }];
import type { Kysely } from "kysely";
import * as analysis from "../../src/modules/analysis/testing.ts";
import * as promises from "../../src/modules/promises/testing.ts";
import type { DB } from "../../src/platform/db/schema.ts";
import { makeOrganisation, makeUser, nasty } from "../../src/platform/testing/factories.ts";
import type { FixtureSource } from "../../src/platform/testing/isolation.ts";

/** Rows in every foundation table a tenant owns, so that the before/after comparison has something to guard. */
const foundation: FixtureSource = {
  module: "foundation",
  async isolationFixtures(db: Kysely<DB>, tenantId: string) {
    const area = await db
      .insertInto("areas")
      .values({ tenant_id: tenantId, slug: "centrum", name: nasty("Område"), kind: "survey", geometry: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const org = await makeOrganisation(db, tenantId);
    await db.insertInto("organisation_tenants").values({ tenant_id: tenantId, organisation_id: org.id }).execute();
    const user = await makeUser(db, tenantId, "rapportor", { organisationId: org.id });
    const file = await db
      .insertInto("files")
      .values({
        tenant_id: tenantId,
        storage_key: `${tenantId}/x.txt`,
        filename: "x.txt",
        content_type: "text/plain",
        size_bytes: 1,
        sha256: "0".repeat(64),
        created_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("outbox")
      .values({ tenant_id: tenantId, to_address: "a@test.example", subject: nasty("Ämne"), body_text: "x" })
      .execute();
    await db
      .insertInto("audit_log")
      .values({ tenant_id: tenantId, actor_id: user.id, action: "test", entity: "area", entity_id: area.id, data: "{}" })
      .execute();
    return { areaId: area.id, organisationId: org.id, userId: user.id, fileId: file.id };
  },
};

export const fixtureSources: FixtureSource[] = [
  foundation,
  { module: "promises", isolationFixtures: promises.isolationFixtures },
  { module: "analysis", isolationFixtures: analysis.isolationFixtures },
];

/**
 * Requests that need more than an empty body or query to reach the handler (a route whose
 * validation answers 400 to `{}` must be listed, or the sweep fails: a 400 from validation proves
 * nothing about tenant isolation). Key: "METHOD /url/pattern"; `ids` are tenant B's fixture ids.
 */
export type RequestOverride = (ids: Record<string, string>) => {
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** Send the body as JSON even on a page route (default: JSON for /api/*, a form otherwise). */
  json?: boolean;
};
export const requestOverrides: Record<string, RequestOverride> = {};

/**
 * Routes the sweep does not check, each with the reason. Keep this empty if at all possible;
 * every entry is printed on each run.
 */
export const exemptions: Record<string, string> = {};
