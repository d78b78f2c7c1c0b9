// What residents do without an account: sign up for a walk (counted always; a name only if
// they give one; never more than the walk's cap) and send a förmöte viewpoint (a point on the
// map and a text) that helps the organisers choose the route. Both are public writes: limited
// per address by the route, and their text is screened for personal data before it is stored.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { certainFindings, type Finding, screenFields } from "../../../platform/privacy/screen.ts";
import { listPlaces } from "../../tenants/index.ts";
import { walkLifecycle } from "../domain/lifecycle.ts";
import { countSignups, insertSignup, insertViewpoint, type SignupRow, type ViewpointRow } from "../repo/residents.ts";
import { findWalk, listStops, lockWalk } from "../repo/walks.ts";
import type { SignupInput, ViewpointInput } from "../schema.ts";
import type { NotFound, WrongStatus } from "./walks.ts";

export type SignupOutcome =
  | { kind: "ok"; signup: SignupRow; count: number; cap: number }
  | { kind: "full"; count: number; cap: number; left: number }
  | { kind: "personalData"; fields: Record<string, Finding[]> }
  | NotFound
  | WrongStatus;

/** Sign up (the walk row is locked, so two last sign-ups cannot both squeeze past the cap). */
export async function signUp(db: Kysely<DB>, tenantId: string, walkId: string, input: SignupInput): Promise<SignupOutcome> {
  // The name is the resident's own choice; the needs text must not carry phone numbers,
  // e-mail addresses or identity numbers (nobody will call back: the walk has no such register).
  const found = screenFields({ needs: input.needs });
  const certain = Object.fromEntries(Object.entries(found).flatMap(([k, f]) => (certainFindings(f).length ? [[k, certainFindings(f)]] : [])));
  if (Object.keys(certain).length) return { kind: "personalData", fields: certain };
  return db.transaction().execute(async (trx): Promise<SignupOutcome> => {
    const walk = await lockWalk(trx, tenantId, walkId);
    if (!walk) return { kind: "notFound" };
    if (!walkLifecycle.statusAllows(walk.status, "signUp") || new Date(walk.ends_at).getTime() < Date.now())
      return { kind: "wrongStatus", status: walk.status };
    const count = await countSignups(trx, tenantId, walk.id);
    if (count + input.party_size > walk.signup_cap) return { kind: "full", count, cap: walk.signup_cap, left: Math.max(0, walk.signup_cap - count) };
    const signup = await insertSignup(trx, tenantId, walk.id, { name: input.name, partySize: input.party_size, needs: input.needs });
    return { kind: "ok", signup, count: count + input.party_size, cap: walk.signup_cap };
  });
}

export type ViewpointOutcome =
  | { kind: "ok"; viewpoint: ViewpointRow }
  | { kind: "personalData"; fields: Record<string, Finding[]>; certain: boolean }
  | NotFound
  | WrongStatus;

/** A förmöte viewpoint. Identity numbers, phones and e-mail are refused; likely names need the writer's word that they are not people. */
export async function addViewpoint(db: Kysely<DB>, tenantId: string, walkId: string, input: ViewpointInput): Promise<ViewpointOutcome> {
  const walk = await findWalk(db, tenantId, walkId);
  if (!walk) return { kind: "notFound" };
  if (!walkLifecycle.statusAllows(walk.status, "viewpoint") || new Date(walk.starts_at).getTime() < Date.now())
    return { kind: "wrongStatus", status: walk.status };
  const [places, stops] = await Promise.all([listPlaces(db, tenantId), listStops(db, tenantId, walk.id)]);
  const ignore = [...places, ...stops].flatMap((p) => p.name.split(/[\s,]+/));
  const found = screenFields({ body: input.body }, { ignoreWords: ignore, confirmedNotNames: input.confirmed_not_names });
  if (Object.keys(found).length) {
    const certain = Object.values(found).some((f) => certainFindings(f).length > 0);
    return { kind: "personalData", fields: found, certain };
  }
  const viewpoint = await insertViewpoint(db, tenantId, walk.id, { lat: input.lat, lon: input.lon, category: input.category, body: input.body });
  return { kind: "ok", viewpoint };
}
