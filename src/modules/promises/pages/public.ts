// Public pages: the tenant's current medborgarlöfte and any published one, with live progress
// per promise ("you said, we did"), earlier promises, the follow-up report, and links to the
// PDF and open data. No login, works without JavaScript; the activity map has a table twin.
// Residents get the document, not its provenance: notes about sources and demo data ("Om
// källan", "namn ej angivet i källan") are for staff pages only.
import { html, jsonForScript, mixed, type SafeHtml, sv } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import { safeLinkTarget } from "../../../platform/http/urls.ts";
import { scrollTable } from "../../../platform/http/tables.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { PromiseIndicator } from "../../../platform/module.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import type { DocumentRow } from "../repo/documents.ts";
import type { DocumentView, PromiseView } from "../service/views.ts";
import { achievedHtml, outcomesHtml, ownerHtml, sectionHeadingHtml, targetHtml } from "./content.ts";
import { dateRange, missedText, moduleHead, periodTable, progressBlock, statusBadge, verdictBadge } from "./format.ts";

export type MapSettings = { boundary: unknown; tileUrl: string; attribution: string };

export function publicDocUrl(slug: string, id: string): string {
  return `/t/${slug}/medborgarlofte/${id}`;
}

/** Paragraphs of a free text written by people (lang="sv" on pages in another language). */
export function paragraphs(text: string, ctx?: { locale: string }): SafeHtml[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (ctx && ctx.locale !== "sv" ? html`<p lang="sv">${p}</p>` : html`<p>${p}</p>`));
}

/** Promises grouped into the familiar sections, in document order. */
export function sections(view: DocumentView): Array<{ owner: string; promises: PromiseView[] }> {
  const out: Array<{ owner: string; promises: PromiseView[] }> = [];
  for (const p of view.promises) {
    const last = out.at(-1);
    if (last && last.owner === p.owner) last.promises.push(p);
    else out.push({ owner: p.owner, promises: [p] });
  }
  return out;
}

function activityLine(ctx: PageContext, a: PromiseView["activities"][number]): SafeHtml {
  return html`<li><time datetime="${a.occurred_on}">${formatDate(a.occurred_on, ctx.locale)}</time>: ${sv(ctx, a.title)}${a.place_name ? html` – ${sv(ctx, a.place_name)}` : ""}${
    a.outcomes.length ? html` <span class="muted">(${outcomesHtml(ctx, a.outcomes)})</span>` : ""
  }</li>`;
}

function promiseItem(ctx: PageContext, p: PromiseView, indicators: readonly PromiseIndicator[] = []): SafeHtml {
  const { t } = ctx;
  const recent = [...p.activities].reverse();
  const shown = recent.slice(0, 5);
  const more = recent.slice(5);
  const target = targetHtml(ctx, p.target);
  return html`<li value="${p.number}" class="promise" id="lofte-${p.number}">
  <p class="promise__text">${sv(ctx, p.text)}</p>
  <dl class="facts">
    ${target ? html`<dt>${t("promises.field.target")}</dt><dd>${target}</dd>` : ""}
    ${p.focus_area ? html`<dt>${t("promises.field.focusArea")}</dt><dd>${sv(ctx, p.focus_area)}</dd>` : ""}
    ${p.responsibles.length ? html`<dt>${t("promises.field.responsible")}</dt><dd>${sv(ctx, p.responsibles.map((o) => o.name).join(", "))}</dd>` : ""}
    ${p.verdict ? html`<dt>${t("promises.field.verdict")}</dt><dd>${verdictBadge(t, p.verdict)} ${sv(ctx, p.verdict_reason)}</dd>` : ""}
    ${indicators
      .filter((i) => i.lineageId === p.lineage_id)
      .map((i) => html`<dt>${t("promises.field.indicator")}</dt><dd><a href="${i.href}">${mixed(ctx, i.label)}</a>${i.latest ? html`: ${i.latest}` : ""}</dd>`)}
  </dl>
  ${progressBlock(t, ctx.locale, p.progress, p.target)}
  ${periodTable(t, ctx.locale, p.progress, t("promises.progress.caption", { number: p.number }))}
  <h4 class="promise__done">${t("promises.public.weDid")}</h4>
  ${
    shown.length
      ? html`<ul class="activity-list">${shown.map((a) => activityLine(ctx, a))}</ul>
  ${more.length ? html`<details><summary>${t("promises.public.moreActivities", { count: more.length })}</summary><ul class="activity-list">${more.map((a) => activityLine(ctx, a))}</ul></details>` : ""}`
      : html`<p class="muted">${t("promises.public.noActivities")}</p>`
  }
</li>`;
}

