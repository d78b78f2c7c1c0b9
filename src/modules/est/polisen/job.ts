// The scheduled fetch of the police's open events (a pg-boss job, every 15 minutes): one call to
// the feed serves every tenant, and each tenant whose EST settings ask for it gets exactly the
// events of its municipality. Off outside production unless POLISEN_FETCH=on (the job reaches
// the outside world); a tenant can switch its import off in the EST settings.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { AppDeps } from "../../../platform/http/types.ts";
import type { JobSpec } from "../../../platform/module.ts";
import { estSettings } from "../settings.ts";
import { describeOutcome, fetchPayload, userAgentOf } from "./feed.ts";
import { importPoliceEvents } from "./import.ts";

export const POLICE_JOB = "est.polisen.fetch";

export type FetchRun =
  | { kind: "noTenants" }
  | { kind: "notFetched"; reason: string }
  | { kind: "imported"; tenants: Array<{ slug: string; new: number; updated: number; unparseable: number }> };

/** One run of the job: fetch once, import for each tenant that wants it. */
export async function runPoliceFetch(db: Kysely<DB>, config: AppDeps["config"], opts: { fetchImpl?: typeof fetch; now?: () => Date } = {}): Promise<FetchRun> {
  const tenants = (await db.selectFrom("tenants").select(["id", "slug", "kommunkod", "settings"]).execute()).filter(
    (t) => estSettings({ settings: (t.settings ?? {}) as Record<string, unknown> }).policeFetch,
  );
  if (tenants.length === 0) return { kind: "noTenants" };
  const payload = await fetchPayload(db, {
    url: config.POLISEN_EVENTS_URL,
    userAgent: userAgentOf(config),
    production: config.NODE_ENV === "production",
    ...(opts.fetchImpl ? { fetchImpl: opts.fetchImpl } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  if (payload.kind !== "ok") return { kind: "notFetched", reason: describeOutcome(payload) };
  const out: Array<{ slug: string; new: number; updated: number; unparseable: number }> = [];
  for (const t of tenants) {
    const r = await importPoliceEvents(db, { id: t.id, kommunkod: t.kommunkod }, payload.json);
    if (r.kind !== "ok") return { kind: "notFetched", reason: r.kind === "notAList" ? `svaret är ${r.found}, inte en lista med händelser` : "okänd kommun" };
    out.push({ slug: t.slug, new: r.report.counts.new, updated: r.report.counts.updated, unparseable: r.report.counts.unparseable });
  }
  return { kind: "imported", tenants: out };
}

/** Whether the scheduled fetch runs in this installation (module comment). */
export function policeFetchEnabled(config: AppDeps["config"]): boolean {
  return config.POLISEN_FETCH === "on" || (config.POLISEN_FETCH === "auto" && config.NODE_ENV === "production");
}

export const policeFetchJob: JobSpec = {
  name: POLICE_JOB,
  cron: "*/15 * * * *",
  enabled: (deps) => policeFetchEnabled(deps.config),
  async run(_data, deps) {
    const r = await runPoliceFetch(deps.database.db, deps.config);
    if (r.kind === "notFetched") throw new Error(`polisens händelser hämtades inte: ${r.reason}`);
  },
};
