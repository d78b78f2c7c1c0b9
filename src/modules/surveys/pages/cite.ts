// Staff page for taking a survey result into the promise: cite it as a lägesbild finding of a
// draft (the text is made from the figure and can be edited; the link goes to the result on the
// public page), or name the item as the indicator of a promise. Two steps without JavaScript:
// choose item and area, then choose where it goes.
import { contentLang, type FieldErrors, errorSummary, selectField, textareaField } from "../../../platform/http/forms.ts";
import { html, mixed, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { DraftChoice, PromiseLineageChoice } from "../../promises/index.ts";
import type { ItemDef } from "../domain/definition.ts";
import type { SurveyRow } from "../repo/surveys.ts";
import type { IndicatorView } from "../service/cite.ts";
import type { Area } from "../service/results.ts";
import { plain } from "./format.ts";
import { actionForm, crumbs } from "./staff.ts";
import { staffBase, surveyStaffUrl } from "./urls.ts";

export type CiteInput = {
  survey: SurveyRow;
  items: readonly ItemDef[];
  areas: readonly Area[];
  chosen: { item: ItemDef; area: Area | null } | null;
  text: string | null;
  refUrl: string | null;
  drafts: readonly DraftChoice[];
  promises: readonly PromiseLineageChoice[];
  indicators: readonly IndicatorView[];
  values: Record<string, string>;
  errors?: FieldErrors;
};

export function citePage(ctx: PageContext, p: CiteInput): PageOptions {
  const { t, locale } = ctx;
  const slug = ctx.tenant!.slug;
  const url = `${surveyStaffUrl(slug, p.survey.id)}/citera`;
  const areaOptions = [{ value: "", label: t("surveys.results.total") }, ...p.areas.map((a) => ({ value: a.slug, label: a.name, lang: contentLang(ctx) }))];
  return {
    title: t("surveys.cite.title"),
    breadcrumbs: crumbs(ctx, [
      [sv(ctx, p.survey.title), surveyStaffUrl(slug, p.survey.id)],
      [t("surveys.cite.title"), null],
    ]),
    main: html`<h1>${t("surveys.cite.title")}</h1>
<p class="lead">${t("surveys.cite.lead")}</p>
${errorSummary(ctx, p.errors)}
<form method="get" action="${url}" class="survey-choose">
${selectField({ name: "fraga", id: "f-fraga", label: t("surveys.cite.item"), value: p.values.fraga, options: p.items.map((i) => ({ value: i.key, label: plain(locale, i.text) })) })}
${selectField({ name: "omrade", id: "f-omrade", label: t("surveys.cite.area"), value: p.values.omrade ?? "", options: areaOptions })}
<button type="submit" class="secondary">${t("surveys.cite.choose")}</button>
</form>
${
  p.chosen
    ? html`<section aria-labelledby="finding-h"><h2 id="finding-h">${t("surveys.cite.findingHeading")}</h2>
${
  p.text === null
    ? html`<p>${t("surveys.cite.noFigure")}</p>`
    : p.drafts.length === 0
      ? html`<p>${t("surveys.cite.noDrafts")}</p>`
      : html`<form method="post" action="${url}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="fraga" value="${p.chosen.item.key}">
<input type="hidden" name="omrade" value="${p.chosen.area?.slug ?? ""}">
${textareaField({ name: "text", label: t("surveys.cite.text"), hint: t("surveys.cite.textHint"), value: p.values.text ?? p.text, rows: 4, errors: p.errors, lang: contentLang(ctx) })}
<p>${t("surveys.cite.link")}: <a href="${p.refUrl ?? ""}">${p.refUrl}</a></p>
${selectField({ name: "document_id", label: t("surveys.cite.document"), value: p.values.document_id, options: p.drafts.map((d) => ({ value: d.id, label: d.title, lang: contentLang(ctx) })), errors: p.errors })}
<button type="submit">${t("surveys.cite.submit")}</button>
</form>`
}
</section>
<section aria-labelledby="indicator-h"><h2 id="indicator-h">${t("surveys.indicator.heading")}</h2>
<p>${t("surveys.indicator.lead")}</p>
${
  p.promises.length
    ? html`<form method="post" action="${staffBase(slug)}/indikator" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="fraga" value="${p.chosen.item.key}">
<input type="hidden" name="omrade" value="${p.chosen.area?.slug ?? ""}">
<input type="hidden" name="tillbaka" value="${url}?fraga=${p.chosen.item.key}&omrade=${p.chosen.area?.slug ?? ""}">
${selectField({ name: "promise", label: t("surveys.indicator.promise"), value: p.values.promise, options: p.promises.map((x) => ({ value: x.lineageId, label: `${x.documentTitle}: ${x.text.slice(0, 120)}`, lang: contentLang(ctx) })), errors: p.errors })}
<button type="submit">${t("surveys.indicator.submit")}</button>
</form>`
    : html`<p>${t("surveys.indicator.noPromises")}</p>`
}
</section>`
    : ""
}
<section aria-labelledby="indicators-h"><h2 id="indicators-h">${t("surveys.indicator.listHeading")}</h2>
${
  p.indicators.length
    ? html`<ul>${p.indicators.map(
        (i) =>
          html`<li>${sv(ctx, i.promiseText ?? "")} ${i.documentTitle ? html`<span class="muted">(${sv(ctx, i.documentTitle)})</span>` : ""} – <a href="${i.href}">${mixed(ctx, i.label)}</a>${
            i.latest ? html`: ${i.latest.year} ${i.latest.text}` : ""
          } ${actionForm(ctx, `${staffBase(slug)}/indikator/${i.id}/ta-bort`, t("surveys.indicator.remove"), 1, { danger: true })}</li>`,
      )}</ul>`
    : html`<p>${t("surveys.indicator.none")}</p>`
}
</section>`,
  };
}
