// Insatser: the list, the form for one decided between meetings, one insats with its
// before/after evaluation (figures, the difference-in-differences, the test, the caveats), the
// owner's report (started, done with outcome, cancelled), the comparison area and the history;
// and the tertial/kvartal/year analysis page that lists every insats with its evaluation.
import { csrfField, type FieldErrors, formFields, selectField } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { PlaceRow } from "../../tenants/index.ts";
import { ALPHA, type Evaluation } from "../domain/evaluation.ts";
import { insatsLifecycle } from "../domain/lifecycle.ts";
import { isoDate, type Period } from "../domain/time.ts";
import type { InsatsView } from "../repo/insatser.ts";
import type { InsatsEvaluation } from "../service/evaluation.ts";
import { type EstSettings, categoryLabel } from "../settings.ts";
import type { InsatsStatus } from "../tables.ts";
import { badge, breadcrumbs, date, estBase, type History, historyList, num, personalDataNotice } from "./common.ts";
import { type InsatsFormInput, insatsForm } from "./meetings.ts";
import { INSATS_TONE } from "./week.ts";

function insatsRows(ctx: PageContext, list: readonly InsatsView[], evaluations?: Map<string, InsatsEvaluation>): SafeHtml {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  return html`${list.map((i) => {
    const ev = evaluations?.get(i.id)?.evaluation;
    return html`<tr>
    <th scope="row"><a href="${base}/insatser/${i.id}">${sv(ctx, i.title)}</a></th>
    <td>${sv(ctx, i.place_name)}</td>
    <td>${i.organisation_name ? sv(ctx, i.organisation_name) : "–"}</td>
    <td>${date(ctx, i.starts_on)} – ${date(ctx, i.ends_on)}</td>
    <td>${badge(t(`est.insats.status.${i.status}`), INSATS_TONE[i.status])}</td>
    ${
      evaluations
        ? ev
          ? html`<td class="num">${ev.target.before} → ${ev.target.after}</td><td class="num">${ev.comparison ? `${ev.comparison.before} → ${ev.comparison.after}` : "–"}</td><td class="num">${ev.differenceInDifferences ?? "–"}</td><td>${t(`est.verdict.${ev.verdict}`)}</td>`
          : html`<td colspan="4">–</td>`
        : ""
    }
  </tr>`;
  })}`;
}

export function insatserPage(ctx: PageContext, p: { insatser: InsatsView[]; status: string; mayCreate: boolean }): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  return {
    title: t("est.insatser.title"),
    breadcrumbs: breadcrumbs(ctx, [t("est.insatser.title"), null]),
    main: html`<h1>${t("est.insatser.title")}</h1>
<p class="lead">${t("est.insatser.lead")}</p>
<ul class="actions">
  ${p.mayCreate ? html`<li><a class="button" href="${base}/insatser/ny">${t("est.insatser.new")}</a></li>` : ""}
  <li><a href="${base}/analys">${t("est.analysis.title")}</a></li>
</ul>
<form method="get" action="${base}/insatser" class="filters">
  ${selectField({ name: "status", label: t("est.insats.statusLabel"), value: p.status, placeholder: t("est.reports.all"), options: insatsLifecycle.states.map((s) => ({ value: s, label: t(`est.insats.status.${s}`) })) })}
  <button type="submit" class="secondary">${t("est.reports.filter")}</button>
</form>
<div class="table-scroll" role="region" aria-labelledby="insatser-caption" tabindex="0">
<table>
  <caption id="insatser-caption">${t("est.insatser.caption", { count: p.insatser.length })}</caption>
  <thead><tr><th scope="col">${t("est.insats.what")}</th><th scope="col">${t("est.insats.where")}</th><th scope="col">${t("est.insats.who")}</th><th scope="col">${t("est.insats.when")}</th><th scope="col">${t("est.insats.statusLabel")}</th></tr></thead>
  <tbody>${insatsRows(ctx, p.insatser)}</tbody>
</table>
</div>`,
  };
}

export function newInsatsPage(ctx: PageContext, form: InsatsFormInput): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const f = formFields(form.errors);
  const body = insatsForm(ctx, form, f);
  return {
    title: t("est.insatser.new"),
    breadcrumbs: breadcrumbs(ctx, [t("est.insatser.title"), `${base}/insatser`], [t("est.insatser.new"), null]),
    main: html`${f.summary(ctx, form.formError)}<h1>${t("est.insatser.new")}</h1>
<p class="lead">${t("est.insatser.newLead")}</p>
${body}`,
  };
}

