// Open311 GeoReport v2 for one tenant (http://wiki.open311.org/GeoReport_v2): the documents of
// discovery, services, a service definition, service requests and tokens, the parsing of GET
// filters (with the widely used extensions updated_after/updated_before, bbox, lat/long/radius,
// page/page_size and extensions=true for the update history) and of POST bodies. Every problem
// is an Open311 error {code, description}: 400 for a request that cannot be fulfilled, 403 for a
// missing, unknown or revoked api_key, 404 for what does not exist.
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { DB } from "../../../platform/db/schema.ts";
import type { AppDeps } from "../../../platform/http/types.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { certainFindings, type Finding } from "../../../platform/privacy/screen.ts";
import { hashSecret, normaliseRef } from "../domain/codes.ts";
import { isOpen, open311Status } from "../domain/lifecycle.ts";
import { parseCoordinate } from "../domain/location.ts";
import { type O311Error, type O311Value, parseW3Date, w3Date } from "../domain/open311-format.ts";
import { type ApiKeyRow, findApiKeyByHash, touchApiKey } from "../repo/keys.ts";
import { listPhotos, type PhotoRow } from "../repo/photos.ts";
import { type Bbox, type Open311Query, open311Requests } from "../repo/public.ts";
import type { ReportRow } from "../repo/reports.ts";
import { listPublicUpdatesOf, type UpdateRow } from "../repo/updates.ts";
import { activeCategories, type Category, categoryName, findCategory, personCategoryCodes, type ReportsSettings } from "../settings.ts";
import { type ReportStatus, UNSAFE_TIMES, type UnsafeTime } from "../tables.ts";
import { organisationsById } from "./handle.ts";
import { tenantGeo } from "./geo.ts";
import { placeText } from "./public-view.ts";
import { plain } from "../../../platform/i18n/content.ts";
import { checkDraft, createReport, type LocationInput, type ReportDraft, resolveLocation, screenDraft, type TenantFacts } from "./reports.ts";

export const SPEC = "http://wiki.open311.org/GeoReport_v2";
export const MAX_WINDOW_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
export const MAX_RADIUS_M = 10_000;

export class Open311Failure extends Error {
  readonly status: 400 | 403 | 404;
  readonly errors: O311Error[];
  constructor(status: 400 | 403 | 404, errors: O311Error[]) {
    super(errors.map((e) => e.description).join("; "));
    this.status = status;
    this.errors = errors;
  }
}

function fail(status: 400 | 403 | 404, description: string, code: number | string = status): never {
  throw new Open311Failure(status, [{ code, description }]);
}

/** jurisdiction_id, when given, must be the tenant's slug or its kommunkod. */
export function checkJurisdiction(t: Translate, tenant: { slug: string; kommunkod: string }, value: unknown): void {
  if (value === undefined || value === null || value === "") return;
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== "string" || (v !== tenant.slug && v !== tenant.kommunkod))
    fail(404, t("reports.open311.error.jurisdiction", { value: String(v).slice(0, 60), slug: tenant.slug, kommunkod: tenant.kommunkod }));
}

/** An API key of the tenant that has not been revoked; 403 otherwise. */
export async function requireApiKey(db: Kysely<DB>, t: Translate, tenantId: string, value: unknown): Promise<ApiKeyRow> {
  if (typeof value !== "string" || value === "") fail(403, t("reports.open311.error.apiKeyMissing"));
  const key = await findApiKeyByHash(db, tenantId, hashSecret(value));
  if (!key) fail(403, t("reports.open311.error.apiKeyInvalid"));
  if (key.revoked_at) fail(403, t("reports.open311.error.apiKeyRevoked"));
  await touchApiKey(db, tenantId, key.id);
  return key;
}

/** An optional API key on a read: a valid one also shows the key's own submissions. */
export async function optionalApiKey(db: Kysely<DB>, t: Translate, tenantId: string, value: unknown): Promise<ApiKeyRow | null> {
  if (value === undefined || value === "") return null;
  return requireApiKey(db, t, tenantId, value);
}

