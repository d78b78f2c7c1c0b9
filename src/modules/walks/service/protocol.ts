// Small use cases around the protocol: a förmöte viewpoint becomes a stop of the route, and the
// coordinator's protocol flags of an observation (show its photo publicly; no action needed).
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { walkLifecycle } from "../domain/lifecycle.ts";
import { deleteAction, listActions } from "../repo/actions.ts";
import { type ObservationRow, setNoAction, setPhotoPublic } from "../repo/observations.ts";
import { linkViewpointToStop, type ViewpointRow } from "../repo/residents.ts";
import { listStops, type WalkRow } from "../repo/walks.ts";
import type { WrongStatus } from "./walks.ts";

export type ViewpointStopOutcome = { kind: "ok"; stopId: string } | WrongStatus | { kind: "tooManyStops" };

/** Add the viewpoint's place as the last stop of the route (named after the viewpoint's text). */
export async function viewpointToStop(db: Kysely<DB>, tenantId: string, walk: WalkRow, vp: ViewpointRow, maxStops: number): Promise<ViewpointStopOutcome> {
  if (!walkLifecycle.statusAllows(walk.status, "edit")) return { kind: "wrongStatus", status: walk.status };
  return db.transaction().execute(async (trx): Promise<ViewpointStopOutcome> => {
    const stops = await listStops(trx, tenantId, walk.id);
    if (stops.length >= maxStops) return { kind: "tooManyStops" };
    const words = vp.body.replace(/\s+/g, " ").trim();
    const name = words.length > 60 ? `${words.slice(0, 57).trimEnd()}…` : words;
    const stop = await trx
      .insertInto("walk_stops")
      .values({ tenant_id: tenantId, walk_id: walk.id, position: stops.length + 1, name, lat: vp.lat, lon: vp.lon, note: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await linkViewpointToStop(trx, tenantId, vp.id, stop.id);
    return { kind: "ok", stopId: stop.id };
  });
}

export type FlagsOutcome = { kind: "ok" } | WrongStatus | { kind: "actionExists" };

/**
 * The coordinator's protocol flags of an observation. The photo may be shown publicly while the
 * action list is kept; "no action needed" can be set while the action list is being made (an
 * action already made for it is removed then).
 */
export async function setProtocolFlags(
  db: Kysely<DB>,
  tenantId: string,
  walk: WalkRow,
  o: ObservationRow,
  flags: { photoPublic: boolean; noAction: boolean },
): Promise<FlagsOutcome> {
  if (!walkLifecycle.statusAllows(walk.status, "capture") && !walkLifecycle.statusAllows(walk.status, "editActions"))
    return { kind: "wrongStatus", status: walk.status };
  const changingNoAction = flags.noAction !== o.no_action;
  if (changingNoAction && !walkLifecycle.statusAllows(walk.status, "capture")) return { kind: "wrongStatus", status: walk.status };
  await db.transaction().execute(async (trx) => {
    if (flags.photoPublic !== o.photo_public) await setPhotoPublic(trx, tenantId, o.id, flags.photoPublic);
    if (changingNoAction) {
      await setNoAction(trx, tenantId, o.id, flags.noAction);
      if (flags.noAction) {
        const action = (await listActions(trx, tenantId, walk.id)).find((a) => a.observation_id === o.id);
        if (action) await deleteAction(trx, tenantId, action.id);
      }
    }
  });
  return { kind: "ok" };
}
