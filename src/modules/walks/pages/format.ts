// Shared wording and small widgets of the walk pages and the PDF: dates and times in Swedish
// local time, the light sentence ("Det är mörkt då – solen går ner 16.01"), status badges, the
// participant counts and map data.
import { html, jsonForScript, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { content } from "../../../platform/i18n/content.ts";
import { formatDate, type Locale, type Translate } from "../../../platform/i18n/i18n.ts";
import { type ActionStatus, PARTICIPANT_GROUPS, type ParticipantGroup } from "../domain/categories.ts";
import type { WalkStatus } from "../domain/lifecycle.ts";
import type { Crossing, Light, WalkLight } from "../domain/sun.ts";
import { stockholmDate, stockholmTime } from "../domain/time.ts";
import type { StopRow, WalkRow } from "../repo/walks.ts";

export const publicBase = (slug: string) => `/t/${slug}/vandringar`;
export const staffBase = (slug: string) => `/t/${slug}/arbete/vandringar`;

export function moduleHead(): SafeHtml {
  return html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">`;
}

/** "18.00" (sv) / "18:00" (en) */
export function clock(at: Date, locale: Locale): string {
  const t = stockholmTime(at);
  return locale === "sv" ? t.replace(":", ".") : t;
}

/** "onsdag 10 november 2021, 18.00–20.00" */
export function whenText(w: Pick<WalkRow, "starts_at" | "ends_at">, locale: Locale): string {
  const start = new Date(w.starts_at);
  const end = new Date(w.ends_at);
  const weekday = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { weekday: "long", timeZone: "Europe/Stockholm" }).format(start);
  const sameDay = stockholmDate(start) === stockholmDate(end);
  return `${weekday} ${formatDate(start, locale)}, ${clock(start, locale)}–${sameDay ? "" : `${formatDate(end, locale)} `}${clock(end, locale)}`;
}

function crossingTime(c: Crossing, locale: Locale): string | null {
  return c.kind === "time" ? clock(c.at, locale) : null;
}

/** The light during the walk in one or two sentences, from the sun's position at the place. */
export function lightText(t: Translate, locale: Locale, l: WalkLight): string {
  const parts: string[] = [];
  if (l.atStart === l.atEnd && l.darkest === l.atStart) parts.push(t(`walks.light.whole.${l.atStart}`));
  else if (l.atStart === "ljust" && l.darkest === "morkt") parts.push(t("walks.light.becomesDark"));
  else if (l.atStart === "ljust" && l.darkest === "skymning") parts.push(t("walks.light.becomesTwilight"));
  else parts.push(t(`walks.light.start.${l.atStart}`));
  const sunset = crossingTime(l.day.sunset, locale);
  const dusk = crossingTime(l.day.dusk, locale);
  if (sunset) parts.push(dusk ? t("walks.light.sunsetAndDark", { sunset, dark: dusk }) : t("walks.light.sunset", { sunset }));
  else if (l.day.sunset.kind === "always") parts.push(t(l.day.sunset.above ? "walks.light.midnightSun" : "walks.light.polarNight"));
  return parts.join(" ");
}

export function lightBadge(t: Translate, light: Light): SafeHtml {
  const cls = light === "morkt" ? "badge--danger" : light === "skymning" ? "badge--warn" : "badge--ok";
  return html`<span class="badge ${cls}">${t(`walks.light.label.${light}`)}</span>`;
}

export function statusBadge(t: Translate, s: WalkStatus): SafeHtml {
  const cls = s === "installd" ? "badge--danger" : s === "utkast" ? "badge--muted" : s === "avslutad" || s === "protokoll" ? "badge--ok" : "badge--warn";
  return html`<span class="badge ${cls}">${t(`walks.status.${s}`)}</span>`;
}

export function actionBadge(t: Translate, s: ActionStatus): SafeHtml {
  const cls = s === "atgardad" ? "badge--ok" : s === "avslagen" ? "badge--muted" : s === "planerad" ? "badge--warn" : "badge--danger";
  return html`<span class="badge ${cls}">${t(`walks.actionStatus.${s}`)}</span>`;
}

export function participantsList(ctx: PageContext, p: Record<ParticipantGroup, number>): SafeHtml {
  const total = PARTICIPANT_GROUPS.reduce((n, g) => n + p[g], 0);
  return html`<p>${ctx.t("walks.participants.total", { count: total })}</p>
<ul class="walk-groups">${PARTICIPANT_GROUPS.filter((g) => p[g] > 0).map((g) => html`<li>${ctx.t(`walks.group.${g}`)}: ${p[g]}</li>`)}</ul>`;
}

/** Paragraphs of a free text people wrote (lang="sv" on English pages). */
export function paragraphs(ctx: PageContext, text: string): SafeHtml[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (ctx.locale !== "sv" ? html`<p lang="sv">${p}</p>` : html`<p>${p}</p>`));
}

export type MapConfig = { tileUrl: string; attribution: string };

/** The walk's route for the shared map island: the stops as numbered points, the drawn line. */
export function routeLayers(stops: readonly StopRow[], route: WalkRow["route"], extra: Array<Record<string, unknown>> = []) {
  const features: Array<Record<string, unknown>> = stops.map((s) => ({
    type: "Feature",
    properties: { label: `${s.position}. ${s.name}` },
    geometry: { type: "Point", coordinates: [s.lon, s.lat] },
  }));
  if (route) features.push({ type: "Feature", properties: { label: "", style: { color: "#003f63", weight: 4 } }, geometry: route });
  else if (stops.length > 1)
    features.push({
      type: "Feature",
      properties: { label: "", style: { color: "#003f63", weight: 3, dashArray: "6 6" } },
      geometry: { type: "LineString", coordinates: stops.map((s) => [s.lon, s.lat]) },
    });
  return [{ geojson: { type: "FeatureCollection", features: [...features, ...extra] } }];
}

/** A display map (the shared island web/islands/map.js); the page always carries a table with the same facts. */
export function displayMap(ctx: PageContext, id: string, label: string, layers: unknown[], map: MapConfig): SafeHtml {
  return html`<div class="map-island">
  <div id="${id}" class="map" data-map-source="${id}-data" role="region" aria-label="${label}"></div>
  <script type="application/json" id="${id}-data">${jsonForScript({ boundary: null, areas: [], layers, tileUrl: map.tileUrl, attribution: map.attribution })}</script>
  <p class="map-note">${ctx.t("walks.map.tableNote")}</p>
</div>`;
}

/** A content value (what people wrote) for a translated sentence. */
export const c = content;

/** The walk's title as content (lang="sv" on English pages). */
export function titleHtml(ctx: PageContext, w: Pick<WalkRow, "title">): SafeHtml {
  return sv(ctx, w.title);
}

export function kindLabel(t: Translate, kind: WalkRow["kind"]): string {
  return t(`walks.kind.${kind}`);
}