function activityMap(ctx: PageContext, view: DocumentView, map: MapSettings): SafeHtml {
  const { t } = ctx;
  const placed = view.promises.flatMap((p) => p.activities.filter((a) => a.lat !== null && a.lon !== null).map((a) => ({ p, a })));
  if (placed.length === 0) return html``;
  const geojson = {
    type: "FeatureCollection",
    features: placed.map(({ p, a }) => ({
      type: "Feature",
      properties: { label: `${formatDate(a.occurred_on, ctx.locale)}: ${a.title} (${t("promises.public.promiseNo", { number: p.number })})` },
      geometry: { type: "Point", coordinates: [a.lon, a.lat] },
    })),
  };
  return html`<section aria-labelledby="karta">
  <h2 id="karta">${t("promises.public.mapHeading")}</h2>
  <div class="map-island">
    <div id="promise-map" class="map" data-map-source="promise-map-data" role="region" aria-label="${t("promises.public.mapLabel")}"></div>
    <script type="application/json" id="promise-map-data">${jsonForScript({ boundary: map.boundary, areas: [], layers: [{ geojson }], tileUrl: map.tileUrl, attribution: map.attribution })}</script>
    <p class="map-note">${t("promises.public.mapTableNote")}</p>
  </div>
  ${scrollTable(
    t("promises.public.mapCaption"),
    html`<table>
    <caption>${t("promises.public.mapCaption")}</caption>
    <thead><tr><th scope="col">${t("promises.field.date")}</th><th scope="col">${t("promises.field.activity")}</th><th scope="col">${t("promises.field.place")}</th><th scope="col">${t(
      "promises.field.promise",
    )}</th></tr></thead>
    <tbody>${placed.map(
      ({ p, a }) =>
        html`<tr><td>${formatDate(a.occurred_on, ctx.locale)}</td><td>${sv(ctx, a.title)}</td><td>${a.place_name ? sv(ctx, a.place_name) : `${a.lat}, ${a.lon}`}</td><td><a href="#lofte-${p.number}">${t(
          "promises.public.promiseNo",
          { number: p.number },
        )}</a></td></tr>`,
    )}</tbody>
  </table>`,
  )}
</section>`;
}

export function documentFacts(ctx: PageContext, doc: DocumentRow): SafeHtml {
  const { t } = ctx;
  return html`<dl class="facts">
  <dt>${t("promises.field.status")}</dt><dd>${statusBadge(t, doc.status)}</dd>
  <dt>${t("promises.field.validity")}</dt><dd>${dateRange(ctx.locale, doc.valid_from, doc.valid_to)}</dd>
  ${doc.signed_on || doc.signing_place ? html`<dt>${t("promises.field.signed")}</dt><dd>${signedText(ctx, doc)}</dd>` : ""}
  <dt>${t("promises.field.parties")}</dt><dd>${sv(ctx, doc.parties.map((p) => p.name).join(", "))}</dd>
  ${
    doc.agreement_title
      ? html`<dt>${t("promises.field.agreement")}</dt><dd>${safeLinkTarget(doc.agreement_url) ? html`<a href="${safeLinkTarget(doc.agreement_url)}">${sv(ctx, doc.agreement_title)}</a>` : sv(ctx, doc.agreement_title)}</dd>`
      : ""
  }
</dl>`;
}

/** "Osby, 19 May 2021": the place (content) and the date (in the page's language). */
export function signedText(ctx: PageContext, doc: Pick<DocumentRow, "signing_place" | "signed_on">): SafeHtml {
  const date = doc.signed_on ? formatDate(doc.signed_on, ctx.locale) : null;
  return html`${sv(ctx, doc.signing_place)}${doc.signing_place && date ? ", " : ""}${date}`;
}

