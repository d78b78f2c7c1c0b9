// The pipelines of the analysis routes: staff of the tenant who may read analyses (others get
// 404, as if analyses did not exist); running one needs the run ability (403). Declared before
// the body is read, so nobody without access gets a 32 MB JSON body parsed or a 10 MB upload read.
import { byParam, pipeline } from "../../../platform/http/pipeline.ts";
import { can } from "../policy.ts";
import { findRun } from "../repo.ts";
import { MAX_UPLOAD_BYTES } from "../service.ts";

// Who the rules let through by role alone (policy.ts), declared for the role × route matrix.
const READERS = ["admin", "samordnare", "polis", "lasare"] as const;
const RUNNERS = ["admin", "samordnare", "polis"] as const;

const readable = {
  roles: READERS,
  visible: ({ actor, tenant }: { actor: Parameters<typeof can>[0]; tenant: { id: string } }) => can(actor, "analysis.read", { tenant_id: tenant.id }),
};
const run = { run: byParam("runId", findRun) };

export const readPage = pipeline({ tenant: "path", access: "staff", present: "page", ...readable });
export const runForm = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  ...readable,
  can: ({ actor, tenant }) => can(actor, "analysis.run", { tenant_id: tenant.id }),
  roles: RUNNERS,
  forbidden: "analysis.error.forbidden",
  multipart: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 },
});
export const runPage = pipeline({ tenant: "path", access: "staff", present: "page", ...readable, load: run });
export const runCsv = pipeline({
  tenant: "path",
  access: "staff",
  present: "file",
  ...readable,
  load: run,
  can: ({ actor, loaded }) => can(actor, "run.export", loaded.run),
  // Each download of a run's cells (police incident data) is logged as an export.
  audit: "export",
});
export const readApi = pipeline({ tenant: "path", access: "staff", present: "json", ...readable });
export const runApi = pipeline({ tenant: "path", access: "staff", present: "json", ...readable, load: run });
export const computeApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  ...readable,
  can: ({ actor, tenant }) => can(actor, "analysis.run", { tenant_id: tenant.id }),
  roles: RUNNERS,
  forbidden: "analysis.error.forbidden",
});
