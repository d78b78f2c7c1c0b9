// The pipelines of every walks route (platform/http/pipeline.ts): which tenant, which addressed
// resources (an id of another tenant, or an observation of another walk, is 404 whoever asks),
// who may reach the route, and the object-level rule (policy.ts) an action needs (403).
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { byParam, type Loader, pipeline } from "../../../platform/http/pipeline.ts";
import { hasPublicProtocol, isPublicStatus } from "../domain/lifecycle.ts";
import { can } from "../policy.ts";
import { type ActionRow, findAction } from "../repo/actions.ts";
import { findObservation, type ObservationRow } from "../repo/observations.ts";
import { findViewpoint, type ViewpointRow } from "../repo/residents.ts";
import { findWalk, listObservers, type WalkRow } from "../repo/walks.ts";

export type WalkFacts = WalkRow & { observerIds: string[] };

/** A walk with the ids of its observers (the capture rule looks at them). */
export async function findWalkFacts(db: Kysely<DB>, tenantId: string, id: string): Promise<WalkFacts | undefined> {
  const walk = await findWalk(db, tenantId, id);
  if (!walk) return undefined;
  const observers = await listObservers(db, tenantId, walk.id);
  return { ...walk, observerIds: observers.map((o) => o.id) };
}

const walk: Loader<WalkFacts> = byParam("walkId", findWalkFacts);
const observation: Loader<ObservationRow> = byParam("observationId", findObservation, (o, loaded) => o.walk_id === (loaded.walk as WalkRow | undefined)?.id);
const viewpoint: Loader<ViewpointRow> = byParam("viewpointId", findViewpoint, (v, loaded) => v.walk_id === (loaded.walk as WalkRow | undefined)?.id);
const action: Loader<ActionRow> = byParam("actionId", findAction);

/** Photos: at most one file of 10 MB per request (the cleaning refuses anything that is not a photo). */
export const PHOTO_LIMITS = { fileSize: 10 * 1024 * 1024, files: 1, fields: 60 };

export type PublicWriteLimit = { max: number; timeWindow: string };

// Public pages and files: anonymous answers are rendered once per change (the public-answer cache,
// decision 0015; the module's tables bump the tenant's public version, migrations/0601). A page
// with a form (an open invitation) is never stored: its CSRF token is the visitor's own.
export const publicList = pipeline({ tenant: "path", access: "public", present: "page", publicCache: true });
export const publicWalk = pipeline({
  tenant: "path",
  access: "public",
  present: "page",
  load: { walk },
  visible: ({ loaded }) => isPublicStatus(loaded.walk.status),
  publicCache: true,
});
export const publicProtocolFile = pipeline({
  tenant: "path",
  access: "public",
  present: "file",
  load: { walk },
  visible: ({ loaded }) => hasPublicProtocol(loaded.walk.status),
  publicCache: true,
});
export const publicPhoto = pipeline({
  tenant: "path",
  access: "public",
  present: "file",
  load: { walk, observation },
  visible: ({ loaded }) => hasPublicProtocol(loaded.walk.status) && loaded.observation.photo_public,
  publicCache: true,
});
/** Residents' sign-ups and viewpoints: public writes, limited per address. */
export const publicWrite = (limit: PublicWriteLimit) =>
  pipeline({
    tenant: "path",
    access: "public",
    present: "page",
    load: { walk },
    visible: ({ loaded }) => isPublicStatus(loaded.walk.status),
    rateLimit: limit,
  });
export const publicWriteApi = (limit: PublicWriteLimit) =>
  pipeline({
    tenant: "path",
    access: "public",
    present: "json",
    load: { walk },
    visible: ({ loaded }) => isPublicStatus(loaded.walk.status),
    rateLimit: limit,
  });
export const publicApi = pipeline({ tenant: "path", access: "public", present: "json", publicCache: true });
/** A walk by id: published ones for everyone, drafts for the tenant's staff. */
export const walkApiRead = pipeline({
  tenant: "path",
  access: "public",
  present: "json",
  load: { walk },
  visible: ({ actor, tenant, loaded }) => isPublicStatus(loaded.walk.status) || can(actor, "walks.readStaff", { tenant_id: tenant.id }),
  publicCache: true,
});
/** The service worker of the capture pages: a script, public so its fetch never meets a sign-in redirect. */
export const serviceWorkerFile = pipeline({ tenant: "path", access: "public", present: "file" });

// Staff pages
export const staffPage = pipeline({ tenant: "path", access: "staff", present: "page" });
export const planPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  forbidden: "walks.error.forbidden",
  can: ({ actor, tenant }) => can(actor, "walk.plan", { tenant_id: tenant.id }),
});
export const walkPage = pipeline({ tenant: "path", access: "staff", present: "page", load: { walk } });
export const editWalkPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { walk },
  forbidden: "walks.error.forbidden",
  can: ({ actor, loaded }) => can(actor, "walk.edit", loaded.walk),
});
export const observersPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { walk },
  forbidden: "walks.error.forbidden",
  can: ({ actor, loaded }) => can(actor, "walk.manageObservers", loaded.walk),
});
export const viewpointStopPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { walk, viewpoint },
  forbidden: "walks.error.forbidden",
  can: ({ actor, loaded }) => can(actor, "walk.edit", loaded.walk),
});
export const capturePage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { walk },
  forbidden: "walks.error.notObserver",
  can: ({ actor, loaded }) => can(actor, "walk.capture", loaded.walk),
  multipart: PHOTO_LIMITS,
});
export const observationPage = pipeline({ tenant: "path", access: "staff", present: "page", load: { walk, observation }, multipart: PHOTO_LIMITS });
export const observationProtocolPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { walk, observation },
  forbidden: "walks.error.forbidden",
  can: ({ actor, loaded }) => can(actor, "protocol.manage", loaded.walk),
});
export const staffPhoto = pipeline({ tenant: "path", access: "staff", present: "file", load: { walk, observation } });
export const protocolPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { walk },
  forbidden: "walks.error.forbidden",
  can: ({ actor, loaded }) => can(actor, "protocol.manage", loaded.walk),
});
export const actionPage = pipeline({ tenant: "path", access: "staff", present: "page", load: { action } });
export const actionEditPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { action },
  forbidden: "walks.error.forbidden",
  can: ({ actor, loaded }) => can(actor, "protocol.manage", loaded.action),
});
export const actionStatusPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  load: { action },
  forbidden: "walks.error.notOwner",
  can: ({ actor, tenant }) => can(actor, "actions.updateAny", { tenant_id: tenant.id }),
});
export const settingsPage = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  forbidden: "walks.error.forbidden",
  can: ({ actor, tenant }) => can(actor, "settings.manage", { tenant_id: tenant.id }),
});

// Staff API
export const staffApi = pipeline({ tenant: "path", access: "staff", present: "json" });
export const captureApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { walk },
  forbidden: "walks.error.notObserver",
  can: ({ actor, loaded }) => can(actor, "walk.capture", loaded.walk),
});
export const photoApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { walk, observation },
  forbidden: "walks.error.notObserver",
  can: ({ actor, loaded }) => can(actor, "walk.capture", loaded.walk),
  multipart: PHOTO_LIMITS,
});
export const walkStaffApi = pipeline({ tenant: "path", access: "staff", present: "json", load: { walk } });
export const actionStatusApi = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  load: { action },
  forbidden: "walks.error.notOwner",
  can: ({ actor, tenant }) => can(actor, "actions.updateAny", { tenant_id: tenant.id }),
});