/** The evaluation of one insats: periods, counts, difference-in-differences, tests, verdict, caveats. */
export function evaluationSection(ctx: PageContext, ev: InsatsEvaluation, settings: EstSettings, headingLevel: 2 | 3 = 2): SafeHtml {
  const { t } = ctx;
  const e: Evaluation = ev.evaluation;
  const h = (s: string) => (headingLevel === 2 ? html`<h2 id="evaluation-heading">${s}</h2>` : html`<h3>${s}</h3>`);
  const period = (r: { from: number; to: number }) => `${date(ctx, isoDate(r.from))} – ${date(ctx, isoDate(r.to - 1))}`;
  const area = (a: { name: string; shape: "polygon" | "circle"; radius: number | null }) =>
    html`${sv(ctx, a.name)} (${a.shape === "polygon" ? t("est.evaluation.polygon") : t("est.evaluation.circle", { radius: a.radius ?? 0 })})`;
  const p = (x: number | null) => (x === null ? "–" : x < 0.001 ? "< 0,001" : num(ctx, x, 3));
  return html`<section aria-labelledby="evaluation-heading" class="evaluation">
  ${h(t("est.evaluation.heading"))}
  <p><strong>${t(`est.verdict.${e.verdict}`)}</strong> – ${t(`est.verdict.${e.verdict}.explain`, { alpha: ALPHA })}</p>
  <dl class="facts">
    <dt>${t("est.evaluation.before")}</dt><dd>${period(e.periods.before)}</dd>
    <dt>${t("est.evaluation.after")}</dt><dd>${period(e.periods.after)} (${t("est.evaluation.days", { days: e.periods.days })})</dd>
    <dt>${t("est.evaluation.target")}</dt><dd>${area(ev.target)}</dd>
    <dt>${t("est.evaluation.comparison")}</dt><dd>${ev.comparison ? html`${area(ev.comparison)}${ev.comparison.suggested ? html` – ${t("est.evaluation.suggested")}` : ""}` : t("est.evaluation.noComparison")}</dd>
    <dt>${t("est.evaluation.categories")}</dt><dd>${ev.categories.length ? ev.categories.map((c) => categoryLabel(settings, c, ctx.locale)).join(", ") : t("est.evaluation.allCategories")}</dd>
  </dl>
  <div class="table-scroll" role="region" aria-labelledby="eval-caption-${ev.insatsId}" tabindex="0">
  <table>
    <caption id="eval-caption-${ev.insatsId}">${t("est.evaluation.caption")}</caption>
    <thead><tr><th scope="col">${t("est.evaluation.area")}</th><th scope="col" class="num">${t("est.evaluation.before")}</th><th scope="col" class="num">${t("est.evaluation.after")}</th><th scope="col" class="num">${t("est.evaluation.difference")}</th></tr></thead>
    <tbody>
      <tr><th scope="row">${t("est.evaluation.target")}</th><td class="num">${e.target.before}</td><td class="num">${e.target.after}</td><td class="num">${e.change}</td></tr>
      ${e.comparison ? html`<tr><th scope="row">${t("est.evaluation.comparison")}</th><td class="num">${e.comparison.before}</td><td class="num">${e.comparison.after}</td><td class="num">${e.comparison.after - e.comparison.before}</td></tr>` : ""}
    </tbody>
  </table>
  </div>
  <dl class="facts">
    <dt>${t("est.evaluation.did")}</dt><dd>${e.differenceInDifferences ?? "–"}</dd>
    <dt>${t("est.evaluation.ratio")}</dt><dd>${num(ctx, e.rateRatio, 2)}${e.ratioOfRatios !== null ? html` (${t("est.evaluation.relative", { ratio: num(ctx, e.ratioOfRatios, 2) })})` : ""}</dd>
    <dt>${t("est.evaluation.pTarget")}</dt><dd>${p(e.pTarget)}</dd>
    <dt>${t("est.evaluation.pComparison")}</dt><dd>${p(e.pComparison)}</dd>
  </dl>
  <h${headingLevel + 1}>${t("est.evaluation.caveatsHeading")}</h${headingLevel + 1}>
  <ul>${e.caveats.map((c) => html`<li>${t(`est.caveat.${c}`)}</li>`)}</ul>
</section>`;
}

export type InsatsPageInput = {
  insats: InsatsView;
  evaluation: InsatsEvaluation;
  settings: EstSettings;
  history: History;
  places: PlaceRow[];
  promise: { id: string; text: string; documentId: string; documentTitle: string } | null;
  may: { report: boolean; manage: boolean };
  status?: { values: Record<string, string>; errors?: FieldErrors; formError?: string; personalData?: Parameters<typeof personalDataNotice>[1] };
  conflict?: boolean;
  promiseNotice?: string;
};