export function discoveryDoc(deps: AppDeps, t: Translate, tenant: { slug: string; name: string; settings: Record<string, unknown> }, changed: Date): O311Value {
  const changeset = changed.toISOString().slice(0, 16).replace("T", " ");
  const contact = typeof tenant.settings.contactEmail === "string" ? tenant.settings.contactEmail : "";
  return {
    changeset,
    contact: t("reports.open311.discovery.contact", { tenant: tenant.name, contact: contact || "–" }),
    key_service: t("reports.open311.discovery.keyService", { tenant: tenant.name }),
    endpoints: [
      {
        specification: SPEC,
        url: `${deps.config.baseUrl}/t/${tenant.slug}/open311/v2`,
        changeset,
        type: deps.config.NODE_ENV === "production" ? "production" : "test",
        formats: ["text/xml", "application/json"],
      },
    ],
  };
}

function serviceOf(c: Category, locale: "sv" | "en"): O311Value {
  return {
    service_code: c.code,
    service_name: c.name[locale],
    description: c.description[locale],
    metadata: true,
    type: c.review ? "batch" : "realtime",
    keywords: c.keywords,
    group: c.group,
  };
}

export function servicesDoc(settings: ReportsSettings, locale: "sv" | "en"): O311Value {
  return activeCategories(settings).map((c) => serviceOf(c, locale));
}

export function serviceDefinitionDoc(t: Translate, c: Category): O311Value {
  return {
    service_code: c.code,
    attributes: [
      {
        variable: true,
        code: "otrygg",
        datatype: "singlevaluelist",
        required: false,
        datatype_description: t("reports.open311.attr.unsafe.datatype"),
        order: 1,
        description: t("reports.open311.attr.unsafe.description"),
        values: [
          { key: "ja", name: t("reports.form.unsafe.yes") },
          { key: "nej", name: t("reports.form.unsafe.no") },
        ],
      },
      {
        variable: true,
        code: "tider",
        datatype: "multivaluelist",
        required: false,
        datatype_description: t("reports.open311.attr.times.datatype"),
        order: 2,
        description: t("reports.open311.attr.times.description"),
        values: UNSAFE_TIMES.map((k) => ({ key: k, name: t(`reports.time.${k}`) })),
      },
    ],
  };
}

function first(v: unknown): string | undefined {
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : undefined;
  return typeof v === "string" ? v : undefined;
}

function list(v: unknown): string[] {
  const s = first(v);
  if (s === undefined || s.trim() === "") return [];
  return s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The GET requests filters, with the spec's defaults and limits. */
export function parseRequestQuery(
  t: Translate,
  settings: ReportsSettings,
  raw: Record<string, unknown>,
  now = new Date(),
): Omit<Open311Query, "personCodes" | "apiKeyId"> & { extensions: boolean } {
  // Every argument is optional; an empty one (as an HTML form or a client
  // template sends, `?lat=&long=`) counts as absent, not as a bad value.
  const q = Object.fromEntries(Object.entries(raw).filter(([, v]) => (first(v) ?? "").trim() !== ""));
  const extensions = first(q.extensions) === "true";
  const page = first(q.page) ? Number(first(q.page)) : 1;
  const pageSize = first(q.page_size) ? Number(first(q.page_size)) : MAX_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1 || page > 100_000) fail(400, t("reports.open311.error.page"));
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) fail(400, t("reports.open311.error.pageSize", { max: MAX_PAGE_SIZE }));
  const paging = { offset: (page - 1) * pageSize, limit: pageSize };
  const ids = list(q.service_request_id);
  if (ids.length) {
    // "This overrides all other arguments."
    return { ids: ids.map((i) => normaliseRef(i) ?? "").filter(Boolean), start: now, end: now, extensions, ...paging };
  }
  const codes = list(q.service_code);
  for (const c of codes) if (!findCategory(settings, c)) fail(400, t("reports.open311.error.unknownServiceCode", { code: c.slice(0, 40) }));
  const statuses = list(q.status);
  const status: ReportStatus[] = [];
  for (const s of statuses) {
    if (s === "open") status.push("mottagen", "under_utredning");
    else if (s === "closed") status.push("atgardad", "avslutad", "inte_vart_ansvar", "dubblett");
    else fail(400, t("reports.open311.error.status", { value: s.slice(0, 20) }));
  }
  const date = (name: string): Date | undefined => {
    const v = first(q[name]);
    if (v === undefined || v === "") return undefined;
    const d = parseW3Date(v);
    if (!d) fail(400, t("reports.open311.error.date", { name }));
    return d;
  };
  const startArg = date("start_date");
  const endArg = date("end_date");
  const span = MAX_WINDOW_DAYS * 86_400_000;
  let end = endArg ?? (startArg ? new Date(Math.min(startArg.getTime() + span, now.getTime())) : now);
  let start = startArg ?? new Date(end.getTime() - span);
  if (start > end) fail(400, t("reports.open311.error.dateOrder"));
  if (end.getTime() - start.getTime() > span) fail(400, t("reports.open311.error.dateSpan", { days: MAX_WINDOW_DAYS }));
  if (!endArg && !startArg) {
    start = new Date(now.getTime() - span);
    end = now;
  }
  const updatedAfter = date("updated_after");
  const updatedBefore = date("updated_before");
  let bbox: Bbox | undefined;
  const bboxText = first(q.bbox);
  if (bboxText) {
    const parts = bboxText.split(",").map((x) => parseCoordinate(x));
    if (parts.length !== 4 || parts.some((x) => x === null)) fail(400, t("reports.open311.error.bbox"));
    const [minLon, minLat, maxLon, maxLat] = parts as number[];
    if (!(minLon! < maxLon! && minLat! < maxLat!) || minLat! < -90 || maxLat! > 90 || minLon! < -180 || maxLon! > 180)
      fail(400, t("reports.open311.error.bbox"));
    bbox = { minLat: minLat!, minLon: minLon!, maxLat: maxLat!, maxLon: maxLon! };
  }
  let near: Open311Query["near"];
  if (first(q.lat) !== undefined || first(q.long) !== undefined || first(q.radius) !== undefined) {
    const lat = parseCoordinate(first(q.lat));
    const lon = parseCoordinate(first(q.long));
    const radius = first(q.radius) === undefined ? 500 : Number(first(q.radius));
    if (lat === null || lon === null || lat < 54 || lat > 70 || lon < 10 || lon > 25) fail(400, t("reports.open311.error.latLong"));
    if (!Number.isFinite(radius) || radius <= 0 || radius > MAX_RADIUS_M) fail(400, t("reports.open311.error.radius", { max: MAX_RADIUS_M }));
    const p = latLonToSweref(lat, lon);
    near = { n: p.n, e: p.e, radius };
  }
  return { categories: codes, status, start, end, updatedAfter, updatedBefore, bbox, near, extensions, ...paging };
}