export function excerptNote(ctx: PageContext, view: DocumentView): SafeHtml {
  const stated = view.doc.stated_promise_count;
  if (stated === null || stated <= view.promises.length) return html``;
  return html`<p class="notice">${ctx.t("promises.public.excerpt", { shown: view.promises.length, total: stated })}</p>`;
}

/** Where the document stands in time, when it is not the current one: ended (and when), or not begun yet. */
function periodNote(ctx: PageContext, doc: DocumentRow, today: string, isLatest: boolean): SafeHtml {
  const { t } = ctx;
  if (today > doc.valid_to)
    return html`<p class="notice" role="note">${t("promises.public.periodEnded", { date: formatDate(doc.valid_to, ctx.locale) })}${
      isLatest ? html` ${t("promises.public.noNewer")}` : ""
    }</p>`;
  if (today < doc.valid_from)
    return html`<p class="notice" role="note">${t("promises.public.periodUpcoming", { date: formatDate(doc.valid_from, ctx.locale) })}</p>`;
  return html``;
}

export function publicDocumentPage(
  ctx: PageContext,
  input: {
    view: DocumentView;
    /** Indicators other modules name for the promises (shown with each promise). */
    indicators?: readonly PromiseIndicator[];
    /** Its validity period contains today. */
    isCurrent: boolean;
    /** The newest published document (so nothing newer has been published). */
    isLatest: boolean;
    today: string;
    published: readonly DocumentRow[];
    /** Other published versions of the same document (older revisions). */
    versions: readonly DocumentRow[];
    newer: DocumentRow | null;
    map: MapSettings;
  },
): PageOptions {
  const { t } = ctx;
  const { view, published, newer } = input;
  const doc = view.doc;
  const slug = ctx.tenant!.slug;
  const base = publicDocUrl(slug, doc.id);
  const earlier = published.filter((d) => d.id !== doc.id);
  return {
    title: doc.title,
    head: moduleHead(html`<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css"><link rel="canonical" href="${base}">`),
    scripts: ["/static/vendor/leaflet/leaflet.js", "/static/islands/map.js"],
    breadcrumbs: [
      [sv(ctx, ctx.tenant!.name), `/t/${slug}`],
      [t("promises.nav"), `/t/${slug}/medborgarlofte`],
      [sv(ctx, doc.title), null],
    ],
    main: html`<article class="promise-doc">
<h1>${sv(ctx, doc.title)}</h1>
<p class="lead">${input.isCurrent ? t("promises.public.leadCurrent") : t("promises.public.lead")}</p>
${input.isCurrent ? "" : periodNote(ctx, doc, input.today, input.isLatest)}
${newer ? html`<p class="notice" role="note">${t("promises.public.superseded")} <a href="${publicDocUrl(slug, newer.id)}">${sv(ctx, newer.title)}</a></p>` : ""}
${documentFacts(ctx, doc)}
${excerptNote(ctx, view)}
${
  input.versions.length
    ? html`<p>${t("promises.doc.revision", { revision: doc.revision })} · ${t("promises.public.otherVersions")}: ${input.versions.map(
        (d, i) => html`${i ? ", " : ""}<a href="${publicDocUrl(slug, d.id)}">${t("promises.doc.revision", { revision: d.revision })}</a>`,
      )}</p>`
    : ""
}
<ul class="actions">
  <li><a class="button" href="${base}.pdf">${t("promises.public.downloadPdf")}</a></li>
  <li><a class="button secondary" href="${base}/uppfoljning">${t("promises.public.followUpLink")}</a></li>
</ul>
${doc.introduction ? html`<section aria-labelledby="inledning"><h2 id="inledning">${t("promises.doc.introduction")}</h2>${paragraphs(doc.introduction, ctx)}</section>` : ""}
${
  doc.focus_areas.length
    ? html`<section aria-labelledby="fokus"><h2 id="fokus">${t("promises.doc.focusAreas")}</h2><ul>${doc.focus_areas.map((f) => html`<li>${sv(ctx, f)}</li>`)}</ul></section>`
    : ""
}
${
  doc.findings.length
    ? html`<section aria-labelledby="lagesbild"><h2 id="lagesbild">${t("promises.doc.findings")}</h2><ul>${doc.findings.map(
        (f) =>
          html`<li>${sv(ctx, f.text)} <span class="muted">(${t("promises.finding.sourceLabel")}: ${safeLinkTarget(f.ref_url) ? html`<a href="${safeLinkTarget(f.ref_url)}">${t(`promises.source.${f.source}`)}</a>` : t(`promises.source.${f.source}`)})</span></li>`,
      )}</ul></section>`
    : ""
}
<section aria-labelledby="lofte">
  <h2 id="lofte">${t("promises.public.promisesHeading")}</h2>
  ${
    view.promises.length
      ? sections(view).map(
          (s) => html`<section class="promise-section"><h3>${sectionHeadingHtml(ctx, s.owner, doc.parties)}</h3>
  <ol class="promise-list">${s.promises.map((p) => promiseItem(ctx, p, input.indicators))}</ol></section>`,
        )
      : html`<p>${t("promises.public.noPromises")}</p>`
  }
</section>
${activityMap(ctx, view, input.map)}
${
  doc.signatories.length
    ? html`<section aria-labelledby="underskrifter"><h2 id="underskrifter">${t("promises.doc.signatures")}</h2>
  ${doc.signing_place || doc.signed_on ? html`<p>${signedText(ctx, doc)}</p>` : ""}
  <ul class="signatories">${doc.signatories.map(
    (s) =>
      html`<li>${s.name.trim() ? html`<strong>${s.name}</strong>, ` : ""}${sv(ctx, `${s.title}, ${s.organisation}`)}${s.signed_on ? html` (${formatDate(s.signed_on, ctx.locale)})` : ""}</li>`,
  )}</ul></section>`
    : ""
}
</article>
${earlierList(ctx, earlier)}
${openDataLinks(ctx)}`,
  };
}

