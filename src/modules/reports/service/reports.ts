// Use cases for a new report, shared by the web form and Open311: where it is (a point inside
// the municipality, a named place, or an area), personal-data screening of the free text before
// anything is stored, routing, review, storing, and the mail that follows.
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { DB } from "../../../platform/db/schema.ts";
import type { AppDeps } from "../../../platform/http/types.ts";
import type { Params } from "../../../platform/i18n/i18n.ts";
import { type Finding, screenFields } from "../../../platform/privacy/screen.ts";
import { findPlace } from "../../tenants/index.ts";
import { hashSecret, newOpen311Token, newRef } from "../domain/codes.ts";
import { areaAt } from "../domain/location.ts";
import { routeReport } from "../domain/routing.ts";
import { attachDraftPhotos } from "../repo/photos.ts";
import { insertReport, nearbyOpen, type ReportRow, refTaken } from "../repo/reports.ts";
import { listRules } from "../repo/rules.ts";
import { insertUpdate } from "../repo/updates.ts";
import { findCategory, personCategoryCodes, type ReportsSettings } from "../settings.ts";
import type { Precision, UnsafeTime } from "../tables.ts";
import { checkPoint, type TenantGeo, tenantGeo } from "./geo.ts";
import { followSecret, notifySubscribers, sendReceipt } from "./notify.ts";

/** A problem with one field: the catalog key of its message (shown in the reader's language). */
export type Problem = { field: string; key: string; params?: Params };

export type TenantFacts = { id: string; slug: string; name: string; kommunkod: string };

export type LocationInput = { kind: "point"; lat: number; lon: number } | { kind: "place"; placeId: string } | { kind: "area"; areaId: string };

export type ReportDraft = {
  category: string;
  location: LocationInput;
  locationText: string;
  description: string;
  feelsUnsafe: boolean | null;
  unsafeTimes: UnsafeTime[];
  name: string | null;
  email: string | null;
  wantsUpdates: boolean;
  /** Likely names the writer confirmed are not people (exact text). */
  confirmedNotNames: string[];
};

export type Where = {
  precision: Precision;
  lat: number | null;
  lon: number | null;
  n: number | null;
  e: number | null;
  placeId: string | null;
  areaId: string | null;
  placeName: string | null;
};

export const MAX_DESCRIPTION = 4000;
export const MIN_DESCRIPTION = 5;
export const MAX_LOCATION_TEXT = 500;

/** Where the report is, or why it cannot be there (a point elsewhere names the municipality it lies in). */
export async function resolveLocation(
  db: Kysely<DB>,
  tenant: TenantFacts,
  loc: LocationInput,
  locationText: string,
): Promise<{ ok: true; where: Where; geo: TenantGeo } | { ok: false; problem: Problem; otherKommunkod?: string }> {
  const g = await tenantGeo(db, tenant.id);
  if (loc.kind === "point") {
    const c = checkPoint(g, tenant.kommunkod, loc.lat, loc.lon);
    if (c.kind === "outsideSweden") return { ok: false, problem: { field: "location", key: "reports.error.outsideSweden" } };
    if (c.kind === "outsideTenant") return { ok: false, problem: { field: "location", key: "reports.error.outsideTenant", params: { tenant: tenant.name } } };
    if (c.kind === "otherMunicipality")
      return {
        ok: false,
        problem: { field: "location", key: "reports.error.otherMunicipality", params: { municipality: c.municipality, tenant: tenant.name } },
        otherKommunkod: c.kommunkod,
      };
    const p = c.point;
    return { ok: true, geo: g, where: { precision: "point", lat: p.lat, lon: p.lon, n: p.n, e: p.e, placeId: null, areaId: p.areaId, placeName: null } };
  }
  if (loc.kind === "place") {
    const place = await findPlace(db, tenant.id, loc.placeId);
    if (!place) return { ok: false, problem: { field: "place_id", key: "reports.error.unknownPlace" } };
    const { n, e } = latLonToSweref(place.lat, place.lon);
    return {
      ok: true,
      geo: g,
      where: {
        precision: "place",
        lat: place.lat,
        lon: place.lon,
        n,
        e,
        placeId: place.id,
        areaId: areaAt(g.geo, place.lat, place.lon),
        placeName: place.name,
      },
    };
  }
  const area = g.areas.find((a) => a.id === loc.areaId);
  if (!area) return { ok: false, problem: { field: "area_id", key: "reports.error.unknownArea" } };
  if (!locationText.trim()) return { ok: false, problem: { field: "location_text", key: "reports.error.describeSpot" } };
  return { ok: true, geo: g, where: { precision: "area", lat: null, lon: null, n: null, e: null, placeId: null, areaId: area.id, placeName: null } };
}