export type RequestContext = {
  db: Kysely<DB>;
  deps: AppDeps;
  tenant: { id: string; slug: string };
  settings: ReportsSettings;
  t: Translate;
  locale: "sv" | "en";
};

const NOTE_TYPES: Record<string, string> = {
  submitted: "submitted",
  status: "status",
  public: "update",
  merge: "merged",
  reopen: "reopened",
  resident: "resident",
};

function statusNotes(c: RequestContext, r: ReportRow, latest: UpdateRow | undefined, dupRef: string | null): string | null {
  if (r.status === "avslutad") return r.status_reason;
  if (r.status === "inte_vart_ansvar") return c.t("reports.public.otherAuthority", { authority: r.other_authority ?? "" });
  if (r.status === "dubblett" && dupRef) return c.t("reports.public.duplicateOf", { ref: dupRef });
  if (latest?.kind === "resident") return c.t(`reports.resident.${latest.text === "fixed" ? "fixed" : "notFixed"}`);
  return latest?.text || null;
}

function noteText(c: RequestContext, u: UpdateRow): string {
  if (u.kind === "submitted") return c.t("reports.history.submitted");
  if (u.kind === "resident") return c.t(`reports.resident.${u.text === "fixed" ? "fixed" : "notFixed"}`);
  if (u.kind === "merge") return c.t("reports.public.duplicateOf", { ref: u.text });
  if (u.kind === "status" || u.kind === "reopen") {
    const s = u.status_to ? c.t(`reports.status.${u.status_to}`) : "";
    return u.text ? `${s}: ${u.text}` : s;
  }
  return u.text;
}

function photoUrl(c: RequestContext, ref: string, p: PhotoRow): string {
  return `${c.deps.config.baseUrl}/t/${c.tenant.slug}/rapporter/${ref}/bilder/${p.id}.jpg`;
}

