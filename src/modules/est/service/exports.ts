// Deliberate exports of incidents (offentlighetsprincipen: municipal records are public documents
// subject to a secrecy review; an export is a decision someone takes and answers for): staff who
// may export choose the period, the format and say why; every export is written to the audit
// log with who, when, what and why — before the file is handed out. Partner reports come with
// their point; the police's events are area-level and never get one (in GeoJSON their geometry is
// null). Walk observations (module `walks`, through its index) come with their point and the
// walk's address; their text stays in the walk's protocol. The figures of a week's lägesbild have
// their own table (the lägesbild's CSV).
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { DB } from "../../../platform/db/schema.ts";
import type { Locale } from "../../../platform/i18n/i18n.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { rangeOf } from "../domain/report-rules.ts";
import { walkIncidents, walksIncidentSource } from "../../walks/index.ts";
import { dayOfIsoDate, isoDate, stockholmParts, weekLabel, weekOfDay } from "../domain/time.ts";
import { can } from "../policy.ts";
import { categoryLabel, estSettings } from "../settings.ts";
import type { Lagesbild } from "./lagesbild.ts";
import type { TenantFacts } from "./reports.ts";

/** A cell of a table to download (the CSV writer guards text against formulas). */
export type Cell = string | number | null;
export type Table = { header: string[]; rows: Cell[][] };

/** The longest period one export may cover. */
export const MAX_EXPORT_DAYS = 3 * 366;

export type ExportRequest = { from: string; to: string; format: "csv" | "excel" | "geojson"; purpose: string; sources: Array<"est" | "polisen" | "walks"> };

export type ExportOutcome =
  | { kind: "ok"; table: Table; geojson: { type: "FeatureCollection"; features: unknown[] }; rows: number; filename: string }
  | { kind: "forbidden" }
  | { kind: "invalid"; problems: Record<string, { key: string; params?: Record<string, string | number> }> };

const iso = (d: Date) => {
  const p = stockholmParts(new Date(d));
  return `${p.date} ${p.time}`;
};

