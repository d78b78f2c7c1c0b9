// The weekly meeting: the list of meetings and the form to open one; a meeting's page with its
// agenda built from the lägesbild it discusses, the focus areas and notes, each organisation's
// places for next week, the insatser decided (and the form to decide one).
import { confirmForm, csrfField, type FieldErrors, formFields } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { PromiseChoice } from "../../promises/index.ts";
import type { PlaceRow } from "../../tenants/index.ts";
import { classKey } from "../../analysis/index.ts";
import { formatChange } from "../domain/figures.ts";
import type { InsatsView } from "../repo/insatser.ts";
import type { MeetingRow, TargetRow } from "../repo/meetings.ts";
import type { Lagesbild } from "../service/lagesbild.ts";
import type { Category } from "../settings.ts";
import type { FormFields } from "../../../platform/http/forms.ts";
import { badge, breadcrumbs, date, estBase, personalDataNotice, weekTitle } from "./common.ts";
import { INSATS_TONE, placeCell, weekQuery } from "./week.ts";

export function meetingsPage(
  ctx: PageContext,
  p: { meetings: Array<MeetingRow & { insatser: number; targets: number }>; mayManage: boolean; values: Record<string, string>; errors?: FieldErrors },
): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const f = formFields(p.errors);
  const form = p.mayManage
    ? html`<section aria-labelledby="new-meeting"><h2 id="new-meeting">${t("est.meetings.new")}</h2>
  <form method="post" action="${base}/moten" novalidate>
    ${csrfField(ctx)}
    ${f.input({ name: "week", label: t("est.meetings.week"), hint: t("est.meetings.weekHint"), value: p.values.week, required: true })}
    ${f.input({ name: "held_on", type: "date", label: t("est.meetings.heldOn"), value: p.values.held_on, required: true })}
    <button type="submit">${t("est.meetings.create")}</button>
  </form></section>`
    : html``;
  return {
    title: t("est.meetings.title"),
    breadcrumbs: breadcrumbs(ctx, [t("est.meetings.title"), null]),
    main: html`${f.summary(ctx)}<h1>${t("est.meetings.title")}</h1>
<p class="lead">${t("est.meetings.lead")}</p>
${form}
<div class="table-scroll" role="region" aria-labelledby="meetings-caption" tabindex="0">
<table>
  <caption id="meetings-caption">${t("est.meetings.caption", { count: p.meetings.length })}</caption>
  <thead><tr><th scope="col">${t("est.meetings.heldOn")}</th><th scope="col">${t("est.meetings.week")}</th><th scope="col">${t("est.meetings.focus")}</th><th scope="col" class="num">${t("est.meetings.targets")}</th><th scope="col" class="num">${t("est.insatser.title")}</th><th scope="col">${t("est.meetings.status")}</th></tr></thead>
  <tbody>${p.meetings.map(
    (m) =>
      html`<tr><td><a href="${base}/moten/${m.id}">${date(ctx, m.held_on)}</a></td><td>${m.week}</td><td>${m.focus_areas.map((f, i) => html`${i ? ", " : ""}${sv(ctx, f)}`)}</td><td class="num">${m.targets}</td><td class="num">${m.insatser}</td><td>${badge(t(`est.meeting.status.${m.status}`), m.status === "genomfort" ? "ok" : "muted")}</td></tr>`,
  )}</tbody>
</table>
</div>`,
  };
}

export type InsatsFormInput = {
  action: string;
  places: PlaceRow[];
  organisations: Array<{ id: string; name: string }>;
  categories: Category[];
  promises: PromiseChoice[];
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  formError?: string;
  personalData?: Parameters<typeof personalDataNotice>[1];
};

