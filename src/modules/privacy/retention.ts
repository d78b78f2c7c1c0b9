// Retention (gallring): each module declares the kinds of data it removes after a time
// (`retention` on the module object); each tenant sets the days per kind (tenant settings, key
// "privacy"; the module's default where nothing is set; empty = kept). The daily job runs every
// rule for every tenant and logs what it removed in the audit log ("retention.run", counts per
// kind — never the removed content).
import type { Kysely } from "kysely";
import { z } from "zod";
import { audit } from "../../platform/audit.ts";
import { acrossTenants } from "../../platform/db/across-tenants.ts";
import type { DB } from "../../platform/db/schema.ts";
import type { RetentionRule, TryggModule } from "../../platform/module.ts";
import { settingsOf } from "../../platform/tenancy/settings.ts";

export const SETTINGS_KEY = "privacy";

/** Days per kind; null = kept without limit. Kinds no module declares are ignored. */
export const RetentionSettings = z.object({
  retentionDays: z.record(z.string(), z.number().int().min(1).max(36500).nullable()).default({}),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export function retentionRules(modules: readonly TryggModule[]): RetentionRule[] {
  return modules.flatMap((m) => m.retention ?? []);
}

/** The tenant's days for each declared kind (its setting, else the rule's default). */
export function daysFor(tenant: { settings: Record<string, unknown> }, rules: readonly RetentionRule[]): Map<string, number | null> {
  const s = settingsOf(tenant, SETTINGS_KEY, RetentionSettings);
  const out = new Map<string, number | null>();
  for (const r of rules) out.set(r.kind, r.kind in s.retentionDays ? (s.retentionDays[r.kind] ?? null) : r.defaultDays);
  return out;
}

export type RetentionReport = { tenantId: string; removed: Record<string, number> };

/** Run every rule for one tenant; logs the counts. */
export async function applyRetention(
  db: Kysely<DB>,
  tenant: { id: string; settings: Record<string, unknown> },
  rules: readonly RetentionRule[],
  now: Date = new Date(),
): Promise<RetentionReport> {
  const removed: Record<string, number> = {};
  const days = daysFor(tenant, rules);
  for (const rule of rules) {
    const d = days.get(rule.kind);
    if (d === null || d === undefined) continue;
    const before = new Date(now.getTime() - d * 86_400_000);
    removed[rule.kind] = await rule.apply(db, tenant.id, before);
  }
  await audit(db, {
    tenantId: tenant.id,
    actorId: null,
    action: "retention.run",
    entity: "tenant",
    entityId: tenant.id,
    data: { removed, days: Object.fromEntries(days) },
  });
  return { tenantId: tenant.id, removed };
}

/** The daily job: every tenant (deliberately across tenants: the job serves them all). */
export async function runRetention(db: Kysely<DB>, modules: readonly TryggModule[], now: Date = new Date()): Promise<RetentionReport[]> {
  const rules = retentionRules(modules);
  const tenants = await acrossTenants(db).selectFrom("tenants").select(["id", "settings"]).orderBy("slug").execute();
  const out: RetentionReport[] = [];
  for (const t of tenants) out.push(await applyRetention(db, { id: t.id, settings: (t.settings ?? {}) as Record<string, unknown> }, rules, now));
  return out;
}