export async function exportIncidents(
  db: Kysely<DB>,
  tenant: TenantFacts & { slug: string },
  actor: Actor,
  req: ExportRequest,
  locale: Locale,
): Promise<ExportOutcome> {
  if (!can(actor, "est.export", { tenant_id: tenant.id })) return { kind: "forbidden" };
  const from = dayOfIsoDate(req.from);
  const to = dayOfIsoDate(req.to);
  if (from === null) return { kind: "invalid", problems: { from: { key: "est.insats.error.date" } } };
  if (to === null) return { kind: "invalid", problems: { to: { key: "est.insats.error.date" } } };
  if (to < from) return { kind: "invalid", problems: { to: { key: "est.export.error.order" } } };
  if (to - from + 1 > MAX_EXPORT_DAYS) return { kind: "invalid", problems: { to: { key: "est.export.error.tooLong", params: { days: MAX_EXPORT_DAYS } } } };
  const t = translator(locale);
  const settings = estSettings(tenant);
  const range = { from, to: to + 1 };
  const header = [
    t("est.export.col.source"),
    t("est.export.col.id"),
    t("est.export.col.category"),
    t("est.export.col.categoryLabel"),
    t("est.export.col.from"),
    t("est.export.col.to"),
    t("est.export.col.week"),
    t("est.export.col.place"),
    "lat",
    "lon",
    "sweref99tm_n",
    "sweref99tm_e",
    t("est.export.col.setting"),
    t("est.export.col.description"),
    t("est.export.col.assessment"),
    t("est.export.col.people"),
    t("est.export.col.organisation"),
    t("est.export.col.status"),
    t("est.export.col.url"),
  ];
  const rows: Cell[][] = [];
  const features: unknown[] = [];
  if (req.sources.includes("est")) {
    const reports = await db
      .selectFrom("est_reports")
      .leftJoin("organisations", "organisations.id", "est_reports.organisation_id")
      .select([
        "est_reports.id",
        "est_reports.category",
        "est_reports.occurred_from",
        "est_reports.occurred_to",
        "est_reports.day",
        "est_reports.place_name",
        "est_reports.lat",
        "est_reports.lon",
        "est_reports.n",
        "est_reports.e",
        "est_reports.setting",
        "est_reports.description",
        "est_reports.assessment",
        "est_reports.people_min",
        "est_reports.people_max",
        "est_reports.status",
        "organisations.name as organisation",
      ])
      .where("est_reports.tenant_id", "=", tenant.id)
      .where("est_reports.day", ">=", range.from)
      .where("est_reports.day", "<", range.to)
      .orderBy("est_reports.occurred_from")
      .execute();
    for (const r of reports) {
      const label = categoryLabel(settings, r.category, locale);
      const people = rangeOf(r.people_min, r.people_max);
      rows.push([
        t("est.source.est"),
        r.id,
        r.category,
        label,
        iso(r.occurred_from),
        r.occurred_to ? iso(r.occurred_to) : null,
        weekLabel(weekOfDay(r.day)),
        r.place_name,
        r.lat,
        r.lon,
        Math.round(r.n * 100) / 100,
        Math.round(r.e * 100) / 100,
        t(`est.setting.${r.setting}`),
        r.description,
        t(`est.assessment.${r.assessment}`),
        people || null,
        r.organisation,
        t(`est.report.status.${r.status}`),
        null,
      ]);
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [r.lon, r.lat] },
        properties: {
          source: "est",
          id: r.id,
          category: r.category,
          category_label: label,
          occurred_from: new Date(r.occurred_from).toISOString(),
          occurred_to: r.occurred_to ? new Date(r.occurred_to).toISOString() : null,
          week: weekLabel(weekOfDay(r.day)),
          place: r.place_name,
          setting: r.setting,
          description: r.description,
          assessment: r.assessment,
          people: people || null,
          organisation: r.organisation,
          status: r.status,
        },
      });
    }
  }
  if (req.sources.includes("polisen")) {
    const events = await db
      .selectFrom("est_police_events")
      .select(["police_id", "type", "occurred_at", "published_at", "day", "location_name", "summary", "url", "time_source"])
      .where("tenant_id", "=", tenant.id)
      .where("day", ">=", range.from)
      .where("day", "<", range.to)
      .orderBy("occurred_at")
      .execute();
    for (const e of events) {
      rows.push([
        t("est.source.polisen"),
        String(e.police_id),
        e.type,
        e.type,
        iso(e.occurred_at),
        null,
        weekLabel(weekOfDay(e.day)),
        e.location_name,
        null,
        null,
        null,
        null,
        null,
        e.summary,
        null,
        null,
        t("est.export.police"),
        null,
        e.url,
      ]);
      // Area-level: the police give the municipality's centroid, never the incident's place.
      features.push({
        type: "Feature",
        geometry: null,
        properties: {
          source: "polisen",
          id: Number(e.police_id),
          category: e.type,
          occurred_at: new Date(e.occurred_at).toISOString(),
          time_source: e.time_source,
          published_at: new Date(e.published_at).toISOString(),
          week: weekLabel(weekOfDay(e.day)),
          area: e.location_name,
          summary: e.summary,
          url: e.url,
        },
      });
    }
  }
  if (req.sources.includes("walks")) {
    const labels = new Map<string, string>(walksIncidentSource.categories(tenant).map((c) => [c.key, c.label[locale]]));
    const observations = await walkIncidents(db, tenant.id, req.from, isoDate(range.to), { locale, tenantSlug: tenant.slug });
    for (const o of observations) {
      const grid = latLonToSweref(o.lat, o.lon);
      const label = labels.get(o.category) ?? o.category;
      rows.push([
        t("est.source.walks"),
        o.id,
        o.category,
        label,
        iso(new Date(o.observedAt)),
        null,
        weekLabel(weekOfDay(o.day)),
        null,
        Math.round(o.lat * 1e6) / 1e6,
        Math.round(o.lon * 1e6) / 1e6,
        Math.round(grid.n * 100) / 100,
        Math.round(grid.e * 100) / 100,
        null,
        null,
        null,
        null,
        null,
        null,
        o.href ?? null,
      ]);
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [o.lon, o.lat] },
        properties: {
          source: "walks",
          id: o.id,
          walk_id: o.walkId,
          category: o.category,
          category_label: label,
          observed_at: o.observedAt,
          week: weekLabel(weekOfDay(o.day)),
          unsafe: o.unsafe,
          url: o.href ?? null,
        },
      });
    }
  }
  await db
    .insertInto("audit_log")
    .values({
      tenant_id: tenant.id,
      actor_id: actor.userId,
      action: "est.export",
      entity: "est_incidents",
      entity_id: null,
      data: JSON.stringify({ from: req.from, to: req.to, format: req.format, sources: req.sources, purpose: req.purpose, rows: rows.length }),
    })
    .execute();
  const filename = `est-${tenant.slug}-${req.from}-${req.to}.${req.format === "geojson" ? "geojson" : "csv"}`;
  return { kind: "ok", table: { header, rows }, geojson: { type: "FeatureCollection", features }, rows: rows.length, filename };
}

/** The audit log of exports (newest first). */
export async function listExports(db: Kysely<DB>, tenantId: string, limit = 20) {
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select(["audit_log.created_at", "users.name as actor_name", "audit_log.data"])
    .where("audit_log.tenant_id", "=", tenantId)
    .where("audit_log.action", "in", ["est.export", "est.lagesbildCsv"])
    .orderBy("audit_log.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ created_at: r.created_at, actor_name: r.actor_name, data: (r.data ?? {}) as Record<string, unknown> }));
}

/** The figures of a week's lägesbild as a table (its CSV). */
export function lagesbildTable(l: Lagesbild, locale: Locale): Table {
  const t = translator(locale);
  const sourceName = (key: string) => t(l.sources.find((s) => s.key === key)?.label ?? key);
  const header = [
    t("est.figures.weekCol"),
    t("est.week.area"),
    t("est.figures.source"),
    t("est.figures.category"),
    t("est.figures.week"),
    ...[4, 3, 2, 1].map((k) => t("est.csv.weeksBefore", { weeks: k })),
    t("est.figures.mean"),
    t("est.figures.change"),
    t("est.figures.lastYear", { week: Number(l.lastYearWeekLabel.slice(6)) }),
  ];
  const area = l.area.name ?? l.tenant.name;
  const rows: Cell[][] = l.totals.map((x) => [
    l.weekLabel,
    area,
    sourceName(x.source),
    t("est.csv.total"),
    x.week,
    ...x.previous,
    Math.round(x.previousMean * 100) / 100,
    Math.round(x.change * 100) / 100,
    x.lastYear,
  ]);
  for (const f of l.figures)
    rows.push([
      l.weekLabel,
      area,
      sourceName(f.source),
      f.source === "polisen" ? f.category.label.sv : f.category.label[locale],
      f.week,
      ...f.previous,
      Math.round(f.previousMean * 100) / 100,
      Math.round(f.change * 100) / 100,
      f.lastYear,
    ]);
  return { header, rows };
}