const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** The form that decides an insats (at a meeting, or between meetings); its error summary comes from `f`. */
export function insatsForm(ctx: PageContext, p: InsatsFormInput, f: FormFields): SafeHtml {
  const { t } = ctx;
  const v = p.values;
  const e = f.errors;
  const lang = ctx.locale === "sv" ? {} : { lang: "sv" };
  const chosen = new Set(Array.isArray(v.categories) ? v.categories : v.categories ? [v.categories] : []);
  f.target("categories", t("est.insats.categories"), "cat-0");
  return html`<form method="post" action="${p.action}" novalidate>
  ${csrfField(ctx)}
  ${p.personalData ? personalDataNotice(ctx, p.personalData) : ""}
  ${f.input({ name: "title", label: t("est.insats.title"), hint: t("est.insats.titleHint"), value: text(v.title), required: true })}
  ${f.textarea({ name: "description", label: t("est.insats.description"), value: text(v.description), rows: 3 })}
  ${f.select({ name: "place_id", label: t("est.insats.place"), hint: t("est.insats.placeHint"), value: text(v.place_id), placeholder: t("est.report.choose"), required: true, options: p.places.map((pl) => ({ value: pl.id, label: pl.name, ...lang })) })}
  ${f.input({ name: "radius_m", type: "number", label: t("est.insats.radius"), hint: t("est.insats.radiusHint"), value: text(v.radius_m) || "250", min: "50", max: "5000" })}
  ${f.select({ name: "organisation_id", label: t("est.insats.organisation"), value: text(v.organisation_id), placeholder: t("est.report.choose"), required: true, options: p.organisations.map((o) => ({ value: o.id, label: o.name, ...lang })) })}
  ${f.input({ name: "starts_on", type: "date", label: t("est.insats.startsOn"), value: text(v.starts_on), required: true })}
  ${f.input({ name: "ends_on", type: "date", label: t("est.insats.endsOn"), value: text(v.ends_on), required: true })}
  ${f.select({
    name: "promise_id",
    label: t("est.insats.promise"),
    hint: t("est.insats.promiseHint"),
    value: text(v.promise_id),
    placeholder: t("est.insats.noPromise"),
    options: p.promises.map((pr) => ({ value: pr.id, label: `${pr.documentTitle}: ${pr.number}. ${pr.text.slice(0, 90)}`, ...lang })),
  })}
  <fieldset class="field${e?.categories ? " field--error" : ""}" id="f-categories"><legend>${t("est.insats.categories")}</legend>
    <p class="hint">${t("est.insats.categoriesHint")}</p>
    ${e?.categories ? html`<p class="error-message">${e.categories}</p>` : ""}
    <div class="checkbox-columns">${p.categories
      .filter((c) => c.active)
      .map(
        (c, i) =>
          html`<div class="field field--checkbox"><input type="checkbox" id="cat-${i}" name="categories" value="${c.key}"${chosen.has(c.key) ? html` checked` : ""}><label for="cat-${i}">${c[ctx.locale]}</label></div>`,
      )}</div>
  </fieldset>
  ${f.select({ name: "comparison_place_id", label: t("est.insats.comparison"), hint: t("est.insats.comparisonHint"), value: text(v.comparison_place_id), placeholder: t("est.insats.comparisonSuggest"), options: p.places.map((pl) => ({ value: pl.id, label: pl.name, ...lang })) })}
  <button type="submit">${t("est.insats.decide")}</button>
</form>`;
}

export type MeetingPageInput = {
  meeting: MeetingRow;
  week: number;
  lagesbild: Lagesbild;
  targets: TargetRow[];
  insatser: InsatsView[];
  places: PlaceRow[];
  organisations: Array<{ id: string; name: string }>;
  mayManage: boolean;
  record?: { values: Record<string, string>; errors?: FieldErrors; personalData?: Parameters<typeof personalDataNotice>[1]; conflict?: boolean };
  target?: { values: Record<string, string>; errors?: FieldErrors; personalData?: Parameters<typeof personalDataNotice>[1] };
  insatsForm?: InsatsFormInput;
};