export function insatsPage(ctx: PageContext, p: InsatsPageInput): PageOptions {
  const { t } = ctx;
  const i = p.insats;
  const base = estBase(ctx.tenant!.slug);
  const self = `${base}/insatser/${i.id}`;
  const slug = ctx.tenant!.slug;
  const next = insatsLifecycle.transitionsFrom(i.status).map((tr) => ({ tr, to: insatsLifecycle.target(i.status, tr) as InsatsStatus }));
  const allowed = next.filter((x) => (x.tr === "cancel" || x.tr === "reopen" ? p.may.manage : p.may.report));
  const describe = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return "–";
    if (field === "status") return t(`est.insats.status.${value}`);
    if (field === "comparison_place_id") return p.places.find((pl) => pl.id === value)?.name ?? String(value);
    return String(value);
  };
  const s = p.status;
  const f = formFields(s?.errors);
  const statusForm = allowed.length
    ? html`<section aria-labelledby="status-heading">
  <h2 id="status-heading">${t("est.insats.report")}</h2>
  <form method="post" action="${self}/status" novalidate>
    ${csrfField(ctx)}<input type="hidden" name="version" value="${i.version}">
    ${s?.personalData ? personalDataNotice(ctx, s.personalData) : ""}
    ${f.select({ name: "status", label: t("est.insats.newStatus"), value: s?.values.status ?? allowed[0]!.to, options: allowed.map((x) => ({ value: x.to, label: t(`est.insats.transition.${x.tr}`) })) })}
    ${f.textarea({ name: "outcome", label: t("est.insats.outcome"), hint: t("est.insats.outcomeHint"), value: s?.values.outcome ?? "", rows: 3, ...(ctx.locale === "sv" ? {} : { lang: "sv" }) })}
    ${f.input({ name: "done_on", type: "date", label: t("est.insats.doneOn"), hint: t("est.insats.doneOnHint"), value: s?.values.done_on ?? "" })}
    <button type="submit">${t("est.insats.saveStatus")}</button>
  </form>
</section>`
    : html``;
  return {
    title: i.title,
    breadcrumbs: breadcrumbs(ctx, [t("est.insatser.title"), `${base}/insatser`], [i.title, null]),
    main: html`${f.summary(ctx, s?.formError)}<h1>${sv(ctx, i.title)}</h1>
${p.conflict ? html`<p class="notice" role="alert">${t("est.error.conflict")}</p>` : ""}
${p.promiseNotice ? html`<p class="notice" role="status">${p.promiseNotice}</p>` : ""}
<dl class="facts">
  <dt>${t("est.insats.statusLabel")}</dt><dd>${badge(t(`est.insats.status.${i.status}`), INSATS_TONE[i.status])}${i.done_on ? html` (${date(ctx, i.done_on)})` : ""}</dd>
  <dt>${t("est.insats.where")}</dt><dd>${sv(ctx, i.place_name)}</dd>
  <dt>${t("est.insats.who")}</dt><dd>${i.organisation_name ? sv(ctx, i.organisation_name) : "–"}</dd>
  <dt>${t("est.insats.when")}</dt><dd>${date(ctx, i.starts_on)} – ${date(ctx, i.ends_on)}</dd>
  ${i.description ? html`<dt>${t("est.insats.description")}</dt><dd>${sv(ctx, i.description)}</dd>` : ""}
  <dt>${t("est.insats.promise")}</dt><dd>${
    p.promise
      ? html`<a href="/t/${slug}/arbete/medborgarloften/${p.promise.documentId}#lofte-${p.promise.id}">${sv(ctx, p.promise.text)}</a> (${sv(ctx, p.promise.documentTitle)})`
      : t("est.insats.noPromise")
  }${i.activity_id ? html` – ${t("est.insats.activityLogged")}` : ""}</dd>
  ${i.meeting_week ? html`<dt>${t("est.insats.decidedAt")}</dt><dd><a href="${base}/moten/${i.meeting_id}">${t("est.meeting.title", { week: i.meeting_week })}</a></dd>` : ""}
  ${i.outcome ? html`<dt>${t("est.insats.outcome")}</dt><dd>${sv(ctx, i.outcome)}</dd>` : ""}
</dl>
${statusForm}
${evaluationSection(ctx, p.evaluation, p.settings)}
${
  p.may.manage
    ? html`<section aria-labelledby="comparison-heading">
  <h2 id="comparison-heading">${t("est.insats.chooseComparison")}</h2>
  <form method="post" action="${self}/jamforelse" novalidate>
    ${csrfField(ctx)}<input type="hidden" name="version" value="${i.version}">
    ${selectField({ name: "comparison_place_id", label: t("est.insats.comparison"), value: i.comparison_place_id ?? "", placeholder: t("est.insats.comparisonSuggest"), options: p.places.filter((pl) => pl.id !== i.place_id).map((pl) => ({ value: pl.id, label: pl.name, ...(ctx.locale === "sv" ? {} : { lang: "sv" }) })) })}
    <button type="submit" class="secondary">${t("est.insats.saveComparison")}</button>
  </form>
</section>`
    : ""
}
<section aria-labelledby="history-heading">
  <h2 id="history-heading">${t("est.history.heading")}</h2>
  ${historyList(ctx, p.history, describe)}
</section>`,
  };
}

