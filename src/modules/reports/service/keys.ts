// Open311 API keys: issued per organisation by an admin (page or `trygg open311 key add`),
// shown once, stored as a SHA-256 hash, revocable. Reports posted with a key remember it.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listOrganisations } from "../../tenants/index.ts";
import { newApiKey } from "../domain/codes.ts";
import { type ApiKeyRow, insertApiKey, revokeApiKey } from "../repo/keys.ts";
import { audit } from "../repo/updates.ts";

export type IssueKeyOutcome = { kind: "ok"; key: string; row: ApiKeyRow } | { kind: "nameMissing" } | { kind: "nameTooLong" } | { kind: "unknownOrganisation" };

export async function issueApiKey(
  db: Kysely<DB>,
  tenantId: string,
  input: { name: string; organisationId: string | null; createdBy: string | null },
): Promise<IssueKeyOutcome> {
  const name = input.name.trim();
  if (!name) return { kind: "nameMissing" };
  if (name.length > 120) return { kind: "nameTooLong" };
  if (input.organisationId && !(await listOrganisations(db, tenantId)).some((o) => o.id === input.organisationId)) return { kind: "unknownOrganisation" };
  const k = newApiKey();
  const row = await insertApiKey(db, tenantId, {
    organisation_id: input.organisationId,
    name,
    key_prefix: k.prefix,
    key_hash: k.hash,
    created_by: input.createdBy,
  });
  await db
    .insertInto("audit_log")
    .values({
      tenant_id: tenantId,
      actor_id: input.createdBy,
      action: "open311.key.add",
      entity: "report_api_key",
      entity_id: row.id,
      data: JSON.stringify({ name, prefix: k.prefix }),
    })
    .execute();
  return { kind: "ok", key: k.key, row };
}

export async function revokeKey(db: Kysely<DB>, tenantId: string, id: string, by: string | null): Promise<boolean> {
  const done = await revokeApiKey(db, tenantId, id, by);
  if (done)
    await db
      .insertInto("audit_log")
      .values({ tenant_id: tenantId, actor_id: by, action: "open311.key.revoke", entity: "report_api_key", entity_id: id, data: "{}" })
      .execute();
  return done;
}

export { audit };