/** The agenda of the meeting, from the lägesbild it discusses. */
function agenda(ctx: PageContext, p: MeetingPageInput): SafeHtml {
  const { t } = ctx;
  const l = p.lagesbild;
  const base = estBase(ctx.tenant!.slug);
  const total = l.totals.reduce((a, x) => a + x.week, 0);
  const mean = l.totals.reduce((a, x) => a + x.previousMean, 0);
  const rising = l.figures.filter((f) => f.week > 0 && f.change >= 2).slice(0, 5);
  const hot = l.hotspots.significant.filter((c) => c.cls > 0).slice(0, 5);
  return html`<section aria-labelledby="agenda-heading" id="dagordning">
  <h2 id="agenda-heading">${t("est.agenda.heading")}</h2>
  <ol class="agenda">
    <li><strong>${t("est.agenda.decisions")}</strong>
      ${
        l.decisions.length
          ? html`<ul>${l.decisions.map((i) => html`<li><a href="${base}/insatser/${i.id}">${sv(ctx, i.title)}</a> (${sv(ctx, i.place_name)}) – ${badge(t(`est.insats.status.${i.status}`), INSATS_TONE[i.status])}</li>`)}</ul>`
          : html`<p>${t("est.agenda.noDecisions")}</p>`
      }</li>
    <li><strong>${t("est.agenda.picture", { week: l.weekLabel })}</strong>
      <p>${t("est.agenda.totals", { total, change: formatChange({ change: total - mean, changePct: mean > 0 ? ((total - mean) / mean) * 100 : null }, ctx.locale) })} <a href="${base}${weekQuery(l.week, "")}">${t("est.agenda.openPicture")}</a></p>
      ${rising.length ? html`<ul>${rising.map((f) => html`<li>${f.source === "polisen" ? sv(ctx, f.category.label.sv) : f.category.label[ctx.locale]}: ${f.week} (${formatChange(f, ctx.locale)})</li>`)}</ul>` : ""}</li>
    <li><strong>${t("est.agenda.places")}</strong>
      ${l.places.length ? html`<ul>${l.places.slice(0, 5).map((pl) => html`<li>${sv(ctx, pl.name)}: ${pl.count}</li>`)}</ul>` : html`<p>${t("est.places.none")}</p>`}</li>
    <li><strong>${t("est.agenda.hotspots")}</strong>
      ${
        l.hotspots.error || l.hotspots.sparse
          ? html`<p>${t("est.agenda.sparse")}</p>`
          : hot.length
            ? html`<ul>${hot.map((c) => html`<li>${t(`analysis.class.${classKey(c.cls)}`)} – ${placeCell(ctx, c.place)} (${c.count})</li>`)}</ul>`
            : html`<p>${t("est.agenda.noHot")}</p>`
      }
      ${l.emerging.withPattern.length ? html`<p>${t("est.agenda.emerging", { count: l.emerging.withPattern.filter((c) => c.pattern.endsWith("_hot")).length })}</p>` : ""}</li>
    <li><strong>${t("est.agenda.focus")}</strong></li>
    <li><strong>${t("est.agenda.targets")}</strong></li>
    <li><strong>${t("est.agenda.newInsatser")}</strong></li>
    <li><strong>${t("est.agenda.other")}</strong></li>
  </ol>
</section>`;
}

