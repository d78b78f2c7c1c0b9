// Test factories of the promises module, and its fixtures for the tenant-isolation sweep
// (test/isolation/fixtures.ts). Text defaults carry <script> and å/ä/ö so escaping bugs surface.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import { ROLES } from "../../platform/db/schema.ts";
import type { ModuleTesting } from "../../platform/module.ts";
import { nasty } from "../../platform/testing/factories.ts";
import type { IsolationFixtures } from "../../platform/testing/isolation.ts";
import { insertActivity, insertFile, linkActivityFile } from "./repo/activities.ts";
import { type DocumentContent, type DocumentRow, insertDocument } from "./repo/documents.ts";
import { insertPromise, type PromiseContent, type PromiseRow } from "./repo/promises.ts";
import { DEMO_DOCUMENT_IDS, DEMO_DRAFT_PROMISE_ID } from "./demo/seed.ts";
import type { DocumentStatus } from "./tables.ts";

export const PARTIES = [
  { key: "kommunen", name: "Testkommun" },
  { key: "polisen", name: "Polisen" },
];

export function documentContent(over: Partial<DocumentContent> = {}): DocumentContent {
  return {
    title: nasty("Medborgarlöfte"),
    valid_from: "2021-01-01",
    valid_to: "2021-12-31",
    introduction: nasty("Inledning"),
    focus_areas: ["trafikbrott"],
    parties: PARTIES,
    findings: [{ text: nasty("Iakttagelse"), source: "trygghetsmatning", ref_url: null }],
    signatories: [
      { name: nasty("Kommunens företrädare"), title: "KSO", organisation: "Testkommun", party: "kommunen", signed_on: "2021-01-10" },
      { name: nasty("Polisens företrädare"), title: "kommunpolis", organisation: "Polisen", party: "polisen", signed_on: "2021-01-10" },
    ],
    signing_place: "Lönsboda",
    signed_on: "2021-01-10",
    agreement_title: null,
    agreement_url: null,
    stated_promise_count: null,
    source_note: null,
    ...over,
  };
}

export function promiseContent(over: Partial<PromiseContent> = {}): PromiseContent {
  return {
    text: nasty("utföra riktade insatser mot trafikbrott"),
    owner: "polisen",
    focus_area: "trafikbrott",
    target_quantity: 2,
    target_unit: "riktade trafikkontroller",
    target_period: "month",
    target_metric: null,
    planned_activities: "",
    status: "pagar",
    ...over,
  };
}

/** A document in the given status with one promise (and, when `activity`, one activity with an attachment row). */
export async function makePromiseDocument(
  db: Kysely<DB>,
  tenantId: string,
  opts: { status?: DocumentStatus; content?: Partial<DocumentContent>; promise?: Partial<PromiseContent>; activity?: boolean } = {},
): Promise<{ doc: DocumentRow; promise: PromiseRow; activityId: string | null; attachmentId: string | null }> {
  const doc = await insertDocument(db, tenantId, {
    ...documentContent(opts.content),
    seriesId: randomUUID(),
    createdBy: null,
    status: opts.status ?? "utkast",
  });
  if (opts.status && opts.status !== "utkast" && opts.status !== "signerat") {
    await db.updateTable("promise_documents").set({ published_at: new Date() }).where("id", "=", doc.id).execute();
  }
  const promise = await insertPromise(db, tenantId, { ...promiseContent(opts.promise), documentId: doc.id, lineageId: randomUUID(), position: 1 });
  let activityId: string | null = null;
  let attachmentId: string | null = null;
  if (opts.activity) {
    const a = await insertActivity(db, tenantId, {
      promiseId: promise.id,
      lineageId: promise.lineage_id,
      title: nasty("Trafikkontroll"),
      description: "",
      occurredOn: doc.valid_from,
      placeName: "Lönsboda",
      lat: 56.398,
      lon: 14.319,
      outcomes: [{ label: "kontrollerade fordon", value: 12 }],
      createdBy: null,
    });
    activityId = a.id;
    const f = await insertFile(db, tenantId, {
      storageKey: `${tenantId}/promises/${randomUUID()}`,
      filename: "protokoll.pdf",
      contentType: "application/pdf",
      size: 10,
      sha256: "0".repeat(64),
      createdBy: null,
    });
    await linkActivityFile(db, tenantId, a.id, f.id);
    attachmentId = f.id;
  }
  return { doc, promise, activityId, attachmentId };
}

/** One published document with a promise, an activity and an attachment: ids for every route parameter of the module. */
export const isolationFixtures: IsolationFixtures = async (db, tenantId) => {
  const made = await makePromiseDocument(db, tenantId, { status: "publicerat", activity: true });
  return { documentId: made.doc.id, promiseId: made.promise.id, activityId: made.activityId!, attachmentId: made.attachmentId! };
};