export type AnalysisPageInput = {
  period: Period;
  kind: "tertial" | "kvartal";
  periods: Period[];
  insatser: InsatsView[];
  evaluations: Map<string, InsatsEvaluation>;
  figures: Array<{ source: string; sourceLabel: string; category: string; label: string; period: number; previous: number; lastYear: number }>;
  settings: EstSettings;
};

export function analysisPage(ctx: PageContext, p: AnalysisPageInput): PageOptions {
  const { t } = ctx;
  const base = estBase(ctx.tenant!.slug);
  const verdicts = new Map<string, number>();
  for (const ev of p.evaluations.values()) verdicts.set(ev.evaluation.verdict, (verdicts.get(ev.evaluation.verdict) ?? 0) + 1);
  return {
    title: `${t("est.analysis.title")} ${p.period.label}`,
    breadcrumbs: breadcrumbs(ctx, [t("est.analysis.title"), null]),
    main: html`<h1>${t(`est.analysis.heading.${p.period.kind}`, { label: p.period.label })}</h1>
<p class="lead">${t("est.analysis.lead", { from: date(ctx, p.period.first), to: date(ctx, p.period.last) })}</p>
<nav aria-label="${t("est.analysis.periods")}"><ul class="actions">${p.periods.map(
      (x) => html`<li><a href="${base}/analys?period=${x.label}"${x.label === p.period.label ? html` aria-current="page"` : ""}>${x.label}</a></li>`,
    )}</ul></nav>
<section aria-labelledby="period-figures">
  <h2 id="period-figures">${t("est.analysis.figures")}</h2>
  <div class="table-scroll" role="region" aria-labelledby="period-caption" tabindex="0">
  <table>
    <caption id="period-caption">${t("est.analysis.figuresCaption")}</caption>
    <thead><tr><th scope="col">${t("est.figures.category")}</th><th scope="col">${t("est.figures.source")}</th><th scope="col" class="num">${t("est.analysis.period")}</th><th scope="col" class="num">${t("est.analysis.previous")}</th><th scope="col" class="num">${t("est.analysis.lastYear")}</th></tr></thead>
    <tbody>${p.figures.map(
      (f) =>
        html`<tr><th scope="row">${f.source === "polisen" ? sv(ctx, f.label) : f.label}</th><td>${f.sourceLabel}</td><td class="num">${f.period}</td><td class="num">${f.previous}</td><td class="num">${f.lastYear}</td></tr>`,
    )}</tbody>
  </table>
  </div>
</section>
<section aria-labelledby="period-insatser">
  <h2 id="period-insatser">${t("est.analysis.insatser", { count: p.insatser.length })}</h2>
  <p>${t("est.analysis.insatserLead")}</p>
  ${verdicts.size ? html`<ul>${[...verdicts].map(([v, n]) => html`<li>${t(`est.verdict.${v}`)}: ${n}</li>`)}</ul>` : ""}
  <div class="table-scroll" role="region" aria-labelledby="analysis-caption" tabindex="0">
  <table>
    <caption id="analysis-caption">${t("est.analysis.caption")}</caption>
    <thead><tr><th scope="col">${t("est.insats.what")}</th><th scope="col">${t("est.insats.where")}</th><th scope="col">${t("est.insats.who")}</th><th scope="col">${t("est.insats.when")}</th><th scope="col">${t("est.insats.statusLabel")}</th><th scope="col" class="num">${t("est.evaluation.target")}</th><th scope="col" class="num">${t("est.evaluation.comparison")}</th><th scope="col" class="num">${t("est.evaluation.did")}</th><th scope="col">${t("est.evaluation.verdict")}</th></tr></thead>
    <tbody>${insatsRows(ctx, p.insatser, p.evaluations)}</tbody>
  </table>
  </div>
  <p class="muted">${t("est.analysis.caveat")}</p>
</section>`,
  };
}
