// The pipelines of every promises route (platform/http/pipeline.ts): which tenant, which
// addressed resources (an id of another tenant, or a promise of another document, is 404 whoever
// asks), who may reach the route, and the object-level rule (policy.ts) an action needs (403).
import type { Actor } from "../../../platform/auth/actor.ts";
import { byParam, type Loader, pipeline } from "../../../platform/http/pipeline.ts";
import type { TenantRow } from "../../../platform/http/types.ts";
import { isPublicStatus } from "../domain/lifecycle.ts";
import { can } from "../policy.ts";
import { type ActivityRow, findActivity, findAttachment } from "../repo/activities.ts";
import { type DocumentRow, findDocument } from "../repo/documents.ts";
import { findPromise, type PromiseRow } from "../repo/promises.ts";
import { MAX_ATTACHMENTS } from "../service/activities.ts";

const doc: Loader<DocumentRow> = byParam("documentId", findDocument);
const promise: Loader<PromiseRow> = byParam("promiseId", findPromise, (p, loaded) => p.document_id === (loaded.doc as DocumentRow | undefined)?.id);
const activity: Loader<ActivityRow> = byParam("activityId", findActivity);
const attachment = byParam("attachmentId", findAttachment);

/** Activity attachments (multipart): at most MAX_ATTACHMENTS files of 10 MB are taken; more are refused by the use case. */
const files = { fileSize: 10 * 1024 * 1024, files: MAX_ATTACHMENTS + 1, fields: 50 };

type Facts = { actor: Actor | null; tenant: TenantRow };
const inTenant = (f: Facts) => ({ tenant_id: f.tenant.id });
const staffOrPublished = ({ actor, tenant, loaded }: Facts & { loaded: { doc: DocumentRow } }) =>
  isPublicStatus(loaded.doc.status) || can(actor, "promises.readStaff", { tenant_id: tenant.id });

// Public pages, PDFs, open data and API reads: published documents for everyone. The public
// pages, their PDFs and open data are answered from the public-answer cache (decision 0015):
// rendered once per change of the tenant's public data; their handlers send through
// app.publicCache.
export const publicTenantPage = pipeline({ tenant: "path", access: "public", present: "page", publicCache: true });
export const publicTenantFile = pipeline({ tenant: "path", access: "public", present: "file", publicCache: true });
export const publicDocPage = pipeline({
  tenant: "path",
  access: "public",
  present: "page",
  load: { doc },
  visible: ({ loaded }) => isPublicStatus(loaded.doc.status),
  publicCache: true,
});
export const publicDocFile = pipeline({
  tenant: "path",
  access: "public",
  present: "file",
  load: { doc },
  visible: ({ loaded }) => isPublicStatus(loaded.doc.status),
  publicCache: true,
});
export const openDataApi = pipeline({ tenant: "path", access: "public", present: "json", publicCache: true });
export const publicApi = pipeline({ tenant: "path", access: "public", present: "json" });
/** A document by id: published for everyone, drafts for the tenant's staff (others: 404). */
export const docApiRead = pipeline({ tenant: "path", access: "public", present: "json", load: { doc }, visible: staffOrPublished });

// Staff pages
export const staffPage = pipeline({ tenant: "path", access: "staff", present: "page" });
export const createPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.create", inTenant(f)),
});
export const docPage = pipeline({ tenant: "path", access: "staff", present: "page", load: { doc } });
export const docFile = pipeline({ tenant: "path", access: "staff", present: "file", load: { doc } });
export const editDocPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { doc },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.edit", f.loaded.doc),
});
export const deleteDocPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { doc },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.delete", f.loaded.doc),
});
export const followUpPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { doc },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.followUp", f.loaded.doc),
});
export const editPromisePage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { doc, promise },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.edit", f.loaded.doc),
});
export const promiseStatusPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { doc, promise },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "promise.setStatus", f.loaded.promise),
});
/** The lifecycle step pages each check their own rule (stepRule). */
export const lifecyclePage = (action: LifecycleAction) =>
  pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { doc },
    forbidden: "promises.error.forbidden",
    can: (f) => can(f.actor, action, f.loaded.doc),
  });
export const logActivityPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "activity.logAny", inTenant(f)),
  multipart: files,
});
export const activityPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { activity },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "activity.delete", f.loaded.activity),
});
export const attachmentFile = pipeline({
  tenant: "path",
  access: "staff",
  present: "file",
  load: { attachment },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "attachment.read", { tenant_id: f.tenant.id }),
});

// Staff API
export const staffApi = pipeline({ tenant: "path", access: "staff", present: "json" });
export const createApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.create", inTenant(f)),
});
export const editDocApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { doc },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.edit", f.loaded.doc),
});
export const deleteDocApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { doc },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.delete", f.loaded.doc),
});
export const lifecycleApi = (action: LifecycleAction) =>
  pipeline({
    tenant: "path",
    access: "staff",
    present: "json",
    load: { doc },
    forbidden: "promises.error.forbidden",
    can: (f) => can(f.actor, action, f.loaded.doc),
  });
export const editPromiseApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { doc, promise },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.edit", f.loaded.doc),
});
export const promiseStatusApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { doc, promise },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "promise.setStatus", f.loaded.promise),
});
export const verdictApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { doc, promise },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "document.followUp", f.loaded.doc),
});
export const logActivityApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "activity.logAny", inTenant(f)),
});
export const attachApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { activity },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "activity.attach", f.loaded.activity),
  multipart: files,
});
export const removeActivityApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { activity },
  forbidden: "promises.error.forbidden",
  can: (f) => can(f.actor, "activity.delete", f.loaded.activity),
});

export type LifecycleAction = "document.sign" | "document.reopen" | "document.publish" | "document.followUp" | "document.archive" | "document.newVersion";