function earlierList(ctx: PageContext, docs: readonly DocumentRow[]): SafeHtml {
  const { t } = ctx;
  if (docs.length === 0) return html``;
  const slug = ctx.tenant!.slug;
  return html`<section aria-labelledby="tidigare">
  <h2 id="tidigare">${t("promises.public.earlier")}</h2>
  <ul>${docs.map(
    (d) =>
      html`<li><a href="${publicDocUrl(slug, d.id)}">${sv(ctx, d.title)}</a>${d.revision > 1 ? html` (${t("promises.doc.revision", { revision: d.revision })})` : ""} – ${dateRange(ctx.locale, d.valid_from, d.valid_to)} · ${t(
        `promises.status.${d.status}`,
      )}${d.status === "uppfoljt" ? html` · <a href="${publicDocUrl(slug, d.id)}/uppfoljning">${t("promises.public.followUpLink")}</a>` : ""}</li>`,
  )}</ul>
</section>`;
}

function openDataLinks(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const slug = ctx.tenant!.slug;
  return html`<section aria-labelledby="oppna-data">
  <h2 id="oppna-data">${t("promises.public.openData")}</h2>
  <p>${t("promises.public.openDataText")}</p>
  <ul>
    <li><a href="/api/t/${slug}/promises/open-data.json">${t("promises.public.openDataJson")}</a></li>
    <li><a href="/api/t/${slug}/promises/open-data.csv">${t("promises.public.openDataCsv")}</a></li>
    <li><a href="/api/t/${slug}/promises/open-data.csv?format=excel">${t("promises.public.openDataCsvExcel")}</a></li>
  </ul>
</section>`;
}

export function noPromisePage(ctx: PageContext): PageOptions {
  const { t } = ctx;
  return {
    title: t("promises.nav"),
    head: moduleHead(),
    main: html`<h1>${t("promises.nav")}</h1>
<p class="lead">${mixed(ctx, t("promises.public.none", { name: content(ctx.tenant!.name) }))}</p>
<p>${t("promises.public.whatIs")}</p>`,
  };
}