/** The requests document (a list) for reports already filtered by the public rule. */
export async function requestsDoc(c: RequestContext, rows: readonly ReportRow[], extensions: boolean): Promise<O311Value> {
  const ids = rows.map((r) => r.id);
  const [updates, photos, orgs, g] = await Promise.all([
    listPublicUpdatesOf(c.db, c.tenant.id, ids),
    listPhotos(c.db, c.tenant.id, ids, { includeHidden: false }),
    organisationsById(c.db, c.tenant.id),
    tenantGeo(c.db, c.tenant.id),
  ]);
  const dupTargets = rows.filter((r) => r.duplicate_of).map((r) => r.duplicate_of!);
  const dupRefs = new Map<string, string>();
  if (dupTargets.length) {
    for (const d of await c.db.selectFrom("reports").select(["id", "ref"]).where("tenant_id", "=", c.tenant.id).where("id", "in", dupTargets).execute())
      dupRefs.set(d.id, d.ref);
  }
  const photosOf = new Map<string, PhotoRow[]>();
  for (const p of photos) photosOf.set(p.report_id!, [...(photosOf.get(p.report_id!) ?? []), p]);
  return rows.map((r) => {
    const own = updates.get(r.id) ?? [];
    const latest = [...own].reverse().find((u) => u.text.trim() !== "" && u.kind !== "submitted");
    const myPhotos = photosOf.get(r.id) ?? [];
    const marked = placeText(r, g.places, g.areas, c.t, c.locale);
    const where = marked === null ? null : plain(marked);
    const address = [where, r.location_text].filter(Boolean).join(" – ");
    const doc: Record<string, O311Value> = {
      service_request_id: r.ref,
      status: open311Status(r.status),
      status_notes: statusNotes(c, r, latest, r.duplicate_of ? (dupRefs.get(r.duplicate_of) ?? null) : null),
      service_name: categoryName(c.settings, r.category, c.locale),
      service_code: r.category,
      description: r.description,
      agency_responsible: r.organisation_id ? (orgs.get(r.organisation_id)?.name ?? null) : null,
      service_notice: null,
      requested_datetime: w3Date(r.created_at),
      updated_datetime: w3Date(r.updated_at),
      expected_datetime: isOpen(r.status) ? w3Date(new Date(r.created_at.getTime() + c.settings.closureDays * 86_400_000)) : null,
      address: address || null,
      address_id: r.place_id,
      zipcode: null,
      lat: r.lat,
      long: r.lon,
      media_url: myPhotos[0] ? photoUrl(c, r.ref, myPhotos[0]) : null,
    };
    if (extensions) {
      doc.attributes = [
        { code: "otrygg", label: c.t("reports.open311.attr.unsafe.description"), value: r.feels_unsafe === null ? null : r.feels_unsafe ? "ja" : "nej" },
        { code: "tider", label: c.t("reports.open311.attr.times.description"), value: r.unsafe_times.join(",") },
      ];
      doc.extended_attributes = {
        status_detail: r.status,
        status_label: c.t(`reports.status.${r.status}`),
        precision: r.precision,
        photos: myPhotos.map((p) => ({ media_url: photoUrl(c, r.ref, p), width: p.width, height: p.height })),
      };
      doc.notes = own.map((u) => ({ datetime: w3Date(u.created_at), description: noteText(c, u), type: NOTE_TYPES[u.kind] ?? u.kind }));
    }
    return doc;
  });
}

/** GET requests: the public rule in SQL, plus the key's own submissions. */
export async function findRequests(c: RequestContext, query: ReturnType<typeof parseRequestQuery>, key: ApiKeyRow | null): Promise<ReportRow[]> {
  return open311Requests(c.db, c.tenant.id, { ...query, personCodes: personCategoryCodes(c.settings), apiKeyId: key?.id });
}

/** Attributes of a POST: attribute[code]=value, attribute[code][]=value (multivaluelist). */
export function parseAttributes(t: Translate, body: Record<string, unknown>): { feelsUnsafe: boolean | null; times: UnsafeTime[] } {
  let feelsUnsafe: boolean | null = null;
  const times = new Set<UnsafeTime>();
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(k);
    if (!m) continue;
    const code = m[1]!;
    const values = (Array.isArray(v) ? v : [v]).map((x) => String(x).trim()).filter(Boolean);
    if (code === "otrygg") {
      if (values.length > 1) fail(400, t("reports.open311.error.attributeValue", { code, value: values.join(",").slice(0, 40) }));
      const val = values[0];
      if (val === undefined) continue;
      if (val !== "ja" && val !== "nej") fail(400, t("reports.open311.error.attributeValue", { code, value: val.slice(0, 40) }));
      feelsUnsafe = val === "ja";
    } else if (code === "tider") {
      for (const val of values.flatMap((x) => x.split(","))) {
        if (!(UNSAFE_TIMES as readonly string[]).includes(val)) fail(400, t("reports.open311.error.attributeValue", { code, value: val.slice(0, 40) }));
        times.add(val as UnsafeTime);
      }
    } else fail(400, t("reports.open311.error.unknownAttribute", { code: code.slice(0, 40) }));
  }
  return { feelsUnsafe, times: UNSAFE_TIMES.filter((x) => times.has(x)) };
}

