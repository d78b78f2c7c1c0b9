// The route pipelines of EST (src/platform/http/pipeline.ts): who reaches which address, which
// resources a path names (loaded within the tenant: another tenant's id is a 404), and the
// object-level rules (policy.ts) that answer 403 — or 404 where the person may not even know the
// thing exists (another organisation's report).
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { byParam, pipeline } from "../../../platform/http/pipeline.ts";
import { can } from "../policy.ts";
import { findInsats } from "../repo/insatser.ts";
import { findMeeting, findTarget } from "../repo/meetings.ts";
import { findReport } from "../repo/reports.ts";
import { MAX_CSV_BYTES } from "../service/csv-import.ts";
import { reportFacts } from "../service/reports.ts";

export function estAccess(db: Kysely<DB>) {
  const staff = (present: "page" | "json" | "file") =>
    pipeline({ tenant: "path", access: "staff", present, can: ({ actor, tenant }) => can(actor, "est.read", { tenant_id: tenant.id }) });
  const tenantRule = (
    action: "report.create" | "reports.upload" | "summary.edit" | "meeting.manage" | "insats.create" | "est.export" | "est.settings",
    present: "page" | "json" | "file" = "page",
  ) =>
    pipeline({
      tenant: "path",
      access: "staff",
      present,
      can: ({ actor, tenant }) => can(actor, action, { tenant_id: tenant.id }),
      forbidden: "est.error.forbidden",
    });
  const report = (present: "page" | "json") =>
    pipeline({
      tenant: "path",
      access: "staff",
      present,
      load: { report: byParam("reportId", findReport) },
      // Another organisation's report does not exist for a reporter who may not see it.
      visible: async ({ actor, tenant, loaded }) => can(actor, "report.read", await reportFacts(db, tenant, actor, loaded.report)),
    });
  const reviewReport = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { report: byParam("reportId", findReport) },
    visible: async ({ actor, tenant, loaded }) => can(actor, "report.read", await reportFacts(db, tenant, actor, loaded.report)),
    can: ({ actor, loaded }) => can(actor, "report.review", loaded.report),
    forbidden: "est.error.forbidden",
  });
  const meeting = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { meeting: byParam("meetingId", findMeeting) },
    can: ({ actor, tenant }) => can(actor, "est.read", { tenant_id: tenant.id }),
  });
  const manageMeeting = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { meeting: byParam("meetingId", findMeeting) },
    can: ({ actor, tenant }) => can(actor, "meeting.manage", { tenant_id: tenant.id }),
    forbidden: "est.error.forbidden",
  });
  const decideAtMeeting = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { meeting: byParam("meetingId", findMeeting) },
    can: ({ actor, tenant }) => can(actor, "insats.create", { tenant_id: tenant.id }),
    forbidden: "est.error.forbidden",
  });
  const target = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: {
      meeting: byParam("meetingId", findMeeting),
      target: byParam("targetId", findTarget, (t, loaded) => t.meeting_id === (loaded.meeting as { id: string }).id),
    },
    can: ({ actor, tenant }) => can(actor, "meeting.manage", { tenant_id: tenant.id }),
    forbidden: "est.error.forbidden",
  });
  const insats = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { insats: byParam("insatsId", findInsats) },
    can: ({ actor, tenant }) => can(actor, "est.read", { tenant_id: tenant.id }),
  });
  return {
    week: staff("page"),
    weekFile: staff("file"),
    summary: tenantRule("summary.edit"),
    newReport: tenantRule("report.create"),
    reports: staff("page"),
    report: report("page"),
    reviewReport,
    upload: tenantRule("reports.upload"),
    uploadFile: pipeline({
      tenant: "path",
      access: "staff",
      present: "page",
      can: ({ actor, tenant }) => can(actor, "reports.upload", { tenant_id: tenant.id }),
      forbidden: "est.error.forbidden",
      // One file; a larger one arrives truncated (marked) so the form can say what is wrong.
      multipart: { fileSize: MAX_CSV_BYTES, files: 1, fields: 10 },
    }),
    meetings: staff("page"),
    createMeeting: tenantRule("meeting.manage"),
    meeting,
    manageMeeting,
    decideAtMeeting,
    target,
    insatser: staff("page"),
    newInsats: tenantRule("insats.create"),
    insats,
    analysis: staff("page"),
    exportForm: tenantRule("est.export"),
    exportFile: tenantRule("est.export", "file"),
    settings: tenantRule("est.settings"),
    apiReports: tenantRule("report.create", "json"),
    apiRead: staff("json"),
  };
}

export type EstAccess = ReturnType<typeof estAccess>;
