// What other modules may do with promises (through index.ts): find the promises a piece of work
// can serve, name one, and log progress on one as an activity — through this module's own use
// case, so its rules hold for everyone (who may log on a promise, the document's status and
// validity period, no date in the future). EST's insatser use it: an insats that serves a promise
// logs an activity there when it is reported done.
import type { Kysely } from "kysely";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import type { Storage } from "../../../platform/storage/storage.ts";
import { findDocument } from "../repo/documents.ts";
import { findPromise } from "../repo/promises.ts";
import { logActivity } from "./activities.ts";
import { loadActiveViews } from "./views.ts";

export type PromiseChoice = { id: string; number: number; text: string; documentId: string; documentTitle: string; validFrom: string; validTo: string };

/** Promises of signed or published documents whose validity contains the day `on` ("YYYY-MM-DD"). */
export async function listPromisesValidOn(db: Kysely<DB>, tenantId: string, on: string): Promise<PromiseChoice[]> {
  const views = await loadActiveViews(db, tenantId, on);
  return views
    .filter((v) => v.doc.valid_from <= on && on <= v.doc.valid_to)
    .flatMap((v) =>
      v.promises.map((p) => ({
        id: p.id,
        number: p.number,
        text: p.text,
        documentId: v.doc.id,
        documentTitle: v.doc.title,
        validFrom: v.doc.valid_from,
        validTo: v.doc.valid_to,
      })),
    );
}

/** A promise's text and its document (for showing a link to it), or undefined. */
export async function describePromise(
  db: Kysely<DB>,
  tenantId: string,
  promiseId: string,
): Promise<{ id: string; text: string; documentId: string; documentTitle: string } | undefined> {
  const p = await findPromise(db, tenantId, promiseId);
  if (!p) return undefined;
  const doc = await findDocument(db, tenantId, p.document_id);
  return doc ? { id: p.id, text: p.text, documentId: doc.id, documentTitle: doc.title } : undefined;
}

export type LogProgressOutcome =
  | { kind: "ok"; activityId: string }
  | { kind: "notFound" }
  | { kind: "forbidden" }
  | { kind: "wrongStatus"; status: string }
  | { kind: "dateOutsidePeriod"; validFrom: string; validTo: string }
  | { kind: "dateInFuture" };

/** Log an activity on a promise as `actor` (the promises module's rules decide). */
export async function logPromiseProgress(
  db: Kysely<DB>,
  storage: Storage,
  tenantId: string,
  actor: Actor,
  a: { promiseId: string; title: string; occurredOn: string; description: string; placeName: string | null; lat: number | null; lon: number | null },
  today: string,
): Promise<LogProgressOutcome> {
  const r = await logActivity(
    db,
    storage,
    tenantId,
    actor,
    {
      promise_id: a.promiseId,
      title: a.title.slice(0, 200).padEnd(2, "."),
      occurred_on: a.occurredOn,
      description: a.description.slice(0, 5000),
      place_name: a.placeName ? a.placeName.slice(0, 200) : null,
      lat: a.lat,
      lon: a.lon,
      outcomes: [],
    },
    [],
    today,
  );
  switch (r.kind) {
    case "ok":
      return { kind: "ok", activityId: r.activity.id };
    case "notFound":
    case "forbidden":
    case "dateInFuture":
      return { kind: r.kind };
    case "wrongStatus":
      return { kind: "wrongStatus", status: r.status };
    case "dateOutsidePeriod":
      return { kind: "dateOutsidePeriod", validFrom: r.validFrom, validTo: r.validTo };
    default:
      return { kind: "forbidden" };
  }
}
