// Medborgarlöften: promise documents owned jointly by kommun and police, their promises with
// measurable targets, activities logged against them, progress computed from the activities,
// follow-up verdicts, public pages, tagged PDFs, an API and open data.
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import type { TryggModule } from "../../platform/module.ts";
import { seedPromisesDemo } from "./demo/seed.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { listActivitiesByLineage } from "./repo/activities.ts";
import { findPromise } from "./repo/promises.ts";
import { registerPromiseRoutes } from "./routes/index.ts";
import { behindWidget, navigation, publicLinks } from "./widgets.ts";

export const promisesModule: TryggModule = {
  name: "promises",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerPromiseRoutes,
  navigation,
  publicLinks,
  staffWidgets: [behindWidget],
  styles: [new URL("./web/promises.css", import.meta.url)],
  demo: seedPromisesDemo,
  testing: () => import("./testing.ts"),
};

export { DEMO_DOCUMENT_IDS } from "./demo/seed.ts";
// For other modules: cite findings in a draft's lägesbild, name indicators for promises.
export {
  type AppendFindingOutcome,
  appendFinding,
  type DraftChoice,
  findPromiseByLineage,
  listDraftDocuments,
  listPromiseChoices,
  type PromiseChoice as PromiseLineageChoice,
} from "./service/external.ts";

// For other modules (EST's insatser): the promises a piece of work can serve, and logging
// progress on one as an activity under this module's own rules.
export { describePromise, type LogProgressOutcome, listPromisesValidOn, logPromiseProgress, type PromiseChoice } from "./service/links.ts";

// For other modules (walks log a walk as an activity on the promise whose target it counts
// towards): the promises an actor may log on, logging under this module's own rules (policy,
// validity period, document status), and the activities already logged on a promise.
export { listLoggablePromises, logActivity } from "./service/activities.ts";
export { listPromises } from "./repo/promises.ts";

/** Activities logged on a promise (every version of it), oldest first. */
export async function listPromiseActivities(
  db: Kysely<DB>,
  tenantId: string,
  promiseId: string,
): Promise<Array<{ id: string; title: string; occurred_on: string; place_name: string | null }>> {
  const promise = await findPromise(db, tenantId, promiseId);
  if (!promise) return [];
  return (await listActivitiesByLineage(db, tenantId, [promise.lineage_id])).map((a) => ({
    id: a.id,
    title: a.title,
    occurred_on: a.occurred_on,
    place_name: a.place_name,
  }));
}