export function meetingPage(ctx: PageContext, p: MeetingPageInput): PageOptions {
  const { t } = ctx;
  const m = p.meeting;
  const base = estBase(ctx.tenant!.slug);
  const self = `${base}/moten/${m.id}`;
  const rec = p.record;
  const lang = ctx.locale === "sv" ? {} : { lang: "sv" };
  const fr = formFields(rec?.errors);
  const ft = formFields(p.target?.errors);
  const fi = formFields(p.insatsForm?.errors);
  const decideForm = p.insatsForm ? insatsForm(ctx, p.insatsForm, fi) : html``;
  const byOrg = new Map<string, TargetRow[]>();
  for (const tg of p.targets) byOrg.set(tg.organisation_name, [...(byOrg.get(tg.organisation_name) ?? []), tg]);
  return {
    title: t("est.meeting.title", { week: m.week }),
    breadcrumbs: breadcrumbs(ctx, [t("est.meetings.title"), `${base}/moten`], [m.week, null]),
    main: html`${fr.summary(ctx)}${ft.summary(ctx)}${fi.summary(ctx, p.insatsForm?.formError)}<h1>${t("est.meeting.title", { week: m.week })}</h1>
<p class="lead">${t("est.meeting.lead", { date: date(ctx, m.held_on), week: weekTitle(ctx, p.week) })} ${badge(t(`est.meeting.status.${m.status}`), m.status === "genomfort" ? "ok" : "muted")}</p>
${agenda(ctx, p)}
<section aria-labelledby="record-heading" id="protokoll">
  <h2 id="record-heading">${t("est.meeting.record")}</h2>
  ${rec?.conflict ? html`<p class="notice" role="alert">${t("est.error.conflict")}</p>` : ""}
  <h3>${t("est.meeting.focusAreas")}</h3>
  ${m.focus_areas.length ? html`<ul>${m.focus_areas.map((f) => html`<li>${sv(ctx, f)}</li>`)}</ul>` : html`<p>${t("est.meeting.noFocus")}</p>`}
  ${m.notes ? html`<h3>${t("est.meeting.notes")}</h3><p>${sv(ctx, m.notes)}</p>` : ""}
  ${
    p.mayManage
      ? html`<details${rec?.errors || rec?.personalData ? html` open` : ""}><summary>${t("est.meeting.editRecord")}</summary>
    <form method="post" action="${self}/protokoll" novalidate>
      ${csrfField(ctx)}<input type="hidden" name="version" value="${m.version}">
      ${rec?.personalData ? personalDataNotice(ctx, rec.personalData) : ""}
      ${fr.textarea({ name: "focus_areas", label: t("est.meeting.focusAreas"), hint: t("est.meeting.focusHint"), value: rec?.values.focus_areas ?? m.focus_areas.join("\n"), rows: 4, ...lang })}
      ${fr.textarea({ name: "notes", label: t("est.meeting.notes"), value: rec?.values.notes ?? m.notes, rows: 4, ...lang })}
      <button type="submit">${t("est.meeting.saveRecord")}</button>
    </form></details>
    ${m.status === "planerat" ? html`<form method="post" action="${self}/hallet">${csrfField(ctx)}<input type="hidden" name="version" value="${m.version}"><button type="submit" class="secondary">${t("est.meeting.markHeld")}</button></form>` : ""}`
      : ""
  }
</section>
<section aria-labelledby="targets-heading" id="platser">
  <h2 id="targets-heading">${t("est.meeting.targetsHeading")}</h2>
  ${
    p.targets.length
      ? [...byOrg].map(
          ([org, list]) =>
            html`<h3>${sv(ctx, org)}</h3><ul>${list.map(
              (tg) =>
                html`<li>${sv(ctx, tg.place_name)}${tg.note ? html` – ${sv(ctx, tg.note)}` : ""}${
                  p.mayManage
                    ? html` <form method="post" action="${self}/mal/${tg.id}/ta-bort" class="inline-form">${csrfField(ctx)}<button type="submit" class="link-button">${t("est.meeting.removeTarget")}<span class="visually-hidden"> ${sv(ctx, tg.place_name)}</span></button></form>`
                    : ""
                }</li>`,
            )}</ul>`,
        )
      : html`<p>${t("est.meeting.noTargets")}</p>`
  }
  ${
    p.mayManage
      ? html`<h3>${t("est.meeting.addTarget")}</h3>
  <form method="post" action="${self}/mal" novalidate>
    ${csrfField(ctx)}
    ${p.target?.personalData ? personalDataNotice(ctx, p.target.personalData) : ""}
    ${ft.select({ name: "organisation_id", label: t("est.insats.organisation"), value: p.target?.values.organisation_id ?? "", placeholder: t("est.report.choose"), options: p.organisations.map((o) => ({ value: o.id, label: o.name, ...lang })), required: true, id: "t-organisation_id" })}
    ${ft.select({ name: "place_id", label: t("est.insats.place"), value: p.target?.values.place_id ?? "", placeholder: t("est.meeting.placeOther"), options: p.places.map((pl) => ({ value: pl.id, label: pl.name, ...lang })), id: "t-place_id" })}
    ${ft.input({ name: "place_name", label: t("est.meeting.placeName"), hint: t("est.meeting.placeNameHint"), value: p.target?.values.place_name ?? "", id: "t-place_name" })}
    ${ft.input({ name: "note", label: t("est.meeting.targetNote"), value: p.target?.values.note ?? "", id: "t-note" })}
    <button type="submit" class="secondary">${t("est.meeting.saveTarget")}</button>
  </form>`
      : ""
  }
</section>
<section aria-labelledby="insatser-heading" id="insatser">
  <h2 id="insatser-heading">${t("est.meeting.insatser")}</h2>
  ${
    p.insatser.length
      ? html`<ul>${p.insatser.map(
          (i) =>
            html`<li><a href="${base}/insatser/${i.id}">${sv(ctx, i.title)}</a> – ${sv(ctx, i.place_name)}, ${i.organisation_name ? sv(ctx, i.organisation_name) : "–"}, ${date(ctx, i.starts_on)}–${date(ctx, i.ends_on)} ${badge(t(`est.insats.status.${i.status}`), INSATS_TONE[i.status])}</li>`,
        )}</ul>`
      : html`<p>${t("est.meeting.noInsatser")}</p>`
  }
  ${p.insatsForm ? html`<h3 id="decide-heading">${t("est.meeting.decide")}</h3>${decideForm}` : ""}
</section>`,
  };
}

/** The second step of removing a targeted place: what will happen, and the confirming form. */
export function confirmRemoveTargetPage(
  ctx: PageContext,
  p: { meeting: MeetingRow; target: { id: string; place_name: string; organisation_name: string } },
): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const self = `${base}/moten/${p.meeting.id}`;
  return {
    title: t("est.meeting.confirmRemoveTitle"),
    breadcrumbs: breadcrumbs(ctx, [t("est.meetings.title"), `${base}/moten`], [p.meeting.week, self], [t("est.meeting.confirmRemoveTitle"), null]),
    main: html`<h1>${t("est.meeting.confirmRemoveTitle")}</h1>
<p>${t("est.meeting.confirmRemove", { place: p.target.place_name, organisation: p.target.organisation_name, week: p.meeting.week })}</p>
${confirmForm(ctx, { action: `${self}/mal/${p.target.id}/ta-bort`, fields: {}, confirmLabel: t("est.meeting.removeTarget"), cancelHref: `${self}#platser`, danger: true })}`,
  };
}