/** The follow-up report: each promise with target, achieved, verdict, reason and key activities. */
export function followUpPage(ctx: PageContext, view: DocumentView, asOf: string): PageOptions {
  const { t } = ctx;
  const doc = view.doc;
  const slug = ctx.tenant!.slug;
  const base = publicDocUrl(slug, doc.id);
  const final = doc.status === "uppfoljt" || (doc.status === "arkiverat" && view.promises.every((p) => p.verdict));
  return {
    title: t("promises.followUp.title", { title: doc.title }),
    head: moduleHead(),
    breadcrumbs: [
      [sv(ctx, ctx.tenant!.name), `/t/${slug}`],
      [sv(ctx, doc.title), base],
      [t("promises.followUp.crumb"), null],
    ],
    main: html`<h1>${mixed(ctx, t("promises.followUp.title", { title: content(doc.title) }))}</h1>
<p class="lead">${final ? t("promises.followUp.leadFinal") : t("promises.followUp.leadPreliminary")}</p>
<dl class="facts"><dt>${t("promises.field.validity")}</dt><dd>${dateRange(ctx.locale, doc.valid_from, doc.valid_to)}</dd>
<dt>${t("promises.followUp.asOf")}</dt><dd><time datetime="${asOf}">${formatDate(asOf, ctx.locale)}</time></dd></dl>
<ul class="actions"><li><a class="button" href="${base}/uppfoljning.pdf">${t("promises.followUp.downloadPdf")}</a></li><li><a href="${base}">${t("promises.followUp.backToDocument")}</a></li></ul>
${doc.followup_summary ? html`<h2>${t("promises.followUp.summary")}</h2>${paragraphs(doc.followup_summary, ctx)}` : ""}
${scrollTable(
  t("promises.followUp.caption"),
  html`<table class="followup">
  <caption>${t("promises.followUp.caption")}</caption>
  <thead><tr>
    <th scope="col">${t("promises.field.number")}</th><th scope="col">${t("promises.field.promise")}</th><th scope="col">${t("promises.field.target")}</th>
    <th scope="col">${t("promises.progress.achieved")}</th><th scope="col">${t("promises.field.verdict")}</th><th scope="col">${t("promises.field.reason")}</th>
  </tr></thead>
  <tbody>${view.promises.map(
    (p) => html`<tr>
    <td>${p.number}</td>
    <td>${sv(ctx, p.text)} <span class="muted">(${ownerHtml(ctx, p.owner, doc.parties)})</span></td>
    <td>${targetHtml(ctx, p.target) ?? t("promises.target.none")}</td>
    <td>${achievedHtml(ctx, p.progress, p.target)}${missedText(t, p.progress, p.target) ? html`<br>${missedText(t, p.progress, p.target)}` : ""}</td>
    <td>${verdictBadge(t, p.verdict)}</td>
    <td>${sv(ctx, p.verdict_reason)}</td>
  </tr>`,
  )}</tbody>
</table>`,
)}
<h2>${t("promises.followUp.keyActivities")}</h2>
${view.promises.map(
  (p) => html`<h3>${t("promises.public.promiseNo", { number: p.number })}: ${sv(ctx, p.text)}</h3>
${
  p.activities.length
    ? html`<ul class="activity-list">${keyActivities(p).map((a) => activityLine(ctx, a))}</ul>${
        p.activities.length > 5 ? html`<p class="muted">${t("promises.followUp.moreCount", { count: p.activities.length - 5 })}</p>` : ""
      }`
    : html`<p class="muted">${t("promises.public.noActivities")}</p>`
}`,
)}`,
  };
}

/** Up to five activities that tell the story: the largest outcomes first, then the latest. */
export function keyActivities(p: PromiseView): PromiseView["activities"] {
  const score = (a: PromiseView["activities"][number]) => a.outcomes.reduce((s, o) => s + o.value, 0);
  return [...p.activities]
    .sort((a, b) => score(b) - score(a) || (a.occurred_on < b.occurred_on ? 1 : -1))
    .slice(0, 5)
    .sort((a, b) => (a.occurred_on < b.occurred_on ? -1 : 1));
}