/** The draft's own checks (everything but the location, which needs the database). */
export function checkDraft(settings: ReportsSettings, d: Omit<ReportDraft, "location">): Problem[] {
  const out: Problem[] = [];
  const cat = findCategory(settings, d.category);
  if (!d.category) out.push({ field: "category", key: "reports.error.category" });
  else if (!cat?.active) out.push({ field: "category", key: "reports.error.unknownCategory", params: { code: d.category } });
  const desc = d.description.trim();
  if (!desc) out.push({ field: "description", key: "reports.error.descriptionEmpty" });
  else if (desc.length < MIN_DESCRIPTION) out.push({ field: "description", key: "reports.error.descriptionShort", params: { min: MIN_DESCRIPTION } });
  else if (desc.length > MAX_DESCRIPTION)
    out.push({ field: "description", key: "reports.error.descriptionLong", params: { max: MAX_DESCRIPTION, length: desc.length } });
  if (d.locationText.trim().length > MAX_LOCATION_TEXT)
    out.push({ field: "location_text", key: "reports.error.locationTextLong", params: { max: MAX_LOCATION_TEXT } });
  if (d.name && d.name.length > 120) out.push({ field: "name", key: "reports.error.nameLong", params: { max: 120 } });
  if (d.email && (d.email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.email))) out.push({ field: "email", key: "reports.error.email" });
  if (d.wantsUpdates && !d.email) out.push({ field: "email", key: "reports.error.emailForUpdates" });
  return out;
}

/**
 * Personal data in the free text (description and the words about the spot), per field. Names of
 * the tenant's places and areas never count as person names; likely names the writer confirmed
 * are not people are left out. Nothing is changed: the writer is shown what was found.
 */
export function screenDraft(d: Pick<ReportDraft, "description" | "locationText" | "confirmedNotNames">, g: TenantGeo): Record<string, Finding[]> {
  const ignoreWords = [...g.places.flatMap((p) => p.name.split(/\s+/)), ...g.areas.flatMap((a) => a.name.split(/\s+/))];
  return screenFields({ description: d.description, location_text: d.locationText }, { ignoreWords, confirmedNotNames: d.confirmedNotNames });
}

/** Open reports of the same category nearby, which the resident may +1 instead (never for person-related categories). */
export async function similarReports(db: Kysely<DB>, tenantId: string, settings: ReportsSettings, category: string, where: Where, radius = 150) {
  const cat = findCategory(settings, category);
  if (!cat || cat.kind === "person" || where.n === null || where.e === null) return [];
  return nearbyOpen(db, tenantId, { category, n: where.n, e: where.e, radius, personCodes: personCategoryCodes(settings) });
}

async function uniqueRef(db: Kysely<DB>, tenantId: string): Promise<string> {
  for (;;) {
    const ref = newRef();
    if (!(await refTaken(db, tenantId, ref))) return ref;
  }
}

export type CreateOptions = {
  source: "web" | "open311";
  apiKeyId?: string | null;
  draftKeyHash?: string | null;
  externalMediaUrl?: string | null;
  createdAt?: Date;
};

/** Store a checked report, route it, tell the reporter and the subscribers. */
export async function createReport(
  db: Kysely<DB>,
  deps: AppDeps,
  tenant: TenantFacts,
  settings: ReportsSettings,
  d: ReportDraft,
  where: Where,
  opts: CreateOptions,
): Promise<ReportRow> {
  const cat = findCategory(settings, d.category)!;
  const rule = routeReport(await listRules(db, tenant.id), { category: d.category, area_id: where.areaId });
  const report = await db.transaction().execute(async (trx) => {
    const ref = await uniqueRef(trx, tenant.id);
    const inserted = await insertReport(trx, tenant.id, {
      ref,
      category: d.category,
      person_related: cat.kind === "person",
      precision: where.precision,
      lat: where.lat,
      lon: where.lon,
      sweref_n: where.n,
      sweref_e: where.e,
      place_id: where.placeId,
      area_id: where.areaId,
      location_text: d.locationText.trim(),
      description: d.description.trim(),
      feels_unsafe: d.feelsUnsafe,
      unsafe_times: d.unsafeTimes,
      reporter_name: d.name?.trim() || null,
      reporter_email: d.email?.trim() || null,
      wants_updates: d.wantsUpdates && !!d.email,
      organisation_id: rule?.organisation_id ?? null,
      visibility: cat.review ? "pending" : "public",
      source: opts.source,
      api_key_id: opts.apiKeyId ?? null,
      follow_token_hash: null,
      open311_token: cat.review && opts.source === "open311" ? newOpen311Token() : null,
      external_media_url: opts.externalMediaUrl ?? null,
      created_at: opts.createdAt,
    });
    // The follow link is derived from the report's id (so every later mail can carry it); only its hash is kept.
    await trx
      .updateTable("reports")
      .set({ follow_token_hash: hashSecret(followSecret(deps, inserted.id)) })
      .where("tenant_id", "=", tenant.id)
      .where("id", "=", inserted.id)
      .execute();
    await insertUpdate(trx, tenant.id, inserted.id, {
      kind: "submitted",
      audience: "public",
      text: "",
      status_from: null,
      status_to: "mottagen",
      organisation_id: null,
      author_id: null,
      author_label: "",
      created_at: opts.createdAt,
    });
    if (rule)
      await insertUpdate(trx, tenant.id, inserted.id, {
        kind: "routing",
        audience: "staff",
        text: "",
        status_from: null,
        status_to: null,
        organisation_id: rule.organisation_id,
        author_id: null,
        author_label: "",
        created_at: opts.createdAt,
      });
    if (opts.draftKeyHash) await attachDraftPhotos(trx, tenant.id, opts.draftKeyHash, inserted.id);
    return inserted;
  });
  await sendReceipt(db, deps, tenant, report, settings);
  if (report.visibility === "public") await notifySubscribers(db, deps, tenant, report, settings, "new", report.description);
  return report;
}
