// The pipelines of every reports route (platform/http/pipeline.ts): which tenant, which
// addressed resources (another tenant's report is 404 whoever asks), who may reach the route,
// and the object-level rule (policy.ts). A report the public may not see on its own (person-
// related, waiting for review, hidden) is 404 on public routes. Public writes (report, +1,
// alerts, the reporter's own answers) are rate limited per client address, with a Swedish
// message of their own.
import type { Kysely } from "kysely";
import type { Config } from "../../../config/index.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { byParam, type Loader, pipeline } from "../../../platform/http/pipeline.ts";
import type { TenantRow } from "../../../platform/http/types.ts";
import { can, type ReportFacts } from "../policy.ts";
import { findApiKey } from "../repo/keys.ts";
import { findReportByRef, type ReportRow } from "../repo/reports.ts";
import { findRule } from "../repo/rules.ts";
import { findSubscription } from "../repo/subscriptions.ts";
import { actorOrganisations } from "../service/handle.ts";
import { individuallyVisible } from "../service/public-view.ts";
import { reportsSettings } from "../settings.ts";

export const reportLoader: Loader<ReportRow> = byParam("reportRef", findReportByRef);

type Facts = { actor: Actor | null; tenant: TenantRow; loaded: { report: ReportRow } };

/** The policy facts of a report for this actor (its routing and the actor's organisations). */
export async function reportFacts(db: Kysely<DB>, actor: Actor | null, report: ReportRow): Promise<ReportFacts> {
  return { tenant_id: report.tenant_id, organisation_id: report.organisation_id, actorOrganisations: await actorOrganisations(db, report.tenant_id, actor) };
}

const publiclyVisible = ({ tenant, loaded }: Facts) => individuallyVisible(reportsSettings(tenant), loaded.report);

const COORDINATORS = ["admin", "samordnare"] as const;
const HANDLERS = ["admin", "samordnare", "polis", "atgardsagare"] as const;

export function reportsPipelines(config: Config, db: () => Kysely<DB>) {
  const write = { max: config.PUBLIC_WRITE_RATE_LIMIT, timeWindow: "1 minute", message: "reports.error.rateLimited" };
  // Coordinators' actions, and a report's handlers' (policy.ts): the matrix names the object fact.
  const byHandlers = (action: string) => action === "report.handle" || action === "report.redact" || action === "report.photos";
  const reportAction = (action: "report.handle" | "report.route" | "report.merge" | "report.review" | "report.redact" | "report.photos") =>
    pipeline({
      tenant: "path",
      access: "staff",
      present: "page",
      load: { report: reportLoader },
      forbidden: "reports.error.forbidden",
      can: async ({ actor, loaded }) => can(actor, action, await reportFacts(db(), actor, loaded.report)),
      ...(byHandlers(action)
        ? { roles: HANDLERS, rolesNote: "polis och åtgärdsägare: rapporter fördelade till deras organisation eller en under den" }
        : { roles: COORDINATORS }),
    });
  const inTenant = (action: "reports.manageRules" | "reports.manageSettings" | "reports.manageKeys" | "reports.export" | "reports.subscribeStaff") =>
    pipeline({
      tenant: "path",
      access: "staff",
      present: "page",
      forbidden: "reports.error.forbidden",
      can: ({ actor, tenant }) => can(actor, action, { tenant_id: tenant.id }),
    });

  return {
    publicPage: pipeline({ tenant: "path", access: "public", present: "page" }),
    publicJson: pipeline({ tenant: "path", access: "public", present: "json" }),
    publicFile: pipeline({ tenant: "path", access: "public", present: "file" }),
    /**
     * Public answers that are the same for every anonymous visitor and depend only on the
     * tenant's public data, the date, the locale and the address (map layer, feed, statistics):
     * kept by the public-answer cache (decision 0015), sent through app.publicCache.
     */
    cachedJson: pipeline({ tenant: "path", access: "public", present: "json", publicCache: true }),
    cachedFile: pipeline({ tenant: "path", access: "public", present: "file", publicCache: true }),
    cachedPage: pipeline({ tenant: "path", access: "public", present: "page", publicCache: true }),
    publicReportPage: pipeline({ tenant: "path", access: "public", present: "page", load: { report: reportLoader }, visible: publiclyVisible }),
    publicReportFile: pipeline({ tenant: "path", access: "public", present: "file", load: { report: reportLoader }, visible: publiclyVisible }),
    /** The report form: multipart with up to 3 photos (one more file is read so "too many" can be said). */
    submit: pipeline({
      tenant: "path",
      access: "public",
      present: "page",
      multipart: { fileSize: 10 * 1024 * 1024, files: 4, fields: 60 },
      rateLimit: write,
      anonymousForms: "sameOrigin",
    }),
    support: pipeline({
      tenant: "path",
      access: "public",
      present: "page",
      load: { report: reportLoader },
      visible: publiclyVisible,
      rateLimit: write,
      anonymousForms: "sameOrigin",
    }),
    publicWrite: pipeline({ tenant: "path", access: "public", present: "page", rateLimit: write, anonymousForms: "sameOrigin" }),
    staffPage: pipeline({ tenant: "path", access: "staff", present: "page" }),
    staffFile: pipeline({ tenant: "path", access: "staff", present: "file" }),
    staffReport: pipeline({ tenant: "path", access: "staff", present: "page", load: { report: reportLoader } }),
    /** A staff read of a report's photo (also hidden ones, which may show faces): logged as a read. */
    staffReportFile: pipeline({ tenant: "path", access: "staff", present: "file", load: { report: reportLoader }, audit: "read" }),
    handle: reportAction("report.handle"),
    route: reportAction("report.route"),
    merge: reportAction("report.merge"),
    review: reportAction("report.review"),
    redact: reportAction("report.redact"),
    photos: reportAction("report.photos"),
    rules: inTenant("reports.manageRules"),
    rule: pipeline({
      tenant: "path",
      access: "staff",
      present: "page",
      load: { rule: byParam("ruleId", findRule) },
      forbidden: "reports.error.forbidden",
      can: ({ actor, tenant }) => can(actor, "reports.manageRules", { tenant_id: tenant.id }),
    }),
    settings: inTenant("reports.manageSettings"),
    keys: inTenant("reports.manageKeys"),
    key: pipeline({
      tenant: "path",
      access: "staff",
      present: "page",
      load: { key: byParam("keyId", findApiKey) },
      forbidden: "reports.error.forbidden",
      can: ({ actor, tenant }) => can(actor, "reports.manageKeys", { tenant_id: tenant.id }),
    }),
    exportCsv: pipeline({
      tenant: "path",
      access: "staff",
      present: "file",
      // The handler logs the export itself ("reports.export", with the selection and the row count).
      audit: "self",
      forbidden: "reports.error.forbidden",
      can: ({ actor, tenant }) => can(actor, "reports.export", { tenant_id: tenant.id }),
    }),
    alerts: inTenant("reports.subscribeStaff"),
    /** A staff member's own alert (someone else's is 404, as if it did not exist). */
    alert: pipeline({
      tenant: "path",
      access: "staff",
      present: "page",
      load: { sub: byParam("subscriptionId", findSubscription) },
      visible: ({ actor, loaded }) => loaded.sub.user_id !== null && loaded.sub.user_id === actor.userId,
    }),
  };
}

export type ReportsPipelines = ReturnType<typeof reportsPipelines>;