function describeFindings(t: Translate, findings: Record<string, Finding[]>): string {
  return Object.entries(findings)
    .flatMap(([field, list]) =>
      list.map((f) =>
        t("reports.open311.error.finding", {
          field: field === "location_text" ? "address_string" : field,
          kind: t(`reports.finding.${f.kind}`),
          start: f.start + 1,
          end: f.end,
        }),
      ),
    )
    .join("; ");
}

/** POST requests: one new report through the same checks as the web form. */
export async function postRequest(
  c: RequestContext,
  tenant: TenantFacts,
  key: ApiKeyRow,
  body: Record<string, unknown>,
): Promise<{ report: ReportRow; notice: string }> {
  const t = c.t;
  const code = first(body.service_code)?.trim();
  if (!code) fail(400, t("reports.open311.error.serviceCodeMissing"));
  const cat = findCategory(c.settings, code);
  if (!cat?.active) fail(404, t("reports.open311.error.unknownServiceCode", { code: code.slice(0, 40) }));
  const latText = first(body.lat);
  const lonText = first(body.long);
  const addressString = (first(body.address_string) ?? "").trim();
  const addressId = (first(body.address_id) ?? "").trim();
  let location: LocationInput;
  if (latText !== undefined || lonText !== undefined) {
    const lat = parseCoordinate(latText);
    const lon = parseCoordinate(lonText);
    if (lat === null || lon === null) fail(400, t("reports.open311.error.latLong"));
    location = { kind: "point", lat, lon };
  } else if (addressId) {
    location = { kind: "place", placeId: addressId };
  } else if (addressString) {
    const g = await tenantGeo(c.db, tenant.id);
    const lower = addressString.toLowerCase();
    const place = [...g.places].sort((a, b) => b.name.length - a.name.length).find((p) => lower.includes(p.name.toLowerCase()));
    const area = g.areas.find((a) => lower.includes(a.name.toLowerCase()));
    if (place) location = { kind: "place", placeId: place.id };
    else if (area) location = { kind: "area", areaId: area.id };
    else fail(400, t("reports.open311.error.addressUnknown", { slug: tenant.slug }));
  } else fail(400, t("reports.open311.error.locationMissing"));
  const attrs = parseAttributes(t, body);
  const email = (first(body.email) ?? "").trim() || null;
  const name = [first(body.first_name), first(body.last_name)]
    .map((x) => (x ?? "").trim())
    .filter(Boolean)
    .join(" ");
  const mediaUrl = (first(body.media_url) ?? "").trim();
  if (mediaUrl && (mediaUrl.length > 2000 || !/^https?:\/\/[^\s]+$/i.test(mediaUrl))) fail(400, t("reports.open311.error.mediaUrl"));
  const draft: ReportDraft = {
    category: code,
    location,
    locationText: addressString,
    description: (first(body.description) ?? "").trim(),
    feelsUnsafe: attrs.feelsUnsafe,
    unsafeTimes: attrs.times,
    name: name || null,
    email,
    wantsUpdates: false,
    confirmedNotNames: list(body.confirmed_not_names),
  };
  const problems = checkDraft(c.settings, draft);
  if (problems.length)
    throw new Open311Failure(
      400,
      problems.map((p) => ({ code: 400, description: `${p.field === "location_text" ? "address_string" : p.field}: ${t(p.key, p.params)}` })),
    );
  const where = await resolveLocation(c.db, tenant, location, addressString);
  if (!where.ok) fail(400, t(where.problem.key, where.problem.params));
  const findings = screenDraft(draft, where.geo);
  if (Object.keys(findings).length) {
    const certain = Object.values(findings).some((l) => certainFindings(l).length > 0);
    fail(400, `${t(certain ? "reports.open311.error.personalData" : "reports.open311.error.likelyNames")} ${describeFindings(t, findings)}`, "personal_data");
  }
  const report = await createReport(c.db, c.deps, tenant, c.settings, draft, where.where, {
    source: "open311",
    apiKeyId: key.id,
    externalMediaUrl: mediaUrl || null,
  });
  const notice = cat.review ? t("reports.open311.notice.review") : t("reports.open311.notice.realtime", { days: c.settings.firstResponseDays });
  return { report, notice };
}
