// Per-tenant settings are data, never per-tenant code: each module keeps its typed settings under
// its own key of tenants.settings (jsonb), validated by its zod schema with defaults, so a tenant
// without any settings gets the defaults and a stored value the schema no longer accepts falls
// back to them instead of breaking a page.
import { type Kysely, sql } from "kysely";
import type { z } from "zod";
import type { DB } from "../db/schema.ts";

/** The module's settings of a tenant (the schema's defaults where nothing valid is stored). */
export function settingsOf<T extends z.ZodType>(tenant: { settings: Record<string, unknown> }, key: string, schema: T): z.output<T> {
  const r = schema.safeParse(tenant.settings?.[key] ?? {});
  return r.success ? r.data : schema.parse({});
}

/** Store the module's settings of a tenant (validated; other modules' keys are left alone). */
export async function saveSettings<T extends z.ZodType>(db: Kysely<DB>, tenantId: string, key: string, schema: T, value: unknown): Promise<z.output<T>> {
  const parsed = schema.parse(value);
  await db
    .updateTable("tenants")
    .set({
      settings: sql`jsonb_set(coalesce(settings, '{}'::jsonb), ${sql.val([key])}::text[], ${JSON.stringify(parsed)}::jsonb, true)` as never,
      updated_at: new Date(),
    })
    .where("id", "=", tenantId)
    .execute();
  return parsed;
}