type Injectable = {
  inject(o: {
    method: "GET" | "POST" | "PUT" | "DELETE";
    url: string;
    cookies?: Record<string, string>;
    payload?: string | Buffer;
    headers?: Record<string, string>;
  }): Promise<{ statusCode: number; body: string; headers: Record<string, unknown>; cookies: Array<{ name: string; value: string }>; rawPayload: Buffer }>;
};

/** GET `pageUrl` for a CSRF token, then POST the fields like a browser form (arrays repeat the name). */
export async function postForm(app: Injectable, pageUrl: string, action: string, fields: Record<string, string | string[]>, cookies: Record<string, string>) {
  const page = await app.inject({ method: "GET", url: pageUrl, cookies });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`ingen CSRF-token på ${pageUrl} (${page.statusCode})`);
  const jar = { ...cookies };
  for (const c of page.cookies) jar[c.name] = c.value;
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  body.set("_csrf", token);
  return app.inject({ method: "POST", url: action, cookies: jar, payload: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
}

/** The same as a multipart/form-data post with files (field name, file name, type, bytes). */
export async function postMultipart(
  app: Injectable,
  pageUrl: string,
  action: string,
  fields: Record<string, string>,
  files: Array<{ field: string; filename: string; contentType: string; data: Buffer }>,
  cookies: Record<string, string>,
) {
  const page = await app.inject({ method: "GET", url: pageUrl, cookies });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`ingen CSRF-token på ${pageUrl} (${page.statusCode})`);
  const jar = { ...cookies };
  for (const c of page.cookies) jar[c.name] = c.value;
  const boundary = `----trygg${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ ...fields, _csrf: token })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`),
    );
    parts.push(f.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: "POST",
    url: action,
    cookies: jar,
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

/** A tiny valid PNG (1×1 pixel). */
export const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** The promises module's pages for the accessibility sweep. */
export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "aktuellt medborgarlöfte", path: "/t/osby/medborgarlofte", viewers: ["public", "samordnare"], waitFor: "#promise-map.leaflet-container" },
  { name: "aktuellt medborgarlöfte på engelska", path: "/t/osby/medborgarlofte?lang=en", viewers: ["public"], waitFor: "#promise-map.leaflet-container" },
  { name: "medborgarlöftet 2021", path: `/t/osby/medborgarlofte/${DEMO_DOCUMENT_IDS[2021]}`, viewers: ["public"], waitFor: "#promise-map.leaflet-container" },
  { name: "uppföljningen 2021", path: `/t/osby/medborgarlofte/${DEMO_DOCUMENT_IDS[2021]}/uppfoljning`, viewers: ["public"] },
  { name: "medborgarlöften (personal)", path: "/t/osby/arbete/medborgarloften", viewers: [...ROLES] },
  { name: "medborgarlöftet 2024 (personal)", path: `/t/osby/arbete/medborgarloften/${DEMO_DOCUMENT_IDS[2024]}`, viewers: [...ROLES] },
  { name: "nytt medborgarlöfte", path: "/t/osby/arbete/medborgarloften/nytt", viewers: ["samordnare"] },
  { name: "logga aktivitet", path: "/t/osby/arbete/medborgarloften/aktivitet", viewers: ["polis", "atgardsagare"] },
  { name: "följ upp 2024", path: `/t/osby/arbete/medborgarloften/${DEMO_DOCUMENT_IDS[2024]}/uppfoljning`, viewers: ["samordnare"] },
  { name: "utkastet (personal)", path: `/t/osby/arbete/medborgarloften/${DEMO_DOCUMENT_IDS.draft}`, viewers: ["samordnare", "lasare"] },
  { name: "redigera utkastet", path: `/t/osby/arbete/medborgarloften/${DEMO_DOCUMENT_IDS.draft}/redigera`, viewers: ["samordnare", "polis"] },
  { name: "nytt löfte i utkastet", path: `/t/osby/arbete/medborgarloften/${DEMO_DOCUMENT_IDS.draft}/lofte/nytt`, viewers: ["samordnare"] },
  {
    name: "redigera ett löfte i utkastet",
    path: `/t/osby/arbete/medborgarloften/${DEMO_DOCUMENT_IDS.draft}/lofte/${DEMO_DRAFT_PROMISE_ID}/redigera`,
    viewers: ["samordnare"],
  },
];

/** Staff downloads the audit log does not record, each with its reason (access-matrix test). */
export const auditExemptions: NonNullable<ModuleTesting["auditExemptions"]> = {
  "GET /t/:tenant/arbete/medborgarloften/:documentId/forhandsgranska.pdf":
    "förhandsgranskning av ett löftesdokument som ska bli offentligt: inga uppgifter om invånare",
};
